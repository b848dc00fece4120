"""Changing facts, in one place for the faces: one call submits a change request.

:func:`submit` takes any request of :mod:`explorer.curation.requests` (add, edit, confirm,
retire, merge) and either applies it (the actor's role allows it) or queues it as a
suggestion for an editor (a reader, or anyone asking to suggest). Applying checks the role,
the reason and the version, then runs one transaction: lock the facts, read them, check
them with the loaders' own row building and kind checks (so the messages are those of
``explorer load``), write, and record the change. The functions named after each change
(:func:`add_entity`, :func:`retire`...) build the request and apply it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import neo4j

from explorer.config import Settings
from explorer.curation.actors import Actor, require
from explorer.curation.batches import Proposal, Proposed, propose
from explorer.curation.checks import Pairs, fact_at, reasoned
from explorer.curation.citations import Citation, NewSource
from explorer.curation.decisions import tie_update
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
from explorer.curation.store import Store, in_transaction, trial
from explorer.curation.undo import undo
from explorer.database.session import read_session
from explorer.errors import InvalidInput
from explorer.model.changes import Change, FactState

__all__ = [
    "Citation",
    "NewSource",
    "Pairs",
    "add_entity",
    "add_tie",
    "apply",
    "confirm",
    "edit_entity",
    "edit_tie",
    "merge",
    "read_fact",
    "retire",
    "submit",
    "suggest",
    "undo",
]


def apply(
    driver: neo4j.Driver, settings: Settings, actor: Actor, request: Request, *, reason: str | None = None
) -> Change:
    """Make the change ``request`` asks for, as one recorded change (its role required)."""
    require(actor, request.action)
    why = reasoned(request.action, reason)

    def work(store: Store) -> Change:
        planned = plan(store, request)
        return store.commit(
            actor,
            request.action,
            planned.pairs,
            reason=why,
            source=planned.source,
            details={**planned.details, "request": to_dict(request)},
        )

    return in_transaction(driver, settings, work)


def _as_suggested(store: Store, request: Request) -> Request:
    """The request checked as it would be applied now (nothing is kept); a new tie that the graph
    holds already becomes an edit of what it says that the graph does not."""
    if isinstance(request, AddTie):
        current = store.tie(request.start, request.type, request.end)
        if current.live:
            changes = tie_update(current, request.values())
            if not changes:
                raise InvalidInput(f"{current.label()} is in the graph already, as suggested")
            request = EditTie(
                str(current.start),
                request.type,
                str(current.end),
                changes,
                current.version,
                citation=request.citation,
            )
    plan(store, request)
    return request


def suggest(
    driver: neo4j.Driver, settings: Settings, actor: Actor, request: Request, *, reason: str | None = None
) -> Proposal:
    """Queue ``request`` for an editor's review, checked first as if it were applied now."""
    require(actor, "suggest")
    why = reasoned(request.action, reason)
    checked = trial(driver, settings, lambda store: _as_suggested(store, request))
    return propose(
        driver,
        settings,
        actor,
        [Proposed(checked, reason=why)],
        citation=checked.citation,
        origin="suggestion",
        note=why,
    )


def submit(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    request: Request,
    *,
    reason: str | None = None,
    suggest_only: bool = False,
) -> Change | Proposal:
    """Apply ``request`` when the actor's role allows it, else queue it as their suggestion (a
    reader); ``suggest_only`` queues it whoever asks. Returns the change made or the proposal."""
    if not suggest_only and actor.may(request.action):
        return apply(driver, settings, actor, request, reason=reason)
    return suggest(driver, settings, actor, request, reason=reason)


def read_fact(driver: neo4j.Driver, settings: Settings, key: str) -> FactState:
    """A fact as it stands now (its version is what an editor opens)."""
    with read_session(driver, settings) as session, session.begin_transaction(timeout=settings.timeout) as tx:
        return fact_at(Store(tx), key)  # type: ignore[arg-type]


# -- each change by name: the request built and applied -----------------------------------------


def add_entity(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    kind: str,
    name: str,
    *,
    entity_id: str | None = None,
    country: str | None = None,
    city: str | None = None,
    properties: Mapping[str, Any] | None = None,
    citation: Citation | None = None,
    reason: str | None = None,
) -> Change:
    """Add an entity (and the city and country it names, when missing)."""
    request = AddEntity(kind, name, entity_id, country, city, dict(properties or {}), citation)
    return apply(driver, settings, actor, request, reason=reason)


def add_tie(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    start: str,
    rtype: str,
    end: str,
    *,
    citation: Citation | None,
    status: str | None = None,
    evidence: str | None = None,
    since: int | None = None,
    until: int | None = None,
    note: str | None = None,
    properties: Mapping[str, Any] | None = None,
    reason: str | None = None,
) -> Change:
    """Add a tie of any type of the model between two entities, citing its source."""
    props = {**(properties or {}), **({"note": note} if note else {})}
    request = AddTie(start, rtype, end, status, evidence, since, until, props, citation)
    return apply(driver, settings, actor, request, reason=reason)


def edit_entity(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    entity_id: str,
    changes: Mapping[str, Any],
    *,
    reason: str | None,
    expected_version: int | None = None,
    citation: Citation | None = None,
) -> Change:
    """Change an entity's properties (name, French name, country, kind, description...)."""
    request = EditEntity(entity_id, dict(changes), expected_version, citation)
    return apply(driver, settings, actor, request, reason=reason)


def edit_tie(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    start: str,
    rtype: str,
    end: str,
    changes: Mapping[str, Any],
    *,
    reason: str | None,
    expected_version: int | None = None,
    new_type: str | None = None,
    reverse: bool = False,
    citation: Citation | None = None,
) -> Change:
    """Change a tie's properties (status, evidence, since, until, note, role...), its type or
    its direction."""
    request = EditTie(start, rtype, end, dict(changes), expected_version, new_type, reverse, citation)
    return apply(driver, settings, actor, request, reason=reason)


def confirm(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    start: str,
    rtype: str,
    end: str,
    *,
    citation: Citation | None,
    reason: str | None = None,
    expected_version: int | None = None,
) -> Change:
    """An inferred tie becomes stated, citing the source that states it."""
    return apply(
        driver, settings, actor, Confirm(start, rtype, end, expected_version, citation), reason=reason
    )


def retire(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    key: str,
    *,
    reason: str | None,
    expected_version: int | None = None,
) -> Change:
    """Retire a fact (``entity:ID`` or ``tie:FROM|TYPE|TO``): kept, out of every view; an
    entity's ties are retired with it."""
    return apply(driver, settings, actor, Retire(key, expected_version), reason=reason)


def merge(
    driver: neo4j.Driver, settings: Settings, actor: Actor, keep: str, duplicate: str, *, reason: str | None
) -> Change:
    """Merge ``duplicate`` into ``keep``: its ties move, its names become aliases that search
    finds, and it is retired (its id then leads to ``keep``)."""
    return apply(driver, settings, actor, Merge(keep, duplicate), reason=reason)
