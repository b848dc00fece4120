"""The network: filters, a search that focuses an entity, the drawing, its details and exports."""

from __future__ import annotations

import streamlit as st

from explorer import i18n, model
from explorer.app import shared, state
from explorer.app.adding import adding_bar
from explorer.app.changes import show_flash
from explorer.app.connection import facets, guard, open_page
from explorer.app.editing import edit_panel, retired_facts
from explorer.app.frame import graph
from explorer.app.state import Context
from explorer.app.widgets import entity_candidates, entity_details_panel, entity_search, export_buttons
from explorer.countries import country_name
from explorer.drawing.render import Drawing
from explorer.errors import AmbiguousEntity, UnknownEntity
from explorer.escaping import markdown_text
from explorer.model import Entity, FactDate, Moment
from explorer.resolve import Resolver
from explorer.views import network
from explorer.views.details import EntityDetails, entity_details
from explorer.views.network import View

KINDS, COUNTRIES, TYPES, STATUSES, EVIDENCE = (
    "net.kinds",
    "net.countries",
    "net.types",
    "net.statuses",
    "net.evidence",
)
LIMIT, DEPTH, FOCUS, SELECTED, LAST = "net.limit", "net.depth", "net.focus", "net.selected", "net.view"
RETIRED = "net.retired"
AS_OF, UNDATED = "net.as_of", "net.undated"
COUNTRIES_SHOWN = "net.countries_shown"


def arrive() -> list[str]:
    """On arriving at the page: the widgets take the URL's view, else the last one of this session."""
    if LIMIT in st.session_state:
        return []
    query = state.url_params()
    view, ignored = View.from_query(query) if query else (st.session_state.get(LAST, View()), [])
    f = view.filters
    state.seed_widgets(
        {
            KINDS: list(f.kinds),
            COUNTRIES: list(f.countries),
            TYPES: list(f.types),
            STATUSES: list(f.statuses),
            EVIDENCE: list(f.evidence),
            LIMIT: view.limit,
            DEPTH: view.depth,
            RETIRED: view.retired,
            COUNTRIES_SHOWN: view.countries_shown,
            AS_OF: view.moment.as_of.iso() if view.moment.as_of else "",
            UNDATED: view.moment.undated,
        }
    )
    st.session_state[FOCUS] = view.focus
    return ignored


def focus_on(entity_id: str | None) -> None:
    st.session_state[FOCUS] = entity_id
    st.session_state[SELECTED] = entity_id


def focus_entity(entity: Entity) -> None:
    focus_on(entity.id)


def select(entity_id: str) -> None:
    st.session_state[SELECTED] = entity_id


def forget(entity_id: str) -> None:
    """An entity retired from its panel leaves the view: the whole network is shown again."""
    if st.session_state.get(FOCUS) == entity_id:
        st.session_state[FOCUS] = None
    st.session_state[SELECTED] = None


def reset_filters() -> None:
    for key in (KINDS, COUNTRIES, TYPES, STATUSES, EVIDENCE):
        st.session_state[key] = []


def drawn(ctx: Context, view: View) -> tuple[network.ViewResult, Drawing]:
    """The view's entities and its page, shared by every reader of the same view of the same data
    (any write moves the data version on, and the view is read afresh); nothing of it is kept in
    the session. A layout remembered for this graph (by any reader) is drawn at once, without physics.
    """
    with guard():
        return shared.network_view(ctx, view)


def current_view() -> View:
    filters = network.Filters(
        *(tuple(st.session_state[k]) for k in (KINDS, COUNTRIES, TYPES, STATUSES, EVIDENCE))
    )
    return View(
        st.session_state.get(FOCUS),
        st.session_state[DEPTH],
        filters,
        st.session_state[LIMIT],
        retired=bool(st.session_state.get(RETIRED)),
        countries_shown=bool(st.session_state.get(COUNTRIES_SHOWN)),
        moment=Moment(as_of_typed(), undated=bool(st.session_state.get(UNDATED, True))),
    )


def as_of_typed() -> FactDate | None:
    """The date typed in the sidebar (``None`` when empty or not a date: the page says so)."""
    try:
        return FactDate.optional(st.session_state.get(AS_OF))
    except ValueError:
        return None


def sidebar(ctx: Context) -> None:
    """The filters."""
    lang = ctx.lang
    with st.sidebar:
        st.subheader(ctx.tr("network.filters"))
        everything = ctx.tr("network.all")
        st.multiselect(
            ctx.tr("network.kinds"),
            network.DRAWN_KINDS,
            key=KINDS,
            select_all=False,  # Streamlit's own "Select all" has no French
            placeholder=everything,
            format_func=lambda k: i18n.kind_name(k, lang),
        )
        countries = list(dict.fromkeys([*facets(ctx).countries, *st.session_state[COUNTRIES]]))
        st.multiselect(
            ctx.tr("network.countries"),
            countries,
            key=COUNTRIES,
            select_all=False,  # Streamlit's own "Select all" has no French
            placeholder=everything,
            format_func=lambda c: f"{country_name(c, lang)} ({c})",
        )
        st.multiselect(
            ctx.tr("network.types"),
            list(model.REL_TYPES),
            key=TYPES,
            select_all=False,  # Streamlit's own "Select all" has no French
            placeholder=everything,
            format_func=lambda r: i18n.type_phrase(r, lang),
        )
        st.multiselect(
            ctx.tr("network.statuses"),
            model.STATUSES,
            key=STATUSES,
            select_all=False,  # Streamlit's own "Select all" has no French
            placeholder=everything,
            format_func=lambda s: i18n.status_name(s, lang),
        )
        st.multiselect(
            ctx.tr("network.evidence"),
            model.EVIDENCE,
            key=EVIDENCE,
            select_all=False,  # Streamlit's own "Select all" has no French
            placeholder=everything,
            format_func=lambda e: i18n.evidence_name(e, lang),
        )
        st.number_input(
            ctx.tr("network.limit"),
            1,
            network.MAX_LIMIT,
            step=50,
            key=LIMIT,
            help=ctx.tr("network.limit.help"),
        )
        st.toggle(
            ctx.tr("network.countries_shown"),
            key=COUNTRIES_SHOWN,
            help=ctx.tr("network.countries_shown.help"),
        )
        st.toggle(ctx.tr("network.retired"), key=RETIRED, help=ctx.tr("network.retired.help"))
        st.text_input(ctx.tr("time.as_of"), key=AS_OF, placeholder="2015-03", help=ctx.tr("time.as_of.help"))
        if st.session_state.get(AS_OF) and as_of_typed() is None:
            st.warning(ctx.tr("time.as_of.bad", text=st.session_state[AS_OF]))
        st.toggle(ctx.tr("time.undated"), key=UNDATED, help=ctx.tr("time.undated.help"))
        st.button(ctx.tr("network.reset_filters"), on_click=reset_filters, icon=":material/filter_alt_off:")


