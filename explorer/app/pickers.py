"""Fields the forms share: an entity picked by name, a source picked by its title (or a new one),
a date as precise as known (empty for "none"), and a relationship type's own properties."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import neo4j
import streamlit as st

from explorer import countries, i18n, model, resolve
from explorer.app.connection import connection, database_key
from explorer.app.state import lang, tr
from explorer.config import Settings
from explorer.curation.citations import Citation, NewSource
from explorer.database.session import data_version
from explorer.errors import AmbiguousEntity, ExplorerError, UnknownEntity
from explorer.escaping import markdown_text
from explorer.model import Entity, FactDate, Lang
from explorer.resolve import Resolver
from explorer.views.sources import list_sources

__all__ = [
    "NEW_SOURCE",
    "citation_fields",
    "country_field",
    "date_input",
    "entity_picker",
    "entity_text",
    "new_entity_fields",
    "tie_properties",
]

#: The source picker's choice that opens the fields of a new source.
NEW_SOURCE = "\x00new"
#: An entity picker's choice "another entity" (beside the candidates given).
OTHER = "\x00other"
#: Earliest and latest years a form accepts.


def entity_text(entity: Entity) -> str:
    """ "Biocom — cluster, United States": an entity as a picker shows it."""
    what = [i18n.kind_name(entity.kind, lang())]
    if entity.country and not entity.is_place:
        what.append(countries.country_name(entity.country, lang()))
    return f"{entity.display(lang())} — {', '.join(what)}"


def entity_picker(
    key: str, label: str, *, default: str = "", candidates: Sequence[Entity] = (), help: str | None = None
) -> Entity | None:
    """An entity of the map: one of ``candidates`` (when given), or found by name (case and accents
    ignored) or id as the reader types, several matches offered to pick from. Outside a form only."""
    if candidates:
        by_id = {c.id: c for c in candidates}
        options = [*by_id, OTHER]
        chosen = st.selectbox(
            label,
            options,
            index=options.index(default) if default in by_id else None,
            key=f"{key}.choice",
            format_func=lambda i: tr("pick.other") if i == OTHER else entity_text(by_id[i]),
            placeholder=tr("pick.choose"),
            help=help,
        )
        if chosen != OTHER:
            return by_id.get(chosen) if chosen else None
        label, default = tr("pick.search"), ""
    if f"{key}.text" not in st.session_state and default:
        st.session_state[f"{key}.text"] = default
    text = st.text_input(label, key=f"{key}.text", placeholder=tr("search.placeholder"), help=help)
    if not text.strip():
        return None
    driver, settings = connection()
    try:
        found = Resolver(driver, settings).entity(text)
    except (UnknownEntity, AmbiguousEntity) as error:
        said = "entity.unknown" if isinstance(error, UnknownEntity) else "entity.ambiguous"
        st.caption(tr(said, given=markdown_text(text)))
        return _pick_one(key, list(error.entities))
    except ExplorerError as error:
        st.caption(markdown_text(error.message))
        return None
    st.caption(markdown_text("✓ " + entity_text(found)))
    return found


def _pick_one(key: str, choices: list[Entity]) -> Entity | None:
    if not choices:
        return None
    by_id = {c.id: c for c in choices}
    picked = st.selectbox(
        tr("pick.which"),
        list(by_id),
        index=None,
        key=f"{key}.pick",
        format_func=lambda i: entity_text(by_id[i]),
        placeholder=tr("pick.choose"),
    )
    return by_id.get(picked) if picked else None


def date_input(label: str, key: str, value: Any = None, *, container: Any = st) -> int | str | None:
    """A date as precise as the reader knows it: a year, a month or a day ("2015", "2015-03",
    "3 mars 2015"...), empty for "none". Returns it as the graph stores it; a date it cannot
    read is said under the field and returned as typed, for the library to refuse."""
    given = FactDate.read(value)
    text = container.text_input(
        label,
        value=given.iso() if given else "",
        key=key,
        placeholder=tr("form.fact_date_hint"),
        help=tr("form.date_help"),
    )
    if not text.strip():
        return None
    try:
        return FactDate.parse(text).stored()
    except ValueError as error:
        container.caption(markdown_text(str(error)))
        return text.strip()


def country_field(label: str, key: str, value: str | None = None, *, container: Any = st) -> str | None:
    """A country by code or name; returns its ISO code, ``None`` when empty (an unknown one is
    said under the field and returned as typed, for the library to refuse)."""
    text = container.text_input(label, value=value or "", key=key, placeholder=tr("form.country_hint"))
    if not text.strip():
        return None
    try:
        return resolve.country(text)
    except ExplorerError as error:
        container.caption(markdown_text(error.one_line()))
        return text.strip()


def new_entity_fields(key: str) -> tuple[str, str | None, str | None]:
    """Name, kind and country of an entity about to be created, on one row: the name as typed
    (stripped), the kind picked (``None`` until picked), the country as ``country_field`` reads it."""
    left, middle, right = st.columns([2, 1, 1])
    name = left.text_input(tr("edit.field.name"), key=f"{key}.name")
    kind = middle.selectbox(
        tr("col.kind"),
        sorted(model.ENTITY_KINDS),
        index=None,
        key=f"{key}.kind",
        format_func=lambda k: i18n.kind_name(k, lang()),
        placeholder=tr("edit.kind_pick"),
    )
    country = country_field(tr("edit.field.country"), f"{key}.country", container=right)
    return name.strip(), kind, country


def tie_properties(rtype: str) -> tuple[str, ...]:
    """The properties a relationship type has besides status, evidence and years: its extras
    (role, topic, on_behalf_of, kind, what) and a note."""
    found = model.REL_TYPES.get(rtype)
    extras = [e.property for words in (found.en, found.fr) for e in words.extras] if found else []
    refs = list(found.references) if found else []
    return tuple(dict.fromkeys([*extras, *refs, "note"]))


@st.cache_data(max_entries=8, show_spinner=False)
def _sources(key: tuple[str, ...], code: Lang, _driver: neo4j.Driver, _settings: Settings) -> dict[str, str]:
    found, _ = list_sources(_driver, _settings)
    labels = {}
    for counted in found:
        source = counted.source
        more = [x for x in (source.publisher, source.date) if x]
        labels[source.id] = source.title(code) + (f" — {', '.join(more)}" if more else "")
    return labels


def source_labels() -> dict[str, str]:
    """Every source by id, as "title — publisher, date" (read again when the data changed)."""
    driver, settings = connection()
    version = data_version(driver, settings)
    return _sources((*database_key(settings), version), lang(), driver, settings)


def citation_fields(prefix: str, *, in_form: bool = True) -> Citation | None:
    """Where the facts come from: an existing source picked by its title (type to search), or a
    new one (title, publisher, date, address); the paragraph and sentence that state it.

    In a form the new source's fields are always shown (a form cannot change while it is
    filled in); elsewhere only once "a new source" is picked."""
    try:
        labels = source_labels()
    except ExplorerError:
        labels = {}
    options = [NEW_SOURCE, *labels]
    chosen = st.selectbox(
        tr("edit.source"),
        options,
        index=None,
        key=f"{prefix}.source",
        format_func=lambda s: tr("edit.source_new") if s == NEW_SOURCE else labels.get(s, s),
        placeholder=tr("edit.source_pick"),
        help=tr("edit.source_help"),
    )
    new: NewSource | None = None
    if in_form or chosen == NEW_SOURCE:
        if in_form:
            st.caption(tr("edit.source_new_help"))
        title = st.text_input(tr("edit.source_title"), key=f"{prefix}.title")
        left, middle, right = st.columns(3)
        publisher = left.text_input(tr("edit.publisher"), key=f"{prefix}.publisher")
        date = middle.text_input(tr("edit.date"), key=f"{prefix}.date", placeholder=tr("form.fact_date_hint"))
        url = right.text_input(tr("edit.url"), key=f"{prefix}.url")
        if chosen == NEW_SOURCE or (chosen is None and title.strip()):
            new = NewSource(
                title.strip(), publisher.strip() or None, date.strip() or None, url.strip() or None
            )
    left, right = st.columns([1, 3])
    paragraph = left.number_input(
        tr("edit.paragraph"), min_value=1, step=1, value=None, key=f"{prefix}.paragraph"
    )
    quote = right.text_input(tr("edit.quote"), key=f"{prefix}.quote")
    existing = chosen if chosen not in (None, NEW_SOURCE) else None
    if new is None and existing is None and not quote.strip() and paragraph is None:
        return None
    return Citation(existing, new, int(paragraph) if paragraph is not None else None, quote.strip() or None)
