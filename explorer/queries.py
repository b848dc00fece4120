"""The saved-query catalogue: ``cypher/NAME.cypher`` files with a header, parsed once."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explorer.config import CYPHER_DIR
from explorer.errors import InvalidInput, UsageError

__all__ = ["PARAM_TYPES", "Param", "SavedQuery", "load_catalogue", "parse_value"]

#: Parameter types a header may declare; the explorer builds its form from them.
PARAM_TYPES = ("string", "int", "float", "bool", "entity", "country", "kind", "status")

_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*\((?P<type>\w+)\)\s*(?:=\s*(?P<default>[^:]*?))?\s*(?::\s*(?P<help>.*))?$"
)


@dataclass(frozen=True, slots=True)
class Param:
    """A query parameter: name, type, default (``None``: required) and a line of help."""

    name: str
    type: str
    default: Any
    help: str = ""

    @property
    def required(self) -> bool:
        return self.default is None

    def convert(self, value: Any) -> Any:
        """``value`` (text from a flag, URL or form, or already typed) as this parameter's type."""
        if self.type in ("int", "float"):
            try:
                number = float(value) if self.type == "float" else int(str(value).strip())
            except (TypeError, ValueError):
                what = "a whole number" if self.type == "int" else "a number"
                raise InvalidInput(f"parameter {self.name} must be {what}, not {value!r}") from None
            return number
        if self.type == "bool":
            text = str(value).strip().lower()
            if text in ("true", "1", "yes", "on", "oui"):
                return True
            if text in ("false", "0", "no", "off", "non"):
                return False
            raise InvalidInput(f"parameter {self.name} must be true or false, not {value!r}")
        return str(value).strip()

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "default": self.default,
                "required": self.required, "help": self.help}  # fmt: skip


@dataclass(frozen=True, slots=True)
class SavedQuery:
    """A named, described, parameterised read-only query."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path

    def bind(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Parameters for a run: ``given`` converted to their types, defaults for the rest."""
        known = {p.name for p in self.params}
        unknown = sorted(set(given) - known)
        if unknown:
            raise UsageError(
                f"query {self.name} has no parameter {', '.join(unknown)}",
                f"its parameters: {', '.join(sorted(known)) or 'none'}",
            )
        bound: dict[str, Any] = {}
        for p in self.params:
            if p.name in given and given[p.name] not in (None, ""):
                bound[p.name] = p.convert(given[p.name])
            elif p.required:
                raise UsageError(f"query {self.name} needs -p {p.name}=...", p.help or None)
            else:
                bound[p.name] = p.default
        return bound

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "description": self.description,
                "parameters": [p.as_dict() for p in self.params]}  # fmt: skip


def parse_query_file(path: Path) -> SavedQuery:
    """Read one saved query; its header is the leading ``//`` comment lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    fields: dict[str, str] = {}
    params: list[Param] = []
    body_start = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped.startswith("//"):
            body_start = i
            break
        body_start = i + 1
        content = stripped[2:].strip()
        key, sep, value = content.partition(":")
        key = key.strip().lower()
        if not sep:
            if content and fields.get("description") is not None:
                fields["description"] += " " + content
            continue
        if key == "param":
            params.append(_param(path, value.strip()))
        elif key in ("title", "description"):
            fields[key] = value.strip()
        elif fields.get("description") is not None and key not in ("title",):
            fields["description"] += " " + content
    text = "\n".join(lines[body_start:]).strip().rstrip(";").strip()
    for required in ("title", "description"):
        if not fields.get(required):
            raise InvalidInput(f"{path.name}: the header has no {required}:")
    if not text:
        raise InvalidInput(f"{path.name}: no query after the header")
    return SavedQuery(path.stem, fields["title"], fields["description"], tuple(params), text, path)


def _param(path: Path, spec: str) -> Param:
    match = _PARAM.match(spec)
    if not match:
        raise InvalidInput(
            f"{path.name}: cannot read parameter {spec!r}; write 'name (type) = default : help'"
        )
    ptype = match.group("type").lower()
    if ptype not in PARAM_TYPES:
        raise InvalidInput(f"{path.name}: parameter type {ptype!r} is not one of {', '.join(PARAM_TYPES)}")
    param = Param(match.group("name"), ptype, None, (match.group("help") or "").strip())
    default = match.group("default")
    if default is not None and default.strip() != "":
        param = Param(param.name, ptype, param.convert(default.strip().strip("\"'")), param.help)
    return param


def load_catalogue(folder: Path = CYPHER_DIR) -> dict[str, SavedQuery]:
    """Every saved query in ``folder`` (not its subfolders), by name."""
    return {q.name: q for q in (parse_query_file(p) for p in sorted(folder.glob("*.cypher")))}


def parse_value(text: str) -> Any:
    """A ``-p`` value for an ad-hoc query: a JSON literal (42, true, [1,2], "x") or plain text."""
    try:
        return json.loads(text)
    except ValueError:
        return text