def header(ctx: Context) -> None:
    """The title, the search, the depth and the way back to the whole network."""
    st.title(ctx.tr("network.title"))
    search, depth, whole = st.columns([3, 1.4, 1], vertical_alignment="bottom")
    with search:
        entity_search("net.search", on_pick=lambda entity: focus_on(entity.id))
    with depth:
        st.slider(ctx.tr("network.depth"), 1, network.MAX_DEPTH, key=DEPTH)
    with whole:
        st.button(
            ctx.tr("network.reset"),
            on_click=focus_on,
            args=(None,),
            disabled=not st.session_state.get(FOCUS),
            icon=":material/zoom_out_map:",
            width="stretch",
        )


def show_view(ctx: Context, view: View, result: network.ViewResult, page: Drawing) -> None:
    """What the view holds, the drawing, and the details of the entity picked."""
    if result.focus is not None:
        st.markdown(
            ctx.tr(
                "network.focus_on",
                name=markdown_text(result.focus.display(ctx.lang)),
                hops=i18n.count_of(view.depth, "hop", ctx.lang),
            )
        )
    if result.shown == 0:
        st.info(ctx.tr("network.nothing"))
        return
    rels = len(result.graph.rels)
    st.caption(ctx.tr("network.showing", shown=result.shown, total=result.total, rels=rels))
    if view.moment.as_of is not None:
        when = view.moment.as_of.as_of_words(ctx.lang)
        when = when[:1].upper() + when[1:]
        key = "time.showing" if view.moment.undated else "time.showing.hidden"
        st.caption(ctx.tr(key, when=when, undated=result.undated))
    if result.truncated:
        st.warning(
            ctx.tr("network.capped", shown=result.shown, total=result.total), icon=":material/filter_list:"
        )
    if result.rels_truncated:
        st.warning(ctx.tr("network.rels_capped", rels=rels))
    drawing, column = st.columns([2.3, 1])
    details: EntityDetails | None = None
    with column:  # first: the forms under the drawing need the entity's details
        st.markdown(f"#### {ctx.tr('details.title')}")
        shown = st.session_state.get(SELECTED) or view.focus
        if not shown:
            show_flash("network")
            st.info(ctx.tr("details.empty"))
        else:
            with guard(stop=False):
                details = entity_details(ctx.driver, ctx.settings, shown)
                entity_details_panel(details, on_focus=focus_on if shown != view.focus else None)
    with drawing:
        graph(page, key="net.graph", height=640, on_select=select, on_focus=focus_on)
        st.caption(ctx.tr("network.hint"))
        if details is not None:
            gone = details.entity.id
            edit_panel(details, on_gone=lambda: forget(gone))
    if view.retired:
        retired_facts(list(result.graph.nodes))
    with st.expander(ctx.tr("export.title"), icon=":material/download:"):
        title = result.focus.display(ctx.lang) if result.focus else ctx.tr("network.title")
        export_buttons(
            result.graph,
            name=f"cluster-atlas-{view.focus or 'network'}",
            title=title,
            caption=ctx.tr("network.showing", shown=result.shown, total=result.total, rels=rels),
            focus=view.focus,
            sources=result.sources,
        )


def resolve_focus(ctx: Context) -> bool:
    """The focus as an entity id (a link may give a name); when it matches no entity, or several,
    a notice says so with the closest as buttons, and ``False``."""
    given = st.session_state.get(FOCUS)
    if not given:
        return True
    with guard():
        try:
            entity = Resolver(ctx.driver, ctx.settings).entity(str(given))
        except (UnknownEntity, AmbiguousEntity) as error:
            entity_candidates("net.focus", str(given), error, focus_entity, what=ctx.tr("network.focus"))
            return False
    st.session_state[FOCUS] = entity.id
    return True


def main(ctx: Context) -> None:
    ignored = arrive()
    sidebar(ctx)
    header(ctx)
    adding_bar(on_added=focus_on, on_linked=select)
    if ignored:
        st.warning(ctx.tr("network.url_ignored", what=markdown_text(", ".join(ignored))))
    known = resolve_focus(ctx)
    view = current_view()
    st.session_state[LAST] = view
    state.set_url(view.to_query())
    shown = view if known else view.focused(None)  # the whole network, until a candidate is picked
    result, page = drawn(ctx, shown)
    show_view(ctx, shown, result, page)


main(open_page())
