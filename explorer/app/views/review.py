"""The review queue: suggestions and proposed facts, each accepted (possibly edited) or rejected
with a reason by an editor, one by one or a whole batch at once."""

from __future__ import annotations

import streamlit as st

from explorer import i18n, model
from explorer.app.auth import current_actor
from explorer.app.changes import flash, show_flash
from explorer.app.connection import error_banner, guard, open_page
from explorer.app.state import Context
from explorer.curation import review
from explorer.curation.actors import Actor
from explorer.errors import ExplorerError
from explorer.escaping import markdown_text


def item_text(ctx: Context, item: review.Item) -> str:
    """An item in words: what it proposes, and the sentence it rests on."""
    p = item.payload
    if item.what == "entity":
        text = ctx.tr(
            "review.entity",
            name=markdown_text(p.get("name")),
            kind=i18n.kind_name(str(p.get("kind")), ctx.lang),
        )
        if p.get("match"):
            text += " · " + ctx.tr("review.match", id=markdown_text(p["match"]))
    elif item.what == "tie":
        text = ctx.tr(
            "review.tie",
            start=markdown_text(p.get("start")),
            type=i18n.type_phrase(str(p.get("type")), ctx.lang),
            end=markdown_text(p.get("end")),
        )
        if p.get("status"):
            text += f" ({i18n.status_name(p['status'], ctx.lang)})"
    else:
        changes = ", ".join(f"{k} → {v}" for k, v in (p.get("changes") or {}).items())
        text = f"{ctx.tr(f'action.{item.what}')} {markdown_text(p.get('fact'))}"
        if changes:
            text += f": {markdown_text(changes)}"
    if p.get("quote"):
        text += f"\n\n> {markdown_text(p['quote'])}"
    if p.get("paragraph"):
        text += f" ({ctx.tr('tip.paragraph', n=p['paragraph'])})"
    if item.reason:
        text += f"\n\n*{markdown_text(item.reason)}*"
    return text


def decision(ctx: Context, item: review.Item, key: str) -> review.Decision:
    """What the reviewer changes before accepting: an entity's link, a tie's type, status, direction."""
    p = item.payload
    if item.what == "entity":
        choices = [str(c) for c in p.get("candidates") or []]
        if len(choices) > 1:  # an ambiguous name: the entities it may be, or a new one
            link = st.selectbox(
                ctx.tr("review.link_to"), [*choices, ""], key=f"{key}.link", format_func=lambda c: c or "—"
            )
            return review.Decision(link_to=link or None, create=not link)
        link = st.text_input(ctx.tr("review.link_to"), value=str(p.get("match") or ""), key=f"{key}.link")
        return review.Decision(link_to=link.strip() or None, create=not link.strip())
    if item.what == "tie":
        left, mid, right = st.columns(3)
        types = list(model.REL_TYPES)
        given = model.parse_rel_type(str(p.get("type"))) or types[0]
        rtype = left.selectbox(
            ctx.tr("edit.type"),
            types,
            index=types.index(given),
            key=f"{key}.type",
            format_func=lambda t: i18n.type_phrase(t, ctx.lang),
        )
        status = mid.selectbox(
            ctx.tr("col.status"),
            model.STATUSES,
            key=f"{key}.status",
            index=model.STATUSES.index(model.parse_status(str(p.get("status") or "active")) or "active"),
            format_func=lambda s: i18n.status_name(s, ctx.lang),
        )
        reverse = right.checkbox(ctx.tr("edit.reverse"), key=f"{key}.reverse")
        return review.Decision(type=rtype, status=status, reverse=reverse)
    return review.Decision()


def decide(
    ctx: Context,
    actor: Actor,
    proposal: review.Proposal,
    items: list[int] | None,
    decisions: dict[int, review.Decision],
    reject_reason: str | None,
) -> None:
    try:
        if reject_reason is None:
            change = review.accept(ctx.driver, ctx.settings, actor, proposal.id, items, decisions=decisions)
        else:
            change = review.reject(ctx.driver, ctx.settings, actor, proposal.id, items, reason=reject_reason)
    except ExplorerError as error:
        error_banner(error, retry_key=None)
        return
    flash(ctx.tr("edit.saved", n=change.id))
    st.rerun()


def show_proposal(ctx: Context, actor: Actor | None, proposal: review.Proposal) -> None:
    may = actor is not None and actor.may("review")
    title = (
        proposal.title or ctx.tr(f"review.origin.{proposal.origin}")
        if proposal.origin in ("article", "suggestion")
        else proposal.origin
    )
    with st.container(border=True):
        st.markdown(f"**#{proposal.id} · {markdown_text(title)}**")
        st.caption(
            ctx.tr(
                "review.by",
                who=markdown_text(proposal.who),
                at=i18n.date_text(proposal.at, ctx.lang, time=True),
                source=markdown_text(proposal.source or "—"),
            )
        )
        decisions: dict[int, review.Decision] = {}
        for item in proposal.items:
            key = f"review.{item.key}"
            st.markdown(f"{item.n}. " + item_text(ctx, item))
            if item.state != "open":
                st.caption(
                    ctx.tr(
                        f"review.state.{item.state}",
                        who=markdown_text(item.decided_by or ""),
                        reason=markdown_text(item.reason or ""),
                    )
                )
                continue
            if not may:
                continue
            decisions[item.n] = decision(ctx, item, key)
            accept, reject = st.columns(2)
            if accept.button(ctx.tr("review.accept"), key=f"{key}.accept", icon=":material/check:"):
                decide(ctx, actor, proposal, [item.n], decisions, None)  # type: ignore[arg-type]
            reason = reject.text_input(ctx.tr("review.reason"), key=f"{key}.reason")
            if reject.button(ctx.tr("review.reject"), key=f"{key}.reject", icon=":material/close:"):
                decide(ctx, actor, proposal, [item.n], decisions, reason)  # type: ignore[arg-type]
        if may and len(proposal.open_items) > 1:
            every, none = st.columns(2)
            if every.button(ctx.tr("review.accept_all"), key=f"review.{proposal.id}.all", type="primary"):
                decide(ctx, actor, proposal, None, decisions, None)  # type: ignore[arg-type]
            reason = none.text_input(ctx.tr("review.reason"), key=f"review.{proposal.id}.reason")
            if none.button(ctx.tr("review.reject_all"), key=f"review.{proposal.id}.none"):
                decide(ctx, actor, proposal, None, decisions, reason)  # type: ignore[arg-type]


def main(ctx: Context) -> None:
    st.title(ctx.tr("review.title"))
    st.caption(ctx.tr("review.help"))
    show_flash("review")
    actor = current_actor()
    if actor is None or not actor.may("review"):
        st.info(ctx.tr("review.readers"))
    with guard():
        queue = review.open_proposals(ctx.driver, ctx.settings)
    if not queue:
        st.info(ctx.tr("review.empty"))
    for proposal in queue:
        show_proposal(ctx, actor, proposal)


main(open_page(need_data=False))
