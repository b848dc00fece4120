"""Rows as text: an aligned table, JSON, or CSV that spreadsheets cannot execute."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Sequence
from typing import Any

__all__ = [
    "FORMATS",
    "TERMINAL_CONTROLS",
    "cell_text",
    "json_text",
    "megabytes",
    "render",
    "safe_cell",
    "terminal_text",
    "to_csv",
    "to_json",
    "to_table",
]

FORMATS = ("table", "json", "csv")
MAX_CELL = 60
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value: Any) -> str:
    """A value as short, readable text: entities by name, relationships by type."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        if "type" in value and "from" in value and "to" in value:
            return f"({value['from']})-[{value['type']}]->({value['to']})"
        if "kind" in value and "name" in value:
            return f"{value['name']} [{value['kind']}]"
        if "nodes" in value and "relationships" in value:
            return " -> ".join(cell_text(n) for n in value["nodes"])
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, list):
        return ", ".join(cell_text(v) for v in value)
    return str(value)


def safe_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text rather than running as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_table(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    if not columns:
        return "(no columns)"
    cells = [[_clip(cell_text(r.get(c))) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    footer = f"({len(rows)} row{'s' if len(rows) != 1 else ''})"
    return "\n".join([line, rule, *body, footer])


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def to_json(rows: Sequence[dict[str, Any]]) -> str:
    return json_text(list(rows))


#: Characters that move a terminal's cursor, change its colours or reorder its text: C0 and C1
#: controls (but tab and newline) and the bidirectional overrides and isolates.
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """``text`` with its terminal controls written out (``\\x1b``), so that names from the data
    cannot move the cursor, recolour or rewrite what a terminal shows."""
    return TERMINAL_CONTROLS.sub(_escaped, text)


def json_text(value: Any, indent: int | None = 2) -> str:
    """``value`` as valid JSON, whatever it holds: a number that is not finite becomes the string
    "NaN", "Infinity" or "-Infinity" (JSON has no such numbers), and terminal controls are
    written as ``\\u`` escapes (the same text to a JSON reader, inert on a terminal)."""
    text = json.dumps(_finite(value), ensure_ascii=False, indent=indent, default=str, allow_nan=False)
    return TERMINAL_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    return value


def to_csv(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([safe_cell(c) for c in columns])
    for r in rows:
        writer.writerow([safe_cell(cell_text(r.get(c))) for c in columns])
    return out.getvalue()


def megabytes(size: int) -> str:
    """A size in bytes as people read it: "32 MB", "512 KB"."""
    return f"{size / (1 << 20):g} MB" if size >= 1 << 20 else f"{size / (1 << 10):g} KB"


def render(fmt: str, columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    if fmt == "json":
        return to_json(rows)
    if fmt == "csv":
        return to_csv(columns, rows).rstrip("\n")
    return to_table(columns, rows)
