"""Text as the model compares it: names without case or accents, and ids made from names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal, TypeVar

from rapidfuzz import fuzz, process

__all__ = ["LANGS", "Lang", "closest", "fold", "localized", "slugify"]

T = TypeVar("T")

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


def closest(
    text: str,
    choices: Iterable[T],
    n: int = 3,
    cutoff: float = 0.6,
    *,
    names: Callable[[T], Iterable[str]] | None = None,
) -> list[T]:
    """The ``n`` choices closest to ``text``, best first, case and accents ignored: "Frnace" finds
    France. Closeness runs from 0 to 1 (twice the characters two texts share in order, over their
    lengths: rapidfuzz's ``ratio``); none under ``cutoff``. A choice with several ``names`` is as
    close as its closest name; equally close choices keep their order."""
    kept = list(choices)
    folded: list[str] = []
    owner: list[int] = []
    for index, choice in enumerate(kept):
        for name in names(choice) if names is not None else (str(choice),):
            folded.append(fold(name))
            owner.append(index)
    best: dict[int, float] = {}
    for _name, score, at in process.extract(
        fold(text), folded, scorer=fuzz.ratio, processor=None, limit=None, score_cutoff=cutoff * 100
    ):
        best[owner[at]] = max(best.get(owner[at], 0.0), float(score))
    return [kept[i] for i in sorted(best, key=lambda i: (-best[i], i))[:n]]
