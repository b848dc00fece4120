"""An alliance at a glance: its parties West to East, their links, who bridges them, what is pending."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

import neo4j

from explorer import countries, model
from explorer.config import Settings
from explorer.database.results import GraphData, entity_of, to_plain
from explorer.database.session import Reader, reading
from explorer.errors import UnknownEntity
from explorer.model import Entity, Tie

__all__ = [
    "AllianceView",
    "Bridge",
    "Link",
    "Party",
    "Side",
    "alliance_view",
    "alliances",
]

PARTY_SPACING = 420


@dataclass(frozen=True)
class Party:
    """A party to the alliance and its own tie to it."""

    entity: Entity
    tie: Tie


@dataclass(frozen=True)
class Link:
    """Two parties and the direct relationships between them (none: a gap)."""

    a: Entity
    b: Entity
    ties: tuple[Tie, ...]


@dataclass(frozen=True)
class Side:
    """How a bridge touches one party: its ties to it, a presence in its country, or its home."""

    party: str
    ties: tuple[Tie, ...] = ()
    places: tuple[tuple[str, Tie], ...] = ()  # (place name, the SUBSIDIARY_IN/LOCATED_IN tie)
    home: bool = False


@dataclass(frozen=True)
class Bridge:
    """An entity with a foot on two sides or more."""

    entity: Entity
    sides: tuple[Side, ...]


@dataclass
class AllianceView:
    """Everything the alliance page shows."""

    alliance: Entity
    parties: list[Party]
    links: list[Link]
    bridges: list[Bridge]
    pending: list[tuple[Entity, Tie, Entity]]
    graph: GraphData = field(default_factory=GraphData)
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def status(self) -> str:
        """The alliance's status: the least advanced of its parties' ties."""
        order = {s: i for i, s in enumerate(model.STATUSES)}
        statuses = [p.tie.status for p in self.parties] or ["proposed"]
        return max(statuses, key=lambda s: order.get(s, len(order)))


_ALLIANCES = "MATCH (a:Alliance) RETURN a ORDER BY a.name, a.id"
_ALLIANCE = "MATCH (a:Alliance {id: $id}) RETURN a"
_PARTIES = (
    "MATCH (a:Alliance {id: $id})<-[p:PARTY_TO]-(c:Entity) RETURN c, properties(p) AS props ORDER BY c.name"
)
_BETWEEN = (
    "UNWIND $ids AS xid MATCH (x:Entity {id: xid})-[r]->(y:Entity) WHERE y.id IN $ids "
    "RETURN type(r) AS type, x.id AS start, y.id AS end, properties(r) AS props"
)
_CANDIDATES = (
    "UNWIND $ids AS pid MATCH (p:Entity {id: pid})-[]-(e:Entity) "
    "WHERE (e:Organization OR e:Person) AND NOT e.id IN $ids "
    "WITH DISTINCT e "
    "OPTIONAL MATCH (e)-[r]-(q:Entity) WHERE q.id IN $ids "
    "WITH e, collect({type: type(r), start: startNode(r).id, end: endNode(r).id, props: properties(r), "
    "  party: q.id}) AS direct "
    "OPTIONAL MATCH (e)-[s:SUBSIDIARY_IN|LOCATED_IN]->(place:Entity) "
    "RETURN e, direct, "
    "  collect({type: type(s), start: e.id, end: place.id, props: properties(s), place: place.name, "
    "  country: coalesce(place.country, place.code)}) AS places "
    "LIMIT $cap"
)
_PENDING = (
    "UNWIND $ids AS xid MATCH (x:Entity {id: xid})-[r]-(y:Entity) "
    "WHERE r.status IN ['planned', 'proposed'] "
    "WITH DISTINCT r, startNode(r) AS a, endNode(r) AS b "
    "RETURN type(r) AS type, a, b, properties(r) AS props "
    "ORDER BY r.status, a.name, type"
)
_NODES = "UNWIND $ids AS nid MATCH (n:Entity {id: nid}) RETURN n"
_RELS = (
    "UNWIND $ids AS nid MATCH (a:Entity {id: nid})-[r]->(b:Entity) WHERE b.id IN $ids "
    "RETURN elementId(r) AS key, type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props"
)


def _plain(props: Any) -> dict[str, Any]:
    return {k: to_plain(v) for k, v in dict(props or {}).items()}


def _tie(row: Any) -> Tie:
    return Tie(str(row["type"]), str(row["start"]), str(row["end"]), _plain(row["props"]))


def alliances(driver: neo4j.Driver, settings: Settings) -> list[Entity]:
    """Every alliance recorded, by name."""
    with reading(driver, settings) as read:
        return [entity_of(r["a"]) for r in read.rows(_ALLIANCES)]


def alliance_view(driver: neo4j.Driver, settings: Settings, alliance_id: str) -> AllianceView:
    """The alliance ``alliance_id``: parties West to East, links, bridges, pending ties and a graph."""
    with reading(driver, settings) as read:
        found = read.one(_ALLIANCE, id=alliance_id)
        if found is None:
            raise UnknownEntity(alliance_id, alliances(driver, settings))
        alliance = entity_of(found["a"])
        parties = []
        for r in read.rows(_PARTIES, id=alliance_id):
            party = entity_of(r["c"])
            parties.append(Party(party, Tie("PARTY_TO", party.id, alliance_id, _plain(r["props"]))))
        parties.sort(key=lambda p: (countries.longitude(p.entity.country), p.entity.name))
        ids = [p.entity.id for p in parties]
        between = [_tie(r) for r in read.rows(_BETWEEN, ids=ids)]
        links = [
            Link(
                a.entity,
                b.entity,
                tuple(x for x in between if {x.start, x.end} == {a.entity.id, b.entity.id}),
            )
            for a, b in itertools.combinations(parties, 2)
        ]
        candidates = read.rows(_CANDIDATES, ids=ids, cap=settings.row_cap)
        bridges = [b for b in (_bridge(r, parties) for r in candidates) if b is not None]
        bridges.sort(key=lambda b: (-len(b.sides), b.entity.name))
        around = [alliance_id, *ids, *(b.entity.id for b in bridges)]
        pending = []
        for r in read.rows(_PENDING, ids=around):
            a, b = entity_of(r["a"]), entity_of(r["b"])
            pending.append((a, Tie(str(r["type"]), a.id, b.id, _plain(r["props"])), b))
        drawn = list(dict.fromkeys([*around, *(a.id for a, _, _ in pending), *(b.id for _, _, b in pending)]))
        graph = _graph(read, drawn)
    view = AllianceView(alliance, parties, links, bridges, pending, graph)
    view.positions = _positions(view)
    return view


def _bridge(row: Any, parties: list[Party]) -> Bridge | None:
    entity = entity_of(row["e"])
    direct = [d for d in row["direct"] if d.get("party")]
    places = [p for p in row["places"] if p.get("type")]
    sides = []
    for party in parties:
        pid, country = party.entity.id, party.entity.country
        ties = tuple(_tie(d) for d in direct if d["party"] == pid)
        there = tuple((str(p["place"]), _tie(p)) for p in places if country and p.get("country") == country)
        home = bool(country) and entity.country == country
        if ties or there or home:
            sides.append(Side(pid, ties, there, home))
    return Bridge(entity, tuple(sides)) if len(sides) >= 2 else None


def _graph(read: Reader, ids: list[str]) -> GraphData:
    graph = GraphData()
    for r in read.rows(_NODES, ids=ids):
        entity = entity_of(r["n"])
        graph.nodes[entity.id] = entity
    for r in read.rows(_RELS, ids=ids):
        graph.rels[r["key"]] = Tie(r["type"], str(r["start"]), str(r["end"]), _plain(r["props"]), r["key"])
    return graph


def _positions(view: AllianceView) -> dict[str, tuple[float, float]]:
    """Parties West to East on a gentle arc (so no link hides behind a party), the alliance above."""
    n = len(view.parties)
    positions = {
        p.entity.id: (
            (i - (n - 1) / 2) * PARTY_SPACING,
            150.0 * math.sin(math.pi * i / (n - 1)) if n > 1 else 0.0,
        )
        for i, p in enumerate(view.parties)
    }
    positions[view.alliance.id] = (0.0, -260.0)
    return positions
