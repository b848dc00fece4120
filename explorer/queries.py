"""The saved-query catalogue: ``cypher/NAME.cypher`` files with a header, parsed once."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from explorer import model, resolve
from explorer.errors import InvalidInput, UsageError
from explorer.model import FactDate, Lang
from explorer.resolve import ANY, Resolver
from explorer.resources import cypher_dir

__all__ = [
    "INT_RANGE",
    "PARAM_TYPES",
    "WORD_TYPES",
    "Param",
    "SavedQuery",
    "load_catalogue",
    "parse_query_file",
    "parse_value",
]

#: Parameter types a header may declare; the explorer builds its form from them. ``entity`` may
#: name the kinds it takes: ``entity:Cluster`` or ``entity:Cluster|Alliance``.
PARAM_TYPES = (
    "string", "int", "float", "bool", "entity", "country", "kind", "status", "evidence", "type", "date",
)  # fmt: skip
#: Types whose parameter may say "any" (no filter): their words resolve to the model's own.
WORD_TYPES = {
    "country": resolve.country,
    "kind": resolve.kind,
    "status": resolve.status,
    "evidence": resolve.evidence,
    "type": resolve.rel_type,
}
#: Integers are 64-bit in Neo4j.
INT_RANGE = (-(2**63), 2**63 - 1)

_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*\((?P<type>\w+)(?::(?P<kinds>[A-Za-z|]+))?\)\s*"
    r"(?:=\s*(?P<default>[^:]*?))?\s*(?::\s*(?P<help>.*))?$"
)
#: A parameter's French words: ``name (libellé) : aide``.
_PARAM_FR = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*\((?P<label>[^()]+)\)\s*(?::\s*(?P<help>.*))?$")
#: The header's text fields; a line without a key continues the last of them.
_TEXT_FIELDS = ("title", "description", "title_fr", "description_fr")


@dataclass(frozen=True, slots=True)
class Param:
    """A query parameter: name, type, default (``None``: required) and a line of help."""

    name: str
    type: str
    default: Any
    help: str = ""
    #: For an entity parameter: the kinds it takes (empty: any).
    kinds: tuple[str, ...] = ()
    #: The form's label and help in French (``param_fr:``); empty: none given.
    label_fr: str = ""
    help_fr: str = ""

    def label(self, lang: Lang = "en") -> str:
        """The form's label: the name's words in English ("min countries"), the French label in French."""
        if lang == "fr" and self.label_fr:
            return self.label_fr
        return self.name.replace("_", " ")

    def help_in(self, lang: Lang = "en") -> str:
        return self.help_fr if lang == "fr" and self.help_fr else self.help

    @property
    def required(self) -> bool:
        return self.default is None

    @property
    def takes_any(self) -> bool:
        """Whether "any" (no filter) is a value of this parameter."""
        return self.type in WORD_TYPES and self.default == ANY

    def convert(self, value: Any, resolver: Resolver | None = None) -> Any:
        """``value`` (text from a flag, URL or form, or already typed) as this parameter's type:
        numbers checked, words resolved (English or French), entities found by id or name."""
        if self.type in ("int", "float"):
            return self._number(value)
        if self.type == "bool":
            text = str(value).strip().lower()
            if text in ("true", "1", "yes", "on", "oui", "vrai"):
                return True
            if text in ("false", "0", "no", "off", "non", "faux"):
                return False
            raise InvalidInput(f"parameter {self.name} must be true or false, not {value!r}")
        text = str(value).strip()
        if self.type == "date":
            return self._date(text)
        if self.type in WORD_TYPES:
            if self.takes_any and resolve.is_any(text):
                return ANY
            return WORD_TYPES[self.type](text)
        if self.type == "entity":
            if resolver is None:
                return text
            return resolver.entity(text, self.kinds).id
        return text

    def _date(self, text: str) -> str:
        """A date as ISO text as precise as written ("2015", "2015-03", "2015-03-03"); "" for any
        date (``any``, or nothing). A query tests a tie with ``since <= $d + '~'`` and
        ``until + '~' >= $d`` (the spans meet)."""
        if not text or resolve.is_any(text):
            return ""
        try:
            return FactDate.parse(text).iso()
        except ValueError as e:
            raise InvalidInput(f"parameter {self.name}: {e}") from None

    def _number(self, value: Any) -> int | float:
        what = "a whole number" if self.type == "int" else "a number"
        try:
            number: int | float = float(value) if self.type == "float" else int(str(value).strip())
        except (TypeError, ValueError, OverflowError):
            raise InvalidInput(f"parameter {self.name} must be {what}, not {value!r}") from None
        low, high = INT_RANGE
        if isinstance(number, float) and not math.isfinite(number):
            raise InvalidInput(f"parameter {self.name} must be a finite number, not {value!r}")
        if isinstance(number, int) and not low <= number <= high:
            raise InvalidInput(f"parameter {self.name} must be a whole number of at most 19 digits")
        return number

    def as_dict(self) -> dict[str, Any]:
        found = {
            "name": self.name,
            "type": self.type,
            "default": self.default,
            "required": self.required,
            "help": self.help,
        }
        if self.kinds:
            found["kinds"] = list(self.kinds)
        return found


@dataclass(frozen=True, slots=True)
class SavedQuery:
    """A named, described, parameterised read-only query."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path
    #: The title and description in French (``title_fr:``, ``description_fr:``); empty: none given.
    title_fr: str = ""
    description_fr: str = ""

    def title_in(self, lang: Lang = "en") -> str:
        return self.title_fr if lang == "fr" and self.title_fr else self.title

    def description_in(self, lang: Lang = "en") -> str:
        return self.description_fr if lang == "fr" and self.description_fr else self.description

    def bind(self, given: Mapping[str, Any], resolver: Resolver | None = None) -> dict[str, Any]:
        """Parameters for a run: ``given`` converted to their types (entities resolved with
        ``resolver``), defaults for the rest."""
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
                bound[p.name] = p.convert(given[p.name], resolver)
            elif p.required:
                raise UsageError(f"query {self.name} needs -p {p.name}=...", p.help or None)
            else:
                bound[p.name] = p.default
        return bound

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "parameters": [p.as_dict() for p in self.params],
        }


