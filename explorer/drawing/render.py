"""Graphs to one self-contained HTML page: vis-network inlined, data escaped, nothing fetched."""

from __future__ import annotations

import functools
import hashlib
import html
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explorer import model
from explorer.database.results import GraphData
from explorer.drawing import placement
from explorer.drawing.document import DASHES, HIGHLIGHT_COLOUR, LARGE_GRAPH, Highlight, graph_document
from explorer.drawing.layouts import LayoutCache
from explorer.escaping import script_json
from explorer.i18n import kind_name, t, type_phrase
from explorer.model import Lang

__all__ = [
    "ASSETS",
    "CSP",
    "PLACED_ABOVE",
    "VIS_NETWORK",
    "Drawing",
    "draw",
    "legend_html",
    "preload",
    "render_graph",
]


ASSETS = Path(__file__).resolve().parent / "assets"
#: vis-network 9.1.2 (dual Apache-2.0/MIT licence, its header kept), the file pyvis 0.3.2 ships:
#: inlined in every page (no CDN, no bootstrap).
VIS_NETWORK = ASSETS / "vis-network.min.js"
#: Content-Security-Policy of the page: inline code only; no request can leave it.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
)
#: Graphs of more nodes than this are laid out by the server (``placement.place``), not by the
#: page's physics: the page draws them at once.
PLACED_ABOVE = LARGE_GRAPH


# -- the page ------------------------------------------------------------------------------


@functools.cache
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


_SHAPES = {
    "dot": '<circle cx="8" cy="8" r="6"/>',
    "square": '<rect x="2" y="2" width="12" height="12"/>',
    "box": '<rect x="1" y="3" width="14" height="10" rx="2"/>',
    "triangle": '<polygon points="8,1 15,14 1,14"/>',
    "triangleDown": '<polygon points="1,2 15,2 8,15"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
    "hexagon": '<polygon points="4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8"/>',
    "star": '<polygon points="8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6"/>',
}


def preload() -> None:
    """Read vis-network and the page's script and style once (the first render is then quicker)."""
    for path in (
        VIS_NETWORK,
        ASSETS / "graph.css",
        ASSETS / "graph.js",
    ):
        _read(path)


def _shape_svg(shape: str, colour: str) -> str:
    body = _SHAPES.get(shape, _SHAPES["dot"])
    fill = html.escape(colour)
    return f'<svg width="16" height="16" viewBox="0 0 16 16" fill="{fill}" aria-hidden="true">{body}</svg>'


def _line_svg(colour: str, dashes: Any, opacity: float = 1.0) -> str:
    dash = f' stroke-dasharray="{dashes[0]} {dashes[1]}"' if dashes else ""
    return (
        f'<svg width="30" height="10" viewBox="0 0 30 10" aria-hidden="true"><line x1="1" y1="5" x2="29" '
        f'y2="5" stroke="{html.escape(colour)}" stroke-width="3" stroke-opacity="{opacity}"{dash}/></svg>'
    )


def legend_html(graph: GraphData, lang: Lang = "en", highlight: Highlight | None = None) -> str:
    """The legend of the kinds and relationship types present, and of statuses and evidence."""
    kinds = [k for k in model.KINDS if any(n.kind == k for n in graph.nodes.values()) and k != "Source"]
    types = [r for r in model.REL_TYPES if any(x.type == r for x in graph.rels.values())]
    esc = html.escape
    rows = [
        f"<li>{_shape_svg(model.KINDS[k].shape, model.KINDS[k].colour)}{esc(kind_name(k, lang))}</li>"
        for k in kinds
    ]
    lines = [
        f"<li>{_line_svg(model.REL_TYPES[r].colour, False)}{esc(type_phrase(r, lang))}</li>" for r in types
    ]
    styles = [
        f"<li>{_line_svg('#475569', False)}{esc(t('legend.active', lang))}</li>",
        f"<li>{_line_svg('#475569', DASHES['planned'])}{esc(t('legend.planned', lang))}</li>",
        f"<li>{_line_svg('#475569', DASHES['proposed'])}{esc(t('legend.proposed', lang))}</li>",
        f"<li>{_line_svg('#475569', False, 0.35)}{esc(t('legend.inferred', lang))}</li>",
    ]
    if highlight:
        styles.append(f"<li>{_line_svg(HIGHLIGHT_COLOUR, False)}{esc(t('legend.highlight', lang))}</li>")
    sections = [
        (t("legend.kinds", lang), rows),
        (t("legend.types", lang), lines),
        (t("legend.status", lang), styles),
    ]
    body = "".join(
        f"<section><h4>{esc(title)}</h4><ul>{''.join(items)}</ul></section>"
        for title, items in sections
        if items
    )
    summary = esc(t("legend.title", lang))
    zoom = f'<p class="atlas-legend-zoom">{esc(t("legend.zoom", lang))}</p>'
    return f'<details class="atlas-legend" open><summary>{summary}</summary><div>{body}</div>{zoom}</details>'


