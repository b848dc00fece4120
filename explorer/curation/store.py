"""Curation's own write statements, fixed and parameterised (never user Cypher), run in one
write transaction per change: lock the facts, read their states, write the new ones, append
the change record to the history, move the data version on.

A retired entity keeps only the ``Retired`` label and a retired tie becomes a ``RetiredTie``
node linked to nothing: every read of the graph (``Entity``, kinds, relationships) passes
them by without a filter to forget.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as neo

from explorer import defaults, model
from explorer.config import Settings
from explorer.curation.actors import Actor
from explorer.database import changelog
from explorer.database.session import literal
from explorer.database.writing import write_session
from explorer.errors import InvalidInput
from explorer.model.changes import Change, FactState
from explorer.model.clock import now
from explorer.model.facts import tie_key

__all__ = ["Store", "in_transaction", "trial"]

T = TypeVar("T")

_LOCK = (
    "UNWIND $ids AS id OPTIONAL MATCH (e:Entity {id: id}) OPTIONAL MATCH (r:Retired {id: id}) "
    "WITH coalesce(e, r) AS n WHERE n IS NOT NULL SET n.curation_lock = true REMOVE n.curation_lock"
)
_ENTITY = (
    "OPTIONAL MATCH (e:Entity {id: $id}) OPTIONAL MATCH (r:Retired {id: $id}) "
    "OPTIONAL MATCH (s:Source {id: $id}) "
    "RETURN labels(e) AS labels, properties(e) AS live, properties(r) AS retired, s IS NOT NULL AS source"
)
_TIE = (
    "OPTIONAL MATCH (:Entity {id: $start})-[r]->(:Entity {id: $end}) WHERE type(r) = $type "
    "WITH collect(properties(r))[0] AS live "
    "OPTIONAL MATCH (t:RetiredTie {key: $key}) RETURN live, properties(t) AS retired"
)
_TIES_OF = (
    "MATCH (e:Entity {id: $id})-[r]-(o:Entity) "
    "RETURN type(r) AS type, startNode(r).id AS start, endNode(r).id AS end, properties(r) AS props "
    "ORDER BY type, start, end LIMIT $cap"
)
_REFERRING = (
    "MATCH (a:Entity)-[r]->(b:Entity) WHERE type(r) IN $types AND any(k IN $refs WHERE r[k] = $id) "
    "RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props LIMIT $cap"
)
_DEGREE = "MATCH (n:Entity {id: $id}) RETURN COUNT { (n)--() } AS ties"
_KINDS = "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, labels(n) AS labels"
_SOURCE = "MATCH (s:Source {id: $id}) RETURN properties(s) AS props"
_NEW_SOURCE = "MERGE (s:Source {id: $id}) ON CREATE SET s = $props RETURN properties(s) AS props"

_E_CREATE = "CREATE (n:$($labels)) SET n = $props SET n += $book"
_E_LIVE = "MATCH (n:Entity {id: $id}) REMOVE n:$($old) SET n:$($labels) SET n = $props SET n += $book"
_E_REVIVE = "MATCH (n:Retired {id: $id}) REMOVE n:Retired SET n:$($labels) SET n = $props SET n += $book"
_E_RETIRE = "MATCH (n:Entity {id: $id}) REMOVE n:$($old) SET n:Retired SET n = $props SET n += $book"
_E_RETIRED = "MATCH (n:Retired {id: $id}) SET n = $props SET n += $book"
_E_DROP_LIVE = "MATCH (n:Entity {id: $id}) DELETE n"
_E_DROP_RETIRED = "MATCH (n:Retired {id: $id}) DELETE n"

_T_LIVE = (
    "MATCH (a:Entity {id: $start}) MATCH (b:Entity {id: $end}) MERGE (a)-[r:$($type)]->(b) "
    "SET r = $props SET r += $book RETURN count(r) AS written"
)
_T_DROP_LIVE = "MATCH (:Entity {id: $start})-[r]->(:Entity {id: $end}) WHERE type(r) = $type DELETE r"
_T_RETIRED = (
    "MERGE (t:RetiredTie {key: $key}) "
    "SET t = {key: $key, type: $type, start: $start, end: $end, props: $json} SET t += $book"
)
_T_DROP_RETIRED = "MATCH (t:RetiredTie {key: $key}) DELETE t"

_LATER = "MATCH (c:Change) WHERE c.id > $after AND $key IN c.facts RETURN c ORDER BY c.id LIMIT 1"
_CHANGE = "MATCH (c:Change {id: $id}) RETURN c"

_REFERENCE_TYPES = sorted(t.name for t in model.REL_TYPES.values() if t.references)
_REFERENCES = sorted({r for t in model.REL_TYPES.values() for r in t.references})


def in_transaction(driver: neo4j.Driver, settings: Settings, work: Callable[[Store], T]) -> T:
    """Run ``work`` in one write transaction (retried on a deadlock; all or nothing)."""

    @neo4j.unit_of_work(timeout=settings.timeout)
    def run(tx: neo4j.ManagedTransaction) -> T:
        return work(Store(tx))

    with write_session(driver, settings) as session:
        try:
            return session.execute_write(run)
        except neo.ConstraintError as e:
            raise InvalidInput(
                "another change created the same fact at the same time; nothing was written",
                "look at the fact again and retry",
            ) from e


def trial(driver: neo4j.Driver, settings: Settings, work: Callable[[Store], T]) -> T:
    """Run ``work`` in a write transaction that is always rolled back: a change checked as it
    would be applied now, with nothing kept."""
    with write_session(driver, settings) as session:
        tx = session.begin_transaction(timeout=settings.timeout)
        try:
            return work(Store(tx))  # type: ignore[arg-type]
        finally:
            tx.rollback()


class Store:
    """The facts and the history, inside one write transaction."""

    def __init__(self, tx: neo4j.ManagedTransaction) -> None:
        self.tx = tx

    def run(self, text: str, **params: Any) -> list[neo4j.Record]:
        """Every record of one of curation's own statements."""
        return list(self.tx.run(literal(text), params))

    _rows = run

    # -- reading, under lock --------------------------------------------------------------

    def lock(self, ids: Iterable[str]) -> None:
        """Take the write lock of these entities (in a fixed order) before reading them, so
        that what is read cannot change before the commit."""
        self._rows(_LOCK, ids=sorted(set(ids)))

    def entity(self, entity_id: str) -> FactState:
        record = self._rows(_ENTITY, id=entity_id)[0]
        if record["live"] is not None:
            kind = model.kind_of(record["labels"]) or str(record["live"].get("kind") or "")
            return FactState.entity(entity_id, "live", kind, record["live"])
        if record["retired"] is not None:
            return FactState.entity(
                entity_id, "retired", str(record["retired"].get("kind") or ""), record["retired"]
            )
        return FactState.entity(entity_id, "absent", "", {})

    def is_source(self, entity_id: str) -> bool:
        return bool(self._rows(_ENTITY, id=entity_id)[0]["source"])

    def tie(self, start: str, rtype: str, end: str) -> FactState:
        start, end = model.in_order(rtype, start, end)
        record = self._rows(_TIE, start=start, end=end, type=rtype, key=tie_key(start, rtype, end))[0]
        if record["live"] is not None:
            return FactState.tie(start, rtype, end, "live", record["live"])
        if record["retired"] is not None:
            kept = dict(record["retired"])
            props = json.loads(kept.pop("props", "{}") or "{}")
            return FactState.tie(start, rtype, end, "retired", {**props, **_book_of(kept)})
        return FactState.tie(start, rtype, end, "absent", {})

    def ties_of(self, entity_id: str, cap: int = defaults.CURATION_MAX_FACTS) -> list[FactState]:
        """Every live tie of an entity (refused past ``cap``: too many facts for one change)."""
        rows = self._rows(_TIES_OF, id=entity_id, cap=cap + 1)
        if len(rows) > cap:
            raise InvalidInput(
                f"{entity_id!r} has more than {cap:,} ties: too many for one change",
                "retire or move them in parts, or load corrected files",
            )
        return [FactState.tie(r["start"], r["type"], r["end"], "live", r["props"]) for r in rows]

    def ties_referring(self, entity_id: str, cap: int = defaults.CURATION_MAX_FACTS) -> list[FactState]:
        """Live ties whose properties name ``entity_id`` (``on_behalf_of``)."""
        if not _REFERENCE_TYPES:
            return []
        rows = self._rows(_REFERRING, id=entity_id, types=_REFERENCE_TYPES, refs=_REFERENCES, cap=cap)
        return [FactState.tie(r["start"], r["type"], r["end"], "live", r["props"]) for r in rows]

    def kinds(self, ids: Iterable[str]) -> dict[str, str]:
        """The kinds of the live entities among ``ids``."""
        rows = self._rows(_KINDS, ids=sorted(set(ids)))
        return {r["id"]: model.kind_of(r["labels"]) or "" for r in rows}

    def source(self, source_id: str) -> dict[str, Any] | None:
        rows = self._rows(_SOURCE, id=source_id)
        return dict(rows[0]["props"]) if rows else None

    def add_source(self, source_id: str, props: dict[str, Any]) -> None:
        """Create the ``Source`` if it is not there yet (sources are citations: never changed here)."""
        self._rows(_NEW_SOURCE, id=source_id, props={**props, "id": source_id, "kind": "Source"})

    def change(self, number: int) -> Change | None:
        rows = self._rows(_CHANGE, id=number)
        return Change.from_record(dict(rows[0]["c"])) if rows else None

    def later_change(self, key: str, after: int) -> Change | None:
        """The first change after number ``after`` that touched fact ``key``."""
        rows = self._rows(_LATER, key=key, after=after)
        return Change.from_record(dict(rows[0]["c"])) if rows else None

    # -- writing ----------------------------------------------------------------------------

    def apply(self, pairs: Sequence[tuple[FactState, FactState]], actor: Actor, at: str) -> None:
        """Make each fact what its second state says: entities that live first, then ties,
        then entities that are retired or removed (whose ties are gone by then)."""
        first = [(b, a) for b, a in pairs if a.fact == "entity" and a.live]
        ties = [(b, a) for b, a in pairs if a.fact == "tie"]
        last = [(b, a) for b, a in pairs if a.fact == "entity" and not a.live]
        for before, after in first:
            self._entity(before, after, actor, at)
        for before, after in ties:
            self._tie(before, after, actor, at)
        for before, after in last:
            self._entity(before, after, actor, at)

    def _book(self, before: FactState, after: FactState, actor: Actor, at: str) -> dict[str, Any]:
        book: dict[str, Any] = {"version": before.version + 1, "changed_at": at, "changed_by": actor.name}
        mark = after.loaded_in or before.loaded_in
        if mark and after.key == before.key:
            book[model.LOADED_IN] = mark
        if after.state == "retired":
            book |= {"retired_at": at, "retired_by": actor.name}
        return book

    def _entity(self, before: FactState, after: FactState, actor: Actor, at: str) -> None:
        params: dict[str, Any] = {
            "id": after.id,
            "props": dict(after.props),
            "book": self._book(before, after, actor, at),
        }
        if before.state == "live":
            params["old"] = (
                list(model.labels_of(before.kind)) if before.kind in model.KINDS else [model.ENTITY]
            )
        if after.state in ("retired", "absent") and before.state == "live":
            ties = self._rows(_DEGREE, id=after.id)[0]["ties"]
            if ties:
                raise InvalidInput(
                    f"{after.id!r} has {ties} tie(s) that this change does not cover; nothing was written",
                    "a later change added them: retire or undo those first",
                )
        if after.state == "live":
            params["labels"] = list(model.labels_of(after.kind))
            statement = {"live": _E_LIVE, "retired": _E_REVIVE, "absent": _E_CREATE}[before.state]
        elif after.state == "retired":
            params["labels"] = [model.RETIRED]
            statement = {"live": _E_RETIRE, "retired": _E_RETIRED, "absent": _E_CREATE}[before.state]
        else:
            statement = {"live": _E_DROP_LIVE, "retired": _E_DROP_RETIRED, "absent": ""}[before.state]
        if statement:
            self._rows(statement, **params)

    def _tie(self, before: FactState, after: FactState, actor: Actor, at: str) -> None:
        ends = {"start": after.start, "end": after.end, "type": after.kind, "key": after.key}
        book = self._book(before, after, actor, at)
        if before.state == "live" and after.state != "live":
            self._rows(_T_DROP_LIVE, **ends)
        if before.state == "retired" and after.state != "retired":
            self._rows(_T_DROP_RETIRED, **ends)
        if after.state == "live":
            written = self._rows(_T_LIVE, props=dict(after.props), book=book, **ends)[0]["written"]
            if not written:
                raise InvalidInput(
                    f"cannot add {after.label()}: one of its ends is not in the graph (retired or removed)",
                    "bring that entity back first (undo its retirement)",
                )
        elif after.state == "retired":
            props = json.dumps(dict(after.props), ensure_ascii=False, sort_keys=True)
            self._rows(_T_RETIRED, json=props, book=book, **ends)

    def append(self, change: Change) -> Change:
        """Number ``change``, chain it to the last record, store it; then move the data version on."""
        return changelog.append(self.tx, change)

    def commit(
        self,
        actor: Actor,
        action: str,
        pairs: Sequence[tuple[FactState, FactState]],
        *,
        reason: str | None = None,
        source: str | None = None,
        at: str | None = None,
        allow_empty: bool = False,
        **extra: Any,
    ) -> Change:
        """Write the facts that change, and record them as one change (``allow_empty``: even
        when no fact changes)."""
        at = at or now()
        changed = [(b, a) for b, a in pairs if not b.same_as(a)]
        if not changed and not allow_empty:
            raise InvalidInput("nothing to change: the graph already says so")
        self.apply(changed, actor, at)
        return self.record(actor, action, changed, reason=reason, source=source, at=at, **extra)

    def record(
        self,
        actor: Actor,
        action: str,
        changed: Sequence[tuple[FactState, FactState]],
        *,
        reason: str | None = None,
        source: str | None = None,
        at: str | None = None,
        **extra: Any,
    ) -> Change:
        """Record facts already written (``apply``) as one change."""
        at = at or now()
        change = Change(
            0,
            at,
            actor.name,
            actor.role,
            action,
            reason=reason,
            source=source,
            before=tuple(b for b, _ in changed),
            after=tuple(_stamped(a, b) for b, a in changed),
            **extra,
        )
        return self.append(change)


def _stamped(after: FactState, before: FactState) -> FactState:
    version = before.version + 1 if after.state != "absent" else 0
    return replace(after, version=version, loaded_in=after.loaded_in or before.loaded_in)


def _book_of(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k in model.BOOKKEEPING}
