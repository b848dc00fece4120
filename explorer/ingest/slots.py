"""Places in a sentence that the relation reader fills: a mention, or a word that stands for one;
whether an entity fits a side of a relationship; relative clauses to look across."""

from __future__ import annotations

from dataclasses import dataclass

from explorer import model
from explorer.ingest.cues import fold_word
from explorer.ingest.entities import FoundEntity
from explorer.ingest.mentions import Sentence

__all__ = ["Slot", "fits", "relative_clauses"]


@dataclass
class Slot:
    """An entity's place in a sentence: a mention, or a word that stands for one."""

    start: int
    end: int
    entity: int | None
    kind: str | None
    noun: str | None = None
    referent: bool = False


def fits(entity: FoundEntity, kinds: frozenset[str]) -> bool:
    """Whether ``entity`` may stand on a side allowing ``kinds`` (a new organisation of a guessed
    kind fits any organisation kind, and so does a name the language model alone took for a
    person's: it takes many companies for people)."""
    if entity.kind in kinds:
        return True
    return (
        not entity.certain
        and entity.kind in model.ORGANIZATION_KINDS | {"Person"}
        and bool(kinds & model.ORGANIZATION_KINDS)
    )


_RELATIVE = frozenset({"which", "who", "whose", "qui", "dont", "lequel", "laquelle", "where", "ou"})


def relative_clauses(sentence: Sentence, before: int) -> list[tuple[int, int]]:
    """Relative clauses closed before token ``before``: ", which ... ," and ", qui ... ,"."""
    doc = sentence.doc
    clauses = []
    for i in range(1, before):
        if doc[i - 1].text == "," and fold_word(doc[i].text) in _RELATIVE:
            close = next((k for k in range(i + 1, before) if doc[k].text == ","), None)
            if close is not None:
                clauses.append((i, close))
    return clauses