@dataclass(frozen=True)
class Drawing:
    """A graph page for the app's frame, and what ties it to its layout."""

    html: str
    #: Digest of the page without its remembered layout: the same when only the layout became known.
    identity: str
    #: Digest of what decides the layout (``layouts.layout_key``): a layout reported is kept under it.
    layout: str
    #: The ids of the nodes drawn (a reported layout must place exactly these).
    nodes: frozenset[str]
    #: Whether the page draws a remembered layout (no physics) rather than computing one.
    remembered: bool = False
    #: Whether the page draws a layout the server computed just now (no physics).
    placed: bool = False


#: The element holding a remembered layout; the page's script reads it if present.
_LAYOUT_OPEN = '<script type="application/json" id="atlas-layout">'


def draw(
    graph: GraphData,
    *,
    lang: Lang = "en",
    focus: str | None = None,
    highlight: Highlight | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
    labels: Mapping[str, str] | None = None,
    sources: Mapping[str, str] | None = None,
    title: str | None = None,
    caption: str | None = None,
    legend: bool = True,
    physics: bool = True,
    layouts: LayoutCache | None = None,
    placed: bool | None = None,
) -> Drawing:
    """The graph as one HTML page (see ``render_graph``), drawn from a remembered layout if
    ``layouts`` holds one for this graph: every node where it was, no physics, at once.

    Otherwise a graph of more than ``PLACED_ABOVE`` nodes without fixed ``positions`` (or any
    graph with ``placed=True``; none with ``placed=False``) is laid out here and drawn at once
    too, its layout remembered in ``layouts``. Any other graph is laid out by the page's
    physics; once settled, the page tells the embedding page where the nodes are
    (``postMessage`` of ``{atlas: "layout", key, positions}``), to remember.
    """
    document = graph_document(
        graph,
        lang=lang,
        focus=focus,
        highlight=highlight,
        positions=positions,
        labels=labels,
        sources=sources,
        physics=physics,
    )
    remembered = layouts.get(document["layout"]) if layouts is not None and physics else None
    computed: dict[str, tuple[int, int]] | None = None
    if placed is None:
        placed = len(document["nodes"]) > PLACED_ABOVE
    if not remembered and placed and physics and not positions and document["nodes"]:
        edges = [(e["from"], e["to"]) for e in document["edges"]]
        computed = placement.place([n["id"] for n in document["nodes"]], edges)
        if layouts is not None:
            layouts.remember(document["layout"], computed)
    esc = html.escape
    header = ""
    if title or caption:
        header = (
            '<header class="atlas-header">'
            + (f"<h1>{esc(title)}</h1>" if title else "")
            + (f"<p>{esc(caption)}</p>" if caption else "")
            + "</header>"
        )
    head = "".join(
        [
            f'<!DOCTYPE html><html lang="{esc(lang)}"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(title or t('app.title', lang))}</title>",
            f"<style>{_read(ASSETS / 'graph.css')}</style>",
            f"<script>{_read(VIS_NETWORK)}</script>",
            "</head><body>",
            header,
            '<main class="atlas-main"><div id="atlas-graph" role="img" ',
            f'aria-label="{esc(title or t("app.title", lang))}"></div>',
            '<button type="button" class="atlas-fit" id="atlas-fit">⤢</button>',
            "</main>",
            legend_html(graph, lang, highlight) if legend else "",
            f'<script type="application/json" id="atlas-data">{script_json(document)}</script>',
        ]
    )
    layout = ""
    if remembered:
        points = {k: list(p) for k, p in remembered.items()}
        layout = f"{_LAYOUT_OPEN}{script_json({'positions': points})}</script>"
    elif computed:
        points = {k: list(p) for k, p in computed.items()}
        layout = f"{_LAYOUT_OPEN}{script_json({'positions': points, 'placed': True})}</script>"
    tail = f"<script>{_read(ASSETS / 'graph.js')}</script></body></html>"
    identity = hashlib.sha256()
    identity.update(head.encode())
    identity.update(tail.encode())
    return Drawing(
        html=head + layout + tail,
        identity=identity.hexdigest()[:16],
        layout=document["layout"],
        nodes=frozenset(n["id"] for n in document["nodes"]),
        remembered=bool(remembered),
        placed=bool(computed),
    )


def render_graph(graph: GraphData, **options: Any) -> str:
    """The graph as one HTML page: works offline, in an iframe or saved to a file
    (``draw(graph, **options).html``; the options are those of ``draw``).

    Names and properties from the data reach the page only as JSON inside a
    ``<script type="application/json">`` element and are put on screen with
    ``textContent`` (never ``innerHTML``); a Content-Security-Policy forbids any
    request to another place. Double-clicking a node tells the embedding page
    (``postMessage``) which entity to focus on; clicking one, which to show.
    With ``layouts``, a layout remembered for this graph is drawn at once (see ``draw``).
    """
    return draw(graph, **options).html
