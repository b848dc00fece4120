"""Layouts computed on the server: the same graph gives the same picture, every coordinate is a
finite whole number within bounds, components lie apart, and the picture beats chance."""

from __future__ import annotations

import json
import math
import random
import re

import pytest

from benchmarks.layout_quality import crossings, stress
from explorer.database.results import GraphData
from explorer.drawing.layouts import COORDINATE_LIMIT, LayoutCache
from explorer.drawing.placement import SPACING, place
from explorer.drawing.render import PLACED_ABOVE, draw
from tests.builders import entity, tie


def grid(side: int, prefix: str = "g") -> tuple[list[str], list[tuple[str, str]]]:
    """A square grid: a graph with one right picture (no crossings)."""
    nodes = [f"{prefix}{x}-{y}" for x in range(side) for y in range(side)]
    edges = [(f"{prefix}{x}-{y}", f"{prefix}{x + 1}-{y}") for x in range(side - 1) for y in range(side)]
    edges += [(f"{prefix}{x}-{y}", f"{prefix}{x}-{y + 1}") for x in range(side) for y in range(side - 1)]
    return nodes, edges


def ecosystem(count: int = 300, seed: int = 3) -> tuple[list[str], list[tuple[str, str]]]:
    """A few clusters of members with their own ties, some ties across, and people on the side."""
    rng = random.Random(seed)
    nodes = [f"n{i}" for i in range(count)]
    edges = []
    for i in range(1, count):
        group = i % 6
        edges.append((f"n{i}", f"n{group}"))  # a member of its cluster
        if rng.random() < 0.5:
            edges.append((f"n{i}", f"n{rng.randrange(count)}"))
    return nodes, edges


def test_the_same_graph_gives_the_same_layout_whatever_the_order() -> None:
    nodes, edges = ecosystem()
    first = place(nodes, edges)
    assert place(nodes, edges) == first
    assert place(nodes[::-1], edges[::-1]) == first
    assert place(nodes, edges, seed=8) != first


def test_coordinates_are_finite_whole_numbers_within_bounds() -> None:
    nodes, edges = ecosystem(500)
    positions = place(
        [*nodes, "alone"], [*edges, ("n1", "n1"), ("n2", "unknown"), ("n3", "n4"), ("n3", "n4")]
    )
    assert set(positions) == {*nodes, "alone"}
    for x, y in positions.values():
        assert isinstance(x, int) and isinstance(y, int)
        assert abs(x) <= COORDINATE_LIMIT and abs(y) <= COORDINATE_LIMIT
    # Centred, and spaced as the page draws nodes: each about SPACING from its nearest neighbour.
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    assert abs(max(xs) + min(xs)) <= 2 and abs(max(ys) + min(ys)) <= 2
    nearest = sorted(
        min(math.dist(p, q) for m, q in positions.items() if m != n) for n, p in positions.items()
    )
    assert 0.8 * SPACING < nearest[len(nearest) // 2] < 1.25 * SPACING


@pytest.mark.parametrize(
    ("nodes", "edges"),
    [
        ([], []),
        (["a"], []),
        (["a"], [("a", "a")]),
        (["a", "b"], [("a", "b")]),
        (["a", "b", "c"], []),
        (["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")]),
        ([f"s{i}" for i in range(40)], [("s0", f"s{i}") for i in range(1, 40)]),  # a star
    ],
)
def test_small_and_degenerate_graphs_get_distinct_places(nodes: list[str], edges: list) -> None:
    positions = place(nodes, edges)
    assert set(positions) == set(nodes)
    assert len(set(positions.values())) == len(nodes)


def _box(positions: dict[str, tuple[int, int]], nodes: list[str]) -> tuple[int, int, int, int]:
    xs, ys = [positions[n][0] for n in nodes], [positions[n][1] for n in nodes]
    return min(xs), min(ys), max(xs), max(ys)


def test_connected_components_lie_apart() -> None:
    parts = [grid(6, "a"), grid(4, "b"), ecosystem(80, seed=5), (["lone1"], []), (["lone2"], [])]
    nodes = [n for part_nodes, _ in parts for n in part_nodes]
    prefixed = [(["e" + n for n in parts[2][0]], [("e" + a, "e" + b) for a, b in parts[2][1]])]
    parts[2] = prefixed[0]
    nodes = [n for part_nodes, _ in parts for n in part_nodes]
    positions = place(nodes, [e for _, part_edges in parts for e in part_edges])
    boxes = [_box(positions, part_nodes) for part_nodes, _ in parts]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart_x = a[2] + SPACING / 2 < b[0] or b[2] + SPACING / 2 < a[0]
            apart_y = a[3] + SPACING / 2 < b[1] or b[3] + SPACING / 2 < a[1]
            assert apart_x or apart_y, (a, b)


