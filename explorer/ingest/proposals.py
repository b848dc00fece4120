"""An article's facts as proposals: read (nothing written), then put in the review queue as one
batch citing the article's ``Source``, which keeps the text in numbered paragraphs.

Nothing enters the graph until an editor accepts it (``explorer.curation.review``). The same
article read again (same text, whatever its title) cites the same source and proposes only
what it did not propose before and what the graph does not already hold.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import neo4j

from explorer import model
from explorer.config import Settings
from explorer.curation import facts, review
from explorer.curation.actors import Actor, require
from explorer.curation.requests import AddEntity, AddTie, EditTie
from explorer.database.session import reading
from explorer.errors import InvalidInput
from explorer.escaping import web_address
from explorer.ingest import reader
from explorer.ingest.cues import cues
from explorer.ingest.entities import FoundEntity
from explorer.ingest.gazetteer import graph_gazetteer
from explorer.ingest.header import header_line
from explorer.ingest.text import Article, Format, read_article
from explorer.ingest.ties import FoundTie
from explorer.model import LANGS, Lang
from explorer.model.changes import FactState

__all__ = ["Ingested", "SentSince", "SourceInfo", "load_article", "queue", "read", "source_of"]


class SentSince(InvalidInput):
    """The article was sent to the review queue since it was read: it must be read again."""

    def __init__(self, title: str) -> None:
        super().__init__(
            f"“{title}” was sent to the review queue since it was read",
            "read it again to see what is still new",
        )


@dataclass(frozen=True)
class SourceInfo:
    """What the user says about the article (all optional)."""

    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None

    def check(self) -> None:
        """Refuse an address that is not a web address (``javascript:``, ``data:``...)."""
        if self.url and self.url.strip() and web_address(self.url) is None:
            raise InvalidInput(
                f"the address {self.url.strip()[:80]!r} is not a web address", "write it as https://..."
            )


@dataclass
class Ingested:
    """An article read (:func:`read`) and, once sent (:func:`queue`), the proposal it became."""

    reading: reader.Reading
    source: dict[str, Any]
    source_exists: bool
    entities: list[review.Proposed] = field(default_factory=list)
    ties: list[review.Proposed] = field(default_factory=list)
    #: What the article says anew about ties the graph holds (a planned tie now active, a year).
    edits: list[review.Proposed] = field(default_factory=list)
    #: Ties the graph already holds, and items proposed before from the same article.
    known: int = 0
    repeated: int = 0
    #: How many items citing the article the review queue held when it was read (all proposed before).
    earlier: int = 0
    proposal: review.Proposal | None = None

    @property
    def nothing_new(self) -> bool:
        return not (self.entities or self.ties or self.edits)

    @property
    def items(self) -> list[review.Proposed]:
        return [*self.entities, *self.ties, *self.edits]


def load_article(
    data: bytes, *, name: str | None = None, encoding: str | None = None, fmt: Format | None = None
) -> Article:
    """The article in ``data``, with the page around it cut by both languages' markers."""
    markers = [m for lang in LANGS for m in cues(lang).boilerplate]
    body, title = header_line(data)
    article = read_article(body, name=name, encoding=encoding, fmt=fmt, boilerplate=markers)
    return dataclasses.replace(article, title=title) if title and not article.title else article


def _title(article: Article, given: str | None) -> str:
    if given and given.strip():
        return " ".join(given.split())
    if article.title:
        return article.title
    first = article.paragraphs[0]
    if len(first) <= 200 and not first.endswith("."):
        return first
    return first[:80].rsplit(" ", 1)[0] + "…"


def source_of(article: Article, lang: Lang, info: SourceInfo) -> dict[str, Any]:
    """The ``Source`` the article becomes: its id (from its title and the digest of its text),
    what the user said about it, and its text in numbered paragraphs."""
    title = _title(article, info.title)
    return {
        "id": f"article-{model.slugify(title)[:60].strip('-') or 'untitled'}-{article.digest[:8]}",
        "title": title,
        "publisher": info.publisher,
        "date": info.date,
        "url": info.url,
        "language": lang,
        "format": article.format,
        "paragraphs": list(article.paragraphs),
        "text_sha256": article.digest,
    }


# -- what is new --------------------------------------------------------------------------------

