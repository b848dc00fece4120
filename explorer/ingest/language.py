"""Which language an article is written in: English or French, told by counting their most
frequent words (other languages are named and refused)."""

from __future__ import annotations

import functools
import re
import tomllib
from collections import Counter

from explorer.errors import InvalidInput
from explorer.ingest.cues import CUES_DIR, cues
from explorer.model import LANGS, Lang, fold

__all__ = ["LANGUAGE_NAMES", "detect_language"]

LANGUAGE_NAMES = {"en": "English", "fr": "French"}
_WORD = re.compile(r"[^\W\d_]+'?", re.UNICODE)
#: Frequent words needed before a language is believed, and how far ahead of the next it must be.
_AT_LEAST = 3
_AHEAD = 1.5


@functools.cache
def _others() -> dict[str, tuple[str, frozenset[str]]]:
    document = tomllib.loads((CUES_DIR / "languages.toml").read_text(encoding="utf-8"))
    return {code: (t["name"], frozenset(fold(w) for w in t["stopwords"])) for code, t in document.items()}


def counts(text: str) -> Counter[str]:
    """How many frequent words of each language ``text`` holds."""
    words = [fold(w) for w in _WORD.findall(text[:50_000])]
    tables: dict[str, frozenset[str]] = {lang: cues(lang).stopwords for lang in LANGS}
    tables |= {code: table for code, (_, table) in _others().items()}
    found: Counter[str] = Counter({code: 0 for code in tables})
    for word in words:
        for code, table in tables.items():
            if word in table or word.rstrip("'") in table:
                found[code] += 1
    return found


def detect_language(text: str) -> Lang:
    """``en`` or ``fr``; ``InvalidInput`` naming the language when it is another one, or saying
    that the text is too short to tell."""
    ranked = counts(text).most_common()
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < _AT_LEAST or top < _AHEAD * second:
        raise InvalidInput(
            "cannot tell the article's language (English or French)",
            "say which with --lang en or --lang fr",
        )
    if best not in LANGS:
        raise InvalidInput(
            f"the article seems to be in {_others()[best][0]}: only English and French articles are read",
            "give --lang en or --lang fr to read it anyway",
        )
    return best  # type: ignore[return-value]
