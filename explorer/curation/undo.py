"""Undoing a change: a new change that restores what it found, unless a later one touched them."""

from __future__ import annotations

import neo4j

from explorer.config import Settings
from explorer.curation.actors import Actor, require
from explorer.curation.checks import Pairs, fact_at, reasoned
from explorer.curation.records import Change
from explorer.curation.store import Store, in_transaction
from explorer.errors import UndoRefused, UnknownValue

__all__ = ["undo"]

_NOT_UNDONE = {
    "load": (
        "a load is recorded as a whole, with its files and counts, not fact by fact: "
        "it cannot be undone here",
        "load corrected files, or retire its facts one by one",
    ),
    "propose": (
        "a proposal changed no fact: reject its items in the review queue instead",
        None,
    ),
    "reject": (
        "a rejection changed no fact: propose the fact again if it was wrongly rejected",
        None,
    ),
}


def undo(
    driver: neo4j.Driver, settings: Settings, actor: Actor, number: int, *, reason: str | None = None
) -> Change:
    """A new change that restores what change ``number`` found, refused when a later change
    touched the same facts (undo that one first)."""
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
        if change.who != actor.name:
            require(actor, "undo_any")
        if not change.after:
            raise UndoRefused(f"change #{number} changed no fact: nothing to undo")
        store.lock(change.entities)
        pairs: Pairs = []
        for after in change.after:
            current = fact_at(store, after.key)
            if not current.same_as(after):
                later = store.later_change(after.key, number)
                if later is not None:
                    raise UndoRefused(
                        f"cannot undo #{number}: {after.label()} was changed later by #{later.id} "
                        f"({later.action} by {later.who} at {later.at})",
                        f"undo #{later.id} first",
                    )
                raise UndoRefused(
                    f"cannot undo #{number}: {after.label()} has changed since "
                    f"(by {current.changed_by or 'a load'} at {current.changed_at or 'an unknown time'})",
                    "edit the fact by hand instead",
                )
            before = next(b for b in change.before if b.key == after.key)
            pairs.append((current, before))
        return store.commit(actor, "undo", pairs, reason=why or f"undo of #{number}", undoes=number)

    return in_transaction(driver, settings, work)
