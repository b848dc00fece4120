"""The alliance: its parties West to East, their links, who already bridges them, what is still pending."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from explorer import i18n, wording
from explorer.app import state
from explorer.app.connection import guard, open_page
from explorer.app.frame import graph, layouts
from explorer.app.state import Context
from explorer.app.widgets import export_buttons
from explorer.countries import country_name
from explorer.drawing.render import draw
from explorer.escaping import markdown_text
from explorer.model import Tie
from explorer.views import alliance, network
from explorer.views.alliance import AllianceView

CHOSEN = "alliance.id"


def country(ctx: Context, code: str | None) -> str:
    return country_name(code, ctx.lang) if code else ""


def tie_text(ctx: Context, tie: Tie) -> str:
    """'member of (active, inferred, since 2012)'."""
    notes = wording.tie_state(tie, ctx.lang, always=("status",))
    return f"{i18n.type_phrase(tie.type, ctx.lang)} ({', '.join(notes)})"


def source_text(ctx: Context, tie: Tie, sources: Mapping[str, str]) -> str:
    source = sources.get(tie.source or "", tie.source or "")
    if tie.paragraph not in (None, ""):
        source += f", {ctx.tr('tip.paragraph', n=tie.paragraph)}"
    return source


def choose_alliance(ctx: Context) -> str | None:
    """The alliance shown: the URL's, else the first; a picker when there are several."""
    with guard():
        known = alliance.alliances(ctx.driver, ctx.settings)
    if not known:
        return None
    ids = [a.id for a in known]
    wanted = state.url_params().get("alliance", "")
    state.seed_widgets({CHOSEN: wanted if wanted in ids else ids[0]})
    if len(known) > 1:
        names = {a.id: a.display(ctx.lang) for a in known}
        st.sidebar.selectbox(ctx.tr("alliance.choose"), ids, key=CHOSEN, format_func=names.__getitem__)
    picked = st.session_state.get(CHOSEN)
    chosen = picked if isinstance(picked, str) and picked in ids else ids[0]
    state.set_url({"alliance": chosen} if chosen != ids[0] else {})
    return chosen


def show_parties(ctx: Context, view: AllianceView) -> None:
    st.subheader(ctx.tr("alliance.parties"))
    for column, party in zip(st.columns(max(1, len(view.parties))), view.parties, strict=False):
        with column.container(border=True):
            st.markdown(f"**{markdown_text(party.entity.display(ctx.lang))}**")
            kind = i18n.kind_name(party.entity.kind, ctx.lang)
            st.caption(markdown_text(f"{kind} · {country(ctx, party.entity.country)}"))
            st.markdown(markdown_text(tie_text(ctx, party.tie)))


def show_graph(ctx: Context, view: AllianceView, sources: Mapping[str, str]) -> dict[str, str]:
    labels = {
        p.entity.id: f"{p.entity.display(ctx.lang)}\n{country(ctx, p.entity.country)}" for p in view.parties
    }
    page = draw(
        view.graph, lang=ctx.lang, positions=view.positions, labels=labels, sources=sources, layouts=layouts()
    )
    event = graph(page, key="alliance.graph", height=560)
    if event.focus:
        state.open_in_network(event.focus)
    st.caption(ctx.tr("graph.open_hint"))
    st.page_link(
        state.page("network"),
        label=ctx.tr("alliance.open"),
        icon=":material/hub:",
        query_params={"focus": view.alliance.id, "depth": "2"},
    )
    return labels


def show_links(ctx: Context, view: AllianceView, sources: Mapping[str, str]) -> None:
    st.subheader(ctx.tr("alliance.links"))
    rows = []
    for link in view.links:
        pair = f"{link.a.display(ctx.lang)} — {link.b.display(ctx.lang)}"
        if not link.ties:
            rows.append(
                {
                    ctx.tr("col.party"): pair,
                    ctx.tr("col.link"): ctx.tr("alliance.no_link"),
                    ctx.tr("col.source"): "",
                }
            )
        for tie in link.ties:
            rows.append(
                {
                    ctx.tr("col.party"): pair,
                    ctx.tr("col.link"): tie_text(ctx, tie),
                    ctx.tr("col.source"): source_text(ctx, tie, sources),
                }
            )
    st.dataframe(rows, hide_index=True, width="stretch")


