"""Brokers: the people and organisations that most strong paths between two groups go through.

A group is a country (its entities), a cluster (the cluster and its members) or an
alliance (the alliance, its parties and their members). For every pair (a, b) with
a in one group and b in the other, the strongest path between them is found; a
broker's count is the number of pairs whose strongest path passes through it. This
is betweenness centrality restricted to the two groups (networkx's
``betweenness_centrality_subset``, counted in pairs and without splitting ties).

Only the corridor that can hold a path of at most ``max_hops`` hops is read: rings
around both groups, kept where the hops from one group plus the hops from the other
fit the limit. Large groups are sampled (the sample is the same from run to run) and
the output says so.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import neo4j
import networkx as nx

from explorer import model
from explorer.config import Settings
from explorer.db import as_query, read_session
from explorer.errors import UsageError
from explorer.kpaths import k_cheapest_paths
from explorer.model import Lang
from explorer.neighbourhood import Neighbourhood, Rings
from explorer.paths import IntroPath, PathNode, read_paths
from explorer.search import get_entity, resolve
from explorer.weights import Weights, load_weights

__all__ = [
    "DEFAULT_BROKER_HOPS",
    "DEFAULT_SAMPLE",
    "DEFAULT_TOP",
    "Broker",
    "BrokerSearch",
    "Group",
    "find_brokers",
    "resolve_group",
]

DEFAULT_TOP = 10
#: A broker is rarely more than a couple of introductions away from either side.
DEFAULT_BROKER_HOPS = 4
MAX_BROKER_HOPS = 6
#: Entities drawn from each group at most (all of them in smaller groups).
DEFAULT_SAMPLE = 100
#: Relationships read before the corridor stops growing (and the result says so).
DEFAULT_BUDGET = 400_000

GroupKind = Literal["country", "cluster", "alliance"]
_BROKER_KINDS = frozenset({"Person", *model.ORGANIZATION_KINDS})


@dataclass(frozen=True)
class Group:
    """One side of a brokers question: a country, a cluster or an alliance, and its entities."""

    kind: GroupKind
    #: The ISO code of a country, else the entity's id.
    id: str
    name: str
    name_fr: str | None
    members: frozenset[str]
    #: The group's own node (the cluster, the alliance, the country): never listed as a broker.
    anchor: str | None

    def display(self, lang: Lang = "en") -> str:
        return self.name_fr if lang == "fr" and self.name_fr else self.name

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "size": len(self.members)}


@dataclass(frozen=True)
class Broker:
    """An entity bridging the two groups: on how many pairs' strongest paths, and one of them."""

    node: PathNode
    count: int
    #: ``count`` over the pairs connected within the hop limit.
    share: float
    example: IntroPath | None

    def as_dict(self, lang: Lang = "en") -> dict[str, Any]:
        return {
            **self.node.as_dict(),
            "count": self.count,
            "share": round(self.share, 4),
            "example": self.example.as_dict(lang) if self.example is not None else None,
        }


@dataclass(frozen=True)
class BrokerSearch:
    """The brokers between two groups, best first, and how they were counted."""

    a: Group
    b: Group
    brokers: tuple[Broker, ...]
    #: Pairs examined, and how many of them are connected within the hop limit.
    pairs: int
    connected: int
    sampled: tuple[int, int]
    max_hops: int
    #: False when the work budget stopped the corridor from growing.
    complete: bool = True
    sources: dict[str, str] | None = None

    @property
    def is_sample(self) -> bool:
        return self.sampled != (len(self.a.members), len(self.b.members))

    def as_dict(self, lang: Lang = "en") -> dict[str, Any]:
        return {
            "between": [self.a.as_dict(), self.b.as_dict()],
            "max_hops": self.max_hops,
            "pairs": self.pairs,
            "connected_pairs": self.connected,
            "sampled": {"a": self.sampled[0], "b": self.sampled[1]},
            "complete": self.complete,
            "brokers": [b.as_dict(lang) for b in self.brokers],
        }


# -- groups --------------------------------------------------------------------------------

