"""Asks for introductions: follow-ups due, the open asks with the form that closes each one with
its outcome, what came of the others, and introducers' willingness (marked by editors)."""

from __future__ import annotations

import functools

import streamlit as st

from explorer.app import state
from explorer.app.auth import current_actor
from explorer.app.changes import flash, show_flash
from explorer.app.connection import error_banner, guard, open_page
from explorer.app.state import Context
from explorer.app.widgets import entity_search
from explorer.curation import asks
from explorer.curation.actors import Actor
from explorer.curation.asked import ask_rows, ask_sentence, outcome_word, willingness_word
from explorer.curation.names import names_of
from explorer.errors import ExplorerError
from explorer.escaping import markdown_text
from explorer.model import Entity
from explorer.model.asks import OUTCOMES, WILLINGNESS, Ask
from explorer.model.clock import today

SHOW, ABOUT, ASK = "asks.show_what", "asks.about_id", "asks.ask"
WHO, LEVEL, REASON = "asks.will.who", "asks.will.level", "asks.will.reason"
_SHOWN = ("open", "due", "all")


def arrive() -> None:
    """The view's state from the URL: ``show=open|due|all``, ``about=ID``, ``ask=N``."""
    if SHOW in st.session_state:
        return
    query = state.url_params()
    shown = query.get("show", "")
    number = query.get("ask", "").strip().lstrip("#")
    state.seed_widgets(
        {
            SHOW: shown if shown in _SHOWN else "open",
            ABOUT: query.get("about") or None,
            ASK: int(number) if number.isdigit() else None,
        }
    )


def close(ctx: Context, actor: Actor, ask: Ask, outcome: str, note: str, names: dict[str, str]) -> None:
    """Close ``ask`` with ``outcome``; say so after the rerun (and the review item it proposed)."""
    try:
        closed, proposal = asks.close_ask(ctx.driver, ctx.settings, actor, ask.id, outcome, note)
    except ExplorerError as error:
        error_banner(error, retry_key=None)
        return
    word = outcome_word(outcome, ctx.lang)
    if proposal is not None:
        a, b = names.get(closed.asker, closed.asker), names.get(closed.target, closed.target)
        flash(ctx.tr("asks.closed_proposed", n=closed.id, outcome=word, a=a, b=b, p=proposal.id), "asks")
    else:
        flash(ctx.tr("asks.closed", n=closed.id, outcome=word), "asks")
    st.rerun()


def ask_card(ctx: Context, actor: Actor | None, ask: Ask, names: dict[str, str], *, linked: bool) -> None:
    """One open ask in words, a link to its paths, and the form that closes it."""
    with st.container(border=True):
        badge = f" · :violet-badge[{ctx.tr('asks.linked')}]" if linked else ""
        st.markdown(f"**{ctx.tr('asks.card', n=ask.id)}**{badge}")
        st.markdown(markdown_text(ask_sentence(ask, ctx.lang, today(), names)))
        if ask.path:
            route = " → ".join(names.get(i, ask.names.get(i, i)) for i in ask.path)
            st.caption(markdown_text(route))
        link = f"/paths?from={ask.asker if ask.asker_kind != 'team' else '@us'}&to={ask.target}"
        st.markdown(f":material/route: [{ctx.tr('asks.open_paths')}]({link})")  # a page link takes no query
        allowed = actor is not None and actor.may("ask") and (actor.name == ask.who or actor.may("review"))
        if not allowed:
            return
        with st.form(f"asks.close.{ask.id}", border=False):
            outcome = st.selectbox(
                ctx.tr("asks.outcome"),
                OUTCOMES,
                key=f"asks.outcome.{ask.id}",
                format_func=lambda o: outcome_word(o, ctx.lang),
            )
            note = st.text_input(ctx.tr("asks.note"), key=f"asks.note.{ask.id}")
            if st.form_submit_button(ctx.tr("asks.close"), type="primary"):
                assert actor is not None
                close(ctx, actor, ask, str(outcome), note, names)


