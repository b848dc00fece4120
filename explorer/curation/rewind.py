"""The records as they stood at a date (record time): today's graph with every change recorded
since rewound, from the history alone; nothing is written.

Each change keeps the state of every fact it touched before it; a load marks what it added with
its token (``loaded_in``) and keeps the states before of what it changed (``LoadBefore``). Read
newest first, each change puts its facts back as they were before it: once every change after
the date is read, each fact it touched is as it stood then (absent, retired or live with its
properties then), and every fact no later change touched is as it stands today. The work is
bounded: at most ``REWIND_MAX_CHANGES`` change records and ``REWIND_MAX_FACTS`` facts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j

from explorer import defaults, model
from explorer.config import Settings
from explorer.database.session import Reader, reading
from explorer.errors import UsageError
from explorer.model import Entity, FactDate, Tie
from explorer.model.changes import Change, FactState
from explorer.model.facts import parse_fact_key, tie_key

__all__ = [
    "Recorded",
    "changes_after",
    "current_states",
    "cutoff",
    "hidden_ties",
    "no_rewind",
    "recorded_on",
    "rewind",
]

_LATER = "MATCH (c:Change) WHERE c.at >= $cutoff RETURN c ORDER BY c.id DESC LIMIT $cap"
_KEPT = "MATCH (b:LoadBefore {load: $token}) RETURN b.facts AS facts ORDER BY b.n"
_ADDED = (
    "MATCH (n:Entity {loaded_in: $token}) RETURN 'entity:' + n.id AS key LIMIT $cap "
    "UNION MATCH (n:Retired {loaded_in: $token}) RETURN 'entity:' + n.id AS key LIMIT $cap "
    "UNION MATCH (t:RetiredTie {loaded_in: $token}) RETURN t.key AS key LIMIT $cap "
    "UNION MATCH (a:Entity)-[r]->(b:Entity) WHERE r.loaded_in = $token "
    "RETURN 'tie:' + a.id + '|' + type(r) + '|' + b.id AS key LIMIT $cap"
)
_LIVE_TIES = (
    "UNWIND $keys AS k MATCH (a:Entity {id: k[0]})-[r]->(b:Entity {id: k[2]}) WHERE type(r) = k[1] "
    "RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props"
)
_RETIRED_TIES = "UNWIND $keys AS k MATCH (t:RetiredTie {key: k}) RETURN t"
_ENTITIES = (
    "UNWIND $ids AS id OPTIONAL MATCH (e:Entity {id: id}) OPTIONAL MATCH (r:Retired {id: id}) "
    "WITH id, e, r WHERE e IS NOT NULL OR r IS NOT NULL "
    "RETURN id, labels(e) AS labels, properties(e) AS live, properties(r) AS retired"
)


def cutoff(on: FactDate) -> str:
    """The first instant after ``on`` (its last day included), as change records write time."""
    return (on.last + dt.timedelta(days=1)).isoformat() + "T00:00:00Z"


def changes_after(read: Reader, moment: str, cap: int = defaults.REWIND_MAX_CHANGES) -> list[Change]:
    """The change records from ``moment`` on (``cutoff``), newest first; refused past ``cap``."""
    rows = read.rows(_LATER, cutoff=moment, cap=cap + 1)
    if len(rows) > cap:
        raise UsageError(
            f"more than {cap:,} changes were recorded since {moment[:10]}: too many to rewind",
            "pick a later date",
        )
    return [Change.from_record(dict(r["c"])) for r in rows]


def _kept(read: Reader, token: str) -> list[FactState]:
    """The states before that a load kept (entities and ties)."""
    states = []
    for row in read.rows(_KEPT, token=token):
        for fact in json.loads(row["facts"] or "[]"):
            props = dict(fact.get("props") or {})
            if fact.get("fact") == "tie":
                states.append(FactState.tie(fact["start"], fact["type"], fact["end"], "live", props))
            elif fact.get("kind") in model.ENTITY_KINDS:
                states.append(FactState.entity(str(props.get("id")), "live", fact["kind"], props))
    return states


def _absent(key: str) -> FactState:
    what, a, rtype, b = parse_fact_key(key)
    if what == "entity":
        return FactState.entity(a, "absent", "", {})
    assert rtype is not None and b is not None
    return FactState.tie(a, rtype, b, "absent", {})


def rewind(
    read: Reader,
    changes: Sequence[Change],
    states: dict[str, FactState] | None = None,
    cap: int = defaults.REWIND_MAX_FACTS,
    by: dict[str, Change] | None = None,
) -> dict[str, FactState]:
    """The state before ``changes`` (newest first) of every fact they touched, starting from
    ``states`` (what a later rewind found); a load's additions become absent, its changes what
    it kept. ``by`` receives the last change that touched each fact."""
    states = dict(states or {})
    for change in changes:
        touched: list[str] = [s.key for s in change.before]
        if change.action == "load":
            token = change.details.get("load")
            if not token:
                continue  # a load from before loads were marked: nothing tells what it added
            added = {str(r["key"]) for r in read.rows(_ADDED, token=token, cap=cap + 1)}
            added |= {k for k, s in states.items() if s.loaded_in == token and s.state != "absent"}
            for key in added:
                states[key] = _absent(key)
            kept = _kept(read, str(token))
            for state in kept:
                states[state.key] = state
            touched = [*added, *(s.key for s in kept)]
        else:
            for state in change.before:
                states[state.key] = state
        if by is not None:
            for key in touched:
                by.setdefault(key, change)
        if len(states) > cap:
            raise UsageError(
                f"more than {cap:,} facts changed since then: too many to rewind", "pick a later date"
            )
    return states


def current_states(read: Reader, keys: Iterable[str]) -> dict[str, FactState]:
    """Today's state of each fact key (absent when the graph holds it neither live nor retired)."""
    keys = sorted(set(keys))
    found = {k: _absent(k) for k in keys}
    ties = [k for k in keys if k.startswith("tie:")]
    parts = [list(parse_fact_key(k)[1:]) for k in ties]
    for r in read.rows(_LIVE_TIES, keys=[[a, t, b] for a, t, b in parts]):
        state = FactState.tie(r["start"], r["type"], r["end"], "live", r["props"])
        found[state.key] = state
    for r in read.rows(_RETIRED_TIES, keys=ties):
        t = dict(r["t"])
        props = json.loads(t.pop("props", "{}") or "{}")
        state = FactState.tie(str(t["start"]), str(t["type"]), str(t["end"]), "retired", {**props, **t})
        if found[state.key].state == "absent":
            found[state.key] = state
    ids = [parse_fact_key(k)[1] for k in keys if k.startswith("entity:")]
    for r in read.rows(_ENTITIES, ids=ids):
        if r["live"] is not None:
            kind = model.kind_of(r["labels"]) or str(r["live"].get("kind") or "")
            found[f"entity:{r['id']}"] = FactState.entity(str(r["id"]), "live", kind, r["live"])
        else:
            retired = dict(r["retired"])
            found[f"entity:{r['id']}"] = FactState.entity(
                str(r["id"]), "retired", str(retired.get("kind") or ""), retired
            )
    return found


