"""Saved queries: the catalogue, a form built from each query's parameters, results as table and graph."""

from __future__ import annotations

import json
import shlex
import time
from typing import Any

import streamlit as st

from explorer import i18n, model
from explorer.app import state
from explorer.app.connection import facets, guard, open_page
from explorer.app.frame import graph, layouts
from explorer.app.state import Context
from explorer.app.widgets import export_buttons
from explorer.countries import country_name
from explorer.database.results import QueryResult
from explorer.database.session import read_query
from explorer.drawing.render import draw
from explorer.errors import ExplorerError, InvalidInput
from explorer.escaping import markdown_text
from explorer.formatting import cell_text, megabytes, to_csv
from explorer.model import Lang
from explorer.queries import Param, SavedQuery, load_catalogue
from explorer.resolve import ANY, Resolver
from explorer.views import network

NAME, CHOSEN, LAST, IGNORED = "q.name", "q.chosen", "q.last", "q.ignored"
ADHOC, ADHOC_PARAMS, ADHOC_LAST = "q.cypher", "q.cypher.params", "q.cypher.last"
#: The choices of parameters that take one word of the model (with "any" first).
CHOICES = {
    "status": model.STATUSES,
    "kind": tuple(model.ENTITY_KINDS),
    "evidence": model.EVIDENCE,
    "type": tuple(model.REL_TYPES),
}
#: The whole numbers a browser's form can hold exactly.
JS_INTEGERS = 2**53 - 1
NAMES = {
    "status": i18n.status_name,
    "kind": i18n.kind_name,
    "evidence": i18n.evidence_name,
    "type": i18n.type_phrase,
}


@st.cache_data(ttl=30, show_spinner=False)
def catalogue() -> dict[str, SavedQuery]:
    return load_catalogue()


def widget_key(saved: SavedQuery, param: Param) -> str:
    return f"q.{saved.name}.{param.name}"


def initial(param: Param, raw: Any) -> Any:
    """A widget's first value: the URL's (in the parameter's type; words resolved) or the default.

    Raises ``ExplorerError`` when the URL's value cannot be used.
    """
    if raw in (None, ""):
        return param.default
    if param.type == "entity":
        return str(raw)  # resolved when the query runs, with the closest names if unknown
    value = param.convert(raw)
    if param.type == "int" and abs(value) > JS_INTEGERS:
        raise InvalidInput(f"{param.name} is out of range for this form (at most {JS_INTEGERS:,})")
    return value


def arrive(queries: dict[str, SavedQuery]) -> bool:
    """On arriving: the URL names a query and its parameters; True when it should run at once."""
    if NAME in st.session_state:
        return False
    query = state.url_params()
    name = query.get("name")
    if name not in queries:
        if name:
            st.warning(state.tr("queries.unknown", name=markdown_text(name)))
        remembered = st.session_state.get(CHOSEN)
        st.session_state[NAME] = remembered if remembered in queries else next(iter(queries))
        return False
    st.session_state[NAME] = name
    saved = queries[name]
    ignored = []
    for param in saved.params:
        try:
            st.session_state[widget_key(saved, param)] = initial(param, query.get(param.name))
        except ExplorerError as error:
            st.session_state[widget_key(saved, param)] = param.default
            ignored.append(f"{param.name}={query.get(param.name)} ({error.one_line()})")
    known = {p.name for p in saved.params} | {"name"}
    ignored += [f"{k}={v}" for k, v in query.items() if k not in known]
    st.session_state[IGNORED] = ignored
    return True