def show_bridges(ctx: Context, view: AllianceView) -> None:
    st.subheader(ctx.tr("alliance.bridges"))
    st.caption(ctx.tr("alliance.bridges.help"))
    parties = {p.entity.id: p.entity for p in view.parties}
    rows = []
    for bridge in view.bridges:
        through = []
        for side in bridge.sides:
            how = [tie_text(ctx, t) for t in side.ties]
            how += [
                f"{i18n.type_phrase(t.type, ctx.lang)} {place} ({i18n.status_name(t.status, ctx.lang)})"
                for place, t in side.places
            ]
            if side.home:
                how.append(f"{ctx.tr('alliance.home')}: {country(ctx, parties[side.party].country)}")
            through.append(f"{parties[side.party].display(ctx.lang)}: {'; '.join(how)}")
        rows.append(
            {
                ctx.tr("col.entity"): bridge.entity.display(ctx.lang),
                ctx.tr("col.kind"): i18n.kind_name(bridge.entity.kind, ctx.lang),
                ctx.tr("col.country"): country(ctx, bridge.entity.country),
                ctx.tr("col.sides"): " ↔ ".join(parties[s.party].display(ctx.lang) for s in bridge.sides),
                ctx.tr("col.how"): " | ".join(through),
            }
        )
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch")
    else:
        st.info(ctx.tr("alliance.no_bridges"))


def show_pending(ctx: Context, view: AllianceView, sources: Mapping[str, str]) -> None:
    st.subheader(ctx.tr("alliance.pending"))
    rows = [
        {
            ctx.tr("col.from"): a.display(ctx.lang),
            ctx.tr("col.link"): i18n.type_phrase(tie.type, ctx.lang),
            ctx.tr("col.to"): b.display(ctx.lang),
            ctx.tr("col.status"): i18n.status_name(tie.status, ctx.lang),
            ctx.tr("col.evidence"): i18n.evidence_name(tie.evidence, ctx.lang),
            ctx.tr("col.source"): source_text(ctx, tie, sources),
            ctx.tr("col.note"): str(i18n.localized(tie.properties, "note", ctx.lang) or ""),
        }
        for a, tie, b in view.pending
    ]
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch")
    else:
        st.info(ctx.tr("alliance.no_pending"))


def main(ctx: Context) -> None:
    chosen = choose_alliance(ctx)
    if chosen is None:
        st.title(ctx.tr("alliance.title"))
        st.info(ctx.tr("alliance.none"))
        return
    with guard():
        view = alliance.alliance_view(ctx.driver, ctx.settings, chosen)
    sources: dict[str, str] = {}
    with guard(stop=False):
        sources = network.source_names(ctx.driver, ctx.settings, view.graph.source_ids(), ctx.lang)
    st.title(markdown_text(view.alliance.display(ctx.lang)))
    st.markdown(ctx.tr("alliance.status", status=i18n.status_name(view.status, ctx.lang)))
    description = i18n.localized(view.alliance.properties, "description", ctx.lang)
    if description:
        st.markdown(markdown_text(description))
    show_parties(ctx, view)
    labels = show_graph(ctx, view, sources)
    show_links(ctx, view, sources)
    show_bridges(ctx, view)
    show_pending(ctx, view, sources)
    with st.expander(ctx.tr("export.title"), icon=":material/download:"):
        export_buttons(
            view.graph,
            name=f"cluster-atlas-{view.alliance.id}",
            title=view.alliance.display(ctx.lang),
            caption=ctx.tr("alliance.parties"),
            positions=view.positions,
            labels=labels,
            sources=sources,
        )


main(open_page())
