"""The network: filters, a search that focuses an entity, the drawing, its details and exports."""

from __future__ import annotations

import time

import streamlit as st

from explorer import i18n, model, network
from explorer.app import common
from explorer.app.common import tr
from explorer.network import View
from explorer.render import Drawing, draw, markdown_text

KINDS, COUNTRIES, TYPES, STATUSES, EVIDENCE = (
    "net.kinds",
    "net.countries",
    "net.types",
    "net.statuses",
    "net.evidence",
)
LIMIT, DEPTH, FOCUS, SELECTED, LAST = "net.limit", "net.depth", "net.focus", "net.selected", "net.view"
DRAWN = "net.drawn"
#: Seconds a drawn view is reused while the reader clicks around it (then it is fetched afresh).
REUSE_SECONDS = 20.0


def arrive() -> list[str]:
    """On arriving at the page: the widgets take the URL's view, else the last one of this session."""
    if LIMIT in st.session_state:
        return []
    query = common.url_params()
    view, ignored = View.from_query(query) if query else (st.session_state.get(LAST, View()), [])
    f = view.filters
    common.seed_widgets(
        {
            KINDS: list(f.kinds),
            COUNTRIES: list(f.countries),
            TYPES: list(f.types),
            STATUSES: list(f.statuses),
            EVIDENCE: list(f.evidence),
            LIMIT: view.limit,
            DEPTH: view.depth,
        }
    )
    st.session_state[FOCUS] = view.focus
    return ignored


def focus_on(entity_id: str | None) -> None:
    st.session_state[FOCUS] = entity_id
    st.session_state[SELECTED] = entity_id


def select(entity_id: str) -> None:
    st.session_state[SELECTED] = entity_id


def reset_filters() -> None:
    for key in (KINDS, COUNTRIES, TYPES, STATUSES, EVIDENCE):
        st.session_state[key] = []


def drawn(view: View) -> tuple[network.ViewResult, Drawing]:
    """The view's entities and its page; kept while the reader clicks around an unchanged view.

    A layout remembered for this graph (by any reader) is drawn at once, without physics.
    """
    key = (view, lang, common.database_key(settings))
    kept = st.session_state.get(DRAWN)
    if kept and kept[0] == key and time.monotonic() - kept[1] < REUSE_SECONDS:
        return kept[2], kept[3]
    with common.guard():
        result = network.fetch_view(driver, settings, view)
    page = draw(result.graph, lang=lang, focus=view.focus, sources=result.sources, layouts=common.layouts())
    st.session_state[DRAWN] = (key, time.monotonic(), result, page)
    return result, page


def current_view() -> View:
    filters = network.Filters(
        *(tuple(st.session_state[k]) for k in (KINDS, COUNTRIES, TYPES, STATUSES, EVIDENCE))
    )
    return View(st.session_state.get(FOCUS), st.session_state[DEPTH], filters, st.session_state[LIMIT])


lang = common.lang()
driver, settings = common.connection_or_stop()
common.require_data(driver, settings)
ignored = arrive()

with st.sidebar:
    st.subheader(tr("network.filters"))
    everything = tr("network.all")
    st.multiselect(
        tr("network.kinds"),
        network.DRAWN_KINDS,
        key=KINDS,
        placeholder=everything,
        format_func=lambda k: i18n.kind_name(k, lang),
    )
    countries = list(
        dict.fromkeys([*common.facets(driver, settings).countries, *st.session_state[COUNTRIES]])
    )
    st.multiselect(
        tr("network.countries"),
        countries,
        key=COUNTRIES,
        placeholder=everything,
        format_func=lambda c: f"{model.country_name(c, lang)} ({c})",
    )
    st.multiselect(
        tr("network.types"),
        list(model.REL_TYPES),
        key=TYPES,
        placeholder=everything,
        format_func=lambda r: i18n.type_phrase(r, lang),
    )
    st.multiselect(
        tr("network.statuses"),
        model.STATUSES,
        key=STATUSES,
        placeholder=everything,
        format_func=lambda s: i18n.status_name(s, lang),
    )
    st.multiselect(
        tr("network.evidence"),
        model.EVIDENCE,
        key=EVIDENCE,
        placeholder=everything,
        format_func=lambda e: i18n.evidence_name(e, lang),
    )
    st.number_input(
        tr("network.limit"), 1, network.MAX_LIMIT, step=50, key=LIMIT, help=tr("network.limit.help")
    )
    st.button(tr("network.reset_filters"), on_click=reset_filters, icon=":material/filter_alt_off:")

st.title(tr("network.title"))
search, depth, whole = st.columns([3, 1.4, 1], vertical_alignment="bottom")
with search:
    common.entity_search("net.search", on_pick=lambda entity: focus_on(entity.id))
with depth:
    st.slider(tr("network.depth"), 1, network.MAX_DEPTH, key=DEPTH)
with whole:
    st.button(
        tr("network.reset"),
        on_click=focus_on,
        args=(None,),
        disabled=not st.session_state.get(FOCUS),
        icon=":material/zoom_out_map:",
        width="stretch",
    )

if ignored:
    st.warning(tr("network.url_ignored", what=markdown_text(", ".join(ignored))))
view = current_view()
st.session_state[LAST] = view
common.set_url(view.to_query())

result, page = drawn(view)

if result.focus is not None:
    focus_node = result.graph.nodes.get(result.focus.id)
    name = i18n.localized(focus_node.properties, "name", lang) if focus_node else result.focus.name
    st.markdown(tr("network.focus_on", name=markdown_text(name), depth=view.depth))
if result.shown == 0:
    st.info(tr("network.nothing"))
    st.stop()
st.caption(tr("network.showing", shown=result.shown, total=result.total, rels=len(result.graph.rels)))
if result.truncated:
    st.warning(tr("network.capped", shown=result.shown, total=result.total), icon=":material/filter_list:")
if result.rels_truncated:
    st.warning(tr("network.rels_capped", rels=len(result.graph.rels)))

drawing, details = st.columns([2.3, 1])
with drawing:
    common.graph(page, key="net.graph", height=640, on_select=select, on_focus=focus_on)
    st.caption(tr("network.hint"))
with details:
    st.markdown(f"#### {tr('details.title')}")
    shown = st.session_state.get(SELECTED) or view.focus
    if not shown:
        st.info(tr("details.empty"))
    else:
        with common.guard(stop=False):
            entity = network.entity_details(driver, settings, shown)
            common.entity_details_panel(entity, on_focus=focus_on if shown != view.focus else None)

with st.expander(tr("export.title"), icon=":material/download:"):
    title = result.focus.name if result.focus else tr("network.title")
    caption = tr("network.showing", shown=result.shown, total=result.total, rels=len(result.graph.rels))
    common.export_buttons(
        result.graph,
        name=f"cluster-atlas-{view.focus or 'network'}",
        title=title,
        caption=caption,
        focus=view.focus,
        sources=result.sources,
    )
