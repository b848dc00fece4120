"""The alliance: its parties West to East, their links, who already bridges them, what is still pending."""

from __future__ import annotations

import streamlit as st

from explorer import alliance, i18n, model, network
from explorer.alliance import Tie
from explorer.app import common
from explorer.app.common import tr
from explorer.render import draw, markdown_text

CHOSEN = "alliance.id"


def country(code: str | None) -> str:
    return model.country_name(code, lang) if code else ""


def tie_text(tie: Tie) -> str:
    """'member of (active, inferred, since 2012)'."""
    notes = [i18n.status_name(tie.status, lang)]
    if tie.evidence != "stated":
        notes.append(i18n.evidence_name(tie.evidence, lang))
    if tie.properties.get("since"):
        notes.append(f"{tr('tip.since')} {tie.properties['since']}")
    return f"{i18n.type_phrase(tie.type, lang)} ({', '.join(notes)})"


def source_text(tie: Tie) -> str:
    source_id = str(tie.properties.get("source") or "")
    source = sources.get(source_id, source_id)
    if tie.properties.get("paragraph") not in (None, ""):
        source += f", {tr('tip.paragraph', n=tie.properties['paragraph'])}"
    return source


lang = common.lang()
driver, settings = common.connection_or_stop()
common.require_data(driver, settings)
with common.guard():
    known = alliance.alliances(driver, settings)
if not known:
    st.title(tr("alliance.title"))
    st.info(tr("alliance.none"))
    st.stop()

ids = [a.id for a in known]
wanted = common.url_params().get("alliance", "")
common.seed_widgets({CHOSEN: wanted if wanted in ids else ids[0]})
if len(known) > 1:
    names = {a.id: a.name for a in known}
    st.sidebar.selectbox(tr("alliance.choose"), ids, key=CHOSEN, format_func=names.__getitem__)
picked = st.session_state.get(CHOSEN)
chosen: str = picked if isinstance(picked, str) and picked in ids else ids[0]
common.set_url({"alliance": chosen} if chosen != ids[0] else {})

with common.guard():
    view = alliance.alliance_view(driver, settings, chosen)
parties = {p.entity.id: p.entity for p in view.parties}
sources: dict[str, str] = {}
with common.guard(stop=False):
    sources = network.source_names(
        driver, settings, {str(r.properties.get("source")) for r in view.graph.rels.values()}
    )

st.title(markdown_text(i18n.localized(view.properties, "name", lang) or view.alliance.name))
st.markdown(tr("alliance.status", status=i18n.status_name(view.status, lang)))
description = i18n.localized(view.properties, "description", lang)
if description:
    st.markdown(markdown_text(description))

st.subheader(tr("alliance.parties"))
for column, party in zip(st.columns(max(1, len(view.parties))), view.parties, strict=False):
    with column.container(border=True):
        st.markdown(f"**{markdown_text(party.entity.name)}**")
        st.caption(
            markdown_text(f"{i18n.kind_name(party.entity.kind, lang)} · {country(party.entity.country)}")
        )
        st.markdown(markdown_text(tie_text(party.tie)))

labels = {p.entity.id: f"{p.entity.name}\n{country(p.entity.country)}" for p in view.parties}
page = draw(
    view.graph,
    lang=lang,
    positions=view.positions,
    labels=labels,
    sources=sources,
    layouts=common.layouts(),
)
event = common.graph(page, key="alliance.graph", height=560)
if event.focus:
    common.open_in_network(event.focus)
st.caption(tr("graph.open_hint"))
st.page_link(
    common.page("network"),
    label=tr("alliance.open"),
    icon=":material/hub:",
    query_params={"focus": view.alliance.id, "depth": "2"},
)

st.subheader(tr("alliance.links"))
links = []
for link in view.links:
    pair = f"{link.a.name} — {link.b.name}"
    if not link.ties:
        links.append({tr("col.party"): pair, tr("col.link"): tr("alliance.no_link"), tr("col.source"): ""})
    for tie in link.ties:
        links.append(
            {tr("col.party"): pair, tr("col.link"): tie_text(tie), tr("col.source"): source_text(tie)}
        )
st.dataframe(links, hide_index=True, width="stretch")

st.subheader(tr("alliance.bridges"))
st.caption(tr("alliance.bridges.help"))
bridges = []
for bridge in view.bridges:
    through = []
    for side in bridge.sides:
        party_name = parties[side.party].name
        how = [tie_text(t) for t in side.ties]
        how += [
            f"{i18n.type_phrase(t.type, lang)} {place} ({i18n.status_name(t.status, lang)})"
            for place, t in side.places
        ]
        if side.home:
            how.append(f"{tr('alliance.home')}: {country(parties[side.party].country)}")
        through.append(f"{party_name}: {'; '.join(how)}")
    bridges.append(
        {
            tr("col.entity"): bridge.entity.name,
            tr("col.kind"): i18n.kind_name(bridge.entity.kind, lang),
            tr("col.country"): country(bridge.entity.country),
            tr("col.sides"): " ↔ ".join(parties[s.party].name for s in bridge.sides),
            tr("col.how"): " | ".join(through),
        }
    )
if bridges:
    st.dataframe(bridges, hide_index=True, width="stretch")
else:
    st.info(tr("alliance.no_bridges"))

st.subheader(tr("alliance.pending"))
pending = [
    {
        tr("col.from"): a.name,
        tr("col.link"): i18n.type_phrase(tie.type, lang),
        tr("col.to"): b.name,
        tr("col.status"): i18n.status_name(tie.status, lang),
        tr("col.evidence"): i18n.evidence_name(tie.evidence, lang),
        tr("col.source"): source_text(tie),
        tr("col.note"): str(i18n.localized(tie.properties, "note", lang) or ""),
    }
    for a, tie, b in view.pending
]
if pending:
    st.dataframe(pending, hide_index=True, width="stretch")
else:
    st.info(tr("alliance.no_pending"))

with st.expander(tr("export.title"), icon=":material/download:"):
    common.export_buttons(
        view.graph,
        name=f"cluster-atlas-{view.alliance.id}",
        title=view.alliance.name,
        caption=tr("alliance.parties"),
        positions=view.positions,
        labels=labels,
        sources=sources,
    )
