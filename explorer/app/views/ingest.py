"""Add an article: paste or upload it, see the entities and facts it states, send them to review."""

from __future__ import annotations

import streamlit as st

from explorer import countries, i18n
from explorer.app import state
from explorer.app.auth import current_actor
from explorer.app.connection import error_banner, guard, open_page
from explorer.app.state import Context
from explorer.app.uploader import article_uploader
from explorer.curation.actors import Actor
from explorer.errors import ExplorerError
from explorer.escaping import markdown_text
from explorer.ingest import proposals
from explorer.ingest.bounded import BackgroundReading, Busy, Cancelled, TimeUp
from explorer.ingest.proposals import Ingested, SentSince, SourceInfo
from explorer.ingest.text import TooLarge

TEXT, FILE, LANG, LAST, DONE = "ingest.text", "ingest.file", "ingest.lang", "ingest.last", "ingest.done"
JOB = "ingest.job"
FIELDS = ("title", "publisher", "date", "url")


def form(ctx: Context) -> tuple[bytes | None, str | None, bool]:
    """The article (pasted or uploaded), its language and source; True when it is to be read."""
    st.text_area(ctx.tr("ingest.paste"), key=TEXT, height=260)
    upload = article_uploader(ctx, ctx.tr("ingest.upload"), ["txt", "md", "markdown", "html", "htm"], FILE)
    st.radio(
        ctx.tr("ingest.lang"),
        ["auto", "fr", "en"],
        key=LANG,
        horizontal=True,
        format_func=lambda v: ctx.tr("ingest.lang.auto") if v == "auto" else i18n.LANGUAGE_NAMES[v],  # type: ignore[index]
    )
    with st.expander(ctx.tr("ingest.source")):
        for name in FIELDS:
            st.text_input(ctx.tr(f"ingest.field.{name}"), key=f"ingest.{name}")
    pressed = st.button(ctx.tr("ingest.read"), type="primary", icon=":material/menu_book:")
    if upload is not None:
        return upload.getvalue(), upload.name, pressed
    text = st.session_state.get(TEXT) or ""
    return (text.encode("utf-8") if text.strip() else None), None, pressed


def start(ctx: Context, data: bytes, name: str | None) -> None:
    """Start reading the article on a thread of its own, in a worker bounded in time."""
    article = proposals.load_article(data, name=name)
    info = SourceInfo(*((st.session_state.get(f"ingest.{f}") or "").strip() or None for f in FIELDS))
    info.check()
    lang = st.session_state.get(LANG)
    job = BackgroundReading(ctx.driver, ctx.settings, article, None if lang in (None, "auto") else lang)
    st.session_state.pop(LAST, None)
    st.session_state[JOB] = (job, article, info)


def _problem(ctx: Context, error: ExplorerError) -> None:
    """The reading's limits said in the page's language; other problems as the usual banner."""
    if isinstance(error, Busy):
        st.warning(ctx.tr("ingest.busy", n=ctx.settings.ingest_workers), icon=":material/hourglass_top:")
    elif isinstance(error, TimeUp) and error.phase == "reading":
        st.error(ctx.tr("ingest.time_up", seconds=error.limit), icon=":material/timer_off:")
    elif isinstance(error, TimeUp):
        st.error(ctx.tr("ingest.start_up", seconds=error.limit), icon=":material/timer_off:")
    elif isinstance(error, TooLarge):
        key = "ingest.too_large" if error.unit == "bytes" else "ingest.too_long"
        size, limit = (i18n.number(v, ctx.lang) for v in (error.size, error.limit))
        st.error(ctx.tr(key, size=size, limit=limit), icon=":material/error:")
    elif isinstance(error, Cancelled):
        st.info(ctx.tr("ingest.stopped"), icon=":material/stop_circle:")
    else:
        error_banner(error)


@st.fragment(run_every=1.0)
def progress(ctx: Context) -> None:
    """The reading's progress, redrawn every second while it runs; the whole page once it ends."""
    held = st.session_state.get(JOB)
    if not held:
        return
    job = held[0]
    job.seen()
    if not job.running:
        st.rerun(scope="app")
    phase = ctx.tr(f"ingest.phase.{job.phase}")
    fraction = min(1.0, job.seconds / job.limit) if job.limit else 0.0
    st.progress(fraction, text=ctx.tr("ingest.progress", phase=phase, seconds=job.seconds, limit=job.limit))
    if st.button(ctx.tr("ingest.stop"), icon=":material/stop_circle:", key="ingest.stop"):
        job.stop()


def finish(ctx: Context, actor: Actor | None) -> None:
    """Once the reading ended: its result (what the article states, nothing queued) or its problem."""
    held = st.session_state.get(JOB)
    if not held or held[0].running:
        return
    job, article, info = st.session_state.pop(JOB)
    if job.error is not None:
        _problem(ctx, job.error)
        return
    with guard(stop=False):
        st.session_state[LAST] = proposals.read(
            ctx.driver, ctx.settings, article, info=info, found=job.reading
        )


