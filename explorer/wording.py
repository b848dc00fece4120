"""Ties in words, English or French, from the model's table: one sentence per tie, the clause that
says why someone can introduce, what a crowd is made of, and the small grammar they need."""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from typing import Any

from explorer import model
from explorer.i18n.formats import elide
from explorer.model import Entity, Extra, Lang, Tie
from explorer.model.clock import today
from explorer.model.dates import FactDate, ended

__all__ = [
    "ask_clause",
    "crowd_phrase",
    "de",
    "en_place",
    "ended_words",
    "fr_in",
    "fr_in_country",
    "in_place",
    "join_and",
    "lower_first",
    "possessive",
    "tie_details",
    "tie_sentence",
    "tie_state",
]


def de(name: str) -> str:
    """French "de" before a name, elided before a vowel or a mute h: "d'Eurobiomed", "de Biocom",
    "du Havre" (:func:`explorer.i18n.formats.elide`)."""
    return elide(f"de {name}")


def a_(name: str) -> str:
    """French "à" before a name: "à Biocom", "au Havre"."""
    return elide(f"à {name}")


def possessive(name: str) -> str:
    """English possessive: "Biocom's", "Neuroservices'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def lower_first(text: Any) -> str:
    """ "Director general" -> "director general", but "CEO" stays "CEO"."""
    text = " ".join(str(text).split())
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


_FR_PLURAL = ("etats-unis", "pays-bas", "emirats arabes unis", "philippines", "seychelles")
_FR_MASCULINE_IN_E = ("mexique", "cambodge", "mozambique", "zimbabwe")
_FR_CITY_STATES = ("singapour", "taiwan", "malte", "chypre", "cuba", "monaco", "hong kong")
_EN_THE = ("united ", "netherlands", "philippines", "czech republic", "bahamas", "gambia")


def fr_in_country(name: str) -> str:
    """French "in" before a country: "en France", "au Japon", "aux États-Unis"."""
    folded = model.fold(name)
    if folded.startswith(_FR_PLURAL):
        return f"aux {name}"
    if folded in _FR_CITY_STATES:
        return a_(name)
    if folded[:1] in "aeiouy" or (folded.endswith("e") and folded not in _FR_MASCULINE_IN_E):
        return f"en {name}"
    return f"au {name}"


def fr_in(place: Entity, lang: Lang = "fr") -> str:
    """French "in" before a place: "à Marseille", "en France"."""
    name = place.display(lang)
    return fr_in_country(name) if place.kind == "Country" else a_(name)


def en_place(place: Entity, lang: Lang = "en") -> str:
    """A place as English says it after "in": "the United States", "Japan", "San Diego"."""
    name = place.display(lang)
    if place.kind == "Country" and model.fold(name).startswith(_EN_THE):
        return f"the {name}"
    return name


def in_place(place: Entity, lang: Lang) -> str:
    """ "in" before a place, as each language says it ("in" itself is in the templates in English)."""
    return fr_in(place, lang) if lang == "fr" else en_place(place, lang)


class _Formatter(string.Formatter):
    """``{value:lower}`` lower-cases a leading capital; other fields are plain."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "lower":
            return lower_first(value)
        return super().format_field(value, format_spec)


_FORMAT = _Formatter()


def _forms(x: str, y: Entity, lang: Lang) -> dict[str, str]:
    name = y.display(lang)
    return {"x": x, "y": name, "de_y": de(name), "y_s": possessive(name), "in_y": in_place(y, lang)}


def _value(tie: Tie, extra: Extra, lang: Lang, refs: Mapping[str, Entity]) -> str | None:
    """A property's value for a sentence: French variant, referenced entity or translation."""
    if extra.property in refs:
        return refs[extra.property].display(lang)
    props = tie.properties
    value = props.get(f"{extra.property}_fr") if lang == "fr" else None
    if value in (None, ""):
        value = props.get(extra.property)
    if (
        value in (None, "")
        or isinstance(value, dict | list)
        or extra.property in model.REL_TYPES[tie.type].references
    ):
        return None
    text = " ".join(str(value).split())
    return extra.words.get(model.fold(text), text)


def _extras(tie: Tie, lang: Lang, refs: Mapping[str, Entity], ends: tuple[str, str]) -> tuple[str, list[str]]:
    words = model.REL_TYPES[tie.type].words(lang)
    known: dict[str, str] = {}
    for extra in words.extras:
        value = _value(tie, extra, lang, refs)
        ref = refs.get(extra.property)
        if value is not None and not (ref is not None and ref.id in ends):
            known[extra.property] = value
    main, details = "", []
    for extra in words.extras:
        if extra.property not in known or (extra.unless and extra.unless in known):
            continue
        value = known[extra.property]
        text = _FORMAT.format(extra.template, value=value, de_value=de(value))
        if extra.main:
            main += text
        else:
            details.append(text)
    return main, details


