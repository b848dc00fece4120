"""How fast the explorer is in headless Chromium: the home page on the seeds, and a 1,000-entity view.

- **Home page interactive**: from opening ``/`` to the page's title, search box and graph
  being there with the graph's physics settled, on the article's graph, served by
  ``explorer serve``. Baseline: a one-line Streamlit page (``st.title``) served the
  same way, opened the same way.
- **1,000-entity view settled**: from opening ``/?limit=1000`` on a generated ecosystem
  to the graph's physics having stabilised and been switched off, on a server that
  remembers no layout (``EXPLORER_LAYOUTS=0``): every visit computes the layout, as the
  first visit to a view does. Baseline: the same page with ``limit=10``.
- **Drawn again**: the same view on a server that remembers layouts (the default), once
  one reader has drawn it: every node where it was, no physics.
- The same views saved as standalone pages (``render_graph``) and opened from disk:
  the drawing alone, without the app around it.
- **Layouts compared**: the 1,000-entity view laid out on the server (as the explorer
  draws it) and by the page's own physics (as it did before): the server's time, edge
  crossings and stress of both, and both pictures side by side in
  ``results/view-layouts.png``.

Each measure opens a fresh browser context; the first visit after the server starts
(imports, first queries) is reported apart, then the median of the rest.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.common import RESULTS_DIR, Context, median, p95, ratio
from benchmarks.layout_compare import compare_layouts
from explorer.app.serving import stop, streamlit_command, wait_until_up
from explorer.drawing import render
from explorer.localdb.server import free_port
from explorer.resources import seeds_dir
from explorer.views import network

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TARGET_HOME = 3.0
TARGET_LARGE = 5.0
LARGE = 1000
#: Generated relationships giving comfortably more than 1,000 entities (about one per ten).
LARGE_DATASET = 15_000
#: The side-by-side picture of the two layouts, in ``benchmarks/results/``.
PICTURE = "view-layouts.png"
TARGET_RATIO = 1.3


def run(ctx: Context) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from explorer.loaders import load

    repeat = 3 if ctx.quick else 7
    load(ctx.driver, ctx.settings, [seeds_dir()])
    baseline_app = ctx.work / "baseline.py"
    baseline_app.write_text('import streamlit as st\n\nst.title("Baseline")\n', encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            with _server(ctx, _explorer_command, "explorer") as url:
                home_first = _time_page(browser, url + "/", _interactive)
                home = [_time_page(browser, url + "/", _interactive) for _ in range(repeat)]
            with _server(ctx, lambda port: _plain_streamlit(baseline_app, port), "baseline") as url:
                _time_page(browser, url + "/", _titled)
                trivial = [_time_page(browser, url + "/", _titled) for _ in range(repeat)]
            data = ctx.load_dataset(LARGE_DATASET)
            ctx.log(f"generated ecosystem: {data.nodes:,} entities, {data.relationships:,} relationships")
            # Layouts are not remembered here: every visit computes its layout, as the first
            # visit to a view does.
            with _server(ctx, _explorer_command, "explorer", EXPLORER_LAYOUTS="0") as url:
                _time_page(browser, url + f"/?limit={LARGE}", _settled)
                large = [_time_page(browser, url + f"/?limit={LARGE}", _settled) for _ in range(repeat)]
                small = [_time_page(browser, url + "/?limit=10", _settled) for _ in range(repeat)]
            # Layouts remembered (the default): one reader draws the view, everyone after sees it at once.
            with _server(ctx, _explorer_command, "explorer") as url:
                _time_page(browser, url + f"/?limit={LARGE}", _reported)
                again = [_time_page(browser, url + f"/?limit={LARGE}", _remembered) for _ in range(repeat)]
            drawn_large, edges_large, file_large = _standalone(ctx, browser, LARGE, repeat)
            _, _, file_small = _standalone(ctx, browser, 10, repeat)
            view = network.fetch_view(ctx.driver, ctx.settings, network.View(limit=LARGE))
            layouts = compare_layouts(browser, view.graph, view.sources, ctx.work, RESULTS_DIR / PICTURE)
        finally:
            browser.close()
    report = _report(
        home_first, home, trivial, large, small, again, file_large, file_small, drawn_large, edges_large
    )
    return _with_layouts(report, layouts)


# -- servers ------------------------------------------------------------------------------


def _explorer_command(port: int) -> list[str]:
    return [str(Path(sys.executable).with_name("explorer")), "serve", "--port", str(port)]


def _plain_streamlit(script: Path, port: int) -> list[str]:
    """The baseline app, run with exactly the explorer's Streamlit settings."""
    command = streamlit_command(port)
    command[command.index("explorer.app.launch")] = "streamlit"
    command[command.index("run") + 1] = str(script)
    return command


@contextmanager
def _server(ctx: Context, command: Callable[[int], list[str]], name: str, **env: str) -> Iterator[str]:
    port = free_port()
    log = ctx.work / f"{name}-{port}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command(port),
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**ctx.env, **env},
            cwd=ctx.work,
            stdin=subprocess.DEVNULL,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        if not wait_until_up(url + "/", process, timeout=240):
            raise RuntimeError(f"{name} did not start: {log.read_text(errors='replace')[-2000:]}")
        yield url
    finally:
        stop(process, timeout=30)


# -- what "ready" means -----------------------------------------------------------------------


def _titled(page: Any) -> None:
    page.locator("h1").first.wait_for(timeout=120_000)


def _settled(page: Any) -> None:
    page.frame_locator("iframe.atlas-frame").first.locator("body[data-settled=true]").wait_for(
        timeout=120_000
    )


def _reported(page: Any) -> None:
    """Settled, computed, and its layout handed to the server (the next rerun carries it)."""
    _settled(page)
    page.wait_for_timeout(2000)


