"""The layout computed on the server against the page's own physics, on one graph: the time it
takes, edge crossings and stress of both (and of nodes thrown at random), and both pictures side
by side in one PNG."""

from __future__ import annotations

import base64
import html
import random
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from benchmarks.common import median
from benchmarks.layout_quality import crossings, stress
from explorer.database.results import GraphData
from explorer.drawing import placement, render

__all__ = ["compare_layouts"]

#: The size of each picture in the side-by-side PNG.
PICTURE = {"width": 720, "height": 560}
#: Pairs of edges looked at to estimate crossings (the same pairs for every layout).
CROSSING_SAMPLE = 400_000


def _drawn(graph: GraphData) -> tuple[list[str], list[tuple[str, str]]]:
    nodes = [k for k, n in graph.nodes.items() if n.kind != "Source"]
    shown = set(nodes)
    return nodes, [(r.start, r.end) for r in graph.rels.values() if r.start in shown and r.end in shown]


def _open(browser: Any, page_html: str, path: Path) -> tuple[Any, Any, float]:
    """The page opened from disk, once settled (context, page, seconds)."""
    path.write_text(page_html, encoding="utf-8")
    context = browser.new_context(viewport=PICTURE)
    page = context.new_page()
    started = time.perf_counter()
    page.goto(path.as_uri())
    page.locator("body[data-settled=true]").wait_for(timeout=120_000)
    return context, page, time.perf_counter() - started


def _positions(page: Any) -> dict[str, tuple[float, float]]:
    found = page.evaluate("() => window.atlasNetwork.getPositions()")
    return {(k[1:] if k.startswith("\u0001") else k): (p["x"], p["y"]) for k, p in found.items()}


def _measures(positions: Mapping[str, tuple[float, float]], edges: list[tuple[str, str]]) -> dict[str, float]:
    return {
        "crossings": round(crossings(positions, edges, sample=CROSSING_SAMPLE)),
        "stress": round(stress(positions, edges), 4),
    }


def compare_layouts(
    browser: Any, graph: GraphData, sources: Mapping[str, str], work: Path, picture: Path, repeat: int = 5
) -> dict[str, Any]:
    """Lay ``graph`` out on the server and with the page's physics; measure both; save the picture."""
    nodes, edges = _drawn(graph)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        placed = placement.place(nodes, edges)
        timings.append(time.perf_counter() - started)
    shots: dict[str, bytes] = {}
    found: dict[str, Mapping[str, tuple[float, float]]] = {"server": placed}
    seconds: dict[str, float] = {}
    for name, server in (("server", True), ("physics", False)):
        page_html = render.draw(graph, sources=sources, placed=server).html
        context, page, seconds[name] = _open(browser, page_html, work / f"layout-{name}.html")
        try:
            if not server:
                found[name] = _positions(page)
            shots[name] = page.screenshot()
        finally:
            context.close()
    rng = random.Random(0)
    spread = max(max(abs(x), abs(y)) for x, y in placed.values()) or 1
    found["random"] = {n: (rng.uniform(-spread, spread), rng.uniform(-spread, spread)) for n in nodes}
    measures = {name: _measures(positions, edges) for name, positions in found.items()}
    _side_by_side(browser, shots, measures, len(nodes), len(edges), median(timings), picture)
    return {
        "nodes": len(nodes),
        "edges": len(edges),
        "server_seconds": timings,
        "page_seconds": seconds,
        "measures": measures,
        "picture": picture.name,
    }


def _side_by_side(
    browser: Any,
    shots: Mapping[str, bytes],
    measures: Mapping[str, Mapping[str, float]],
    nodes: int,
    edges: int,
    seconds: float,
    picture: Path,
) -> None:
    titles = {
        "server": f"Computed on the server ({seconds:.2f} s), drawn at once",
        "physics": "The page's physics (vis-network Barnes–Hut)",
    }
    cells = []
    for name in ("server", "physics"):
        data = base64.b64encode(shots[name]).decode()
        m = measures[name]
        cells.append(
            f"<figure><figcaption><b>{html.escape(titles[name])}</b><br>{m['crossings']:,} edge crossings "
            f"(estimated), stress {m['stress']:.3f}</figcaption>"
            f"<img src='data:image/png;base64,{data}'></figure>"
        )
    r = measures["random"]
    page = (
        "<!doctype html><meta charset='utf-8'><style>body{margin:8px;font:14px system-ui,sans-serif}"
        "main{display:flex;gap:8px}figure{margin:0;border:1px solid #cbd5e1}figcaption{padding:6px}"
        "img{display:block}</style>"
        f"<p>{nodes:,} entities, {edges:,} relationships; nodes at random: {r['crossings']:,} crossings, "
        f"stress {r['stress']:.3f}. Lower is better.</p><main>{''.join(cells)}</main>"
    )
    context = browser.new_context(viewport={"width": 2 * PICTURE["width"] + 40, "height": 200})
    try:
        view = context.new_page()
        view.set_content(page)
        picture.parent.mkdir(parents=True, exist_ok=True)
        view.screenshot(path=str(picture), full_page=True)
    finally:
        context.close()
