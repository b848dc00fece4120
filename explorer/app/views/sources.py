"""The sources: one source (``?id=``) with its metadata and every fact it supports, grouped by entity;
without an id, every source with the number of facts citing it."""

from __future__ import annotations

import streamlit as st

from explorer import i18n
from explorer.app import state
from explorer.app.auth import current_actor
from explorer.app.connection import guard, open_page
from explorer.app.facts import fact_card, more_button, shown_count
from explorer.app.state import Context
from explorer.curation.texts import attach_text
from explorer.escaping import markdown_text
from explorer.views.sources import EntityFacts, SourcePage, UnknownSource, list_sources, read_source

#: Entities listed before a "show more" button on a source's page.
FIRST_GROUPS = 20


def all_sources_link(ctx: Context) -> None:
    st.page_link(state.page("sources"), label=ctx.tr("sources.all"), icon=":material/list:")


def show_list(ctx: Context) -> None:
    """Every source (by title), how many facts cite it, each a link to its page."""
    st.title(ctx.tr("sources.title"))
    st.caption(ctx.tr("sources.help"))
    with guard():
        found, cut = list_sources(ctx.driver, ctx.settings)
    if not found:
        st.info(ctx.tr("sources.none"))
        return
    st.caption(ctx.tr("sources.count", sources=i18n.count_of(len(found), "source", ctx.lang)))
    if cut:
        st.warning(ctx.tr("sources.list_capped", n=len(found)))
    for item in found:
        source = item.source
        with st.container(border=True):
            st.page_link(
                state.page("sources"),
                label=markdown_text(source.title(ctx.lang)),
                icon=":material/description:",
                query_params={"id": source.id},
            )
            meta = [
                p
                for p in (source.publisher, i18n.date_text(source.date, ctx.lang) if source.date else None)
                if p
            ]
            meta += [ctx.tr("sources.facts_n", facts=i18n.count_of(item.facts, "fact", ctx.lang)), source.id]
            st.caption(markdown_text(" · ".join(meta)))


def show_metadata(ctx: Context, found: SourcePage) -> None:
    """Title, publisher, date, language, file and id; the original's address as a link when known."""
    source = found.source
    st.title(markdown_text(source.title(ctx.lang)))
    unknown, unknown_f = ctx.tr("sources.unknown_value"), ctx.tr("sources.unknown_feminine")
    rows = [
        ("sources.publisher", source.publisher or unknown),
        ("sources.date", i18n.date_text(source.date, ctx.lang) if source.date else unknown_f),
        ("sources.language", i18n.language_name(source.language, ctx.lang) if source.language else unknown_f),
    ]
    if source.file:
        rows.append(("sources.file", source.file))
    rows.append(("sources.id", source.id))
    st.markdown(
        "  \n".join(
            ctx.tr("sources.field", name=ctx.tr(key), value=markdown_text(value)) for key, value in rows
        )
    )
    if source.url:
        st.link_button(ctx.tr("sources.open_url"), source.url, icon=":material/open_in_new:")
        st.caption(markdown_text(source.url))
    else:
        st.caption(ctx.tr("sources.no_url"))


def show_cited(ctx: Context, found: SourcePage, n: int | None, given: str) -> None:
    """The paragraph a link cites, first on the page (a link from a fact's "Open the source")."""
    paragraphs = found.source.paragraphs
    if n is not None and n >= 1 and not paragraphs:
        st.info(ctx.tr("sources.no_text", n=n))
    elif n is None or not 1 <= n <= len(paragraphs):
        st.warning(
            ctx.tr(
                "sources.bad_paragraph",
                given=markdown_text(given),
                paragraphs=i18n.count_of(len(paragraphs), "paragraph", ctx.lang),
            )
        )
    else:
        with st.container(border=True):
            st.markdown(f"**{ctx.tr('sources.cited_paragraph', n=n)}**")
            st.markdown(markdown_text(paragraphs[n - 1]))


def attach_panel(ctx: Context, found: SourcePage) -> None:
    """For an editor: attach the source's text (their own copy), stored in numbered paragraphs."""
    actor = current_actor()
    if actor is None or not actor.may("edit"):
        return
    source = found.source
    n = len(source.paragraphs)
    title = ctx.tr("sources.attach") if not n else ctx.tr("sources.attach_again", paragraphs=count(n, ctx))
    with st.expander(title, icon=":material/attach_file:"):
        st.caption(ctx.tr("sources.attach_help"))
        upload = st.file_uploader(
            ctx.tr("sources.attach_file"), type=["txt", "md"], key=f"sources.{source.id}.text"
        )
        if upload is None or not st.button(
            ctx.tr("sources.attach_button"), key=f"sources.{source.id}.attach"
        ):
            return
        try:
            text = upload.getvalue().decode("utf-8-sig")
        except UnicodeDecodeError:
            st.error(ctx.tr("sources.attach_not_utf8"))
            return
        with guard(stop=False):
            change = attach_text(ctx.driver, ctx.settings, actor, source.id, text)
            st.success(
                ctx.tr(
                    "sources.attached", paragraphs=count(int(change.details["paragraphs"]), ctx), n=change.id
                )
            )


