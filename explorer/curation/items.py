"""The review queue's records: a proposed change (one typed request and what the reviewer should
know about it), an item of a batch and what became of it, and a batch.

Items written before requests were typed (``entity``, ``tie``, ``edit``, ``retire``, ``confirm``
with flat payloads) are read into the same records.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from explorer.curation.citations import Citation
from explorer.curation.requests import (
    AddEntity,
    AddTie,
    Confirm,
    EditEntity,
    EditTie,
    Request,
    Retire,
    from_dict,
    to_dict,
)
from explorer.model.facts import parse_fact_key

__all__ = ["Item", "ItemState", "Proposal", "Proposed", "proposed_of"]

ItemState = Literal["open", "accepted", "rejected"]


@dataclass(frozen=True)
class Proposed:
    """One change offered for review, and what the reviewer should know about it.

    ``ref`` names a new entity inside its batch (the batch's ties use it as an end);
    ``match`` is the entity of the graph it is believed to be (accepting then links it
    instead of adding one), ``candidates`` the others it may be; ``paragraph`` and
    ``quote`` where the source states it; ``confidence`` how sure the reader was (0-1).
    """

    request: Request
    ref: str | None = None
    match: str | None = None
    candidates: tuple[str, ...] | None = None
    paragraph: int | None = None
    quote: str | None = None
    confidence: float | None = None
    reason: str | None = None

    def payload(self) -> dict[str, Any]:
        out: dict[str, Any] = {"request": to_dict(self.request)}
        for name in ("ref", "match", "paragraph", "quote", "confidence", "reason"):
            value = getattr(self, name)
            if value not in (None, ""):
                out[name] = value
        if self.candidates:
            out["candidates"] = list(self.candidates)
        return out

    @property
    def citation(self) -> Citation:
        """The passage of the batch's source this item rests on (the source is the batch's)."""
        return Citation(paragraph=self.paragraph, quote=self.quote)


def _legacy(what: str, p: Mapping[str, Any]) -> Request:
    """A request from an item stored before requests were typed."""
    if what == "entity":
        if not p.get("name") or not p.get("kind"):
            raise ValueError("a proposed entity without a name or a kind")
        return AddEntity(
            str(p.get("kind") or ""),
            str(p.get("name") or ""),
            id=p.get("id"),
            country=p.get("country"),
            properties=dict(p.get("properties") or {}),
        )
    if what == "tie":
        if not (p.get("start") and p.get("type") and p.get("end")):
            raise ValueError("a proposed tie without its two ends and its type")
        props = dict(p.get("properties") or {})
        if p.get("note"):
            props["note"] = p["note"]
        return AddTie(
            str(p.get("start") or ""),
            str(p.get("type") or ""),
            str(p.get("end") or ""),
            status=p.get("status"),
            evidence=p.get("evidence"),
            since=p.get("since"),
            until=p.get("until"),
            properties=props,
        )
    fact = str(p.get("fact") or "")
    kind, a, rtype, b = parse_fact_key(fact)
    version = p.get("version")
    if what == "retire":
        return Retire(fact, version)
    if kind == "entity" and what == "edit":
        return EditEntity(a, dict(p.get("changes") or {}), version)
    if kind == "tie" and what == "edit":
        return EditTie(a, str(rtype), str(b), dict(p.get("changes") or {}), version)
    if kind == "tie" and what == "confirm":
        return Confirm(a, str(rtype), str(b), version)
    raise ValueError(f"not a change: {what} {fact}")


def proposed_of(what: str, payload: Mapping[str, Any]) -> Proposed:
    """The item as stored (``what`` and its JSON payload) as a typed record (``ValueError`` if it
    is none)."""
    data = payload.get("request")
    request = from_dict(data) if isinstance(data, Mapping) else _legacy(what, payload)
    candidates = payload.get("candidates")
    confidence = payload.get("confidence")
    paragraph = payload.get("paragraph")
    return Proposed(
        request,
        ref=payload.get("ref"),
        match=payload.get("match"),
        candidates=tuple(str(c) for c in candidates) if isinstance(candidates, list) and candidates else None,
        paragraph=paragraph if isinstance(paragraph, int) and not isinstance(paragraph, bool) else None,
        quote=payload.get("quote"),
        confidence=float(confidence) if isinstance(confidence, int | float) else None,
        reason=payload.get("reason"),
    )


@dataclass(frozen=True)
class Item:
    """One proposed change of a batch, and what became of it (``proposed`` is ``None`` only for
    an item whose stored form cannot be read: ``problem`` says why, and it cannot be accepted)."""

    proposal: int
    n: int
    what: str
    proposed: Proposed | None
    state: ItemState = "open"
    decided_by: str | None = None
    decided_at: str | None = None
    reason: str | None = None
    #: The change that accepted or rejected it, and the entity id or tie key it became.
    change: int | None = None
    result: str | None = None
    problem: str | None = None

    @property
    def key(self) -> str:
        return f"{self.proposal}#{self.n}"

    @property
    def request(self) -> Request | None:
        return self.proposed.request if self.proposed is not None else None


@dataclass(frozen=True)
class Proposal:
    """A batch of proposed changes from one source (``id``: the change that proposed it)."""

    id: int
    at: str
    who: str
    origin: str
    source: str | None
    title: str | None
    note: str | None
    items: tuple[Item, ...]

    @property
    def open_items(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.state == "open")