def willingness(ctx: Context, actor: Actor | None) -> None:
    """The marks of willingness, and the form that sets one (editors)."""
    with st.expander(ctx.tr("asks.willingness"), icon=":material/volunteer_activism:"):
        st.caption(ctx.tr("asks.willingness.intro"))
        with guard(stop=False):
            found = asks.marks(ctx.driver, ctx.settings)
            named = names_of(ctx.driver, ctx.settings, [m.entity for m in found], [], ctx.lang)
            if not found:
                st.caption(ctx.tr("asks.willingness.none"))
            for m in found:
                why = f" — {m.reason}" if m.reason else ""
                st.markdown(
                    ctx.tr(
                        "asks.willingness.line",
                        who=markdown_text(named.entity(m.entity).display(ctx.lang)),
                        level=willingness_word(m.level, ctx.lang),
                        reason=markdown_text(why),
                        by=markdown_text(m.who or ""),
                        at=(m.at or "")[:10],
                    )
                )
        if actor is None or not actor.may("willingness"):
            st.caption(ctx.tr("asks.willingness.editor"))
            return
        mark_form(ctx, actor)


def _pick(entity: Entity) -> None:
    st.session_state[WHO] = entity


def mark_form(ctx: Context, actor: Actor) -> None:
    who = st.session_state.get(WHO)
    entity_search("asks.will.search", _pick, label=ctx.tr("asks.willingness.who"))
    if not isinstance(who, Entity):
        return
    st.markdown(f"**{markdown_text(who.display(ctx.lang))}**")
    level = st.radio(
        ctx.tr("asks.willingness.level"),
        WILLINGNESS,
        key=LEVEL,
        horizontal=True,
        format_func=lambda w: willingness_word(w, ctx.lang),
    )
    reason = st.text_input(ctx.tr("asks.willingness.reason"), key=REASON)
    if st.button(ctx.tr("asks.willingness.save"), key="asks.will.save", type="primary"):
        try:
            asks.mark_willingness(ctx.driver, ctx.settings, actor, who.id, str(level), reason)
        except ExplorerError as error:
            error_banner(error, retry_key=None)
            return
        word = willingness_word(str(level), ctx.lang)
        flash(ctx.tr("asks.willingness.saved", who=markdown_text(who.display(ctx.lang)), level=word), "asks")
        st.session_state.pop(WHO, None)
        st.rerun()


def sidebar(ctx: Context) -> str | None:
    """What to show, and about which entity; the entity's id (``None``: all)."""
    with st.sidebar:
        st.radio(ctx.tr("asks.show"), _SHOWN, key=SHOW, format_func=lambda s: ctx.tr(f"asks.show.{s}"))
        about = st.session_state.get(ABOUT)
        if about:
            st.caption(f"{ctx.tr('asks.about')}: {markdown_text(about)}")
            st.button(ctx.tr("asks.about.clear"), key="asks.about.clear", on_click=_about, args=(None,))
        entity_search("asks.about.search", functools.partial(_about_entity), label=ctx.tr("asks.about"))
    return str(about) if about else None


def _about(value: str | None) -> None:
    st.session_state[ABOUT] = value


def _about_entity(entity: Entity) -> None:
    st.session_state[ABOUT] = entity.id


def main(ctx: Context) -> None:
    arrive()
    st.title(ctx.tr("asks.title"))
    st.caption(ctx.tr("asks.intro"))
    show_flash("asks")
    actor = current_actor()
    if actor is None:
        st.info(ctx.tr("asks.sign_in"))
    about = sidebar(ctx)
    shown = st.session_state[SHOW]
    linked = st.session_state.get(ASK)
    state.set_url({"show": shown if shown != "open" else "", "about": about or "", "ask": linked or ""})
    on = today()
    with guard():
        found = asks.list_asks(ctx.driver, ctx.settings, about=about)
        ids = {i for a in found for i in (*a.entities, *a.path)}
        named = names_of(ctx.driver, ctx.settings, ids, [], ctx.lang)
    names = {i: named.entity(i).display(ctx.lang) for i in ids if i in named.entities}
    found.sort(key=lambda a: a.id != linked)  # the ask a link names comes first in its group
    due = [a for a in found if a.due(on)]
    still = [a for a in found if a.state == "open" and not a.due(on)]
    done = [a for a in found if a.state == "closed"]
    st.markdown(ctx.tr("asks.counts", open=len(due) + len(still), due=len(due), closed=len(done)))
    if not found:
        st.info(ctx.tr("asks.none"), icon=":material/outgoing_mail:")
    sections = [("asks.due_heading", due)] + ([("asks.open_heading", still)] if shown != "due" else [])
    for heading, group in sections:
        if group:
            st.subheader(ctx.tr(heading))
            for ask in group:
                ask_card(ctx, actor, ask, names, linked=ask.id == linked)
    if done and shown == "all":
        st.subheader(ctx.tr("asks.closed_heading"))
        st.dataframe(ask_rows(done, ctx.lang, on, names), hide_index=True)
    willingness(ctx, actor)


main(open_page(need_data=False))
