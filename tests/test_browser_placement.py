"""A large graph laid out on the server, in Chromium: drawn at once where the server put each
node, with no physics running and no layout reported back."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest

from explorer.database.results import GraphData
from explorer.drawing.layouts import LayoutCache
from explorer.drawing.render import PLACED_ABOVE, draw
from tests.builders import entity, tie

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():  # pragma: no cover - .ci/run installs it
    pytest.skip("Debian's chromium is not installed (see .ci/run)", allow_module_level=True)


@pytest.fixture(scope="module")
def chromium() -> Any:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


def ring_of_clusters(count: int = PLACED_ABOVE + 50) -> GraphData:
    """Companies in a ring, each a member of one of five clusters; ids every object has included."""
    ids = ["constructor", "__proto__", *(f"c{i}" for i in range(count - 7))]
    hubs = [f"hub{i}" for i in range(5)]
    nodes = {i: entity(i, "Company", f"Company {i}") for i in ids}
    nodes.update({h: entity(h, "Cluster", f"Cluster {h}") for h in hubs})
    rels = {f"m{n}": tie(f"m{n}", "MEMBER_OF", i, hubs[n % 5]) for n, i in enumerate(ids)}
    rels.update({f"p{n}": tie(f"p{n}", "RD_PARTNER", i, ids[n - 1]) for n, i in enumerate(ids)})
    return GraphData(nodes=nodes, rels=rels)


def test_a_layout_from_the_server_is_drawn_at_once_as_given(chromium, tmp_path) -> None:
    cache = LayoutCache()
    graph = ring_of_clusters()
    drawing = draw(graph, layouts=cache)
    assert drawing.placed
    placed = cache.get(drawing.layout)
    assert placed is not None
    host = tmp_path / "host.html"
    host.write_text(
        "<!doctype html><script>window.reports = [];"
        "addEventListener('message', e => window.reports.push(e.data));</script>"
        f'<iframe style="width:900px;height:600px" srcdoc="{html.escape(drawing.html)}"></iframe>',
        encoding="utf-8",
    )
    page = chromium.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(host.as_uri())
    frame = page.frame_locator("iframe")
    frame.locator("body[data-settled=true]").wait_for(timeout=30_000)
    assert frame.locator("body").get_attribute("data-layout") == "placed"
    inner = page.frames[1]
    assert inner.evaluate("() => window.atlasNetwork.physics.physicsEnabled") is False
    found = inner.evaluate("() => window.atlasNetwork.getPositions()")
    drawn = {
        (k[1:] if k.startswith("\u0001") else k): (round(p["x"]), round(p["y"])) for k, p in found.items()
    }
    assert drawn == placed  # a layout given is drawn as given: settled, with no layout to report
    assert [r for r in page.evaluate("() => window.reports") if r.get("atlas") == "layout"] == []
    assert errors == []
    page.close()
