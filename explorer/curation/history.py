"""The history of the graph: change records read with filters, exported as CSV, and checked.

Records are only ever created (``store.Store.append``); nothing here or elsewhere updates
or deletes one. Each record holds the hash of the one before, so that a record changed
behind the explorer's back is found by :func:`verify`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import neo4j

from explorer import defaults
from explorer.config import Settings
from explorer.curation.describe import Names, describe
from explorer.database.session import Reader, reading
from explorer.errors import UnknownValue, UsageError
from explorer.formatting import safe_cell
from explorer.model import Lang, Tie
from explorer.model.changes import ACTIONS, Change, FactState

__all__ = [
    "Filters",
    "RetiredFact",
    "Verification",
    "changes",
    "get_change",
    "retired_near",
    "retired_ties_citing",
    "to_csv",
    "undone",
    "verify",
]

_LIST = (
    "MATCH (c:Change) "
    "WHERE ($entity IS NULL OR $entity IN c.entities) "
    "AND ($who IS NULL OR toLower(c.who) CONTAINS toLower($who)) "
    "AND ($actions IS NULL OR c.action IN $actions) "
    "AND ($since IS NULL OR c.at >= $since) AND ($until IS NULL OR c.at < $until) "
    "AND ($fact IS NULL OR $fact IN c.facts) "
    "RETURN c ORDER BY c.id DESC LIMIT $limit"
)
_ONE = "MATCH (c:Change {id: $id}) RETURN c"
_UNDONE = "UNWIND $ids AS cid MATCH (u:Change {undoes: cid}) RETURN cid, max(u.id) AS by"
_CHAIN = "MATCH (c:Change) WHERE c.id > $after RETURN c ORDER BY c.id LIMIT $batch"
_HEAD = "OPTIONAL MATCH (h:ChangeLog {id: 'graph'}) RETURN h.seq AS seq, h.hash AS hash"


@dataclass(frozen=True)
class Filters:
    """Which changes to list: about an entity or one fact, by whom (part of a name), which
    actions, from a date to a date (``YYYY-MM-DD``, both days included)."""

    entity: str | None = None
    who: str | None = None
    actions: tuple[str, ...] = ()
    since: str | dt.date | None = None
    fact: str | None = None
    until: str | dt.date | None = None

    def params(self) -> dict[str, object]:
        unknown = [a for a in self.actions if a not in ACTIONS]
        if unknown:
            raise UnknownValue("action", unknown[0], expected=", ".join(ACTIONS))
        since, until = _day(self.since, "since"), _day(self.until, "until")
        if since and until and until <= since:
            raise UsageError(f"--until {self.until} is before --since {self.since}", "swap the two dates")
        return {
            "entity": self.entity or None,
            "who": (self.who or "").strip() or None,
            "actions": list(self.actions) or None,
            "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None,
            "fact": self.fact or None,
        }


def _day(value: str | dt.date | None, option: str) -> dt.date | None:
    """A filter's day: ``since`` counts from its start, ``until`` up to its end (the day after)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        day = value
    else:
        text = str(value).strip()
        try:
            day = dt.date.fromisoformat(text[:10])
        except ValueError:
            raise UsageError(f"--{option} {text!r} is not a date", "write it as YYYY-MM-DD") from None
    return day + dt.timedelta(days=1) if option == "until" else day


def changes(
    driver: neo4j.Driver,
    settings: Settings,
    filters: Filters = Filters(),
    limit: int = defaults.HISTORY_LIMIT,
) -> list[Change]:
    """The latest changes that pass ``filters``, newest first (at most ``limit``)."""
    with reading(driver, settings) as read:
        rows = read.rows(_LIST, limit=limit, **filters.params())
    return [Change.from_record(dict(r["c"])) for r in rows]


def get_change(driver: neo4j.Driver, settings: Settings, number: int) -> Change:
    with reading(driver, settings) as read:
        record = read.one(_ONE, id=number)
    if record is None:
        raise UnknownValue("change", f"#{number}", expected="the number of a change (explorer fact history)")
    return Change.from_record(dict(record["c"]))


def undone(driver: neo4j.Driver, settings: Settings, numbers: Iterable[int]) -> dict[int, int]:
    """Which of these changes were undone, and by which change (the latest undo)."""
    wanted = sorted(set(numbers))
    if not wanted:
        return {}
    with reading(driver, settings) as read:
        return {int(r["cid"]): int(r["by"]) for r in read.rows(_UNDONE, ids=wanted)}


_COLUMNS = (
    "id",
    "at",
    "who",
    "role",
    "action",
    "what",
    "reason",
    "source",
    "undoes",
    "facts",
    "before",
    "after",
)


def to_csv(records: Iterable[Change], names: Names | None = None, lang: Lang = "en") -> str:
    """Changes as CSV, safe to open in a spreadsheet: one row each, what it did in words (in
    ``lang``), the source by its title; the facts' keys, and before and after as JSON."""
    names = names or Names()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_COLUMNS)
    for c in records:
        row = [
            c.id,
            c.at,
            c.who,
            c.role,
            c.action,
            describe(c, lang, names).sentence,
            c.reason or "",
            names.source(c.source, lang) or "",
            c.undoes or "",
            " ".join(c.facts),
            json.dumps([s.as_dict() for s in c.before], ensure_ascii=False),
            json.dumps([s.as_dict() for s in c.after], ensure_ascii=False),
        ]
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()


@dataclass(frozen=True)
class Verification:
    """What checking the chain found: how many records, the last hash, the first broken record."""

    records: int
    head: str
    broken: int | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.broken is None