def send(ctx: Context, actor: Actor, ingested: Ingested) -> None:
    """The reading shown goes to the review queue as it is (the article is not read again)."""
    with guard(stop=False):
        try:
            proposal = proposals.queue(ctx.driver, ctx.settings, actor, ingested)
        except SentSince:
            st.session_state.pop(LAST, None)
            st.warning(ctx.tr("ingest.sent_since"), icon=":material/history:")
            return
        st.session_state[DONE] = {
            "n": proposal.id,
            "entities": len(ingested.entities),
            "ties": len(ingested.ties),
            "edits": len(ingested.edits),
        }
        st.session_state.pop(LAST, None)
        st.rerun()


def show(ctx: Context, ingested: Ingested) -> None:
    """What the article names and states, as tables."""
    reading = ingested.reading
    st.caption(
        ctx.tr(
            "ingest.summary",
            title=markdown_text(ingested.source["title"]),
            language=ctx.tr(f"ingest.lang.{reading.lang}"),
            paragraphs=len(reading.paragraphs),
            seconds=reading.seconds,
        )
    )
    rows = []
    for entity in reading.entities:
        if entity.id and entity.sure:
            where = ctx.tr("ingest.linked", name=entity.name, id=entity.id)
        elif entity.candidates:
            where = ctx.tr(
                "ingest.choices", choices=", ".join(f"{c.name} ({c.id})" for c in entity.candidates)
            )
        else:
            country = f", {countries.country_name(entity.country, ctx.lang)}" if entity.country else ""
            where = ctx.tr("ingest.new", kind=i18n.kind_name(entity.kind, ctx.lang), country=country)
        rows.append(
            {
                ctx.tr("ingest.col.mention"): entity.mentions[0].text if entity.mentions else entity.name,
                ctx.tr("col.kind"): i18n.kind_name(entity.kind, ctx.lang),
                ctx.tr("ingest.col.map"): where,
                ctx.tr("ingest.col.paragraph"): entity.first_paragraph(reading.sentences),
            }
        )
    st.subheader(ctx.tr("ingest.entities", n=len(rows)))
    st.dataframe(rows, hide_index=True, width="stretch")
    st.subheader(ctx.tr("ingest.ties", n=len(reading.ties)))
    if not reading.ties:
        st.info(ctx.tr("ingest.no_ties"))
        return
    ties = [
        {
            ctx.tr("col.from"): reading.entities[t.start].name,
            ctx.tr("col.link"): i18n.type_phrase(t.type, ctx.lang),
            ctx.tr("col.to"): reading.entities[t.end].name,
            ctx.tr("col.status"): i18n.status_name(t.status, ctx.lang),
            ctx.tr("col.since"): t.since or "",
            ctx.tr("col.evidence"): i18n.evidence_name(t.evidence, ctx.lang),
            ctx.tr("ingest.col.paragraph"): t.paragraph,
            ctx.tr("ingest.col.confidence"): t.confidence,
            ctx.tr("ingest.col.sentence"): t.quote,
        }
        for t in reading.ties
    ]
    st.dataframe(ties, hide_index=True, width="stretch")


def main(ctx: Context) -> None:
    st.title(ctx.tr("ingest.title"))
    st.caption(ctx.tr("ingest.help"))
    actor = current_actor()
    may = actor is not None and actor.may("propose")
    if not may:
        st.info(ctx.tr("ingest.readers"))
    done = st.session_state.pop(DONE, None)
    if done:
        st.success(ctx.tr("ingest.queued", **done), icon=":material/check_circle:")
        st.page_link(state.page("review"), label=ctx.tr("ingest.open_review"), icon=":material/fact_check:")
    data, name, pressed = form(ctx)
    if pressed:
        if data is None:
            st.warning(ctx.tr("ingest.nothing"))
        elif st.session_state.get(JOB) and st.session_state[JOB][0].running:
            st.info(ctx.tr("ingest.already"))
        else:
            try:
                start(ctx, data, name)
            except ExplorerError as e:
                _problem(ctx, e)
    finish(ctx, actor)
    if st.session_state.get(JOB):
        progress(ctx)
        return
    ingested = st.session_state.get(LAST)
    if ingested is None:
        return
    show(ctx, ingested)
    if ingested.known or ingested.repeated:
        st.caption(ctx.tr("ingest.known", known=ingested.known, repeated=ingested.repeated))
    if ingested.nothing_new:
        st.info(ctx.tr("ingest.nothing_new"))
        return
    count = len(ingested.items)
    if may and actor and st.button(ctx.tr("ingest.queue", n=count), type="primary", icon=":material/send:"):
        send(ctx, actor, ingested)


main(open_page(need_data=False))
