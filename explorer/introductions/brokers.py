"""Brokers: the people and organisations that most strong paths between two groups go through.

A group is a country (its entities), a cluster (the cluster and its members), an alliance
(the alliance, its parties and their members) or any other entity's neighbourhood (the
entity and those tied to it, places left out). For every pair (a, b) with
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

import neo4j
import networkx as nx

from explorer import countries, defaults, model
from explorer.config import Settings
from explorer.database.session import reading
from explorer.errors import UsageError
from explorer.introductions.answers import Broker, BrokerSearch, Group
from explorer.introductions.deadline import Deadline
from explorer.introductions.frontiers import Neighbourhood, Rings
from explorer.introductions.kpaths import k_cheapest_paths
from explorer.introductions.reads import Neo4jTies
from explorer.introductions.weights import Weights, load_weights
from explorer.model import Entity
from explorer.resolve import Resolver
from explorer.search import get_entity

__all__ = ["find_brokers", "groups_between", "resolve_group"]

_BROKER_KINDS = frozenset({"Person", *model.ORGANIZATION_KINDS})


# -- groups --------------------------------------------------------------------------------

_COUNTRY_MEMBERS = (
    "MATCH (n:Entity) WHERE n.country = $code AND NOT n:City AND NOT n:Country "
    "RETURN n.id AS id UNION "
    "MATCH (n:Entity)-[:LOCATED_IN]->(:City)-[:IN_COUNTRY]->(:Country {id: $country}) RETURN n.id AS id"
)
_CLUSTER_MEMBERS = "MATCH (n:Entity)-[:MEMBER_OF]->(:Entity {id: $id}) RETURN n.id AS id"
_ALLIANCE_MEMBERS = (
    "MATCH (p:Entity)-[:PARTY_TO]->(:Entity {id: $id}) "
    "OPTIONAL MATCH (m:Entity)-[:MEMBER_OF]->(p) "
    "RETURN p.id AS id, collect(m.id) AS members"
)
#: An entity's neighbours (places left out: a path never goes through one), the same ones every time.
_NEIGHBOURS = (
    "MATCH (:Entity {id: $id})--(n:Entity) WHERE NOT n:City AND NOT n:Country "
    "WITH DISTINCT n.id AS id RETURN id ORDER BY id LIMIT $cap"
)


def resolve_group(driver: neo4j.Driver, settings: Settings, given: str) -> Group:
    """The group meant by a country (code or name, English or French), a cluster, an alliance, or
    any other entity (its neighbourhood)."""
    text = given.strip()
    entity = get_entity(driver, settings, text)
    if entity is None or entity.kind == "Country":
        code = countries.country_code(entity.id if entity else text)
        if code is not None:
            return _country(driver, settings, code)
    if entity is None:
        entity = Resolver(driver, settings).entity(text)
    if entity.kind == "Country":
        return _country(driver, settings, countries.country_code(entity.id) or entity.id.upper())
    members = {entity.id}
    with reading(driver, settings) as read:
        if entity.kind not in ("Cluster", "Alliance", "Initiative"):
            cap = defaults.MAX_BROKERS_SAMPLE
            members |= {r["id"] for r in read.rows(_NEIGHBOURS, id=entity.id, cap=cap)}
            name, name_fr = entity.name, entity.name_fr
            return Group("neighbourhood", entity.id, name, name_fr, frozenset(members), entity.id)
        if entity.kind == "Cluster":
            members |= {r["id"] for r in read.rows(_CLUSTER_MEMBERS, id=entity.id)}
            return Group("cluster", entity.id, entity.name, entity.name_fr, frozenset(members), entity.id)
        for r in read.rows(_ALLIANCE_MEMBERS, id=entity.id):
            members.add(r["id"])
            members.update(r["members"])
    return Group("alliance", entity.id, entity.name, entity.name_fr, frozenset(members), entity.id)


def _country(driver: neo4j.Driver, settings: Settings, code: str) -> Group:
    with reading(driver, settings) as read:
        members = frozenset(r["id"] for r in read.rows(_COUNTRY_MEMBERS, code=code, country=code.lower()))
    anchor = code.lower() if get_entity(driver, settings, code.lower()) is not None else None
    name, name_fr = countries.country_name(code, "en"), countries.country_name(code, "fr")
    return Group("country", code, name, name_fr if name_fr != name else None, members, anchor)


def groups_between(source: Entity, target: Entity) -> tuple[str, str]:
    """The two groups to find brokers between for two entities, as :func:`resolve_group` reads
    them: their countries when they differ, else each entity itself (a cluster, an alliance, a
    country, or the entity's neighbourhood)."""
    a, b = source.country, target.country
    if a and b and a != b:
        return a, b
    return source.id, target.id


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
    top: int = defaults.BROKERS_TOP,
    max_hops: int = defaults.BROKERS_HOPS,
    sample: int = defaults.BROKERS_SAMPLE,
    active_only: bool = False,
    weights: Weights | None = None,
    timeout: float | None = None,
    budget: int = defaults.WORK_BUDGET,
) -> BrokerSearch:
    """The ``top`` brokers between groups ``a`` and ``b`` (countries, clusters, alliances or other
    entities' neighbourhoods); the whole search, reads and counting, stops at its time limit with
    ``QueryTimeout``."""
    deadline = Deadline(
        settings.timeout if timeout is None else timeout,
        "the search for brokers",
        "lower --sample or --max-hops, or raise --timeout",
    )
    if not 1 <= max_hops <= defaults.MAX_BROKERS_HOPS:
        raise UsageError(f"max hops must be between 1 and {defaults.MAX_BROKERS_HOPS}, not {max_hops}")
    if top < 1 or sample < 1:
        raise UsageError("top and sample must be 1 or more")
    weights = weights if weights is not None else load_weights()
    ga, gb = resolve_group(driver, settings, a), resolve_group(driver, settings, b)
    if (ga.kind, ga.id) == (gb.kind, gb.id):
        raise UsageError(f"{a!r} and {b!r} are the same group ({ga.name})", "name two groups")
    seed = f"{ga.kind}:{ga.id}|{gb.kind}:{gb.id}"
    sources, targets = _sample(ga.members, sample, seed), _sample(gb.members, sample, seed + "|b")
    with Neo4jTies(driver, settings, weights, active_only=active_only, timeout=deadline.remaining()) as ties:
        hood = Neighbourhood(ties)
        graph, complete = _corridor(hood, sources, targets, max_hops, budget, deadline)
        counts, examples, pairs, connected = _count(graph, sources, targets, max_hops, deadline)
        anchors = {g.anchor for g in (ga, gb) if g.anchor}
        ranked = sorted((v for v in counts if v not in anchors), key=lambda v: (-counts[v], v))
        shortlist = ranked[: top * 3]
        described = ties.describe([examples[v][1] for v in shortlist], extra_nodes=shortlist)
    by_route = {p.ids: p for p in described.paths}
    brokers: list[Broker] = []
    for v in shortlist:
        node = described.nodes.get(v)
        if node is None or node.kind not in _BROKER_KINDS:
            continue
        example = by_route.get(tuple(examples[v][1]))
        brokers.append(Broker(node, counts[v], counts[v] / connected if connected else 0.0, example))
        if len(brokers) == top:
            break
    return BrokerSearch(
        ga,
        gb,
        tuple(brokers),
        pairs,
        connected,
        (len(sources), len(targets)),
        max_hops,
        complete,
        described.sources,
        weights.as_of,
    )


