"""What every edit form shares: citation fields, its button, the version opened, sending the change."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from explorer.app.changes import flash
from explorer.app.connection import error_banner
from explorer.app.state import tr
from explorer.curation import facts, review
from explorer.curation.records import Change
from explorer.errors import EditConflict, ExplorerError
from explorer.escaping import markdown_text

__all__ = ["button_label", "citation_fields", "opened_version", "show_conflict", "submit"]


#: The versions of the facts as the reader first saw them on this entity's panel.
_OPENED = "edit.opened"


def submit(
    work: Callable[[], Change | review.Proposal], then: Callable[[Change], str | None] | None = None
) -> None:
    """Run one change (or suggestion); on success say so after the rerun, else show why.

    ``then`` is told of a change made, and may name the place (an entity's panel) to say it in."""
    try:
        done = work()
    except EditConflict as conflict:
        show_conflict(conflict)
        return
    except ExplorerError as error:
        error_banner(error, retry_key=None)
        return
    if isinstance(done, review.Proposal):
        flash(tr("edit.suggested", n=done.id))
    else:
        flash(tr("edit.saved", n=done.id), then(done) if then is not None else None)
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


def citation_fields(prefix: str) -> facts.Citation | None:
    """The citation fields of a form: an existing source's id, or a new source."""
    st.caption(tr("edit.cite"))
    source = st.text_input(tr("edit.source_id"), key=f"{prefix}.source")
    title = st.text_input(tr("edit.source_title"), key=f"{prefix}.title")
    left, right = st.columns(2)
    publisher = left.text_input(tr("edit.publisher"), key=f"{prefix}.publisher")
    date = right.text_input(tr("edit.date"), key=f"{prefix}.date", placeholder="YYYY-MM-DD")
    url = st.text_input(tr("edit.url"), key=f"{prefix}.url")
    paragraph = st.number_input(tr("edit.paragraph"), min_value=0, step=1, key=f"{prefix}.paragraph")
    quote = st.text_area(tr("edit.quote"), key=f"{prefix}.quote", height=68)
    new = facts.NewSource(title, publisher or None, date or None, url or None) if title.strip() else None
    if new is None and not source.strip() and not quote.strip():
        return None
    return facts.Citation(source.strip() or None, new, int(paragraph) or None, quote or None)


def button_label(suggest: bool) -> str:
    """The word of a form's button: save, or suggest for a reader."""
    return tr("edit.suggest") if suggest else tr("edit.save")
