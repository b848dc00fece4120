"""One introduction path as a card of the paths page: rank, score, why it ranks there, the route,
the words with who to ask, the sources and each hop's evidence, a button that shows it on the
drawing, and one that logs it as an ask for an introduction."""

from __future__ import annotations

import streamlit as st

from explorer import defaults, i18n
from explorer.app.auth import current_actor
from explorer.app.changes import flash
from explorer.app.connection import connection, error_banner
from explorer.app.state import Context, tr
from explorer.curation.asks import open_ask
from explorer.errors import ExplorerError
from explorer.escaping import markdown_text
from explorer.introductions.answers import IntroPath, PathSearch
from explorer.introductions.asking import ask_for_path
from explorer.introductions.explain import explain, format_score, route_steps, source_summary
from explorer.introductions.reasons import evidence_lines
from explorer.introductions.why import why_line
from explorer.model import Lang

__all__ = ["PATH", "card", "log_ask", "route"]

#: The path highlighted on the drawing (1 is the first card).
PATH = "paths.path"


def route(path: IntroPath, lang: Lang) -> str:
    """The path for people: "Neuroservices ← *leads* · Bruno Buisson → *sits on the board of* · Biocom"."""
    parts = [f"**{markdown_text(path.nodes[0].display(lang))}**"]
    for direction, phrase, name in route_steps(path, lang):
        arrow = {"both": "—", "out": "→", "in": "←"}[direction]
        tail = " —" if direction == "both" else ""
        parts.append(f" {arrow} *{markdown_text(phrase)}*{tail} **{markdown_text(name)}**")
    return "".join(parts)


def show_path(rank: int) -> None:
    st.session_state[PATH] = rank


def log_ask(found: PathSearch, rank: int) -> None:
    """Log path ``rank`` as an ask (signed by the reader; follow-up in the default number of days),
    and say so after the rerun, with the way to the Asks page."""
    actor = current_actor()
    if actor is None:
        return
    driver, settings = connection()
    try:
        ask = open_ask(driver, settings, actor, ask_for_path(found, rank))
    except ExplorerError as error:
        error_banner(error, retry_key=None)
        return
    flash(tr("paths.asked", n=ask.id, day=ask.follow_up or "—"), place="paths")


def card(ctx: Context, found: PathSearch, index: int, shown: int) -> None:
    """One path: rank, score and hops, why it ranks there, the route, the words, the sources and
    the evidence of each hop; a button that shows it on the drawing, one that logs it as an ask."""
    path, rank = found.paths[index], index + 1
    with st.container(border=True):
        head = ctx.tr(
            "paths.card",
            rank=rank,
            score=format_score(path.score, ctx.lang),
            hops=i18n.count_of(path.hop_count, "hop", ctx.lang),
        )
        badges = ""
        if rank == 1:
            badges += f" · :green-badge[{ctx.tr('paths.best')}]"
        if rank == shown:
            badges += f" · :violet-badge[{ctx.tr('paths.on_graph')}]"
        st.markdown(f"**{head}**{badges}")
        st.caption(markdown_text(why_line(found, index, ctx.lang)))
        st.markdown(route(path, ctx.lang))
        st.markdown(markdown_text(explain(path, ctx.lang, found.side)))
        cited = source_summary(path, found, ctx.lang)
        if cited:
            st.caption(ctx.tr("paths.sources", sources=markdown_text("; ".join(cited))))
        lines = evidence_lines(path, found.sources, ctx.lang)
        if lines:
            said = "  \n".join(markdown_text(line) for line in lines)
            st.caption(f"{markdown_text(ctx.tr('evidence.head'))}  \n{said}")
        show, ask = st.columns(2)
        show.button(
            ctx.tr("paths.show"),
            key=f"paths.show.{rank}",
            on_click=show_path,
            args=(rank,),
            disabled=rank == shown,
            icon=":material/conversion_path:",
        )
        actor = current_actor()
        allowed = actor is not None and actor.may("ask")
        days = defaults.ASK_FOLLOW_UP_DAYS
        ask.button(
            ctx.tr("paths.ask"),
            key=f"paths.ask.{rank}",
            on_click=log_ask,
            args=(found, rank),
            disabled=not allowed,
            help=ctx.tr("paths.ask.help", days=days) if allowed else ctx.tr("asks.sign_in"),
            icon=":material/outgoing_mail:",
        )
