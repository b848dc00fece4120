"""Adding to the map from the top of the network page: "Add an entity" and "Add a link", the forms at
the page's width; an entity's panel opens them too (a link then starts from that entity)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from explorer.app.auth import current_actor
from explorer.app.entity_forms import add_entity_form
from explorer.app.state import tr
from explorer.app.tie_forms import add_tie_form, start_link_from
from explorer.model import Entity

__all__ = ["ADDING", "adding_bar", "panel_buttons"]

#: Which form is open at the top of the network page: "entity", "link" or none.
ADDING = "net.adding"
_CHOICES = ("entity", "link")
_ICONS = {"entity": ":material/add_circle:", "link": ":material/add_link:"}


def _open(what: str, start: str | None = None) -> None:
    st.session_state[ADDING] = what
    if start:
        start_link_from(start)


def adding_bar(on_added: Callable[[str], None], on_linked: Callable[[str], None]) -> None:
    """The two ways to add, and the form chosen; ``on_added`` is given a new entity's id,
    ``on_linked`` the start of a new link (their panel says the change's message)."""
    actor = current_actor()
    if actor is None:
        return
    chosen = st.segmented_control(
        tr("add.label"),
        _CHOICES,
        key=ADDING,
        format_func=lambda w: f"{_ICONS[w]} {tr(f'add.{w}')}",
        selection_mode="single",
        label_visibility="collapsed",
    )
    if chosen is None:
        return
    with st.container(border=True):
        if not actor.may("add"):
            st.caption(tr("edit.suggest_help"))
        if chosen == "entity":
            add_entity_form(actor, on_added=on_added)
        else:
            add_tie_form(actor, on_done=on_linked)


def panel_buttons(entity: Entity, key: str) -> None:
    """At the top of an entity's panel: add a link from it, or add an entity (the forms open at the
    top of the page)."""
    if current_actor() is None:
        return
    row = st.container(horizontal=True)  # the two buttons wrap when the panel is narrow
    row.button(
        tr("add.link_here"),
        key=f"{key}.add.link",
        on_click=_open,
        args=("link", entity.id),
        icon=":material/add_link:",
    )
    row.button(
        tr("add.entity"),
        key=f"{key}.add.entity",
        on_click=_open,
        args=("entity",),
        icon=":material/add_circle:",
    )