def count(n: int, ctx: Context) -> str:
    return i18n.count_of(n, "paragraph", ctx.lang)


def show_group(ctx: Context, found: SourcePage, group: EntityFacts) -> None:
    """One entity (a link back to it in the network) and the facts the source gives about it."""
    entity = group.entity
    st.markdown(f"##### {markdown_text(entity.display(ctx.lang))}")
    st.page_link(
        state.page("network"),
        label=markdown_text(ctx.tr("sources.open_entity", name=entity.display(ctx.lang))),
        icon=":material/hub:",
        query_params={"focus": entity.id, "depth": "1"},
    )
    paragraphs = found.source.paragraphs
    for fact in group.facts:
        fact_card(fact.tie, entity.id, fact.end, found.source, with_source=False)
        n = fact.paragraph
        if isinstance(n, int) and 1 <= n <= len(paragraphs):
            with st.expander(ctx.tr("sources.paragraph_text", n=n)):
                st.markdown(markdown_text(paragraphs[n - 1]))


def show_facts(ctx: Context, found: SourcePage) -> None:
    st.subheader(ctx.tr("sources.facts"))
    if not found.groups:
        st.info(ctx.tr("sources.no_facts"))
    else:
        st.caption(
            ctx.tr(
                "sources.facts_count",
                facts=i18n.count_of(found.total, "citing_fact", ctx.lang),
                entities=i18n.count_of(len(found.groups), "entity", ctx.lang),
            )
        )
        if found.truncated:
            st.warning(ctx.tr("sources.capped", shown=found.shown, total=found.total))
        key = f"sources.{found.source.id}.groups"
        shown = shown_count(key, len(found.groups), FIRST_GROUPS)
        for group in found.groups[:shown]:
            show_group(ctx, found, group)
        more_button(key, len(found.groups), shown, label="sources.more_groups")
    if found.retired:
        with st.expander(ctx.tr("sources.retired")):
            for fact in found.retired:
                at = ctx.tr("sources.retired_at", at=str(fact.tie.properties.get("retired_at") or "")[:10])
                fact_card(fact.tie, fact.start.id, fact.end, found.source, retired=at, with_source=False)
    if found.entities:
        with st.expander(ctx.tr("sources.recorded")):
            st.caption(
                ctx.tr(
                    "sources.recorded_count",
                    entities=i18n.count_of(found.entities_total, "recorded_entity", ctx.lang),
                )
            )
            st.markdown(
                "  \n".join(
                    markdown_text(f"{e.display(ctx.lang)} — {i18n.kind_name(e.kind, ctx.lang)} ({e.id})")
                    for e in found.entities
                )
            )


def show_unknown(ctx: Context, given: str, error: UnknownSource) -> None:
    """An id that names no source: say so, with the closest sources as links."""
    st.title(ctx.tr("sources.title"))
    st.warning(ctx.tr("sources.unknown", given=markdown_text(given)), icon=":material/help:")
    if error.sources:
        st.caption(ctx.tr("sources.closest"))
    for source in error.sources:
        st.page_link(
            state.page("sources"),
            label=markdown_text(f"{source.title(ctx.lang)} ({source.id})"),
            icon=":material/description:",
            query_params={"id": source.id},
        )
    all_sources_link(ctx)


def main(ctx: Context) -> None:
    params = state.url_params()
    given = params.get("id", "").strip()
    cited = params.get("paragraph", "").strip()
    paragraph = int(cited) if cited.isascii() and cited.isdigit() else None
    state.set_url({"id": given, **({"paragraph": str(paragraph)} if paragraph else {})} if given else {})
    if not given:
        show_list(ctx)
        return
    with guard():
        try:
            found = read_source(ctx.driver, ctx.settings, given)
        except UnknownSource as error:
            show_unknown(ctx, given, error)
            return
    all_sources_link(ctx)
    show_metadata(ctx, found)
    if cited:
        show_cited(ctx, found, paragraph, cited)
    show_facts(ctx, found)
    attach_panel(ctx, found)


main(open_page(need_data=False))