_ENTITY, _CITY, _COUNTRY = model.label(model.ENTITY), model.label("City"), model.label("Country")
_COUNTRY_MEMBERS = (
    f"MATCH (n:{_ENTITY}) WHERE n.country = $code AND NOT n:{_CITY} AND NOT n:{_COUNTRY} "
    "RETURN n.id AS id UNION "
    f"MATCH (n:{_ENTITY})-[:{model.rel_type('LOCATED_IN')}]->(:{_CITY})"
    f"-[:{model.rel_type('IN_COUNTRY')}]->(:{_COUNTRY} {{id: $country}}) RETURN n.id AS id"
)
_CLUSTER_MEMBERS = (
    f"MATCH (n:{_ENTITY})-[:{model.rel_type('MEMBER_OF')}]->(:{_ENTITY} {{id: $id}}) RETURN n.id AS id"
)
_ALLIANCE_MEMBERS = (
    f"MATCH (p:{_ENTITY})-[:{model.rel_type('PARTY_TO')}]->(:{_ENTITY} {{id: $id}}) "
    f"OPTIONAL MATCH (m:{_ENTITY})-[:{model.rel_type('MEMBER_OF')}]->(p) "
    "RETURN p.id AS id, collect(m.id) AS members"
)
_NAME_FR = f"MATCH (n:{_ENTITY} {{id: $id}}) RETURN n.name_fr AS name_fr"


def resolve_group(driver: neo4j.Driver, settings: Settings, given: str) -> Group:
    """The group meant by a country (code or name, English or French), a cluster or an alliance."""
    text = given.strip()
    entity = get_entity(driver, settings, text)
    if entity is None or entity.kind == "Country":
        code = model.country_code(entity.id if entity else text)
        if code is not None:
            return _country(driver, settings, code)
    if entity is None:
        entity = resolve(driver, settings, text)
    if entity.kind == "Country":
        return _country(driver, settings, model.country_code(entity.id) or entity.id.upper())
    if entity.kind not in ("Cluster", "Alliance", "Initiative"):
        raise UsageError(f"{entity.label()} is a {entity.kind}: brokers are found between "
                         "countries, clusters or alliances",
                         "name a country, a cluster or an alliance")  # fmt: skip
    with read_session(driver, settings) as session:
        record = session.run(as_query(_NAME_FR, timeout=settings.cli_timeout), id=entity.id).single()
        name_fr = record["name_fr"] if record else None
        members = {entity.id}
        if entity.kind == "Cluster":
            result = session.run(as_query(_CLUSTER_MEMBERS, timeout=settings.cli_timeout), id=entity.id)
            members |= {r["id"] for r in result}
            return Group("cluster", entity.id, entity.name, name_fr, frozenset(members), entity.id)
        result = session.run(as_query(_ALLIANCE_MEMBERS, timeout=settings.cli_timeout), id=entity.id)
        for r in result:
            members.add(r["id"])
            members.update(r["members"])
    return Group("alliance", entity.id, entity.name, name_fr, frozenset(members), entity.id)


def _country(driver: neo4j.Driver, settings: Settings, code: str) -> Group:
    with read_session(driver, settings) as session:
        result = session.run(as_query(_COUNTRY_MEMBERS, timeout=settings.cli_timeout),
                             code=code, country=code.lower())  # fmt: skip
        members = frozenset(r["id"] for r in result)
    anchor = code.lower() if get_entity(driver, settings, code.lower()) is not None else None
    name, name_fr = model.country_name(code, "en"), model.country_name(code, "fr")
    return Group("country", code, name, name_fr if name_fr != name else None, members, anchor)


def _sample(members: frozenset[str], size: int, seed: str) -> list[str]:
    ordered = sorted(members)
    if len(ordered) <= size:
        return ordered
    return sorted(random.Random(seed).sample(ordered, size))


# -- brokers -------------------------------------------------------------------------------