_SOURCE_BY_DIGEST = "MATCH (s:Source {text_sha256: $digest}) RETURN s.id AS id LIMIT 1"
_LIVE_TIES = (
    "UNWIND $pairs AS pair MATCH (a:Entity {id: pair[0]})-[r]-(b:Entity {id: pair[1]}) "
    "RETURN DISTINCT startNode(r).id AS start, type(r) AS type, endNode(r).id AS end, properties(r) AS props"
)
#: Statuses in the order a fact moves through them: an article may move a tie forward only.
_STATUS_RANK = {"proposed": 0, "planned": 1, "active": 2}


def _tie_identity(rtype: str, start: str, end: str) -> tuple[str, str, str]:
    return (rtype, *model.in_order(rtype, start, end))


def _earlier(
    rows: Iterable[tuple[review.Proposed, str | None]],
) -> tuple[set[str], set[tuple[str, str, str]]]:
    """Entities (by name and ref) and ties (by ends, edits included) proposed before from the same
    source."""
    became = {p.ref: result for p, result in rows if isinstance(p.request, AddEntity) and p.ref and result}
    named = {
        p.ref: p.request.id or model.slugify(p.request.name)
        for p, _ in rows
        if isinstance(p.request, AddEntity) and p.ref
    }
    entities: set[str] = set()
    ties: set[tuple[str, str, str]] = set()
    for proposed, _ in rows:
        request = proposed.request
        if isinstance(request, AddEntity):
            entities |= {model.fold(request.name), str(proposed.ref)}
        elif isinstance(request, AddTie | EditTie):
            start, end = request.start, request.end
            for a in {start, became.get(start) or start, named.get(start) or start}:
                for b in {end, became.get(end) or end, named.get(end) or end}:
                    ties.add(_tie_identity(request.type, a, b))
    return entities, ties


def _news(live: FactState, tie: FoundTie) -> dict[str, Any]:
    """What the article says of a tie the graph holds that the graph does not: a status further on
    (planned -> active), a year or a property it lacks. Never a step back, never a value
    overwritten: an article may be older than what the map knows."""
    changes: dict[str, Any] = {}
    have = live.props.get("status") or model.DEFAULT_STATUS
    if tie.evidence == "stated" and _STATUS_RANK.get(tie.status, 0) > _STATUS_RANK.get(str(have), 2):
        changes["status"] = tie.status
    if tie.since is not None and live.props.get("since") in (None, ""):
        changes["since"] = tie.since
    for key, value in tie.properties.items():
        if value not in (None, "") and live.props.get(key) in (None, "") and key != "on_behalf_of":
            changes[key] = value
    return changes


def read(
    driver: neo4j.Driver,
    settings: Settings,
    article: Article,
    *,
    lang: Lang | None = None,
    info: SourceInfo = SourceInfo(),
    found: reader.Reading | None = None,
) -> Ingested:
    """Read ``article`` against the graph: what it names and states, and what of it would be new
    to the review queue. Nothing is written (:func:`queue` sends it).

    ``found``: the article read already (within bounds, :func:`explorer.ingest.bounded.read_bounded`);
    else it is read here, in this process.
    """
    info.check()
    if found is None:
        found = reader.read(article, graph_gazetteer(driver, settings), lang)
    source = source_of(article, found.lang, info)
    with reading(driver, settings) as read_tx:
        existing = read_tx.one(_SOURCE_BY_DIGEST, digest=article.digest)
        if existing is not None:
            source["id"] = existing["id"]
        earlier = review.items_from(read_tx, source["id"]) if existing else []
        pairs = sorted(
            {
                tuple(sorted((found.entities[t.start].id or "", found.entities[t.end].id or "")))
                for t in found.ties
                if found.entities[t.start].id and found.entities[t.end].id
            }
        )
        live = {
            _tie_identity(r["type"], r["start"], r["end"]): FactState.tie(
                r["start"], r["type"], r["end"], "live", r["props"]
            )
            for r in read_tx.rows(_LIVE_TIES, pairs=[list(p) for p in pairs])
        }
    ingested = Ingested(found, source, existing is not None, earlier=len(earlier))
    _plan(ingested, live, *_earlier(earlier))
    return ingested


