"""The history: recent changes with filters (who, what, since a date, about an entity), as CSV,
retired facts struck through, each change undoable by those who may."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from explorer.app import state
from explorer.app.auth import current_actor
from explorer.app.changes import change_line, show_flash, undo_button
from explorer.app.connection import guard, open_page
from explorer.app.state import Context
from explorer.curation import history
from explorer.curation.records import ACTIONS
from explorer.errors import UnknownEntity
from explorer.resolve import Resolver

WHO, WHAT, SINCE, ENTITY = "history.who", "history.what", "history.since", "history.entity"


def arrive() -> None:
    """The filters take the URL's values when the page opens (``who``, ``action``, ``since``, ``entity``)."""
    query = state.url_params()
    since = None
    try:
        since = dt.date.fromisoformat(query["since"]) if query.get("since") else None
    except ValueError:
        since = None
    state.seed_widgets(
        {
            WHO: query.get("who", ""),
            WHAT: [a for a in query.get("action", "").split(",") if a in ACTIONS],
            SINCE: since,
            ENTITY: query.get("entity", ""),
        }
    )


def filters(ctx: Context) -> history.Filters:
    """The filters, in the sidebar, and in the URL."""
    with st.sidebar:
        st.subheader(ctx.tr("history.filters"))
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
        entity = st.text_input(ctx.tr("history.entity"), key=ENTITY, placeholder=ctx.tr("search.placeholder"))
    entity_id = None
    if entity.strip():
        try:
            entity_id = Resolver(ctx.driver, ctx.settings).entity(entity).id
        except UnknownEntity:
            entity_id = entity.strip()  # a retired entity keeps its id in the history
    state.set_url(
        {
            "who": who,
            "action": ",".join(actions),
            "since": since.isoformat() if since else "",
            "entity": entity,
        }
    )
    return history.Filters(
        entity=entity_id, who=who or None, actions=tuple(actions), since=since.isoformat() if since else None
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
    st.download_button(
        ctx.tr("history.csv"),
        history.to_csv(found),
        file_name="cluster-atlas-history.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )
    if not found:
        st.info(ctx.tr("history.none"))
        return
    st.caption(ctx.tr("history.count", n=len(found)))
    actor = current_actor()
    for change in found:
        st.markdown(change_line(change, undone.get(change.id)))
        undo_button(change, actor, undone.get(change.id), key="history")


main(open_page(need_data=False))
