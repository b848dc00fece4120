"""Labels never overlap, at 20, 100 and 1,000 entities, measured in Chromium at 1440×1000 on the
drawn page: no two labels shown share a pixel, names shown are at least 12 px high and ties'
labels at least 11 px, the focus is always named, and zooming in shows more names, still apart."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from explorer.database.results import GraphData
from explorer.drawing.document import EDGE_LABEL_PX, LABEL_PX
from explorer.drawing.render import render_graph
from explorer.model import Entity, Tie
from tests import test_browser as shared

pytestmark = pytest.mark.browser

browser = shared.browser

KINDS = ("Company", "Institute", "Person", "Cluster")
WORDS = ("San Diego", "facilitator", "post", "Neuroservices", "Biocom", "Genopole", "institute", "board")


def ecosystem(entities: int, seed: int = 23) -> GraphData:
    """``entities`` entities with names of one to four words, about two ties each (a tree and
    some more), so that the best connected stand out."""
    draw = random.Random(seed)
    graph = GraphData()
    for i in range(entities):
        name = " ".join(draw.sample(WORDS, draw.randint(1, 4))) + f" {i}"
        graph.nodes[f"e{i}"] = Entity(f"e{i}", KINDS[i % len(KINDS)], name, country="FR")
    for i in range(1, entities):
        parent = f"e{draw.randrange(0, i)}" if draw.random() < 0.7 else f"e{draw.randrange(0, min(i, 5))}"
        tie = Tie("RD_PARTNER", parent, f"e{i}")
        graph.rels[tie.key] = tie
    for _ in range(entities // 2):
        a, b = draw.sample(range(entities), 2)
        tie = Tie("MEMBER_OF", f"e{a}", f"e{b}")
        graph.rels.setdefault(tie.key, tie)
    return graph


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda e: errors.append(str(e)))
    yield opened
    context.close()
    assert not errors


def drawn(page: Any, graph: GraphData, focus: str | None = None) -> None:
    page.set_content(render_graph(graph, focus=focus), wait_until="load")
    page.wait_for_function("() => document.body.getAttribute('data-fitted') !== null", timeout=120_000)
    page.wait_for_timeout(200)


def shown_labels(page: Any) -> list[dict[str, Any]]:
    return list(page.evaluate("() => window.atlasLabels()"))


def overlapping(boxes: list[dict[str, Any]]) -> int:
    pairs = 0
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if (
                a["left"] < b["right"]
                and b["left"] < a["right"]
                and a["top"] < b["bottom"]
                and b["top"] < a["bottom"]
            ):
                pairs += 1
    return pairs


def focus_named(page: Any, focus: str) -> bool:
    return bool(
        page.evaluate(
            """(id) => {
            const node = window.atlasNetwork.body.nodes[id];
            return window.atlasLabels().some(b => !b.tie
                && Math.abs((b.left + b.right) / 2 - window.atlasNetwork.canvasToDOM(node).x) < 3);
        }""",
            focus,
        )
    )


@pytest.mark.parametrize("entities", [20, 100, 1000])
def test_no_two_labels_shown_overlap_and_names_are_readable(page, entities):
    graph = ecosystem(entities)
    drawn(page, graph, focus="e7")
    boxes = shown_labels(page)
    names = [b for b in boxes if not b["tie"]]
    assert names, "no name shown at the fitted zoom"
    assert overlapping(boxes) == 0
    assert min(b["px"] for b in names) >= LABEL_PX - 0.1
    assert all(b["px"] >= EDGE_LABEL_PX - 0.1 for b in boxes if b["tie"])
    assert all(b["bottom"] - b["top"] >= LABEL_PX - 0.5 for b in names)
    assert focus_named(page, "e7")
    if entities >= 100:
        assert len(names) < entities  # some wait for the zoom
        page.evaluate("() => window.atlasNetwork.moveTo({scale: window.atlasNetwork.getScale() * 3})")
        page.wait_for_function(
            "(n) => document.body.getAttribute('data-labels-shown') !== n",
            arg=str(len(names)),
            timeout=10_000,
        )
        closer = shown_labels(page)
        assert overlapping(closer) == 0
        assert len([b for b in closer if not b["tie"]]) > len(names)


def test_the_ties_of_a_small_view_are_named_apart_from_the_names(page):
    drawn(page, ecosystem(8))
    boxes = shown_labels(page)
    assert any(b["tie"] for b in boxes)
    assert overlapping(boxes) == 0
