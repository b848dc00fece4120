"""Text as the model compares it: names without case or accents, and ids made from names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any, Literal

__all__ = ["LANGS", "Lang", "fold", "localized", "slugify"]

Lang = Literal["en", "fr"]
LANGS: tuple[Lang, ...] = ("en", "fr")


def fold(text: str) -> str:
    """``text`` without case or accents, for matching names: "Royère" -> "royere"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def localized(properties: Mapping[str, Any], key: str, lang: Lang = "en") -> Any:
    """``properties[key]``, or its French version ``key_fr`` when ``lang`` is French and there is one."""
    if lang == "fr" and properties.get(f"{key}_fr") not in (None, ""):
        return properties[f"{key}_fr"]
    return properties.get(key)


#: Letters that no accent folding reaches, written in Latin letters for ids ("Søren" -> "soren").
_LATIN = str.maketrans(
    {"ø": "o", "ß": "ss", "ł": "l", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h"}
)


def slugify(text: str) -> str:
    """A stable id from a name: "Aix-en-Provence" -> "aix-en-provence"; letters are written in
    Latin letters rather than dropped ("Søren Ørsted" -> "soren-orsted", "Straße" -> "strasse")."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).translate(_LATIN)).strip("-")
