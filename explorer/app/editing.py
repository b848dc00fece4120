"""Changing facts from an entity's panel: its history, and forms to edit it, add a tie, change,
confirm or retire a tie, retire it or merge a duplicate into it.

Editors and admins change facts directly; readers fill the same forms to *suggest* a change,
which goes to the review queue. The actor comes from :func:`auth.current_actor` on every
rerun, and the library refuses whatever their role does not allow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from explorer import i18n, model, network, resolve
from explorer.app.auth import current_actor
from explorer.app.changes import change_line, flash, show_flash, undo_button
from explorer.app.connection import connection, error_banner
from explorer.app.state import lang, tr
from explorer.curation import facts, history, review
from explorer.curation.actors import Actor
from explorer.curation.records import Change, entity_key, tie_key
from explorer.errors import EditConflict, ExplorerError
from explorer.escaping import markdown_text
from explorer.resolve import Resolver

__all__ = ["add_entity_form", "edit_panel", "retired_facts"]

HISTORY_SHOWN = 20


def _submit(work: Callable[[], Change | review.Proposal]) -> None:
    """Run one change (or suggestion); on success say so after the rerun, else show why."""
    try:
        done = work()
    except EditConflict as conflict:
        _conflict(conflict)
        return
    except ExplorerError as error:
        error_banner(error, retry_key=None)
        return
    if isinstance(done, review.Proposal):
        flash(tr("edit.suggested", n=done.id))
    else:
        flash(tr("edit.saved", n=done.id))
    st.session_state.pop(_OPENED, None)
    st.rerun()


def _conflict(conflict: EditConflict) -> None:
    """The refusal, and both versions side by side."""
    st.error(
        tr(
            "edit.conflict",
            fact=markdown_text(conflict.fact),
            who=markdown_text(conflict.changed_by),
            at=markdown_text(conflict.changed_at),
        )
    )
    yours, theirs = st.columns(2)
    rows = lambda values: [{tr("col.property"): k, tr("col.value"): str(v)} for k, v in values.items()]  # noqa: E731
    with yours:
        st.caption(tr("edit.yours"))
        st.dataframe(rows(conflict.yours), hide_index=True, width="stretch")
    with theirs:
        st.caption(tr("edit.theirs"))
        st.dataframe(rows(conflict.theirs), hide_index=True, width="stretch")
    st.button(
        tr("edit.reload"), on_click=lambda: st.session_state.pop(_OPENED, None), icon=":material/refresh:"
    )


#: The versions of the facts as the reader first saw them on this entity's panel.
_OPENED = "edit.opened"


def _opened(entity_id: str, key: str, version: int) -> int:
    """The version of fact ``key`` when the reader opened the panel (kept until they save)."""
    opened = st.session_state.get(_OPENED)
    if not opened or opened.get("entity") != entity_id:
        opened = {"entity": entity_id}
        st.session_state[_OPENED] = opened
    return int(opened.setdefault(key, version))


def _citation(prefix: str) -> facts.Citation | None:
    """The citation fields of a form: an existing source's id, or a new source."""
    st.caption(tr("edit.cite"))
    source = st.text_input(tr("edit.source_id"), key=f"{prefix}.source")
    title = st.text_input(tr("edit.source_title"), key=f"{prefix}.title")
    left, right = st.columns(2)
    publisher = left.text_input(tr("edit.publisher"), key=f"{prefix}.publisher")
    date = right.text_input(tr("edit.date"), key=f"{prefix}.date", placeholder="YYYY-MM-DD")
    url = st.text_input(tr("edit.url"), key=f"{prefix}.url")
    paragraph = st.number_input(tr("edit.paragraph"), min_value=0, step=1, key=f"{prefix}.paragraph")
    quote = st.text_area(tr("edit.quote"), key=f"{prefix}.quote", height=68)
    new = facts.NewSource(title, publisher or None, date or None, url or None) if title.strip() else None
    if new is None and not source.strip() and not quote.strip():
        return None
    return facts.Citation(source.strip() or None, new, int(paragraph) or None, quote or None)


def _history(entity_id: str, actor: Actor | None, key: str) -> None:
    driver, settings = connection()
    with st.expander(tr("edit.history"), icon=":material/history:"):
        try:
            found = history.changes(driver, settings, history.Filters(entity=entity_id), limit=HISTORY_SHOWN)
            undone = history.undone(driver, settings, [c.id for c in found])
        except ExplorerError as error:
            error_banner(error, retry_key=None)
            return
        if not found:
            st.caption(tr("edit.no_history"))
        for change in found:
            st.markdown(change_line(change, undone.get(change.id)))
            undo_button(change, actor, undone.get(change.id), key=key)
        st.page_link("views/history.py", label=tr("edit.all_history"), query_params={"entity": entity_id})