def test_a_grid_is_drawn_without_crossings() -> None:
    nodes, edges = grid(8)
    positions = place(nodes, edges)
    assert crossings(positions, edges) == 0
    assert stress(positions, edges) < 0.05


def test_the_layout_beats_random_places() -> None:
    nodes, edges = ecosystem(400)
    positions = place(nodes, edges)
    rng = random.Random(1)
    scattered = {n: (rng.uniform(-2000, 2000), rng.uniform(-2000, 2000)) for n in nodes}
    assert crossings(positions, edges) < 0.6 * crossings(scattered, edges)
    assert stress(positions, edges) < 0.8 * stress(scattered, edges)


# -- the measures ---------------------------------------------------------------------------


def test_crossings_count_edges_that_cross_and_not_those_that_meet() -> None:
    square = {"a": (0, 0), "b": (10, 0), "c": (10, 10), "d": (0, 10)}
    assert crossings(square, [("a", "c"), ("b", "d")]) == 1
    assert crossings(square, [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")]) == 0
    assert crossings(square, [("a", "c"), ("b", "d"), ("a", "c")]) == 1  # a repeat counts once


def test_a_sampled_count_of_crossings_is_close_to_the_exact_one() -> None:
    rng = random.Random(4)
    positions = {f"n{i}": (rng.random(), rng.random()) for i in range(200)}
    edges = [(f"n{rng.randrange(200)}", f"n{rng.randrange(200)}") for _ in range(600)]
    exact = crossings(positions, edges)
    estimate = crossings(positions, edges, sample=50_000)
    assert exact > 1000
    assert abs(estimate - exact) < 0.1 * exact


def test_stress_is_nothing_for_a_path_drawn_straight_at_any_scale() -> None:
    edges = [("a", "b"), ("b", "c"), ("c", "d")]
    straight = {"a": (0, 0), "b": (3, 0), "c": (6, 0), "d": (9, 0)}
    folded = {"a": (0, 0), "b": (3, 0), "c": (0, 0.1), "d": (3, 0.1)}
    assert stress(straight, edges) == pytest.approx(0, abs=1e-12)
    assert stress(folded, edges) > 0.1


# -- drawing --------------------------------------------------------------------------------


def large_graph(count: int = PLACED_ABOVE + 30) -> GraphData:
    nodes, edges = ecosystem(count)
    return GraphData(
        nodes={n: entity(n, "Company", f"Company {n}") for n in nodes},
        rels={f"r{i}": tie(f"r{i}", "RD_PARTNER", a, b) for i, (a, b) in enumerate(edges) if a != b},
    )


def _layout(page: str) -> dict | None:
    found = re.search(r'<script type="application/json" id="atlas-layout">(.*?)</script>', page, re.S)
    return json.loads(found.group(1)) if found else None


def test_a_large_graph_is_drawn_from_a_layout_computed_here_and_remembered() -> None:
    cache = LayoutCache()
    graph = large_graph()
    first = draw(graph, layouts=cache)
    assert first.placed and not first.remembered
    layout = _layout(first.html)
    assert layout is not None and layout["placed"] is True
    assert set(layout["positions"]) == set(graph.nodes)
    assert cache.get(first.layout) == {k: tuple(p) for k, p in layout["positions"].items()}
    again = draw(graph, layouts=cache)
    assert again.remembered and not again.placed
    assert _layout(again.html) == {"positions": layout["positions"]}
    assert again.identity == first.identity


def test_small_graphs_and_fixed_positions_keep_the_page_physics() -> None:
    small = GraphData(nodes={"a": entity("a", "Company", "A")}, rels={})
    assert not draw(small).placed and _layout(draw(small).html) is None
    assert draw(small, placed=True).placed
    graph = large_graph()
    assert not draw(graph, placed=False).placed
    assert not draw(graph, positions={"n1": (0.0, 0.0)}).placed
    assert not draw(graph, physics=False).placed
