"""The review queue's decisions: items accepted (each corrected as the reviewer says) or rejected,
each decision one change; an acceptance can be undone, whole or item by item."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import neo4j

from explorer import model
from explorer.config import Settings
from explorer.curation.actors import Actor, require
from explorer.curation.batches import Item, Proposal, locked, record_decisions
from explorer.curation.checks import Pairs, reasoned
from explorer.curation.citations import Citation
from explorer.curation.requests import (
    AddEntity,
    AddTie,
    Confirm,
    EditEntity,
    EditTie,
    Merge,
    Request,
    Retire,
    plan,
    to_dict,
)
from explorer.curation.store import Store, in_transaction
from explorer.errors import InvalidInput, UnknownValue
from explorer.model.changes import REASONED, Change, FactState
from explorer.model.clock import now

__all__ = ["Decision", "NewEnd", "accept", "reject", "tie_update"]

#: Fields of an entity request that are not properties.
_ENTITY_FIELDS = ("kind", "name", "id", "country", "city")
#: Fields of a tie request that are not in its ``properties``.
_TIE_FIELDS = ("status", "evidence", "since", "until")


@dataclass(frozen=True)
class NewEnd:
    """A tie's end that the reviewer makes a new entity (the item named a wrong one)."""

    name: str
    kind: str
    country: str | None = None


@dataclass(frozen=True)
class Decision:
    """What the reviewer corrects while accepting an item.

    Entities: ``link_to`` an entity of the graph (nothing is added), or ``create`` one even
    though the item names a ``match``. Ties: either end linked to another entity of the graph
    (``start``, ``end``) or made a new one (``new_start``, ``new_end``), the ``type``, and
    ``reverse`` its direction. ``set``: any field to correct, ``None`` for none: an entity's
    kind, name, id, country, aliases, description...; a tie's status, evidence, since, until,
    role, note, topic...; the new values an edit proposes.
    """

    link_to: str | None = None
    create: bool = False
    start: str | None = None
    end: str | None = None
    new_start: NewEnd | None = None
    new_end: NewEnd | None = None
    reverse: bool = False
    type: str | None = None
    set: Mapping[str, Any] = field(default_factory=dict)

    def corrected(self, request: Request) -> Request:
        """``request`` with this decision's corrections (ends aside: they need the graph)."""
        values = dict(self.set)
        if isinstance(request, AddEntity):
            own = {k: values.pop(k) for k in _ENTITY_FIELDS if k in values}
            props = {**request.properties, **values}
            props = {k: v for k, v in props.items() if v not in (None, "", [])}
            return replace(request, **own, properties=props)
        if isinstance(request, AddTie):
            own = {k: values.pop(k) for k in _TIE_FIELDS if k in values}
            props = {k: v for k, v in {**request.properties, **values}.items() if v not in (None, "")}
            rtype = model.parse_rel_type(self.type) if self.type else request.type
            if self.type and rtype is None:
                expected = ", ".join(model.REL_TYPES)
                raise InvalidInput(f"unknown type {self.type!r}; expected one of {expected}")
            return replace(request, **own, properties=props, type=rtype or request.type)
        if isinstance(request, EditEntity):
            return replace(request, changes={**request.changes, **values})
        if isinstance(request, EditTie):
            new_type = model.parse_rel_type(self.type) if self.type else request.new_type
            return replace(
                request,
                changes={**request.changes, **values},
                new_type=new_type,
                reverse=request.reverse ^ self.reverse,
            )
        if values or self.type or self.reverse:
            raise InvalidInput(f"a {request.tag} item has nothing to correct")
        return request


