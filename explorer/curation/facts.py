"""Changing facts, in one place for the faces: add, edit, confirm, retire, merge, undo, and read a fact.

Each change checks the actor's role, then runs one transaction: lock the facts, read them,
check them with the loaders' own row building and kind checks (so the messages are those of
``explorer load``), write, and record the change. The ``plan_*`` functions compute the
(before, after) states inside a :class:`Store`, for the review queue to reuse. They live in
``additions``, ``edits``, ``retirements`` and ``undo``; sources cited in ``citations``.
"""

from __future__ import annotations

import neo4j

from explorer.config import Settings
from explorer.curation.additions import add_entity, add_tie, plan_add_entity, plan_add_tie
from explorer.curation.checks import Pairs, fact_at
from explorer.curation.citations import Citation, NewSource
from explorer.curation.edits import confirm, edit_entity, edit_tie, plan_edit_entity, plan_edit_tie
from explorer.curation.records import FactState, entity_key, tie_key
from explorer.curation.retirements import merge, plan_merge, plan_retire, retire
from explorer.curation.store import Store
from explorer.curation.undo import undo
from explorer.db import read_session

__all__ = [
    "Citation",
    "NewSource",
    "Pairs",
    "add_entity",
    "add_tie",
    "confirm",
    "edit_entity",
    "edit_tie",
    "merge",
    "plan_add_entity",
    "plan_add_tie",
    "plan_edit_entity",
    "plan_edit_tie",
    "plan_merge",
    "plan_retire",
    "read_fact",
    "retire",
    "undo",
]


def read_fact(driver: neo4j.Driver, settings: Settings, key: str) -> FactState:
    """A fact as it stands now (its version is what an editor opens)."""
    with read_session(driver, settings) as session, session.begin_transaction(timeout=settings.timeout) as tx:
        return fact_at(Store(tx), key)  # type: ignore[arg-type]


def fact_key_of(entity_id: str | None = None, tie: tuple[str, str, str] | None = None) -> str:
    """The key of an entity or of a tie (start, type, end)."""
    if tie is not None:
        return tie_key(*tie)
    return entity_key(str(entity_id))
