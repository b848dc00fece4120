"""The explorer in Debian's Chromium: drawn canvas, nothing fetched from outside, inert markup, deep links.

``explorer serve`` runs as users run it, on the session's database (emptied first, so that
it loads the seeds itself); a company whose name is markup is added afterwards. A
screenshot of each page is kept in ``tests/artifacts/``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from explorer.app.serving import stop, wait_until_up
from explorer.config import Settings
from explorer.loaders import load
from explorer.localdb.server import LocalDatabase, free_port
from tests.browsing import quiet
from tests.builders import MARKUP, SCRIPT, write_markup
from tests.conftest import ARTIFACTS, clear

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "about:", "blob:")

if not CHROMIUM.exists():  # pragma: no cover - .ci/run installs it
    pytest.skip("Debian's chromium is not installed (see .ci/run)", allow_module_level=True)


class Explorer:
    """A running ``explorer serve``: its address and what it printed."""

    def __init__(self, url: str, log: Path) -> None:
        self.url = url
        self.log = log

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def explorer(
    neo4j_server: LocalDatabase,
    driver: neo4j.Driver,
    settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Explorer]:
    clear(driver, settings)
    work = tmp_path_factory.mktemp("serve")
    port = free_port()
    log = work / "serve.log"
    command = [str(Path(sys.executable).with_name("explorer")), "serve", "--port", str(port)]
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, cwd=work, env=os.environ.copy()
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url, process, log)
        load(driver, settings, write_markup(work / "markup"))
        yield Explorer(url, log)
    finally:
        stop(process, timeout=30)


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 240) -> None:
    if not wait_until_up(url + "/", process, timeout=timeout):
        raise AssertionError(f"explorer serve did not answer: {log.read_text(errors='replace')}")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Visit:
    """One page in a fresh browser context, with every request and script error it caused."""

    def __init__(self, browser: Any, explorer: Explorer) -> None:
        self.context = browser.new_context(viewport={"width": 1500, "height": 1000})
        self.page = self.context.new_page()
        self.explorer = explorer
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, path: str) -> Any:
        self.page.goto(self.explorer.url + path)
        self.page.locator("h1").first.wait_for(timeout=60_000)
        return self.page

    def graph_frame(self) -> Any:
        """The graph's frame, once its physics has settled."""
        self.page.frame_locator("iframe.atlas-frame").first.locator("body[data-settled=true]").wait_for(
            timeout=60_000
        )
        return next(
            f for f in self.page.frames if f.parent_frame is not None and f.url in ("about:srcdoc", "")
        )

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        quiet(self.page)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(LOCAL)]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: Any, explorer: Explorer) -> Iterator[Visit]:
    opened = Visit(browser, explorer)
    yield opened
    opened.close()


def drawn_pixels(frame: Any) -> int:
    """How many pixels of the graph's canvas are not blank."""
    return int(
        frame.evaluate("""() => {
        const canvas = document.querySelector('#atlas-graph canvas');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 0; i < data.length; i += 4) {
            if (data[i + 3] > 0 && (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235)) inked++;
        }
        return inked;
    }""")
    )


def node_point(visit: Visit, frame: Any, node_id: str) -> tuple[float, float]:
    """Where a node is drawn, in page coordinates."""
    point = frame.evaluate(
        "(id) => window.atlasNetwork.canvasToDOM(window.atlasNetwork.getPositions([id])[id])", node_id
    )
    box = visit.page.locator("iframe.atlas-frame").first.bounding_box()
    return box["x"] + 1 + point["x"], box["y"] + 1 + point["y"]


def test_serve_loads_the_seeds_into_an_empty_database(explorer: Explorer) -> None:
    output = explorer.output()
    assert "The database is empty: loading the article's graph" in output
    assert f"{explorer.url}/" in output.splitlines()


def test_home_page_draws_the_network(visit: Visit) -> None:
    visit.open("/")
    frame = visit.graph_frame()
    assert frame.evaluate("() => document.body.dataset.nodes") == "17"  # countries left out
    assert drawn_pixels(frame) > 2000
    assert visit.page.get_by_text("Showing 17 of 17 entities").is_visible()
    visit.screenshot("network")
    assert visit.errors == []


