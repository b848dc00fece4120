"""Asks for introductions and introducers' willingness, written and read: the introduction workflow.

An ask is logged (``ask``), then closed with its outcome (``close_ask``); an introducer's
willingness is marked (``willingness``). Each is one signed record of the history, attached to the
entities it concerns (so an entity's history shows them), written in one transaction with the
``Ask`` or ``Willingness`` record it changes; none changes a fact of the map. An outcome
"introduced" or "met" also proposes, for review, a tie between the asker and the target (``IN_CONTACT``)
citing the ask as its source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import neo4j

from explorer import defaults
from explorer.config import Settings
from explorer.curation.actors import Actor, require
from explorer.curation.batches import Proposal, Proposed, record_proposal
from explorer.curation.citations import Citation, NewSource
from explorer.curation.requests import AddTie
from explorer.curation.store import Store, in_transaction
from explorer.database.session import reading
from explorer.errors import InvalidInput, UnknownValue, UsageError
from explorer.model.asks import OUTCOMES, SUCCESSES, WILLINGNESS, Ask, AskerKind, Mark
from explorer.model.clock import now, today

__all__ = [
    "CONTACT_TYPE",
    "NewAsk",
    "close_ask",
    "get_ask",
    "list_asks",
    "mark_willingness",
    "marks",
    "open_ask",
]

#: The tie an ask that led to an introduction or a meeting proposes between asker and target.
CONTACT_TYPE = "IN_CONTACT"

_CREATE = "CREATE (a:Ask) SET a = $props"
_LOCK = "MATCH (a:Ask {id: $id}) SET a.curation_lock = true REMOVE a.curation_lock RETURN a"
_UPDATE = "MATCH (a:Ask {id: $id}) SET a += $props"
_ONE = "MATCH (a:Ask {id: $id}) RETURN a"
_LIST = (
    "MATCH (a:Ask) WHERE (NOT $open OR a.state = 'open') "
    "AND ($due IS NULL OR (a.state = 'open' AND a.follow_up <= $due)) "
    "AND ($about IS NULL OR $about IN [a.asker, a.target, a.introducer, a.through]) "
    "RETURN a ORDER BY CASE a.state WHEN 'open' THEN 0 ELSE 1 END, "
    "coalesce(a.follow_up, '9999') , a.id DESC LIMIT $limit"
)
_MARK = "MERGE (w:Willingness {entity: $entity}) SET w += $props RETURN w"
_MARK_OF = "MATCH (w:Willingness {entity: $entity}) RETURN w"
_MARKS = (
    "MATCH (w:Willingness) WHERE $ids IS NULL OR w.entity IN $ids "
    "RETURN w ORDER BY w.at DESC, w.entity LIMIT $limit"
)


@dataclass(frozen=True)
class NewAsk:
    """An ask about to be logged: who asks (as what), whom to reach, who was asked and through
    which of the asker's own, the path followed, a note and the day to follow it up."""

    asker: str
    asker_kind: AskerKind
    target: str
    introducer: str | None = None
    through: str | None = None
    path: tuple[str, ...] = ()
    rank: int | None = None
    score: float | None = None
    note: str | None = None
    follow_up: dt.date | None = None
    names: Mapping[str, str] = field(default_factory=dict)


def _follow_up(given: dt.date | None, on: dt.date) -> str:
    day = given if given is not None else on + dt.timedelta(days=defaults.ASK_FOLLOW_UP_DAYS)
    if day < on:
        raise UsageError(f"the follow-up day {day.isoformat()} is already past", "give today or a later day")
    return day.isoformat()


def open_ask(driver: neo4j.Driver, settings: Settings, actor: Actor, new: NewAsk) -> Ask:
    """Log an ask (signed; the history's record numbers it)."""
    require(actor, "ask")
    if new.asker == new.target:
        raise UsageError("an ask needs two different entities: who asks and whom to reach")
    note = (new.note or "").strip() or None
    follow_up = _follow_up(new.follow_up, today())

    def work(store: Store) -> Ask:
        at = now()
        draft = Ask(
            0, at, actor.name, new.asker, new.asker_kind, new.target, new.introducer, new.through,
            tuple(new.path), new.rank, new.score, note, follow_up, names=dict(new.names),
        )  # fmt: skip
        store.lock(draft.entities)
        missing = sorted(set(draft.entities) - set(store.kinds(draft.entities)))
        if missing:
            raise InvalidInput(f"no entity {missing[0]!r} in the graph", "name entities of the map")
        change = store.record(
            actor,
            "ask",
            [],
            reason=note,
            at=at,
            details={"ask": _said(draft), "entities": list(draft.entities)},
        )
        ask = replace(draft, id=change.id)
        store.run(_CREATE, props=ask.record())
        return ask

    return in_transaction(driver, settings, work)


def _said(ask: Ask) -> dict[str, Any]:
    """What a history record keeps of an ask (names included, for when the map forgets them)."""
    said = {
        k: v for k, v in ask.as_dict().items() if v not in (None, [], "") and k not in ("id", "at", "who")
    }
    said["names"] = dict(ask.names)
    return said


