"""An alliance at a glance: its parties West to East, their links, who bridges them, what is pending."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

import neo4j

from explorer import model
from explorer.config import Settings
from explorer.db import as_query, read_session
from explorer.errors import UnknownEntity
from explorer.results import GraphData, GraphNode, GraphRel, to_plain
from explorer.search import Entity

__all__ = ["AllianceView", "Bridge", "Link", "Party", "Tie", "alliance_view", "alliances", "longitude"]

#: Rough longitude of each country's centre: enough to lay the parties out West to East.
_LONGITUDE = {
    "US": -98,
    "CA": -100,
    "MX": -102,
    "BR": -52,
    "IE": -8,
    "PT": -8,
    "GB": -2,
    "ES": -4,
    "MA": -7,
    "FR": 2,
    "BE": 4,
    "NL": 5,
    "CH": 8,
    "DE": 10,
    "IT": 12,
    "DK": 10,
    "NO": 9,
    "TN": 9,
    "AT": 14,
    "SE": 15,
    "PL": 19,
    "FI": 26,
    "ZA": 25,
    "IL": 35,
    "IN": 79,
    "SG": 104,
    "CN": 104,
    "TW": 121,
    "KR": 128,
    "JP": 138,
    "AU": 134,
    "NZ": 174,
}
PARTY_SPACING = 420


def longitude(country: str | None) -> float:
    """Where a country sits from West to East (unknown countries go East of the known ones)."""
    return float(_LONGITUDE.get((country or "").upper(), 180))


@dataclass(frozen=True)
class Tie:
    """One relationship as evidence of a link: its type, direction, status and provenance."""

    type: str
    start: str
    end: str
    properties: dict[str, Any]

    @property
    def status(self) -> str:
        return str(self.properties.get("status") or model.DEFAULT_STATUS)

    @property
    def evidence(self) -> str:
        return str(self.properties.get("evidence") or model.DEFAULT_EVIDENCE)


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
    properties: dict[str, Any]
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


_ALLIANCES = "MATCH (a:Alliance) RETURN a.id AS id, a.name AS name ORDER BY a.name, a.id"
_ALLIANCE = "MATCH (a:Alliance {id: $id}) RETURN properties(a) AS props"
_PARTIES = (
    "MATCH (a:Alliance {id: $id})<-[p:PARTY_TO]-(c:Entity) "
    "RETURN c.id AS id, labels(c) AS labels, c.name AS name, c.country AS country, "
    "properties(p) AS props ORDER BY c.name"
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
    "RETURN e.id AS id, labels(e) AS labels, e.name AS name, e.country AS country, direct, "
    "  collect({type: type(s), start: e.id, end: place.id, props: properties(s), place: place.name, "
    "  country: coalesce(place.country, place.code)}) AS places "
    "LIMIT $cap"
)
_PENDING = (
    "UNWIND $ids AS xid MATCH (x:Entity {id: xid})-[r]-(y:Entity) "
    "WHERE r.status IN ['planned', 'proposed'] "
    "WITH DISTINCT r, startNode(r) AS a, endNode(r) AS b "
    "RETURN type(r) AS type, a.id AS a_id, labels(a) AS a_labels, a.name AS a_name, "
    "b.id AS b_id, labels(b) AS b_labels, b.name AS b_name, properties(r) AS props "
    "ORDER BY r.status, a.name, type"
)
_NODES = (
    "UNWIND $ids AS nid MATCH (n:Entity {id: nid}) "
    "RETURN n.id AS id, labels(n) AS labels, properties(n) AS props"
)
_RELS = (
    "UNWIND $ids AS nid MATCH (a:Entity {id: nid})-[r]->(b:Entity) WHERE b.id IN $ids "
    "RETURN elementId(r) AS key, type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props"
)


def _run(session: neo4j.Session, text: str, settings: Settings, **params: Any) -> list[neo4j.Record]:
    return list(session.run(as_query(text, timeout=settings.ui_timeout), params))


def _plain(props: Any) -> dict[str, Any]:
    return {k: to_plain(v) for k, v in dict(props or {}).items()}


def _tie(row: Any) -> Tie:
    return Tie(str(row["type"]), str(row["start"]), str(row["end"]), _plain(row["props"]))


def alliances(driver: neo4j.Driver, settings: Settings) -> list[Entity]:
    """Every alliance recorded, by name."""
    with read_session(driver, settings) as session:
        return [
            Entity(str(r["id"]), "Alliance", str(r["name"] or r["id"]))
            for r in _run(session, _ALLIANCES, settings)
        ]


def alliance_view(driver: neo4j.Driver, settings: Settings, alliance_id: str) -> AllianceView:
    """The alliance ``alliance_id``: parties West to East, links, bridges, pending ties and a graph."""
    with read_session(driver, settings) as session:
        found = _run(session, _ALLIANCE, settings, id=alliance_id)
        if not found:
            raise UnknownEntity(alliance_id, [a.id for a in alliances(driver, settings)])
        props = _plain(found[0]["props"])
        alliance = Entity(alliance_id, "Alliance", str(props.get("name", alliance_id)))
        parties = [
            Party(
                Entity(
                    str(r["id"]), model.kind_of(r["labels"]) or "", str(r["name"] or r["id"]), r["country"]
                ),
                Tie("PARTY_TO", str(r["id"]), alliance_id, _plain(r["props"])),
            )
            for r in _run(session, _PARTIES, settings, id=alliance_id)
        ]
        parties.sort(key=lambda p: (longitude(p.entity.country), p.entity.name))
        ids = [p.entity.id for p in parties]
        between = [_tie(r) for r in _run(session, _BETWEEN, settings, ids=ids)]
        links = [
            Link(
                a.entity,
                b.entity,
                tuple(x for x in between if {x.start, x.end} == {a.entity.id, b.entity.id}),
            )
            for a, b in itertools.combinations(parties, 2)
        ]
        candidates = _run(session, _CANDIDATES, settings, ids=ids, cap=settings.row_cap)
        bridges = [b for b in (_bridge(r, parties) for r in candidates) if b is not None]
        bridges.sort(key=lambda b: (-len(b.sides), b.entity.name))
        around = [alliance_id, *ids, *(b.entity.id for b in bridges)]
        pending = [
            (
                Entity(str(r["a_id"]), model.kind_of(r["a_labels"]) or "", str(r["a_name"] or r["a_id"])),
                Tie(str(r["type"]), str(r["a_id"]), str(r["b_id"]), _plain(r["props"])),
                Entity(str(r["b_id"]), model.kind_of(r["b_labels"]) or "", str(r["b_name"] or r["b_id"])),
            )
            for r in _run(session, _PENDING, settings, ids=around)
        ]
        drawn = list(dict.fromkeys([*around, *(a.id for a, _, _ in pending), *(b.id for _, _, b in pending)]))
        graph = _graph(session, settings, drawn)
    view = AllianceView(alliance, props, parties, links, bridges, pending, graph)
    view.positions = _positions(view)
    return view


def _bridge(row: Any, parties: list[Party]) -> Bridge | None:
    entity = Entity(
        str(row["id"]), model.kind_of(row["labels"]) or "", str(row["name"] or row["id"]), row["country"]
    )
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


def _graph(session: neo4j.Session, settings: Settings, ids: list[str]) -> GraphData:
    graph = GraphData()
    for r in _run(session, _NODES, settings, ids=ids):
        props = _plain(r["props"])
        key = str(r["id"])
        graph.nodes[key] = GraphNode(
            key, model.kind_of(r["labels"]) or "", str(props.get("name", key)), props
        )
    for r in _run(session, _RELS, settings, ids=ids):
        graph.rels[r["key"]] = GraphRel(
            r["key"], r["type"], str(r["start"]), str(r["end"]), _plain(r["props"])
        )
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
