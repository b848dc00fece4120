"""A source's own text, attached by a user who owns a copy of it: stored with the source in
numbered paragraphs (as an ingested article keeps its own), recorded in the history, and quoted
by the fact cards that cite a paragraph of it."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import neo4j

from explorer import defaults
from explorer.config import Settings
from explorer.curation.actors import Actor, require
from explorer.curation.store import Store, in_transaction
from explorer.errors import InvalidInput, UnknownValue
from explorer.model import clock
from explorer.model.changes import Change
from explorer.model.text import fold

__all__ = ["MAX_TEXT", "attach_text", "cited_sentence", "split_paragraphs"]

#: Characters of text a source may keep (a long report; a book is too much).
MAX_TEXT = 2_000_000
_BLANK = re.compile(r"\n\s*\n")
_SENTENCE = re.compile(r"(?<=[.!?…»”])\s+(?=[A-ZÀ-ÖØ-Þ«“0-9])")

_ATTACH = """
MATCH (s:Source {id: $id})
SET s.paragraphs = $paragraphs, s.text_digest = $digest, s.text_by = $who, s.text_at = $at
RETURN s.id AS id
"""


def split_paragraphs(text: str) -> list[str]:
    """The text's paragraphs, 1 first: blocks separated by a blank line, each on one line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return [" ".join(block.split()) for block in _BLANK.split(text) if block.strip()]


def attach_text(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    source_id: str,
    text: str,
    *,
    reason: str | None = None,
) -> Change:
    """Store ``text`` with the source ``source_id`` in numbered paragraphs (replacing any text it
    had), as one change of the history signed by ``actor`` (an editor or an admin)."""
    require(actor, "edit")
    if len(text) > MAX_TEXT:
        raise InvalidInput(
            f"the text is longer than {MAX_TEXT:,} characters", "attach the part the facts cite"
        )
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        raise InvalidInput(
            "the text is empty", "give the source's text, paragraphs separated by a blank line"
        )
    digest = hashlib.sha256("\n\n".join(paragraphs).encode("utf-8")).hexdigest()

    def work(store: Store) -> Change:
        at = clock.now()
        if not store.run(_ATTACH, id=source_id, paragraphs=paragraphs, digest=digest, who=actor.name, at=at):
            raise UnknownValue("source", source_id, expected="the id of a source (its page shows it)")
        details = {"source": source_id, "paragraphs": len(paragraphs), "digest": digest}
        return store.append(
            Change(0, at, actor.name, actor.role, "attach", reason, source_id, details=details)
        )

    return in_transaction(driver, settings, work)


def cited_sentence(paragraph: str, names: Iterable[str]) -> str:
    """The sentence of ``paragraph`` that names the most of ``names`` (its first when none does),
    cut to a readable length."""
    sentences = [s.strip() for s in _SENTENCE.split(paragraph) if s.strip()] or [paragraph.strip()]
    wanted = [fold(n) for n in names if n and len(n.strip()) > 1]
    best = max(sentences, key=lambda s: sum(w in fold(s) for w in wanted))
    limit = defaults.QUOTE_LENGTH
    return best if len(best) <= limit else best[: limit - 1].rstrip() + "…"
