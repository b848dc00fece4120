"""Introduction paths: the k best loopless routes between two entities, ranked by tie strength.

A path's score is the product of its ties' strengths (:mod:`explorer.weights`), so a
board seat beats co-membership of an 850-member cluster and a longer chain of strong
ties can beat a short one through a hub. Ranking is Yen's algorithm on costs
``-ln(strength)`` (:mod:`explorer.kpaths`), run on the part of the graph that can hold
the answer, read from Neo4j as the search grows (:mod:`explorer.neighbourhood`):

1. two balls grow by cost from the endpoints (both at once, their reads made side by
   side); once their radii add up to R, every path within the hop limit cheaper than
   R lies inside what was read, so the k paths found are the true k best as soon as
   the k-th costs no more than R. Once k paths have been read, one ball grows just to
   the k-th one's cost;
2. rings grow by hops around both ends while they cost little: they tell each ball
   which states cannot reach the other end within the hop limit (dropped), and once
   their depths add up to the limit, every path within it has been read.

Either way the result is exact; a work budget stops a search that would read too
much, and says so. Every hop returned is read back from the database before it is
shown.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j

from explorer import model
from explorer.config import Settings
from explorer.errors import UsageError
from explorer.explain import explain
from explorer.kpaths import Route, k_cheapest_paths
from explorer.model import Lang
from explorer.neighbourhood import (
    CITY,
    COUNTRY,
    Ball,
    Neighbourhood,
    Rings,
    crowd_counts,
    weight_params,
)
from explorer.results import GraphData, GraphNode, GraphRel
from explorer.search import resolve
from explorer.weights import Weights, load_weights

__all__ = [
    "DEFAULT_BUDGET",
    "DEFAULT_K",
    "DEFAULT_MAX_HOPS",
    "Hop",
    "IntroPath",
    "PathNode",
    "PathSearch",
    "find_paths",
    "read_paths",
]

DEFAULT_K = 5
MAX_K = 50
#: Introductions through more than this many hops are rarely worth asking for.
DEFAULT_MAX_HOPS = 6
MAX_HOPS = 12
#: Relationships read before a search stops and says that its ranking may be incomplete.
DEFAULT_BUDGET = 400_000
#: How far past a mark a ball grows, so that a path costing exactly the mark is proven.
_EPSILON = 1e-9
#: Relationships a ball reads in its first round; later rounds read a third (both balls
#: together: a third of the lighter one's) or a half (one ball aiming at a mark) of what
#: has been read, so rounds grow geometrically and the last one overshoots little.
_FIRST_ROWS = 2_000


@dataclass(frozen=True, slots=True)
class PathNode:
    """An entity on a path: id, kind and names."""

    id: str
    kind: str
    name: str
    name_fr: str | None = None
    country: str | None = None

    def display(self, lang: Lang = "en") -> str:
        return self.name_fr if lang == "fr" and self.name_fr else self.name

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class Hop:
    """One relationship of a path, as stored (``start`` -> ``end``), with its strength."""

    type: str
    start: str
    end: str
    status: str
    evidence: str
    source: str | None
    strength: float
    #: The crowd at each end (ties of this type the start has and the end has; ``None``
    #: outside crowd types), and the size that keeps full strength.
    crowds: tuple[int | None, int | None]
    crowd_reference: int
    #: Every property stored on the relationship (read-only by convention).
    properties: dict[str, Any] = field(default_factory=dict)
    #: Entities named by properties (``on_behalf_of``), by property name.
    refs: dict[str, PathNode] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The relationship's identity: start, type and end (one relationship per type and pair)."""
        return f"{self.start}|{self.type}|{self.end}"

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, "from": self.start, "to": self.end, "status": self.status,
                "source": self.source}  # fmt: skip


@dataclass(frozen=True)
class IntroPath:
    """A ranked path: its score (product of strengths, higher is better), nodes and hops."""

    score: float
    nodes: tuple[PathNode, ...]
    hops: tuple[Hop, ...]

    @property
    def hop_count(self) -> int:
        return len(self.hops)

    def explanation(self, lang: Lang = "en") -> str:
        return explain(self, lang)

    def as_dict(self, lang: Lang = "en") -> dict[str, Any]:
        return {
            "score": _rounded(self.score),
            "hops": self.hop_count,
            "nodes": [n.as_dict() for n in self.nodes],
            "relationships": [h.as_dict() for h in self.hops],
            "explanation": self.explanation(lang),
        }


