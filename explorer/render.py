"""Graphs to one self-contained HTML page: vis-network inlined, data escaped, nothing fetched."""

from __future__ import annotations

import functools
import hashlib
import html
import importlib.util
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explorer import model
from explorer.i18n import evidence_name, kind_name, localized, status_name, t, type_phrase
from explorer.layouts import LayoutCache, layout_key
from explorer.model import Lang
from explorer.results import GraphData, GraphNode, GraphRel

__all__ = [
    "Drawing",
    "Highlight",
    "draw",
    "graph_document",
    "markdown_text",
    "render_graph",
    "script_json",
    "vis_options",
]


def _pyvis_dir() -> Path:
    """The installed pyvis package's folder (found without importing it)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or spec.origin is None:  # pragma: no cover - pyvis is a dependency
        raise RuntimeError("pyvis is not installed: run `make setup`")
    return Path(spec.origin).resolve().parent


#: vis-network as bundled in the pyvis wheel (inlined: no CDN, no bootstrap).
VIS_DIR = _pyvis_dir() / "lib" / "vis-9.1.2"
ASSETS = Path(__file__).resolve().parent / "assets"

#: Above this many nodes the layout favours speed: no improved layout, straight edges.
LARGE_GRAPH = 150
#: Edges get a text label when there are at most this many.
EDGE_LABELS_UP_TO = 40
LABEL_LENGTH = 32
TIP_VALUE_LENGTH = 240
HIGHLIGHT_COLOUR = "#facc15"

_NODE_SIZES = {
    "Cluster": 30,
    "Alliance": 28,
    "Initiative": 18,
    "Company": 20,
    "Institute": 20,
    "Person": 16,
    "City": 12,
    "Country": 16,
}
_DASHES: Mapping[str, Any] = {"active": False, "planned": [10, 6], "proposed": [2, 6]}
#: Properties shown elsewhere in a tooltip, or not meant for people.
_HIDDEN = {"id", "name", "kind", "source", "description", "code"}
#: Content-Security-Policy of the page: inline code only; no request can leave it.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
)


@dataclass(frozen=True)
class Highlight:
    """Nodes and relationships to stand out (a path, say); relationships by key or (from, type, to)."""

    nodes: frozenset[str] = field(default_factory=frozenset)
    rels: frozenset[str | tuple[str, str, str]] = field(default_factory=frozenset)

    @classmethod
    def of(cls, nodes: Iterable[str] = (), rels: Iterable[str | tuple[str, str, str]] = ()) -> Highlight:
        return cls(frozenset(nodes), frozenset(rels))

    def __bool__(self) -> bool:
        return bool(self.nodes or self.rels)

    def has_rel(self, rel: GraphRel) -> bool:
        if rel.key in self.rels or (rel.start, rel.type, rel.end) in self.rels:
            return True
        return rel.type in model.SYMMETRIC_TYPES and (rel.end, rel.type, rel.start) in self.rels


# -- escaping -----------------------------------------------------------------------------


def script_json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``</script>``, ``<!--`` or ``]]>`` can form."""
    text = json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&])")


def markdown_text(value: Any) -> str:
    """``value`` as literal text inside Streamlit Markdown: no markup, link, LaTeX or HTML."""
    text = "" if value is None else str(value)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _clip(text: str, length: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1] + "…"


# -- the data handed to vis-network --------------------------------------------------------


