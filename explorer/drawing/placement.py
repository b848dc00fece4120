"""Graph layouts computed on the server: pivot MDS gives each component its shape, force-directed
steps spread it evenly, and the components are packed side by side, apart."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Sequence

import numpy as np

__all__ = ["SPACING", "adjacency", "components", "hops_from", "place"]

#: The distance from a node to its nearest neighbour, typically, in the drawing's units
#: (vis-network's, where a node is about 30 across).
SPACING = 50.0
#: Hops from this many pivots, chosen far apart, give a component its first shape.
PIVOTS = 24
#: Force-directed steps spreading that shape (each costs n² for n nodes: fewer for big components).
STEPS = 40
#: Work of the force-directed steps, in node pairs times steps, above which there are fewer steps.
STEP_BUDGET = 40 * 1000**2
#: The largest step of a node at first, as a share of the component's width (it then cools down).
HEAT = 0.1
#: Space between the boxes of separate components, in ``SPACING``.
GAP = 2.0


def adjacency(count: int, edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    """The neighbours of each of ``count`` nodes, from edges by index (loops and repeats dropped)."""
    near: list[set[int]] = [set() for _ in range(count)]
    for a, b in edges:
        if a != b:
            near[a].add(b)
            near[b].add(a)
    return [sorted(n) for n in near]


def components(near: Sequence[Sequence[int]]) -> list[list[int]]:
    """The connected components, largest first (between equals, the one with the smallest index)."""
    seen = [False] * len(near)
    found = []
    for start in range(len(near)):
        if seen[start]:
            continue
        seen[start] = True
        part, queue = [start], deque([start])
        while queue:
            for other in near[queue.popleft()]:
                if not seen[other]:
                    seen[other] = True
                    part.append(other)
                    queue.append(other)
        found.append(sorted(part))
    found.sort(key=lambda p: (-len(p), p[0]))
    return found


def hops_from(near: Sequence[Sequence[int]], source: int) -> list[int]:
    """The number of hops from ``source`` to every node (-1 where it cannot be reached)."""
    hops = [-1] * len(near)
    hops[source] = 0
    queue = deque([source])
    while queue:
        node = queue.popleft()
        step = hops[node] + 1
        for other in near[node]:
            if hops[other] < 0:
                hops[other] = step
                queue.append(other)
    return hops


def _edge_array(near: Sequence[Sequence[int]]) -> np.ndarray:
    pairs = [(a, b) for a, others in enumerate(near) for b in others if a < b]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def _pivot_mds(near: Sequence[Sequence[int]], edges: np.ndarray) -> np.ndarray:
    """A first shape of one connected component: classical MDS of the hops to a few pivots
    chosen far apart (Brandes and Pich, 2006), scaled so that an edge is about one unit long."""
    count = len(near)
    k = min(PIVOTS, count)
    hops = np.empty((count, k), dtype=np.float64)
    nearest = np.full(count, np.inf)
    pivot = max(range(count), key=lambda i: (len(near[i]), -i))  # the best connected node first
    for column in range(k):
        hops[:, column] = hops_from(near, pivot)
        nearest = np.minimum(nearest, hops[:, column])
        pivot = int(np.argmax(nearest))  # then the node farthest from the pivots so far
    squared = hops**2
    centred = -0.5 * (squared - squared.mean(axis=0) - squared.mean(axis=1, keepdims=True) + squared.mean())
    # Products by einsum rather than BLAS, whose threads crawl on a busy machine.
    _, vectors = np.linalg.eigh(np.einsum("ik,il->kl", centred, centred))
    shape = np.einsum("ik,kl->il", centred, vectors[:, ::-1][:, :2])
    lengths = np.linalg.norm(shape[edges[:, 0]] - shape[edges[:, 1]], axis=1)
    typical = float(np.median(lengths)) if len(lengths) else 0.0
    if not math.isfinite(typical) or typical < 1e-9:  # no shape to speak of (a star, say): a circle
        angles = np.linspace(0, 2 * math.pi, count, endpoint=False)
        return np.column_stack([np.cos(angles), np.sin(angles)]) * math.sqrt(count)
    return shape / typical


def _spread(shape: np.ndarray, edges: np.ndarray, steps: int, rng: np.random.Generator) -> np.ndarray:
    """Fruchterman–Reingold steps (ideal edge length 1) from ``shape``, with a cooling step size.

    Every pair of nodes repels (``1/d``), every edge pulls (``d²``); the pair sums are a few
    passes over n×n arrays of 32-bit floats (no BLAS: its threads crawl on a busy machine),
    about two milliseconds a step for 1,000 nodes.
    """
    count = len(shape)
    points = (shape + rng.normal(scale=0.01, size=shape.shape)).astype(np.float32)
    a, b = edges[:, 0], edges[:, 1]
    extent = float(np.ptp(points, axis=0).max())
    hot, cold = max(HEAT * extent, 1.0), 0.05
    dx = np.empty((count, count), dtype=np.float32)
    dy = np.empty_like(dx)
    weight = np.empty_like(dx)
    square = np.empty_like(dx)
    diagonal = np.arange(count)
    for step in range(steps):
        np.subtract(points[:, 0, None], points[None, :, 0], out=dx)
        np.subtract(points[:, 1, None], points[None, :, 1], out=dy)
        np.multiply(dx, dx, out=weight)
        np.multiply(dy, dy, out=square)
        weight += square
        weight += 1e-3  # two nodes in one place still push each other apart, finitely
        np.reciprocal(weight, out=weight)
        weight[diagonal, diagonal] = 0
        push = np.column_stack([np.einsum("ij,ij->i", dx, weight), np.einsum("ij,ij->i", dy, weight)])
        delta = points[b] - points[a]
        pull = delta * np.linalg.norm(delta, axis=1)[:, None]
        for axis in (0, 1):
            push[:, axis] += np.bincount(a, pull[:, axis], count) - np.bincount(b, pull[:, axis], count)
        length = np.linalg.norm(push, axis=1)
        heat = hot * (cold / hot) ** (step / max(1, steps - 1))
        points += push * (np.minimum(length, heat) / np.maximum(length, 1e-9))[:, None]
    return points.astype(np.float64)


def _nearest(points: np.ndarray) -> np.ndarray:
    """The distance from each point to its nearest other point."""
    found = np.empty(len(points))
    for start in range(0, len(points), 512):
        chunk = points[start : start + 512]
        d2 = ((chunk[:, None, :] - points[None, :, :]) ** 2).sum(axis=2)
        d2[np.arange(len(chunk)), np.arange(start, start + len(chunk))] = np.inf
        found[start : start + len(chunk)] = np.sqrt(d2.min(axis=1))
    return found


def _shape(near: Sequence[Sequence[int]], rng: np.random.Generator) -> np.ndarray:
    """The layout of one connected component, centred on its box, a node typically one unit
    from its nearest neighbour."""
    count = len(near)
    if count == 1:
        return np.zeros((1, 2))
    if count == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    edges = _edge_array(near)
    steps = min(STEPS, max(10, STEP_BUDGET // (count * count)))
    points = _spread(_pivot_mds(near, edges), edges, steps, rng)
    typical = float(np.median(_nearest(points)))
    if math.isfinite(typical) and typical > 1e-9:
        points = points / typical
    low, high = points.min(axis=0), points.max(axis=0)
    points = points - (low + high) / 2
    if high[0] - low[0] < high[1] - low[1]:  # lying down: wide frames show more of it
        points = points[:, ::-1].copy()
    return points


def _pack(shapes: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Shapes moved into rows, the largest first, their boxes ``GAP`` apart."""
    sizes = [
        (float(np.ptp(s[:, 0])) + GAP, float(np.ptp(s[:, 1])) + GAP) if len(s) else (GAP, GAP) for s in shapes
    ]
    width = max(max(w for w, _ in sizes), math.sqrt(sum(w * h for w, h in sizes)) * 1.4)
    placed, x, y, row = [], 0.0, 0.0, 0.0
    for shape, (w, h) in zip(shapes, sizes, strict=True):
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        placed.append(shape + np.array([x + w / 2, y + h / 2]))
        x, row = x + w, max(row, h)
    return placed


