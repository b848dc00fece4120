"""The review queue's records: batches of proposed facts and their items, written and read."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import neo4j

from explorer import model
from explorer.config import Settings
from explorer.curation.actors import Actor, require
from explorer.curation.citations import Citation, cite
from explorer.curation.records import now, parse_fact_key
from explorer.curation.store import Store, in_transaction
from explorer.db import Reader, reading
from explorer.errors import InvalidInput, UnknownValue

__all__ = [
    "Item",
    "Proposal",
    "ProposedChange",
    "ProposedEntity",
    "ProposedTie",
    "get_proposal",
    "items_from",
    "locked",
    "open_proposals",
    "propose",
    "record_decisions",
]

ItemState = Literal["open", "accepted", "rejected"]


@dataclass(frozen=True)
class ProposedEntity:
    """An entity that may be new: ``ref`` names it inside its batch (ties use it).

    ``match`` is the id of an entity of the graph it is believed to be: accepting the item
    then links it to that entity instead of adding one (unless the decision says ``create``).
    """

    ref: str
    kind: str
    name: str
    id: str | None = None
    country: str | None = None
    properties: Mapping[str, Any] = field(default_factory=dict)
    match: str | None = None
    paragraph: int | None = None
    quote: str | None = None
    #: Other entities of the graph it may be (an ambiguous or approximate name), for the reviewer.
    candidates: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ProposedTie:
    """A tie that may be new, between two refs of the batch or ids of the graph."""

    type: str
    start: str
    end: str
    status: str | None = None
    evidence: str | None = None
    since: int | None = None
    until: int | None = None
    note: str | None = None
    properties: Mapping[str, Any] = field(default_factory=dict)
    paragraph: int | None = None
    quote: str | None = None
    #: How sure the proposer is (0-1), for the reviewer; never written to the graph.
    confidence: float | None = None


@dataclass(frozen=True)
class ProposedChange:
    """A change to a fact of the graph (``entity:ID`` or ``tie:FROM|TYPE|TO``): an edit of its
    properties, its retirement or its confirmation. ``version`` is the version it was seen at."""

    action: Literal["edit", "retire", "confirm"]
    fact: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    version: int | None = None
    reason: str | None = None
    paragraph: int | None = None
    quote: str | None = None


@dataclass(frozen=True)
class Item:
    """One proposed fact of a batch, and what became of it."""

    proposal: int
    n: int
    what: Literal["entity", "tie", "edit", "retire", "confirm"]
    payload: Mapping[str, Any]
    state: ItemState = "open"
    decided_by: str | None = None
    decided_at: str | None = None
    reason: str | None = None
    #: The change that accepted or rejected it, and the entity id or tie key it became.
    change: int | None = None
    result: str | None = None

    @property
    def key(self) -> str:
        return f"{self.proposal}#{self.n}"

    def label(self) -> str:
        p = self.payload
        if self.what == "entity":
            return f"{p.get('name')} ({p.get('kind')})"
        if self.what == "tie":
            return f"{p.get('start')} -{p.get('type')}-> {p.get('end')}"
        return f"{self.what} {p.get('fact')}"


@dataclass(frozen=True)
class Proposal:
    """A batch of proposed facts from one source (``id``: the change that proposed it)."""

    id: int
    at: str
    who: str
    origin: str
    source: str | None
    title: str | None
    note: str | None
    items: tuple[Item, ...]

    @property
    def open_items(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.state == "open")


_CREATE_PROPOSAL = "CREATE (p:Proposal) SET p = $props"
_CREATE_ITEMS = "UNWIND $items AS item CREATE (i:Proposed) SET i = item"
_LOCK_ITEMS = (
    "MATCH (i:Proposed {proposal: $id}) SET i.curation_lock = true REMOVE i.curation_lock "
    "RETURN i ORDER BY i.n"
)
_PROPOSAL = "MATCH (p:Proposal {id: $id}) RETURN p"
_DECIDE = (
    "UNWIND $decided AS d MATCH (i:Proposed {key: d.key}) "
    "SET i.state = d.state, i.decided_by = $who, i.decided_at = $at, i.reason = d.reason, "
    "i.change = $change, i.result = d.result"
)
_OPEN = (
    "MATCH (i:Proposed {state: 'open'}) WITH DISTINCT i.proposal AS id ORDER BY id DESC LIMIT $limit "
    "MATCH (p:Proposal {id: id}) MATCH (i:Proposed {proposal: id}) "
    "WITH p, i ORDER BY i.n RETURN p, collect(i) AS items ORDER BY p.id DESC"
)
_ONE = "MATCH (p:Proposal {id: $id}) OPTIONAL MATCH (i:Proposed {proposal: $id}) WITH p, i ORDER BY i.n "
_ONE += "RETURN p, collect(i) AS items"


def _item(record: Mapping[str, Any]) -> Item:
    return Item(
        int(record["proposal"]),
        int(record["n"]),
        record["what"],
        json.loads(record.get("payload") or "{}"),
        record.get("state") or "open",
        record.get("decided_by"),
        record.get("decided_at"),
        record.get("reason"),
        record.get("change"),
        record.get("result"),
    )


def _proposal(props: Mapping[str, Any], items: Sequence[Mapping[str, Any]]) -> Proposal:
    return Proposal(
        int(props["id"]),
        str(props["at"]),
        str(props["who"]),
        str(props.get("origin") or "suggestion"),
        props.get("source"),
        props.get("title"),
        props.get("note"),
        tuple(_item(dict(i)) for i in items if i is not None),
    )


def _payload(item: ProposedEntity | ProposedTie | ProposedChange) -> tuple[str, dict[str, Any]]:
    data = {k: v for k, v in asdict(item).items() if v not in (None, {}, "")}
    if isinstance(item, ProposedEntity):
        return "entity", data
    if isinstance(item, ProposedTie):
        return "tie", data
    return item.action, data


def _check_items(
    entities: Sequence[ProposedEntity], ties: Sequence[ProposedTie], changes: Sequence[ProposedChange]
) -> None:
    problems: list[str] = []
    refs = [e.ref for e in entities]
    if len(set(refs)) != len(refs):
        problems.append("two proposed entities share a ref")
    for e in entities:
        if model.parse_kind(e.kind) not in model.ENTITY_KINDS:
            problems.append(
                f"unknown kind {e.kind!r}; expected one of {', '.join(sorted(model.ENTITY_KINDS))}"
            )
        if not str(e.name or "").strip():
            problems.append(f"proposed entity {e.ref!r}: missing name")
    for t in ties:
        if model.parse_rel_type(t.type) is None:
            problems.append(f"unknown type {t.type!r}; expected one of {', '.join(model.REL_TYPES)}")
    for c in changes:
        try:
            parse_fact_key(c.fact)
        except ValueError:
            problems.append(f"not a fact: {c.fact!r} (entity:ID or tie:FROM|TYPE|TO)")
        if c.action not in ("edit", "retire", "confirm"):
            problems.append(f"unknown change {c.action!r}: edit, retire or confirm")
    if not (entities or ties or changes):
        problems.append("nothing proposed")
    if problems:
        raise InvalidInput("; ".join(problems))


def propose(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    *,
    entities: Sequence[ProposedEntity] = (),
    ties: Sequence[ProposedTie] = (),
    changes: Sequence[ProposedChange] = (),
    citation: Citation | None = None,
    origin: str = "suggestion",
    title: str | None = None,
    note: str | None = None,
) -> Proposal:
    """Put a batch of proposed facts in the review queue (nothing in the graph changes).

    ``origin`` is ``suggestion`` (a reader may make one) or the name of what proposed them
    (``article``: needs the editor role). The batch cites ``citation``'s source (created now
    when new); each item keeps its own paragraph and quoted sentence.
    """
    require(actor, "suggest" if origin == "suggestion" else "propose")
    _check_items(entities, ties, changes)
    if ties and (citation is None or citation.source_id is None):
        raise InvalidInput("a tie must cite its source", "name a Source, or give a new one's title")

    def work(store: Store) -> Proposal:
        source = cite(store, citation, required=False)
        proposed: list[ProposedEntity | ProposedTie | ProposedChange] = [*entities, *ties, *changes]
        payloads = [_payload(i) for i in proposed]
        at = now()
        ids = sorted({str(p[1][k]) for p in payloads for k in ("start", "end", "match") if p[1].get(k)})
        ids += [parse_fact_key(c.fact)[1] for c in changes]
        change = store.record(
            actor,
            "propose",
            [],
            reason=note,
            source=source,
            at=at,
            details={"origin": origin, "items": len(payloads), "entities": ids, "title": title},
        )
        props = {
            "id": change.id,
            "at": at,
            "who": actor.name,
            "role": actor.role,
            "origin": origin,
            "source": source,
            "title": title,
            "note": note,
        }
        store.run(_CREATE_PROPOSAL, props={k: v for k, v in props.items() if v is not None})
        items = [
            {
                "key": f"{change.id}#{n}",
                "proposal": change.id,
                "n": n,
                "what": what,
                "state": "open",
                "payload": json.dumps(payload, ensure_ascii=False, sort_keys=True),
                "reason": payload.get("reason"),
            }
            for n, (what, payload) in enumerate(payloads, start=1)
        ]
        store.run(_CREATE_ITEMS, items=[{k: v for k, v in i.items() if v is not None} for i in items])
        return _proposal(props, items)

    return in_transaction(driver, settings, work)


_FROM_SOURCE = (
    "MATCH (p:Proposal {source: $source}) MATCH (i:Proposed {proposal: p.id}) "
    "RETURN i.what AS what, i.payload AS payload, i.state AS state, i.result AS result LIMIT 10000"
)


def items_from(read: Reader, source: str) -> list[dict[str, Any]]:
    """Every item ever proposed citing ``source`` (open or decided): what, payload (JSON), state,
    result; so that a source read again proposes nothing it proposed before."""
    return [dict(r) for r in read.rows(_FROM_SOURCE, source=source)]


def open_proposals(driver: neo4j.Driver, settings: Settings, limit: int = 50) -> list[Proposal]:
    """Batches with items still to decide, newest first."""
    with reading(driver, settings) as read:
        rows = read.rows(_OPEN, limit=limit)
    return [_proposal(dict(r["p"]), [dict(i) for i in r["items"]]) for r in rows]


def get_proposal(driver: neo4j.Driver, settings: Settings, number: int) -> Proposal:
    with reading(driver, settings) as read:
        record = read.one(_ONE, id=number)
    if record is None or record["p"] is None:
        raise UnknownValue("proposal", f"#{number}", expected="the number of a proposal in the review queue")
    return _proposal(dict(record["p"]), [dict(i) for i in record["items"]])


def locked(store: Store, number: int) -> tuple[Proposal, dict[int, Item]]:
    """Proposal ``number`` and its items by number, locked for a decision."""
    rows = store.run(_PROPOSAL, id=number)
    if not rows:
        raise UnknownValue("proposal", f"#{number}", expected="the number of a proposal in the review queue")
    items = [dict(r["i"]) for r in store.run(_LOCK_ITEMS, id=number)]
    proposal = _proposal(dict(rows[0]["p"]), items)
    return proposal, {i.n: i for i in proposal.items}


def record_decisions(
    store: Store, decided: Sequence[Mapping[str, Any]], *, who: str, at: str, change: int
) -> None:
    """Mark items decided (``key``, ``state``, ``reason``, ``result`` each) by ``change``."""
    store.run(_DECIDE, decided=list(decided), who=who, at=at, change=change)
