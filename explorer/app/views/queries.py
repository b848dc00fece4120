"""Saved queries: the catalogue, a form built from each query's parameters, results as table and graph."""

from __future__ import annotations

import json
import shlex
import time
from typing import Any

import streamlit as st

from explorer import i18n, model, network
from explorer.app import common
from explorer.app.common import tr
from explorer.db import read_query
from explorer.errors import InvalidInput
from explorer.formatting import cell_text, to_csv
from explorer.queries import Param, SavedQuery, load_catalogue
from explorer.render import draw, markdown_text
from explorer.results import QueryResult
from explorer.search import resolve

NAME, CHOSEN, LAST = "q.name", "q.chosen", "q.last"
ADHOC, ADHOC_PARAMS, ADHOC_LAST = "q.cypher", "q.cypher.params", "q.cypher.last"
CHOICES = {"status": ("any", *model.STATUSES), "kind": ("any", *model.KINDS)}


@st.cache_data(ttl=30, show_spinner=False)
def catalogue() -> dict[str, SavedQuery]:
    return load_catalogue()


def widget_key(saved: SavedQuery, param: Param) -> str:
    return f"q.{saved.name}.{param.name}"


def initial(param: Param, raw: Any) -> Any:
    """A widget's first value: the URL's (converted to the parameter's type) or the default."""
    value = param.default if raw in (None, "") else raw
    if param.type == "country" and value not in (None, "any"):
        return model.country_code(str(value)) or "any"
    if param.type == "kind" and value not in (None, "any"):
        return model.parse_kind(str(value)) or "any"
    if param.type == "status" and value not in (None, "any"):
        return model.parse_status(str(value)) or "any"
    try:
        return param.convert(value) if value is not None else None
    except InvalidInput:
        return param.default


def arrive(queries: dict[str, SavedQuery]) -> bool:
    """On arriving: the URL names a query and its parameters; True when it should run at once."""
    if NAME in st.session_state:
        return False
    query = common.url_params()
    name = query.get("name")
    if name not in queries:
        if name:
            st.warning(tr("queries.unknown", name=markdown_text(name)))
        remembered = st.session_state.get(CHOSEN)
        st.session_state[NAME] = remembered if remembered in queries else next(iter(queries))
        return False
    st.session_state[NAME] = name
    saved = queries[name]
    for param in saved.params:
        st.session_state[widget_key(saved, param)] = initial(param, query.get(param.name))
    return True


def parameter(saved: SavedQuery, param: Param, countries: list[str]) -> None:
    """One form field, chosen by the parameter's type."""
    key = widget_key(saved, param)
    common.seed_widgets({key: initial(param, None)})
    label = param.name.replace("_", " ") + ("" if not param.required else f" ({tr('queries.required')})")
    help_ = param.help or None
    lang = common.lang()
    if param.type == "int":
        st.number_input(label, step=1, key=key, help=help_)
    elif param.type == "float":
        st.number_input(label, key=key, help=help_, format="%g")
    elif param.type == "bool":
        st.checkbox(label, key=key, help=help_)
    elif param.type == "country":
        options = list(dict.fromkeys(["any", *countries, st.session_state[key]]))
        st.selectbox(
            label,
            options,
            key=key,
            help=help_,
            format_func=lambda c: tr("queries.any") if c == "any" else f"{model.country_name(c, lang)} ({c})",
        )
    elif param.type in CHOICES:
        name = i18n.status_name if param.type == "status" else i18n.kind_name
        st.selectbox(
            label,
            CHOICES[param.type],
            key=key,
            help=help_,
            format_func=lambda v: tr("queries.any") if v == "any" else name(v, lang),
        )
    else:
        st.text_input(label, key=key, help=help_)


def bound_parameters(saved: SavedQuery, driver: Any, settings: Any) -> dict[str, Any]:
    """The form's values, typed; entity parameters accept a name (case and accents ignored)."""
    given: dict[str, Any] = {}
    for param in saved.params:
        value = st.session_state.get(widget_key(saved, param))
        if param.type == "entity" and isinstance(value, str) and value.strip():
            value = resolve(driver, settings, value).id
        given[param.name] = value
    return saved.bind(given)