def _value_text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_value_text(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return _clip(str(value), TIP_VALUE_LENGTH)


def _country_label(code: Any, lang: Lang) -> str:
    return model.country_name(str(code), lang) if code else ""


def _extra_rows(props: Mapping[str, Any], lang: Lang, skip: set[str]) -> list[list[str]]:
    rows = []
    for key in sorted(props):
        if key in skip or key.endswith("_fr") or props[key] in (None, "", []):
            continue
        rows.append([key.replace("_", " "), _value_text(localized(props, key, lang))])
    return rows


def _source_text(source_id: Any, paragraph: Any, sources: Mapping[str, str], lang: Lang) -> str:
    if not source_id:
        return ""
    text = sources.get(str(source_id), str(source_id))
    if paragraph not in (None, ""):
        text += f", {t('tip.paragraph', lang, n=paragraph)}"
    return text


def node_tip(node: GraphNode, lang: Lang, sources: Mapping[str, str]) -> dict[str, Any]:
    props = node.properties
    country = props.get("country") or (props.get("code") if node.kind == "Country" else None)
    subtitle = " · ".join(x for x in (kind_name(node.kind, lang), _country_label(country, lang)) if x)
    rows: list[list[str]] = []
    description = localized(props, "description", lang)
    if description:
        rows.append(["", _value_text(description)])
    rows += _extra_rows(props, lang, _HIDDEN | {"country", "name_fr"})
    if props.get("source"):
        rows.append([t("tip.source", lang), _source_text(props.get("source"), None, sources, lang)])
    rows.append([t("tip.id", lang), node.key])
    return {
        "title": _value_text(localized(props, "name", lang) or node.name),
        "subtitle": subtitle,
        "rows": rows,
    }


def _node_item(
    node: GraphNode,
    *,
    lang: Lang,
    focus: str | None,
    highlight: Highlight,
    position: tuple[float, float] | None,
    label: str | None = None,
    sources: Mapping[str, str],
) -> dict[str, Any]:
    """A node as the page's script wants it; its look comes from the table of kinds."""
    item: dict[str, Any] = {
        "id": node.key,
        "label": label or _clip(localized(node.properties, "name", lang) or node.name, LABEL_LENGTH),
        "kind": node.kind if node.kind in model.KINDS else "",
        "tip": node_tip(node, lang, sources),
    }
    if node.key == focus:
        item["focus"] = True
    if node.key in highlight.nodes:
        item["lit"] = True
    elif highlight:
        item["dim"] = True
    if position is not None:
        item["x"], item["y"] = position
    return item


#: Relationship properties the tooltip shows in their own rows.
_EDGE_FIELDS = ("status", "evidence", "since", "note", "source", "paragraph")


def _edge_item(rel: GraphRel, *, lang: Lang, highlight: Highlight) -> dict[str, Any]:
    """A relationship in few bytes (a view may hold thousands): the look comes from the tables."""
    props = rel.properties
    item: dict[str, Any] = {
        "from": rel.start,
        "to": rel.end,
        "type": rel.type,
        "status": str(props.get("status") or model.DEFAULT_STATUS),
        "evidence": str(props.get("evidence") or model.DEFAULT_EVIDENCE),
    }
    for key in ("since", "source", "paragraph"):
        if props.get(key) not in (None, ""):
            item[key] = props[key] if isinstance(props[key], int) else _value_text(props[key])
    if props.get("note"):
        item["note"] = _value_text(localized(props, "note", lang))
    rows = _extra_rows(props, lang, set(_EDGE_FIELDS))
    if rows:
        item["rows"] = rows
    if highlight.has_rel(rel):
        item["lit"] = True
    elif highlight:
        item["dim"] = True
    return item


def _tables(lang: Lang, sources: Mapping[str, str]) -> dict[str, Any]:
    """How each kind, type, status and evidence is drawn and said, sent once for every item."""
    kinds = {
        k.label: {"shape": k.shape, "colour": k.colour, "size": _NODE_SIZES.get(k.label, 16)}
        for k in model.KINDS.values()
    }
    types = {
        r.name: {
            "colour": r.colour,
            "width": round(1 + 2.5 * r.strength, 2),
            "arrow": not r.symmetric,
            "phrase": type_phrase(r.name, lang),
        }
        for r in model.REL_TYPES.values()
    }
    statuses = {s: {"dashes": _DASHES.get(s, False), "name": status_name(s, lang)} for s in model.STATUSES}
    evidence = {
        e: {"opacity": 0.4 if e == "inferred" else 0.9, "name": evidence_name(e, lang)}
        for e in model.EVIDENCE
    }
    words = {key: t(f"tip.{key}", lang) for key in ("status", "evidence", "since", "source", "note")}
    words["paragraph"] = t("tip.paragraph", lang, n="{n}")
    return {
        "kinds": kinds,
        "types": types,
        "statuses": statuses,
        "evidence": evidence,
        "sources": dict(sources),
        "words": words,
        "highlight": HIGHLIGHT_COLOUR,
    }


def vis_options(nodes: int, edges: int, *, physics: bool = True) -> dict[str, Any]:
    """vis-network options: physics that settles in bounded time, then is switched off.

    Large views get no improved layout (quadratic), straight edges and fewer iterations;
    the page's script also stops the layout when the page is ``STABILIZE_SECONDS`` old.
    """
    large = nodes > LARGE_GRAPH
    iterations = 300 if not large else max(100, int(300 - 100 * math.log10(nodes / LARGE_GRAPH)))
    return {
        "autoResize": True,
        "layout": {"improvedLayout": not large, "randomSeed": 7},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -9000 if not large else -3000,
                "centralGravity": 0.3,
                "springLength": 130 if not large else 80,
                "springConstant": 0.04,
                "damping": 0.35 if not large else 0.5,
                "avoidOverlap": 0.1 if not large else 0,
                # Coarser far-field approximation: each step of a large layout costs half as much.
                "theta": 0.5 if not large else 1.0,
            },
            "minVelocity": 1.5,
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 10, "fit": True},
        },
        "edges": {
            "smooth": False if large or edges > 400 else {"type": "continuous", "roundness": 0.3},
            "selectionWidth": 2,
        },
        "nodes": {
            "font": {"face": "system-ui, -apple-system, 'Segoe UI', sans-serif"},
            "widthConstraint": {"maximum": 160},
            # In a large view, names appear once zoomed in enough to read them; in a small
            # one (fitted to its frame, often at half scale) whenever they are legible at all.
            "scaling": {
                "label": {"enabled": large, "min": 13, "max": 13, "drawThreshold": 10 if large else 5}
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 3_600_000,  # the page shows its own tooltips, built on demand
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": False,
            "navigationButtons": False,
        },
    }


