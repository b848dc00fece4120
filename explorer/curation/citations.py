"""Where a change's facts come from: an existing ``Source`` or a new one, and the passage cited."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from explorer import model
from explorer.curation.store import Store
from explorer.errors import InvalidInput
from explorer.escaping import web_address
from explorer.model.facts import id_problem

__all__ = ["Citation", "NewSource", "cite"]


@dataclass(frozen=True)
class NewSource:
    """A source that is not in the graph yet: an article, a report, a meeting's minutes."""

    title: str
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    language: str | None = None
    id: str | None = None
    #: Anything else the source keeps (an ingested article: its paragraphs and their digest).
    properties: Mapping[str, Any] = field(default_factory=dict)

    def source_id(self) -> str:
        return (self.id or "").strip() or f"source-{model.slugify(self.title)[:80] or 'untitled'}"

    def props(self) -> dict[str, Any]:
        props = {
            "name": self.title.strip(),
            "title": self.title.strip(),
            "publisher": self.publisher,
            "date": self.date,
            "url": self.url,
            "language": self.language,
        }
        given = {k: v.strip() for k, v in props.items() if isinstance(v, str) and v.strip()}
        return {**{k: v for k, v in self.properties.items() if v not in (None, "", [])}, **given}


@dataclass(frozen=True)
class Citation:
    """Where a fact comes from: an existing ``Source`` (by id) or a new one, and the paragraph
    or sentence of it that supports the fact."""

    source: str | None = None
    new: NewSource | None = None
    paragraph: int | None = None
    quote: str | None = None

    @property
    def source_id(self) -> str | None:
        if self.new is not None:
            return self.new.source_id()
        return (self.source or "").strip() or None

    def fields(self) -> dict[str, Any]:
        """The citation as a row's fields (``source_ref``, ``paragraph``, ``quote``)."""
        out: dict[str, Any] = {}
        if self.source_id:
            out["source_ref"] = self.source_id
        if self.paragraph is not None:
            out["paragraph"] = self.paragraph
        if self.quote and self.quote.strip():
            out["quote"] = " ".join(self.quote.split())
        return out


def cite(store: Store, citation: Citation | None, required: bool) -> str | None:
    """The id of the source cited, created when new; problems as ``InvalidInput``."""
    if citation is None or citation.source_id is None:
        if required:
            raise InvalidInput("a tie must cite its source", "name a Source, or give a new one's title")
        return None
    if citation.new is not None:
        if not citation.new.title.strip():
            raise InvalidInput("a new source needs a title")
        url = (citation.new.url or "").strip()
        if url and web_address(url) is None:
            raise InvalidInput(f"the address {url[:80]!r} is not a web address", "write it as https://...")
        problem = id_problem(citation.new.source_id(), "the source's id")
        if problem:
            raise InvalidInput(problem)
        existing = store.source(citation.new.source_id())
        if existing is None:
            store.add_source(citation.new.source_id(), citation.new.props())
        return citation.new.source_id()
    if store.source(citation.source_id) is None:
        kind = store.kinds([citation.source_id]).get(citation.source_id)
        if kind:
            raise InvalidInput(f"source_ref {citation.source_id!r} is a {kind}, not a Source")
        raise InvalidInput(f"no source {citation.source_id!r}", "give a new source's title instead")
    return citation.source_id
