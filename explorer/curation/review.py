"""The review queue: facts proposed in batches (a reader's suggestion, or the facts read from an
article), each accepted (possibly edited) or rejected with a reason by an editor.

A batch (:class:`Proposal`) cites one source; its items are new entities
(:class:`ProposedEntity`), new ties (:class:`ProposedTie`) and changes to facts already in the
graph (:class:`ProposedChange`: edit, retire, confirm). A tie names its ends by the ``ref`` of
an entity of the same batch, or by the id of an entity in the graph. Accepting writes the
facts as :mod:`explorer.curation.facts` does (same checks, same messages), citing the batch's
source with the item's paragraph and quoted sentence; proposing, accepting and rejecting are
each recorded in the history.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import neo4j

from explorer import defaults, model
from explorer.config import Settings
from explorer.curation import facts
from explorer.curation.actors import Actor, require
from explorer.curation.citations import cite
from explorer.curation.records import Change, FactState, now, parse_fact_key
from explorer.curation.store import Store, in_transaction
from explorer.db import Reader, reading
from explorer.errors import InvalidInput, UnknownValue

__all__ = [
    "Decision",
    "Item",
    "Proposal",
    "ProposedChange",
    "ProposedEntity",
    "ProposedTie",
    "accept",
    "get_proposal",
    "items_from",
    "open_proposals",
    "propose",
    "reject",
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
class Decision:
    """What the reviewer changes while accepting an item.

    Entities: ``link_to`` an entity of the graph (nothing is added), or ``create`` one even
    though the item names a ``match``; its ``kind``, ``name`` or ``id``. Ties: its ``type``,
    ``status``, ``evidence``, ``since``, ``until``, ``note``, or ``reverse`` its direction.
    """

    link_to: str | None = None
    create: bool = False
    kind: str | None = None
    name: str | None = None
    id: str | None = None
    type: str | None = None
    status: str | None = None
    evidence: str | None = None
    since: int | None = None
    until: int | None = None
    note: str | None = None
    reverse: bool = False


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


# -- statements -----------------------------------------------------------------------------

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
    citation: facts.Citation | None = None,
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


# -- deciding ---------------------------------------------------------------------------------


def _locked(store: Store, number: int) -> tuple[Proposal, dict[int, Item]]:
    rows = store.run(_PROPOSAL, id=number)
    if not rows:
        raise UnknownValue("proposal", f"#{number}", expected="the number of a proposal in the review queue")
    items = [dict(r["i"]) for r in store.run(_LOCK_ITEMS, id=number)]
    proposal = _proposal(dict(rows[0]["p"]), items)
    return proposal, {i.n: i for i in proposal.items}


def _chosen(items: Mapping[int, Item], numbers: Sequence[int] | None) -> list[Item]:
    chosen = [i for i in items.values() if i.state == "open"] if numbers is None else []
    for n in numbers or ():
        item = items.get(n)
        if item is None:
            raise UnknownValue("item", str(n), expected=f"one of {', '.join(str(i) for i in items)}")
        if item.state != "open":
            raise InvalidInput(
                f"item {item.key} was {item.state} already, by {item.decided_by} at {item.decided_at}"
            )
        chosen.append(item)
    if not chosen:
        raise InvalidInput("nothing left to decide in this proposal")
    return chosen


class _Acceptance:
    """Items accepted together, written one after the other in one transaction."""

    def __init__(self, store: Store, actor: Actor, proposal: Proposal, items: Mapping[int, Item]) -> None:
        self.store, self.actor, self.proposal, self.items = store, actor, proposal, items
        self.at = now()
        self.pairs: dict[str, tuple[FactState, FactState]] = {}
        self.results: dict[int, str] = {}
        self.refs = {
            str(i.payload.get("ref")): i
            for i in items.values()
            if i.what == "entity" and i.payload.get("ref")
        }

    def write(self, pairs: Sequence[tuple[FactState, FactState]]) -> None:
        changed = [(b, a) for b, a in pairs if not b.same_as(a)]
        self.store.apply(changed, self.actor, self.at)
        for before, after in changed:
            first = self.pairs.get(before.key, (before, before))[0]
            self.pairs[before.key] = (first, after)

    def citation(self, item: Item) -> facts.Citation:
        p = item.payload
        return facts.Citation(source=self.proposal.source, paragraph=p.get("paragraph"), quote=p.get("quote"))

    def end(self, ref: str, decisions: Mapping[int, Decision]) -> str:
        """The entity id a tie's end names: an entity of the batch (accepted along) or of the graph."""
        item = self.refs.get(ref)
        if item is None:
            return ref
        if item.n in self.results:
            return self.results[item.n]
        if item.state == "accepted" and item.result:
            return item.result
        if item.state == "rejected":
            raise InvalidInput(f"{ref!r} (item {item.key}) was rejected: link the tie to another entity")
        return self.entity(item, decisions.get(item.n, Decision()))

    def entity(self, item: Item, decision: Decision) -> str:
        p = item.payload
        link = decision.link_to or (None if decision.create else p.get("match"))
        if link:
            if self.store.entity(str(link)).state != "live":
                raise InvalidInput(f"item {item.key}: no entity {link!r} in the graph to link to")
            self.results[item.n] = str(link)
            return str(link)
        pairs, entity_id, _ = facts.plan_add_entity(
            self.store,
            decision.kind or str(p.get("kind")),
            decision.name or str(p.get("name")),
            entity_id=decision.id or p.get("id"),
            country=p.get("country"),
            properties=p.get("properties") or {},
            citation=facts.Citation(source=self.proposal.source),
        )
        self.write(pairs)
        self.results[item.n] = entity_id
        return entity_id

    def tie(self, item: Item, decision: Decision, decisions: Mapping[int, Decision]) -> str:
        p = item.payload
        start, end = self.end(str(p["start"]), decisions), self.end(str(p["end"]), decisions)
        if decision.reverse:
            start, end = end, start
        rtype = model.parse_rel_type(decision.type or str(p["type"])) or str(decision.type or p["type"])
        pairs, key, _ = facts.plan_add_tie(
            self.store,
            start,
            rtype,
            end,
            status=decision.status or p.get("status"),
            evidence=decision.evidence or p.get("evidence"),
            since=decision.since if decision.since is not None else p.get("since"),
            until=decision.until if decision.until is not None else p.get("until"),
            note=decision.note or p.get("note"),
            properties=p.get("properties") or {},
            citation=self.citation(item),
        )
        self.write(pairs)
        self.results[item.n] = key
        return key

    def change(self, item: Item) -> str:
        p = item.payload
        key = str(p["fact"])
        if item.what == "retire":
            self.write(facts.plan_retire(self.store, key, expected_version=p.get("version")))
            return key
        what, a, rtype, b = parse_fact_key(key)
        changes = dict(p.get("changes") or {})
        citation = self.citation(item) if (self.proposal.source or p.get("quote")) else None
        if item.what == "confirm":
            changes["evidence"] = "stated"
        if what == "entity":
            pairs, _ = facts.plan_edit_entity(
                self.store, a, changes, expected_version=p.get("version"), citation=citation
            )
        else:
            pairs, _ = facts.plan_edit_tie(
                self.store,
                a,
                str(rtype),
                str(b),
                changes,
                expected_version=p.get("version"),
                citation=citation if citation and citation.source_id else None,
            )
        self.write(pairs)
        return key