@dataclass(frozen=True)
class PathSearch:
    """The answer to "how can FROM be introduced to TO?", and how it was found."""

    source: PathNode
    target: PathNode
    paths: tuple[IntroPath, ...]
    k: int
    max_hops: int
    active_only: bool = False
    avoid: tuple[PathNode, ...] = ()
    #: False when the work budget stopped the search: a better path may exist.
    complete: bool = True
    #: Names of the sources the paths cite, by id.
    sources: Mapping[str, str] = field(default_factory=dict)
    relationships_read: int = 0
    queries: int = 0
    seconds: float = 0.0

    def as_graph(self) -> GraphData:
        """Every path's entities and relationships, each once, ready to be drawn."""
        graph = GraphData()
        for path in self.paths:
            for n in path.nodes:
                if n.id not in graph.nodes:
                    props = {"id": n.id, "name": n.name, "kind": n.kind, "country": n.country,
                             "name_fr": n.name_fr}  # fmt: skip
                    props = {k: v for k, v in props.items() if v is not None}
                    graph.nodes[n.id] = GraphNode(n.id, n.kind, n.name, props)
            for hop in path.hops:
                key = hop.key
                if key not in graph.rels:
                    graph.rels[key] = GraphRel(key, hop.type, hop.start, hop.end, dict(hop.properties))
        return graph

    def as_dict(self, lang: Lang = "en") -> dict[str, Any]:
        """The JSON contract of ``explorer paths --format json``."""
        return {
            "from": self.source.as_dict(),
            "to": self.target.as_dict(),
            "paths": [p.as_dict(lang) for p in self.paths],
        }


def _rounded(score: float) -> float:
    return float(f"{score:.6g}")


# -- the search ----------------------------------------------------------------------------


def find_paths(
    driver: neo4j.Driver,
    settings: Settings,
    source: str,
    target: str,
    *,
    k: int = DEFAULT_K,
    avoid: Sequence[str] = (),
    max_hops: int = DEFAULT_MAX_HOPS,
    active_only: bool = False,
    weights: Weights | None = None,
    timeout: float | None = None,
    budget: int = DEFAULT_BUDGET,
) -> PathSearch:
    """The ``k`` best introduction paths from ``source`` to ``target`` (ids or names).

    Names are resolved ignoring case and accents (``UnknownEntity`` or
    ``AmbiguousEntity`` otherwise). ``avoid`` names entities no path may go through;
    ``active_only`` leaves out planned and proposed ties.
    """
    started = time.perf_counter()
    if not 1 <= k <= MAX_K:
        raise UsageError(f"k must be between 1 and {MAX_K}, not {k}")
    if not 1 <= max_hops <= MAX_HOPS:
        raise UsageError(f"max hops must be between 1 and {MAX_HOPS}, not {max_hops}")
    weights = weights if weights is not None else load_weights()
    a = resolve(driver, settings, source)
    b = resolve(driver, settings, target)
    if a.id == b.id:
        raise UsageError(f"{source!r} and {target!r} are the same entity ({a.label()})",
                         "name two different entities")  # fmt: skip
    avoided = {e.id: e for e in (resolve(driver, settings, given) for given in avoid)}
    for end in (a, b):
        if end.id in avoided:
            raise UsageError(f"cannot avoid {end.label()}: it is an end of the path",
                             "drop it from --avoid")  # fmt: skip
    with Neighbourhood(driver, settings, weights, avoid=avoided, active_only=active_only,
                       timeout=timeout) as hood:  # fmt: skip
        for end in (a, b):
            hood.note_place(end.id, _PLACE_OF.get(end.kind, 0))
        routes, complete = _search(hood, a.id, b.id, k, max_hops, budget)
        described = read_paths(hood, [r.nodes for r in routes], extra_nodes=[a.id, b.id, *avoided])
    return PathSearch(
        source=described.nodes[a.id],
        target=described.nodes[b.id],
        paths=tuple(described.paths),
        k=k,
        max_hops=max_hops,
        active_only=active_only,
        avoid=tuple(described.nodes[i] for i in avoided if i in described.nodes),
        complete=complete,
        sources=described.sources,
        relationships_read=hood.rows,
        queries=hood.queries,
        seconds=time.perf_counter() - started,
    )


_PLACE_OF = {"City": CITY, "Country": COUNTRY}


