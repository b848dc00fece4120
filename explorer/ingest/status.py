"""What a tie's wording says besides its ends: its status ("va ouvrir", "will open": planned;
"proposée", "would": proposed) and when it began ("depuis 2012", "since March 2015")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from explorer import model
from explorer.ingest.cues import Cues, Word, fold_word
from explorer.ingest.mentions import Sentence
from explorer.model.clock import this_year
from explorer.model.dates import FactDate

__all__ = ["Wording"]

_YEAR = re.compile(r"(19|20)\d\d")


@dataclass(frozen=True)
class Wording:
    """The cue file's status and year words, tokenized as the article is."""

    cues: Cues
    planned: list[tuple[Word, ...]]
    proposed: list[tuple[Word, ...]]
    since_words: list[tuple[Word, ...]]

    @classmethod
    def of(cls, cues: Cues, tokenize: Any) -> Wording:
        return cls(
            cues,
            cues.phrases(cues.planned, tokenize),
            cues.phrases(cues.proposed, tokenize),
            cues.phrases(cues.since_words, tokenize),
        )

    def status(self, sentence: Sentence, lo: int, hi: int, default: str | None) -> str:
        """The status tokens ``lo``..``hi`` of ``sentence`` give a tie (``default`` when they say none)."""
        doc = sentence.doc
        lo, hi = max(0, lo), min(len(doc), hi)
        surfaces = [fold_word(t.text) for t in doc]
        lemmas = [fold_word(t.lemma_) if t.lemma_ else s for t, s in zip(doc, surfaces, strict=True)]

        def said(phrases: list[tuple[Word, ...]]) -> bool:
            return any(
                all(w.matches(surfaces[i + k], lemmas[i + k]) for k, w in enumerate(words))
                for words in phrases
                for i in range(lo, hi - len(words) + 1)
            )

        verbs = [t for t in doc[lo:hi] if t.pos_ in ("VERB", "AUX")]
        if said(self.proposed) or (
            self.cues.conditional_proposed and any("Cnd" in t.morph.get("Mood", []) for t in verbs)
        ):
            return "proposed"
        if said(self.planned) or (
            self.cues.future_planned and any("Fut" in t.morph.get("Tense", []) for t in verbs)
        ):
            return "planned"
        return default or model.DEFAULT_STATUS

    def since(self, sentence: Sentence, lo: int, hi: int) -> int | str | None:
        """When a tie began, when a "since" word before a date says it near ``lo``..``hi``: as
        precise as the article ("depuis 2012", "depuis mars 2015", "since 3 March 2015"), as the
        graph stores a date (a year as a whole number, finer dates as ISO text)."""
        doc = sentence.doc
        surfaces = [fold_word(t.text) for t in doc]
        for e in range(len(doc)):
            for words in self.since_words:
                begin = e - len(words)
                if begin < 0 or not all(
                    w.matches(surfaces[begin + k], surfaces[begin + k]) for k, w in enumerate(words)
                ):
                    continue
                found = _date_after(doc, e)
                if found is None:
                    continue
                at, date = found
                sentence_wide = words[0].text in ("depuis", "since")
                if sentence_wide or lo - 6 <= at <= hi + 6:
                    return date.stored()
        return None


#: Words that may stand between "since" and its date: "depuis le 3 mars", "since the 3rd of".
_BETWEEN = frozenset({"le", "the", "l", "en"})


def _date_after(doc: Any, start: int) -> tuple[int, FactDate] | None:
    """The date written from token ``start`` on (the longest of up to four tokens that reads as
    one, between 1900 and this year), with the index of its last token."""
    while start < len(doc) and fold_word(doc[start].text) in _BETWEEN:
        start += 1
    for width in (4, 3, 2, 1):
        end = start + width
        if end > len(doc) or not _YEAR.search(doc[end - 1].text):
            continue
        try:
            date = FactDate.parse(doc[start:end].text)
        except ValueError:
            continue
        if 1900 <= date.year <= this_year():
            return end - 1, date
    return None
