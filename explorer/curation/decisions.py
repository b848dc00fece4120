"""The review queue's decisions: items accepted (possibly edited) or rejected, each as one change."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import neo4j

from explorer import model
from explorer.config import Settings
from explorer.curation.actors import Actor, require
from explorer.curation.additions import plan_add_entity, plan_add_tie
from explorer.curation.batches import Item, Proposal, locked, record_decisions
from explorer.curation.checks import reasoned
from explorer.curation.citations import Citation
from explorer.curation.edits import plan_edit_entity, plan_edit_tie
from explorer.curation.records import Change, FactState, now, parse_fact_key
from explorer.curation.retirements import plan_retire
from explorer.curation.store import Store, in_transaction
from explorer.errors import InvalidInput, UnknownValue

__all__ = ["Decision", "accept", "reject"]


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

    def citation(self, item: Item) -> Citation:
        p = item.payload
        return Citation(source=self.proposal.source, paragraph=p.get("paragraph"), quote=p.get("quote"))

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
        pairs, entity_id, _ = plan_add_entity(
            self.store,
            decision.kind or str(p.get("kind")),
            decision.name or str(p.get("name")),
            entity_id=decision.id or p.get("id"),
            country=p.get("country"),
            properties=p.get("properties") or {},
            citation=Citation(source=self.proposal.source),
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
        pairs, key, _ = plan_add_tie(
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
            self.write(plan_retire(self.store, key, expected_version=p.get("version")))
            return key
        what, a, rtype, b = parse_fact_key(key)
        changes = dict(p.get("changes") or {})
        citation = self.citation(item) if (self.proposal.source or p.get("quote")) else None
        if item.what == "confirm":
            changes["evidence"] = "stated"
        if what == "entity":
            pairs, _ = plan_edit_entity(
                self.store, a, changes, expected_version=p.get("version"), citation=citation
            )
        else:
            pairs, _ = plan_edit_tie(
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
        proposal, by_number = locked(store, number)
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
            details={"items": [i.key for i in chosen], "labels": [i.label() for i in chosen]},
        )
        rows = [{"key": i.key, "state": "rejected", "reason": why, "result": None} for i in chosen]
        record_decisions(store, rows, who=actor.name, at=at, change=change.id)
        return change

    return in_transaction(driver, settings, work)