def _search(hood: Neighbourhood, src: str, dst: str, k: int, max_hops: int,
            budget: int) -> tuple[list[Route[str]], bool]:  # fmt: skip
    """The k cheapest routes, and whether they are proven to be the best (see the module doc)."""
    place = hood.place

    def expandable_from(origin: str) -> Any:
        from_country = place.get(origin) == COUNTRY

        def expandable(node: str) -> bool:
            kind = place.get(node, 0)
            if kind == 0 or node in (src, dst):
                return True
            # A country's own cities lead to it (and away from it), never elsewhere.
            return from_country and kind == CITY and node in hood.cost.get(origin, {})

        return expandable

    def may_leave(node: str, hops: int) -> bool:
        kind = place.get(node, 0)
        if kind == 0:
            return True
        return (hops == 1 and kind == CITY and place.get(src) == COUNTRY
                and node in hood.cost.get(src, {}))  # fmt: skip

    # Rings know how many hops a node is at least from each end: balls keep only the states
    # that can still make a path of at most max_hops.
    ring_f, ring_t = Rings(hood, [src], expandable_from(src)), Rings(hood, [dst], expandable_from(dst))
    ball_f = Ball(hood, [src], expandable_from(src), max_hops, ring_t.bound)
    ball_t = Ball(hood, [dst], expandable_from(dst), max_hops, ring_f.bound)
    near_target = ball_t.dist
    to_country = place.get(dst) == COUNTRY  # a city may then step onto its country

    def heuristic(node: str) -> float:  # what is left to the target is at least this
        d, radius = near_target.get(node), ball_t.radius
        return d if d is not None and d < radius else radius

    def rank(limit: float = math.inf) -> list[Route[str]]:
        return k_cheapest_paths(hood.cost, src, dst, k, max_hops, heuristic=heuristic,
                                may_leave=may_leave, limit=limit + _EPSILON, last_step=to_country,
                                hops_left=ring_t.bound)  # fmt: skip

    ranked_at = -1.0
    #: The k-th cost among the paths read so far: reaching it is enough to prove them.
    enough = math.inf
    aimed_at = 0  # relationships read when ``enough`` was last looked for
    while True:
        if ball_f.exhausted or ring_f.exhausted or ball_t.exhausted or ring_t.exhausted:
            # One side's whole component has been read; all the other side may add is its
            # end, and a country's own cities.
            far_end = dst if ball_f.exhausted or ring_f.exhausted else src
            hood.fetch([far_end])
            if place.get(far_end) == COUNTRY:
                hood.fetch([n for n in hood.neighbours(far_end) if place.get(n) == CITY])
            return rank(), True
        if ring_f.depth + ring_t.depth >= max_hops:
            return rank(), True  # every path within the hop limit has been read
        if hood.rows >= budget:
            return rank(), False
        reach = ball_f.radius + ball_t.radius
        meeting = _meeting(ball_f, ball_t)
        if reach > ranked_at and meeting <= reach:
            # Every path cheaper than ``reach`` has been read: if k of them exist, done.
            routes = rank(reach)
            ranked_at = reach
            if len(routes) == k:
                return routes, True
        looked_long_ago = enough == math.inf and hood.rows >= 2 * aimed_at
        if meeting < math.inf and (enough <= reach or looked_long_ago):
            found = rank()  # the k-th cost among the paths read: growing to it proves them
            if len(found) == k and found[-1].cost <= reach + _EPSILON:
                return found, True
            enough = found[-1].cost if len(found) == k else math.inf
            aimed_at = hood.rows
        ring = ring_f if ring_f.price() <= ring_t.price() else ring_t
        if ring.price() <= max(_FIRST_ROWS, (ball_f.rows + ball_t.rows) // 2):
            ring.grow()  # cheap progress towards reading every path within the hop limit
        elif enough == math.inf:  # both balls grow alike, their reads made at the same time
            size = max(_FIRST_ROWS, min(ball_f.rows, ball_t.rows) // 3)
            plan_f = ball_f.take(size)
            plan_t = ball_t.take(size, claimed=plan_f)
            read = hood.carry_out(plan_f, alongside=plan_t)
            ball_f.absorb(plan_f, read)
            ball_t.absorb(plan_t, plan_t.rows)
        else:  # one ball grows to the mark: the one with fewer states left below it
            ahead_f = ball_f.pending(enough - ball_t.radius + _EPSILON)
            ahead_t = ball_t.pending(enough - ball_f.radius + _EPSILON)
            ball, other = (ball_f, ball_t) if ahead_f <= ahead_t else (ball_t, ball_f)
            before = (ball.radius, hood.rows)
            ball.grow(max(_FIRST_ROWS, ball.rows // 2), until=enough - other.radius + _EPSILON)
            if (ball.radius, hood.rows) == before:  # nothing left below the mark: go past it
                ball.grow(_FIRST_ROWS)


def _meeting(f: Ball, t: Ball) -> float:
    """The cheapest known walk joining the two balls (an upper bound on the best path)."""
    small, large = (f.dist, t.dist) if len(f.dist) <= len(t.dist) else (t.dist, f.dist)
    best = math.inf
    for node, d in small.items():
        other = large.get(node)
        if other is not None and d + other < best:
            best = d + other
    return best


# -- reading the paths back ----------------------------------------------------------------

_ENTITY = model.label(model.ENTITY)


def _hops_query(weights: Weights) -> str:
    """Every relationship between each pair of consecutive entities, with its crowds."""
    out, into = crowd_counts(weights)
    return (
        f"UNWIND $pairs AS pair MATCH (a:{_ENTITY} {{id: pair[0]}})-[r]-(b:{_ENTITY} {{id: pair[1]}}) "
        "WITH pair, a, b, r, type(r) AS t "
        "WHERE t IN $types AND (NOT $active_only OR coalesce(r.status, $default_status) = $active) "
        "WITH pair, r, t, startNode(r) AS head, endNode(r) AS tail "
        "RETURN pair[0] AS u, pair[1] AS v, t AS type, head.id AS start, tail.id AS end, "
        f"properties(r) AS props, {out} AS out, {into} AS in"
    )


_NODES = (
    f"UNWIND $ids AS id MATCH (n:{_ENTITY} {{id: id}}) "
    "RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.name_fr AS name_fr, "
    "n.country AS country"
)
_SOURCES = f"UNWIND $ids AS id MATCH (s:{model.label('Source')} {{id: id}}) RETURN s.id AS id, s.name AS name"
#: Relationship properties that name another entity (``on_behalf_of``).
_REFERENCES = tuple(sorted({ref for t in model.REL_TYPES.values() for ref in t.references}))


@dataclass(frozen=True, slots=True)
class _Stored:
    """A relationship as read back: its type, direction, properties and crowd."""

    type: str
    start: str
    end: str
    props: dict[str, Any]
    crowds: tuple[int | None, int | None]
    strength: float


@dataclass
class Described:
    """Paths read back from the database, with the entities and sources they name."""

    paths: list[IntroPath]
    nodes: dict[str, PathNode]
    sources: dict[str, str]


def read_paths(
    hood: Neighbourhood, routes: Iterable[Sequence[str]], *, extra_nodes: Iterable[str] = ()
) -> Described:
    """Read every hop of ``routes`` back from Neo4j and build the paths, best first.

    Each hop is the strongest relationship between its two entities (as the search
    priced it). A route with a hop that no longer exists is dropped: nothing is shown
    that the database does not hold.
    """
    routes = [tuple(r) for r in routes]
    weights = hood.weights
    pairs = sorted({tuple(sorted(p)) for nodes in routes for p in itertools.pairwise(nodes)})
    best: dict[tuple[str, str], _Stored] = {}
    params = {**weight_params(weights), "active_only": hood.active_only, "pairs": pairs}
    for record in hood.run(_hops_query(weights), params):
        props = dict(record["props"])
        crowds = (record["out"], record["in"])
        crowd = max((c for c in crowds if c is not None), default=None)
        strength = weights.tie(record["type"], props.get("status"), props.get("evidence"), crowd)
        stored = _Stored(record["type"], record["start"], record["end"], props, crowds, strength)
        key = (record["u"], record["v"])
        known = best.get(key)
        if known is None or (strength, known.type) > (known.strength, stored.type):
            best[key] = stored
    refs = {str(h.props[name]) for h in best.values() for name in _REFERENCES if h.props.get(name)}
    ids = sorted({n for nodes in routes for n in nodes} | set(extra_nodes) | refs)
    nodes: dict[str, PathNode] = {}
    for record in hood.run(_NODES, {"ids": ids}):
        nodes[record["id"]] = PathNode(
            record["id"], model.kind_of(record["labels"]) or "", record["name"] or record["id"],
            record["name_fr"], record["country"],
        )  # fmt: skip
    cited = sorted({str(h.props["source"]) for h in best.values() if h.props.get("source")})
    sources = {r["id"]: r["name"] or r["id"] for r in hood.run(_SOURCES, {"ids": cited})}
    paths = [p for p in (_build(r, best, nodes, weights) for r in routes) if p is not None]
    paths.sort(key=lambda p: (-p.score, [n.id for n in p.nodes]))
    return Described(paths, nodes, sources)


def _build(
    route: Sequence[str],
    best: Mapping[tuple[str, str], _Stored],
    nodes: Mapping[str, PathNode],
    weights: Weights,
) -> IntroPath | None:
    hops: list[Hop] = []
    score = 1.0
    for u, v in itertools.pairwise(route):
        stored = best.get((u, v) if u <= v else (v, u))
        if stored is None or u not in nodes or v not in nodes:
            return None  # deleted since it was read
        props = stored.props
        score *= stored.strength
        refs = {name: nodes[str(props[name])] for name in _REFERENCES
                if props.get(name) is not None and str(props[name]) in nodes}  # fmt: skip
        hops.append(Hop(
            stored.type, stored.start, stored.end,
            str(props.get("status") or model.DEFAULT_STATUS),
            str(props.get("evidence") or model.DEFAULT_EVIDENCE),
            str(props["source"]) if props.get("source") is not None else None,
            stored.strength, stored.crowds, weights.reference_size, props, refs,
        ))  # fmt: skip
    return IntroPath(score, tuple(nodes[n] for n in route), tuple(hops))
