"""The review queue: suggestions and facts proposed from articles, each in words, accepted (after
correcting any field) or rejected with a reason by an editor, one by one or a whole batch at once;
acceptances undone, whole or item by item. Readers see what waits."""

from __future__ import annotations

import streamlit as st

from explorer import i18n
from explorer.app.auth import current_actor
from explorer.app.changes import flash, show_changes, show_flash
from explorer.app.connection import error_banner, guard, open_page
from explorer.app.corrections import correction
from explorer.app.state import Context
from explorer.app.submitting import saved_message
from explorer.curation import facts, history, review
from explorer.curation.actors import Actor
from explorer.curation.describe import Names
from explorer.curation.names import item_texts, names_for, names_of
from explorer.curation.requests import AddEntity
from explorer.errors import ExplorerError
from explorer.escaping import markdown_text
from explorer.model import Lang
from explorer.model.changes import Change

#: Acceptances listed under the queue, to be undone.
RECENT = 10
Decisions = dict[int, review.Decision | None]


def decide(
    ctx: Context,
    actor: Actor,
    proposal: review.Proposal,
    items: list[int] | None,
    decisions: Decisions,
    *,
    reason: str,
    reject: bool = False,
) -> None:
    """Accept (with the corrections) or reject items of a proposal; say so after the rerun."""
    why = reason.strip() or None
    try:
        if reject:
            change = review.reject(ctx.driver, ctx.settings, actor, proposal.id, items, reason=why or "")
        else:
            chosen = {n: d for n, d in decisions.items() if d is not None and (items is None or n in items)}
            change = review.accept(
                ctx.driver, ctx.settings, actor, proposal.id, items, decisions=chosen, reason=why
            )
    except ExplorerError as error:
        error_banner(error, retry_key=None)
        return
    flash(saved_message(change))
    st.rerun()


def undo_item(ctx: Context, actor: Actor, item: review.Item) -> None:
    """Undo the acceptance of one item: its facts go, and it waits in the queue again."""
    try:
        done = facts.undo(ctx.driver, ctx.settings, actor, int(item.change or 0), items=[item.key])
    except ExplorerError as error:
        error_banner(error, retry_key=None)
        return
    flash(ctx.tr("history.undone", n=done.id, undone=item.change))
    st.rerun()


def _quoted(ctx: Context, item: review.Item, note: str | None = None) -> str:
    proposed = item.proposed
    lines = []
    if proposed is not None and proposed.quote:
        quote = f"> {markdown_text(proposed.quote)}"
        if proposed.paragraph:
            quote += f" ({ctx.tr('tip.paragraph', n=proposed.paragraph)})"
        lines.append(quote)
    elif proposed is not None and proposed.paragraph:
        lines.append(ctx.tr("tip.paragraph", n=proposed.paragraph))
    if proposed is not None and proposed.confidence is not None:
        lines.append(ctx.tr("review.confidence", percent=round(proposed.confidence * 100)))
    reason = item.reason or (proposed.reason if proposed is not None else None)
    if reason and reason != note:  # the proposal's own reason is said once, above its items
        lines.append(f"*{markdown_text(reason)}*")
    return "\n\n".join(lines)


def show_item(
    ctx: Context,
    actor: Actor | None,
    proposal: review.Proposal,
    item: review.Item,
    text: str,
    names: Names,
    ends: dict[str, str],
) -> review.Decision | None:
    """One item in words, what it rests on, and (for a reviewer) its corrections and decisions."""
    key = f"review.{item.key}"
    st.markdown(f"**{item.n}.** {markdown_text(text)}")
    said = _quoted(ctx, item, proposal.note)
    if said:
        st.markdown(said)
    if item.request is None:
        st.warning(
            ctx.tr("review.unreadable", problem=markdown_text(item.problem or "?")), icon=":material/error:"
        )
    may = actor is not None and actor.may("review")
    if item.state != "open":
        who = markdown_text(item.decided_by or "")
        st.caption(ctx.tr(f"review.state.{item.state}", who=who, reason=markdown_text(item.reason or "")))
        undoable = may and item.state == "accepted" and item.change
        if undoable and st.button(ctx.tr("review.undo_item"), key=f"{key}.undo", icon=":material/undo:"):
            undo_item(ctx, actor, item)  # type: ignore[arg-type]
        return None
    if not may:
        return None
    decision: review.Decision | None = None
    if item.request is not None and not actor.may(item.request.action):  # type: ignore[union-attr]
        st.caption(ctx.tr("review.role_needed"))  # a merge: an admin accepts it
    elif item.request is not None:
        with st.expander(ctx.tr("review.correct"), icon=":material/edit:"):
            decision = correction(item, names, ends, key)
        if decision is None:
            st.caption(ctx.tr("review.unfinished"))
    why, accept, reject = st.columns([4, 1, 1], vertical_alignment="bottom")
    reason = why.text_input(ctx.tr("review.reason"), key=f"{key}.reason")
    if accept.button(
        ctx.tr("review.accept"),
        key=f"{key}.accept",
        icon=":material/check:",
        disabled=decision is None,
        width="stretch",
    ):
        decide(ctx, actor, proposal, [item.n], {item.n: decision}, reason=reason)  # type: ignore[arg-type]
    if reject.button(ctx.tr("review.reject"), key=f"{key}.reject", icon=":material/close:", width="stretch"):
        decide(ctx, actor, proposal, [item.n], {}, reason=reason, reject=True)  # type: ignore[arg-type]
    return decision


