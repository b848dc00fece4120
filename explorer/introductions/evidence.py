"""The evidence of each hop of a path: the source it cites, the date of its latest evidence (the
source's date when known, else the day the tie was last recorded: loaded, added, edited or
confirmed), and whether it rests only on inferred, proposed or old evidence (older than the
weights file's ``[freshness] old_after`` years)."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from explorer.introductions.answers import Evidence, Hop, IntroPath

__all__ = [
    "FRESHNESS_KEYS",
    "OLD_AFTER",
    "dated",
    "day_text",
    "hop_evidence",
    "parse_freshness",
    "read_dates",
]

#: Years after which the latest evidence of a hop is called old.
OLD_AFTER = 5
FRESHNESS_KEYS = ("old_after",)
_DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

_Report = Callable[[str | None, str, str], None]


def parse_freshness(table: Mapping[str, Any], bad: _Report) -> int:
    """The ``[freshness]`` section: ``old_after``, a whole number of years from 1 to 100."""
    years = OLD_AFTER
    for key, value in table.items():
        if key != "old_after":
            bad("freshness", key, f"unknown key {key!r} in [freshness]; expected old_after")
        elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
            bad("freshness", key, f"old_after must be a whole number of years from 1 to 100, not {value!r}")
        else:
            years = value
    return years


def day_text(value: Any) -> str | None:
    """A date as the data gives it (``2019``, ``2019-03``, ``2019-03-12``, a date or a time), as text."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if 1000 <= value <= 9999 else None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return day_text(int(value))
    text = str(value).strip()[:10]
    return text if _DAY.fullmatch(text) else None


_SOURCE_DATES = (
    "UNWIND $ids AS id MATCH (s:Source {id: id}) "
    "RETURN s.id AS id, coalesce(s.date, s.published, s.year) AS date"
)

Run = Callable[[str, Mapping[str, Any]], Iterable[Any]]


def read_dates(run: Run, sources: Iterable[str]) -> dict[str, str]:
    """The date of each source that has one."""
    ids = sorted({s for s in sources if s})
    if not ids:
        return {}
    found = {}
    for r in run(_SOURCE_DATES, {"ids": ids}):
        text = day_text(r["date"])
        if text:
            found[r["id"]] = text
    return found


def hop_evidence(hop: Hop, dates: Mapping[str, str], today: dt.date, old_after: int = OLD_AFTER) -> Evidence:
    """What one hop rests on, and what weakens it."""
    tie = hop.tie
    date = dates.get(tie.source or "")
    recorded = False
    if date is None:
        date = day_text(tie.properties.get("confirmed_at") or tie.properties.get("changed_at"))
        recorded = date is not None
    flags = []
    if tie.evidence == "inferred":
        flags.append("inferred")
    if tie.status == "proposed":
        flags.append("proposed")
    if date is not None and int(date[:4]) < today.year - old_after:
        flags.append("old")
    return Evidence(tie.source, date, recorded, tuple(flags))


def dated(
    paths: Iterable[IntroPath], dates: Mapping[str, str], today: dt.date, old_after: int
) -> list[IntroPath]:
    """The paths with the evidence of each hop."""
    return [
        replace(p, evidence=tuple(hop_evidence(h, dates, today, old_after) for h in p.hops)) for p in paths
    ]
