"""The forms that change ties: add one between two entities found by name, or change one of an
entity's ties (status, years, its type's own properties, type, direction) or confirm it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from explorer import i18n, model
from explorer.app.connection import connection, error_banner
from explorer.app.pickers import citation_fields, date_input, entity_picker, tie_properties
from explorer.app.state import lang, tr
from explorer.app.submitting import button_label, form_key, opened_version, send
from explorer.curation.actors import Actor
from explorer.curation.requests import AddTie, Confirm, EditTie
from explorer.errors import ExplorerError
from explorer.model.facts import entity_key, tie_key
from explorer.resolve import Resolver
from explorer.views.details import EntityDetails, Fact

__all__ = ["add_tie_form", "fact_label", "start_link_from", "tie_form"]

#: The add-a-link form's name (its generation makes the widgets' keys).
ADD_TIE = "add-tie"
#: Properties whose value is an entity's id (on_behalf_of).
_REFERENCES = frozenset(r for rtype in model.REL_TYPES.values() for r in rtype.references)


def fact_label(fact: Fact, entity_id: str) -> str:
    """ "→ member of Eurobiomed": one of an entity's ties, as told from it."""
    arrow = {"both": "—", "out": "→", "in": "←"}[fact.tie.direction_from(entity_id)]
    return f"{arrow} {i18n.type_phrase(fact.tie.type, lang())} {fact.other.display(lang())}"


def start_link_from(entity_id: str) -> None:
    """The add-a-link form starts from ``entity_id`` (a button of an entity's panel)."""
    st.session_state[f"{form_key(ADD_TIE)}.start.text"] = entity_id


def _property_input(name: str, value: Any, key: str, *, container: Any = st) -> str:
    return container.text_input(
        i18n.property_name(name, lang()).capitalize(), value=str(value or ""), key=key
    )


def add_tie_form(actor: Actor, on_done: Callable[[str], None] | None = None) -> None:
    """A tie between two entities of the map, found by name as the reader types, with its
    status, years, its type's own properties and its source; ``on_done`` is given the start's id."""
    form = form_key(ADD_TIE)
    left, middle, right = st.columns([2, 1.5, 2])
    with left:
        start = entity_picker(f"{form}.start", tr("edit.from"))
    rtype = middle.selectbox(
        tr("edit.type"),
        list(model.REL_TYPES),
        index=None,
        key=f"{form}.type",
        format_func=lambda t: i18n.type_phrase(t, lang()),
        placeholder=tr("edit.type_pick"),
    )
    with right:
        end = entity_picker(f"{form}.end", tr("edit.to"))
    columns = st.columns(4)
    status = columns[0].selectbox(
        tr("col.status"),
        model.STATUSES,
        key=f"{form}.status",
        format_func=lambda s: i18n.status_name(s, lang()),
    )
    evidence = columns[1].selectbox(
        tr("col.evidence"),
        model.EVIDENCE,
        key=f"{form}.evidence",
        format_func=lambda e: i18n.evidence_name(e, lang()),
    )
    since = date_input(tr("col.since"), f"{form}.since", container=columns[2])
    until = date_input(tr("edit.until"), f"{form}.until", container=columns[3])
    props: dict[str, Any] = {}
    names = tie_properties(rtype) if rtype else ("note",)
    for column, name in zip(st.columns(max(1, len(names))), names, strict=True):
        if name in _REFERENCES:
            with column:
                chosen = entity_picker(f"{form}.{name}", i18n.property_name(name, lang()).capitalize())
            props[name] = chosen.id if chosen else None
        else:
            props[name] = _property_input(name, "", f"{form}.{name}", container=column).strip() or None
    citation = citation_fields(f"{form}.cite", in_form=False)
    reason = st.text_input(tr("edit.reason_optional"), key=f"{form}.reason")
    sent = st.button(
        button_label(not actor.may("add")), key=f"{form}.go", type="primary", icon=":material/add_link:"
    )
    if not sent:
        return
    if start is None or end is None or rtype is None:
        st.warning(tr("edit.link_needs"))
        return
    request = AddTie(
        start.id,
        rtype,
        end.id,
        status=status,
        evidence=evidence,
        since=since,
        until=until,
        properties={k: v for k, v in props.items() if v},
        citation=citation,
    )

    def done(_: object) -> str:
        if on_done is not None:
            on_done(start.id)
        return entity_key(start.id)

    send(actor, request, form=ADD_TIE, reason=reason, then=done)


