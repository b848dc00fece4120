"""The graph frame: a page from ``render.draw`` in a sandboxed frame, with clicks and layouts coming back."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from explorer.app.state import tr
from explorer.config import load_settings
from explorer.drawing.layouts import LAYOUTS_FOLDER, LayoutCache, parse_report
from explorer.drawing.render import ASSETS, Drawing
from explorer.errors import ExplorerError, InvalidInput

__all__ = ["Graph", "graph", "layouts"]

_FRAME = st.components.v2.component("cluster_atlas.graph", js=(ASSETS / "frame.js").read_text("utf-8"))
#: The layouts of the graphs this reader was shown (key -> node ids): a report must name one of them.
DRAWN_KEY = "atlas.drawn"
#: How many drawn graphs a session keeps for checking layout reports.
DRAWN_KEPT = 16


@st.cache_resource(show_spinner=False)
def _layouts(size: int, folder: Path | None) -> LayoutCache:
    return LayoutCache(size, folder=folder)


def layouts() -> LayoutCache:
    """The layouts remembered by this process, shared by every reader (``EXPLORER_LAYOUTS`` of them),
    and kept under ``EXPLORER_HOME`` for the next start."""
    try:
        settings = load_settings()
    except ExplorerError:
        return _layouts(0, None)
    return _layouts(settings.layouts, settings.home / LAYOUTS_FOLDER)


@dataclass(frozen=True)
class Graph:
    """What the reader did in the graph during this rerun."""

    select: str | None = None
    focus: str | None = None


def _drawn(drawing: Drawing) -> None:
    """Note that this reader is shown ``drawing`` (so that its layout report is believed)."""
    if not drawing.layout or drawing.remembered or drawing.placed:
        return
    drawn: dict[str, frozenset[str]] = st.session_state.setdefault(DRAWN_KEY, {})
    drawn.pop(drawing.layout, None)
    drawn[drawing.layout] = drawing.nodes
    while len(drawn) > DRAWN_KEPT:
        drawn.pop(next(iter(drawn)))


def _remember(key: str) -> None:
    """Keep the layout a graph page reported, if it is one of a graph drawn for this reader."""
    report = (st.session_state.get(key) or {}).get("layout")
    try:
        layout, positions = parse_report(report, st.session_state.get(DRAWN_KEY, {}))
    except InvalidInput:
        return  # not a layout of a graph drawn here: nothing to keep
    layouts().remember(layout, positions)


def graph(
    drawing: Drawing | str,
    *,
    key: str,
    height: int = 620,
    on_select: Callable[[str], None] | None = None,
    on_focus: Callable[[str], None] | None = None,
) -> Graph:
    """Show a page from ``render.draw`` in a sandboxed frame; clicks come back as callbacks.

    Once its physics has settled, the page reports its layout, which is remembered for
    every later drawing of the same graph (``render.draw(..., layouts=frame.layouts())``).
    The frame keeps what it shows while only the remembered layout differs.
    """
    if isinstance(drawing, str):
        digest = hashlib.sha256(drawing.encode()).hexdigest()[:16]
        drawing = Drawing(html=drawing, identity=digest, layout="", nodes=frozenset())

    def event(name: str, handler: Callable[[str], None] | None) -> Callable[[], None]:
        def call() -> None:
            value = (st.session_state.get(key) or {}).get(name)
            if handler is not None and isinstance(value, str):
                handler(value)

        return call

    _drawn(drawing)
    result = _FRAME(
        key=key,
        data={
            "html": drawing.html,
            "digest": drawing.identity,
            "layout": drawing.layout,
            "height": height,
            "title": tr("app.title"),
        },
        height=height + 4,
        on_select_change=event("select", on_select),
        on_focus_change=event("focus", on_focus),
        on_layout_change=lambda: _remember(key),
    )
    return Graph(select=getattr(result, "select", None), focus=getattr(result, "focus", None))
