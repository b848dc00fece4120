"""What every edit form shares: its generation (a form is empty again after each change it made),
its button, the version opened, and one change request sent through the library.

Forms never decide whether a change is applied or suggested: :func:`send` hands the request to
:func:`explorer.curation.facts.submit`, which applies it for an editor and queues it for a reader.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from explorer.app.changes import flash
from explorer.app.connection import connection, error_banner
from explorer.app.state import lang, tr
from explorer.curation import facts
from explorer.curation.actors import Actor
from explorer.curation.batches import Proposal
from explorer.curation.describe import describe
from explorer.curation.names import names_for
from explorer.curation.requests import Request
from explorer.errors import EditConflict, ExplorerError
from explorer.escaping import markdown_text
from explorer.model.changes import Change

__all__ = [
    "button_label",
    "form_key",
    "opened_version",
    "renew",
    "saved_message",
    "send",
    "show_conflict",
]

#: The versions of the facts as the reader first saw them on this entity's panel.
_OPENED = "edit.opened"
#: Each form's generation: part of its widgets' keys, moved on after each change the form made.
_GENERATIONS = "atlas.form.generations"


def form_key(name: str) -> str:
    """The key of form ``name`` in its current generation (its widgets' keys start with it)."""
    return f"{name}.{st.session_state.get(_GENERATIONS, {}).get(name, 0)}"


def renew(name: str) -> None:
    """Form ``name`` starts empty again: its widgets get new keys, with their first values."""
    generations = dict(st.session_state.get(_GENERATIONS, {}))
    generations[name] = generations.get(name, 0) + 1
    st.session_state[_GENERATIONS] = generations


def saved_message(done: Change | Proposal) -> str:
    """ "Saved as change #12: Retired …" or "Sent to the review queue as proposal #13." (Markdown)."""
    if isinstance(done, Proposal):
        return tr("edit.suggested", n=done.id)
    driver, settings = connection()
    try:
        names = names_for(driver, settings, [done], lang())
    except ExplorerError:
        return tr("edit.saved", n=done.id)
    return tr("edit.saved_what", n=done.id, what=markdown_text(describe(done, lang(), names).sentence))


def send(
    actor: Actor,
    request: Request,
    *,
    form: str,
    reason: str | None = None,
    place: str | None = None,
    then: Callable[[Change | Proposal], str | None] | None = None,
) -> None:
    """Submit one change request (applied, or queued for review for a reader); on success the
    form is empty again and its message is said after the rerun (in ``place``, or the place
    ``then`` names), else the form keeps what was typed and the reason is shown."""
    driver, settings = connection()
    try:
        done = facts.submit(driver, settings, actor, request, reason=(reason or "").strip() or None)
    except EditConflict as conflict:
        show_conflict(conflict)
        return
    except ExplorerError as error:
        error_banner(error, retry_key=None)
        return
    renew(form)
    where = then(done) if then is not None else None
    flash(saved_message(done), where or place)
    st.session_state.pop(_OPENED, None)
    st.rerun()


def show_conflict(conflict: EditConflict) -> None:
    """The refusal, and both versions side by side."""
    st.error(
        tr(
            "edit.conflict",
            fact=markdown_text(conflict.fact),
            who=markdown_text(conflict.changed_by),
            at=markdown_text(conflict.changed_at),
        )
    )
    yours, theirs = st.columns(2)
    rows = lambda values: [{tr("col.property"): k, tr("col.value"): str(v)} for k, v in values.items()]  # noqa: E731
    with yours:
        st.caption(tr("edit.yours"))
        st.dataframe(rows(conflict.yours), hide_index=True, width="stretch")
    with theirs:
        st.caption(tr("edit.theirs"))
        st.dataframe(rows(conflict.theirs), hide_index=True, width="stretch")
    st.button(
        tr("edit.reload"), on_click=lambda: st.session_state.pop(_OPENED, None), icon=":material/refresh:"
    )


def opened_version(entity_id: str, key: str, version: int) -> int:
    """The version of fact ``key`` when the reader opened the panel (kept until they save)."""
    opened = st.session_state.get(_OPENED)
    if not opened or opened.get("entity") != entity_id:
        opened = {"entity": entity_id}
        st.session_state[_OPENED] = opened
    return int(opened.setdefault(key, version))


def button_label(suggest: bool) -> str:
    """The word of a form's button: save, or suggest for a reader."""
    return tr("edit.suggest") if suggest else tr("edit.save")
