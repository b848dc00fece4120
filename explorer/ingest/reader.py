"""Reading an article: its language, sentences, names, entities and relationships, in one call
(:func:`read`), against what the graph already knows (a :class:`Gazetteer`). Nothing is written."""

from __future__ import annotations

import functools
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.ingest.cues import Cue, Cues, cues, places
from explorer.ingest.entities import FoundEntity, link_entities
from explorer.ingest.gazetteer import Gazetteer, Known
from explorer.ingest.language import detect_language
from explorer.ingest.mentions import Sentence, find_mentions
from explorer.ingest.naming import Namer
from explorer.ingest.nlp import Pipeline, pipeline
from explorer.ingest.relations import find_ties
from explorer.ingest.spans import preset_spans
from explorer.ingest.text import Article, sentence_spans
from explorer.ingest.ties import FoundTie
from explorer.model import Lang, fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["Reading", "compiled_cues", "read"]


@dataclass
class Reading:
    """What the reader found in one article."""

    article: Article
    lang: Lang
    sentences: list[Sentence]
    entities: list[FoundEntity]
    ties: list[FoundTie]
    seconds: float

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return self.article.paragraphs


@functools.cache
def compiled_cues(lang: Lang) -> tuple[Cues, tuple[Cue, ...]]:
    """The cue file of ``lang`` with its phrases cut by the language's tokenizer (once per process)."""
    found = cues(lang)
    return found, tuple(found.compile(pipeline(lang).tokens))


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    return (
        len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words) and not text.endswith(".")
    )


def _sentences(article: Article, language: Cues, nlp: Pipeline) -> tuple[list[str], list[tuple[int, bool]]]:
    texts: list[str] = []
    where: list[tuple[int, bool]] = []
    for number, paragraph in enumerate(article.paragraphs, start=1):
        title_case = _title_case(paragraph)
        for start, end in sentence_spans(paragraph, language.abbreviations):
            texts.append(paragraph[start:end])
            where.append((number, title_case))
    return texts, where


def read(article: Article, gazetteer: Gazetteer, lang: Lang | None = None) -> Reading:
    """Read ``article`` (in ``lang``, detected when ``None``) against what ``gazetteer`` knows."""
    started = time.perf_counter()
    lang = lang or detect_language(article.text)
    language, compiled = compiled_cues(lang)
    nlp = pipeline(lang)
    texts, where = _sentences(article, language, nlp)
    presets: list[dict[tuple[int, int], list[Known]]] = []

    def preset(doc: Doc) -> list[Span]:
        found: dict[tuple[int, int], list[Known]] = {}
        presets.append(found)
        return preset_spans(doc, gazetteer, found)

    docs = nlp.annotate(texts, preset)
    lowercase = {fold(t.text) for doc in docs for t in doc if t.text[:1].islower()}
    capitalised = {
        fold(t.text) for doc in docs for t in doc[1:] if t.text[:1].isupper() and not t.is_sent_start
    }
    sentences: list[Sentence] = []
    namer = Namer(language, places())
    for index, (doc, (paragraph, title_case)) in enumerate(zip(docs, where, strict=True)):
        sentence = Sentence(index, paragraph, doc.text, doc, title_case)
        sentence.mentions = find_mentions(
            sentence,
            namer=namer,
            gazetteer=gazetteer,
            preset=presets[index],
            lowercase=lowercase,
            capitalised=capitalised,
        )
        sentences.append(sentence)
    _trust_titles(sentences)
    entities = link_entities(sentences, gazetteer)
    ties = find_ties(sentences, entities, language, compiled, nlp.tokens)
    entities, ties = _proposable(entities, ties)
    return Reading(article, lang, sentences, entities, ties, time.perf_counter() - started)


def _proposable(
    entities: list[FoundEntity], ties: list[FoundTie]
) -> tuple[list[FoundEntity], list[FoundTie]]:
    """The entities worth proposing: those of the graph, those a tie needs, and new names with
    evidence of their kind; a place the reader knows by itself only when a tie needs it (or, a
    country, when a city kept lies in it). Indexes are renumbered."""
    tied = {i for t in ties for i in (t.start, t.end)}
    keep = {
        e.index
        for e in entities
        if e.index in tied
        or (e.id is not None and e.how != "place")
        or (e.is_new and e.how == "new" and e.evidence)
    }
    kept_countries = {e.country for e in entities if e.index in keep and e.kind == "City"}
    keep |= {
        e.index for e in entities if e.kind == "Country" and e.how == "place" and e.country in kept_countries
    }
    kept = [e for e in entities if e.index in keep]
    renumber = {e.index: n for n, e in enumerate(kept)}
    for entity in entities:
        for mention in entity.mentions:
            mention.entity = renumber.get(entity.index)
    for entity in kept:
        entity.index = renumber[entity.index]
    for tie in ties:
        tie.start, tie.end = renumber[tie.start], renumber[tie.end]
    return kept, ties


def _trust_titles(sentences: Sequence[Sentence]) -> None:
    """In a headline in title case every word is capitalised: keep only the names that the body
    of the article or the graph also knows."""
    body = {m.key for s in sentences if not s.title_case for m in s.mentions}
    for sentence in sentences:
        if sentence.title_case:
            sentence.mentions = [m for m in sentence.mentions if m.known or m.key in body]
