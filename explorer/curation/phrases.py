"""Facts and their values in words, English or French: the pieces every description is made of.

Names come from a :class:`Names` table read beforehand (``explorer.curation.names``); ids are
only a fallback for what the graph no longer knows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from explorer import countries, model
from explorer.i18n import count_of, evidence_name, kind_name, number, property_name, status_name, t
from explorer.model import Entity, FactDate, Lang, Tie
from explorer.model.changes import FactState
from explorer.model.facts import parse_fact_key
from explorer.wording import tie_details, tie_sentence

__all__ = [
    "REFERENCES",
    "SHOWN",
    "Names",
    "colon",
    "count_of",
    "diffs",
    "entity_text",
    "fact_text",
    "joined",
    "key_text",
    "listed",
    "tie_text",
    "value_text",
]

#: Facts a sentence names before "and N more".
SHOWN = 3
#: Properties whose value is an entity's id (``on_behalf_of``): shown by the entity's name.
REFERENCES = frozenset(r for rtype in model.REL_TYPES.values() for r in rtype.references)


@dataclass(frozen=True)
class Names:
    """What the graph calls the entities and sources a description mentions (read beforehand)."""

    entities: Mapping[str, Entity] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)

    def entity(self, entity_id: str) -> Entity:
        return self.entities.get(entity_id) or Entity(entity_id, "", entity_id)

    def source(self, source_id: str | None, lang: Lang) -> str | None:
        if not source_id:
            return None
        return self.sources.get(source_id) or source_id


def value_text(key: str, value: Any, lang: Lang, names: Names) -> str:
    """A property's value for people: statuses, kinds, countries and dates in words, entities by name."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(value_text(key, v, lang, names) for v in value)
    if key == "status":
        return status_name(str(value), lang)
    if key == "evidence":
        return evidence_name(str(value), lang)
    if key == "kind" and str(value) in model.KINDS:
        return kind_name(str(value), lang)
    if key == "country":
        return countries.country_name(str(value), lang)
    if key == "source":
        return names.source(str(value), lang) or str(value)
    if key in REFERENCES:
        return names.entity(str(value)).display(lang)
    if key in model.DATE_PROPERTIES and (date := FactDate.read(value)) is not None:
        return date.words(lang)  # "March 2015", "3 mars 2015": as precise as it was given
    if isinstance(value, bool):
        return t("describe.yes" if value else "describe.no", lang)
    return number(value, lang) if isinstance(value, float) else " ".join(str(value).split())


def colon(lang: Lang) -> str:
    """French puts a space before a colon."""
    return " :" if lang == "fr" else ":"


def joined(parts: Iterable[str], lang: Lang) -> str:
    """Parts of one sentence, with a semicolon between them (a space before it in French)."""
    return (" ; " if lang == "fr" else "; ").join(parts)


def diffs(
    before: Mapping[str, Any], after: Mapping[str, Any], lang: Lang, names: Names, *, partial: bool = False
) -> tuple[str, ...]:
    """ "status: planned → active", "since: — → 2019": each property that changed (``partial``:
    only those ``after`` names, the others left as they are)."""
    keys = sorted(set(after) if partial else set(before) | set(after))
    out = []
    for key in keys:
        if key in model.BOOKKEEPING or key in ("id", "paragraph", "quote"):
            continue
        old, new = before.get(key), after.get(key)
        if old == new or (old in (None, "") and new in (None, "")):
            continue
        was, now = value_text(key, old, lang, names), value_text(key, new, lang, names)
        out.append(f"{property_name(key, lang)}{colon(lang)} {was} → {now}")
    return tuple(out)


def entity_text(entity_id: str, props: Mapping[str, Any], kind: str, lang: Lang, names: Names) -> str:
    known = names.entity(entity_id)
    name = str(props.get("name_fr") if lang == "fr" and props.get("name_fr") else props.get("name") or "")
    name = " ".join(name.split()) or known.display(lang)
    what = [kind_name(kind or known.kind, lang)] if (kind or known.kind) else []
    country = props.get("country") or known.country
    if country and kind not in model.PLACE_KINDS:
        what.append(countries.country_name(str(country), lang))
    return f"{name} ({', '.join(what)})" if what else name


def tie_text(rtype: str, start: str, end: str, props: Mapping[str, Any], lang: Lang, names: Names) -> str:
    tie = Tie(rtype, start, end, dict(props))
    refs = {
        k: names.entity(str(props[k]))
        for k in (model.REL_TYPES[rtype].references if rtype in model.REL_TYPES else ())
        if props.get(k)
    }
    sentence, details = tie_sentence(tie, names.entity(start), names.entity(end), lang, refs)
    details = [*details, *tie_details(tie, lang)]
    return f"{sentence} ({', '.join(details)})" if details else sentence


def fact_text(state: FactState, lang: Lang, names: Names) -> str:
    """A fact for people: "Acme Bio (company, France)", "Acme Bio is a member of Eurobiomed (since 2019)"."""
    if state.fact == "entity":
        return entity_text(state.id, state.props, state.kind, lang, names)
    return tie_text(state.kind, str(state.start), str(state.end), state.props, lang, names)


def key_text(key: str, lang: Lang, names: Names) -> str:
    try:
        what, a, rtype, b = parse_fact_key(key)
    except ValueError:
        return key
    if what == "entity":
        return entity_text(a, {}, "", lang, names)
    return tie_text(str(rtype), a, str(b), {}, lang, names)


def listed(parts: Sequence[str], lang: Lang) -> str:
    more = len(parts) - SHOWN
    shown = joined(parts[:SHOWN], lang)
    return shown + (t("describe.more", lang, n=more) if more > 0 else "")
