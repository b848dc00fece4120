"""A graph as the data its page draws: entities and ties with their looks and tooltips, in one
language, and the options of vis-network. Plain data, tested without a browser."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from explorer import countries, model
from explorer.database.results import GraphData
from explorer.drawing.layouts import layout_key
from explorer.escaping import clip
from explorer.i18n import (
    date_text,
    evidence_name,
    kind_name,
    localized,
    property_name,
    status_name,
    t,
    type_phrase,
)
from explorer.model import Entity, Lang, Tie

__all__ = [
    "DASHES",
    "HIGHLIGHT_COLOUR",
    "LABEL_PX",
    "LARGE_GRAPH",
    "READABLE_UP_TO",
    "STABILIZE_SECONDS",
    "Highlight",
    "graph_document",
    "label_px",
    "node_tip",
    "vis_options",
]

#: Above this many nodes the layout favours speed: no improved layout, straight edges.
LARGE_GRAPH = 150
#: Edges get a text label when there are at most this many.
EDGE_LABELS_UP_TO = 16
LABEL_LENGTH = 32
TIP_VALUE_LENGTH = 240
HIGHLIGHT_COLOUR = "#facc15"
#: Age of the page (seconds) at which the layout is stopped where it is, whatever is left.
STABILIZE_SECONDS = 3.0
#: Names are at least this high on screen (CSS pixels) once a view is fitted to its frame...
LABEL_PX = 12.0
#: ...in views of up to this many entities; larger views, overviews, get smaller names.
READABLE_UP_TO = 100
#: Names' size in drawing units at zoom 1, and how far they may grow to stay readable.
LABEL_FONT = 13.0
LABEL_GROWTH = 4.0
#: Names wrap at this width (drawing units at the names' base size).
LABEL_WIDTH = 160

_NODE_SIZES = {k.label: k.size for k in model.KINDS.values()}
DASHES: Mapping[str, Any] = {"active": False, "planned": [10, 6], "proposed": [2, 6]}
#: Properties shown elsewhere in a tooltip, or not meant for people.
_HIDDEN = {"id", "name", "kind", "source", "description", "code", *model.BOOKKEEPING}


def _changed_row(props: Mapping[str, Any], lang: Lang) -> list[list[str]]:
    """The last change of a fact, for its tooltip: "version 3, by eve, 2026-12-02"."""
    if not props.get("changed_at"):
        return []
    text = t(
        "tip.changed_text",
        lang,
        version=props.get("version") or 1,
        who=props.get("changed_by") or "?",
        at=date_text(props["changed_at"], lang),
    )
    return [[t("tip.changed", lang), _value_text(text)]]


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

    def has_rel(self, rel: Tie) -> bool:
        if rel.key in self.rels or rel.identity in self.rels:
            return True
        return rel.symmetric and (rel.end, rel.type, rel.start) in self.rels


# -- the data handed to vis-network --------------------------------------------------------


def _value_text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_value_text(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return clip(str(value), TIP_VALUE_LENGTH)


def _country_label(code: Any, lang: Lang) -> str:
    return countries.country_name(str(code), lang) if code else ""


def _extra_rows(props: Mapping[str, Any], lang: Lang, skip: set[str]) -> list[list[str]]:
    rows = []
    for key in sorted(props):
        if key in skip or key.endswith("_fr") or props[key] in (None, "", []):
            continue
        rows.append([property_name(key, lang), _value_text(localized(props, key, lang))])
    return rows


def _source_text(source_id: Any, paragraph: Any, sources: Mapping[str, str], lang: Lang) -> str:
    if not source_id:
        return ""
    text = sources.get(str(source_id), str(source_id))
    if paragraph not in (None, ""):
        text += f", {t('tip.paragraph', lang, n=paragraph)}"
    return text


def node_tip(node: Entity, lang: Lang, sources: Mapping[str, str]) -> dict[str, Any]:
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
    rows += _changed_row(props, lang)
    rows.append([t("tip.id", lang), node.id])
    return {
        "title": _value_text(localized(props, "name", lang) or node.name),
        "subtitle": subtitle,
        "rows": rows,
    }


def _node_item(
    node: Entity,
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
        "id": node.id,
        "label": label or clip(localized(node.properties, "name", lang) or node.name, LABEL_LENGTH),
        "kind": node.kind if node.kind in model.KINDS else "",
        "tip": node_tip(node, lang, sources),
    }
    if node.id == focus:
        item["focus"] = True
    if node.id in highlight.nodes:
        item["lit"] = True
    elif highlight:
        item["dim"] = True
    if position is not None:
        item["x"], item["y"] = position
    return item


#: Relationship properties the tooltip shows in their own rows.
_EDGE_FIELDS = ("status", "evidence", "since", "note", "source", "paragraph")


def _edge_item(rel: Tie, *, lang: Lang, highlight: Highlight) -> dict[str, Any]:
    """A relationship in few bytes (a view may hold thousands): the look comes from the tables."""
    props = rel.properties
    item: dict[str, Any] = {
        "from": rel.start,
        "to": rel.end,
        "type": rel.type,
        "status": rel.status,
        "evidence": rel.evidence,
    }
    for key in ("since", "source", "paragraph"):
        if props.get(key) not in (None, ""):
            item[key] = props[key] if isinstance(props[key], int) else _value_text(props[key])
    if props.get("note"):
        item["note"] = _value_text(localized(props, "note", lang))
    rows = _extra_rows(props, lang, set(_EDGE_FIELDS) | model.BOOKKEEPING) + _changed_row(props, lang)
    if rows:
        item["rows"] = rows
    if highlight.has_rel(rel):
        item["lit"] = True
    elif highlight:
        item["dim"] = True
    return item


def _tables(lang: Lang, sources: Mapping[str, str]) -> dict[str, Any]:
    """How each kind, type, status and evidence is drawn and said, sent once for every item."""
    kinds = {k.label: {"shape": k.shape, "colour": k.colour, "size": k.size} for k in model.KINDS.values()}
    types = {
        r.name: {
            "colour": r.colour,
            "width": round(1 + 2.5 * r.strength, 2),
            "arrow": not r.symmetric,
            "phrase": type_phrase(r.name, lang),
        }
        for r in model.REL_TYPES.values()
    }
    statuses = {s: {"dashes": DASHES.get(s, False), "name": status_name(s, lang)} for s in model.STATUSES}
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


def label_px(nodes: int) -> float:
    """How high names should be on screen once a view of ``nodes`` entities is fitted: 12 px
    up to ``READABLE_UP_TO`` entities, then less as the view grows (smaller names are drawn
    only when zoomed in enough: see ``vis_options``)."""
    if nodes <= READABLE_UP_TO:
        return LABEL_PX
    return round(LABEL_PX * math.sqrt(READABLE_UP_TO / nodes), 1)


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
            "widthConstraint": {"maximum": LABEL_WIDTH},
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
        "readable": {
            "px": label_px(len(nodes)),
            "font": LABEL_FONT,
            # Large views are overviews: their names show once zoomed in, at their own size.
            "maxFont": LABEL_FONT * (LABEL_GROWTH if len(nodes) <= LARGE_GRAPH else 1),
            "edgeFont": 10.0,
            "width": LABEL_WIDTH,
        },
        "text": {"busy": t("graph.busy", lang, n=len(nodes)), "fit": t("graph.fit", lang)},
    }
