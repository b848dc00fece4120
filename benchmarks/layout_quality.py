"""How readable a graph layout is: its edge crossings and its stress (drawn against graph distances)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from explorer.drawing.placement import adjacency, hops_from

__all__ = ["crossings", "stress"]


def _arrays(
    positions: Mapping[str, tuple[float, float]], edges: Iterable[tuple[str, str]]
) -> tuple[list[str], np.ndarray, list[tuple[int, int]]]:
    order = sorted(positions)
    index = {node: i for i, node in enumerate(order)}
    points = np.array([positions[n] for n in order], dtype=np.float64).reshape(-1, 2)
    pairs = {
        (min(index[a], index[b]), max(index[a], index[b]))
        for a, b in edges
        if a in index and b in index and a != b
    }
    return order, points, sorted(pairs)


def _orientation(p: np.ndarray, q: np.ndarray, r: np.ndarray) -> np.ndarray:
    return np.sign((q[:, 0] - p[:, 0]) * (r[:, 1] - p[:, 1]) - (q[:, 1] - p[:, 1]) * (r[:, 0] - p[:, 0]))


def crossings(
    positions: Mapping[str, tuple[float, float]],
    edges: Iterable[tuple[str, str]],
    *,
    sample: int = 400_000,
    seed: int = 0,
) -> float:
    """How many pairs of edges cross (edges sharing an end never count; repeats count once).

    Exact when there are at most ``sample`` pairs of edges; otherwise estimated from that many
    pairs drawn at random (the same ``seed``, the same estimate).
    """
    _, points, pairs = _arrays(positions, edges)
    m = len(pairs)
    total = m * (m - 1) // 2
    if total == 0:
        return 0.0
    ends = np.array(pairs, dtype=np.int64)
    if total <= sample:
        first, second = np.triu_indices(m, k=1)
    else:
        rng = np.random.default_rng(seed)
        first, second = rng.integers(0, m, size=(2, sample))
        keep = first != second
        first, second = first[keep], second[keep]
    e, f = ends[first], ends[second]
    apart = (e[:, 0] != f[:, 0]) & (e[:, 0] != f[:, 1]) & (e[:, 1] != f[:, 0]) & (e[:, 1] != f[:, 1])
    e, f = e[apart], f[apart]
    p1, p2, q1, q2 = points[e[:, 0]], points[e[:, 1]], points[f[:, 0]], points[f[:, 1]]
    crossed = (_orientation(p1, p2, q1) * _orientation(p1, p2, q2) < 0) & (
        _orientation(q1, q2, p1) * _orientation(q1, q2, p2) < 0
    )
    found = int(crossed.sum())
    return float(found) if total <= sample else found / len(first) * total


def stress(
    positions: Mapping[str, tuple[float, float]],
    edges: Iterable[tuple[str, str]],
    *,
    sources: int = 64,
    seed: int = 0,
) -> float:
    """Normalised stress: the mean of ``(s·drawn / hops − 1)²`` over pairs of connected nodes,
    with the scale ``s`` that fits best (so the layout's size does not matter); 0 is perfect.

    Pairs are those from up to ``sources`` nodes drawn at random (the same ``seed``, the same
    figure) to every node they reach.
    """
    order, points, pairs = _arrays(positions, edges)
    near = adjacency(len(order), pairs)
    rng = np.random.default_rng(seed)
    chosen: Sequence[int] = (
        range(len(order))
        if len(order) <= sources
        else sorted(rng.choice(len(order), size=sources, replace=False).tolist())
    )
    ratios = []
    for source in chosen:
        hops = np.array(hops_from(near, source), dtype=np.float64)
        reached = hops > 0
        drawn = np.linalg.norm(points[reached] - points[source], axis=1)
        ratios.append(drawn / hops[reached])
    if not ratios or not sum(len(r) for r in ratios):
        return 0.0
    ratio = np.concatenate(ratios)
    squares = float((ratio**2).sum())
    if squares == 0:
        return 1.0
    scale = float(ratio.sum()) / squares
    return float(((scale * ratio - 1) ** 2).mean())
