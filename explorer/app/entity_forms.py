"""The forms that change an entity as a whole: edit it, retire it or one of its links, merge a
duplicate into it (both asking for a confirmation that names what goes), or add a new one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from explorer import i18n, model
from explorer.app.connection import connection, error_banner
from explorer.app.pickers import citation_fields
from explorer.app.state import lang, tr
from explorer.app.submitting import button_label, form_key, opened_version, send
from explorer.app.tie_forms import fact_label
from explorer.curation.actors import Actor
from explorer.curation.batches import Proposal
from explorer.curation.phrases import count_of
from explorer.curation.requests import AddEntity, EditEntity, Merge, Retire
from explorer.errors import ExplorerError
from explorer.escaping import markdown_text
from explorer.model.changes import Change
from explorer.model.facts import entity_key, tie_key
from explorer.resolve import Resolver
from explorer.views.details import EntityDetails, entity_details

__all__ = ["add_entity_form", "entity_form", "merge_form", "retire_form"]

#: Text fields of the entity form, as stored.
_FIELDS = ("name", "name_fr", "country", "description", "description_fr")
#: Links listed in a confirmation before "and N more".
LISTED = 25


def _aliases(value: Any) -> str:
    return "; ".join(str(a) for a in value) if isinstance(value, list | tuple) else str(value or "")


def entity_form(details: EntityDetails, actor: Actor, key: str) -> None:
    """Its names, kind, country, descriptions and aliases."""
    entity, props = details.entity, details.properties
    fact = entity_key(entity.id)
    opened = opened_version(entity.id, fact, int(props.get("version") or 0))
    base = f"{key}.entity.{entity.id}"
    form = form_key(base)
    with st.form(form):
        left, right = st.columns(2)
        values = {
            f: (left if i % 2 == 0 else right).text_input(
                tr(f"edit.field.{f}"), value=str(props.get(f) or ""), key=f"{form}.{f}"
            )
            for i, f in enumerate(_FIELDS)
        }
        kinds = sorted(model.ENTITY_KINDS)
        kind = right.selectbox(
            tr("col.kind"),
            kinds,
            index=kinds.index(entity.kind) if entity.kind in kinds else 0,
            format_func=lambda k: i18n.kind_name(k, lang()),
            key=f"{form}.kind",
        )
        aliases = st.text_input(
            tr("edit.aliases"), value=_aliases(props.get("aliases")), key=f"{form}.aliases"
        )
        reason = st.text_input(tr("edit.reason"), key=f"{form}.reason")
        sent = st.form_submit_button(
            button_label(not actor.may("edit")), icon=":material/save:", key=f"{form}.save"
        )
    if not sent:
        return
    changes: dict[str, Any] = {
        f: (v.strip() or None) for f, v in values.items() if v.strip() != str(props.get(f) or "")
    }
    if kind != entity.kind:
        changes["kind"] = kind
    if aliases.strip() != _aliases(props.get("aliases")):
        changes["aliases"] = [a.strip() for a in aliases.replace("|", ";").split(";") if a.strip()] or None
    if not changes:
        st.info(tr("edit.nothing_changed"))
        return
    send(actor, EditEntity(entity.id, changes, opened), form=base, reason=reason, place=fact)


def _listed(lines: list[str]) -> str:
    shown = [f"- {markdown_text(line)}" for line in lines[:LISTED]]
    if len(lines) > LISTED:
        shown.append("- " + tr("history.more", n=len(lines) - LISTED).strip())
    return "\n".join(shown)


def retire_form(
    details: EntityDetails, actor: Actor, key: str, on_gone: Callable[[], None] | None = None
) -> None:
    """Retire one of its links, or (after a confirmation that lists its links) the entity."""
    entity = details.entity
    whole = entity_key(entity.id)
    base = f"{key}.retire.{entity.id}"
    form = form_key(base)
    links = count_of(len(details.facts), "link", lang())
    targets = {tie_key(f.tie.start, f.tie.type, f.tie.end): fact_label(f, entity.id) for f in details.facts}
    targets[whole] = tr("edit.this_entity", name=entity.display(lang()), links=links)
    pending = f"{form}.pending"
    if pending in st.session_state:
        _confirm_retirement(details, actor, base, st.session_state[pending], on_gone)
        return
    with st.form(form):
        st.caption(tr("edit.retire_help"))
        target = st.selectbox(
            tr("edit.what"),
            list(targets),
            index=None,
            format_func=lambda k: targets[k],
            key=f"{form}.what",
            placeholder=tr("edit.what_pick"),
        )
        reason = st.text_input(tr("edit.reason"), key=f"{form}.reason")
        label = tr("edit.suggest") if not actor.may("retire") else tr("edit.retire")
        sent = st.form_submit_button(label, key=f"{form}.go", icon=":material/archive:")
    if not sent:
        return
    if target is None:
        st.warning(tr("edit.what_needed"))
    elif target == whole:
        st.session_state[pending] = reason
        st.rerun()
    else:
        version = opened_version(entity.id, target, _tie_version(details, target))
        send(actor, Retire(target, version), form=base, reason=reason, place=whole)


def _tie_version(details: EntityDetails, key: str) -> int:
    for fact in details.facts:
        if tie_key(fact.tie.start, fact.tie.type, fact.tie.end) == key:
            return int(fact.tie.properties.get("version") or 0)
    return 0


def _confirm_retirement(
    details: EntityDetails, actor: Actor, base: str, reason: str, on_gone: Callable[[], None] | None
) -> None:
    """The second step of retiring an entity: what goes with it, and a button that says so."""
    entity = details.entity
    name = entity.display(lang())
    links = count_of(len(details.facts), "link", lang())
    form = form_key(base)
    with st.container(border=True):
        st.warning(
            tr("edit.retire_confirm", name=markdown_text(name), links=links), icon=":material/warning:"
        )
        if details.facts:
            st.markdown(_listed([fact_label(f, entity.id) for f in details.facts]))
        if reason.strip():
            st.caption(tr("history.why", why=markdown_text(reason)))
        yes, no = st.columns(2)
        label = "edit.retire_yes" if actor.may("retire") else "edit.retire_yes_suggest"
        if yes.button(tr(label, name=name, links=links), key=f"{form}.yes", type="primary"):
            version = opened_version(
                entity.id, entity_key(entity.id), int(details.properties.get("version") or 0)
            )

            def gone(done: Change | Proposal) -> str | None:
                if isinstance(done, Change) and on_gone is not None:
                    on_gone()
                    return "network"
                return None

            send(actor, Retire(entity_key(entity.id), version), form=base, reason=reason, then=gone)
        if no.button(tr("edit.cancel"), key=f"{form}.no"):
            st.session_state.pop(f"{form}.pending", None)
            st.rerun()


def merge_form(details: EntityDetails, actor: Actor, key: str) -> None:
    """Merge a duplicate into this entity, after a confirmation that names the duplicate's links."""
    entity = details.entity
    base = f"{key}.merge.{entity.id}"
    form = form_key(base)
    pending = f"{form}.pending"
    if pending in st.session_state:
        _confirm_merge(details, actor, base, *st.session_state[pending])
        return
    with st.form(form):
        st.caption(tr("edit.merge_help", name=markdown_text(entity.display(lang()))))
        duplicate = st.text_input(
            tr("edit.duplicate"), placeholder=tr("search.placeholder"), key=f"{form}.dup"
        )
        reason = st.text_input(tr("edit.reason"), key=f"{form}.reason")
        label = tr("edit.merge") if actor.may("merge") else tr("edit.suggest")
        sent = st.form_submit_button(label, icon=":material/merge:", key=f"{form}.go")
    if not sent:
        return
    driver, settings = connection()
    try:
        found = Resolver(driver, settings).entity(duplicate)
    except ExplorerError as error:
        error_banner(error, retry_key=None)
        return
    if found.id == entity.id:
        st.warning(tr("edit.merge_itself"))
        return
    st.session_state[pending] = (found.id, reason)
    st.rerun()