def _unsealed(stored: dict[str, Any], change: Change) -> str | None:
    """The first field of a stored record that its hash does not cover as stored: every
    property of the node must be what the record hashes (the fact and entity lists included)."""
    sealed = change.record()
    for name in sorted(set(stored) | set(sealed)):
        if name not in sealed:
            return name
        held, hashed = stored.get(name), sealed[name]
        if isinstance(held, (list, tuple)):
            held = list(held)
        if held != hashed and not (held is None and hashed in (None, [], "")):
            return name
    return None


def _broken(change: Change, stored: dict[str, Any], expected: int, prev: str) -> str | None:
    if change.id != expected:
        return f"change #{expected} is missing"
    if change.prev != prev or change.digest() != change.hash:
        return f"change #{change.id} does not match its hash"
    field = _unsealed(stored, change)
    if field is not None:
        return f"change #{change.id} holds a {field!r} that is not what its hash covers"
    return None


def verify(
    driver: neo4j.Driver, settings: Settings, batch: int = 1000, *, anchor: tuple[int, str] | None = None
) -> Verification:
    """Recompute every record's hash in order: a record changed, removed or inserted since it
    was written breaks the chain there; so does a stored field its hash does not cover, a
    head (the count and last hash kept apart from the records) that is missing or disagrees,
    and, given ``anchor`` (records and last hash of an earlier check, kept elsewhere), a
    history that no longer holds that record as it was then."""
    prev, count, expected = "", 0, 1
    with reading(driver, settings, timeout=max(settings.timeout, 120.0)) as read:
        while True:
            rows = read.rows(_CHAIN, after=expected - 1, batch=batch)
            for r in rows:
                stored = dict(r["c"])
                change = Change.from_record(stored)
                problem = _broken(change, stored, expected, prev)
                if problem is not None:
                    return Verification(count, prev, expected, problem)
                if anchor is not None and change.id == anchor[0] and change.hash != anchor[1]:
                    return Verification(
                        count, prev, change.id, f"change #{change.id} is not the one checked before"
                    )
                prev, count, expected = change.hash, count + 1, expected + 1
            if len(rows) < batch:
                break
        head = read.one(_HEAD)
    return _with_head(count, prev, head, anchor)


def _with_head(count: int, prev: str, head: Any, anchor: tuple[int, str] | None) -> Verification:
    if count and (head is None or head["seq"] is None):
        return Verification(count, prev, count + 1, "the history's head (its count and last hash) is missing")
    if head is not None and head["seq"] is not None and (int(head["seq"]) != count or head["hash"] != prev):
        return Verification(count, prev, count + 1, "the history's head does not match its last record")
    if anchor is not None and anchor[0] > count:
        return Verification(
            count,
            prev,
            count + 1,
            f"the history holds {count} changes, {anchor[0]} when it was checked before",
        )
    return Verification(count, prev)


_RETIRED_TIES = (
    "UNWIND $ids AS id MATCH (t:RetiredTie {start: id}) RETURN t "
    "UNION UNWIND $ids AS id MATCH (t:RetiredTie {end: id}) RETURN t"
)
_RETIRED_ENTITIES = "UNWIND $ids AS id MATCH (r:Retired {id: id}) RETURN r"
_RETIRED_BY = (
    "MATCH (c:Change) WHERE $key IN c.facts AND c.action IN ['retire', 'merge', 'accept'] "
    "RETURN c ORDER BY c.id DESC LIMIT 1"
)


@dataclass(frozen=True)
class RetiredFact:
    """A retired fact, who retired it when, and the change that did (with its reason)."""

    state: FactState
    retired_by: str | None
    retired_at: str | None
    change: Change | None


def retired_near(
    driver: neo4j.Driver, settings: Settings, ids: Iterable[str], limit: int = 100
) -> list[RetiredFact]:
    """The retired ties of these entities, and the retired entities at their other ends (the
    facts a view hides), newest first."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    found: list[FactState] = []
    with reading(driver, settings) as read:
        for r in read.rows(_RETIRED_TIES, ids=wanted)[:limit]:
            t = dict(r["t"])
            props = json.loads(t.get("props") or "{}")
            book = {k: t.get(k) for k in ("version", "changed_by", "changed_at", "retired_by", "retired_at")}
            found.append(FactState.tie(t["start"], t["type"], t["end"], "retired", {**props, **book}))
        ends = sorted({i for s in found for i in s.entities} - set(wanted))
        for r in read.rows(_RETIRED_ENTITIES, ids=ends + wanted):
            e = dict(r["r"])
            found.append(FactState.entity(str(e["id"]), "retired", str(e.get("kind") or ""), e))
        out = []
        for state in found[:limit]:
            record = read.one(_RETIRED_BY, key=state.key)
            change = Change.from_record(dict(record["c"])) if record is not None else None
            out.append(RetiredFact(state, state.changed_by, state.changed_at, change))
    return sorted(out, key=lambda f: f.retired_at or "", reverse=True)


#: Retired ties keep their properties as JSON text; the needle narrows the scan, Python decides.
_CITING_RETIRED = "MATCH (t:RetiredTie) WHERE t.props CONTAINS $needle RETURN t LIMIT $cap"


def retired_ties_citing(read: Reader, source_id: str, cap: int) -> list[Tie]:
    """The retired ties that cited ``source_id`` (at most ``cap``), with who retired them and when."""
    needle = '"source": ' + json.dumps(source_id, ensure_ascii=False)
    ties = []
    for r in read.rows(_CITING_RETIRED, needle=needle, cap=cap):
        t = dict(r["t"])
        props = json.loads(t.get("props") or "{}")
        if props.get("source") == source_id:
            book = {k: t[k] for k in ("retired_at", "retired_by") if t.get(k) is not None}
            ties.append(Tie(str(t["type"]), str(t["start"]), str(t["end"]), {**props, **book}, str(t["key"])))
    return ties
