"""The introduction-path engine without a database: the frontiers over an in-memory tie source,
checked against networkx on random weighted graphs (loopless, sorted, the k best, every hop real)."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.introductions.frontiers import Neighbourhood
from explorer.introductions.paths import search_routes
from explorer.introductions.sources import CITY, MemoryTies


@st.composite
def weighted_graphs(draw: st.DrawFn) -> tuple[nx.Graph, int, int, int, int]:
    """A random graph with tie strengths in (0, 1] (weak ones included), two ends, k and a hop limit."""
    n = draw(st.integers(2, 14))
    pairs = list(itertools.combinations(range(n), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=min(len(pairs), 30)))
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    for u, v in chosen:
        strength = draw(st.one_of(st.floats(0.02, 0.3), st.floats(0.3, 1.0)))
        graph.add_edge(u, v, strength=strength, cost=-math.log(strength))
    source, target = draw(st.sampled_from([(a, b) for a in range(n) for b in range(n) if a != b]))
    return graph, source, target, draw(st.integers(1, 8)), draw(st.integers(1, 7))


def source_of(graph: nx.Graph, places: dict[str, int] | None = None) -> MemoryTies:
    strength = {str(u): {str(v): graph[u][v]["strength"] for v in graph[u]} for u in graph}
    return MemoryTies(strength, places)


def every_path(
    graph: nx.Graph, source: int, target: int, max_hops: int
) -> list[tuple[float, tuple[int, ...]]]:
    paths = nx.all_simple_paths(graph, source, target, cutoff=max_hops)
    return sorted((nx.path_weight(graph, p, "cost"), tuple(p)) for p in paths)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(weighted_graphs())
def test_the_search_finds_the_k_best_loopless_paths_of_the_whole_graph(case) -> None:
    graph, source, target, k, max_hops = case
    hood = Neighbourhood(source_of(graph))
    routes, complete = search_routes(hood, str(source), str(target), k, max_hops)
    assert complete
    expected = every_path(graph, source, target, max_hops)[:k]
    assert [r.cost for r in routes] == pytest.approx([cost for cost, _ in expected])
    assert [r.cost for r in routes] == sorted(r.cost for r in routes)
    for route in routes:
        nodes = [int(n) for n in route.nodes]
        assert nodes[0] == source and nodes[-1] == target
        assert len(set(nodes)) == len(nodes) and route.hops <= max_hops
        assert all(graph.has_edge(u, v) for u, v in itertools.pairwise(nodes))
        assert route.cost == pytest.approx(nx.path_weight(graph, nodes, "cost"))


@settings(max_examples=150, deadline=None)
@given(weighted_graphs())
def test_the_search_reads_no_more_than_the_whole_graph_and_the_budget_stops_it(case) -> None:
    graph, source, target, k, max_hops = case
    ties = source_of(graph)
    hood = Neighbourhood(ties)
    search_routes(hood, str(source), str(target), k, max_hops)
    assert hood.rows <= 2 * graph.number_of_edges() * 2  # each tie read at most once per end and band
    stopped = Neighbourhood(source_of(graph))
    routes, complete = search_routes(stopped, str(source), str(target), k, max_hops, budget=0)
    assert not complete or len(routes) <= k


def test_a_place_ends_a_path_but_is_never_gone_through() -> None:
    graph = nx.Graph()
    graph.add_edge("a", "city", strength=0.9)
    graph.add_edge("city", "b", strength=0.9)
    graph.add_edge("a", "c", strength=0.2)
    graph.add_edge("c", "b", strength=0.2)
    strength = {u: {v: graph[u][v]["strength"] for v in graph[u]} for u in graph}
    hood = Neighbourhood(MemoryTies(strength, {"city": CITY}))
    routes, _ = search_routes(hood, "a", "b", 5, 4)
    assert [r.nodes for r in routes] == [("a", "c", "b")]
    hood = Neighbourhood(MemoryTies(strength, {"city": CITY}))
    hood.note_place("city", CITY)
    routes, _ = search_routes(hood, "a", "city", 5, 4)
    assert routes[0].nodes == ("a", "city")
