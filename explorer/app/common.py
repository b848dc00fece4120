"""What every page shares: the language, one driver, error banners, entity search, the graph frame."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import neo4j
import streamlit as st

from explorer import export, i18n, network
from explorer.config import Settings, load_settings
from explorer.db import connect, translated
from explorer.errors import ExplorerError, InvalidInput
from explorer.layouts import LayoutCache, parse_report
from explorer.model import SYMMETRIC_TYPES, Lang, country_name
from explorer.render import ASSETS, Drawing, markdown_text
from explorer.results import GraphData
from explorer.search import Entity, find_entities

__all__ = [
    "Graph",
    "connection",
    "connection_or_stop",
    "database_key",
    "entity_details_panel",
    "entity_search",
    "error_banner",
    "export_buttons",
    "graph",
    "guard",
    "lang",
    "language_switch",
    "layouts",
    "open_in_network",
    "page",
    "register_pages",
    "require_data",
    "seed_widgets",
    "set_url",
    "tr",
    "url_params",
]

LANG_KEY = "atlas.lang"
#: Problems that end a page: the database cannot be used at all (a Retry button follows).
_UNAVAILABLE = ("unreachable", "auth")
PAGES_KEY = "atlas.pages"


# -- language -----------------------------------------------------------------------------


def lang() -> Lang:
    """The language chosen in the sidebar (or by ``?lang=fr`` when the session began)."""
    value = st.session_state.get(LANG_KEY)
    return value if value in i18n.LANGS else "en"


def tr(key: str, **values: Any) -> str:
    """The message ``key`` in the current language."""
    return i18n.t(key, lang(), **values)


def language_switch() -> None:
    """The English/French switch, in the sidebar; the choice goes into the URL (``lang=fr``)."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = i18n.parse_lang(st.query_params.get("lang"))
    st.sidebar.segmented_control(
        i18n.t("app.language", lang()),
        i18n.LANGS,
        key=LANG_KEY,
        format_func=lambda code: i18n.LANGUAGE_NAMES[code],
        selection_mode="single",
        required=True,
    )


# -- the URL ------------------------------------------------------------------------------


def url_params() -> dict[str, str]:
    """The page's URL parameters (the language left out)."""
    return {k: st.query_params[k] for k in st.query_params if k != "lang"}