def test_no_request_leaves_the_machine(visit: Visit) -> None:
    for path in ("/", "/?focus=neuroservices&depth=2", "/queries?name=pipeline", "/alliance"):
        visit.open(path)
        if path != "/queries?name=pipeline":
            visit.graph_frame()
        quiet(visit.page)
    assert visit.requests, "the pages were loaded"
    assert visit.outside_requests() == []


def test_markup_in_names_stays_inert(visit: Visit) -> None:
    visit.open("/?focus=evil-co&depth=1")
    frame = visit.graph_frame()
    x, y = node_point(visit, frame, "evil-co")
    visit.page.mouse.move(x, y)
    tooltip = frame.locator("div.atlas-tip")
    tooltip.wait_for(state="visible", timeout=60_000)
    assert MARKUP in tooltip.inner_text() and SCRIPT in tooltip.inner_text()
    assert tooltip.locator("img, script").count() == 0
    visit.page.get_by_role("heading", name=MARKUP).wait_for()  # the details panel shows it as text
    assert visit.page.locator("img[src='x']").count() == 0
    assert frame.evaluate("() => window.__pwned") is None
    assert visit.page.evaluate("() => window.__pwned") is None
    assert not [u for u in visit.requests if u.rstrip("/").endswith("/x")]  # no <img src=x> was ever made
    visit.screenshot("network-markup")


def test_deep_link_opens_the_focused_view(visit: Visit) -> None:
    visit.open("/?focus=bruno-buisson&depth=1")
    frame = visit.graph_frame()
    assert frame.evaluate("() => document.body.dataset.nodes") == "4"
    visit.page.get_by_role("heading", name="Bruno Buisson").wait_for()
    assert visit.page.get_by_text("Centred on Bruno Buisson, 1 hop around.").is_visible()
    visit.screenshot("network-focus")


def test_click_shows_details_and_double_click_focuses(visit: Visit) -> None:
    visit.open("/")
    frame = visit.graph_frame()
    x, y = node_point(visit, frame, "neuroservices")
    visit.page.mouse.click(x, y)
    visit.page.get_by_role("heading", name="Neuroservices").wait_for(timeout=60_000)
    visit.page.mouse.dblclick(x, y)
    visit.page.wait_for_url("**focus=neuroservices**", timeout=60_000)
    visit.page.get_by_text("Centred on Neuroservices").wait_for(timeout=60_000)


def test_saved_query_deep_link_runs_it(visit: Visit) -> None:
    page = visit.open("/queries?name=cluster_members&cluster=eurobiomed&status=any")
    page.get_by_text("3 rows in").wait_for(timeout=30_000)
    page.locator("[data-testid=stDataFrame]").wait_for(timeout=30_000)
    assert "name=cluster_members" in page.url and "cluster=eurobiomed" in page.url
    visit.screenshot("queries")


def test_alliance_page_shows_the_japanese_party(visit: Visit) -> None:
    page = visit.open("/alliance")
    frame = visit.graph_frame()
    assert drawn_pixels(frame) > 2000
    assert page.get_by_text("Bio Japan", exact=True).first.is_visible()
    assert page.get_by_text("Cluster · Japan").is_visible()
    positions = frame.evaluate(
        "() => window.atlasNetwork.getPositions(['biocom', 'eurobiomed', 'bio-japan'])"
    )
    assert positions["biocom"]["x"] < positions["eurobiomed"]["x"] < positions["bio-japan"]["x"]
    assert page.get_by_text("Language").is_visible()  # the entry script ran: one app, every page
    visit.screenshot("alliance")


def test_double_click_on_another_page_opens_the_network(visit: Visit) -> None:
    visit.open("/alliance")
    frame = visit.graph_frame()
    x, y = node_point(visit, frame, "bio-japan")
    visit.page.mouse.dblclick(x, y)
    visit.page.wait_for_url(visit.explorer.url + "/?focus=bio-japan&depth=1", timeout=30_000)
    visit.page.get_by_text("Centred on Bio Japan").wait_for(timeout=30_000)


def test_french_pages(visit: Visit) -> None:
    page = visit.open("/alliance?lang=fr")
    page.get_by_role("heading", name="Alliance États-Unis–France–Japon").wait_for()
    visit.graph_frame()
    visit.screenshot("alliance-fr")
    page = visit.open("/?lang=fr")
    page.get_by_role("heading", name="Le réseau").wait_for()
    assert "Légende" in visit.graph_frame().inner_text("body")


