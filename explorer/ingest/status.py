"""What a tie's wording says besides its ends: its status ("va ouvrir", "will open": planned;
"proposée", "would": proposed) and the year it began ("depuis 2012", "since 2012")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from explorer import model
from explorer.ingest.cues import Cues, Word, fold_word
from explorer.ingest.mentions import Sentence
from explorer.model.clock import this_year

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

    def since(self, sentence: Sentence, lo: int, hi: int) -> int | None:
        """The year a tie began, when a "since" word before a year says it near ``lo``..``hi``."""
        doc = sentence.doc
        surfaces = [fold_word(t.text) for t in doc]
        year_now = this_year()
        for i, token in enumerate(doc):
            if not _YEAR.fullmatch(token.text) or not 1900 <= int(token.text) <= year_now:
                continue
            for words in self.since_words:
                begin = i - len(words)
                if begin >= 0 and all(
                    w.matches(surfaces[begin + k], surfaces[begin + k]) for k, w in enumerate(words)
                ):
                    sentence_wide = words[0].text in ("depuis", "since")
                    if sentence_wide or lo - 6 <= i <= hi + 6:
                        return int(token.text)
        return None