def tie_sentence(
    tie: Tie,
    start: Entity,
    end: Entity,
    lang: Lang = "en",
    refs: Mapping[str, Entity] | None = None,
) -> tuple[str, list[str]]:
    """The tie as a sentence without its final stop ("Bruno Buisson leads Neuroservices as CEO"),
    and the details that go in brackets after it. ``start`` and ``end`` are the entities the
    sentence names first and second: the stored ends, or for a symmetric tie either order."""
    rtype = model.REL_TYPES.get(tie.type)
    if rtype is None:
        linked = "est lié à" if lang == "fr" else "is linked to"
        return f"{start.display(lang)} {linked} {end.display(lang)} ({tie.type})", []
    words = rtype.words(lang)
    main = _FORMAT.format(words.sentence, **_forms(start.display(lang), end, lang))
    more, details = _extras(tie, lang, refs or {}, (tie.start, tie.end))
    return main + more, details


def join_and(parts: Sequence[str], lang: Lang = "en") -> str:
    """ "a, b and c" ("a, b et c")."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {'et' if lang == 'fr' else 'and'} {parts[-1]}"


_INFERRED_IN_FULL = {"en": "inferred, not stated by the source", "fr": "déduit, non affirmé par la source"}


def tie_state(
    tie: Tie,
    lang: Lang = "en",
    *,
    at: FactDate | None = None,
    always: tuple[str, ...] = (),
    order: str = "state",
) -> list[str]:
    """A tie's state in words, each part once, for each face to join its own way: "active",
    "stated", "since 2012", "until March 2030" or "ended in 2015" (an ``until`` over before
    ``at``, today by default), each date as precise as its source. The status and the evidence
    are said when they depart from the default (planned, proposed, inferred), or always when
    ``always`` names them (a fact card says both). ``order`` "dates" puts the dates first (a
    path's explanation). The one place a tie's state is said."""
    state: list[str] = []
    if "status" in always or tie.status != model.DEFAULT_STATUS:
        state.append(model.STATUS_NAMES.get(tie.status, {}).get(lang, tie.status))
    if "evidence" in always or tie.evidence != model.DEFAULT_EVIDENCE:
        state.append(model.EVIDENCE_NAMES.get(tie.evidence, {}).get(lang, tie.evidence))
    dates: list[str] = []
    rtype = model.REL_TYPES.get(tie.type)
    since, until = tie.since, tie.until
    if since is not None and (rtype is None or rtype.dated):
        dates.append(since.since_words(lang))
    if until is not None:
        if ended(until, at if at is not None else today()):
            dates.append(until.ended_words(lang))
        else:
            dates.append(until.until_words(lang))
    return [*dates, *state] if order == "dates" else [*state, *dates]


def tie_details(tie: Tie, lang: Lang = "en", at: FactDate | None = None) -> list[str]:
    """Since when, until when (or that it has ended), and whether the tie is planned, proposed or
    only inferred (said in full): a tie's state as a sentence's brackets say it."""
    parts = tie_state(tie, lang, at=at, order="dates")
    inferred = model.EVIDENCE_NAMES["inferred"][lang]
    return [_INFERRED_IN_FULL[lang] if p == inferred and tie.evidence == "inferred" else p for p in parts]


def ended_words(until: FactDate, lang: Lang = "en") -> str:
    """ "ended in 2015", "terminé en mars 2015": a tie whose ``until`` is past."""
    return until.ended_words(lang)


def ask_clause(tie: Tie, who: Entity, onward: Entity, lang: Lang = "en") -> str | None:
    """Why ``who`` can introduce: "who sits on Biocom's board" (``onward`` the tie's other end)."""
    rtype = model.REL_TYPES.get(tie.type)
    if rtype is None:
        return None
    forward, backward = rtype.words(lang).ask
    template = forward if who.id == tie.start or tie.symmetric else backward
    if template is None:
        return None
    return _FORMAT.format(template, **_forms(who.display(lang), onward, lang))


def crowd_phrase(tie: Tie, side: str, entity: Entity, size: int, lang: Lang = "en") -> str:
    """ "Biocom has 850 members": ``side`` is "start" (ties going out) or "end" (coming in)."""
    rtype = model.REL_TYPES.get(tie.type)
    nouns = rtype.words(lang).crowd if rtype else ("liens de ce type", "liens de ce type")
    noun = nouns[0] if side == "start" else nouns[1]
    if lang == "fr":
        return f"{entity.display(lang)} compte {size:,} {noun}".replace(",", "\u202f")
    return f"{entity.display(lang)} has {size:,} {noun}"
