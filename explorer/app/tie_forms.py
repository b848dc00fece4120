"""The forms that change an entity's ties: add one, or change, reverse or confirm one."""

from __future__ import annotations

import streamlit as st

from explorer import i18n, model
from explorer.app.connection import connection, error_banner
from explorer.app.state import lang, tr
from explorer.app.submitting import button_label, citation_fields, opened_version, submit
from explorer.curation import facts, review
from explorer.curation.actors import Actor
from explorer.curation.records import tie_key
from explorer.details import EntityDetails, Fact
from explorer.errors import ExplorerError
from explorer.resolve import Resolver

__all__ = ["add_tie_form", "fact_label", "tie_form"]


def add_tie_form(details: EntityDetails, actor: Actor, suggest: bool, key: str) -> None:
    entity = details.entity
    prefix = f"{key}.addtie.{entity.id}"
    with st.form(prefix):
        rtype = st.selectbox(
            tr("edit.type"), list(model.REL_TYPES), format_func=lambda t: i18n.type_phrase(t, lang())
        )
        outgoing = st.radio(
            tr("edit.direction"),
            [True, False],
            horizontal=True,
            format_func=lambda out: tr("edit.from_here" if out else "edit.to_here"),
        )
        other = st.text_input(tr("edit.other"), placeholder=tr("search.placeholder"))
        left, right = st.columns(2)
        status = left.selectbox(
            tr("col.status"), model.STATUSES, format_func=lambda s: i18n.status_name(s, lang())
        )
        evidence = right.selectbox(
            tr("col.evidence"), model.EVIDENCE, format_func=lambda e: i18n.evidence_name(e, lang())
        )
        since = left.number_input(tr("col.since"), min_value=0, max_value=2100, step=1)
        until = right.number_input(tr("edit.until"), min_value=0, max_value=2100, step=1)
        note = st.text_input(tr("col.note"))
        citation = citation_fields(prefix)
        reason = st.text_input(tr("edit.reason"))
        sent = st.form_submit_button(button_label(suggest), icon=":material/add_link:")
    if not sent:
        return
    driver, settings = connection()
    try:
        found = Resolver(driver, settings).entity(other)
    except ExplorerError as error:
        error_banner(error, retry_key=None)
        return
    start, end = (entity.id, found.id) if outgoing else (found.id, entity.id)
    year_from, year_to, text = int(since) or None, int(until) or None, note.strip() or None
    if suggest:
        tie = review.ProposedTie(
            rtype,
            start,
            end,
            status=status,
            evidence=evidence,
            since=year_from,
            until=year_to,
            note=text,
            paragraph=citation.paragraph if citation else None,
            quote=citation.quote if citation else None,
        )
        submit(
            lambda: review.propose(
                driver, settings, actor, ties=[tie], citation=citation, note=reason or None
            )
        )
    else:
        submit(
            lambda: facts.add_tie(
                driver,
                settings,
                actor,
                start,
                rtype,
                end,
                citation=citation,
                status=status,
                evidence=evidence,
                reason=reason or None,
                since=year_from,
                until=year_to,
                note=text,
            )
        )


def fact_label(fact: Fact, entity_id: str) -> str:
    arrow = {"both": "—", "out": "→", "in": "←"}[fact.tie.direction_from(entity_id)]
    return f"{arrow} {i18n.type_phrase(fact.tie.type, lang())} {fact.other.display(lang())}"


def tie_form(details: EntityDetails, actor: Actor, suggest: bool, key: str) -> None:
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
    with st.form(f"{key}.tie.{fact}"):
        left, right = st.columns(2)
        status = left.selectbox(
            tr("col.status"),
            model.STATUSES,
            index=model.STATUSES.index(tie.status),
            format_func=lambda s: i18n.status_name(s, lang()),
        )
        evidence = right.selectbox(
            tr("col.evidence"),
            model.EVIDENCE,
            index=model.EVIDENCE.index(tie.evidence),
            format_func=lambda e: i18n.evidence_name(e, lang()),
        )
        since = left.number_input(tr("col.since"), 0, 2100, tie.since or 0, step=1)
        until = right.number_input(tr("edit.until"), 0, 2100, tie.until or 0, step=1)
        note = st.text_input(tr("col.note"), value=str(tie.properties.get("note") or ""))
        reverse = st.checkbox(tr("edit.reverse"), disabled=tie.symmetric)
        citation = citation_fields(f"{key}.tie.{fact}")
        reason = st.text_input(tr("edit.reason"))
        save = st.form_submit_button(button_label(suggest), icon=":material/save:")
        confirm = st.form_submit_button(
            tr("edit.confirm"), disabled=tie.evidence != "inferred", icon=":material/verified:"
        )
    if not (save or confirm):
        return
    wanted = {
        "status": status,
        "evidence": evidence,
        "since": int(since) or None,
        "until": int(until) or None,
        "note": note.strip() or None,
    }
    current = {
        "status": tie.status,
        "evidence": tie.evidence,
        "since": tie.since,
        "until": tie.until,
        "note": tie.properties.get("note") or None,
    }
    changes = {k: v for k, v in wanted.items() if v != current[k]}
    driver, settings = connection()
    if suggest:
        item = review.ProposedChange(
            "confirm" if confirm else "edit", fact, changes, version=opened, reason=reason or None
        )
        submit(lambda: review.propose(driver, settings, actor, changes=[item], citation=citation))
    elif confirm:
        submit(
            lambda: facts.confirm(
                driver,
                settings,
                actor,
                tie.start,
                tie.type,
                tie.end,
                citation=citation,
                reason=reason or None,
                expected_version=opened,
            )
        )
    else:
        submit(
            lambda: facts.edit_tie(
                driver,
                settings,
                actor,
                tie.start,
                tie.type,
                tie.end,
                changes,
                reason=reason,
                expected_version=opened,
                reverse=reverse,
                citation=citation,
            )
        )
