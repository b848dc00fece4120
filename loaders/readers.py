"""Streaming readers for the interchange files: CSV (Excel exports included) and YAML."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from explorer.errors import Problem
from explorer.model import fold
from explorer.model.facts import RawRow

__all__ = [
    "InputFile",
    "column_name",
    "discover",
    "read_rows",
]

Format = Literal["nodes", "links", "yaml"]
NODE_COLUMNS = ("id", "kind", "name")
LINK_COLUMNS = ("source", "target", "type")
YAML_SECTIONS = ("sources", "nodes", "links")
SUFFIXES = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".yaml": "yaml", ".yml": "yaml"}

# Quoted fields may be long (notes); keep a generous but finite limit.
csv.field_size_limit(16 * 1024 * 1024)


@dataclass
class InputFile:
    """A file to load, as named by the user, with what its header says it holds."""

    path: Path
    name: str
    format: Format | None = None
    delimiter: str = ","
    columns: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)

    @property
    def holds_nodes(self) -> bool:
        return self.format in ("nodes", "yaml")

    @property
    def holds_links(self) -> bool:
        return self.format in ("links", "yaml")


def discover(paths: list[Path]) -> tuple[list[InputFile], list[Problem]]:
    """The CSV and YAML files named, or found in the folders named (sorted, recursively)."""
    files: list[InputFile] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    for given in paths:
        if given.is_dir():
            found = sorted(p for p in given.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                problems.append(Problem(str(given), 0, "no .csv, .yaml or .yml files in this folder"))
        elif given.is_file():
            found = [given]
        else:
            problems.append(Problem(str(given), 0, "no such file or folder"))
            continue
        for path in found:
            real = path.resolve()
            if real not in seen:
                seen.add(real)
                files.append(InputFile(path, str(path)))
    for f in files:
        _sniff(f)
    return files, problems


def _sniff(f: InputFile) -> None:
    """Decide from the header (not the file name) what a file holds."""
    kind = SUFFIXES.get(f.path.suffix.lower())
    if kind == "yaml":
        f.format = "yaml"
        return
    try:
        first = next(_text_lines(f.path), "")
    except _BadBytes as e:
        f.problems.append(_not_utf8(f.name, e.line, e.error))
        return
    except OSError as e:
        f.problems.append(Problem(f.name, 0, f"cannot read: {e.strerror}"))
        return
    if not first.strip():
        f.problems.append(Problem(f.name, 1, "empty file: expected a header line"))
        return
    f.delimiter = _delimiter(first)
    try:
        header = next(csv.reader([first], delimiter=f.delimiter))
    except csv.Error as e:
        f.problems.append(Problem(f.name, 1, f"unreadable header: {e}"))
        return
    f.columns = tuple(column_name(h) for h in header)
    cols = set(f.columns)
    is_nodes, is_links = cols.issuperset(NODE_COLUMNS), cols.issuperset(LINK_COLUMNS)
    if is_nodes and is_links:
        f.problems.append(
            Problem(
                f.name,
                1,
                "header has both node columns (id,kind,name) and link "
                "columns (source,target,type); split the file",
            )
        )
    elif is_nodes:
        f.format = "nodes"
    elif is_links:
        f.format = "links"
    else:
        missing_n = [c for c in NODE_COLUMNS if c not in cols]
        missing_l = [c for c in LINK_COLUMNS if c not in cols]
        f.problems.append(
            Problem(
                f.name,
                1,
                f"header is neither a nodes file (missing {','.join(missing_n)}) nor a links file "
                f"(missing {','.join(missing_l)})",
            )
        )
    dupes = sorted(c for c, n in Counter(f.columns).items() if c and n > 1)
    if dupes:
        f.problems.append(Problem(f.name, 1, f"column named twice: {', '.join(dupes)}"))


def _delimiter(header: str) -> str:
    """``;`` (French Excel), tab or ``,``: whichever the header uses most, outside quotes."""
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def column_name(header: str) -> str:
    """A header cell as a property name: "Date de création " -> "date_de_creation"."""
    folded = fold(header.replace("\ufeff", ""))
    out = "".join(c if c.isalnum() else "_" for c in folded)
    return "_".join(part for part in out.split("_") if part)


class _BadBytes(Exception):
    def __init__(self, line: int, error: UnicodeDecodeError) -> None:
        super().__init__(str(error))
        self.line, self.error = line, error


def _text_lines(path: Path) -> Iterator[str]:
    """The file's lines decoded one by one, so a bad byte is reported on its own line."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as e:
                raise _BadBytes(number, e) from None


def _not_utf8(name: str, line: int, e: UnicodeDecodeError) -> Problem:
    bad = e.object[e.start : e.start + 1].hex() if isinstance(e.object, bytes | bytearray) else "?"
    return Problem(name, line, f'not UTF-8 text (byte 0x{bad}); save it as "CSV UTF-8" and load again')


def read_rows(f: InputFile, problems: list[Problem]) -> Iterator[RawRow]:
    """Every record of ``f``, streamed; problems of form (not content) go to ``problems``."""
    if f.format == "yaml":
        yield from _yaml_rows(f, problems)
    elif f.format in ("nodes", "links"):
        yield from _csv_rows(f, problems)


