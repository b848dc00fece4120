"""Adding facts: an entity (with the city and country it names) or a tie, citing its source."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from explorer import model
from explorer.curation.checks import Pairs, checked_link, filled
from explorer.curation.citations import Citation, cite
from explorer.curation.store import Store
from explorer.errors import InvalidInput
from explorer.model.changes import FactState
from explorer.model.facts import RawRow, build_node

__all__ = ["plan_add_entity", "plan_add_tie"]


def plan_add_entity(
    store: Store,
    kind: str,
    name: str,
    *,
    entity_id: str | None = None,
    country: str | None = None,
    city: str | None = None,
    properties: Mapping[str, Any] | None = None,
    citation: Citation | None = None,
) -> tuple[Pairs, str, str | None]:
    """The states an entity's addition writes (with its city and country, as a file would),
    its id and the source it cites."""
    source = cite(store, citation, required=False)
    given_id = (entity_id or "").strip() or model.slugify(name or "")
    fields = filled(
        {**(properties or {}), "id": given_id, "kind": kind, "name": name, "country": country, "city": city}
    )
    if source:
        fields["source_ref"] = source
    nodes, links, errors = build_node(RawRow(0, "node", fields), source or "")
    if errors:
        raise InvalidInput("; ".join(errors))
    own = nodes[0]
    if own.kind not in model.ENTITY_KINDS:
        raise InvalidInput(f"a {own.kind} is not an entity: cite sources with a citation instead")
    store.lock([n.id for n in nodes])
    pairs: Pairs = []
    existing = store.entity(own.id)
    if existing.state != "absent" or store.is_source(own.id):
        what = {"live": "an entity", "retired": "a retired entity", "absent": "a source"}[existing.state]
        raise InvalidInput(f"{own.id!r} is already the id of {what}", "choose another id")
    props = {k: v for k, v in own.props.items() if v not in (None, "")}
    pairs.append((existing, FactState.entity(own.id, "live", own.kind, props)))
    for derived in nodes[1:]:  # a city and country named: made if missing, never changed
        there = store.entity(derived.id)
        if there.state == "absent":
            pairs.append((there, FactState.entity(derived.id, "live", derived.kind, derived.props)))
        elif there.state == "retired":
            raise InvalidInput(f"{derived.id!r} was retired: undo its retirement first")
    for link in links:
        tie_props = {k: v for k, v in link.tie.properties.items() if v not in (None, "")}
        state = store.tie(link.start, link.type, link.end)
        if state.state != "live":
            pairs.append((state, FactState.tie(link.start, link.type, link.end, "live", tie_props)))
    return pairs, own.id, source


def plan_add_tie(
    store: Store,
    start: str,
    rtype: str,
    end: str,
    *,
    status: str | None = None,
    evidence: str | None = None,
    since: int | str | None = None,
    until: int | str | None = None,
    note: str | None = None,
    properties: Mapping[str, Any] | None = None,
    citation: Citation | None = None,
) -> tuple[Pairs, str, str]:
    """The state a tie's addition writes, its key and the source it cites."""
    store.lock([start, end])
    source = cite(store, citation, required=True)
    assert source is not None
    fields = filled(
        {
            **(properties or {}),
            "status": status,
            "evidence": evidence,
            "since": since,
            "until": until,
            "note": note,
            **(citation.fields() if citation else {}),
            "source": start,
            "target": end,
            "type": rtype,
        }
    )
    link, props = checked_link(store, fields, source)
    current = store.tie(link.start, link.type, link.end)
    if current.state == "live":
        raise InvalidInput(
            f"{current.label()} is in the graph already (one tie per type between two entities)",
            "edit it instead",
        )
    return [(current, FactState.tie(link.start, link.type, link.end, "live", props))], current.key, source
