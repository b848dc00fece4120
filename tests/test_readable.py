"""How the drawing reads, without a browser: distinct colours for colour-blind readers too,
names sized for the view, a legend that names everything drawn."""

from __future__ import annotations

import itertools
import math

import pytest

from explorer import model
from explorer.database.results import GraphData
from explorer.drawing.document import (
    LABEL_PX,
    LARGE_GRAPH,
    READABLE_UP_TO,
    Highlight,
    graph_document,
    label_px,
)
from explorer.drawing.render import legend_html
from tests.builders import entity, tie

#: Colour vision as simulated by Machado, Oliveira and Fernandes (2009), full severity.
VISION = {
    "typical": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
#: Two line colours closer than this (CIE76 distance in CIELAB) are too close to tell apart.
MIN_DISTANCE = 12.0


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _lab(colour: str, vision: str) -> tuple[float, float, float]:
    rgb = [_linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5)]
    seen = [min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in VISION[vision]]
    r, g, b = seen
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def two_entities() -> GraphData:
    graph = GraphData()
    graph.nodes["a"], graph.nodes["b"] = entity("a"), entity("b", "Cluster")
    graph.rels["r"] = tie("r", "MEMBER_OF", "a", "b")
    return graph


@pytest.mark.parametrize("vision", list(VISION))
def test_every_relationship_type_has_a_colour_of_its_own(vision: str) -> None:
    types = model.REL_TYPES.values()
    close = [
        (a.name, b.name, round(distance, 1))
        for a, b in itertools.combinations(types, 2)
        if (distance := math.dist(_lab(a.colour, vision), _lab(b.colour, vision))) < MIN_DISTANCE
    ]
    assert close == [], f"colours too close under {vision}"


def test_names_are_readable_up_to_a_hundred_entities_and_smaller_beyond() -> None:
    assert label_px(1) == label_px(READABLE_UP_TO) == LABEL_PX == 12
    assert LABEL_PX > label_px(200) > label_px(1000) > 0
    document = graph_document(two_entities())
    assert document["readable"]["px"] == 12
    assert document["readable"]["maxFont"] > document["readable"]["font"]
    large = GraphData()
    for i in range(LARGE_GRAPH + 1):
        large.nodes[f"n{i}"] = entity(f"n{i}")
    readable = graph_document(large)["readable"]
    assert readable["maxFont"] == readable["font"]  # an overview's names show once zoomed in


def test_the_legend_of_a_highlighted_path_names_the_highlight() -> None:
    graph = two_entities()
    legend = legend_html(graph, "en", Highlight.of(["a", "b"]))
    assert "highlighted" in legend.lower()
    assert "member of" in legend
    assert "highlighted" not in legend_html(graph, "en").lower()
    assert legend_html(GraphData(), "en").count("<li>") == 4  # statuses and evidence only
