"""What every change checks: its reason, the version seen, the fact a key names, a tie's row."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from explorer import defaults, model
from explorer.curation.store import Store
from explorer.errors import EditConflict, InvalidInput, UnknownValue
from explorer.model.changes import REASONED, FactState
from explorer.model.facts import LinkRow, RawRow, build_link, link_kind_problems, parse_fact_key

__all__ = ["Pairs", "check_version", "checked_link", "fact_at", "filled", "missing_end", "reasoned"]

#: The (before, after) states of the facts a change writes.
Pairs = list[tuple[FactState, FactState]]


def reasoned(action: str, reason: str | None) -> str | None:
    """The reason given, on one line; required for the actions that must say why."""
    text = " ".join((reason or "").split())
    if action in REASONED and not text:
        raise InvalidInput(f"say why: a reason is required to {action}")
    if len(text) > defaults.MAX_REASON:
        raise InvalidInput(f"the reason is longer than {defaults.MAX_REASON:,} characters")
    return text or None


def filled(values: Mapping[str, Any]) -> dict[str, Any]:
    """The values given (neither ``None`` nor blank text)."""
    return {k: v for k, v in values.items() if v is not None and not (isinstance(v, str) and not v.strip())}


def check_version(current: FactState, expected: int | None, yours: Mapping[str, Any]) -> None:
    """Refuse a change made on a version of the fact that another change has replaced since."""
    if expected is not None and current.version != expected:
        raise EditConflict(
            current.label(), current.changed_by, current.changed_at, dict(yours), dict(current.props)
        )


def missing_end(store: Store, entity_id: str) -> str:
    """Why a tie cannot end at ``entity_id``."""
    state = store.entity(entity_id)
    if state.state == "retired":
        return f"{entity_id!r} was retired: undo its retirement first"
    return f"{entity_id!r} is neither in the database nor in this change"


def fact_at(store: Store, key: str) -> FactState:
    """The fact ``key`` names (``entity:ID`` or ``tie:FROM|TYPE|TO``), in whatever state it is."""
    try:
        what, a, rtype, b = parse_fact_key(key)
    except ValueError as e:
        raise UnknownValue("fact", key, expected="entity:ID or tie:FROM|TYPE|TO") from e
    if what == "entity":
        return store.entity(a)
    if rtype is None or rtype not in model.REL_TYPES:
        raise UnknownValue("relationship type", str(rtype), expected=", ".join(model.REL_TYPES))
    return store.tie(a, rtype, str(b))


def checked_link(store: Store, fields: dict[str, Any], source: str) -> tuple[LinkRow, dict[str, Any]]:
    """A tie built and checked as the loaders do: its row and its properties."""
    link, errors = build_link(RawRow(0, "link", fields), source)
    if errors or link is None:
        raise InvalidInput("; ".join(errors))
    ends = [link.start, link.end, *link.refs]
    kinds = store.kinds(ends)
    missing = [missing_end(store, i) for i in dict.fromkeys(ends) if i not in kinds]
    if missing:
        raise InvalidInput("; ".join(missing))
    kinds[source] = "Source"
    problems = list(link_kind_problems(link, kinds))
    if problems:
        raise InvalidInput("; ".join(problems))
    return link, {k: v for k, v in link.tie.properties.items() if v not in (None, "")}