@dataclass(frozen=True)
class Recorded:
    """The records as they stood at the end of ``on``: every fact touched since, as it was then
    (the rest is as today). Views read today's graph without the facts touched since, then add
    those that were live then."""

    on: FactDate
    states: Mapping[str, FactState] = field(default_factory=dict)
    #: How many change records were rewound.
    rewound: int = 0

    def hidden(self) -> list[str]:
        """The ties touched since, as ``start|TYPE|end``: today's versions are not shown."""
        return sorted(k[4:] for k in self.states if k.startswith("tie:"))

    def gone(self) -> list[str]:
        """The entities that were not live then (today's nodes are not shown)."""
        return sorted(s.id for s in self.states.values() if s.fact == "entity" and not s.live)

    def ties(self) -> list[Tie]:
        """The ties touched since that were live then, with their properties then."""
        out = []
        for s in self.states.values():
            if s.fact == "tie" and s.live and s.start and s.end:
                out.append(Tie(s.kind, s.start, s.end, dict(s.props), tie_key(s.start, s.kind, s.end)[4:]))
        return sorted(out, key=lambda t: t.key)

    def ties_of(self, ids: Iterable[str]) -> list[Tie]:
        wanted = set(ids)
        return [t for t in self.ties() if t.start in wanted or t.end in wanted]

    def entity(self, entity_id: str) -> Entity | None:
        """An entity as it was then, when it was touched since and live then."""
        state = self.states.get(f"entity:{entity_id}")
        if state is None or not state.live:
            return None
        return Entity.of(entity_id, model.labels_of(state.kind), state.props)

    def touched(self, entity_id: str) -> bool:
        return f"entity:{entity_id}" in self.states

    def params(self) -> dict[str, Any]:
        """The parameters of :func:`hidden_ties`: the tie keys and entity ids left out of reads."""
        return {"hidden": self.hidden(), "gone": self.gone()}


def hidden_ties(tie: str = "r") -> str:
    """Cypher: ``tie`` is not one the records then show otherwise (``$hidden``, :meth:`Recorded.params`)."""
    return (
        f"(size($hidden) = 0 OR NOT startNode({tie}).id + '|' + type({tie}) + '|' + endNode({tie}).id "
        "IN $hidden)"
    )


def no_rewind() -> dict[str, Any]:
    """The parameters of :func:`hidden_ties` when nothing is rewound."""
    return {"hidden": [], "gone": []}


def recorded_on(driver: neo4j.Driver, settings: Settings, on: FactDate) -> Recorded:
    """The records as they stood at the end of ``on`` (``--known-on``)."""
    with reading(driver, settings, timeout=max(settings.timeout, 60.0)) as read:
        later = changes_after(read, cutoff(on))
        return Recorded(on, rewind(read, later), len(later))
