"""Add an article: paste or upload it, see the entities and facts it states, send them to review."""

from __future__ import annotations

import streamlit as st

from explorer import countries, i18n
from explorer.app import state
from explorer.app.auth import current_actor
from explorer.app.connection import guard, open_page
from explorer.app.state import Context
from explorer.app.uploader import article_uploader
from explorer.curation.actors import Actor
from explorer.escaping import markdown_text
from explorer.ingest.nlp import preload
from explorer.ingest.proposals import Ingested, SourceInfo, ingest, load_article

TEXT, FILE, LANG, LAST, DONE = "ingest.text", "ingest.file", "ingest.lang", "ingest.last", "ingest.done"
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


def run(ctx: Context, actor: Actor | None, data: bytes, name: str | None, *, queue: bool) -> Ingested:
    article = load_article(data, name=name)
    lang = st.session_state.get(LANG)
    info = SourceInfo(*((st.session_state.get(f"ingest.{f}") or "").strip() or None for f in FIELDS))
    return ingest(
        ctx.driver,
        ctx.settings,
        actor or Actor("reader"),
        article,
        lang=None if lang in (None, "auto") else lang,
        info=info,
        queue=queue,
    )


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
    preload()  # once per server: the models stay loaded for every session
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
        else:
            with guard(stop=False), st.spinner(ctx.tr("ingest.reading")):
                st.session_state[LAST] = (data, name, run(ctx, actor, data, name, queue=False))
    last = st.session_state.get(LAST)
    if not last:
        return
    data, name, ingested = last
    show(ctx, ingested)
    if ingested.known or ingested.repeated:
        st.caption(ctx.tr("ingest.known", known=ingested.known, repeated=ingested.repeated))
    if ingested.nothing_new:
        st.info(ctx.tr("ingest.nothing_new"))
        return
    count = len(ingested.items)
    if may and st.button(ctx.tr("ingest.queue", n=count), type="primary", icon=":material/send:"):
        with guard(stop=False):
            queued = run(ctx, actor, data, name, queue=True)
            if queued.proposal is not None:
                st.session_state[DONE] = {
                    "n": queued.proposal.id,
                    "entities": len(queued.entities),
                    "ties": len(queued.ties),
                    "edits": len(queued.edits),
                }
            st.session_state.pop(LAST, None)
            st.rerun()


main(open_page(need_data=False))