def parameter(ctx: Context, saved: SavedQuery, param: Param, countries: list[str]) -> None:
    """One form field, chosen by the parameter's type."""
    key = widget_key(saved, param)
    state.seed_widgets({key: param.default})
    label = param.label(ctx.lang) + ("" if not param.required else f" ({ctx.tr('queries.required')})")
    help_ = param.help_in(ctx.lang) or None
    any_word = ctx.tr("queries.any")
    if param.type == "int":
        st.number_input(label, step=1, key=key, help=help_, min_value=-JS_INTEGERS, max_value=JS_INTEGERS)
    elif param.type == "float":
        st.number_input(label, key=key, help=help_, format="%g")
    elif param.type == "bool":
        st.checkbox(label, key=key, help=help_)
    elif param.type == "country":
        options = list(dict.fromkeys([ANY, *countries, st.session_state[key]]))
        st.selectbox(
            label,
            options,
            key=key,
            help=help_,
            format_func=lambda c: any_word if c == ANY else f"{country_name(c, ctx.lang)} ({c})",
        )
    elif param.type in CHOICES:
        name = NAMES[param.type]
        options = [*([ANY] if param.takes_any else []), *CHOICES[param.type]]
        st.selectbox(
            label,
            options,
            key=key,
            help=help_,
            format_func=lambda v: any_word if v == ANY else name(v, ctx.lang),
        )
    else:
        st.text_input(label, key=key, help=help_)


def headers(columns: list[str], lang: Lang) -> list[str]:
    """The saved query's columns named for people in ``lang`` (two columns of one name keep their own)."""
    names = [i18n.column_name(c, lang) for c in columns]
    return [n if names.count(n) == 1 else c for c, n in zip(columns, names, strict=True)]


def show_result(
    ctx: Context, result: QueryResult, seconds: float, *, key: str, title: str, saved: bool = False
) -> None:
    """The rows as a table (with a CSV download) and, when they hold nodes, as a graph; a saved
    query's columns and words in the page's language (the CSV keeps them as they are)."""
    st.caption(
        ctx.tr(
            "queries.rows",
            rows=i18n.count_of(len(result.rows), "row", ctx.lang),
            seconds=i18n.number(seconds, ctx.lang, ".2f"),
        )
    )
    if result.size_cut:
        size = megabytes(ctx.settings.result_size)
        st.warning(
            ctx.tr("queries.truncated_size", n=len(result.rows), size=size), icon=":material/content_cut:"
        )
    elif result.truncated:
        st.warning(ctx.tr("queries.truncated", n=len(result.rows)), icon=":material/content_cut:")
    if not result.rows:
        st.info(ctx.tr("queries.no_rows"))
        return
    if saved:
        names = headers(result.columns, ctx.lang)
        table = [
            {
                n: cell_text(i18n.cell_word(c, row.get(c), ctx.lang))
                for c, n in zip(result.columns, names, strict=True)
            }
            for row in result.rows
        ]
    else:
        table = [{c: cell_text(row.get(c)) for c in result.columns} for row in result.rows]
    views = st.tabs([ctx.tr("queries.table"), ctx.tr("queries.graph")]) if result.graph else [st.container()]
    with views[0]:
        st.dataframe(table, hide_index=True, width="stretch")
        st.download_button(
            ctx.tr("queries.csv"),
            to_csv(result.columns, result.rows),
            file_name=f"{key}.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/download:",
            key=f"{key}.csv",
        )
    if result.graph:
        with views[1]:
            sources: dict[str, str] = {}
            with guard(stop=False):
                sources = network.source_names(ctx.driver, ctx.settings, result.graph.source_ids(), ctx.lang)
            page = draw(result.graph, lang=ctx.lang, sources=sources, layouts=layouts())
            event = graph(page, key=f"{key}.graph", height=520)
            if event.focus:
                state.open_in_network(event.focus)
            st.caption(ctx.tr("graph.open_hint"))
            with st.expander(ctx.tr("export.title"), icon=":material/download:"):
                export_buttons(result.graph, name=key, title=title, caption="", sources=sources)


def command_line(saved: SavedQuery, bound: dict[str, Any]) -> str:
    options = " ".join(f"-p {shlex.quote(f'{k}={v}')}" for k, v in bound.items())
    return f"explorer query {saved.name} {options}".strip()


