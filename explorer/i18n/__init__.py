"""Every label, legend and message of the explorer's pages, in English and French.

The messages live in one table per page (``common``, ``network``, ``paths``...); a key is
``page.what`` and names the same message in both languages, with the same ``{fields}``.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from explorer import model
from explorer.errors import (
    AmbiguousEntity,
    AuthFailed,
    DatabaseUnavailable,
    EditConflict,
    ExplorerError,
    NotAllowed,
    QueryRefused,
    QueryTimeout,
    UndoRefused,
    UnknownEntity,
    UnknownValue,
)
from explorer.i18n import (
    advice,
    alliance,
    asks,
    columns,
    common,
    curation,
    describe,
    history,
    ingest,
    network,
    paths,
    properties,
    queries,
    review,
    sources,
    time,
)
from explorer.i18n.formats import date_text, elide, language_name, number
from explorer.model import Lang, localized

__all__ = [
    "LANGS",
    "LANGUAGE_NAMES",
    "MESSAGES",
    "cell_word",
    "column_name",
    "count_of",
    "date_text",
    "elide",
    "evidence_name",
    "fields_of",
    "kind_name",
    "language_name",
    "localized",
    "number",
    "parse_lang",
    "problem_key",
    "property_name",
    "status_name",
    "t",
    "type_phrase",
]

LANGS: tuple[Lang, ...] = model.LANGS
#: The language of the switch: each language named in itself.
LANGUAGE_NAMES: Mapping[Lang, str] = MappingProxyType({"en": "English", "fr": "Français"})


def _merged(*tables: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for table in tables:
        twice = set(merged) & set(table)
        if twice:  # pragma: no cover - a test checks the tables
            raise ValueError(f"message keys defined twice: {sorted(twice)}")
        merged |= table
    return merged


_MESSAGES = _merged(
    common.MESSAGES,
    network.MESSAGES,
    queries.MESSAGES,
    alliance.MESSAGES,
    paths.MESSAGES,
    advice.MESSAGES,
    asks.MESSAGES,
    curation.MESSAGES,
    describe.MESSAGES,
    history.MESSAGES,
    review.MESSAGES,
    ingest.MESSAGES,
    sources.MESSAGES,
    properties.MESSAGES,
    columns.MESSAGES,
    time.MESSAGES,
)

MESSAGES: Mapping[str, tuple[str, str]] = MappingProxyType(_MESSAGES)


def parse_lang(value: Any) -> Lang:
    """``"fr"`` for French (``fr``, ``fr-FR``, ``français``), else ``"en"``."""
    text = model.fold(str(value or ""))
    return "fr" if text.startswith(("fr", "francais")) else "en"


def t(key: str, lang: Lang = "en", **values: Any) -> str:
    """The message ``key`` in ``lang``, with ``values`` filled in (French with its contractions made:
    "d'Eurobiomed"); numbers are written as ``lang`` writes them ("0,459")."""
    en, fr = _MESSAGES[key]
    if lang != "fr":
        return en.format(**values) if values else en.replace("{{", "{").replace("}}", "}")
    if not values:
        return fr.replace("{{", "{").replace("}}", "}")
    return elide(_FrenchFormatter().format(fr, **values))


class _FrenchFormatter(string.Formatter):
    """``str.format`` with numbers in French: "0,459", "12 345"."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return number(value, "fr", format_spec.replace(",", ""))
        return super().format_field(value, format_spec)


def count_of(n: int, noun: str, lang: Lang = "en") -> str:
    """A number and its noun agreeing: "1 path", "3 paths", "0 chemin", "1 234 chemins" (the message
    ``count.NOUN``: singular|plural)."""
    one, many = t(f"count.{noun}", lang).split("|")
    singular = n == 1 or (lang == "fr" and n == 0)  # French counts none in the singular
    return f"{number(n, lang)} {one if singular else many}"


def property_name(key: str, lang: Lang = "en") -> str:
    """A property's name for people: "region", "région" (else its key's words: "us_state", "us state")."""
    name = f"prop.{key}"
    return t(name, lang) if name in _MESSAGES else key.replace("_", " ")


def column_name(column: str, lang: Lang = "en") -> str:
    """A saved query's result column for people: "on behalf of", "au nom de" (else the column itself)."""
    name = f"column.{column}"
    return t(name, lang) if name in _MESSAGES else column


def cell_word(column: str, value: Any, lang: Lang = "en") -> Any:
    """A cell of a saved query's result in ``lang``: the model's words (statuses, evidence, kinds,
    types) and the columns' own ("out", "tie") in French; any other value as it is."""
    if lang != "fr":
        return value
    if isinstance(value, list):
        return [cell_word(column, v, lang) for v in value]
    if not isinstance(value, str):
        return value
    own = f"cell.{column}.{value}"
    if own in _MESSAGES:
        return t(own, lang)
    if column == "status" and value in model.STATUS_NAMES:
        return status_name(value, lang)
    if column == "evidence" and value in model.EVIDENCE_NAMES:
        return evidence_name(value, lang)
    if column in ("kind", "link") and value in model.KINDS:
        return kind_name(value, lang)
    if column in ("link", "via") and value in model.REL_TYPES:
        return type_phrase(value, lang)
    return value


def fields_of(text: str) -> set[str]:
    """The ``{names}`` a message expects (for checking that both languages agree)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def kind_name(kind: str, lang: Lang = "en") -> str:
    found = model.KINDS.get(kind)
    return found.name(lang) if found else kind


def type_phrase(rel_type: str, lang: Lang = "en") -> str:
    found = model.REL_TYPES.get(rel_type)
    return found.phrase(lang) if found else rel_type.replace("_", " ").lower()


def status_name(status: str | None, lang: Lang = "en") -> str:
    status = status or model.DEFAULT_STATUS
    names = model.STATUS_NAMES.get(status)
    return names[lang] if names else status


def evidence_name(evidence: str | None, lang: Lang = "en") -> str:
    evidence = evidence or model.DEFAULT_EVIDENCE
    names = model.EVIDENCE_NAMES.get(evidence)
    return names[lang] if names else evidence


def problem_key(error: ExplorerError) -> str:
    """Which banner fits ``error``: unreachable, auth, timeout, refused, change (a change refused),
    unknown_entity, unknown_value or input."""
    if isinstance(error, QueryTimeout):
        return "timeout"
    if isinstance(error, QueryRefused):
        return "refused"
    if isinstance(error, UnknownEntity | AmbiguousEntity):
        return "unknown_entity"
    if isinstance(error, UnknownValue):
        return "unknown_value"
    if isinstance(error, AuthFailed):
        return "auth"
    if isinstance(error, NotAllowed | EditConflict | UndoRefused):
        return "change"
    if isinstance(error, DatabaseUnavailable):
        return "unreachable"
    return "input"
