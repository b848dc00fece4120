"""Change records on the pages: each as the sentence that describes it (retired facts struck through,
edits with what changed), and the buttons that undo it, whole or item by item."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

import streamlit as st

from explorer.app.connection import connection, error_banner
from explorer.app.state import lang, tr
from explorer.curation import facts
from explorer.curation.actors import Actor
from explorer.curation.describe import Description, Names, describe, describe_request
from explorer.curation.requests import from_dict
from explorer.curation.undo import made_by
from explorer.errors import ExplorerError
from explorer.escaping import markdown_text
from explorer.i18n import date_text
from explorer.model.changes import Change

__all__ = ["FLASH", "change_entry", "change_markdown", "flash", "item_label", "show_changes", "show_flash"]

FLASH = "atlas.flash"
_PLACE = "atlas.flash.place"
#: A change's message stays beside the form that made it, on every rerun, until the reader
#: opens another place (another entity's panel, another page that shows such messages) or
#: makes another change. Reruns caused by the drawing or other widgets right after a change
#: must not take it away before it is read, however slow the machine is.
FLASH_SECONDS = 600.0
#: Facts listed under a change's sentence before "and N more".
FACTS_LISTED = 12
#: Actions that changed no fact and cannot be undone.
_NOT_UNDONE = frozenset({"propose", "reject"})


def _struck(sentence: str, description: Description) -> str:
    """The sentence as Markdown, each retired or removed fact it names struck through."""
    text = markdown_text(sentence)
    for fact in description.facts:
        named = markdown_text(fact.text)
        if fact.gone and named and named in text and f"~~{named}~~" not in text:
            text = text.replace(named, f"~~{named}~~", 1)
    return text


def _fact_lines(description: Description) -> list[str]:
    """The facts a change touched, one a line, when its sentence does not name them all."""
    facts_ = description.facts
    if len(facts_) < 2 or all(f.text in description.sentence for f in facts_):
        return []
    lines = []
    for fact in facts_[:FACTS_LISTED]:
        line = markdown_text(fact.line(lang()))
        lines.append(f"- ~~{line}~~" if fact.gone else f"- {line}")
    if len(facts_) > FACTS_LISTED:
        lines.append("- " + tr("history.more", n=len(facts_) - FACTS_LISTED).strip())
    return lines


def change_markdown(change: Change, description: Description, undone_by: int | None = None) -> str:
    """ "**#12** · 2 December 2026, 18:40 · eve · Retired ~~Acme is a member of Eurobiomed~~." then
    why, who suggested it, what it undoes or was undone by, and the facts the sentence leaves out."""
    head = " · ".join(
        [
            f"**#{change.id}**",
            markdown_text(date_text(change.at, lang(), time=True)),
            markdown_text(change.who),
            _struck(description.sentence, description),
        ]
    )
    notes = []
    if change.reason:
        notes.append(tr("history.why", why=markdown_text(change.reason)))
    if change.suggested_by and change.suggested_by != change.who:
        notes.append(tr("history.suggested_by", name=markdown_text(change.suggested_by)))
    if change.undoes:
        notes.append(tr("history.undoes", n=change.undoes))
    if undone_by:
        notes.append(tr("history.undone_by", n=undone_by))
    lines = [head]
    if notes:
        lines.append(" · ".join(notes))
    body = "  \n".join(lines)
    listed = _fact_lines(description)
    return body + ("\n\n" + "\n".join(listed) if listed else "")


def item_label(change: Change, key: str, names: Names) -> str:
    """An item an acceptance decided, in words: what it asked (else its key, "12#3")."""
    requests = change.details.get("requests")
    given = requests.get(key) if isinstance(requests, Mapping) else None
    if isinstance(given, Mapping) and given.get("linked_to"):
        return tr("history.item_linked", item=key, name=names.entity(str(given["linked_to"])).display(lang()))
    if isinstance(given, Mapping):
        try:
            return f"{key} · {describe_request(from_dict(given), lang(), names)}"
        except (ValueError, TypeError):
            return key  # a request of a form this release does not know: its key says which item
    return key


def _may_undo(change: Change, actor: Actor | None, undone_by: int | None) -> bool:
    if actor is None or change.action in _NOT_UNDONE or not actor.may("undo"):
        return False
    if not made_by(change, actor) and not actor.may("undo_any"):
        return False
    # An acceptance undone item by item may still hold items to undo; the library says when not.
    return not undone_by or change.action == "accept"


def _undo(actor: Actor, number: int, items: Sequence[str] | None = None) -> None:
    driver, settings = connection()
    try:
        done = facts.undo(driver, settings, actor, number, items=list(items) if items else None)
    except ExplorerError as error:
        error_banner(error, retry_key=None)
        return
    flash(tr("history.undone", n=done.id, undone=number))
    st.rerun()


def undo_controls(change: Change, actor: Actor | None, undone_by: int | None, names: Names, key: str) -> None:
    """Undo the whole change; for an acceptance of several items, one item too (it goes back to
    the review queue)."""
    if actor is None or not _may_undo(change, actor, undone_by):
        return
    prefix = f"{key}.undo.{change.id}"
    items = [str(k) for k in change.proposal]
    if change.action == "accept" and len(items) > 1:
        whole, which, one = st.columns([1, 2, 1], vertical_alignment="bottom")
        chosen = which.selectbox(
            tr("history.undo_item_pick"),
            items,
            index=None,
            key=f"{prefix}.item",
            format_func=lambda k: item_label(change, k, names),
            placeholder=tr("history.undo_item_placeholder"),
        )
        if one.button(
            tr("history.undo_item"), key=f"{prefix}.one", disabled=chosen is None, icon=":material/undo:"
        ):
            _undo(actor, change.id, [str(chosen)])
    else:
        whole = st.container()
    if whole.button(tr("history.undo", n=change.id), key=prefix, icon=":material/undo:"):
        _undo(actor, change.id)


def change_entry(
    change: Change, names: Names, *, undone_by: int | None, actor: Actor | None, key: str
) -> None:
    """One change: its sentence, notes and undo buttons."""
    st.markdown(change_markdown(change, describe(change, lang(), names), undone_by))
    undo_controls(change, actor, undone_by, names, key)


def show_changes(
    found: Sequence[Change], names: Names, undone: Mapping[int, int], actor: Actor | None, key: str
) -> None:
    """Changes, newest first, each with its undo buttons, a line between them."""
    for i, change in enumerate(found):
        if i:
            st.divider()
        change_entry(change, names, undone_by=undone.get(change.id), actor=actor, key=key)


def flash(message: str, place: str | None = None) -> None:
    """A message (Markdown) to show after the rerun that a change causes: in ``place``, else in
    the place the change was made."""
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