def saved_queries(ctx: Context, queries: dict[str, SavedQuery], run_now: bool) -> None:
    """The catalogue: pick a query, fill its form, run it."""
    name = st.selectbox(
        ctx.tr("queries.choose"), list(queries), key=NAME, format_func=lambda n: queries[n].title_in(ctx.lang)
    )
    st.session_state[CHOSEN] = name
    saved = queries[name]
    st.markdown(markdown_text(saved.description_in(ctx.lang)))
    ignored = st.session_state.pop(IGNORED, [])
    if ignored:
        st.warning(ctx.tr("network.url_ignored", what=markdown_text("; ".join(ignored))))
    countries = list(facets(ctx).countries)
    with st.form(f"q.form.{name}", border=True):
        if not saved.params:
            st.caption(ctx.tr("queries.no_params"))
        for param in saved.params:
            parameter(ctx, saved, param, countries)
        submitted = st.form_submit_button(ctx.tr("queries.run"), type="primary", icon=":material/play_arrow:")
    if submitted or run_now:
        st.session_state.pop(LAST, None)  # a run that fails shows its error alone, no older result
        with guard(stop=False):
            given = {p.name: st.session_state.get(widget_key(saved, p)) for p in saved.params}
            bound = saved.bind(given, Resolver(ctx.driver, ctx.settings))
            started = time.perf_counter()
            result = read_query(ctx.driver, ctx.settings, saved.text, bound)
            st.session_state[LAST] = (name, bound, result, time.perf_counter() - started)
    last = st.session_state.get(LAST)
    if last and last[0] == name:
        _, bound, result, seconds = last
        state.set_url({"name": name, **{k: str(v) for k, v in bound.items()}})
        show_result(ctx, result, seconds, key=name, title=saved.title_in(ctx.lang), saved=True)
        with st.expander(ctx.tr("queries.text"), icon=":material/code:"):
            st.code(saved.text, language="cypher")
            st.caption(ctx.tr("queries.cli"))
            st.code(command_line(saved, bound), language="bash")
    else:
        state.set_url({"name": name})


def adhoc(ctx: Context) -> None:
    """Any read-only Cypher, with JSON parameters."""
    st.text_area(
        ctx.tr("queries.adhoc.label"),
        key=ADHOC,
        height=160,
        placeholder="MATCH (c:Cluster)-[r:PARTNER_OF]-(d:Cluster) RETURN c, r, d",
        help=ctx.tr("queries.adhoc.help", seconds=ctx.settings.timeout, rows=ctx.settings.row_cap),
    )
    st.text_input(ctx.tr("queries.adhoc.params"), key=ADHOC_PARAMS, placeholder='{"id": "biocom"}')
    if st.button(ctx.tr("queries.run"), key="q.cypher.run", type="primary", icon=":material/play_arrow:"):
        st.session_state.pop(ADHOC_LAST, None)  # a run that fails shows its error alone
        with guard(stop=False):
            try:
                given = json.loads(st.session_state.get(ADHOC_PARAMS) or "{}")
            except (ValueError, RecursionError):
                given = None
            if not isinstance(given, dict):
                raise InvalidInput(ctx.tr("queries.adhoc.bad_params"))
            started = time.perf_counter()
            result = read_query(ctx.driver, ctx.settings, st.session_state.get(ADHOC) or "", given)
            st.session_state[ADHOC_LAST] = (result, time.perf_counter() - started)
    if st.session_state.get(ADHOC_LAST):
        result, seconds = st.session_state[ADHOC_LAST]
        show_result(ctx, result, seconds, key="cypher", title=ctx.tr("queries.adhoc"))


def main(ctx: Context) -> None:
    queries = catalogue()
    run_now = arrive(queries)
    st.title(ctx.tr("queries.title"))
    saved_tab, adhoc_tab = st.tabs([ctx.tr("queries.catalogue"), ctx.tr("queries.adhoc")])
    with saved_tab:
        saved_queries(ctx, queries, run_now)
    with adhoc_tab:
        adhoc(ctx)


main(open_page())
