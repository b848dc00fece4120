"""The history: every change in words, with filters (about an entity, by whom, which actions, from a
date to a date) in the sidebar and the URL, as CSV, each change undoable by those who may."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from explorer.app import state
from explorer.app.auth import current_actor
from explorer.app.changes import show_changes, show_flash
from explorer.app.connection import guard, open_page
from explorer.app.state import Context
from explorer.curation import history
from explorer.curation.names import names_for
from explorer.curation.phrases import count_of
from explorer.errors import AmbiguousEntity, UnknownEntity
from explorer.escaping import markdown_text
from explorer.model.changes import ACTIONS
from explorer.resolve import Resolver

WHO, WHAT, SINCE, UNTIL, ENTITY = (
    "history.who",
    "history.what",
    "history.since",
    "history.until",
    "history.entity",
)


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def arrive() -> None:
    """The filters take the URL's values when the page opens (``entity``, ``who``, ``action``,
    ``since``, ``until``)."""
    query = state.url_params()
    state.seed_widgets(
        {
            ENTITY: query.get("entity", ""),
            WHO: query.get("who", ""),
            WHAT: [a for a in query.get("action", "").split(",") if a in ACTIONS],
            SINCE: _day(query.get("since")),
            UNTIL: _day(query.get("until")),
        }
    )


def _entity_id(ctx: Context, given: str) -> str | None:
    """The entity a filter names (by id or name); a retired one keeps its id in the history."""
    if not given.strip():
        return None
    try:
        return Resolver(ctx.driver, ctx.settings).entity(given).id
    except AmbiguousEntity as error:
        st.sidebar.caption(ctx.tr("entity.ambiguous", given=markdown_text(given)))
        return error.entities[0].id if error.entities else given.strip()
    except UnknownEntity:
        return given.strip()


def filters(ctx: Context) -> history.Filters:
    """The filters, in the sidebar, and in the URL."""
    with st.sidebar:
        st.subheader(ctx.tr("history.filters"))
        entity = st.text_input(ctx.tr("history.entity"), key=ENTITY, placeholder=ctx.tr("search.placeholder"))
        who = st.text_input(ctx.tr("history.who"), key=WHO)
        actions = st.multiselect(
            ctx.tr("history.what"),
            ACTIONS,
            key=WHAT,
            select_all=False,  # Streamlit's own "Select all" has no French
            format_func=lambda a: ctx.tr(f"action.{a}"),
            placeholder=ctx.tr("network.all"),
        )
        since = st.date_input(
            ctx.tr("history.since"), key=SINCE, value=None, format=ctx.tr("history.date_format")
        )
        until = st.date_input(
            ctx.tr("history.until"), key=UNTIL, value=None, format=ctx.tr("history.date_format")
        )
    state.set_url(
        {
            "entity": entity.strip(),
            "who": who.strip(),
            "action": ",".join(actions),
            "since": since.isoformat() if since else "",
            "until": until.isoformat() if until else "",
        }
    )
    return history.Filters(
        entity=_entity_id(ctx, entity), who=who or None, actions=tuple(actions), since=since, until=until
    )


def main(ctx: Context) -> None:
    arrive()
    st.title(ctx.tr("history.title"))
    st.caption(ctx.tr("history.help"))
    show_flash("history")
    chosen = filters(ctx)
    with guard():
        found = history.changes(ctx.driver, ctx.settings, chosen)
        undone = history.undone(ctx.driver, ctx.settings, [c.id for c in found])
        names = names_for(ctx.driver, ctx.settings, found, ctx.lang)
    count, download = st.columns([3, 1], vertical_alignment="center")
    count.caption(ctx.tr("history.count", changes=count_of(len(found), "change", ctx.lang)))
    download.download_button(
        ctx.tr("history.csv"),
        history.to_csv(found, names, ctx.lang),
        file_name="cluster-atlas-history.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        width="stretch",
    )
    if not found:
        st.info(ctx.tr("history.none"))
        return
    show_changes(found, names, undone, current_actor(), key="history")


main(open_page(need_data=False))