def parse_query_file(path: Path) -> SavedQuery:
    """Read one saved query; its header is the leading ``//`` comment lines: ``title:``,
    ``description:`` (going on over the lines without a key), ``param:`` lines, and their French
    ``title_fr:``, ``description_fr:`` and ``param_fr: name (libellé) : aide``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    fields: dict[str, str] = {}
    params: list[Param] = []
    french: dict[str, tuple[str, str]] = {}
    last = ""
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
        if key == "param" and sep:
            params.append(_param(path, value.strip()))
        elif key == "param_fr" and sep:
            name, label, help_ = _param_fr(path, value.strip())
            french[name] = (label, help_)
        elif key in _TEXT_FIELDS and sep:
            fields[key] = value.strip()
            last = key
        elif content and last in ("description", "description_fr"):
            fields[last] += " " + content
    text = "\n".join(lines[body_start:]).strip().rstrip(";").strip()
    for required in ("title", "description"):
        if not fields.get(required):
            raise InvalidInput(f"{path.name}: the header has no {required}:")
    if not text:
        raise InvalidInput(f"{path.name}: no query after the header")
    unknown = sorted(set(french) - {p.name for p in params})
    if unknown:
        raise InvalidInput(f"{path.name}: param_fr names no parameter of the query: {', '.join(unknown)}")
    params = [
        replace(p, label_fr=french[p.name][0], help_fr=french[p.name][1]) if p.name in french else p
        for p in params
    ]
    return SavedQuery(
        path.stem,
        fields["title"],
        fields["description"],
        tuple(params),
        text,
        path,
        fields.get("title_fr", ""),
        fields.get("description_fr", ""),
    )


def _param_fr(path: Path, spec: str) -> tuple[str, str, str]:
    match = _PARAM_FR.match(spec)
    if not match:
        raise InvalidInput(f"{path.name}: cannot read {spec!r}; write 'param_fr: name (libellé) : aide'")
    return match.group("name"), match.group("label").strip(), (match.group("help") or "").strip()


def _param(path: Path, spec: str) -> Param:
    match = _PARAM.match(spec)
    if not match:
        raise InvalidInput(
            f"{path.name}: cannot read parameter {spec!r}; write 'name (type) = default : help'"
        )
    ptype = match.group("type").lower()
    if ptype not in PARAM_TYPES:
        raise InvalidInput(f"{path.name}: parameter type {ptype!r} is not one of {', '.join(PARAM_TYPES)}")
    kinds = tuple(k for k in (match.group("kinds") or "").split("|") if k)
    for k in kinds:
        if ptype != "entity" or k not in model.ENTITY_KINDS:
            raise InvalidInput(
                f"{path.name}: {match.group('name')} ({ptype}:{k}): only entity parameters "
                f"name kinds, one of {', '.join(sorted(model.ENTITY_KINDS))}"
            )
    param = Param(match.group("name"), ptype, None, (match.group("help") or "").strip(), kinds)
    default = match.group("default")
    if default is not None and default.strip() != "":
        text = default.strip().strip("\"'")
        value = ANY if ptype in WORD_TYPES and resolve.is_any(text) else param.convert(text)
        param = Param(param.name, ptype, value, param.help, kinds)
    return param


def load_catalogue(folder: Path | None = None) -> dict[str, SavedQuery]:
    """Every saved query in ``folder`` (the explorer's own by default; not its subfolders), by name."""
    paths = sorted((folder or cypher_dir()).glob("*.cypher"))
    return {q.name: q for q in (parse_query_file(p) for p in paths)}


def parse_value(text: str) -> Any:
    """A ``-p`` value for an ad-hoc query: a JSON literal (42, true, [1,2], "x") or plain text."""
    try:
        return json.loads(text)
    except ValueError:
        return text
    except RecursionError:
        raise UsageError(f"the -p value {text[:20]}... nests too deep to read") from None