def queue(driver: neo4j.Driver, settings: Settings, actor: Actor, ingested: Ingested) -> review.Proposal:
    """Put what :func:`read` found new in the review queue, as read (the article is not read
    again), as one batch citing the article; the proposal is also kept in ``ingested``.

    ``SentSince`` when the article was sent since it was read (from this reading or another):
    what was new then may not be any more.
    """
    require(actor, "propose")
    if ingested.nothing_new:
        raise InvalidInput("nothing new to review in this article", "the graph holds its facts already")
    source = ingested.source
    with reading(driver, settings) as read_tx:
        existing = read_tx.one(_SOURCE_BY_DIGEST, digest=source["text_sha256"])
        # counted as the reading counted them: whatever was proposed since makes this one stale
        sent = len(review.items_from(read_tx, existing["id"])) if existing is not None else 0
    if (
        ingested.proposal is not None
        or (existing is not None) != ingested.source_exists
        or sent != ingested.earlier
    ):
        raise SentSince(source["title"])
    citation = (
        facts.Citation(source=source["id"])
        if ingested.source_exists
        else facts.Citation(new=_new_source(source))
    )
    ingested.proposal = review.propose(
        driver,
        settings,
        actor,
        ingested.items,
        citation=citation,
        origin="article",
        title=source["title"],
        note=f"{len(ingested.entities)} entities, {len(ingested.ties)} ties and "
        f"{len(ingested.edits)} changes to known ties read from the article",
    )
    return ingested.proposal


def _new_source(source: dict[str, Any]) -> facts.NewSource:
    extra = {k: source[k] for k in ("format", "paragraphs", "text_sha256")}
    return facts.NewSource(
        source["title"],
        publisher=source.get("publisher"),
        date=source.get("date"),
        url=source.get("url"),
        language=source.get("language"),
        id=source["id"],
        properties={**extra, "ingested": True},
    )


def _plan(
    ingested: Ingested,
    live: dict[tuple[str, str, str], FactState],
    entities_before: set[str],
    ties_before: set[tuple[str, str, str]],
) -> None:
    """The items to queue: ties the graph does not hold and that were not proposed before, the
    new or uncertain entities they need, and other new entities the reader is sure of."""
    reading = ingested.reading
    refs: dict[int, str] = {}
    needed: set[int] = set()
    for tie in reading.ties:
        start, end = reading.entities[tie.start], reading.entities[tie.end]
        identity = _tie_identity(tie.type, start.ref, end.ref)
        held = live.get(identity) if start.id and end.id and start.sure and end.sure else None
        changes = _news(held, tie) if held is not None else {}
        if held is not None and not changes:
            ingested.known += 1
            continue
        if identity in ties_before:
            ingested.repeated += 1
            continue
        if held is not None:
            edit = EditTie(str(held.start), tie.type, str(held.end), changes, held.version)
            ingested.edits.append(
                review.Proposed(edit, paragraph=tie.paragraph, quote=tie.quote, confidence=tie.confidence)
            )
            continue
        for entity in (start, end):
            if not entity.sure or entity.is_new:
                needed.add(entity.index)
        request = AddTie(
            _ref(start, refs),
            tie.type,
            _ref(end, refs),
            status=tie.status,
            evidence=tie.evidence,
            since=tie.since,
            properties=dict(tie.properties),
        )
        ingested.ties.append(
            review.Proposed(request, paragraph=tie.paragraph, quote=tie.quote, confidence=tie.confidence)
        )
    for entity in reading.entities:
        if not (entity.is_new or not entity.sure):
            continue
        if entity.index not in needed and not (entity.certain and entity.kind not in ("Country",)):
            continue
        if entity.index not in needed and (
            model.fold(entity.name) in entities_before or entity.proposed_id in entities_before
        ):
            ingested.repeated += 1
            continue
        first = entity.mentions[0]
        sentence = reading.sentences[first.sentence]
        ingested.entities.append(
            review.Proposed(
                AddEntity(entity.kind, entity.name, entity.proposed_id, entity.country),
                ref=_ref(entity, refs),
                match=entity.candidates[0].id if entity.candidates else None,
                paragraph=sentence.paragraph,
                quote=sentence.text,
                candidates=tuple(c.id for c in entity.candidates) or None,
            )
        )
    order = {ref: n for n, ref in enumerate(refs.values())}
    ingested.entities.sort(key=lambda e: order.get(e.ref or "", len(order)))


def _ref(entity: FoundEntity, refs: dict[int, str]) -> str:
    """How the batch names an entity: the graph's id when the link is sure, else its name."""
    if entity.sure and entity.id:
        return entity.id
    if entity.index not in refs:
        taken = set(refs.values())
        ref = entity.name
        n = 2
        while ref in taken:
            ref, n = f"{entity.name} ({n})", n + 1
        refs[entity.index] = ref
    return refs[entity.index]
