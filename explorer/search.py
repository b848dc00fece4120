"""Finding entities by name, ignoring case and accents, through the full-text index."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import neo4j

from explorer.config import Settings
from explorer.db import as_query, read_session
from explorer.errors import AmbiguousEntity, UnknownEntity
from explorer.model import fold, kind_of

__all__ = ["Entity", "find_entities", "get_entity", "lucene_query", "resolve"]

_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity as found: id, kind, name and country."""

    id: str
    kind: str
    name: str
    country: str | None = None

    def label(self) -> str:
        return f"{self.name} ({self.kind}, {self.id})"

    def as_dict(self) -> dict[str, str | None]:
        return {"id": self.id, "name": self.name, "kind": self.kind}


def lucene_query(text: str) -> str | None:
    """A full-text query where every word must match as a word or a word's start."""
    words = [w for w in re.split(r"\W+", fold(text)) if w]
    if not words:
        return None
    parts = []
    for w in words:
        escaped = _LUCENE_SPECIAL.sub(r"\\\1", w)
        parts.append(
            f"({escaped}^3 OR {escaped}* OR {escaped}~1)" if len(w) > 3 else f"({escaped} OR {escaped}*)"
        )
    return " AND ".join(parts)


_SEARCH = (
    "CALL db.index.fulltext.queryNodes('entity_names', $q, {limit: $limit}) YIELD node, score "
    "RETURN node.id AS id, labels(node) AS labels, node.name AS name, node.country AS country, score"
)
_BY_ID = (
    "MATCH (n:Entity {id: $id}) RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.country AS country"
)


def _entity(record: neo4j.Record) -> Entity:
    return Entity(record["id"], kind_of(record["labels"]) or "", record["name"] or record["id"],
                  record["country"])  # fmt: skip


def find_entities(driver: neo4j.Driver, settings: Settings, text: str, limit: int = 10) -> list[Entity]:
    """Entities whose names match ``text`` (case and accents ignored), best first."""
    query = lucene_query(text)
    if query is None:
        return []
    with read_session(driver, settings) as session:
        result = session.run(as_query(_SEARCH, timeout=settings.ui_timeout), q=query, limit=limit)
        return [_entity(r) for r in result]


def get_entity(driver: neo4j.Driver, settings: Settings, entity_id: str) -> Entity | None:
    with read_session(driver, settings) as session:
        record = session.run(as_query(_BY_ID), id=entity_id).single()
        return _entity(record) if record else None


def resolve(driver: neo4j.Driver, settings: Settings, given: str) -> Entity:
    """The one entity meant by an id or a name; ``UnknownEntity`` or ``AmbiguousEntity`` otherwise.

    An exact id wins; then an exact name (case and accents ignored); then a single
    entity whose name holds every word given.
    """
    text = given.strip()
    by_id = get_entity(driver, settings, text)
    if by_id is not None:
        return by_id
    hits = find_entities(driver, settings, text, limit=25)
    target = fold(text)
    exact = [e for e in hits if fold(e.name) == target]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise AmbiguousEntity(given, [e.label() for e in exact])
    words = set(re.split(r"\W+", target)) - {""}
    holding = [e for e in hits if words <= set(re.split(r"\W+", fold(e.name)))]
    if len(holding) == 1:
        return holding[0]
    if len(holding) > 1:
        raise AmbiguousEntity(given, [e.label() for e in holding[:10]])
    names = [e.name for e in hits]
    close = difflib.get_close_matches(text, names, n=5, cutoff=0.0) if names else []
    raise UnknownEntity(given, close or names[:5])