def place(
    nodes: Sequence[str], edges: Iterable[tuple[str, str]], *, seed: int = 7
) -> dict[str, tuple[int, int]]:
    """Where to draw each node, in whole drawing units, typically ``SPACING`` from its nearest neighbour.

    The same nodes and edges give the same layout whatever their order; edges naming nodes
    not given are ignored. Each connected component is laid out on its own (its shape from
    the hops between its nodes, then spread evenly by forces) and the components are packed
    in rows, the largest first, apart from each other; the whole is centred on (0, 0).
    """
    order = sorted(set(nodes))
    if not order:
        return {}
    index = {node: i for i, node in enumerate(order)}
    near = adjacency(len(order), ((index[a], index[b]) for a, b in edges if a in index and b in index))
    rng = np.random.default_rng(seed)
    parts = components(near)
    shapes = []
    for part in parts:
        local = {node: i for i, node in enumerate(part)}
        shapes.append(_shape([[local[o] for o in near[node]] for node in part], rng))
    points = np.zeros((len(order), 2))
    for part, shape in zip(parts, _pack(shapes), strict=True):
        points[part] = shape
    low, high = points.min(axis=0), points.max(axis=0)
    points = (points - (low + high) / 2) * SPACING
    return {node: (round(float(x)), round(float(y))) for node, (x, y) in zip(order, points, strict=True)}
