"""What changed in a window of time: the facts that began or ended in it (valid time: their
``since`` and ``until``), and what the records gained, corrected or lost in it (record time: the
history), around one entity or one cluster or everywhere.

Valid time reads today's records (or those known on a date). Record time compares each
fact the history touched in the window as it stood at the window's start and at its end: a fact
added and removed again (an undo) within the window did not change, and is not listed; every
other one is, once, with the last change that touched it (who, when, why). A date stands for its
whole span: ``since 2015`` begins within a window that meets 2015.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import neo4j

from explorer import defaults, model
from explorer.config import Settings
from explorer.curation.describe import Names
from explorer.curation.names import names_of
from explorer.curation.rewind import (
    Recorded,
    changes_after,
    current_states,
    cutoff,
    hidden_ties,
    no_rewind,
    rewind,
)
from explorer.database.dated import DATED_TYPES
from explorer.database.session import Reader, reading
from explorer.errors import UsageError
from explorer.model import Entity, FactDate, Tie
from explorer.model.changes import Change, FactState
from explorer.resolve import Resolver

__all__ = ["PARTS", "Item", "WhatChanged", "Window", "what_changed"]

Part = Literal["began", "ended", "changed", "recorded", "retired"]
#: The parts of the answer, in order: valid time first, then record time.
PARTS: tuple[Part, ...] = ("began", "ended", "changed", "recorded", "retired")

_DATED = (
    "MATCH (a:Entity)-[r]->(b:Entity) "
    "WHERE type(r) IN $types AND ($ids IS NULL OR a.id IN $ids OR b.id IN $ids) "
    "AND ((r.since IS NOT NULL AND coalesce(toStringOrNull(r.since), '~') <= $w_last "
    "AND toStringOrNull(r.since) + '~' >= $w_first) "
    "OR (r.until IS NOT NULL AND coalesce(toStringOrNull(r.until), '~') <= $w_last "
    "AND toStringOrNull(r.until) + '~' >= $w_first)) "
    "AND " + hidden_ties() + " "
    "RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props LIMIT $cap"
)
_CLUSTER = (
    "MATCH (c:Entity {id: $id}) OPTIONAL MATCH (m:Entity)-[:MEMBER_OF]->(c) "
    "RETURN c.id AS id, collect(m.id) AS members"
)


@dataclass(frozen=True)
class Window:
    """From ``since`` to ``until`` (both included; no ``until``: up to now), around an entity or
    within a cluster (its members and itself)."""

    since: FactDate
    until: FactDate | None = None
    around: str | None = None
    cluster: str | None = None

    def __post_init__(self) -> None:
        if self.until is not None and self.until.last < self.since.first:
            raise UsageError(f"--until {self.until} is before --since {self.since}", "swap the two dates")

    def to_query(self) -> dict[str, str]:
        query = {"since": self.since.iso()}
        for key, value in (("until", self.until), ("around", self.around), ("cluster", self.cluster)):
            if value:
                query[key] = str(value)
        return query

    @classmethod
    def from_query(cls, query: Mapping[str, Any], default_since: FactDate) -> tuple[Window, list[str]]:
        """The window a URL describes (``default_since`` when it names none), and what it ignored."""
        ignored: list[str] = []
        dates: dict[str, FactDate | None] = {}
        for key in ("since", "until"):
            try:
                dates[key] = FactDate.optional(query.get(key))
            except ValueError:
                ignored.append(f"{key}={query.get(key)}")
                dates[key] = None
        since, until = dates["since"] or default_since, dates["until"]
        if until is not None and until.last < since.first:
            ignored.append(f"until={query.get('until')}")
            until = None
        around = str(query.get("around") or "").strip() or None
        cluster = str(query.get("cluster") or "").strip() or None
        return cls(since, until, around, cluster), ignored


@dataclass(frozen=True)
class Item:
    """One fact listed: as it stands at the window's end (``state``), as it stood at its start
    (``before``, for corrections), and the last change of the window that touched it."""

    part: Part
    state: FactState
    before: FactState | None = None
    change: Change | None = None

    @property
    def tie(self) -> Tie | None:
        s = self.state
        return Tie(s.kind, str(s.start), str(s.end), dict(s.props)) if s.fact == "tie" else None


@dataclass
class WhatChanged:
    """The answer: each part's items (at most ``limit`` each), how many there were in all, and
    the names they mention."""

    window: Window
    items: dict[Part, list[Item]]
    totals: dict[Part, int]
    names: Names
    #: The entity or cluster the window is about, as resolved.
    focus: Entity | None = None
    members: frozenset[str] = field(default_factory=frozenset)


def _scope(read: Reader, resolver: Resolver, window: Window) -> tuple[Entity | None, set[str] | None]:
    """The entity the window is about and the ids whose facts count (``None``: every fact)."""
    if window.around:
        entity = resolver.entity(window.around)
        return entity, {entity.id}
    if window.cluster:
        entity = resolver.entity(window.cluster)
        record = read.one(_CLUSTER, id=entity.id)
        members = {str(m) for m in (record["members"] if record else [])}
        return entity, {entity.id} | members
    return None, None


def _in_window(date: FactDate | None, window: Window) -> bool:
    if date is None:
        return False
    last = window.until.last if window.until else None
    return date.last >= window.since.first and (last is None or date.first <= last)


def _dated(read: Reader, window: Window, ids: set[str] | None, end: Recorded | None, cap: int) -> list[Tie]:
    """The ties (as recorded today, or as ``end`` holds them) that began or ended in the window."""
    params = {
        "types": list(DATED_TYPES),
        "ids": sorted(ids) if ids is not None else None,
        "w_first": window.since.first.isoformat(),
        "w_last": (window.until.last if window.until else FactDate(9999).last).isoformat(),
        "cap": cap,
        **(end.params() if end is not None else no_rewind()),
    }
    ties = [Tie(r["type"], r["start"], r["end"], dict(r["props"])) for r in read.rows(_DATED, **params)]
    if end is not None:
        ties += [t for t in end.ties() if ids is None or t.start in ids or t.end in ids]
    return [t for t in ties if _in_window(t.since, window) or _in_window(t.until, window)]


def _record_parts(
    read: Reader, later: Sequence[Change], in_window: Sequence[Change], ids: set[str] | None
) -> list[Item]:
    """What the records gained, lost or corrected in the window, each fact once."""
    last: dict[str, Change] = {}
    start = rewind(read, in_window, by=last)
    end = rewind(read, later)
    now = current_states(read, [k for k in start if k not in end])
    items = []
    for key, before in start.items():
        after = end.get(key) or now.get(key)
        if after is None or before.same_as(after):
            continue
        if ids is not None and not set(after.entities or before.entities) & ids:
            continue
        change = last.get(key)
        if not before.live and after.live:
            items.append(Item("recorded", after, None, change))
        elif before.live and not after.live:
            items.append(Item("retired", before, None, change))
        elif before.live and after.live:
            items.append(Item("changed", after, before, change))
    return items


def _sorted(items: Iterable[Item]) -> list[Item]:
    def key(item: Item) -> tuple[Any, ...]:
        tie = item.tie
        when = tie.since or tie.until if tie else None
        return (when.sort_key() if when else (FactDate(9999).first, 0), item.state.key)

    return sorted(items, key=key)


def what_changed(
    driver: neo4j.Driver,
    settings: Settings,
    window: Window,
    limit: int = defaults.CHANGES_LIMIT,
    known_on: FactDate | None = None,
) -> WhatChanged:
    """What began, ended, was recorded, corrected or retired in ``window`` (module doc); valid
    time as the records stood at the end of ``known_on`` when given."""
    resolver = Resolver(driver, settings)
    with reading(driver, settings, timeout=max(settings.timeout, 60.0)) as read:
        focus, ids = _scope(read, resolver, window)
        after_start = changes_after(read, _start(window))
        end_at = cutoff(window.until) if window.until else None
        later = [c for c in after_start if end_at is not None and c.at >= end_at]
        in_window = [c for c in after_start if end_at is None or c.at < end_at]
        known = None
        if known_on is not None:
            since_known = changes_after(read, cutoff(known_on))
            known = Recorded(known_on, rewind(read, since_known), len(since_known))
        valid = _dated(read, window, ids, known, defaults.CHANGES_SCAN)
        recorded = _record_parts(read, later, in_window, ids)
    items: dict[Part, list[Item]] = {p: [] for p in PARTS}
    for tie in valid:
        state = FactState.tie(tie.start, tie.type, tie.end, "live", tie.properties)
        if _in_window(tie.since, window):
            items["began"].append(Item("began", state))
        if _in_window(tie.until, window):
            items["ended"].append(Item("ended", state))
    for item in recorded:
        items[item.part].append(item)
    totals = {p: len(items[p]) for p in PARTS}
    shown = {p: _sorted(items[p])[:limit] for p in PARTS}
    names = _names(driver, settings, [item for p in PARTS for item in shown[p]])
    return WhatChanged(window, shown, totals, names, focus, frozenset(ids or ()))


def _names(driver: neo4j.Driver, settings: Settings, items: Sequence[Item]) -> Names:
    """The names the items mention (from the graph, else as the records kept them) and their sources."""
    mentioned = {i for item in items for i in _mentions(item)}
    sources = {str(item.state.props["source"]) for item in items if item.state.props.get("source")}
    found = names_of(driver, settings, mentioned, sources)
    kept = {
        s.id: Entity.of(s.id, model.labels_of(s.kind), s.props)
        for item in items
        for s in (item.state, item.before)
        if s is not None and s.fact == "entity" and s.kind in model.KINDS
    }
    return Names({**kept, **found.entities}, found.sources)


def _start(window: Window) -> str:
    """The first instant of the window, as change records write time."""
    return window.since.first.isoformat() + "T00:00:00Z"


def _mentions(item: Item) -> set[str]:
    ids = set(item.state.entities)
    for key in model.REL_TYPES.get(item.state.kind, model.REL_TYPES["LEADS"]).references:
        if item.state.props.get(key):
            ids.add(str(item.state.props[key]))
    return ids
