"""The forms that change an entity as a whole: edit, retire, merge a duplicate into it, or add one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from explorer import i18n, model, resolve
from explorer.app.auth import current_actor
from explorer.app.connection import connection, error_banner
from explorer.app.state import lang, tr
from explorer.app.submitting import button_label, citation_fields, opened_version, submit
from explorer.app.tie_forms import fact_label
from explorer.curation import facts, review
from explorer.curation.actors import Actor
from explorer.curation.records import Change, entity_key, tie_key
from explorer.details import EntityDetails
from explorer.errors import ExplorerError
from explorer.escaping import markdown_text
from explorer.resolve import Resolver

__all__ = ["add_entity_form", "entity_form", "retire_form"]


def entity_form(details: EntityDetails, actor: Actor, suggest: bool, key: str) -> None:
    entity, props = details.entity, details.properties
    fact = entity_key(entity.id)
    opened = opened_version(entity.id, fact, int(props.get("version") or 0))
    fields = ("name", "name_fr", "country", "description", "description_fr")
    form = f"{key}.entity.{entity.id}"
    with st.form(form):
        values = {
            f: st.text_input(tr(f"edit.field.{f}"), value=str(props.get(f) or ""), key=f"{form}.{f}")
            for f in fields
        }
        kinds = sorted(model.ENTITY_KINDS)
        kind = st.selectbox(
            tr("col.kind"),
            kinds,
            index=kinds.index(entity.kind) if entity.kind in kinds else 0,
            format_func=lambda k: i18n.kind_name(k, lang()),
        )
        reason = st.text_input(tr("edit.reason"), key=f"{form}.reason")
        sent = st.form_submit_button(button_label(suggest), icon=":material/save:", key=f"{form}.save")
    if not sent:
        return
    changes: dict[str, Any] = {
        f: (v.strip() or None) for f, v in values.items() if v.strip() != str(props.get(f) or "")
    }
    if kind != entity.kind:
        changes["kind"] = kind
    driver, settings = connection()
    if suggest:
        item = review.ProposedChange("edit", fact, changes, version=opened, reason=reason or None)
        submit(lambda: review.propose(driver, settings, actor, changes=[item]))
    else:
        submit(
            lambda: facts.edit_entity(
                driver, settings, actor, entity.id, changes, reason=reason, expected_version=opened
            )
        )


def retire_form(details: EntityDetails, actor: Actor, suggest: bool, key: str) -> None:
    entity = details.entity
    targets = {entity_key(entity.id): tr("edit.this_entity", name=entity.display(lang()))}
    for fact in details.facts:
        targets[tie_key(fact.tie.start, fact.tie.type, fact.tie.end)] = fact_label(fact, entity.id)
    form = f"{key}.retire.{entity.id}"
    with st.form(form):
        st.caption(tr("edit.retire_help"))
        target = st.selectbox(
            tr("edit.what"), list(targets), format_func=lambda k: targets[k], key=f"{form}.what"
        )
        reason = st.text_input(tr("edit.reason"), key=f"{form}.reason")
        sent = st.form_submit_button(
            key=f"{form}.go",
            label=tr("edit.suggest") if suggest else tr("edit.retire"),
            icon=":material/archive:",
        )
    driver, settings = connection()
    if sent:
        if suggest:
            item = review.ProposedChange("retire", target, reason=reason or None)
            submit(lambda: review.propose(driver, settings, actor, changes=[item]))
        else:
            submit(lambda: facts.retire(driver, settings, actor, target, reason=reason))
    if not actor.may("merge"):
        return
    with st.form(f"{key}.merge.{entity.id}"):
        st.caption(tr("edit.merge_help", name=markdown_text(entity.display(lang()))))
        duplicate = st.text_input(tr("edit.duplicate"), placeholder=tr("search.placeholder"))
        why = st.text_input(tr("edit.reason"))
        merge = st.form_submit_button(tr("edit.merge"), icon=":material/merge:")
    if merge:
        try:
            found = Resolver(driver, settings).entity(duplicate)
        except ExplorerError as error:
            error_banner(error, retry_key=None)
            return
        submit(lambda: facts.merge(driver, settings, actor, entity.id, found.id, reason=why))


def add_entity_form(key: str = "add-entity", on_added: Callable[[str], None] | None = None) -> None:
    """A form to add an entity (or suggest one), for the network page; ``on_added`` is given the
    new entity's id (the network opens its panel, where the change's message shows)."""

    def added(change: Change) -> str | None:
        new = next((f.props.get("id") for f in change.after if f.fact == "entity"), None)
        if new is None or on_added is None:
            return None
        on_added(str(new))
        return entity_key(str(new))

    actor = current_actor()
    if actor is None:
        return
    suggest = not actor.may("add")
    with st.expander(tr("edit.add_entity"), icon=":material/add_circle:"), st.form(key):
        name = st.text_input(tr("edit.field.name"))
        kinds = sorted(model.ENTITY_KINDS)
        kind = st.selectbox(tr("col.kind"), kinds, format_func=lambda k: i18n.kind_name(k, lang()))
        country = st.text_input(tr("edit.field.country"))
        city = st.text_input(tr("edit.city"))
        description = st.text_input(tr("edit.field.description"))
        citation = citation_fields(key)
        reason = st.text_input(tr("edit.reason"))
        sent = st.form_submit_button(button_label(suggest), icon=":material/add:")
    if not sent:
        return
    driver, settings = connection()
    props = {"description": description.strip()} if description.strip() else {}
    if suggest:
        item = review.ProposedEntity(
            model.slugify(name) or "new",
            kind,
            name,
            country=country or None,
            properties={**props, **({"city": city} if city else {})},
        )
        submit(
            lambda: review.propose(
                driver, settings, actor, entities=[item], citation=citation, note=reason or None
            )
        )
    else:
        submit(
            lambda: facts.add_entity(
                driver,
                settings,
                actor,
                resolve.kind(kind),
                name,
                country=country or None,
                city=city or None,
                properties=props,
                citation=citation,
                reason=reason or None,
            ),
            then=added,
        )
