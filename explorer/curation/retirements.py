"""Retiring a fact (kept, out of every view), and merging a duplicate entity into another."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from explorer import model
from explorer.curation.checks import Pairs, check_version, fact_at
from explorer.curation.store import Store
from explorer.errors import InvalidInput
from explorer.model.changes import FactState

__all__ = ["plan_merge", "plan_retire"]


def plan_retire(store: Store, key: str, *, expected_version: int | None = None) -> Pairs:
    """The states a retirement writes: the fact, and an entity's every tie with it."""
    current = fact_at(store, key)
    store.lock(current.entities)
    current = fact_at(store, key)
    if current.state != "live":
        raise InvalidInput(f"{current.label()} is not in the graph ({current.state}): nothing to retire")
    check_version(current, expected_version, {"state": "retired"})
    pairs: Pairs = []
    if current.fact == "entity":
        ties = store.ties_of(current.id)
        store.lock([i for t in ties for i in t.entities])
        pairs += [(t, t.with_state("retired")) for t in ties]
    pairs.append((current, current.with_state("retired")))
    return pairs


def _names(props: Mapping[str, Any]) -> list[str]:
    aliases = props.get("aliases")
    listed = aliases if isinstance(aliases, list) else [aliases] if aliases else []
    return [str(n) for n in (props.get("name"), props.get("name_fr"), *listed) if n]


def plan_merge(store: Store, keep: str, duplicate: str) -> Pairs:
    """The states a merge writes: the duplicate's ties moved to the entity kept (properties of a
    tie both had: the kept one's win), its names kept as aliases, the duplicate retired."""
    if keep == duplicate:
        raise InvalidInput("an entity cannot be merged into itself")
    store.lock([keep, duplicate])
    kept, dup = store.entity(keep), store.entity(duplicate)
    for state in (kept, dup):
        if state.state != "live":
            raise InvalidInput(f"no entity {state.id!r} in the graph ({state.state})")
    if kept.kind != dup.kind:
        raise InvalidInput(
            f"{dup.label()} is a {dup.kind} and {kept.label()} a {kept.kind}: "
            "only entities of one kind merge",
            "edit one's kind first",
        )
    moved = store.ties_of(duplicate)
    referring = store.ties_referring(duplicate)
    store.lock([i for t in (*moved, *referring) for i in t.entities])
    plan: dict[str, tuple[FactState, FactState]] = {}

    def put(before: FactState, after: FactState) -> None:
        first = plan.get(before.key, (before, before))[0]
        plan[before.key] = (first, after)

    def swapped(props: Mapping[str, Any]) -> dict[str, Any]:
        refs = {r for t in model.REL_TYPES.values() for r in t.references}
        return {k: (keep if k in refs and v == duplicate else v) for k, v in props.items()}

    for tie in moved:
        start = keep if tie.start == duplicate else str(tie.start)
        end = keep if tie.end == duplicate else str(tie.end)
        if start == end:  # a tie between the two: retired (kept, out of the views)
            put(tie, tie.with_state("retired"))
            continue
        put(tie, tie.with_state("absent"))
        target = store.tie(start, tie.kind, end)
        props = swapped(tie.props)
        if target.state == "live":
            props = {**props, **target.props}
        put(target, FactState.tie(start, tie.kind, end, "live", props))
    for tie in referring:
        if tie.key in plan:
            continue
        put(tie, tie.with_state("live", **swapped(tie.props)))
    known = {model.fold(n) for n in _names(kept.props)}
    listed = kept.props.get("aliases")
    aliases = [str(a) for a in (listed if isinstance(listed, list) else [listed] if listed else [])]
    for name in _names(dup.props):
        if model.fold(name) not in known:
            aliases.append(name)
            known.add(model.fold(name))
    extra = {k: v for k, v in dup.props.items() if k not in kept.props and k not in ("aliases", "id", "kind")}
    extra.pop("name", None)
    extra.pop("name_fr", None)
    merged_props = {**extra, **kept.props, **({"aliases": aliases} if aliases else {})}
    pairs: Pairs = [(kept, FactState.entity(keep, "live", kept.kind, merged_props))]
    pairs += list(plan.values())
    pairs.append((dup, dup.with_state("retired", merged_into=keep)))
    return pairs