def test_export_downloads_an_offline_page(visit: Visit, tmp_path: Path) -> None:
    page = visit.open("/?focus=eurobiomed")
    visit.graph_frame()
    page.get_by_text("Export this view").click()
    button = page.get_by_role("button", name="Standalone page (HTML)")
    button.wait_for(state="visible", timeout=30_000)
    with page.expect_download(timeout=90_000) as download:
        button.click()
    saved = tmp_path / "view.html"
    download.value.save_as(saved)
    offline = visit.context.new_page()
    offline.route(
        "**/*",
        lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_(),
    )
    offline.goto(saved.as_uri())
    offline.locator("body[data-settled=true]").wait_for(timeout=30_000)
    assert offline.locator("h1").inner_text() == "Eurobiomed"


def test_a_view_drawn_once_is_drawn_where_it_was_for_the_next_reader(
    browser: Any, explorer: Explorer
) -> None:
    path = "/?focus=institut-paoli-calmettes&depth=2"  # a view no other test opens
    first = Visit(browser, explorer)
    try:
        first.open(path)
        frame = first.graph_frame()
        assert frame.evaluate("() => document.body.dataset.layout") == "computed"
        seen = frame.evaluate("() => window.atlasNetwork.getPositions()")
        quiet(first.page)  # the layout's report reaches the server with the next rerun
        assert first.errors == []
    finally:
        first.close()
    deadline = time.monotonic() + 30
    while True:
        second = Visit(browser, explorer)
        try:
            second.open(path)
            frame = second.graph_frame()
            how = frame.evaluate("() => document.body.dataset.layout")
            if how == "remembered":
                again = frame.evaluate("() => window.atlasNetwork.getPositions()")
                assert again.keys() == seen.keys()
                for node, point in seen.items():
                    assert abs(again[node]["x"] - point["x"]) <= 1 and abs(again[node]["y"] - point["y"]) <= 1
                assert frame.evaluate("() => window.atlasNetwork.physics.physicsEnabled") is False
                assert drawn_pixels(frame) > 2000
                assert second.errors == []
                break
            assert how == "computed" and time.monotonic() < deadline, "the layout was never remembered"
        finally:
            second.close()


def test_the_wheel_scrolls_the_page_and_zooms_the_graph_only_with_ctrl_or_after_a_click(visit: Visit) -> None:
    visit.page.set_viewport_size({"width": 1280, "height": 720})
    visit.open("/")
    frame = visit.graph_frame()
    graph = visit.page.locator("iframe.atlas-frame").first
    box = graph.bounding_box()
    scale = frame.evaluate("() => window.atlasNetwork.getScale()")
    visit.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 40)
    visit.page.mouse.wheel(0, 300)
    visit.page.wait_for_timeout(600)
    moved = graph.bounding_box()
    assert moved["y"] < box["y"] - 100  # the page scrolled
    assert frame.evaluate("() => window.atlasNetwork.getScale()") == scale
    assert frame.locator(".atlas-zoom-hint").is_visible()  # and it says how to zoom
    inside = max(moved["y"], 120) + 40  # below the page's own header
    visit.page.mouse.move(moved["x"] + moved["width"] / 2, inside)
    visit.page.keyboard.down("Control")
    visit.page.mouse.wheel(0, -200)
    visit.page.keyboard.up("Control")
    visit.page.wait_for_timeout(300)
    zoomed = frame.evaluate("() => window.atlasNetwork.getScale()")
    assert zoomed > scale * 1.2
    assert graph.bounding_box()["y"] == moved["y"]  # the page stayed where it was
    visit.page.mouse.click(moved["x"] + 8, inside)  # in the margin, where no entity is drawn
    visit.page.mouse.wheel(0, 200)
    visit.page.wait_for_timeout(300)
    assert frame.evaluate("() => window.atlasNetwork.getScale()") < zoomed / 1.2
    assert graph.bounding_box()["y"] == moved["y"]
    assert frame.evaluate("() => window.atlasZooming()")
    legend = "to zoom, hold Ctrl (⌘ on a Mac) or click into the graph first"
    assert visit.page.get_by_text(legend).count() + frame.get_by_text(legend).count() >= 1
    assert visit.errors == []
