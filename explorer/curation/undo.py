"""Undoing a change: a new change that restores what it found, unless a later one touched the same
facts. An acceptance can be undone item by item (its items go back to the queue); a load is
undone from what it marked (:mod:`explorer.curation.loads`)."""

from __future__ import annotations

from collections.abc import Sequence

import neo4j

from explorer.config import Settings
from explorer.curation.actors import Actor, require
from explorer.curation.batches import Item, locked, record_decisions
from explorer.curation.checks import Pairs, fact_at, reasoned
from explorer.curation.loads import drop_unused_sources, plan_undo_load
from explorer.curation.store import Store, in_transaction
from explorer.errors import UndoRefused, UnknownValue
from explorer.model.changes import Change, FactState

__all__ = ["made_by", "undo"]

_NOT_UNDONE = {
    "propose": (
        "a proposal changed no fact: reject its items in the review queue instead",
        None,
    ),
    "reject": (
        "a rejection changed no fact: propose the fact again if it was wrongly rejected",
        None,
    ),
    "attach": (
        "attaching a source's text changed no fact",
        "attach the right text again: explorer source attach ID FILE",
    ),
    "ask": (
        "an ask changed no fact: close it as withdrawn instead",
        "explorer ask close N --outcome withdrawn",
    ),
    "close_ask": ("closing an ask changed no fact: log a new ask if it goes on", "explorer ask add FROM TO"),
    "willingness": (
        "a willingness mark changed no fact: mark the willingness again instead",
        "explorer ask willingness ENTITY LEVEL",
    ),
}


def _items_of(change: Change, items: Sequence[str] | None) -> list[str]:
    """The items of an acceptance to undo (all of them when ``items`` is ``None``)."""
    accepted = [str(i) for i in change.proposal]
    if items is None:
        return accepted
    wanted = [i if "#" in str(i) else f"{change.proposal[0].split('#')[0]}#{i}" for i in items]
    unknown = [i for i in wanted if i not in accepted]
    if change.action != "accept" or unknown:
        raise UndoRefused(
            f"change #{change.id} did not accept item {', '.join(unknown) or ', '.join(wanted)}",
            f"its items are {', '.join(accepted)}" if accepted else None,
        )
    return wanted


def _facts_of(change: Change, items: list[str], partial: bool) -> set[str] | None:
    """The facts the chosen items of an acceptance wrote (``None``: every fact of the change)."""
    if not partial:
        return None
    by_item = change.details.get("facts_of")
    if not isinstance(by_item, dict):
        raise UndoRefused(
            f"change #{change.id} was recorded before items could be undone one by one",
            f"undo the whole change: explorer fact undo {change.id}",
        )
    return {str(k) for i in items for k in by_item.get(i, [])}


def _undone_since(store: Store, key: str, number: int) -> bool:
    """Whether a later undo of change ``number`` restored ``key`` already (a partial undo)."""
    later = store.later_change(key, number)
    return later is not None and later.undoes == number


def plan_undo(store: Store, change: Change, keys: set[str] | None) -> Pairs:
    """The states that give back what ``change`` found (only the facts ``keys``, when given)."""
    store.lock(change.entities)
    pairs: Pairs = []
    for before, after in change.pairs():
        fact = after or before
        if fact is None or (keys is not None and fact.key not in keys):
            continue
        current = fact_at(store, fact.key)
        earlier = before or FactState(fact.fact, fact.key, "absent", fact.kind, {}, fact.start, fact.end)
        if after is not None and current.same_as(after):
            pairs.append((current, earlier))
            continue
        if current.same_as(earlier) and _undone_since(store, fact.key, change.id):
            continue
        later = store.later_change(fact.key, change.id)
        if later is not None:
            raise UndoRefused(
                f"cannot undo #{change.id}: {fact.label()} was changed later by #{later.id} "
                f"({later.action} by {later.who} at {later.at})",
                f"undo #{later.id} first",
            )
        raise UndoRefused(
            f"cannot undo #{change.id}: {fact.label()} has changed since "
            f"(by {current.changed_by or 'a load'} at {current.changed_at or 'an unknown time'})",
            "edit the fact by hand instead",
        )
    return pairs


_UNDONE_BY = (
    "MATCH (u:Change {undoes: $id}) WHERE NOT EXISTS { MATCH (:Change {undoes: u.id}) } "
    "RETURN max(u.id) AS by"
)