def _csv_rows(f: InputFile, problems: list[Problem]) -> Iterator[RawRow]:
    role: Literal["node", "link"] = "node" if f.format == "nodes" else "link"
    width = len(f.columns)
    columns = f.columns
    # strict: a quote left open is an error, not a field that swallows the rest of the file
    lines = _Held(_text_lines(f.path))
    reader = csv.reader(lines, delimiter=f.delimiter, strict=True)
    end = 0
    try:
        next(reader)  # the header, read by _sniff
        end = reader.line_num
        lines.take()
        for cells in reader:
            start, end = end + 1, reader.line_num
            held = lines.take()
            swallowed = _swallowed(held[1:], f.delimiter, width) if end > start else 0
            if swallowed:
                problems.append(Problem(f.name, start, _spanning(start, end, swallowed)))
                continue
            # zip stops at the shorter: missing trailing cells are empty, as are blank ones
            fields = {k: v for k, c in zip(columns, cells, strict=False) if k and (v := c.strip())}
            if not fields and not any(c.strip() for c in cells):
                continue
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                problems.append(
                    Problem(
                        f.name,
                        start,
                        f"{len(cells)} fields but the header has {width}"
                        f" (a {f.delimiter!r} inside a value needs quotes)",
                    )
                )
                continue
            yield RawRow(start, role, fields)
    except _BadBytes as e:
        problems.append(_not_utf8(f.name, e.line, e.error))
    except csv.Error as e:
        problems.append(Problem(f.name, end + 1, _csv_problem(str(e), reader.line_num, end + 1)))


class _Held:
    """The lines read, kept until the record they make is taken (:meth:`take`)."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._held: list[str] = []

    def __iter__(self) -> _Held:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self._held.append(line)
        return line

    def take(self) -> list[str]:
        held, self._held = self._held, []
        return held


def _swallowed(lines: list[str], delimiter: str, width: int) -> int:
    """How many of the lines a quoted value took in read as rows of their own (as many
    fields as the header, or more): a sign that its quote is stray, not a value on lines."""
    if width < 2:
        return 0
    return sum(1 for line in lines if len(next(csv.reader([line], delimiter=delimiter), [])) >= width)


def _spanning(start: int, end: int, swallowed: int) -> str:
    rows = f"{swallowed} line{'s' if swallowed != 1 else ''} that read{'s' if swallowed == 1 else ''}"
    return (
        f"a quote opened on line {start} closes only on line {end}, taking in {rows} as rows of their "
        "own: nothing of it was loaded (a '\"' is missing or stray; write a quote inside a value as "
        "'\"\"', and quote the whole value)"
    )


def _csv_problem(error: str, reached: int, start: int) -> str:
    """What a CSV error means, for the record starting on line ``start``."""
    if "unexpected end of data" in error:
        return "a quote opened in this record is never closed (a '\"' is missing); nothing after it was read"
    if "expected after '\"'" in error:
        where = f" on line {reached}" if reached != start else ""
        return (
            f"a quoted value ends{where} with more text after its closing quote "
            "(a '\"' is missing or stray; write a quote inside a quoted value as '\"\"')"
        )
    return f"unreadable CSV: {error}"


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader that remembers the line of every mapping."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def _yaml_rows(f: InputFile, problems: list[Problem]) -> Iterator[RawRow]:
    try:
        text = f.path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = f.path.read_bytes()[: e.start].count(b"\n") + 1
        problems.append(_not_utf8(f.name, line, e))
        return
    try:
        document = yaml.load(io.StringIO(text), Loader=_LineLoader)  # a SafeLoader subclass
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problems.append(Problem(f.name, line, f"not valid YAML: {getattr(e, 'problem', None) or e}"))
        return
    except RecursionError:
        problems.append(Problem(f.name, 0, "not valid YAML: nested too deeply"))
        return
    if document is None:
        problems.append(Problem(f.name, 0, "empty YAML file: expected sources:, nodes: or links:"))
        return
    if not isinstance(document, dict):
        problems.append(Problem(f.name, 1, "expected a mapping with sources:, nodes: and/or links:"))
        return
    top_line = document.pop("__line__", 1)
    for key in document:
        if key not in YAML_SECTIONS:
            problems.append(
                Problem(
                    f.name, top_line, f"unknown section {key!r}; expected one of {', '.join(YAML_SECTIONS)}"
                )
            )
    roles: dict[str, Literal["node", "link", "source"]] = {
        "sources": "source",
        "nodes": "node",
        "links": "link",
    }
    for section, role in roles.items():
        items = document.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(Problem(f.name, top_line, f"{section}: must be a list of entries"))
            continue
        for item in items:
            if not isinstance(item, dict):
                problems.append(Problem(f.name, top_line, f"{section}: each entry must be a mapping"))
                continue
            line = item.pop("__line__", top_line)
            fields: dict[str, Any] = {}
            for key, value in item.items():
                name = column_name(str(key))
                plain = _yaml_value(value)
                if plain is _BAD:
                    problems.append(
                        Problem(
                            f.name,
                            line,
                            f"{key}: nested values cannot be stored; use text, numbers, booleans or a list",
                        )
                    )
                elif plain is not None and plain != "":
                    fields[name] = plain
            yield RawRow(line, role, fields)


_BAD = object()


def _yaml_value(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list):
        if any(isinstance(v, list | dict) for v in value):
            return _BAD
        items = [_yaml_value(v) for v in value]
        if any(v is _BAD for v in items):
            return _BAD
        scalar_types = {type(v) for v in items if v is not None}
        if len(scalar_types) > 1:
            return [str(v) for v in items if v is not None]
        return [v for v in items if v is not None]
    return _BAD
