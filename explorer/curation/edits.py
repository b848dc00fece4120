"""Editing facts: an entity's properties; a tie's properties, type or direction; confirming a tie."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from explorer import model
from explorer.curation.checks import Pairs, check_version, checked_link, filled, missing_end
from explorer.curation.citations import Citation, cite
from explorer.curation.store import Store
from explorer.errors import InvalidInput
from explorer.model.changes import FactState
from explorer.model.facts import LinkRow, RawRow, build_node, link_kind_problems

__all__ = ["plan_confirm", "plan_edit_entity", "plan_edit_tie"]


def plan_edit_entity(
    store: Store,
    entity_id: str,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None = None,
    citation: Citation | None = None,
) -> tuple[Pairs, str | None]:
    """The states an entity's edit writes (``changes``: property -> value, ``None`` removes it)."""
    if "id" in changes:
        raise InvalidInput("an entity's id never changes", "add a new entity and merge the old one into it")
    if "city" in changes:
        raise InvalidInput("city is a tie: edit or add the entity's LOCATED_IN tie instead")
    store.lock([entity_id])
    current = store.entity(entity_id)
    if current.state != "live":
        raise InvalidInput(
            missing_end(store, entity_id) if current.state == "retired" else f"no entity {entity_id!r}"
        )
    check_version(current, expected_version, changes)
    source = cite(store, citation, required=False)
    fields = {k: v for k, v in current.props.items() if k != "source"}
    if current.props.get("source"):
        fields["source_ref"] = current.props["source"]
    fields.update(changes)
    if source:
        fields["source_ref"] = source
    nodes, _, errors = build_node(RawRow(0, "node", filled(fields)), "")
    if errors:
        raise InvalidInput("; ".join(errors))
    own = nodes[0]
    if own.kind not in model.ENTITY_KINDS:
        raise InvalidInput(f"a {own.kind} is not an entity")
    if own.kind != current.kind:
        kinds = store.kinds([])
        problems = []
        for tie in store.ties_of(entity_id):
            kinds = {**store.kinds([tie.start or "", tie.end or ""]), entity_id: own.kind}
            kinds[str(tie.props.get("source"))] = "Source"
            link = LinkRow(model.Tie(tie.kind, tie.start or "", tie.end or "", dict(tie.props)), 0)
            problems += list(link_kind_problems(link, kinds))
        if problems:
            raise InvalidInput("; ".join(problems))
    props = {k: v for k, v in own.props.items() if v not in (None, "")}
    return [(current, FactState.entity(entity_id, "live", own.kind, props))], source


def plan_edit_tie(
    store: Store,
    start: str,
    rtype: str,
    end: str,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None = None,
    new_type: str | None = None,
    reverse: bool = False,
    citation: Citation | None = None,
) -> tuple[Pairs, str | None]:
    """The states a tie's edit writes; a new type or a reversed direction makes it another tie
    (the old one goes, the new one comes, in the same change)."""
    store.lock([start, end])
    current = store.tie(start, rtype, end)
    if current.state != "live":
        raise InvalidInput(f"no tie {current.label()} in the graph ({current.state})")
    check_version(current, expected_version, changes)
    source = cite(store, citation, required=False) or str(current.props.get("source") or "")
    a, b = (current.end, current.start) if reverse else (current.start, current.end)
    fields = {k: v for k, v in current.props.items() if k != "source"}
    fields.update(changes)
    if citation is not None:
        fields.update(citation.fields())
    fields.update({"source": a, "target": b, "type": new_type or rtype, "source_ref": source})
    link, props = checked_link(store, filled(fields), source)
    pairs: Pairs = []
    if (link.start, link.type, link.end) != (current.start, current.kind, current.end):
        store.lock([link.start, link.end])
        target = store.tie(link.start, link.type, link.end)
        if target.state == "live":
            raise InvalidInput(
                f"{target.label()} is in the graph already", "edit that tie, or retire this one"
            )
        pairs.append((current, current.with_state("absent")))
        pairs.append((target, FactState.tie(link.start, link.type, link.end, "live", props)))
    else:
        pairs.append((current, FactState.tie(link.start, link.type, link.end, "live", props)))
    return pairs, source or None


def plan_confirm(
    store: Store,
    start: str,
    rtype: str,
    end: str,
    expected_version: int | None = None,
    citation: Citation | None = None,
) -> tuple[Pairs, str | None]:
    """The states a confirmation writes: an inferred tie becomes stated, citing its source."""
    current = store.tie(start, rtype, end)
    if current.state == "live" and current.props.get("evidence", model.DEFAULT_EVIDENCE) != "inferred":
        raise InvalidInput(f"{current.label()} is stated already: only an inferred tie is confirmed")
    if citation is None or citation.source_id is None:
        raise InvalidInput("a confirmation cites the source that states the tie")
    return plan_edit_tie(
        store, start, rtype, end, {"evidence": "stated"}, expected_version=expected_version, citation=citation
    )
