"""The k cheapest loopless paths within a number of hops: Yen's algorithm over an A* search.

Pure Python over an adjacency mapping (``node -> {neighbour: cost}``, costs >= 0),
so it is tested without a database. networkx's ``shortest_simple_paths`` enumerates
the same paths in the same order but cannot bound the number of hops, and it needs
a graph object; here the spur searches are label-setting A* searches on
``(node, hops)`` states, which stay exact under a hop bound, and may be guided by a
lower bound on the cost left to the target.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["Route", "k_cheapest_paths"]

N = TypeVar("N", bound=Hashable)

Adjacency = Mapping[N, Mapping[N, float]]
#: ``may_leave(node, hops)``: whether a path that reached ``node`` after ``hops`` hops may
#: go on from it (places, for example, are only endpoints). With ``last_step`` set, such a
#: node may still step onto the target (a city onto its country).
MayLeave = Callable[[N, int], bool]
#: A lower bound on the cost from a node to the target (0 everywhere is always right).
Heuristic = Callable[[N], float]
#: A lower bound on the hops from a node to the target.
HopsLeft = Callable[[N], int]


@dataclass(frozen=True, slots=True)
class Route(Generic[N]):
    """A path as a list of nodes and its total cost."""

    cost: float
    nodes: tuple[N, ...]

    @property
    def hops(self) -> int:
        return len(self.nodes) - 1


def _always(_node: object, _hops: int) -> bool:
    return True


def _zero(_node: object) -> float:
    return 0.0


@dataclass(frozen=True, slots=True)
class _Rules(Generic[N]):
    """What every search of one ranking shares: the graph, the target, the hop bound and the
    rules of passage (see ``MayLeave``, ``Heuristic``, ``HopsLeft``)."""

    adj: Adjacency[N]
    target: N
    max_hops: int
    heuristic: Heuristic[N]
    may_leave: MayLeave[N]
    last_step: bool
    hops_left: HopsLeft[N] | None


def _search(
    rules: _Rules[N],
    start: N,
    start_hops: int,
    banned_nodes: set[N],
    banned_edges: set[tuple[N, N]],
    limit: float = math.inf,
) -> Route[N] | None:
    """The cheapest path from ``start`` to the target using at most ``max_hops - start_hops``
    hops and costing at most ``limit`` (``None`` if there is none).

    States are ``(node, hops)``; a state is skipped when a state of the same node with no
    more hops and no more cost was already expanded (so the heuristic need only never
    overestimate). A node that may not be left (see ``MayLeave``) is a dead end, or
    with ``last_step`` may only step onto the target.
    """
    adj, target, max_hops, heuristic = rules.adj, rules.target, rules.max_hops, rules.heuristic
    may_leave, last_step, hops_left = rules.may_leave, rules.last_step, rules.hops_left
    expanded: dict[N, list[tuple[int, float]]] = {}
    parents: list[tuple[N, int]] = []  # (node, index of the parent state or -1)
    counter = 0
    push, pop, inf = heapq.heappush, heapq.heappop, math.inf
    heap: list[tuple[float, float, int, int, N, int]] = [
        (heuristic(start), 0.0, start_hops, counter, start, -1)
    ]
    while heap:
        _f, cost, hops, _c, node, parent = pop(heap)
        states = expanded.get(node)
        if states is not None and any(h <= hops and c <= cost for h, c in states):
            continue
        expanded.setdefault(node, []).append((hops, cost))
        parents.append((node, parent))
        here = len(parents) - 1
        if node == target:
            return _route(parents, here, cost)
        if hops >= max_hops:
            continue
        ties = adj.get(node, {})
        if hops > 0 and not may_leave(node, hops):
            ties = {target: ties[target]} if last_step and target in ties else {}
        step = hops + 1
        for other, weight in ties.items():
            total = cost + weight
            if total > limit or other in banned_nodes:
                continue
            if other != target and (
                step == max_hops or (hops_left is not None and step + hops_left(other) > max_hops)
            ):
                continue
            seen = expanded.get(other)
            if seen is not None and any(h <= step and c <= total for h, c in seen):
                continue
            if banned_edges and (node, other) in banned_edges:
                continue
            estimate = heuristic(other)
            if total + estimate > limit or (estimate == inf and other != target):
                continue
            counter += 1
            push(heap, (total + estimate, total, step, counter, other, here))
    return None


def _route(parents: list[tuple[N, int]], index: int, cost: float) -> Route[N]:
    """The path that ends at state ``index``, read back through its parents."""
    nodes: list[N] = []
    while index >= 0:
        nodes.append(parents[index][0])
        index = parents[index][1]
    return Route(cost, tuple(reversed(nodes)))


#: Tolerance on cost limits, so that paths of equal cost are never cut by rounding.
_SLACK = 1e-9


def _nth_cost(candidates: list[tuple[float, tuple[str, ...], Route[N]]], n: int) -> float:
    """The cost of the n-th cheapest candidate (infinite when there are fewer)."""
    if len(candidates) < n:
        return math.inf
    return heapq.nsmallest(n, candidates)[-1][0]


def k_cheapest_paths(
    adj: Adjacency[N],
    source: N,
    target: N,
    k: int,
    max_hops: int,
    *,
    heuristic: Heuristic[N] = _zero,
    may_leave: MayLeave[N] = _always,
    limit: float = math.inf,
    last_step: bool = False,
    hops_left: HopsLeft[N] | None = None,
    check: Callable[[], None] | None = None,
) -> list[Route[N]]:
    """Up to ``k`` loopless paths from ``source`` to ``target``, cheapest first (``check`` is
    called before each search, and may raise to stop the ranking: a time limit).

    Yen's algorithm: each next path deviates from an earlier one at a spur node,
    with the earlier paths' next edges and the root's nodes removed. Paths have at
    most ``max_hops`` hops and cost at most ``limit``; ``may_leave`` and ``last_step``
    say which nodes a path may go through (see ``MayLeave``). ``heuristic`` must never
    overestimate the cost left, and ``hops_left`` the hops left.
    """
    if k < 1 or source == target or max_hops < 1:
        return []
    rules = _Rules(adj, target, max_hops, heuristic, may_leave, last_step, hops_left)
    first = _search(rules, source, 0, set(), set(), limit)
    if first is None:
        return []
    found: list[Route[N]] = [first]
    seen: set[tuple[N, ...]] = {first.nodes}
    candidates: list[tuple[float, tuple[str, ...], Route[N]]] = []
    while len(found) < k:
        for route in _deviations(rules, found, candidates, k, limit, check):
            if route.nodes not in seen:
                seen.add(route.nodes)
                heapq.heappush(candidates, (route.cost, tuple(map(str, route.nodes)), route))
        if not candidates:
            break
        found.append(heapq.heappop(candidates)[2])
    return found


def _deviations(
    rules: _Rules[N],
    found: list[Route[N]],
    candidates: list[tuple[float, tuple[str, ...], Route[N]]],
    k: int,
    limit: float,
    check: Callable[[], None] | None,
) -> Iterator[Route[N]]:
    """The paths that leave the last path found at one of its nodes (the spur), with the
    earlier paths' next edges from the same root and the root's own nodes removed."""
    previous = found[-1].nodes
    root_cost = 0.0
    for i in range(len(previous) - 1):
        spur = previous[i]
        root = previous[: i + 1]
        if i > 0:
            root_cost += rules.adj[previous[i - 1]][spur]
        if i > 0 and not rules.may_leave(spur, i):
            continue
        banned_edges = {
            (p.nodes[i], p.nodes[i + 1]) for p in found if len(p.nodes) > i + 1 and p.nodes[: i + 1] == root
        }
        if check is not None:
            check()
        # A deviation costlier than the candidates already enough to finish is useless.
        cap = min(limit, _nth_cost(candidates, k - len(found))) - root_cost + _SLACK
        tail = _search(rules, spur, i, set(root[:-1]), banned_edges, cap)
        if tail is not None:
            yield Route(root_cost + tail.cost, root[:-1] + tail.nodes)