def close_ask(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    number: int,
    outcome: str,
    note: str | None = None,
) -> tuple[Ask, Proposal | None]:
    """Close ask ``number`` with its outcome (its author, or an editor); "introduced" or "met"
    proposes a tie between asker and target for review, citing the ask."""
    require(actor, "ask")
    if outcome not in OUTCOMES:
        raise UnknownValue("outcome", outcome, expected=", ".join(OUTCOMES))
    note = (note or "").strip() or None

    def work(store: Store) -> tuple[Ask, Proposal | None]:
        ask = _locked(store, number)
        if ask.who != actor.name:
            require(actor, "review")
        if ask.state == "closed":
            raise InvalidInput(
                f"ask #{number} is closed already ({ask.outcome}, {ask.closed_at})", "log a new ask instead"
            )
        at = now()
        proposal = _propose_contact(store, actor, ask, outcome, note) if outcome in SUCCESSES else None
        details: dict[str, Any] = {
            "ask": number,
            "outcome": outcome,
            "entities": list(ask.entities),
            "names": dict(ask.names),
            "from": ask.asker,
            "to": ask.target,
        }
        if proposal is not None:
            details["proposal"] = proposal.id
        store.record(actor, "close_ask", [], reason=note, at=at, details=details)
        closed: dict[str, Any] = {
            "state": "closed",
            "outcome": outcome,
            "closed_at": at,
            "closed_by": actor.name,
        }
        closed |= {"close_note": note, "proposal": proposal.id if proposal else None}
        store.run(_UPDATE, id=number, props={k: v for k, v in closed.items() if v is not None})
        return replace(ask, **closed), proposal  # type: ignore[arg-type]

    return in_transaction(driver, settings, work)


def _locked(store: Store, number: int) -> Ask:
    rows = store.run(_LOCK, id=number)
    if not rows:
        raise UnknownValue("ask", f"#{number}", expected="the number of an ask (explorer ask list)")
    return Ask.from_record(dict(rows[0]["a"]))


def _propose_contact(store: Store, actor: Actor, ask: Ask, outcome: str, note: str | None) -> Proposal:
    """A tie between asker and target, for review, citing the ask as its source."""
    names = ask.names
    a, b = names.get(ask.asker, ask.asker), names.get(ask.target, ask.target)
    day = today()
    source = NewSource(
        f"Ask #{ask.id}: {a} → {b} ({outcome})",
        date=day.isoformat(),
        id=f"ask-{ask.id}",
        properties={
            "ask": ask.id,
            "format": "ask for an introduction",
            "format_fr": "demande d'introduction",
        },
    )
    quote = note or f"Ask #{ask.id} closed by {actor.name}: {outcome}."
    citation = Citation(new=source, quote=quote)
    props = {"note": f"ask #{ask.id}: {outcome}"} | (
        {"introduced_by": ask.introducer} if ask.introducer else {}
    )
    tie = AddTie(ask.asker, CONTACT_TYPE, ask.target, evidence="stated", since=day.year, properties=props)
    item = Proposed(tie, reason=f"ask #{ask.id}: {outcome}", quote=quote)
    return record_proposal(
        store, actor, [item], citation=citation, origin="ask", title=source.title, note=f"ask #{ask.id}"
    )


def get_ask(driver: neo4j.Driver, settings: Settings, number: int) -> Ask:
    with reading(driver, settings) as read:
        record = read.one(_ONE, id=number)
    if record is None:
        raise UnknownValue("ask", f"#{number}", expected="the number of an ask (explorer ask list)")
    return Ask.from_record(dict(record["a"]))


def list_asks(
    driver: neo4j.Driver,
    settings: Settings,
    *,
    open_only: bool = False,
    due_on: dt.date | None = None,
    about: str | None = None,
    limit: int = defaults.ASKS_LIMIT,
) -> list[Ask]:
    """Asks, open ones first (the soonest follow-up first), then closed ones, newest first;
    ``due_on``: open asks whose follow-up day has come by then; ``about``: naming that entity."""
    due = due_on.isoformat() if due_on is not None else None
    with reading(driver, settings) as read:
        rows = read.rows(_LIST, open=open_only, due=due, about=about, limit=limit)
    return [Ask.from_record(dict(r["a"])) for r in rows]


def mark_willingness(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    entity: str,
    level: str,
    reason: str | None = None,
) -> Mark:
    """Mark how willing ``entity`` is to make introductions (``open``, ``reluctant``, ``unknown``)."""
    require(actor, "willingness")
    if level not in WILLINGNESS:
        raise UnknownValue("willingness", level, expected=", ".join(WILLINGNESS))
    reason = (reason or "").strip() or None

    def work(store: Store) -> Mark:
        store.lock([entity])
        kinds = store.kinds([entity])
        if entity not in kinds:
            raise InvalidInput(f"no entity {entity!r} in the graph", "name an entity of the map")
        before = store.run(_MARK_OF, entity=entity)
        was = Mark.from_record(dict(before[0]["w"])) if before else None
        if was is not None and (was.level, was.reason) == (level, reason):
            raise InvalidInput(f"{entity!r} is marked {level} already, for the same reason")
        at = now()
        details = {
            "entity": entity,
            "level": level,
            "before": was.level if was else None,
            "entities": [entity],
        }
        store.record(actor, "willingness", [], reason=reason, at=at, details=details)
        props = {"level": level, "reason": reason, "at": at, "who": actor.name}
        return Mark.from_record(dict(store.run(_MARK, entity=entity, props=props)[0]["w"]))

    return in_transaction(driver, settings, work)


def marks(driver: neo4j.Driver, settings: Settings, ids: Sequence[str] | None = None) -> list[Mark]:
    """Willingness marks, the latest first (``ids``: of these entities only)."""
    with reading(driver, settings) as read:
        rows = read.rows(_MARKS, ids=list(ids) if ids is not None else None, limit=defaults.ASKS_LIMIT)
    return [Mark.from_record(dict(r["w"])) for r in rows]
