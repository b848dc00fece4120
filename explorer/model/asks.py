"""Asks for introductions and introducers' willingness: the records of the introduction workflow.

An ask is one request for an introduction that someone of the staff made: who asks (a person,
an organisation, or the team), whom to reach, who was asked (the introducer) and through which
of the asker's own people, the path it followed, when to follow it up, and once closed its
outcome. A willingness mark says whether an introducer is open to making introductions. Both
are kept apart from the map's facts (``Ask`` and ``Willingness`` nodes, never ``Entity``) and
every change to them is a signed record of the history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from explorer.model.kinds import ASK
from explorer.model.kinds import WILLINGNESS as WILLINGNESS_KIND
from explorer.model.text import fold

__all__ = [
    "ASK",
    "ASKER_KINDS",
    "DECLINES",
    "NO_ANSWERS",
    "OUTCOMES",
    "SUCCESSES",
    "TEAM_WORDS",
    "WILLINGNESS",
    "WILLINGNESS_LABEL",
    "Ask",
    "AskerKind",
    "Mark",
    "is_team",
    "parse_day",
    "parse_outcome",
    "parse_willingness",
]

#: The labels of the workflow's records (never ``Entity``: no read of the map meets them).
WILLINGNESS_LABEL = WILLINGNESS_KIND

#: How an ask ends.
OUTCOMES = ("introduced", "met", "declined", "no-answer", "withdrawn")
#: Outcomes that count for the introducer, against them, or as silence.
SUCCESSES = frozenset({"introduced", "met"})
DECLINES = frozenset({"declined"})
NO_ANSWERS = frozenset({"no-answer"})
#: How willing an introducer is to make introductions.
WILLINGNESS = ("open", "reluctant", "unknown")

#: Who asks: a person, an organisation, or the team named in settings.
AskerKind = Literal["person", "organisation", "team"]
ASKER_KINDS: tuple[AskerKind, ...] = ("person", "organisation", "team")
#: What stands for the team where an entity is expected (``explorer paths @us "Bio Japan"``).
TEAM_WORDS = ("@us", "@team", "@nous", "@équipe", "@equipe")

_OUTCOME_WORDS = {
    "introduced": "introduced",
    "introduit": "introduced",
    "introduite": "introduced",
    "presente": "introduced",
    "met": "met",
    "rencontre": "met",
    "declined": "declined",
    "refuse": "declined",
    "decline": "declined",
    "no-answer": "no-answer",
    "no answer": "no-answer",
    "noanswer": "no-answer",
    "sans reponse": "no-answer",
    "withdrawn": "withdrawn",
    "retire": "withdrawn",
    "abandonne": "withdrawn",
}
_WILLINGNESS_WORDS = {
    "open": "open",
    "willing": "open",
    "ouvert": "open",
    "ouverte": "open",
    "reluctant": "reluctant",
    "reticent": "reluctant",
    "reticente": "reluctant",
    "unknown": "unknown",
    "inconnu": "unknown",
    "inconnue": "unknown",
}


def is_team(value: Any) -> bool:
    """Whether ``value`` stands for the team (``@us``, ``@team``)."""
    return isinstance(value, str) and fold(value.strip()) in {fold(w) for w in TEAM_WORDS}


def parse_outcome(value: Any) -> str | None:
    """The outcome a person means ("met", "no answer", "refusé"...); ``None`` if none."""
    return _OUTCOME_WORDS.get(fold(str(value or "")).strip().replace("_", "-"))


def parse_willingness(value: Any) -> str | None:
    """The willingness a person means ("open", "réticent"...); ``None`` if none."""
    return _WILLINGNESS_WORDS.get(fold(str(value or "")).strip())


def parse_day(value: Any) -> dt.date | None:
    """A day written ``YYYY-MM-DD`` (``None`` for nothing; ``ValueError`` for anything else)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip()[:10])


