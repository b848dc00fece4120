"""The relationships an article states, as found, and how they are settled once the whole article
is read: one per type and pair, kinds that the ties require, on whose behalf a board seat is
held, what the stated ties imply, and the countries new entities take from their cities."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from explorer import model
from explorer.ingest.entities import FoundEntity

__all__ = ["FoundTie", "settle"]


@dataclass
class FoundTie:
    """A relationship the article states (or, ``evidence`` inferred, implies)."""

    type: str
    start: int
    end: int
    sentence: int
    paragraph: int
    quote: str
    confidence: float
    status: str = "active"
    since: int | str | None = None
    evidence: str = "stated"
    cue: str = ""
    properties: dict[str, Any] = field(default_factory=dict)
    seen: int = 1

    @property
    def identity(self) -> tuple[str, int, int]:
        return (self.type, *model.in_order(self.type, self.start, self.end))


def settle(ties: Sequence[FoundTie], entities: Sequence[FoundEntity]) -> list[FoundTie]:
    """The article's ties once it is all read, in the order they are stated (surest first)."""
    settled = _settle_kinds(_merged(ties), entities)
    _on_behalf(settled, entities)
    settled += _inferred(settled, entities)
    _countries(settled, entities)
    return sorted(settled, key=lambda t: (t.paragraph, t.sentence, -t.confidence))


def _merged(ties: Sequence[FoundTie]) -> list[FoundTie]:
    """One tie per type and pair: the surest reading, seen once or more."""
    best: dict[tuple[str, int, int], FoundTie] = {}
    for tie in ties:
        key = tie.identity
        if key not in best:
            best[key] = tie
            continue
        kept = best[key]
        winner, other = (tie, kept) if tie.confidence > kept.confidence else (kept, tie)
        winner.seen = kept.seen + 1
        winner.since = winner.since or other.since
        if "active" in (winner.status, other.status):  # "will open" then "has opened": it is open
            winner.status = "active"
        winner.properties = {**other.properties, **winner.properties}
        best[key] = winner
    for tie in best.values():
        if tie.seen > 1:
            tie.confidence = round(min(0.99, tie.confidence + 0.05 * (tie.seen - 1)), 2)
    return list(best.values())


def _on_behalf(ties: list[FoundTie], entities: Sequence[FoundEntity]) -> None:
    """A board seat held as someone's representative says on whose behalf."""
    for seat in (t for t in ties if t.type == "BOARD_SEAT"):
        for rep in (
            t
            for t in ties
            if t.type == "REPRESENTS" and t.sentence == seat.sentence and t.start == seat.start
        ):
            if rep.end != seat.end:
                seat.properties.setdefault("on_behalf_of", entities[rep.end].ref)


def _inferred(ties: list[FoundTie], entities: Sequence[FoundEntity]) -> list[FoundTie]:
    """What the stated ties imply: a company whose head represents a cluster is a member of it."""
    extra: list[FoundTie] = []
    have = {t.identity for t in ties}
    for lead in (t for t in ties if t.type == "LEADS"):
        company = entities[lead.end]
        for rep in (t for t in ties if t.type == "REPRESENTS" and t.start == lead.start):
            cluster = entities[rep.end]
            if (
                cluster.kind != "Cluster"
                or company.kind not in model.ORGANIZATION_KINDS
                or company.index == cluster.index
            ):
                continue
            tie = FoundTie(
                "MEMBER_OF",
                company.index,
                cluster.index,
                rep.sentence,
                rep.paragraph,
                rep.quote,
                round(min(lead.confidence, rep.confidence) * 0.5, 2),
                evidence="inferred",
                cue="inferred",
            )
            if tie.identity not in have:
                have.add(tie.identity)
                extra.append(tie)
    return extra


def _settle_kinds(ties: list[FoundTie], entities: Sequence[FoundEntity]) -> list[FoundTie]:
    """Kinds the ties require of new entities whose kind was a guess ("membre de X": X is a cluster);
    ties whose ends no longer fit their type are dropped."""
    for tie in sorted(ties, key=lambda t: -t.confidence):
        rtype = model.REL_TYPES[tie.type]
        for index, allowed in ((tie.start, rtype.sources), (tie.end, rtype.targets)):
            entity = entities[index]
            if not entity.certain and entity.is_new and entity.kind not in allowed:
                for kind in ("Company", "Institute", "Cluster"):
                    if kind in allowed:
                        entity.kind = kind
                        entity.certain = True
                        break
    return [
        t
        for t in ties
        if entities[t.start].kind in model.REL_TYPES[t.type].sources
        and entities[t.end].kind in model.REL_TYPES[t.type].targets
    ]


def _countries(ties: Sequence[FoundTie], entities: Sequence[FoundEntity]) -> None:
    for tie in ties:
        if tie.type == "LOCATED_IN":
            start, end = entities[tie.start], entities[tie.end]
            if start.is_new and start.country is None and end.country:
                start.country = end.country
