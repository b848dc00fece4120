"""Change records on the pages: one line each (retired facts struck through), and the undo button."""

from __future__ import annotations

import time

import streamlit as st

from explorer.app.connection import connection, error_banner
from explorer.app.state import lang, tr
from explorer.curation import facts
from explorer.curation.actors import Actor
from explorer.curation.records import Change
from explorer.errors import ExplorerError
from explorer.escaping import markdown_text
from explorer.i18n import date_text

__all__ = ["FLASH", "change_line", "flash", "show_flash", "undo_button"]

FLASH = "atlas.flash"
_PLACE = "atlas.flash.place"
#: A change's message stays beside the form that made it, on every rerun, until the reader
#: opens another place (another entity's panel, another page that shows such messages) or
#: makes another change. Reruns caused by the drawing or other widgets right after a change
#: must not take it away before it is read, however slow the machine is.
FLASH_SECONDS = 600.0


def change_line(change: Change, undone_by: int | None = None) -> str:
    """ "#12 · 2 Dec 2026 18:40 · eve · retired · ~~acme -MEMBER_OF-> eurobiomed~~ · why" as Markdown."""
    parts = []
    for before, after in change.pairs():
        fact = after if after is not None and after.state != "absent" else before
        if fact is None:
            continue
        text = markdown_text(fact.label())
        gone = after is None or after.state in ("retired", "absent")  # retired, or taken back
        parts.append(f"~~{text}~~" if gone else text)
    if not parts:
        parts.append(markdown_text(change.summary()))
    shown = ", ".join(parts[:4]) + (tr("history.more", n=len(parts) - 4) if len(parts) > 4 else "")
    line = " · ".join(
        [
            f"**#{change.id}**",
            date_text(change.at, lang(), time=True),
            markdown_text(change.who),
            tr(f"action.{change.action}"),
            shown,
        ]
    )
    if change.undoes:
        line += " · " + tr("history.undoes", n=change.undoes)
    if change.reason:
        line += f" · *{markdown_text(change.reason)}*"
    if change.suggested_by and change.suggested_by != change.who:
        line += " · " + tr("history.suggested_by", name=markdown_text(change.suggested_by))
    if undone_by:
        line += " · " + tr("history.undone_by", n=undone_by)
    return line


def flash(message: str, place: str | None = None) -> None:
    """A message to show after the rerun that a change causes: in ``place``, else in the place
    the change was made."""
    where = place if place is not None else st.session_state.get(_PLACE, "")
    st.session_state[FLASH] = (message, where, time.monotonic())


def show_flash(place: str) -> None:
    """The message of the last change made in ``place`` (an entity's panel, a page), if any."""
    st.session_state[_PLACE] = place
    shown = st.session_state.get(FLASH)
    if not shown:
        return
    message, made_in, since = shown
    if made_in != place or time.monotonic() - since > FLASH_SECONDS:
        del st.session_state[FLASH]
        return
    st.success(message, icon=":material/check_circle:")


def undo_button(change: Change, actor: Actor | None, undone_by: int | None, *, key: str) -> None:
    """An undo button for those who may undo ``change`` (their own, or anyone's for an admin)."""
    if actor is None or undone_by or change.action in ("load", "propose", "reject") or not change.after:
        return
    if not actor.may("undo") or (change.who != actor.name and not actor.may("undo_any")):
        return
    if st.button(tr("history.undo", n=change.id), key=f"{key}.undo.{change.id}", icon=":material/undo:"):
        driver, settings = connection()
        try:
            done = facts.undo(driver, settings, actor, change.id)
        except ExplorerError as error:
            error_banner(error, retry_key=None)
            return
        flash(tr("edit.saved", n=done.id))
        st.rerun()