#: Age of the page (seconds) at which the layout is stopped where it is, whatever is left.
STABILIZE_SECONDS = 3.0


def graph_document(
    graph: GraphData,
    *,
    lang: Lang = "en",
    focus: str | None = None,
    highlight: Highlight | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
    labels: Mapping[str, str] | None = None,
    sources: Mapping[str, str] | None = None,
    physics: bool = True,
) -> dict[str, Any]:
    """Everything the page's script needs, as plain data (tested without a browser)."""
    highlight = highlight or Highlight()
    positions = positions or {}
    sources = sources or {}
    drawn = {k: n for k, n in graph.nodes.items() if n.kind != "Source"}
    rels = [r for r in graph.rels.values() if r.start in drawn and r.end in drawn]
    nodes = [
        _node_item(
            n,
            lang=lang,
            focus=focus,
            highlight=highlight,
            position=positions.get(k),
            label=(labels or {}).get(k),
            sources=sources,
        )
        for k, n in drawn.items()
    ]
    used = {str(r.properties.get("source")) for r in rels if r.properties.get("source")}
    options = vis_options(len(nodes), len(rels), physics=physics)
    shown_focus = focus if focus in drawn else None
    return {
        "nodes": nodes,
        "edges": [_edge_item(r, lang=lang, highlight=highlight) for r in rels],
        "focus": shown_focus,
        "edgeLabels": len(rels) <= EDGE_LABELS_UP_TO,
        "options": options,
        "budget": STABILIZE_SECONDS * 1000,
        "layout": layout_key(
            ((k, n.kind) for k, n in drawn.items()),
            ((r.start, r.type, r.end) for r in rels),
            {
                "vis": options,
                "sizes": _NODE_SIZES,
                "budget": STABILIZE_SECONDS,
                "focus": shown_focus,
                "fixed": {k: list(p) for k, p in positions.items() if k in drawn},
            },
        ),
        "tables": _tables(lang, {k: v for k, v in sources.items() if k in used}),
        "text": {"busy": t("graph.busy", lang, n=len(nodes)), "fit": t("graph.fit", lang)},
    }


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
        VIS_DIR / "vis-network.min.js",
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
        f"<li>{_line_svg('#475569', _DASHES['planned'])}{esc(t('legend.planned', lang))}</li>",
        f"<li>{_line_svg('#475569', _DASHES['proposed'])}{esc(t('legend.proposed', lang))}</li>",
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
    return f'<details class="atlas-legend" open><summary>{summary}</summary><div>{body}</div></details>'


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
) -> Drawing:
    """The graph as one HTML page (see ``render_graph``), drawn from a remembered layout if
    ``layouts`` holds one for this graph: every node where it was, no physics, at once.

    Otherwise, once its physics has settled, the page tells the embedding page where the
    nodes are (``postMessage`` of ``{atlas: "layout", key, positions}``), to remember.
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
            f"<script>{_read(VIS_DIR / 'vis-network.min.js')}</script>",
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
