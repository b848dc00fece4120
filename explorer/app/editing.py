"""Changing facts from an entity's panel: its history, the forms that change it, and the retired
facts of a view.

The forms live in ``entity_forms`` and ``tie_forms``. Editors and admins change facts directly;
readers fill the same forms and their change goes to the review queue (the library decides,
from the actor's role). The actor comes from :func:`auth.current_actor` on every rerun, and the
library refuses whatever their role does not allow.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from explorer.app.auth import current_actor
from explorer.app.changes import show_changes
from explorer.app.connection import connection, error_banner
from explorer.app.entity_forms import entity_form, merge_form, retire_form
from explorer.app.state import lang, page, tr
from explorer.app.tie_forms import tie_form
from explorer.curation import history
from explorer.curation.names import names_for, names_of
from explorer.curation.phrases import fact_text
from explorer.errors import ExplorerError
from explorer.escaping import markdown_text
from explorer.views.details import EntityDetails

__all__ = ["edit_panel", "entity_history", "retired_facts"]

HISTORY_SHOWN = 20


def entity_history(entity_id: str, key: str) -> None:
    """The latest changes about the entity, in words, each undoable by those who may."""
    driver, settings = connection()
    with st.expander(tr("edit.history"), icon=":material/history:"):
        try:
            found = history.changes(driver, settings, history.Filters(entity=entity_id), limit=HISTORY_SHOWN)
            undone = history.undone(driver, settings, [c.id for c in found])
            names = names_for(driver, settings, found, lang())
        except ExplorerError as error:
            error_banner(error, retry_key=None)
            found = []
        else:
            if not found:
                st.caption(tr("edit.no_history"))
            show_changes(found, names, undone, current_actor(), key=f"{key}.history")
        st.page_link(page("history"), label=tr("edit.all_history"), query_params={"entity": entity_id})


def edit_panel(
    details: EntityDetails, *, key: str = "details", on_gone: Callable[[], None] | None = None
) -> None:
    """The forms that change the entity (or suggest a change, for a reader), the page's width;
    ``on_gone`` is called once the entity itself is retired."""
    actor = current_actor()
    if actor is None:
        return
    suggest = not actor.may("edit")
    title = tr("edit.suggest_title") if suggest else tr("edit.title")
    with st.expander(title, icon=":material/edit:"):
        st.markdown(f"**{markdown_text(details.entity.display(lang()))}**")
        if suggest:
            st.caption(tr("edit.suggest_help"))
        tabs = st.tabs(
            [tr("edit.tab.entity"), tr("edit.tab.tie"), tr("edit.tab.retire"), tr("edit.tab.merge")]
        )
        with tabs[0]:
            entity_form(details, actor, key)
        with tabs[1]:
            tie_form(details, actor, key)
        with tabs[2]:
            retire_form(details, actor, key, on_gone)
        with tabs[3]:
            merge_form(details, actor, key)


def retired_facts(ids: list[str]) -> None:
    """The retired facts of the entities shown, struck through, with who retired them and why."""
    driver, settings = connection()
    try:
        found = history.retired_near(driver, settings, ids)
        names = names_of(driver, settings, {i for f in found for i in f.state.entities}, (), lang())
    except ExplorerError as error:
        error_banner(error, retry_key=None)
        return
    st.markdown(f"#### {tr('edit.retired_title')}")
    if not found:
        st.caption(tr("edit.retired_none"))
    for fact in found:
        why = fact.change.reason if fact.change and fact.change.reason else ""
        line = tr(
            "edit.retired_line",
            fact=markdown_text(fact_text(fact.state, lang(), names)),
            who=markdown_text(fact.retired_by or "?"),
            at=str(fact.retired_at or "")[:10],
            n=fact.change.id if fact.change else "?",
        )
        st.markdown(line + (f" · *{markdown_text(why)}*" if why else ""))
