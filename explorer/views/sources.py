"""Sources: one source's metadata and every fact that cites it, grouped by entity; the list of all."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import neo4j

from explorer.config import Settings
from explorer.curation.history import retired_ties_citing
from explorer.database.results import entity_of, source_of, to_plain
from explorer.database.session import Reader, reading
from explorer.errors import UnknownValue
from explorer.i18n import date_text, t
from explorer.model import Entity, Lang, Source, Tie, closest, fold

__all__ = [
    "CitedFact",
    "EntityFacts",
    "SourceCount",
    "SourcePage",
    "UnknownSource",
    "citation_label",
    "cited_at",
    "list_sources",
    "read_source",
    "source_citation",
]

#: Sources read to suggest the closest ids to one that is unknown.
SUGGESTION_POOL = 10_000
#: Ids and titles suggested.
SUGGESTED = 5


@dataclass(frozen=True)
class CitedFact:
    """A tie that cites a source, with both its ends; ``retired`` when curation took it out of the graph."""

    tie: Tie
    start: Entity
    end: Entity
    retired: bool = False

    @property
    def paragraph(self) -> Any:
        return self.tie.paragraph

    @property
    def quote(self) -> str | None:
        value = self.tie.properties.get("quote")
        return str(value) if value not in (None, "") else None


@dataclass(frozen=True)
class EntityFacts:
    """The facts a source gives about one entity (the entity they start from)."""

    entity: Entity
    facts: tuple[CitedFact, ...]


@dataclass(frozen=True)
class SourcePage:
    """A source, the facts citing it grouped by entity, its retired facts, and the entities recorded
    from it; ``total`` counts the facts in the graph, of which at most the row cap are read."""

    source: Source
    groups: tuple[EntityFacts, ...]
    total: int
    retired: tuple[CitedFact, ...] = ()
    entities: tuple[Entity, ...] = ()
    entities_total: int = 0

    @property
    def shown(self) -> int:
        return sum(len(g.facts) for g in self.groups)

    @property
    def truncated(self) -> bool:
        return self.shown < self.total


@dataclass(frozen=True)
class SourceCount:
    """A source and how many facts of the graph cite it."""

    source: Source
    facts: int


class UnknownSource(UnknownValue):
    """No source has the given id (or title); ``sources`` holds the closest ones."""

    def __init__(self, given: str, closest: Sequence[Source] = ()) -> None:
        self.sources = list(closest)
        super().__init__(
            "source",
            given,
            [s.id for s in self.sources],
            expected="a source's id (the sources page lists them)",
            shown=[f"{s.title()} ({s.id})" for s in self.sources],
        )


def cited_at(tie: Tie, lang: Lang = "en") -> str | None:
    """Where in its source a tie is stated: "paragraph 4" (an article), else "page 12" (a report)."""
    for key in ("paragraph", "page"):
        value = tie.properties.get(key)
        if value not in (None, ""):
            return t(f"fact.{key}", lang, n=value)
    return None


def source_citation(source: Source, lang: Lang = "en") -> str:
    """ "Title — Publisher, 14 May 2024": the source in one line, in ``lang``."""
    after = ", ".join(
        p for p in (source.publisher, date_text(source.date, lang) if source.date else None) if p
    )
    return f"{source.title(lang)} — {after}" if after else source.title(lang)


def citation_label(tie: Tie, source: Source | None, lang: Lang = "en") -> str:
    """ "Title — Publisher, date · paragraph 4": a tie's source in one line (its id when the
    ``Source`` is not in the graph)."""
    head = source_citation(source, lang) if source is not None else tie.source or t("fact.no_source", lang)
    where = cited_at(tie, lang)
    return f"{head} · {where}" if where else head


# -- queries: every value a parameter -------------------------------------------------------

_SOURCE = "MATCH (s:Source {id: $id}) RETURN s"
_POOL = "MATCH (s:Source) RETURN s LIMIT $cap"
_CITING = (
    "MATCH (a:Entity)-[r]->(b:Entity) WHERE r.source = $id "
    "RETURN type(r) AS type, a, b, elementId(r) AS key, properties(r) AS props "
    "ORDER BY a.name, a.id, type, b.name, b.id LIMIT $cap"
)
_COUNT = "MATCH (:Entity)-[r]->(:Entity) WHERE r.source = $id RETURN count(r) AS n"
_ENDS = "UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e"
_RECORDED = (
    "MATCH (e:Entity) WHERE e.source = $id "
    "WITH e ORDER BY e.name, e.id WITH collect(e) AS recorded "
    "RETURN size(recorded) AS total, recorded[..$cap] AS entities"
)
_LIST = "MATCH (s:Source) WITH s ORDER BY coalesce(s.title, s.name, s.id), s.id LIMIT $cap RETURN s"
_COUNTS = "MATCH (:Entity)-[r]->(:Entity) WHERE r.source IN $ids RETURN r.source AS id, count(r) AS facts"


def read_source(driver: neo4j.Driver, settings: Settings, given: str) -> SourcePage:
    """The source ``given`` (its id, else its exact title or file name, case and accents ignored)
    with every fact that cites it, grouped by the entity each starts from; at most the row cap of
    facts and of recorded entities are read. ``UnknownSource`` with the closest ones otherwise."""
    cap = settings.row_cap
    with reading(driver, settings) as read:
        source = _find(read, str(given).strip())
        rows = read.rows(_CITING, id=source.id, cap=cap + 1)
        facts = [
            CitedFact(
                Tie(r["type"], str(r["a"]["id"]), str(r["b"]["id"]), _plain(r["props"]), r["key"]),
                entity_of(r["a"]),
                entity_of(r["b"]),
            )
            for r in rows[:cap]
        ]
        total = len(facts) if len(rows) <= cap else int(read.rows(_COUNT, id=source.id)[0]["n"])
        retired = _retired(read, source.id, cap)
        recorded = read.rows(_RECORDED, id=source.id, cap=cap)[0]
    return SourcePage(
        source,
        _grouped(facts),
        total,
        retired,
        tuple(entity_of(e) for e in recorded["entities"]),
        int(recorded["total"]),
    )


def list_sources(driver: neo4j.Driver, settings: Settings) -> tuple[list[SourceCount], bool]:
    """Every source (at most the row cap, by title) with the number of facts citing it, and
    whether the list was cut."""
    cap = settings.row_cap
    with reading(driver, settings) as read:
        found = [source_of(r["s"]) for r in read.rows(_LIST, cap=cap + 1)]
        counts = {str(r["id"]): int(r["facts"]) for r in read.rows(_COUNTS, ids=[s.id for s in found[:cap]])}
    return [SourceCount(s, counts.get(s.id, 0)) for s in found[:cap]], len(found) > cap


def _plain(props: Mapping[str, Any]) -> dict[str, Any]:
    return {k: to_plain(v) for k, v in dict(props).items()}


def _find(read: Reader, given: str) -> Source:
    found = read.one(_SOURCE, id=given) if given else None
    if found is not None:
        return source_of(found["s"])
    pool = [source_of(r["s"]) for r in read.rows(_POOL, cap=SUGGESTION_POOL)]
    target = fold(given)
    exact = [s for s in pool if target and target in {fold(n) for n in _names(s)}]
    if len(exact) == 1:
        return exact[0]
    raise UnknownSource(given, _closest(target, pool))


def _names(source: Source) -> list[str]:
    return [
        source.id,
        *(
            str(source.properties[k])
            for k in ("title", "title_fr", "name", "file")
            if source.properties.get(k)
        ),
    ]


def _closest(target: str, pool: Iterable[Source]) -> list[Source]:
    return closest(target, sorted(pool, key=lambda s: s.id), SUGGESTED, 0.4, names=_names)


def _grouped(facts: Iterable[CitedFact]) -> tuple[EntityFacts, ...]:
    groups: dict[str, list[CitedFact]] = {}
    entities: dict[str, Entity] = {}
    for fact in facts:
        groups.setdefault(fact.start.id, []).append(fact)
        entities.setdefault(fact.start.id, fact.start)
    return tuple(EntityFacts(entities[i], tuple(found)) for i, found in groups.items())


def _retired(read: Reader, source_id: str, cap: int) -> tuple[CitedFact, ...]:
    """The retired ties that cited the source (their ends by name when they are still in the graph)."""
    ties = retired_ties_citing(read, source_id, cap)
    ids = sorted({i for tie in ties for i in (tie.start, tie.end)})
    known = {e.id: e for e in (entity_of(r["e"]) for r in read.rows(_ENDS, ids=ids))} if ids else {}

    def end(entity_id: str) -> Entity:
        return known.get(entity_id) or Entity(entity_id, "", entity_id)

    return tuple(CitedFact(tie, end(tie.start), end(tie.end), retired=True) for tie in ties)
