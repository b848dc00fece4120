"""One entity and its facts, as its panel shows them: every relationship with its status,
evidence, dates, note and the source it cites."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import neo4j

from explorer.config import Settings
from explorer.database.results import entity_of, source_of, to_plain
from explorer.database.session import reading
from explorer.errors import UnknownEntity
from explorer.model import Entity, Source, Tie
from explorer.views.network import source_names_in, suggestions

__all__ = ["EntityDetails", "Fact", "entity_details"]

_ENTITY = "MATCH (e:Entity {id: $id}) RETURN e"
_FACTS = (
    "MATCH (e:Entity {id: $id})-[r]-(o:Entity) "
    "OPTIONAL MATCH (s:Source {id: r.source}) "
    "OPTIONAL MATCH (behalf:Entity {id: r.on_behalf_of}) "
    "RETURN type(r) AS type, startNode(r).id AS start, endNode(r).id AS end, elementId(r) AS key, o, "
    "properties(r) AS props, coalesce(s.title, s.name) AS source_name, s.file AS source_file, s, behalf "
    "ORDER BY type, o.name, o.id LIMIT $cap"
)


@dataclass(frozen=True)
class Fact:
    """One relationship of an entity, as told from that entity, with its provenance."""

    tie: Tie
    #: The entity at the other end, and the entity named by ``on_behalf_of`` (if any).
    other: Entity
    source_name: str | None = None
    source_file: str | None = None
    on_behalf_of: Entity | None = None
    #: The ``Source`` the tie cites, when it is in the graph.
    cited: Source | None = None

    @property
    def outgoing(self) -> bool:
        return self.tie.start != self.other.id


@dataclass(frozen=True)
class EntityDetails:
    """An entity, its properties and its facts (at most the row cap of them)."""

    entity: Entity
    facts: tuple[Fact, ...]
    truncated: bool
    source_name: str | None = None

    @property
    def properties(self) -> Mapping[str, Any]:
        return self.entity.properties


def entity_details(driver: neo4j.Driver, settings: Settings, entity_id: str) -> EntityDetails:
    """``entity_id`` with every relationship, each with status, since, evidence and source."""
    cap = settings.row_cap
    with reading(driver, settings) as read:
        found = read.one(_ENTITY, id=entity_id)
        if found is None:
            raise UnknownEntity(entity_id, suggestions(driver, settings, entity_id))
        entity = entity_of(found["e"])
        rows = read.rows(_FACTS, id=entity_id, cap=cap + 1)
        facts = tuple(
            Fact(
                tie=Tie(
                    r["type"],
                    str(r["start"]),
                    str(r["end"]),
                    {k: to_plain(v) for k, v in dict(r["props"]).items()},
                    r["key"],
                ),
                other=entity_of(r["o"]),
                source_name=r["source_name"],
                source_file=r["source_file"],
                on_behalf_of=entity_of(r["behalf"]) if r["behalf"] is not None else None,
                cited=source_of(r["s"]) if r["s"] is not None else None,
            )
            for r in rows[:cap]
        )
        own_source = entity.properties.get("source")
        own = source_names_in(read, [str(own_source)]) if own_source else {}
    return EntityDetails(entity, facts, len(rows) > cap, own.get(str(own_source)))