def _remembered(page: Any) -> None:
    _settled(page)
    how = page.frame_locator("iframe.atlas-frame").first.locator("body").get_attribute("data-layout")
    if how != "remembered":
        raise RuntimeError(f"the view was drawn with a {how} layout, not the one remembered")


def _interactive(page: Any) -> None:
    _titled(page)
    page.get_by_role("textbox").first.wait_for(timeout=120_000)
    _settled(page)


def _time_page(browser: Any, url: str, ready: Callable[[Any], None]) -> float:
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url)
        ready(page)
        return time.perf_counter() - started
    finally:
        context.close()


def _standalone(ctx: Context, browser: Any, limit: int, repeat: int) -> tuple[int, int, list[float]]:
    """The view saved as one HTML file and opened from disk: the drawing alone."""
    view = network.fetch_view(ctx.driver, ctx.settings, network.View(limit=limit))
    path = ctx.work / f"view-{limit}.html"
    path.write_text(render.render_graph(view.graph, sources=view.sources), encoding="utf-8")
    seconds = []
    for _ in range(repeat + 1):
        context = browser.new_context(viewport={"width": 1500, "height": 1000})
        try:
            page = context.new_page()
            started = time.perf_counter()
            page.goto(path.as_uri())
            page.locator("body[data-settled=true]").wait_for(timeout=120_000)
            seconds.append(time.perf_counter() - started)
        finally:
            context.close()
    return view.shown, len(view.graph.rels), seconds[1:]


# -- the report ---------------------------------------------------------------------------------


def _report(
    home_first: float,
    home: list[float],
    trivial: list[float],
    large: list[float],
    small: list[float],
    again: list[float],
    file_large: list[float],
    file_small: list[float],
    drawn: int,
    edges: int,
) -> dict[str, Any]:
    h, b, lg, sm = median(home), median(trivial), median(large), median(small)
    fl, fs, ag = median(file_large), median(file_small), median(again)
    summary = [
        "| Measure | Median | p95 | Baseline (median) | Ratio |",
        "| --- | --- | --- | --- | --- |",
        f"| Home page interactive (seeds) | {h:.2f} s | {p95(home):.2f} s | trivial Streamlit page {b:.2f} s "
        f"| {ratio(h, b):.2f} |",
        f"| {drawn:,}-entity view settled ({edges:,} relationships) | {lg:.2f} s | {p95(large):.2f} s "
        f"| 10-entity view {sm:.2f} s | {ratio(lg, sm):.2f} |",
        f"| Same view, drawn again (layout remembered) | {ag:.2f} s | {p95(again):.2f} s "
        f"| 10-entity view {sm:.2f} s | {ratio(ag, sm):.2f} |",
        f"| Same view, standalone page from disk | {fl:.2f} s | {p95(file_large):.2f} s "
        f"| 10-entity page {fs:.2f} s | {ratio(fl, fs):.2f} |",
        "",
        f"First visit after the server started (imports, first queries): {home_first:.2f} s. "
        f"The app around a graph (the 10-entity view) takes {sm:.2f} s; the {drawn:,}-entity drawing "
        f"alone, {fl:.2f} s.",
    ]
    return {
        "summary": summary,
        "targets": [
            {
                "target": f"home page interactive < {TARGET_HOME:g} s",
                "met": h < TARGET_HOME,
                "detail": f"{h:.2f} s median ({ratio(h, b):.2f}× a trivial Streamlit page)",
            },
            {
                "target": f"{LARGE:,}-entity view settles < {TARGET_LARGE:g} s",
                "met": lg < TARGET_LARGE,
                "detail": f"{lg:.2f} s median the first time it is drawn ({ratio(lg, sm):.2f}× a 10-entity "
                f"view); {ag:.2f} s every later time ({ratio(ag, sm):.2f}×)",
            },
        ],
        "home": {"first": home_first, "samples": home, "baseline": trivial},
        "large": {
            "entities": drawn,
            "relationships": edges,
            "samples": large,
            "baseline": small,
            "remembered": again,
            "standalone": file_large,
            "standalone_baseline": file_small,
        },
        "environment": {"cpus": os.cpu_count()},
    }


def _with_layouts(report: dict[str, Any], layouts: dict[str, Any]) -> dict[str, Any]:
    """The report, with the comparison of the server's layout and the page's physics."""
    m = layouts["measures"]
    server, physics, scattered = m["server"], m["physics"], m["random"]
    seconds = median(layouts["server_seconds"])
    report["summary"] += [
        "",
        f"Layout of the {layouts['nodes']:,}-entity view ({layouts['edges']:,} relationships), "
        f"computed on the server in {seconds:.2f} s (median) and drawn at once, against the page's "
        f"physics as before (pictures side by side: `{layouts['picture']}`):",
        "",
        "| Layout | Edge crossings (estimated) | Stress |",
        "| --- | ---: | ---: |",
        f"| server (pivot MDS + force-directed) | {server['crossings']:,} | {server['stress']:.3f} |",
        f"| page physics (vis-network Barnes–Hut) | {physics['crossings']:,} | {physics['stress']:.3f} |",
        f"| nodes at random | {scattered['crossings']:,} | {scattered['stress']:.3f} |",
    ]
    large = report["large"]
    lg, sm = median(large["samples"]), median(large["baseline"])
    report["targets"].append(
        {
            "target": f"{LARGE:,}-entity view settles within {TARGET_RATIO:g}× the 10-entity view",
            "met": ratio(lg, sm) <= TARGET_RATIO,
            "detail": f"{ratio(lg, sm):.2f}× ({lg:.2f} s against {sm:.2f} s); "
            f"layout computed in {seconds:.2f} s",
        }
    )
    report["layouts"] = layouts
    return report