def _corridor(
    hood: Neighbourhood,
    sources: Sequence[str],
    targets: Sequence[str],
    max_hops: int,
    budget: int,
    deadline: Deadline,
) -> tuple[nx.Graph, bool]:
    """The strong-tie graph holding every path of at most ``max_hops`` between the groups."""

    def expandable(node: str) -> bool:
        return not hood.is_place(node)

    near_a, near_b = Rings(hood, sources, expandable), Rings(hood, targets, expandable)
    want_a, want_b = math.ceil(max_hops / 2), max_hops // 2
    complete = True
    while near_a.depth < want_a or near_b.depth < want_b:
        deadline.check()
        if hood.rows >= budget:
            complete = False
            break
        ring = (
            near_a
            if near_a.depth < want_a and (near_b.depth >= want_b or near_a.work() <= near_b.work())
            else near_b
        )
        ring.grow()
    corridor = {
        v
        for v in set(near_a.hops) | set(near_b.hops)
        if not hood.is_place(v) and near_a.bound(v) + near_b.bound(v) <= max_hops
    }
    graph = nx.Graph()
    graph.add_nodes_from(corridor)
    deadline.check()
    for u in corridor:
        if u not in hood.fetched:
            continue
        for v, cost in hood.neighbours(u).items():
            if v in corridor:
                graph.add_edge(u, v, cost=cost)
    return graph, complete


def _count(
    graph: nx.Graph, sources: Sequence[str], targets: Sequence[str], max_hops: int, deadline: Deadline
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
        deadline.check()
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
                bounded = k_cheapest_paths(costs, s, t, 1, max_hops, check=deadline.check)
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