def accept(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    number: int,
    items: Sequence[int] | None = None,
    *,
    decisions: Mapping[int, Decision] | None = None,
    reason: str | None = None,
) -> Change:
    """Accept items of proposal ``number`` (every open one when ``items`` is ``None``), each as
    proposed or edited by its :class:`Decision`, in one change. A tie whose end is an entity of
    the batch still open accepts that entity along with it."""
    require(actor, "review")
    decisions = dict(decisions or {})

    def work(store: Store) -> Change:
        proposal, by_number = _locked(store, number)
        chosen = _chosen(by_number, items)
        run = _Acceptance(store, actor, proposal, by_number)
        order = {"entity": 0, "tie": 1}
        for item in sorted(chosen, key=lambda i: (order.get(i.what, 2), i.n)):
            decision = decisions.get(item.n, Decision())
            try:
                if item.what == "entity":
                    if item.n not in run.results:
                        run.entity(item, decision)
                elif item.what == "tie":
                    run.tie(item, decision, decisions)
                else:
                    run.results[item.n] = run.change(item)
            except InvalidInput as e:
                raise InvalidInput(f"item {item.key} ({item.label()}): {e.message}", e.hint) from None
        reasons = [str(by_number[n].reason) for n in run.results if by_number[n].reason]
        why = " ".join((reason or "; ".join(reasons)).split()) or None
        needs_reason = any(by_number[n].what in ("edit", "retire") for n in run.results)
        if needs_reason and not why:
            raise InvalidInput("say why: a reason is required to accept an edit or a retirement")
        decided = [by_number[n] for n in sorted(run.results)]
        change = store.record(
            actor,
            "accept",
            list(run.pairs.values()),
            reason=why,
            source=proposal.source,
            at=run.at,
            proposal=tuple(i.key for i in decided),
            suggested_by=proposal.who,
            details={"items": [i.key for i in decided]},
        )
        rows = [
            {"key": i.key, "state": "accepted", "reason": why, "result": run.results[i.n]} for i in decided
        ]
        store.run(_DECIDE, decided=rows, who=actor.name, at=run.at, change=change.id)
        return change

    return in_transaction(driver, settings, work)


def reject(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    number: int,
    items: Sequence[int] | None = None,
    *,
    reason: str,
) -> Change:
    """Reject items of proposal ``number`` (every open one when ``items`` is ``None``), saying why."""
    require(actor, "review")
    why = " ".join((reason or "").split())
    if not why:
        raise InvalidInput("say why: a reason is required to reject")
    if len(why) > defaults.MAX_REASON:
        raise InvalidInput(f"the reason is longer than {defaults.MAX_REASON:,} characters")

    def work(store: Store) -> Change:
        proposal, by_number = _locked(store, number)
        chosen = _chosen(by_number, items)
        at = now()
        change = store.record(
            actor,
            "reject",
            [],
            reason=why,
            source=proposal.source,
            at=at,
            proposal=tuple(i.key for i in chosen),
            suggested_by=proposal.who,
            details={"items": [i.key for i in chosen], "labels": [i.label() for i in chosen]},
        )
        rows = [{"key": i.key, "state": "rejected", "reason": why, "result": None} for i in chosen]
        store.run(_DECIDE, decided=rows, who=actor.name, at=at, change=change.id)
        return change

    return in_transaction(driver, settings, work)