def _resolved(name: str, given: str) -> str | None:
    """A property naming an entity (on_behalf_of), typed as an id or a name, as its id."""
    if name not in _REFERENCES or not given:
        return given or None
    driver, settings = connection()
    return Resolver(driver, settings).entity(given).id


def tie_form(details: EntityDetails, actor: Actor, key: str) -> None:
    """Change one of the entity's ties, or confirm an inferred one."""
    entity = details.entity
    if not details.facts:
        st.caption(tr("details.no_facts"))
        return
    chosen = st.selectbox(
        tr("edit.which_tie"),
        details.facts,
        format_func=lambda f: fact_label(f, entity.id),
        key=f"{key}.tie.pick.{entity.id}",
    )
    tie = chosen.tie
    fact = tie_key(tie.start, tie.type, tie.end)
    opened = opened_version(entity.id, fact, int(tie.properties.get("version") or 0))
    base = f"{key}.tie.{fact}"
    form = form_key(base)
    names = tie_properties(tie.type)
    with st.form(form):
        columns = st.columns(4)
        status = columns[0].selectbox(
            tr("col.status"),
            model.STATUSES,
            index=model.STATUSES.index(tie.status) if tie.status in model.STATUSES else 0,
            format_func=lambda s: i18n.status_name(s, lang()),
            key=f"{form}.status",
        )
        evidence = columns[1].selectbox(
            tr("col.evidence"),
            model.EVIDENCE,
            index=model.EVIDENCE.index(tie.evidence) if tie.evidence in model.EVIDENCE else 0,
            format_func=lambda e: i18n.evidence_name(e, lang()),
            key=f"{form}.evidence",
        )
        since = date_input(tr("col.since"), f"{form}.since", tie.since, container=columns[2])
        until = date_input(tr("edit.until"), f"{form}.until", tie.until, container=columns[3])
        given = {
            n: _property_input(n, tie.properties.get(n), f"{form}.{n}", container=c)
            for c, n in zip(st.columns(len(names)), names, strict=True)
        }
        left, right = st.columns(2)
        types = list(model.REL_TYPES)
        new_type = left.selectbox(
            tr("edit.type"),
            types,
            index=types.index(tie.type) if tie.type in types else 0,
            format_func=lambda t: i18n.type_phrase(t, lang()),
            key=f"{form}.type",
        )
        reverse = right.checkbox(tr("edit.reverse"), disabled=tie.symmetric, key=f"{form}.reverse")
        citation = citation_fields(f"{form}.cite")
        reason = st.text_input(tr("edit.reason"), key=f"{form}.reason")
        suggest = not actor.may("edit")
        save = st.form_submit_button(button_label(suggest), icon=":material/save:", key=f"{form}.save")
        confirm = st.form_submit_button(
            tr("edit.confirm"),
            disabled=tie.evidence != "inferred",
            icon=":material/verified:",
            key=f"{form}.ok",
        )
    if confirm:
        send(actor, Confirm(tie.start, tie.type, tie.end, opened, citation), form=base, reason=reason)
        return
    if not save:
        return
    try:
        wanted: dict[str, Any] = {"status": status, "evidence": evidence, "since": since, "until": until}
        wanted |= {n: _resolved(n, v.strip()) for n, v in given.items()}
    except ExplorerError as error:
        error_banner(error, retry_key=None)
        return
    current = {k: tie.properties.get(k) for k in wanted} | {"status": tie.status, "evidence": tie.evidence}
    changes = {
        k: v for k, v in wanted.items() if v != current[k] and not (v is None and current[k] in (None, ""))
    }
    retyped = new_type if new_type != tie.type else None
    if not changes and not retyped and not reverse:
        st.info(tr("edit.nothing_changed"))
        return
    request = EditTie(tie.start, tie.type, tie.end, changes, opened, retyped, bool(reverse), citation)
    send(actor, request, form=base, reason=reason, place=entity_key(entity.id))