def _ends(proposal: review.Proposal, names: Names, lang: Lang) -> dict[str, str]:
    """The names of the ends a batch's ties name: entities of the batch by ref, others by id."""
    ends: dict[str, str] = {}
    for item in proposal.items:
        request = item.request
        for entity_id in request.entities if request is not None else ():
            ends.setdefault(entity_id, names.entity(entity_id).display(lang))
        if isinstance(request, AddEntity) and item.proposed is not None and item.proposed.ref:
            ends[item.proposed.ref] = request.name
    return ends


def show_proposal(
    ctx: Context, actor: Actor | None, proposal: review.Proposal, texts: dict[str, str], names: Names
) -> None:
    may = actor is not None and actor.may("review")
    origin = proposal.origin if proposal.origin in ("article", "suggestion") else None
    title = proposal.title or (ctx.tr(f"review.origin.{origin}") if origin else proposal.origin)
    with st.container(border=True):
        st.markdown(f"**#{proposal.id} · {markdown_text(title)}**")
        source = names.source(proposal.source, ctx.lang) or "—"
        st.caption(
            ctx.tr(
                "review.by",
                who=markdown_text(proposal.who),
                at=i18n.date_text(proposal.at, ctx.lang, time=True),
                source=markdown_text(source),
            )
        )
        if proposal.note:
            st.caption(ctx.tr("history.why", why=markdown_text(proposal.note)))
        ends = _ends(proposal, names, ctx.lang)
        decisions: Decisions = {}
        for i, item in enumerate(proposal.items):
            if i:
                st.divider()
            decision = show_item(ctx, actor, proposal, item, texts.get(item.key, item.key), names, ends)
            if item.state == "open":
                decisions[item.n] = decision
        if may and len(proposal.open_items) > 1:
            st.divider()
            why, every, none = st.columns([4, 1, 1], vertical_alignment="bottom")
            reason = why.text_input(ctx.tr("review.reason_all"), key=f"review.{proposal.id}.reason")
            readable = {i.n for i in proposal.items if i.request is not None}
            unfinished = any(d is None for n, d in decisions.items() if n in readable)
            if every.button(
                ctx.tr("review.accept_all"),
                key=f"review.{proposal.id}.all",
                type="primary",
                disabled=unfinished,
                width="stretch",
            ):
                chosen = sorted(n for n in decisions if n in readable)
                decide(ctx, actor, proposal, chosen, decisions, reason=reason)  # type: ignore[arg-type]
            if none.button(ctx.tr("review.reject_all"), key=f"review.{proposal.id}.none", width="stretch"):
                decide(ctx, actor, proposal, None, {}, reason=reason, reject=True)  # type: ignore[arg-type]


def recent(ctx: Context, actor: Actor) -> None:
    """The latest acceptances, to undo whole or item by item."""
    with guard(stop=False):
        found: list[Change] = history.changes(
            ctx.driver, ctx.settings, history.Filters(actions=("accept",)), limit=RECENT
        )
        if not found:
            return
        undone = history.undone(ctx.driver, ctx.settings, [c.id for c in found])
        names = names_for(ctx.driver, ctx.settings, found, ctx.lang)
        with st.expander(ctx.tr("review.recent"), icon=":material/history:"):
            show_changes(found, names, undone, actor, key="review.recent")


def main(ctx: Context) -> None:
    st.title(ctx.tr("review.title"))
    st.caption(ctx.tr("review.help"))
    show_flash("review")
    actor = current_actor()
    if actor is None or not actor.may("review"):
        st.info(ctx.tr("review.readers"))
    with guard():
        queue = review.open_proposals(ctx.driver, ctx.settings)
        texts = item_texts(ctx.driver, ctx.settings, queue, ctx.lang)
        ids = {e for p in queue for i in p.items if i.request is not None for e in i.request.entities}
        ids |= {
            c for p in queue for i in p.items if i.proposed is not None for c in i.proposed.candidates or ()
        }
        names = names_of(ctx.driver, ctx.settings, ids, [p.source for p in queue if p.source], ctx.lang)
    if not queue:
        st.info(ctx.tr("review.empty"))
    for proposal in queue:
        show_proposal(ctx, actor, proposal, texts, names)
    if actor is not None and actor.may("review"):
        recent(ctx, actor)


main(open_page(need_data=False))
