"""Dates in Cypher: whether a relationship holds at a date, and what is left of an ended one.

A fact's ``since`` and ``until`` are stored as a whole-number year or as ISO text ("2015-03",
"2015-03-03"). As text, a date sorts before every day of its span and its text followed by
``~`` after every one, so the rule of :mod:`explorer.model.dates` ("the spans meet") needs no
conversion: ``since`` ≤ the date's last day, and ``until~`` ≥ its first day. Each fragment
names the relationship it reads; the values are always ``$parameters``
(:func:`moment_params`).
"""

from __future__ import annotations

from explorer import model
from explorer.model.dates import FactDate, Moment

__all__ = ["DATED_TYPES", "ended_factor", "holds", "moment_params", "on_day"]

#: The relationship types whose ties say when they held (not where a place lies).
DATED_TYPES = tuple(t.name for t in model.REL_TYPES.values() if t.dated)


def holds(tie: str = "r") -> str:
    """Cypher: ``tie`` holds at the moment's ``as_of`` (always true without one); an undated tie
    of a dated type is kept unless undated facts are hidden."""
    since = f"coalesce(toStringOrNull({tie}.since), '')"
    until = f"coalesce(toStringOrNull({tie}.until), '') + '~'"
    return (
        f"($at_last IS NULL OR ("
        f"({tie}.since IS NOT NULL OR {tie}.until IS NOT NULL OR NOT type({tie}) IN $undated_out) "
        f"AND {since} <= $at_last AND {until} >= $at_first))"
    )


def ended_factor(tie: str = "r") -> str:
    """Cypher: what is left of ``tie``'s strength given its ``until`` and the day ties are read
    against (``Weights.recency``): 1 while in force, else ``$ended`` halved every ``$half_life``
    years since it ended."""
    until = f"toStringOrNull({tie}.until)"
    return (
        f"CASE WHEN {until} + '~' < $ref_day "
        f"THEN $ended * 0.5 ^ (toFloat($year - coalesce(toInteger(left({until}, 4)), $year)) / $half_life) "
        "ELSE 1.0 END"
    )


def on_day(date: FactDate | None) -> dict[str, str | None]:
    """The first and last day of ``date`` as ISO text (``None`` for no date)."""
    if date is None:
        return {"at_first": None, "at_last": None}
    return {"at_first": date.first.isoformat(), "at_last": date.last.isoformat()}


def moment_params(moment: Moment | None) -> dict[str, object]:
    """The parameters of :func:`holds` for ``moment`` (no date: every tie holds)."""
    moment = moment or Moment()
    return {
        **on_day(moment.as_of),
        "undated_out": [] if moment.undated else list(DATED_TYPES),
    }