def _confirm_merge(details: EntityDetails, actor: Actor, base: str, duplicate: str, reason: str) -> None:
    keep = details.entity
    form = form_key(base)
    driver, settings = connection()
    try:
        dup = entity_details(driver, settings, duplicate)
    except ExplorerError as error:
        error_banner(error, retry_key=None)
        st.session_state.pop(f"{form}.pending", None)
        return
    links = count_of(len(dup.facts), "link", lang())
    names = {"dup": dup.entity.display(lang()), "keep": keep.display(lang()), "links": links}
    with st.container(border=True):
        escaped = {k: markdown_text(v) for k, v in names.items()}
        st.warning(tr("edit.merge_confirm", **escaped), icon=":material/warning:")
        if dup.facts:
            st.markdown(_listed([fact_label(f, dup.entity.id) for f in dup.facts]))
        if reason.strip():
            st.caption(tr("history.why", why=markdown_text(reason)))
        yes, no = st.columns(2)
        label = "edit.merge_yes" if actor.may("merge") else "edit.merge_yes_suggest"
        if yes.button(tr(label, dup=names["dup"], keep=names["keep"]), key=f"{form}.yes", type="primary"):
            send(actor, Merge(keep.id, dup.entity.id), form=base, reason=reason, place=entity_key(keep.id))
        if no.button(tr("edit.cancel"), key=f"{form}.no"):
            st.session_state.pop(f"{form}.pending", None)
            st.rerun()


def add_entity_form(
    actor: Actor, key: str = "add-entity", on_added: Callable[[str], None] | None = None
) -> None:
    """A new entity (or the suggestion of one); ``on_added`` is given the new entity's id (the
    network opens its panel, where the change's message shows)."""

    def added(done: Change | Proposal) -> str | None:
        new = None
        if isinstance(done, Change):
            new = next((f.props.get("id") for f in done.after if f.fact == "entity"), None)
        if new is None or on_added is None:
            return None
        on_added(str(new))
        return entity_key(str(new))

    form = form_key(key)
    with st.form(form):
        left, middle, right = st.columns([2, 1, 1])
        name = left.text_input(tr("edit.field.name"), key=f"{form}.name")
        kinds = sorted(model.ENTITY_KINDS)
        kind = middle.selectbox(
            tr("col.kind"),
            kinds,
            index=None,
            format_func=lambda k: i18n.kind_name(k, lang()),
            key=f"{form}.kind",
            placeholder=tr("edit.kind_pick"),
        )
        country = right.text_input(tr("edit.field.country"), key=f"{form}.country")
        left, right = st.columns([1, 3])
        city = left.text_input(tr("edit.city"), key=f"{form}.city")
        description = right.text_input(tr("edit.field.description"), key=f"{form}.description")
        citation = citation_fields(f"{form}.cite")
        reason = st.text_input(tr("edit.reason_optional"), key=f"{form}.reason")
        sent = st.form_submit_button(
            button_label(not actor.may("add")), icon=":material/add:", key=f"{form}.go"
        )
    if not sent:
        return
    if kind is None or not name.strip():
        st.warning(tr("edit.entity_needs"))
        return
    props = {"description": description.strip()} if description.strip() else {}
    request = AddEntity(
        kind, name.strip(), country=country.strip() or None, city=city.strip() or None, properties=props,
        citation=citation,
    )  # fmt: skip
    send(actor, request, form=key, reason=reason, then=added)
