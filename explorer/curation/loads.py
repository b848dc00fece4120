"""Undoing a load: what it added goes, what it changed comes back, unless a later change depends
on it.

A load signs every fact it adds with its token (``loaded_in``, kept through later changes) and
keeps the state before of each fact it changes in ``LoadBefore`` records (``loaders.writer``).
Undoing it reads both and checks that no later change still in effect touched those facts (a
change undone since does not count), nor depends on an entity it added.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from explorer import defaults, model
from explorer.curation.checks import Pairs
from explorer.curation.store import Store
from explorer.errors import UndoRefused
from explorer.model.changes import Change, FactState
from explorer.model.facts import entity_key, tie_key

__all__ = ["drop_unused_sources", "plan_undo_load"]

_ADDED_ENTITIES = (
    "MATCH (n:Entity {loaded_in: $token}) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props "
    "LIMIT $cap"
)
_ADDED_RETIRED = (
    "MATCH (n:Retired {loaded_in: $token}) RETURN n.id AS key LIMIT 1 "
    "UNION MATCH (t:RetiredTie {loaded_in: $token}) RETURN t.key AS key LIMIT 1"
)
_ADDED_TIES = (
    "MATCH (a:Entity)-[r]->(b:Entity) WHERE r.loaded_in = $token "
    "RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props LIMIT $cap"
)
_KEPT = "MATCH (b:LoadBefore {load: $token}) RETURN b.facts AS facts ORDER BY b.n"
_LATER = "MATCH (c:Change) WHERE c.id > $after RETURN c ORDER BY c.id LIMIT $cap"
_OTHER_TIES = (
    "UNWIND $ids AS id MATCH (:Entity {id: id})-[r]-(o:Entity) WHERE coalesce(r.loaded_in, '') <> $token "
    "RETURN startNode(r).id AS start, type(r) AS type, endNode(r).id AS end LIMIT 1"
)
_ADDED_SOURCES = (
    "MATCH (s:Source {loaded_in: $token}) "
    "WHERE NOT EXISTS { MATCH (e:Entity) WHERE e.source = s.id } "
    "AND NOT EXISTS { MATCH ()-[r]->() WHERE r.source = s.id } "
    "DETACH DELETE s RETURN count(*) AS removed"
)
#: Later changes read to tell whether one still in effect touched what a load wrote.
_LATER_CAP = 100_000


def _kept_states(rows: Iterable[Mapping[str, Any]]) -> list[FactState]:
    """The states before that a load kept, as fact states (entities and ties; sources apart)."""
    states = []
    for row in rows:
        for fact in json.loads(row["facts"] or "[]"):
            props = dict(fact.get("props") or {})
            if fact.get("fact") == "tie":
                states.append(FactState.tie(fact["start"], fact["type"], fact["end"], "live", props))
            elif fact.get("kind") in model.ENTITY_KINDS:
                states.append(FactState.entity(str(props.get("id")), "live", fact["kind"], props))
    return states


class _Later:
    """The changes after a load that are still in effect, by the facts they touched."""

    def __init__(self, store: Store, change: Change) -> None:
        later = [Change.from_record(dict(r["c"])) for r in store.run(_LATER, after=change.id, cap=_LATER_CAP)]
        undone_by: dict[int, list[Change]] = defaultdict(list)
        for c in later:
            if c.undoes is not None:
                undone_by[c.undoes].append(c)
        effective: dict[int, bool] = {}
        for c in reversed(later):  # an undo comes after what it undoes: decide it first
            effective[c.id] = not any(effective.get(u.id, False) for u in undone_by[c.id])
        self.by_fact: dict[str, Change] = {}
        for c in later:
            if not effective[c.id] or c.action in ("propose", "reject"):
                continue
            if c.action == "undo" and (c.undoes or 0) > change.id:
                continue  # it gave back a state from after the load: what it undid is out of effect
            cancelled = {k for u in undone_by[c.id] if effective.get(u.id) for k in u.facts}
            for key in c.facts:
                if key not in cancelled:
                    self.by_fact.setdefault(key, c)
        self.loads = [c for c in later if c.action == "load" and effective[c.id] and c.details.get("load")]

    def touching(self, store: Store, keys: set[str]) -> Change | None:
        """The first later change in effect that touched one of ``keys`` (a later load included)."""
        found = [self.by_fact[k] for k in keys if k in self.by_fact]
        for load in self.loads:
            for row in store.run(_KEPT, token=load.details["load"]):
                for fact in json.loads(row["facts"] or "[]"):
                    props = fact.get("props") or {}
                    key = (
                        tie_key(fact["start"], fact["type"], fact["end"])
                        if fact.get("fact") == "tie"
                        else entity_key(str(props.get("id")))
                    )
                    if key in keys:
                        found.append(load)
                        break
        return min(found, key=lambda c: c.id) if found else None


def _refusal(change: Change, later: Change, what: str) -> UndoRefused:
    return UndoRefused(
        f"cannot undo load #{change.id}: {what} was changed since by #{later.id} "
        f"({later.action} by {later.who} at {later.at})",
        f"undo #{later.id} first, or load corrected files instead",
    )


def plan_undo_load(store: Store, change: Change) -> tuple[Pairs, dict[str, Any]]:
    """The states that undo load ``change``, and what the undo record says of it."""
    token = change.details.get("load")
    if not token:
        raise UndoRefused(
            f"load #{change.id} was recorded before loads could be undone",
            "load corrected files, or retire its facts one by one",
        )
    entities, ties, kept = _written(store, change, token)
    later = _Later(store, change)
    retired = store.run(_ADDED_RETIRED, token=token)
    keys = {s.key for s in (*entities, *ties)} | {
        entity_key(b.id) if b.fact == "entity" else b.key for b in kept
    }
    keys |= {str(r["key"]) if str(r["key"]).startswith("tie:") else entity_key(r["key"]) for r in retired}
    first = later.touching(store, keys)
    if first is not None:
        touched = next((k for k in first.facts if k in keys), None)
        raise _refusal(change, first, touched.split(":", 1)[1] if touched else "a fact it wrote")
    store.lock([e.id for e in entities] + [i for s in (*ties, *kept) for i in s.entities])
    _refuse_links_since(store, change, token, later, [e.id for e in entities])
    pairs: Pairs = [(s, s.with_state("absent")) for s in (*entities, *ties)]
    removed = {s.key for s in (*entities, *ties)}
    for before in kept:
        if before.key in removed:
            continue
        current = (
            store.entity(before.id)
            if before.fact == "entity"
            else store.tie(str(before.start), before.kind, str(before.end))
        )
        pairs.append((current, before))
    details = {
        "load": token,
        "removed": len(removed),
        "restored": len(pairs) - len(removed),
        "files": list(change.details.get("files") or []),
    }
    return pairs, details


def _written(
    store: Store, change: Change, token: str
) -> tuple[list[FactState], list[FactState], list[FactState]]:
    """What load ``change`` wrote: the entities and ties it added, and the states before of the
    facts it changed; refused above the cap of one change."""
    cap = defaults.LOAD_UNDO_MAX_FACTS
    entities = [
        FactState.entity(r["id"], "live", model.kind_of(r["labels"]) or "", r["props"])
        for r in store.run(_ADDED_ENTITIES, token=token, cap=cap + 1)
    ]
    ties = [
        FactState.tie(r["start"], r["type"], r["end"], "live", r["props"])
        for r in store.run(_ADDED_TIES, token=token, cap=cap + 1)
    ]
    kept = _kept_states(store.run(_KEPT, token=token))
    if len(entities) + len(ties) + len(kept) > cap:
        raise UndoRefused(
            f"load #{change.id} touched more than {cap:,} facts: too many to undo in one change",
            "load corrected files instead",
        )
    return entities, ties, kept


def _refuse_links_since(store: Store, change: Change, token: str, later: _Later, added: list[str]) -> None:
    """Refuses the undo when a tie written since (by a change or a later load) links an entity
    the load added: retiring that entity would leave the tie hanging."""
    other = store.run(_OTHER_TIES, ids=added, token=token) if added else []
    if not other:
        return
    r = other[0]
    key = tie_key(r["start"], r["type"], r["end"])
    depends = later.by_fact.get(key)
    who = f"#{depends.id} ({depends.action} by {depends.who} at {depends.at})" if depends else "a later load"
    raise UndoRefused(
        f"cannot undo load #{change.id}: {key.split(':', 1)[1]}, added since by {who}, "
        "links an entity it added",
        "retire that link or undo its change first, or load corrected files instead",
    )


def drop_unused_sources(store: Store, token: str) -> int:
    """Take out the sources a load added that nothing cites any more (after it was undone)."""
    rows = store.run(_ADDED_SOURCES, token=token)
    return int(rows[0]["removed"]) if rows else 0
