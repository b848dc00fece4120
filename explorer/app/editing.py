"""Changing facts from an entity's panel: its history and forms, and the retired facts shown.

The forms live in ``entity_forms`` and ``tie_forms``. Editors and admins change facts
directly; readers fill the same forms to *suggest* a change, which goes to the review queue.
The actor comes from :func:`auth.current_actor` on every rerun, and the library refuses
whatever their role does not allow.
"""

from __future__ import annotations

import streamlit as st

from explorer.app.auth import current_actor
from explorer.app.changes import change_line, show_flash, undo_button
from explorer.app.connection import connection, error_banner
from explorer.app.entity_forms import add_entity_form, entity_form, retire_form
from explorer.app.state import tr
from explorer.app.tie_forms import add_tie_form, tie_form
from explorer.curation import history
from explorer.curation.actors import Actor
from explorer.curation.records import entity_key
from explorer.details import EntityDetails
from explorer.errors import ExplorerError
from explorer.escaping import markdown_text

__all__ = ["add_entity_form", "edit_panel", "retired_facts"]

HISTORY_SHOWN = 20


def _history(entity_id: str, actor: Actor | None, key: str) -> None:
    driver, settings = connection()
    with st.expander(tr("edit.history"), icon=":material/history:"):
        try:
            found = history.changes(driver, settings, history.Filters(entity=entity_id), limit=HISTORY_SHOWN)
            undone = history.undone(driver, settings, [c.id for c in found])
        except ExplorerError as error:
            error_banner(error, retry_key=None)
            return
        if not found:
            st.caption(tr("edit.no_history"))
        for change in found:
            st.markdown(change_line(change, undone.get(change.id)))
            undo_button(change, actor, undone.get(change.id), key=key)
        st.page_link("views/history.py", label=tr("edit.all_history"), query_params={"entity": entity_id})


def edit_panel(details: EntityDetails, *, key: str = "details") -> None:
    """Below an entity's details: its history, and the forms to change it (or suggest a change)."""
    show_flash(entity_key(details.entity.id))
    actor = current_actor()
    entity = details.entity
    _history(entity.id, actor, key)
    if actor is None:
        return
    suggest = not actor.may("edit")
    title = tr("edit.suggest_title") if suggest else tr("edit.title")
    with st.expander(title, icon=":material/edit:"):
        if suggest:
            st.caption(tr("edit.suggest_help"))
        tabs = st.tabs(
            [tr("edit.tab.entity"), tr("edit.tab.add_tie"), tr("edit.tab.tie"), tr("edit.tab.retire")]
        )
        with tabs[0]:
            entity_form(details, actor, suggest, key)
        with tabs[1]:
            add_tie_form(details, actor, suggest, key)
        with tabs[2]:
            tie_form(details, actor, suggest, key)
        with tabs[3]:
            retire_form(details, actor, suggest, key)


def retired_facts(ids: list[str]) -> None:
    """The retired facts of the entities shown, struck through, with who retired them and why."""
    driver, settings = connection()
    try:
        found = history.retired_near(driver, settings, ids)
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
            fact=markdown_text(fact.state.label()),
            who=markdown_text(fact.retired_by or "?"),
            at=str(fact.retired_at or "")[:10],
            n=fact.change.id if fact.change else "?",
        )
        st.markdown(line + (f" · *{markdown_text(why)}*" if why else ""))