def edit_panel(details: network.EntityDetails, *, key: str = "details") -> None:
    """Below an entity's details: its history, and the forms to change it (or suggest a change)."""
    show_flash()
    actor = current_actor()
    entity = details.entity
    _history(entity.id, actor, key)
    if actor is None:
        return
    suggest = not actor.may("edit")
    title = tr("edit.suggest_title") if suggest else tr("edit.title")
    with st.expander(title, icon=":material/edit:"):
        if suggest:
            st.caption(tr("edit.suggest_help"))
        tabs = st.tabs(
            [tr("edit.tab.entity"), tr("edit.tab.add_tie"), tr("edit.tab.tie"), tr("edit.tab.retire")]
        )
        with tabs[0]:
            _entity_form(details, actor, suggest, key)
        with tabs[1]:
            _add_tie_form(details, actor, suggest, key)
        with tabs[2]:
            _tie_form(details, actor, suggest, key)
        with tabs[3]:
            _retire_form(details, actor, suggest, key)


def _button(suggest: bool) -> str:
    return tr("edit.suggest") if suggest else tr("edit.save")


def _entity_form(details: network.EntityDetails, actor: Actor, suggest: bool, key: str) -> None:
    entity, props = details.entity, details.properties
    fact = entity_key(entity.id)
    opened = _opened(entity.id, fact, int(props.get("version") or 0))
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
        sent = st.form_submit_button(_button(suggest), icon=":material/save:", key=f"{form}.save")
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
        _submit(lambda: review.propose(driver, settings, actor, changes=[item]))
    else:
        _submit(
            lambda: facts.edit_entity(
                driver, settings, actor, entity.id, changes, reason=reason, expected_version=opened
            )
        )


def _add_tie_form(details: network.EntityDetails, actor: Actor, suggest: bool, key: str) -> None:
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
        citation = _citation(prefix)
        reason = st.text_input(tr("edit.reason"))
        sent = st.form_submit_button(_button(suggest), icon=":material/add_link:")
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
        _submit(
            lambda: review.propose(
                driver, settings, actor, ties=[tie], citation=citation, note=reason or None
            )
        )
    else:
        _submit(
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


def _fact_label(fact: network.Fact, entity_id: str) -> str:
    arrow = {"both": "—", "out": "→", "in": "←"}[fact.tie.direction_from(entity_id)]
    return f"{arrow} {i18n.type_phrase(fact.tie.type, lang())} {fact.other.display(lang())}"


def _tie_form(details: network.EntityDetails, actor: Actor, suggest: bool, key: str) -> None:
    entity = details.entity
    if not details.facts:
        st.caption(tr("details.no_facts"))
        return
    chosen = st.selectbox(
        tr("edit.which_tie"),
        details.facts,
        format_func=lambda f: _fact_label(f, entity.id),
        key=f"{key}.tie.pick.{entity.id}",
    )
    tie = chosen.tie
    fact = tie_key(tie.start, tie.type, tie.end)
    opened = _opened(entity.id, fact, int(tie.properties.get("version") or 0))
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
        citation = _citation(f"{key}.tie.{fact}")
        reason = st.text_input(tr("edit.reason"))
        save = st.form_submit_button(_button(suggest), icon=":material/save:")
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
        _submit(lambda: review.propose(driver, settings, actor, changes=[item], citation=citation))
    elif confirm:
        _submit(
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
        _submit(
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


def _retire_form(details: network.EntityDetails, actor: Actor, suggest: bool, key: str) -> None:
    entity = details.entity
    targets = {entity_key(entity.id): tr("edit.this_entity", name=entity.display(lang()))}
    for fact in details.facts:
        targets[tie_key(fact.tie.start, fact.tie.type, fact.tie.end)] = _fact_label(fact, entity.id)
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
            _submit(lambda: review.propose(driver, settings, actor, changes=[item]))
        else:
            _submit(lambda: facts.retire(driver, settings, actor, target, reason=reason))
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
        _submit(lambda: facts.merge(driver, settings, actor, entity.id, found.id, reason=why))


def add_entity_form(key: str = "add-entity") -> None:
    """A form to add an entity (or suggest one), for the network page."""
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
        citation = _citation(key)
        reason = st.text_input(tr("edit.reason"))
        sent = st.form_submit_button(_button(suggest), icon=":material/add:")
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
        _submit(
            lambda: review.propose(
                driver, settings, actor, entities=[item], citation=citation, note=reason or None
            )
        )
    else:
        _submit(
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
            )
        )


def retired_facts(ids: list[str]) -> None:
    """The retired facts of the entities shown, struck through, with who retired them and why."""
    driver, settings = connection()
    try:
        found = history.retired_near(driver, settings, ids)
    except ExplorerError as error:
        error_banner(error, retry_key=None)
        return
    st.markdown(f"#### {tr('edit.retired_title')}")
    if not found:
        st.caption(tr("edit.retired_none"))
    for fact in found:
        why = fact.change.reason if fact.change and fact.change.reason else ""
        line = tr(
            "edit.retired_line",
            fact=markdown_text(fact.state.label()),
            who=markdown_text(fact.retired_by or "?"),
            at=str(fact.retired_at or "")[:10],
            n=fact.change.id if fact.change else "?",
        )
        st.markdown(line + (f" · *{markdown_text(why)}*" if why else ""))