def find_brokers(
    driver: neo4j.Driver,
    settings: Settings,
    a: str,
    b: str,
    *,
    top: int = DEFAULT_TOP,
    max_hops: int = DEFAULT_BROKER_HOPS,
    sample: int = DEFAULT_SAMPLE,
    active_only: bool = False,
    weights: Weights | None = None,
    timeout: float | None = None,
    budget: int = DEFAULT_BUDGET,
) -> BrokerSearch:
    """The ``top`` brokers between groups ``a`` and ``b`` (countries, clusters or alliances)."""
    if not 1 <= max_hops <= MAX_BROKER_HOPS:
        raise UsageError(f"max hops must be between 1 and {MAX_BROKER_HOPS}, not {max_hops}")
    if top < 1 or sample < 1:
        raise UsageError("top and sample must be 1 or more")
    weights = weights if weights is not None else load_weights()
    ga, gb = resolve_group(driver, settings, a), resolve_group(driver, settings, b)
    if (ga.kind, ga.id) == (gb.kind, gb.id):
        raise UsageError(f"{a!r} and {b!r} are the same group ({ga.name})", "name two groups")
    seed = f"{ga.kind}:{ga.id}|{gb.kind}:{gb.id}"
    sources, targets = _sample(ga.members, sample, seed), _sample(gb.members, sample, seed + "|b")
    with Neighbourhood(driver, settings, weights, active_only=active_only, timeout=timeout) as hood:
        graph, complete = _corridor(hood, sources, targets, max_hops, budget)
        counts, examples, pairs, connected = _count(graph, sources, targets, max_hops)
        anchors = {g.anchor for g in (ga, gb) if g.anchor}
        ranked = sorted((v for v in counts if v not in anchors), key=lambda v: (-counts[v], v))
        shortlist = ranked[: top * 3]
        described = read_paths(hood, [examples[v][1] for v in shortlist], extra_nodes=shortlist)
    by_route = {tuple(n.id for n in p.nodes): p for p in described.paths}
    brokers: list[Broker] = []
    for v in shortlist:
        node = described.nodes.get(v)
        if node is None or node.kind not in _BROKER_KINDS:
            continue
        example = by_route.get(tuple(examples[v][1]))
        brokers.append(Broker(node, counts[v], counts[v] / connected if connected else 0.0, example))
        if len(brokers) == top:
            break
    return BrokerSearch(ga, gb, tuple(brokers), pairs, connected, (len(sources), len(targets)),
                        max_hops, complete, described.sources)  # fmt: skip


def _corridor(hood: Neighbourhood, sources: Sequence[str], targets: Sequence[str],
              max_hops: int, budget: int) -> tuple[nx.Graph, bool]:  # fmt: skip
    """The strong-tie graph holding every path of at most ``max_hops`` between the groups."""

    def expandable(node: str) -> bool:
        return not hood.is_place(node)

    near_a, near_b = Rings(hood, sources, expandable), Rings(hood, targets, expandable)
    want_a, want_b = math.ceil(max_hops / 2), max_hops // 2
    complete = True
    while near_a.depth < want_a or near_b.depth < want_b:
        if hood.rows >= budget:
            complete = False
            break
        ring = near_a if near_a.depth < want_a and (
            near_b.depth >= want_b or near_a.work() <= near_b.work()) else near_b  # fmt: skip
        ring.grow()
    corridor = {
        v for v in set(near_a.hops) | set(near_b.hops)
        if not hood.is_place(v) and near_a.bound(v) + near_b.bound(v) <= max_hops
    }  # fmt: skip
    graph = nx.Graph()
    graph.add_nodes_from(corridor)
    for u in corridor:
        if u not in hood.fetched:
            continue
        for v, cost in hood.neighbours(u).items():
            if v in corridor:
                graph.add_edge(u, v, cost=cost)
    return graph, complete


def _count(
    graph: nx.Graph, sources: Sequence[str], targets: Sequence[str], max_hops: int
) -> tuple[dict[str, int], dict[str, tuple[float, list[str]]], int, int]:
    """Pairs through each node, the best example path through it, pairs tried, pairs connected.

    Each pair's strongest path comes from networkx's Dijkstra; when it is longer than
    ``max_hops``, the strongest path within the limit is searched for that pair alone.
    """
    counts: dict[str, int] = {}
    examples: dict[str, tuple[float, list[str]]] = {}
    wanted = [t for t in targets if t in graph]
    pairs = connected = 0
    costs: dict[str, dict[str, float]] | None = None  # plain costs, for hop-bounded searches
    for s in sources:
        if s not in graph:
            pairs += sum(1 for t in targets if t != s)
            continue
        dist, routes = nx.single_source_dijkstra(graph, s, weight="cost")
        pairs += sum(1 for t in targets if t != s)
        for t in wanted:
            if t == s or t not in routes:
                continue
            route, cost = routes[t], dist[t]
            if len(route) - 1 > max_hops:
                if costs is None:
                    costs = {u: {v: e["cost"] for v, e in graph.adj[u].items()} for u in graph}
                bounded = k_cheapest_paths(costs, s, t, 1, max_hops)
                if not bounded:
                    continue
                route, cost = list(bounded[0].nodes), bounded[0].cost
            connected += 1
            for v in route[1:-1]:
                counts[v] = counts.get(v, 0) + 1
                best = examples.get(v)
                if best is None or cost < best[0]:
                    examples[v] = (cost, route)
    return counts, examples, pairs, connected