def set_url(params: Mapping[str, str]) -> None:
    """Put the view's state in the URL (so that it can be shared), with the language if not English."""
    wanted = {k: str(v) for k, v in params.items() if v not in (None, "")}
    if lang() != "en":
        wanted["lang"] = lang()
    current = {k: st.query_params[k] for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def seed_widgets(values: Mapping[str, Any]) -> None:
    """Give widgets their first values (from the URL or the last view) unless they already have one."""
    for key, value in values.items():
        if key not in st.session_state:
            st.session_state[key] = value


# -- the database ---------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=4)
def _driver(key: tuple[str, ...], _settings: Settings) -> neo4j.Driver:
    """One driver per database and credentials, shared by every session of the process.

    It is cached only once it answered: a driver that could not connect is never kept,
    so the next rerun tries again and the app recovers when the database comes back.
    ``key`` (the address and credentials) picks the driver; ``_settings`` is not hashed.
    """
    driver = connect(_settings)
    try:
        with translated(_settings):
            driver.verify_connectivity()
    except BaseException:
        driver.close()
        raise
    return driver


def database_key(settings: Settings) -> tuple[str, ...]:
    """Which database and credentials ``settings`` name (the password only as a digest)."""
    secret = hashlib.sha256(settings.password.encode()).hexdigest()
    return (str(settings.uri), settings.username, secret, str(settings.database))


def connection() -> tuple[neo4j.Driver, Settings]:
    """The shared driver and the settings; read afresh each rerun (a restarted database is found)."""
    settings = load_settings()
    return _driver(database_key(settings), settings), settings


def connection_or_stop() -> tuple[neo4j.Driver, Settings]:
    """``connection()``, or a banner saying what to do and the end of this rerun."""
    try:
        return connection()
    except ExplorerError as error:
        error_banner(error)
        st.stop()


def error_banner(error: ExplorerError, *, retry_key: str | None = "retry") -> None:
    """An error as a banner: what went wrong, the detail, and what to do next; never a traceback."""
    kind = i18n.problem_key(error)
    settings_timeout = _timeout()
    title = tr(f"error.{kind}")
    next_key = f"error.{kind}.next"
    lines = [f"**{title}**", markdown_text(error.message)]
    if next_key in i18n.MESSAGES:
        lines.append(tr(next_key, seconds=settings_timeout))
    elif error.hint:
        lines.append(markdown_text(error.hint))
    st.error("\n\n".join(lines), icon=":material/error:")
    if retry_key and kind in _UNAVAILABLE:
        st.button(tr("error.retry"), key=retry_key, icon=":material/refresh:")


def _timeout() -> float:
    try:
        return load_settings().ui_timeout
    except ExplorerError:
        return 15.0


@contextlib.contextmanager
def guard(*, stop: bool = True) -> Iterator[None]:
    """Show an ``ExplorerError`` raised inside as a banner, then stop the page.

    With ``stop=False`` the page goes on after a banner, unless the database itself is
    out of reach: then nothing else on the page could work (and one banner is enough).
    """
    try:
        yield
    except ExplorerError as error:
        error_banner(error)
        if stop or i18n.problem_key(error) in _UNAVAILABLE:
            st.stop()


def require_data(driver: neo4j.Driver, settings: Settings) -> None:
    """Stop the page with a banner when the database holds no entity yet."""
    with guard():
        empty = network.entity_count(driver, settings) == 0
    if empty:
        st.warning(f"**{tr('error.empty')}**\n\n{tr('error.empty.next')}", icon=":material/database:")
        st.button(tr("error.retry"), key="retry-empty", icon=":material/refresh:")
        st.stop()


@st.cache_data(ttl=60, show_spinner=False)
def _facets(key: tuple[str, ...], _driver: neo4j.Driver, _settings: Settings) -> network.Facets:
    return network.facets(_driver, _settings)


def facets(driver: neo4j.Driver, settings: Settings) -> network.Facets:
    """The countries present (cached for a minute)."""
    return _facets(database_key(settings), driver, settings)


# -- widgets ------------------------------------------------------------------------------


def _entity_label(entity: Entity) -> str:
    country = f", {country_name(entity.country, lang())}" if entity.country else ""
    return f"{entity.name} — {i18n.kind_name(entity.kind, lang())}{country} ({entity.id})"


def entity_search(key: str, on_pick: Callable[[Entity], None], *, label: str | None = None) -> None:
    """A search box over entity names (case and accents ignored) and the list of matches.

    Picking a match calls ``on_pick`` with it (before the rerun that follows).
    """
    text = st.text_input(label or tr("search.label"), key=f"{key}.text", placeholder=tr("search.placeholder"))
    if not text.strip():
        return
    driver, settings = connection()
    with guard(stop=False):
        hits = find_entities(driver, settings, text, limit=20)
        if not hits:
            st.caption(tr("search.none", text=markdown_text(text)))
            return
        pick = f"{key}.pick"

        def picked() -> None:
            chosen = st.session_state.get(pick)
            if isinstance(chosen, Entity):
                on_pick(chosen)

        st.selectbox(
            tr("search.pick"),
            hits,
            index=None,
            key=pick,
            format_func=_entity_label,
            placeholder=tr("search.pick.placeholder"),
            on_change=picked,
        )


# -- the graph frame ------------------------------------------------------------------------

_FRAME = st.components.v2.component("cluster_atlas.graph", js=(ASSETS / "frame.js").read_text("utf-8"))
#: The layouts of the graphs this reader was shown (key -> node ids): a report must name one of them.
DRAWN_KEY = "atlas.drawn"
#: How many drawn graphs a session keeps for checking layout reports.
DRAWN_KEPT = 16


@st.cache_resource(show_spinner=False)
def _layouts(size: int) -> LayoutCache:
    return LayoutCache(size)


def layouts() -> LayoutCache:
    """The layouts remembered by this process, shared by every reader (``EXPLORER_LAYOUTS`` of them)."""
    try:
        size = load_settings().layouts
    except ExplorerError:
        size = 0
    return _layouts(size)


@dataclass(frozen=True)
class Graph:
    """What the reader did in the graph during this rerun."""

    select: str | None = None
    focus: str | None = None


def _drawn(drawing: Drawing) -> None:
    """Note that this reader is shown ``drawing`` (so that its layout report is believed)."""
    if not drawing.layout or drawing.remembered:
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
    every later drawing of the same graph (``render.draw(..., layouts=common.layouts())``).
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


def register_pages(pages: Mapping[str, Any]) -> None:
    """Remember the app's pages by name (``main.py`` calls this), for links between pages."""
    st.session_state[PAGES_KEY] = dict(pages)


def page(name: str) -> Any:
    """The page called ``name`` (network, queries...), for ``st.page_link`` and ``st.switch_page``."""
    return st.session_state[PAGES_KEY][name]


def open_in_network(entity_id: str) -> None:
    """Go to the network page centred on ``entity_id`` (from a graph on another page)."""
    st.switch_page(page("network"), query_params={"focus": entity_id, "depth": "1"})


def export_buttons(graph_data: GraphData, *, name: str, title: str, caption: str, **render: Any) -> None:
    """Downloads of the drawn view: offline HTML, entities and relationships as CSV, GraphML."""
    st.caption(tr("export.help"))
    render.setdefault("layouts", layouts())  # the saved page shows the picture seen on screen
    columns = st.columns(4)
    files = [
        (
            "export.html",
            f"{name}.html",
            "text/html",
            lambda: export.standalone_html(graph_data, title=title, caption=caption, lang=lang(), **render),
        ),
        ("export.nodes", f"{name}-entities.csv", "text/csv", lambda: export.nodes_csv(graph_data)),
        (
            "export.rels",
            f"{name}-relationships.csv",
            "text/csv",
            lambda: export.relationships_csv(graph_data),
        ),
        ("export.graphml", f"{name}.graphml", "application/xml", lambda: export.graphml(graph_data)),
    ]
    for column, (label, file_name, mime, make) in zip(columns, files, strict=True):
        column.download_button(
            tr(label),
            make,
            file_name=file_name,
            mime=mime,
            on_click="ignore",
            icon=":material/download:",
            key=f"{name}.{label}",
            width="stretch",
        )


# -- one entity ------------------------------------------------------------------------------


#: Relationship properties with a column of their own (the rest go under "Details").
_FACT_COLUMNS = {"status", "evidence", "since", "source", "paragraph", "note", "note_fr", "on_behalf_of"}


def _fact_rows(details: network.EntityDetails) -> list[dict[str, str]]:
    """One row a fact: "→ member of" Eurobiomed (this entity's link) or "← leads" Bruno Buisson."""
    rows = []
    for fact in details.facts:
        arrow = "—" if fact.type in SYMMETRIC_TYPES else ("→" if fact.outgoing else "←")
        extra = {k: v for k, v in fact.properties.items() if k not in _FACT_COLUMNS and v not in (None, "")}
        if fact.on_behalf_of:
            extra["on_behalf_of"] = fact.on_behalf_of
        source = fact.source_name or fact.source_id or ""
        if fact.source_file:
            source += f" ({fact.source_file})"
        if fact.paragraph not in (None, ""):
            source += f", {tr('tip.paragraph', n=fact.paragraph)}"
        details_text = "; ".join(
            f"{k.replace('_', ' ')}: {i18n.localized(extra, k, lang())}"
            for k in extra
            if not k.endswith("_fr")
        )
        rows.append({
            tr("col.link"): f"{arrow} {i18n.type_phrase(fact.type, lang())}",
            tr("col.entity"): fact.other.name,
            tr("col.status"): i18n.status_name(fact.status, lang()),
            tr("col.since"): "" if fact.since in (None, "") else str(fact.since),
            tr("col.evidence"): i18n.evidence_name(fact.evidence, lang()),
            tr("col.source"): source,
            tr("col.details"): details_text,
            tr("col.note"): str(i18n.localized(fact.properties, "note", lang()) or ""),
        })  # fmt: skip
    return rows


def entity_details_panel(
    details: network.EntityDetails, *, on_focus: Callable[[str], None] | None = None, key: str = "details"
) -> None:
    """One entity: its name, kind, description, properties, and every link with its source."""
    entity, props = details.entity, details.properties
    st.subheader(markdown_text(i18n.localized(props, "name", lang()) or entity.name))
    facts = [i18n.kind_name(entity.kind, lang())]
    if entity.country:
        facts.append(country_name(entity.country, lang()))
    facts.append(entity.id)
    st.caption(markdown_text(" · ".join(facts)))
    description = i18n.localized(props, "description", lang())
    if description:
        st.markdown(markdown_text(description))
    if on_focus is not None:
        st.button(
            tr("details.focus"),
            key=f"{key}.focus",
            on_click=on_focus,
            args=(entity.id,),
            icon=":material/center_focus_strong:",
        )
    st.markdown(f"**{tr('details.facts')}**")
    rows = _fact_rows(details)
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch")
    else:
        st.caption(tr("details.no_facts"))
    if details.truncated:
        st.caption(tr("details.facts_capped", n=len(details.facts)))
    if any(f.evidence == "inferred" for f in details.facts):
        st.caption(tr("details.inferred_note"))
    shown = {"id", "name", "kind", "description", "source", "country"}
    extra = [
        {tr("col.property"): k.replace("_", " "), tr("col.value"): str(i18n.localized(props, k, lang()))}
        for k in sorted(props)
        if k not in shown and not k.endswith("_fr")
    ]
    if extra:
        with st.expander(tr("details.properties")):
            st.dataframe(extra, hide_index=True, width="stretch")
    if details.source_name:
        st.caption(markdown_text(tr("details.recorded_from", source=details.source_name)))