def show_result(
    result: QueryResult, seconds: float, *, key: str, title: str, driver: Any, settings: Any
) -> None:
    """The rows as a table (with a CSV download) and, when they hold nodes, as a graph."""
    st.caption(tr("queries.rows", n=len(result.rows), seconds=seconds))
    if result.truncated:
        st.warning(tr("queries.truncated", n=len(result.rows)), icon=":material/content_cut:")
    if not result.rows:
        st.info(tr("queries.no_rows"))
        return
    table = [{c: cell_text(row.get(c)) for c in result.columns} for row in result.rows]
    views = st.tabs([tr("queries.table"), tr("queries.graph")]) if result.graph else [st.container()]
    with views[0]:
        st.dataframe(table, hide_index=True, width="stretch")
        st.download_button(
            tr("queries.csv"),
            to_csv(result.columns, result.rows),
            file_name=f"{key}.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/download:",
            key=f"{key}.csv",
        )
    if result.graph:
        with views[1]:
            ids = result.graph.source_ids()
            with common.guard(stop=False):
                sources = network.source_names(driver, settings, ids)
            page = draw(result.graph, lang=common.lang(), sources=sources, layouts=common.layouts())
            event = common.graph(page, key=f"{key}.graph", height=520)
            if event.focus:
                common.open_in_network(event.focus)
            st.caption(tr("graph.open_hint"))
            with st.expander(tr("export.title"), icon=":material/download:"):
                common.export_buttons(result.graph, name=key, title=title, caption="", sources=sources)


def command_line(saved: SavedQuery, bound: dict[str, Any]) -> str:
    options = " ".join(f"-p {shlex.quote(f'{k}={v}')}" for k, v in bound.items())
    return f"explorer query {saved.name} {options}".strip()


driver, settings = common.connection_or_stop()
common.require_data(driver, settings)
queries = catalogue()
run_now = arrive(queries)

st.title(tr("queries.title"))
saved_tab, adhoc_tab = st.tabs([tr("queries.catalogue"), tr("queries.adhoc")])

with saved_tab:
    name = st.selectbox(tr("queries.choose"), list(queries), key=NAME, format_func=lambda n: queries[n].title)
    st.session_state[CHOSEN] = name
    saved = queries[name]
    st.markdown(markdown_text(saved.description))
    countries = list(common.facets(driver, settings).countries)
    with st.form(f"q.form.{name}", border=True):
        if not saved.params:
            st.caption(tr("queries.no_params"))
        for param in saved.params:
            parameter(saved, param, countries)
        run_now = (
            st.form_submit_button(tr("queries.run"), type="primary", icon=":material/play_arrow:") or run_now
        )
    if run_now:
        with common.guard(stop=False):
            bound = bound_parameters(saved, driver, settings)
            started = time.perf_counter()
            result = read_query(driver, settings, saved.text, bound, timeout=settings.ui_timeout)
            st.session_state[LAST] = (name, bound, result, time.perf_counter() - started)
    last = st.session_state.get(LAST)
    if last and last[0] == name:
        _, bound, result, seconds = last
        common.set_url({"name": name, **{k: str(v) for k, v in bound.items()}})
        show_result(result, seconds, key=name, title=saved.title, driver=driver, settings=settings)
        with st.expander(tr("queries.text"), icon=":material/code:"):
            st.code(saved.text, language="cypher")
            st.caption(tr("queries.cli"))
            st.code(command_line(saved, bound), language="bash")
    else:
        common.set_url({"name": name})

with adhoc_tab:
    st.text_area(
        tr("queries.adhoc.label"),
        key=ADHOC,
        height=160,
        placeholder="MATCH (c:Cluster)-[r:PARTNER_OF]-(d:Cluster) RETURN c, r, d",
        help=tr("queries.adhoc.help", seconds=settings.ui_timeout, rows=settings.row_cap),
    )
    st.text_input(tr("queries.adhoc.params"), key=ADHOC_PARAMS, placeholder='{"id": "biocom"}')
    if st.button(tr("queries.run"), key="q.cypher.run", type="primary", icon=":material/play_arrow:"):
        with common.guard(stop=False):
            try:
                given = json.loads(st.session_state.get(ADHOC_PARAMS) or "{}")
            except ValueError:
                given = None
            if not isinstance(given, dict):
                raise InvalidInput(tr("queries.adhoc.bad_params"))
            started = time.perf_counter()
            result = read_query(
                driver, settings, st.session_state.get(ADHOC) or "", given, timeout=settings.ui_timeout
            )
            st.session_state[ADHOC_LAST] = (result, time.perf_counter() - started)
    if st.session_state.get(ADHOC_LAST):
        result, seconds = st.session_state[ADHOC_LAST]
        show_result(
            result, seconds, key="cypher", title=tr("queries.adhoc"), driver=driver, settings=settings
        )
