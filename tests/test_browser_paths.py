"""The /paths page in Debian's Chromium: a deep link draws the paths, nothing is fetched from outside."""

from __future__ import annotations

import pytest

from tests import test_browser as shared
from tests.test_browser import Visit, drawn_pixels

pytestmark = pytest.mark.browser

# The explorer's browser fixtures: a served explorer on the seeds, Chromium, one visit per test.
explorer, browser, visit = shared.explorer, shared.browser, shared.visit


def test_deep_link_draws_the_paths_with_the_best_one_highlighted(visit: Visit) -> None:
    page = visit.open("/paths?from=neuroservices&to=bio-japan")
    frame = visit.graph_frame()
    assert frame.evaluate("() => document.body.dataset.nodes") == "5"
    assert drawn_pixels(frame) > 2000
    page.get_by_text("5 paths from").wait_for(timeout=30_000)
    ask = "Through Bruno Buisson, your CEO, who sits on Biocom's board, ask Biocom, a partner of Bio Japan"
    page.get_by_text(ask).first.wait_for()
    assert "from=neuroservices" in page.url and "to=bio-japan" in page.url
    lit = frame.evaluate("() => window.atlasNetwork.body.data.edges.get().filter(e => e.width === 5).length")
    assert lit == 3
    visit.screenshot("paths")
    assert visit.outside_requests() == []
    assert visit.errors == []


def test_options_in_the_link_are_kept(visit: Visit) -> None:
    page = visit.open("/paths?from=neuroservices&to=bio-japan&k=2&avoid=bruno-buisson&lang=fr")
    visit.graph_frame()
    page.get_by_text("2 chemins de").wait_for(timeout=30_000)
    assert "avoid=bruno-buisson" in page.url and "k=2" in page.url
    visit.screenshot("paths-fr")


def lit_edges(frame) -> set[tuple[str, str]]:
    edges = frame.evaluate(
        "() => window.atlasNetwork.body.data.edges.get().filter(e => e.width === 5).map(e => [e.from, e.to])"
    )
    return {tuple(sorted(edge)) for edge in edges}


def test_a_card_picked_is_highlighted_and_kept_in_the_link(visit: Visit) -> None:
    page = visit.open("/paths?from=eurobiomed&to=bio-japan&path=3")
    frame = visit.graph_frame()
    assert lit_edges(frame) == {  # Eurobiomed through its board member Bruno Buisson's company
        ("bruno-buisson", "eurobiomed"),
        ("bruno-buisson", "neuroservices"),
        ("biocom", "neuroservices"),
        ("bio-japan", "biocom"),
    }
    page.get_by_role("button", name="Show on the graph").nth(1).click()  # card 2 (card 3 is shown)
    page.wait_for_url("**path=2**", timeout=30_000)
    page.get_by_text("path 2 is highlighted").wait_for(timeout=30_000)
    frame = visit.graph_frame()
    assert lit_edges(frame) == {("biocom", "eurobiomed"), ("bio-japan", "biocom")}
    assert visit.errors == []
