"""Numbers, dates and French contractions as each language writes them: "0,459", "d'Eurobiomed"."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from explorer.model import Lang, fold

__all__ = ["date_text", "elide", "language_name", "number"]

#: A source's language (an ISO 639-1 code) as each language names it; other codes show as given.
LANGUAGES: dict[str, tuple[str, str]] = {
    "ar": ("Arabic", "arabe"),
    "de": ("German", "allemand"),
    "en": ("English", "anglais"),
    "es": ("Spanish", "espagnol"),
    "fr": ("French", "français"),
    "it": ("Italian", "italien"),
    "ja": ("Japanese", "japonais"),
    "ko": ("Korean", "coréen"),
    "nl": ("Dutch", "néerlandais"),
    "pt": ("Portuguese", "portugais"),
    "sv": ("Swedish", "suédois"),
    "zh": ("Chinese", "chinois"),
}

#: The thin no-break space French puts between thousands: "12 345".
THIN_SPACE = "\u202f"

MONTHS: dict[Lang, tuple[str, ...]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
}


def number(value: Any, lang: Lang = "en", spec: str = "") -> str:
    """``value`` written for ``lang``: "1,234.5" in English, "1 234,5" in French.

    ``spec`` is a format specification without grouping (``".3g"``, ``".2f"``); numbers from 10,000
    are grouped by thousands (not years: "2026"), other values than numbers are returned as text.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int) and not spec:
        text = f"{value:,}" if abs(value) >= 10_000 else str(value)
    else:
        text = format(value, spec or "g")
        whole, dot, rest = text.partition(".")
        if whole.lstrip("-").isdigit() and len(whole.lstrip("-")) > 4 and "e" not in text:
            whole = f"{int(whole):,}"
        text = whole + dot + rest
    if lang != "fr":
        return text
    return text.replace(",", THIN_SPACE).replace(".", ",")


def date_text(value: Any, lang: Lang = "en", *, time: bool = False) -> str:
    """A date (or an ISO timestamp) as people read it: "3 December 2026", "1er décembre 2026"
    (with ``time``: ", 14:05", in UTC as it was recorded); text that is no date comes back as it is."""
    moment = _moment(value)
    if moment is None:
        return "" if value is None else str(value)
    day = "1er" if lang == "fr" and moment.day == 1 else str(moment.day)
    text = f"{day} {MONTHS[lang][moment.month - 1]} {moment.year}"
    if time and isinstance(moment, dt.datetime):
        text += f", {moment:%H:%M}"
    return text


def _moment(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?", text):
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


#: Words starting with a mute h, before which French elides ("d'hôpital"); before other h it does not
#: ("de Hambourg").
_MUTE_H = ("hopita", "hotel", "hospice", "histoire", "homme", "heure", "hygiene", "human", "herit", "hiver")
_VOWEL = "aeiouàâäéèêëîïôöùûüœæ"
_MARK = r"(?:\*\*|__|\*|_)?"
_DE = re.compile(rf"\b([Dd])e ({_MARK})(?=([\w'’-]+))")
#: "de Le Havre" → "du Havre": only a capital article, the start of a name ("de le faire" stays).
_ARTICLE = re.compile(r"(?<!\w)(de|De|à|À) (Le|Les) (?=\w)")
_CONTRACTED = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}


#: Words after which "de" is a word talked about ("de et vers"), not a preposition before them.
_KEPT = {"et", "ou", "a"}


def _elides(word: str) -> bool:
    folded = fold(word)
    if folded in _KEPT:
        return False
    if folded[:1] == "h":
        return folded.startswith(_MUTE_H)
    return word[:1].lower() in _VOWEL


def _de(match: re.Match[str]) -> str:
    d, mark, word = match.group(1), match.group(2), match.group(3)
    return f"{d}'{mark}" if _elides(word) else match.group(0)


def _article(match: re.Match[str]) -> str:
    before, article = match.group(1), match.group(2)
    contracted = _CONTRACTED[(before.lower(), article.lower())]
    if before[:1].isupper():
        contracted = contracted.capitalize()
    return contracted + " "


def elide(text: str) -> str:
    """French ``text`` with its contractions made: "de Eurobiomed" → "d'Eurobiomed", "de **Institut**"
    → "d'**Institut**", "de Le Havre" → "du Havre", "à Les Ulis" → "aux Ulis" (not "de Hambourg",
    "de Yokohama")."""
    return _DE.sub(_de, _ARTICLE.sub(_article, text))


def language_name(code: str, lang: Lang = "en") -> str:
    """ "fr" as "French" or "français"; a code outside the table (or "fr-CA") keeps its region."""
    base, _, region = code.strip().partition("-")
    names = LANGUAGES.get(base.lower())
    if names is None:
        return code
    name = names[0] if lang == "en" else names[1]
    return f"{name} ({region.upper()})" if region else name
