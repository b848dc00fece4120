"""The asker's side: who asks for an introduction (a person, an organisation, or the team named in
settings) and the people and organisations that count as the asker themselves.

- A **person**'s side is the person and the organisations they lead, work at, represent or sit
  on the board of.
- An **organisation**'s side is the organisation, the people who lead it, sit on its board,
  represent it or work for it, and the organisations those people lead.
- The **team** (``@us``: ``EXPLORER_TEAM``, the people of our own organisation) is the union of
  its entities' sides: an organisation's as above, a person with the organisations they lead.
  Its paths start from the first entity named.

Only ties in force count (active, not ended). Advice never names someone of the asker's side as
the introducer (:mod:`.advice`): a path leaves the side through one of its own, who is named
as such ("through Bruno Buisson, your CEO, …").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from explorer import defaults, model
from explorer.errors import UsageError
from explorer.model import Entity, Tie
from explorer.model.asks import AskerKind

__all__ = ["Member", "Side", "asker_kind", "read_side", "side_of_person", "team_entities"]


@dataclass(frozen=True)
class Member:
    """One entity of the asker's side and how it belongs there: the tie that puts it there (a
    person's tie to the asker's organisation, the asker's own tie to an organisation, a leader's
    tie to the organisation they lead), ``None`` for the asker and the team's named entities."""

    entity: Entity
    tie: Tie | None = None
    #: For an organisation led by one of the side's people: that person.
    via: Entity | None = None


@dataclass(frozen=True)
class Side:
    """Who asks, where their paths start, and every entity of their side."""

    kind: AskerKind
    #: Where the paths start: the person, the organisation, or the team's first entity.
    start: Entity
    members: Mapping[str, Member] = field(default_factory=dict)
    #: The team's entities as settings name them (the team only).
    team: tuple[Entity, ...] = ()

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self.members) | {self.start.id}

    def __contains__(self, entity_id: object) -> bool:
        return entity_id == self.start.id or entity_id in self.members

    def member(self, entity_id: str) -> Member | None:
        return self.members.get(entity_id)

    def as_dict(self) -> dict[str, Any]:
        """``{kind, entity, team}`` for JSON: who asks."""
        said: dict[str, Any] = {"kind": self.kind, "entity": self.start.as_dict()}
        if self.team:
            said["team"] = [e.as_dict() for e in self.team]
        return said


def side_of_person(person: Entity, own: Iterable[tuple[Entity, Tie]] = ()) -> Side:
    """A person's side from their own organisations (each with the person's tie to it)."""
    members = {org.id: Member(org, tie) for org, tie in own}
    return Side("person", person, members)


#: A tie in force: active, and not ended.
_IN_FORCE = (
    "coalesce(r.status, $default_status) = $active "
    "AND NOT (r.until IS :: INTEGER NOT NULL AND r.until < $year)"
)
#: A person's own organisations.
_OWN = (
    "MATCH (p:Person {id: $id})-[r]->(o:Organization) WHERE type(r) IN $personal AND " + _IN_FORCE + " "
    "RETURN o AS other, type(r) AS type, startNode(r).id AS start, endNode(r).id AS end, "
    "properties(r) AS props, elementId(r) AS key ORDER BY o.id LIMIT $cap"
)
#: The people of organisations: who leads them, sits on their board, represents them or works there.
_PEOPLE = (
    "UNWIND $ids AS id MATCH (o:Organization {id: id})<-[r]-(p:Person) "
    "WHERE type(r) IN $personal AND " + _IN_FORCE + " "
    "RETURN p AS other, type(r) AS type, startNode(r).id AS start, endNode(r).id AS end, "
    "properties(r) AS props, elementId(r) AS key "
    "ORDER BY CASE type(r) WHEN 'LEADS' THEN 0 WHEN 'REPRESENTS' THEN 1 WHEN 'BOARD_SEAT' THEN 2 ELSE 3 END, "
    "p.id LIMIT $cap"
)
#: The organisations people lead.
_LED = (
    "UNWIND $ids AS id MATCH (p:Person {id: id})-[r:LEADS]->(o:Organization) WHERE " + _IN_FORCE + " "
    "RETURN o AS other, type(r) AS type, startNode(r).id AS start, endNode(r).id AS end, "
    "properties(r) AS props, elementId(r) AS key ORDER BY o.id LIMIT $cap"
)

Run = Callable[[str, Mapping[str, Any]], Iterable[Any]]


def read_side(run: Run, kind: AskerKind, start: Entity, team: tuple[Entity, ...] = (), *, year: int) -> Side:
    """The side of ``start`` asking as a ``kind`` (``team``: the team's entities), read with ``run``
    (a read transaction's ``run``: the query and its parameters)."""
    params = {
        "default_status": model.DEFAULT_STATUS,
        "active": model.DEFAULT_STATUS,
        "year": year,
        "personal": sorted(model.PERSONAL_TYPES),
        "cap": defaults.MAX_SIDE,
    }

    from explorer.database.results import entity_of  # the driver's records, read here only

    def rows(query: str, **more: Any) -> list[tuple[Entity, Tie]]:
        found = []
        for r in run(query, {**params, **more}):
            tie = Tie(r["type"], r["start"], r["end"], dict(r["props"]), r["key"])
            found.append((entity_of(r["other"]), tie))
        return found

    if kind == "person":
        return side_of_person(start, rows(_OWN, id=start.id))
    named = team or (start,)
    members: dict[str, Member] = {e.id: Member(e) for e in named if e.id != start.id}
    orgs = [e.id for e in named if e.kind != "Person"]
    people = [e.id for e in named if e.kind == "Person"]
    for person, tie in rows(_PEOPLE, ids=orgs):
        members.setdefault(person.id, Member(person, tie))
        people.append(person.id)
    by_id = {m.entity.id: m.entity for m in members.values()} | {start.id: start}
    for org, tie in rows(_LED, ids=list(dict.fromkeys(people))):
        members.setdefault(org.id, Member(org, tie, by_id.get(tie.start)))
    members.pop(start.id, None)
    return Side(kind, start, members, tuple(team))


def asker_kind(entity: Entity) -> AskerKind:
    """How an entity asks: as a person, else as an organisation."""
    return "person" if entity.kind == "Person" else "organisation"


def team_entities(resolve: Callable[[str], Entity], team: tuple[str, ...]) -> tuple[Entity, ...]:
    """The team's entities named in settings, resolved (``UsageError`` when no team is set)."""
    if not team:
        raise UsageError(
            "no team is set: @us stands for the team named in EXPLORER_TEAM",
            "set EXPLORER_TEAM to your organisation's id or name (and its staff's, separated by commas)",
        )
    return tuple(dict.fromkeys(resolve(name) for name in team))
