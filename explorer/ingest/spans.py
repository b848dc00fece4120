"""Spans of a parsed sentence: the names the gazetteer knows, marked before the model runs, and
the shape of words (capitalised, the sentence's first word) that the name finder reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.ingest.gazetteer import Gazetteer, Known, name_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["PLACE_KINDS", "first_word", "is_capitalised", "preset_spans"]

PLACE_KINDS = ("City", "Country")


def _token_words(doc: Doc) -> list[list[str]]:
    return [name_key(t.text).split() for t in doc]


def preset_spans(doc: Doc, gazetteer: Gazetteer, found: dict[tuple[int, int], list[Known]]) -> list[Span]:
    """The known names of ``doc``, longest first, as entity spans; ``found`` gets their entities."""
    from spacy.tokens import Span

    words = _token_words(doc)
    spans: list[Span] = []
    n = len(doc)
    i = 0
    reach = gazetteer.max_words + 3
    while i < n:
        if not words[i] or not any(c.isupper() or c.isdigit() for c in doc[i].text):
            i += 1
            continue
        matched = False
        for j in range(min(n, i + reach), i, -1):
            if not words[j - 1]:
                continue
            key = " ".join(w for ws in words[i:j] for w in ws)
            if key not in gazetteer.by_key and key.replace(" ", "") not in gazetteer.by_compact:
                continue
            span = doc[i:j]
            knowns = gazetteer.lookup(span.text, span.text)
            if not knowns:
                continue
            if not any(k.in_graph for k in knowns) and _inside_name(doc, i, j):
                continue  # "Japan" in "Bio Japan": a place the reader knows, inside a longer name
            label = "PER" if knowns[0].kind == "Person" else "LOC" if knowns[0].kind in PLACE_KINDS else "ORG"
            spans.append(Span(doc, i, j, label=label))
            found[(i, j)] = knowns
            i, matched = j, True
            break
        if not matched:
            i += 1
    return spans


def _inside_name(doc: Doc, start: int, end: int) -> bool:
    before = (
        start > 0
        and is_capitalised(doc[start - 1].text)
        and not doc[start - 1].is_punct
        and start - 1 != first_word(doc)
    )
    after = end < len(doc) and is_capitalised(doc[end].text) and not doc[end].is_punct
    return bool(before or after or _named_after(doc, start))


#: Institutions named after their place: "Université de Montpellier", "University of Copenhagen".
_NAMED_AFTER = frozenset(
    "université universite university universidad università universitat institut institute "  # noqa: SIM905
    "hôpital hopital hospital chu école ecole school college faculté faculte faculty".split()
)


def _named_after(doc: Doc, start: int) -> bool:
    """Whether the place at ``start`` ends an institution's name ("Université de Montpellier")."""
    if start < 2 or doc[start - 1].text.lower() not in ("de", "of", "du", "d'", "d’"):
        return False
    return doc[start - 2].text.lower() in _NAMED_AFTER and is_capitalised(doc[start - 2].text)


def is_capitalised(text: str) -> bool:
    """A word written with a capital (or an acronym), as names are."""
    return (text[:1].isupper() and any(c.isalpha() for c in text)) or (text.isupper() and len(text) > 1)


def first_word(doc: Doc) -> int:
    """Where the sentence's first word is (after opening quotes), whose capital says nothing."""
    for token in doc:
        if not token.is_punct and token.text not in ('"', "«", "“", "'"):
            return token.i
    return 0
