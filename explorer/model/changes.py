"""The records of the history: the state of one fact (an entity or a tie) and one change to the graph.

A fact is an entity (by id) or a tie (by ``start|TYPE|end``: one relationship per type and
pair, symmetric types in canonical order). Its state is ``live`` (in the graph), ``retired``
(kept, out of every view) or ``absent``. A change holds the state of every fact it touched,
before and after: undoing it writes the states before back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from explorer import model
from explorer.model.facts import entity_key, tie_key

__all__ = ["ACTIONS", "REASONED", "Change", "FactState", "State"]

State = Literal["live", "retired", "absent"]
#: Every kind of change the history records.
ACTIONS = (
    "add",
    "edit",
    "confirm",
    "retire",
    "merge",
    "undo",
    "accept",
    "reject",
    "propose",
    "load",
)
#: Actions whose change must say why.
REASONED = frozenset({"edit", "retire", "merge", "reject"})


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)  # dates and times read from the database


@dataclass(frozen=True)
class FactState:
    """One fact as it stands: which fact, its state, its kind or type, and its properties.

    ``props`` are the fact's own properties (an entity's ``id``, ``kind`` and ``name`` among
    them; a tie's ``status``, ``evidence``, ``source``...); curation's bookkeeping (version,
    who changed it when, who retired it) is kept apart and never compared.
    """

    fact: Literal["entity", "tie"]
    key: str
    state: State
    #: An entity's kind, or a tie's type.
    kind: str
    props: Mapping[str, Any] = field(default_factory=dict)
    start: str | None = None
    end: str | None = None
    version: int = 0
    changed_by: str | None = None
    changed_at: str | None = None
    #: The load that added it (its token), kept through later changes so the load can be undone.
    loaded_in: str | None = None

    @classmethod
    def entity(
        cls, entity_id: str, state: State, kind: str, props: Mapping[str, Any], **book: Any
    ) -> FactState:
        own = {k: _plain(v) for k, v in props.items() if k not in model.BOOKKEEPING}
        own["id"], own["kind"] = entity_id, kind
        return cls("entity", entity_key(entity_id), state, kind, own, **_book(props, book))

    @classmethod
    def tie(
        cls, start: str, rtype: str, end: str, state: State, props: Mapping[str, Any], **book: Any
    ) -> FactState:
        ordered = model.Tie(rtype, start, end).canonical()
        start, end = ordered.start, ordered.end
        own = {k: _plain(v) for k, v in props.items() if k not in model.BOOKKEEPING}
        return cls("tie", tie_key(start, rtype, end), state, rtype, own, start, end, **_book(props, book))

    @property
    def id(self) -> str:
        """An entity's id (a tie's key without its prefix)."""
        return self.key.split(":", 1)[1]

    @property
    def live(self) -> bool:
        return self.state == "live"

    @property
    def entities(self) -> tuple[str, ...]:
        """The entities this fact is about (an entity; a tie's two ends)."""
        if self.fact == "entity":
            return (self.id,)
        return tuple(x for x in (self.start, self.end) if x)

    def with_state(self, state: State, **props: Any) -> FactState:
        """The same fact in ``state``, with ``props`` changed (a value of ``None`` removes one)."""
        merged = {k: v for k, v in {**self.props, **props}.items() if v is not None}
        return replace(self, state=state, props=merged)

    def same_as(self, other: FactState) -> bool:
        """Whether two states of a fact are the same, bookkeeping aside."""
        if self.key != other.key or self.state != other.state:
            return False
        if self.state == "absent":
            return True
        return self.kind == other.kind and _plain(dict(self.props)) == _plain(dict(other.props))

    def label(self) -> str:
        """The fact for messages: "acme-bio" or "acme-bio -MEMBER_OF-> eurobiomed"."""
        if self.fact == "entity":
            name = self.props.get("name")
            return f"{name} ({self.id})" if name and name != self.id else self.id
        arrow = "-" if self.kind in model.SYMMETRIC_TYPES else "->"
        return f"{self.start} -{self.kind}{arrow} {self.end}"

    def as_dict(self) -> dict[str, Any]:
        """As stored in a change record (and printed by ``--format json``)."""
        out: dict[str, Any] = {"fact": self.fact, "key": self.key, "state": self.state, "kind": self.kind}
        if self.fact == "tie":
            out["start"], out["end"] = self.start, self.end
        out["props"] = _plain(dict(self.props))
        if self.version:
            out["version"] = self.version
        if self.loaded_in:
            out["loaded_in"] = self.loaded_in
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FactState:
        return cls(
            data["fact"],
            data["key"],
            data["state"],
            data["kind"],
            dict(data.get("props") or {}),
            data.get("start"),
            data.get("end"),
            int(data.get("version") or 0),
            loaded_in=data.get("loaded_in"),
        )


def _book(props: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    version = given.get("version", props.get("version"))
    return {
        "version": int(version) if isinstance(version, int) and not isinstance(version, bool) else 0,
        "changed_by": given.get("changed_by", props.get("changed_by")),
        "changed_at": _plain(given.get("changed_at", props.get("changed_at"))),
        "loaded_in": given.get(model.LOADED_IN, props.get(model.LOADED_IN)),
    }


@dataclass(frozen=True)
class Change:
    """One change to the graph, as the history keeps it (never rewritten).

    ``id`` numbers changes in order; ``hash`` chains each record to the one before, so that
    a record changed afterwards no longer matches (``explorer fact history --verify``).
    """

    id: int
    at: str
    who: str
    role: str
    action: str
    reason: str | None = None
    source: str | None = None
    before: tuple[FactState, ...] = ()
    after: tuple[FactState, ...] = ()
    #: The change this one undoes.
    undoes: int | None = None
    #: The proposal items this change decided ("12#3").
    proposal: tuple[str, ...] = ()
    #: Who suggested what this change accepted.
    suggested_by: str | None = None
    #: What a change without facts did (a load: its files and counts; a proposal: its items).
    details: Mapping[str, Any] = field(default_factory=dict)
    prev: str = ""
    hash: str = ""

    @property
    def facts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.key for s in (*self.before, *self.after)))

    @property
    def entities(self) -> tuple[str, ...]:
        ids = [i for s in (*self.before, *self.after) for i in s.entities]
        ids += [str(i) for i in self.details.get("entities", [])]
        return tuple(dict.fromkeys(ids))

    def pairs(self) -> list[tuple[FactState | None, FactState | None]]:
        """(before, after) of each fact touched, in order."""
        before = {s.key: s for s in self.before}
        after = {s.key: s for s in self.after}
        return [(before.get(k), after.get(k)) for k in self.facts]

    def record(self) -> dict[str, Any]:
        """The properties of its ``Change`` node (JSON text for nested values)."""
        return {
            "id": self.id,
            "at": self.at,
            "who": self.who,
            "role": self.role,
            "action": self.action,
            "reason": self.reason,
            "source": self.source,
            "facts": list(self.facts),
            "entities": list(self.entities),
            "before": json.dumps([s.as_dict() for s in self.before], ensure_ascii=False, sort_keys=True),
            "after": json.dumps([s.as_dict() for s in self.after], ensure_ascii=False, sort_keys=True),
            "undoes": self.undoes,
            "proposal": list(self.proposal),
            "suggested_by": self.suggested_by,
            "details": json.dumps(_plain(dict(self.details)), ensure_ascii=False, sort_keys=True),
            "prev": self.prev,
            "hash": self.hash,
        }

    def digest(self) -> str:
        """The hash of this record and the one before it (what ``hash`` must equal)."""
        fields = {k: v for k, v in self.record().items() if k != "hash"}
        text = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def sealed(self, number: int, prev: str) -> Change:
        """This change numbered ``number`` after the record whose hash is ``prev``."""
        numbered = replace(self, id=number, prev=prev, hash="")
        return replace(numbered, hash=numbered.digest())

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Change:
        def states(text: Any) -> tuple[FactState, ...]:
            return tuple(FactState.from_dict(d) for d in json.loads(text or "[]"))

        return cls(
            id=int(record["id"]),
            at=str(record["at"]),
            who=str(record["who"]),
            role=str(record.get("role") or ""),
            action=str(record["action"]),
            reason=record.get("reason"),
            source=record.get("source"),
            before=states(record.get("before")),
            after=states(record.get("after")),
            undoes=record.get("undoes"),
            proposal=tuple(record.get("proposal") or ()),
            suggested_by=record.get("suggested_by"),
            details=json.loads(record.get("details") or "{}"),
            prev=str(record.get("prev") or ""),
            hash=str(record.get("hash") or ""),
        )

    def as_dict(self) -> dict[str, Any]:
        """The change for scripts (``--format json``): id, at, who, action, reason, before,
        after, source, and the rest."""
        return {
            "id": self.id,
            "at": self.at,
            "who": self.who,
            "role": self.role,
            "action": self.action,
            "reason": self.reason,
            "source": self.source,
            "before": [s.as_dict() for s in self.before],
            "after": [s.as_dict() for s in self.after],
            "undoes": self.undoes,
            "proposal": list(self.proposal),
            "suggested_by": self.suggested_by,
            "details": _plain(dict(self.details)),
            "hash": self.hash,
        }