def tie_update(current: FactState, wanted: Mapping[str, Any]) -> dict[str, Any]:
    """What a proposed tie says that the tie in the graph does not: the values to edit (a planned
    tie now active, an end year, a role); empty when the graph says it all already."""
    changes: dict[str, Any] = {}
    for key, value in wanted.items():
        if key in ("source", "paragraph", "quote") or value in (None, ""):
            continue
        have = current.props.get(key)
        if key == "status":
            have = have or model.DEFAULT_STATUS
        if key == "evidence":
            have = have or model.DEFAULT_EVIDENCE
            if value == "inferred":  # an inference never downgrades what a source stated
                continue
        if have != value:
            changes[key] = value
    return changes


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

    def __init__(
        self,
        store: Store,
        actor: Actor,
        proposal: Proposal,
        items: Mapping[int, Item],
        decisions: Mapping[int, Decision],
    ) -> None:
        self.store, self.actor, self.proposal, self.items = store, actor, proposal, items
        self.decisions = decisions
        self.at = now()
        self.pairs: dict[str, tuple[FactState, FactState]] = {}
        self.results: dict[int, str] = {}
        self.facts_of: dict[str, list[str]] = {}
        self.requests: dict[str, dict[str, Any]] = {}
        self.refs = {
            str(i.proposed.ref): i for i in items.values() if i.proposed is not None and i.proposed.ref
        }

    def write(self, item: Item, request: Request, pairs: Pairs) -> None:
        changed = [(b, a) for b, a in pairs if not b.same_as(a)]
        self.store.apply(changed, self.actor, self.at)
        for before, after in changed:
            first = self.pairs.get(before.key, (before, before))[0]
            self.pairs[before.key] = (first, after)
        self.facts_of.setdefault(item.key, []).extend(b.key for b, _ in changed)
        self.requests[item.key] = to_dict(request)

    def citation(self, item: Item, request: Request) -> Citation:
        own = request.citation
        proposed = item.proposed
        paragraph = proposed.paragraph if proposed and proposed.paragraph else own.paragraph if own else None
        quote = proposed.quote if proposed and proposed.quote else own.quote if own else None
        return Citation(source=self.proposal.source, paragraph=paragraph, quote=quote)

    def accept(self, item: Item) -> None:
        request = item.request
        if request is None:
            raise InvalidInput(f"this item cannot be read ({item.problem}): reject it")
        require(self.actor, request.action)
        decision = self.decisions.get(item.n, Decision())
        if isinstance(request, AddEntity):
            if item.n not in self.results:
                self.entity(item, request, decision)
        elif isinstance(request, AddTie):
            self.tie(item, request, decision)
        else:
            self.change(item, decision.corrected(request))

    def end(self, ref: str) -> str:
        """The entity id a tie's end names: an entity of the batch (accepted along) or of the graph."""
        item = self.refs.get(ref)
        if item is None or item.request is None or not isinstance(item.request, AddEntity):
            return ref
        if item.n in self.results:
            return self.results[item.n]
        if item.state == "accepted" and item.result:
            return item.result
        if item.state == "rejected":
            raise InvalidInput(f"{ref!r} (item {item.key}) was rejected: link the tie to another entity")
        return self.entity(item, item.request, self.decisions.get(item.n, Decision()))

    def entity(self, item: Item, request: AddEntity, decision: Decision) -> str:
        proposed = item.proposed
        link = decision.link_to or (None if decision.create or proposed is None else proposed.match)
        if link:
            if self.store.entity(str(link)).state != "live":
                raise InvalidInput(f"item {item.key}: no entity {link!r} in the graph to link to")
            self.results[item.n] = str(link)
            self.requests[item.key] = {"linked_to": str(link)}
            return str(link)
        corrected = decision.corrected(request)
        assert isinstance(corrected, AddEntity)
        corrected = replace(corrected, citation=Citation(source=self.proposal.source))
        planned = plan(self.store, corrected)
        self.write(item, corrected, planned.pairs)
        entity_id = next(a.id for _, a in planned.pairs if a.fact == "entity")
        self.results[item.n] = entity_id
        return entity_id

    def new_end(self, item: Item, end: NewEnd) -> str:
        cited = Citation(source=self.proposal.source)
        request = AddEntity(end.kind, end.name, country=end.country, citation=cited)
        planned = plan(self.store, request)
        self.write(item, request, planned.pairs)
        return next(a.id for _, a in planned.pairs if a.fact == "entity")

    def tie(self, item: Item, request: AddTie, decision: Decision) -> None:
        corrected = decision.corrected(request)
        assert isinstance(corrected, AddTie)
        start = self.new_end(item, decision.new_start) if decision.new_start else decision.start
        end = self.new_end(item, decision.new_end) if decision.new_end else decision.end
        start = start or self.end(corrected.start)
        end = end or self.end(corrected.end)
        if decision.reverse:
            start, end = end, start
        corrected = replace(corrected, start=start, end=end, citation=self.citation(item, corrected))
        current = self.store.tie(start, corrected.type, end)
        if current.state == "live":  # the graph holds the tie: what is new about it is an edit
            changes = tie_update(current, corrected.values())
            self.results[item.n] = current.key
            if changes:
                edit = EditTie(current.start or start, corrected.type, current.end or end, changes)
                self.change(item, replace(edit, citation=corrected.citation))
            return
        planned = plan(self.store, corrected)
        self.write(item, corrected, planned.pairs)
        self.results[item.n] = current.key

    def change(self, item: Item, request: Request) -> None:
        if isinstance(request, EditEntity | EditTie | Confirm):
            citation = self.citation(item, request)
            cited = citation if citation.source_id or citation.quote else None
            request = replace(request, citation=cited)
        planned = plan(self.store, request)
        self.write(item, request, planned.pairs)
        if isinstance(request, Retire | EditEntity | EditTie | Confirm):
            self.results.setdefault(item.n, request.key)
        elif isinstance(request, Merge):
            self.results.setdefault(item.n, request.keep)


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
    proposed or corrected by its :class:`Decision`, in one change. A tie whose end is an entity
    of the batch still open accepts that entity along with it; a tie the graph holds already
    becomes an edit of what the item says that the graph does not."""
    require(actor, "review")
    decisions = dict(decisions or {})
    why_given = reasoned("accept", reason)

    def work(store: Store) -> Change:
        proposal, by_number = locked(store, number)
        chosen = _chosen(by_number, items)
        run = _Acceptance(store, actor, proposal, by_number, decisions)
        order = {"add_entity": 0, "add_tie": 1}
        for item in sorted(chosen, key=lambda i: (order.get(i.what, 2), i.n)):
            try:
                run.accept(item)
            except InvalidInput as e:
                raise InvalidInput(f"item {item.key}: {e.message}", e.hint) from None
        decided = [by_number[n] for n in sorted(run.results)]
        reasons = [str(i.reason) for i in decided if i.reason]
        why = why_given or " ".join("; ".join(reasons).split()) or None
        needs_reason = any(i.request is not None and i.request.action in REASONED for i in decided)
        if needs_reason and not why:
            raise InvalidInput("say why: a reason is required to accept an edit, a retirement or a merge")
        change = store.record(
            actor,
            "accept",
            list(run.pairs.values()),
            reason=why,
            source=proposal.source,
            at=run.at,
            proposal=tuple(i.key for i in decided),
            suggested_by=proposal.who,
            details={
                "items": [i.key for i in decided],
                "facts_of": run.facts_of,
                "requests": run.requests,
                "title": proposal.title,
            },
        )
        rows = [
            {"key": i.key, "state": "accepted", "reason": why, "result": run.results[i.n]} for i in decided
        ]
        record_decisions(store, rows, who=actor.name, at=run.at, change=change.id)
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
    why = reasoned("reject", reason)

    def work(store: Store) -> Change:
        proposal, by_number = locked(store, number)
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
            details={
                "items": [i.key for i in chosen],
                "requests": {i.key: to_dict(i.request) for i in chosen if i.request is not None},
                "entities": sorted({e for i in chosen if i.request for e in i.request.entities}),
                "title": proposal.title,
            },
        )
        rows = [{"key": i.key, "state": "rejected", "reason": why, "result": None} for i in chosen]
        record_decisions(store, rows, who=actor.name, at=at, change=change.id)
        return change

    return in_transaction(driver, settings, work)