def _accepted_items(store: Store, change: Change, items: Sequence[str] | None) -> list[Item]:
    """The items of acceptance ``change`` to undo: those it accepted that no undo reopened since."""
    wanted = _items_of(change, items)
    if not wanted:
        return []
    _, by_number = locked(store, int(wanted[0].split("#")[0]))
    current = {i.key: i for i in by_number.values()}
    still = [current[k] for k in wanted if k in current and current[k].state == "accepted"]
    still = [i for i in still if i.change == change.id]
    if items is not None and len(still) < len(wanted):
        gone = sorted(set(wanted) - {i.key for i in still})
        raise UndoRefused(
            f"item {', '.join(gone)} is no longer accepted by #{change.id}: it was undone or decided again"
        )
    if not still:
        raise UndoRefused(f"change #{change.id} was undone already: its items wait in the review queue")
    return still


def _reaccept(store: Store, change: Change) -> None:
    """Undoing the undo of an acceptance: its items are accepted again, by the first acceptance."""
    first = store.change(int(change.undoes or 0))
    if first is None or not change.proposal:
        return
    _, by_number = locked(store, int(change.proposal[0].split("#")[0]))
    items = [i for i in by_number.values() if i.key in change.proposal]
    decided = [i for i in items if i.state != "open"]
    if decided:
        raise UndoRefused(
            f"cannot undo #{change.id}: item {decided[0].key} was {decided[0].state} since, "
            f"by {decided[0].decided_by}"
        )
    rows = [{"key": i.key, "state": "accepted", "reason": first.reason, "result": i.result} for i in items]
    record_decisions(store, rows, who=first.who, at=first.at, change=first.id)


def made_by(change: Change, actor: Actor) -> bool:
    """Whether ``actor`` made ``change``: the same subject of the identity provider when the
    record and the actor both have one (a name can be taken by someone else; a subject
    cannot), else the same name: records of earlier releases, and the command line, whose
    user the explorer trusts (see SECURITY.md)."""
    if change.subject and actor.subject:
        return change.subject == actor.subject
    return change.who == actor.name


def undo(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    number: int,
    *,
    reason: str | None = None,
    items: Sequence[str] | None = None,
) -> Change:
    """A new change that restores what change ``number`` found, refused when a later change
    touched the same facts (undo that one first). ``items`` (``"12#3"`` or ``3``) undoes only
    those items of an acceptance; the items undone go back to the review queue."""
    require(actor, "undo")
    why = reasoned("undo", reason)

    def work(store: Store) -> Change:
        change = store.change(number)
        if change is None:
            raise UnknownValue(
                "change", f"#{number}", expected="the number of a change (explorer fact history)"
            )
        if change.action in _NOT_UNDONE:
            message, hint = _NOT_UNDONE[change.action]
            raise UndoRefused(f"change #{number} cannot be undone: {message}", hint)
        if not made_by(change, actor):
            require(actor, "undo_any")
        if items is not None and change.action != "accept":
            raise UndoRefused(f"change #{number} is not an acceptance: only its whole can be undone")
        if change.action != "accept":
            by = store.run(_UNDONE_BY, id=number)[0]["by"]
            if by is not None:
                raise UndoRefused(
                    f"change #{number} was undone already, by #{by}", f"undo #{by} to bring it back"
                )
        if change.action == "load":
            pairs, details = plan_undo_load(store, change)
            done = store.commit(actor, "undo", pairs, reason=why, undoes=number, details=details)
            drop_unused_sources(store, str(details["load"]))
            return done
        chosen = _accepted_items(store, change, items) if change.action == "accept" else []
        if not change.after and not chosen:
            raise UndoRefused(f"change #{number} changed no fact: nothing to undo")
        keys = [i.key for i in chosen]
        pairs = plan_undo(store, change, _facts_of(change, keys, items is not None))
        done = store.commit(
            actor,
            "undo",
            pairs,
            reason=why,
            undoes=number,
            allow_empty=bool(chosen),
            proposal=tuple(keys),
            details={"items": keys} if keys else {},
        )
        if chosen:  # the items undone wait in the queue again, for another decision
            rows = [{"key": i.key, "state": "open", "reason": None, "result": i.result} for i in chosen]
            record_decisions(store, rows, who=None, at=None, change=done.id)
        if change.action == "undo":
            _reaccept(store, change)
        return done

    return in_transaction(driver, settings, work)
