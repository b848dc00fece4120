"""Finding entities by name, ignoring case and accents, through the full-text index."""

from __future__ import annotations

import re
from collections.abc import Iterable

import neo4j

from explorer import defaults
from explorer.config import Settings
from explorer.database.results import entity_of
from explorer.database.session import reading
from explorer.model import Entity, fold

__all__ = ["find_entities", "get_entities", "get_entity", "lucene_query", "merged_into"]

_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')


def lucene_query(text: str, fuzzy: int = 1, every_word: bool = True) -> str | None:
    """A full-text query where each word matches as a word, a word's start, or within ``fuzzy``
    edits; every word must match (or any, without ``every_word``)."""
    words = [w for w in re.split(r"\W+", fold(text)) if w]
    if not words:
        return None
    parts = []
    for w in words[:16]:
        escaped = _LUCENE_SPECIAL.sub(r"\\\1", w)
        if len(w) > 3 and fuzzy:
            parts.append(f"({escaped}^3 OR {escaped}* OR {escaped}~{fuzzy})")
        else:
            parts.append(f"({escaped} OR {escaped}*)")
    return (" AND " if every_word else " OR ").join(parts)


_SEARCH = (
    "CALL db.index.fulltext.queryNodes('entity_names', $q, {limit: $limit}) YIELD node, score "
    "RETURN node, score"
)
_BY_IDS = "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n"


def find_entities(
    driver: neo4j.Driver,
    settings: Settings,
    text: str,
    limit: int = defaults.SEARCH_LIMIT,
    *,
    fuzzy: int = 1,
    every_word: bool = True,
) -> list[Entity]:
    """Entities whose names or aliases match ``text`` (case and accents ignored), best first."""
    query = lucene_query(text, fuzzy, every_word)
    if query is None:
        return []
    with reading(driver, settings) as read:
        return [entity_of(r["node"]) for r in read.rows(_SEARCH, q=query, limit=limit)]


def get_entities(driver: neo4j.Driver, settings: Settings, ids: Iterable[str]) -> dict[str, Entity]:
    """The entities with these ids (those that exist), by id."""
    wanted = sorted({str(i) for i in ids})
    if not wanted:
        return {}
    with reading(driver, settings) as read:
        return {e.id: e for e in (entity_of(r["n"]) for r in read.rows(_BY_IDS, ids=wanted))}


def get_entity(driver: neo4j.Driver, settings: Settings, entity_id: str) -> Entity | None:
    """The entity with id ``entity_id``, or ``None``."""
    return get_entities(driver, settings, [entity_id]).get(entity_id)


_MERGED = "MATCH (r:Retired {id: $id}) RETURN r.merged_into AS into"


def merged_into(driver: neo4j.Driver, settings: Settings, entity_id: str) -> Entity | None:
    """The entity that an id merged away now leads to (following later merges), or ``None``."""
    seen = {entity_id}
    with reading(driver, settings) as read:
        current = entity_id
        for _ in range(8):
            record = read.one(_MERGED, id=current)
            into = record["into"] if record is not None else None
            if not into or into in seen:
                return None
            found = read.one("MATCH (n:Entity {id: $id}) RETURN n", id=into)
            if found is not None:
                return entity_of(found["n"])
            seen.add(into)
            current = str(into)
    return None
