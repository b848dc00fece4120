"""Widgets the pages share: the entity search, the export buttons and one entity's details."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from explorer import i18n, model
from explorer.app.adding import panel_buttons
from explorer.app.changes import show_flash
from explorer.app.connection import connection, guard
from explorer.app.editing import entity_history
from explorer.app.facts import fact_card, more_button, shown_count
from explorer.app.frame import layouts
from explorer.app.state import lang, tr
from explorer.countries import country_name
from explorer.database.results import GraphData
from explorer.drawing import export
from explorer.errors import AmbiguousEntity, UnknownEntity
from explorer.escaping import markdown_text
from explorer.model import Entity
from explorer.model.facts import entity_key
from explorer.search import find_entities
from explorer.views.details import EntityDetails

__all__ = ["entity_candidates", "entity_details_panel", "entity_label", "entity_search", "export_buttons"]


def entity_label(entity: Entity) -> str:
    """ "Biocom — Cluster, United States (biocom)": an entity in a list to pick from."""
    country = f", {country_name(entity.country, lang())}" if entity.country else ""
    return f"{entity.display(lang())} — {i18n.kind_name(entity.kind, lang())}{country} ({entity.id})"


def entity_search(key: str, on_pick: Callable[[Entity], None], *, label: str | None = None) -> None:
    """A search box over entity names (case and accents ignored) and the list of matches.

    Picking a match calls ``on_pick`` with it (before the rerun that follows).
    """
    text = st.text_input(label or tr("search.label"), key=f"{key}.text", placeholder=tr("search.placeholder"))
    if not text.strip():
        return
    driver, settings = connection()
    with guard(stop=False):
        hits = find_entities(driver, settings, text, limit=20)
        if not hits:
            st.caption(tr("search.none", text=markdown_text(text)))
            return
        pick, taken = f"{key}.pick", f"{key}.taken"
        if len(hits) == 1 and st.session_state.get(taken) != text:
            # One match: it is taken at once (once for this text; the list still offers it).
            st.session_state[taken] = text
            on_pick(hits[0])
            st.rerun()

        def picked() -> None:
            chosen = st.session_state.get(pick)
            if isinstance(chosen, Entity):
                on_pick(chosen)

        st.selectbox(
            tr("search.pick"),
            hits,
            index=None,
            key=pick,
            format_func=entity_label,
            placeholder=tr("search.pick.placeholder"),
            on_change=picked,
        )


def entity_candidates(
    key: str,
    given: str,
    error: UnknownEntity | AmbiguousEntity,
    on_pick: Callable[[Entity], None],
    *,
    what: str = "",
) -> None:
    """What was given (``what``: the field it was given for) matches no entity, or several: say so in
    plain words, with the closest entities as buttons that pick one."""
    unknown = isinstance(error, UnknownEntity)
    said = tr("entity.unknown" if unknown else "entity.ambiguous", given=markdown_text(given))
    st.warning(f"{what} · {said}" if what else said, icon=":material/help:")
    if error.entities:
        st.caption(tr("entity.closest" if unknown else "entity.which"))
    for i, candidate in enumerate(error.entities):
        st.button(entity_label(candidate), key=f"{key}.candidate.{i}", on_click=on_pick, args=(candidate,))


def export_buttons(graph_data: GraphData, *, name: str, title: str, caption: str, **render: Any) -> None:
    """Downloads of the drawn view: offline HTML, entities and relationships as CSV, GraphML."""
    st.caption(tr("export.help"))
    render.setdefault("layouts", layouts())  # the saved page shows the picture seen on screen
    files = [
        (
            "export.html",
            f"{name}.html",
            "text/html",
            lambda: export.standalone_html(graph_data, title=title, caption=caption, lang=lang(), **render),
        ),
        ("export.nodes", f"{name}-entities.csv", "text/csv", lambda: export.nodes_csv(graph_data)),
        (
            "export.rels",
            f"{name}-relationships.csv",
            "text/csv",
            lambda: export.relationships_csv(graph_data),
        ),
        ("export.graphml", f"{name}.graphml", "application/xml", lambda: export.graphml(graph_data)),
    ]
    for column, (label, file_name, mime, make) in zip(st.columns(4), files, strict=True):
        column.download_button(
            tr(label),
            make,
            file_name=file_name,
            mime=mime,
            on_click="ignore",
            icon=":material/download:",
            key=f"{name}.{label}",
            width="stretch",
        )


def _fact_cards(details: EntityDetails, key: str) -> None:
    """One card a fact, "→ member of · Eurobiomed" (this entity's link) or "← leads · Bruno Buisson",
    with its source one click away; the first ones, then a button for all."""
    facts = details.facts
    cards = f"{key}.{details.entity.id}.facts"
    shown = shown_count(cards, len(facts))
    for fact in facts[:shown]:
        fact_card(fact.tie, details.entity.id, fact.other, fact.cited, on_behalf_of=fact.on_behalf_of)
    more_button(cards, len(facts), shown)


def entity_details_panel(
    details: EntityDetails, *, on_focus: Callable[[str], None] | None = None, key: str = "details"
) -> None:
    """One entity: its name, kind, description, the ways to add to it, properties, every link with
    its source, and its history (the forms that change it are the page's width, below)."""
    entity, props = details.entity, details.properties
    st.subheader(markdown_text(entity.display(lang())))
    facts = [i18n.kind_name(entity.kind, lang())]
    if entity.country:
        facts.append(country_name(entity.country, lang()))
    facts.append(entity.id)
    st.caption(markdown_text(" · ".join(facts)))
    show_flash(entity_key(entity.id))
    panel_buttons(entity, key)
    description = i18n.localized(props, "description", lang())
    if description:
        st.markdown(markdown_text(description))
    if on_focus is not None:
        st.button(
            tr("details.focus"),
            key=f"{key}.focus",
            on_click=on_focus,
            args=(entity.id,),
            icon=":material/center_focus_strong:",
        )
    st.markdown(f"**{tr('details.facts')}**")
    if details.facts:
        _fact_cards(details, key)
    else:
        st.caption(tr("details.no_facts"))
    if details.truncated:
        st.caption(tr("details.facts_capped", n=len(details.facts)))
    if any(f.tie.evidence == "inferred" for f in details.facts):
        st.caption(tr("details.inferred_note"))
    shown = {"id", "name", "kind", "description", "source", "country", *model.BOOKKEEPING}
    extra = [
        {
            tr("col.property"): i18n.property_name(k, lang()),
            tr("col.value"): str(i18n.localized(props, k, lang())),
        }
        for k in sorted(props)
        if k not in shown and not k.endswith("_fr")
    ]
    if extra:
        with st.expander(tr("details.properties")):
            st.dataframe(extra, hide_index=True, width="stretch")
    if details.source_name:
        st.caption(markdown_text(tr("details.recorded_from", source=details.source_name)))
    entity_history(entity.id, key)
