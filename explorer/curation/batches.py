"""The review queue in the database: batches of proposed changes and their items, written and
read (the records themselves are in :mod:`explorer.curation.items`)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import neo4j

from explorer import model
from explorer.config import Settings
from explorer.curation.actors import Actor, require
from explorer.curation.citations import Citation, cite
from explorer.curation.items import Item, Proposal, Proposed, proposed_of
from explorer.curation.requests import AddEntity, AddTie, Confirm, EditTie, Retire, to_dict
from explorer.curation.store import Store, in_transaction
from explorer.database.session import Reader, reading
from explorer.errors import InvalidInput, UnknownValue
from explorer.model.clock import now
from explorer.model.facts import parse_fact_key

__all__ = [
    "Item",
    "Proposal",
    "Proposed",
    "get_proposal",
    "items_from",
    "locked",
    "open_count",
    "open_proposals",
    "propose",
    "record_decisions",
    "record_proposal",
]

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
_OPEN_COUNT = (
    "MATCH (i:Proposed {state: 'open'}) RETURN count(i) AS items, count(DISTINCT i.proposal) AS batches"
)
_ONE = "MATCH (p:Proposal {id: $id}) OPTIONAL MATCH (i:Proposed {proposal: $id}) WITH p, i ORDER BY i.n "
_ONE += "RETURN p, collect(i) AS items"


def _item(record: Mapping[str, Any]) -> Item:
    what = str(record.get("what") or "")
    proposed, problem = None, None
    try:
        payload = json.loads(record.get("payload") or "{}")
        proposed = proposed_of(what, payload if isinstance(payload, Mapping) else {})
    except (ValueError, TypeError, KeyError) as e:
        problem = str(e) or type(e).__name__
    state = record.get("state") if record.get("state") in ("open", "accepted", "rejected") else "open"
    return Item(
        int(record["proposal"]),
        int(record["n"]),
        proposed.request.tag if proposed is not None else what,
        proposed,
        state,  # type: ignore[arg-type]
        record.get("decided_by"),
        record.get("decided_at"),
        record.get("reason"),
        record.get("change"),
        record.get("result"),
        problem,
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


def _check_items(items: Sequence[Proposed]) -> None:
    problems: list[str] = []
    refs = [i.ref for i in items if i.ref]
    if len(set(refs)) != len(refs):
        problems.append("two proposed entities share a ref")
    for item in items:
        request = item.request
        if isinstance(request, AddEntity):
            if model.parse_kind(request.kind) not in model.ENTITY_KINDS:
                problems.append(
                    f"unknown kind {request.kind!r}; expected one of {', '.join(sorted(model.ENTITY_KINDS))}"
                )
            if not str(request.name or "").strip():
                problems.append(f"proposed entity {item.ref or request.id!r}: missing name")
        elif isinstance(request, AddTie | EditTie | Confirm):
            if model.parse_rel_type(request.type) is None:
                expected = ", ".join(model.REL_TYPES)
                problems.append(f"unknown type {request.type!r}; expected one of {expected}")
        elif isinstance(request, Retire):
            try:
                parse_fact_key(request.fact)
            except ValueError:
                problems.append(f"not a fact: {request.fact!r} (entity:ID or tie:FROM|TYPE|TO)")
    if not items:
        problems.append("nothing proposed")
    if problems:
        raise InvalidInput("; ".join(problems))


def propose(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    items: Sequence[Proposed],
    *,
    citation: Citation | None = None,
    origin: str = "suggestion",
    title: str | None = None,
    note: str | None = None,
) -> Proposal:
    """Put a batch of proposed changes in the review queue (nothing in the graph changes).

    ``origin`` is ``suggestion`` (a reader may make one) or the name of what proposed them
    (``article``: needs the editor role). The batch cites ``citation``'s source (created now
    when new); each item keeps its own paragraph and quoted sentence.
    """
    require(actor, "suggest" if origin == "suggestion" else "propose")
    return in_transaction(
        driver,
        settings,
        lambda store: record_proposal(
            store, actor, items, citation=citation, origin=origin, title=title, note=note
        ),
    )


def record_proposal(
    store: Store,
    actor: Actor,
    items: Sequence[Proposed],
    *,
    citation: Citation | None = None,
    origin: str = "suggestion",
    title: str | None = None,
    note: str | None = None,
) -> Proposal:
    """Put a batch in the review queue inside ``store``'s transaction (the caller checked the
    actor's role): the change record, the batch and its items."""
    _check_items(items)
    if any(isinstance(i.request, AddTie) for i in items) and (citation is None or citation.source_id is None):
        raise InvalidInput("a tie must cite its source", "name a Source, or give a new one's title")
    source = cite(store, citation, required=False)
    at = now()
    ids = sorted(
        {i for p in items for i in (*p.request.entities, p.match or "") if i and i != p.ref}
        - {p.ref for p in items if p.ref}
    )
    change = store.record(
        actor,
        "propose",
        [],
        reason=note,
        source=source,
        at=at,
        details={
            "origin": origin,
            "count": len(items),
            "entities": ids,
            "title": title,
            "requests": [to_dict(p.request) for p in items],
        },
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
    rows = [
        {
            "key": f"{change.id}#{n}",
            "proposal": change.id,
            "n": n,
            "what": item.request.tag,
            "state": "open",
            "payload": json.dumps(item.payload(), ensure_ascii=False, sort_keys=True),
            "reason": item.reason,
        }
        for n, item in enumerate(items, start=1)
    ]
    store.run(_CREATE_ITEMS, items=[{k: v for k, v in r.items() if v is not None} for r in rows])
    return _proposal(props, rows)


_FROM_SOURCE = (
    "MATCH (p:Proposal {source: $source}) MATCH (i:Proposed {proposal: p.id}) "
    "RETURN i.what AS what, i.payload AS payload, i.state AS state, i.result AS result LIMIT 10000"
)


def items_from(read: Reader, source: str) -> list[tuple[Proposed, str | None]]:
    """Every item ever proposed citing ``source`` (open or decided), with what it became; so that
    a source read again proposes nothing it proposed before."""
    found = []
    for r in read.rows(_FROM_SOURCE, source=source):
        try:
            found.append((proposed_of(str(r["what"]), json.loads(r["payload"] or "{}")), r["result"]))
        except (ValueError, TypeError, KeyError):
            continue  # an unreadable item proposes nothing to compare with
    return found


def open_proposals(driver: neo4j.Driver, settings: Settings, limit: int = 50) -> list[Proposal]:
    """Batches with items still to decide, newest first."""
    with reading(driver, settings) as read:
        rows = read.rows(_OPEN, limit=limit)
    return [_proposal(dict(r["p"]), [dict(i) for i in r["items"]]) for r in rows]


def open_count(driver: neo4j.Driver, settings: Settings) -> tuple[int, int]:
    """How many items wait for review, in how many batches."""
    with reading(driver, settings) as read:
        record = read.one(_OPEN_COUNT)
    return (int(record["items"]), int(record["batches"])) if record is not None else (0, 0)


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
    store: Store, decided: Sequence[Mapping[str, Any]], *, who: str | None, at: str | None, change: int
) -> None:
    """Mark items decided (``key``, ``state``, ``reason``, ``result`` each) by ``change``."""
    store.run(_DECIDE, decided=list(decided), who=who, at=at, change=change)
