"""What an editor corrects in a review item before accepting it, as the library's ``Decision``: either
end of a tie (another entity of the map, or a new one), its type, direction, status, evidence,
years and every property its type has; an entity's name, kind, country and aliases, or the entity
of the map it is; the new values an edit proposes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from explorer import i18n, model
from explorer.app.pickers import country_field, date_input, entity_picker, new_entity_fields, tie_properties
from explorer.app.state import lang, tr
from explorer.curation import review
from explorer.curation.describe import Names
from explorer.curation.requests import AddEntity, AddTie, EditEntity, EditTie
from explorer.escaping import markdown_text
from explorer.queries import parse_value

__all__ = ["correction"]

#: Properties whose value is an entity's id (on_behalf_of).
_REFERENCES = frozenset(r for rtype in model.REL_TYPES.values() for r in rtype.references)
_YEARS = ("since", "until")


def _changed(given: Mapping[str, Any], proposed: Mapping[str, Any]) -> dict[str, Any]:
    """The values the reviewer changed (``None``: none)."""
    empty: tuple[Any, ...] = (None, "", [])
    return {
        k: v
        for k, v in given.items()
        if v != proposed.get(k) and not (v in empty and proposed.get(k) in empty)
    }


def _typed(text: str, proposed: Any) -> Any:
    """A value typed in a text field, of the proposed value's type (a number stays a number)."""
    text = text.strip()
    if not text:
        return None
    if isinstance(proposed, int | float) and not isinstance(proposed, bool):
        return parse_value(text)
    return text


def _aliases(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(a) for a in value]
    return [a.strip() for a in str(value or "").replace("|", ";").split(";") if a.strip()]


def _field(name: str, proposed: Any, key: str, *, container: Any = st) -> Any:
    """One property's field, by what it holds: a status, evidence, year, kind, country, list of
    aliases, entity, or text."""
    label = i18n.property_name(name, lang()).capitalize()
    if name == "status":
        options = list(model.STATUSES)
        index = options.index(proposed) if proposed in options else 0
        return container.selectbox(
            label, options, index=index, key=key, format_func=lambda s: i18n.status_name(s, lang())
        )
    if name == "evidence":
        options = list(model.EVIDENCE)
        index = options.index(proposed) if proposed in options else 0
        return container.selectbox(
            label, options, index=index, key=key, format_func=lambda e: i18n.evidence_name(e, lang())
        )
    if name in _YEARS:
        return date_input(label, key, proposed, container=container)
    if name == "kind" and (proposed in model.ENTITY_KINDS or proposed is None):
        kinds = sorted(model.ENTITY_KINDS)
        return container.selectbox(
            label,
            kinds,
            index=kinds.index(proposed) if proposed in kinds else None,
            key=key,
            format_func=lambda k: i18n.kind_name(k, lang()),
        )
    if name == "country":
        return country_field(label, key, proposed, container=container)
    if name == "aliases":
        text = container.text_input(
            label, value="; ".join(_aliases(proposed)), key=key, help=tr("review.aliases_help")
        )
        return _aliases(text) or None
    if name in _REFERENCES:
        with container:
            found = entity_picker(key, label, default=str(proposed or ""))
        return found.id if found else None
    return _typed(
        container.text_input(label, value="" if proposed is None else str(proposed), key=key), proposed
    )


def _fields(names: list[str], proposed: Mapping[str, Any], key: str) -> dict[str, Any]:
    """Several properties' fields, three to a row."""
    given: dict[str, Any] = {}
    for start in range(0, len(names), 3):
        row = names[start : start + 3]
        for column, name in zip(st.columns(3), row, strict=False):
            given[name] = _field(name, proposed.get(name), f"{key}.{name}", container=column)
    return given


