"""The network view: filters, a focus and its neighbourhood, a node cap (one entity's sourced
facts are :mod:`explorer.views.details`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import neo4j

from explorer import countries, defaults, model
from explorer.config import Settings
from explorer.database.dated import holds, moment_params
from explorer.database.results import GraphData, entity_of, to_plain
from explorer.database.session import Reader, reading
from explorer.errors import UnknownEntity
from explorer.model import Entity, Lang, Moment, Tie
from explorer.resolve import Resolver

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_DEPTH",
    "MAX_LIMIT",
    "Facets",
    "Filters",
    "View",
    "ViewResult",
    "entity_count",
    "facets",
    "fetch_view",
    "source_names",
    "source_names_in",
    "suggestions",
]

DEFAULT_LIMIT = defaults.VIEW_LIMIT
MAX_LIMIT = defaults.MAX_VIEW_LIMIT
MAX_DEPTH = defaults.MAX_VIEW_DEPTH
#: Relationships each drawn entity may start, strongest first (a hub's members still show theirs);
#: half as many in views of more than ``BUSY_VIEW`` entities, which are overviews.
RELS_PER_NODE = 8
BUSY_VIEW = 300
STRENGTH = {t.name: t.strength for t in model.REL_TYPES.values()}
DRAWN_KINDS = tuple(k for k in model.KINDS if model.KINDS[k].entity)


def _split(value: Any) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list | tuple) else [value]
    return [part.strip() for v in values for part in str(v).split(",") if part.strip()]


@dataclass(frozen=True)
class Filters:
    """What the view keeps; an empty tuple keeps everything."""

    kinds: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()

    def params(self) -> dict[str, Any]:
        """The filters as query parameters (every allowed value when a filter is empty)."""
        return {
            "kinds": list(self.kinds or DRAWN_KINDS),
            "countries": list(self.countries) or None,
            "types": list(self.types or model.REL_TYPES),
            "statuses": list(self.statuses or model.STATUSES),
            "evidence": list(self.evidence or model.EVIDENCE),
            "default_status": model.DEFAULT_STATUS,
            "default_evidence": model.DEFAULT_EVIDENCE,
        }

    def __bool__(self) -> bool:
        return any((self.kinds, self.countries, self.types, self.statuses, self.evidence))


@dataclass(frozen=True)
class View:
    """One state of the network page; ``to_query`` and ``from_query`` make it a shareable URL."""

    focus: str | None = None
    depth: int = 1
    filters: Filters = field(default_factory=Filters)
    limit: int = DEFAULT_LIMIT
    #: List the retired facts of the entities shown (never drawn: they are out of the graph).
    retired: bool = False
    #: Draw countries too (left out unless asked for, or named in the kinds kept: each entity
    #: carries its country, and a country node is linked only to the cities drawn in it).
    countries_shown: bool = False
    #: The date the view answers for (``as_of``; ties not begun or already ended then are not
    #: drawn) and whether undated ties are kept. The records as known on a date are not drawn here.
    moment: Moment = field(default_factory=Moment)

    def params(self) -> dict[str, Any]:
        """The query parameters of the view's filters, countries left out unless shown."""
        params = {**self.filters.params(), **moment_params(self.moment)}
        if not self.countries_shown and not self.filters.kinds:
            params["kinds"] = [k for k in params["kinds"] if k != "Country"]
        return params

    def to_query(self) -> dict[str, str]:
        """URL parameters (defaults left out): ``focus``, ``depth``, ``kind``, ``country``, ..."""
        query: dict[str, str] = {}
        if self.focus:
            query["focus"] = self.focus
            query["depth"] = str(self.depth)
        f = self.filters
        for key, values in (
            ("kind", f.kinds),
            ("country", f.countries),
            ("type", f.types),
            ("status", f.statuses),
            ("evidence", f.evidence),
        ):
            if values:
                query[key] = ",".join(values)
        if self.limit != DEFAULT_LIMIT:
            query["limit"] = str(self.limit)
        if self.retired:
            query["retired"] = "1"
        if self.countries_shown:
            query["countries"] = "1"
        return query | self.moment.to_query()

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> tuple[View, list[str]]:
        """The view a URL describes, and what in it was not understood (ignored)."""
        ignored: list[str] = []

        def parsed(key: str, parse: Any, allowed: Iterable[str] | None = None) -> tuple[str, ...]:
            out: list[str] = []
            for raw in _split(query.get(key)):
                value = parse(raw)
                if value is None or (allowed is not None and value not in allowed):
                    ignored.append(f"{key}={raw}")
                elif value not in out:
                    out.append(value)
            return tuple(out)

        def number(key: str, default: int, low: int, high: int) -> int:
            raw = _split(query.get(key))
            if not raw:
                return default
            try:
                return min(high, max(low, int(raw[0])))
            except ValueError:
                ignored.append(f"{key}={raw[0]}")
                return default

        filters = Filters(
            kinds=parsed("kind", model.parse_kind, DRAWN_KINDS),
            countries=parsed("country", countries.country_code),
            types=parsed("type", model.parse_rel_type),
            statuses=parsed("status", model.parse_status),
            evidence=parsed("evidence", model.parse_evidence),
        )
        focus = next(iter(_split(query.get("focus"))), None)
        moment, wrong = Moment.from_query(query)
        ignored += wrong
        if moment.known_on is not None:
            ignored.append(f"known_on={moment.known_on}")
        view = cls(
            focus=focus,
            depth=number("depth", 1, 1, MAX_DEPTH),
            filters=filters,
            limit=number("limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
            retired=next(iter(_split(query.get("retired"))), "") in ("1", "true", "yes"),
            countries_shown=next(iter(_split(query.get("countries"))), "") in ("1", "true", "yes"),
            moment=Moment(moment.as_of, undated=moment.undated),
        )
        return view, ignored

    def focused(self, entity_id: str | None) -> View:
        return replace(self, focus=entity_id)


@dataclass
class ViewResult:
    """The drawn graph, how many entities the view holds in all, and what was cut."""

    graph: GraphData
    total: int
    sources: dict[str, str]
    rels_truncated: bool = False
    focus: Entity | None = None

    @property
    def shown(self) -> int:
        return len(self.graph.nodes)

    @property
    def truncated(self) -> bool:
        return self.shown < self.total

    @property
    def undated(self) -> int:
        """How many drawn ties of a dated type say neither since nor until."""
        return sum(1 for t in self.graph.rels.values() if t.undated)


# -- queries: every value a parameter; labels and types never spliced in -------------------

_NODE_OK = (
    "any(l IN labels(n) WHERE l IN $kinds) "
    "AND ($countries IS NULL OR coalesce(n.country, n.code) IN $countries)"
)
_REL_OK = (
    "type(r) IN $types AND coalesce(r.status, $default_status) IN $statuses "
    "AND coalesce(r.evidence, $default_evidence) IN $evidence AND " + holds()
)
_OVERVIEW = (
    "MATCH (n:Entity) WHERE " + _NODE_OK + " "
    "WITH n, COUNT { (n)-[r]-(:Entity) WHERE " + _REL_OK + " } AS degree "
    "ORDER BY degree DESC, n.name, n.id "
    "WITH collect(n.id) AS ids "
    "RETURN size(ids) AS total, ids[..$limit] AS ids"
)
_HOP = (
    "UNWIND $frontier AS fid "
    "MATCH (a:Entity {id: fid})-[r]-(n:Entity) "
    "WHERE " + _REL_OK + " AND NOT n.id IN $seen AND " + _NODE_OK + " "
    "WITH n, count(DISTINCT a) AS ties "
    "RETURN n.id AS id, ties, COUNT { (n)--() } AS degree "
    "ORDER BY ties DESC, degree DESC, id"
)
_NODES = "UNWIND $ids AS nid MATCH (n:Entity {id: nid}) RETURN n"
#: Each drawn entity keeps its strongest relationships first, at most ``$per_node`` of those it starts
#: (the focus keeps all of its own).
_RELS = (
    "UNWIND $ids AS nid "
    "MATCH (a:Entity {id: nid})-[r]->(b:Entity) "
    "WHERE b.id IN $ids AND " + _REL_OK + " "
    "WITH a, r, b ORDER BY coalesce($strength[type(r)], 0.0) DESC, b.id "
    "WITH a, collect({r: r, end: b.id}) AS found "
    "UNWIND CASE WHEN a.id = $focus THEN found ELSE found[..$per_node] END AS kept "
    "RETURN elementId(kept.r) AS key, type(kept.r) AS type, a.id AS start, kept.end AS end, "
    "properties(kept.r) AS props, size(found) > $per_node AND a.id <> coalesce($focus, '') AS cut "
    "LIMIT $max_rels"
)
_SOURCES = (
    "UNWIND $ids AS sid MATCH (s:Source {id: sid}) "
    "RETURN s.id AS id, coalesce(s.title, s.name) AS name, "
    "coalesce(s.title_fr, s.name_fr, s.title, s.name) AS name_fr, s.file AS file"
)
_COUNT = "MATCH (n:Entity) RETURN count(n) AS entities"
_ENTITY = "MATCH (e:Entity {id: $id}) RETURN e"
_FACETS = (
    "MATCH (n:Entity) WITH coalesce(n.country, n.code) AS country WHERE country IS NOT NULL "
    "RETURN country, count(*) AS entities ORDER BY entities DESC, country"
)


def entity_count(driver: neo4j.Driver, settings: Settings) -> int:
    """How many entities the database holds (0: nothing loaded yet)."""
    with reading(driver, settings) as read:
        return int(read.rows(_COUNT)[0]["entities"])


@dataclass(frozen=True)
class Facets:
    """What the filters can offer: the countries present, most entities first."""

    countries: tuple[str, ...]


def facets(driver: neo4j.Driver, settings: Settings) -> Facets:
    with reading(driver, settings) as read:
        return Facets(tuple(str(r["country"]) for r in read.rows(_FACETS)))


def _neighbourhood(read: Reader, view: View, params: dict[str, Any]) -> tuple[list[str], int]:
    """Ids within ``view.depth`` hops of the focus, ring by ring, best-tied first; and how many."""
    assert view.focus is not None
    order = [view.focus]
    seen = {view.focus}
    frontier = [view.focus]
    for _ in range(view.depth):
        if not frontier:
            break
        ring = [str(r["id"]) for r in read.rows(_HOP, frontier=frontier, seen=list(seen), **params)]
        ring = [i for i in ring if i not in seen]
        seen.update(ring)
        order += ring
        frontier = ring
    return order[: view.limit], len(order)


def fetch_view(driver: neo4j.Driver, settings: Settings, view: View, lang: Lang = "en") -> ViewResult:
    """The entities and relationships of ``view``: at most ``view.limit`` entities, with the total
    (and the names of the sources they cite, in ``lang``).

    Without a focus: every entity that passes the filters, the best connected first.
    Countries only when the view shows them (``countries_shown``) or its kinds name them.
    With one: its neighbourhood within ``view.depth`` hops through relationships and
    entities that pass the filters (the focus itself always shows).
    """
    params = view.params()
    with reading(driver, settings) as read:
        focus: Entity | None = None
        if view.focus:
            found = read.one(_ENTITY, id=view.focus)
            if found is None:
                raise UnknownEntity(view.focus, suggestions(driver, settings, view.focus))
            focus = entity_of(found["e"])
            ids, total = _neighbourhood(read, view, params)
        else:
            record = read.rows(_OVERVIEW, limit=view.limit, **params)[0]
            ids, total = [str(i) for i in record["ids"]], int(record["total"])
        graph = GraphData()
        for r in read.rows(_NODES, ids=ids):
            entity = entity_of(r["n"])
            graph.nodes[entity.id] = entity
        per_node = RELS_PER_NODE if len(ids) <= BUSY_VIEW else RELS_PER_NODE // 2
        max_rels = max(50, (per_node + 1) * len(ids))
        rows = read.rows(
            _RELS,
            ids=ids,
            max_rels=max_rels + 1,
            per_node=per_node,
            strength=STRENGTH,
            focus=view.focus,
            **params,
        )
        for r in rows[:max_rels]:
            props = {k: to_plain(v) for k, v in dict(r["props"]).items()}
            graph.rels[r["key"]] = Tie(r["type"], str(r["start"]), str(r["end"]), props, r["key"])
        sources = source_names_in(read, graph.source_ids(), lang)
    cut = len(rows) > max_rels or any(r["cut"] for r in rows)
    return ViewResult(graph, total, sources, rels_truncated=cut, focus=focus)


def suggestions(driver: neo4j.Driver, settings: Settings, text: str) -> list[Entity]:
    """The entities closest to ``text`` (an unknown id or name), for an error to offer."""
    return Resolver(driver, settings).suggestions(text.replace("-", " "))


def source_names_in(read: Reader, ids: Iterable[str], lang: Lang = "en") -> dict[str, str]:
    """:func:`source_names` within a read already open."""
    names = {}
    for r in read.rows(_SOURCES, ids=sorted(ids)):
        label = str(r["name_fr" if lang == "fr" else "name"] or r["id"])
        names[str(r["id"])] = f"{label} ({r['file']})" if r["file"] and r["file"] != label else label
    return names


def source_names(
    driver: neo4j.Driver, settings: Settings, ids: Iterable[str], lang: Lang = "en"
) -> dict[str, str]:
    """Display names of sources by id, in the reader's language where the source has one: "title (file)"."""
    with reading(driver, settings) as read:
        return source_names_in(read, ids, lang)