@dataclass(frozen=True)
class Ask:
    """One ask for an introduction, open or closed (ids of entities; names as they were then)."""

    id: int
    at: str
    who: str
    asker: str
    asker_kind: AskerKind
    target: str
    introducer: str | None = None
    through: str | None = None
    #: The path followed (entity ids, asker first), its rank in the listing and its score.
    path: tuple[str, ...] = ()
    rank: int | None = None
    score: float | None = None
    note: str | None = None
    follow_up: str | None = None
    state: Literal["open", "closed"] = "open"
    outcome: str | None = None
    closed_at: str | None = None
    closed_by: str | None = None
    close_note: str | None = None
    #: The review proposal an outcome "introduced" or "met" made (a tie between asker and target).
    proposal: int | None = None
    #: Names of the entities it names, as they were when it was made.
    names: Mapping[str, str] = field(default_factory=dict)

    @property
    def entities(self) -> tuple[str, ...]:
        """The entities it concerns: asker, target, introducer, through."""
        ids = (self.asker, self.target, self.introducer, self.through)
        return tuple(dict.fromkeys(i for i in ids if i))

    def due(self, on: dt.date) -> bool:
        """Whether it is open and its follow-up day has come."""
        day = parse_day(self.follow_up) if self.follow_up else None
        return self.state == "open" and day is not None and day <= on

    def as_dict(self) -> dict[str, Any]:
        """The ask for scripts (``--format json``)."""
        out: dict[str, Any] = {
            "id": self.id,
            "at": self.at,
            "who": self.who,
            "from": self.asker,
            "asker_kind": self.asker_kind,
            "to": self.target,
            "introducer": self.introducer,
            "through": self.through,
            "path": list(self.path),
            "rank": self.rank,
            "score": self.score,
            "note": self.note,
            "follow_up": self.follow_up,
            "state": self.state,
            "outcome": self.outcome,
            "closed_at": self.closed_at,
            "closed_by": self.closed_by,
            "close_note": self.close_note,
            "proposal": self.proposal,
        }
        return out

    def record(self) -> dict[str, Any]:
        """The properties of its ``Ask`` node (``None`` values left out)."""
        props = {k: v for k, v in self.as_dict().items() if k not in ("from", "to", "path")}
        props |= {"asker": self.asker, "target": self.target, "path": list(self.path)}
        props["names"] = [f"{k}\t{v}" for k, v in sorted(self.names.items())]
        return {k: v for k, v in props.items() if v not in (None, [], "")}

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Ask:
        def text(key: str) -> str | None:
            value = record.get(key)
            return str(value) if value not in (None, "") else None

        names = dict(str(n).split("\t", 1) for n in record.get("names") or () if "\t" in str(n))
        kind = record.get("asker_kind")
        score = record.get("score")
        return cls(
            id=int(record["id"]),
            at=str(record.get("at") or ""),
            who=str(record.get("who") or ""),
            asker=str(record["asker"]),
            asker_kind=kind if kind in ASKER_KINDS else "person",
            target=str(record["target"]),
            introducer=text("introducer"),
            through=text("through"),
            path=tuple(str(p) for p in record.get("path") or ()),
            rank=record.get("rank") if isinstance(record.get("rank"), int) else None,
            score=float(score) if isinstance(score, int | float) else None,
            note=text("note"),
            follow_up=text("follow_up"),
            state="closed" if record.get("state") == "closed" else "open",
            outcome=text("outcome"),
            closed_at=text("closed_at"),
            closed_by=text("closed_by"),
            close_note=text("close_note"),
            proposal=record.get("proposal") if isinstance(record.get("proposal"), int) else None,
            names=names,
        )


@dataclass(frozen=True)
class Mark:
    """An introducer's willingness to make introductions, who said so, when, and why."""

    entity: str
    level: str
    reason: str | None = None
    at: str | None = None
    who: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "level": self.level,
            "reason": self.reason,
            "at": self.at,
            "who": self.who,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Mark:
        level = str(record.get("level") or "unknown")
        return cls(
            str(record["entity"]),
            level if level in WILLINGNESS else "unknown",
            record.get("reason") or None,
            record.get("at") or None,
            record.get("who") or None,
        )