def _entity(item: review.Item, request: AddEntity, names: Names, key: str) -> review.Decision | None:
    proposed = item.proposed
    match = proposed.match if proposed is not None else None
    candidates = [names.entity(c) for c in proposed.candidates or ()] if proposed is not None else []
    is_known = st.radio(
        tr("review.entity_is"),
        [False, True],
        index=1 if match else 0,
        key=f"{key}.known",
        horizontal=True,
        format_func=lambda known: tr("review.entity_known" if known else "review.entity_new"),
    )
    if is_known:
        found = entity_picker(
            f"{key}.link", tr("review.link_to"), default=str(match or ""), candidates=candidates
        )
        return review.Decision(link_to=found.id) if found else None
    values = {
        "name": request.name,
        "kind": model.parse_kind(request.kind) or request.kind,
        "country": request.country,
        "aliases": request.properties.get("aliases"),
        "description": request.properties.get("description"),
        "city": request.city,
    }
    given = _fields(list(values), values, key)
    return review.Decision(create=True, set=_changed(given, values))


def _end(label: str, current: str, key: str) -> tuple[str | None, review.NewEnd | None] | None:
    """One end of a tie: as proposed, another entity of the map, or a new entity (``None``: the
    reviewer has not said which yet)."""
    how = st.radio(
        label,
        ["same", "map", "new"],
        key=f"{key}.how",
        horizontal=True,
        format_func=lambda h: tr(f"review.end_{h}", name=markdown_text(current)),
    )
    if how == "same":
        return None, None
    if how == "map":
        found = entity_picker(f"{key}.pick", tr("review.end_pick"))
        return (found.id, None) if found else None
    if how == "new":
        name, kind, country = new_entity_fields(key)
        if name and kind:
            return None, review.NewEnd(name, kind, country)
    return None


def _tie(request: AddTie, ends: Mapping[str, str], key: str) -> review.Decision | None:
    left, right = st.columns(2)
    with left:
        first = _end(tr("review.start"), ends.get(request.start, request.start), f"{key}.start")
    with right:
        second = _end(tr("review.end"), ends.get(request.end, request.end), f"{key}.end")
    types = list(model.REL_TYPES)
    given_type = model.parse_rel_type(request.type) or types[0]
    left, right = st.columns(2)
    rtype = left.selectbox(
        tr("edit.type"),
        types,
        index=types.index(given_type),
        key=f"{key}.type",
        format_func=lambda t: i18n.type_phrase(t, lang()),
    )
    reverse = right.checkbox(
        tr("edit.reverse"), key=f"{key}.reverse", disabled=rtype in model.SYMMETRIC_TYPES
    )
    proposed = {
        "status": request.status or model.DEFAULT_STATUS,
        "evidence": request.evidence or model.DEFAULT_EVIDENCE,
        "since": request.since,
        "until": request.until,
        **request.properties,
    }
    names = ["status", "evidence", "since", "until", *tie_properties(rtype)]
    given = _fields(names, proposed, key)
    if first is None or second is None:
        return None
    (start, new_start), (end, new_end) = first, second
    return review.Decision(
        start=start,
        end=end,
        new_start=new_start,
        new_end=new_end,
        reverse=bool(reverse),
        type=rtype if rtype != given_type else None,
        set=_changed(given, proposed),
    )


def _edit(request: EditEntity | EditTie, key: str) -> review.Decision:
    st.caption(tr("review.new_values"))
    proposed = dict(request.changes)
    given = _fields(list(proposed), proposed, key)
    return review.Decision(set=_changed(given, proposed))


def correction(item: review.Item, names: Names, ends: Mapping[str, str], key: str) -> review.Decision | None:
    """The reviewer's corrections of ``item`` (``ends``: the names of its ends, by id or by the ref
    of an entity of the batch); ``None`` while a choice is unfinished (an entity of the map not
    found yet). An item with nothing to correct (confirm, retire, merge) is accepted as it is."""
    request = item.request
    if isinstance(request, AddEntity):
        return _entity(item, request, names, key)
    if isinstance(request, AddTie):
        return _tie(request, ends, key)
    if isinstance(request, EditEntity | EditTie):
        return _edit(request, key)
    st.caption(tr("review.nothing_to_correct"))
    return review.Decision()
