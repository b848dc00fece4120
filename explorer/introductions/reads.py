"""The reads of the introduction-path family: ties priced in Cypher (a :class:`TieSource` over
Neo4j), and paths read back from the database before they are shown.

A tie's strength is the formula of :meth:`Weights.tie`, computed by the server with the
weights as parameters, so that only the ties a search needs travel. All the reads of one
search run in one read transaction bounded by its time limit; a second one lets the two
balls of a search read at the same time (:meth:`Neo4jTies.read`).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import neo4j

from explorer import model
from explorer.config import Settings
from explorer.database.dated import ended_factor, holds, moment_params
from explorer.database.results import entity_of, source_of
from explorer.database.session import literal, read_session
from explorer.introductions.advice import advise
from explorer.introductions.answers import Hop, IntroPath
from explorer.introductions.side import Side
from explorer.introductions.sources import CITY, COUNTRY, Read, Record
from explorer.introductions.weights import Weights
from explorer.model import Entity, Moment, Source, Tie

__all__ = ["Described", "Neo4jTies", "crowd_counts", "strength_expression", "weight_params"]


def crowd_counts(weights: Weights, tie: str = "r", head: str = "head", tail: str = "tail") -> tuple[str, str]:
    """Cypher for the crowd at each end of ``tie`` (bound as ``head`` -> ``tail``): how many
    ties of its type the start has going out and the end has coming in (either way for
    symmetric types); null for types outside the crowd. A cluster's stated ``members``
    wins over the members loaded. Types come only from the model."""
    starts, ends = [], []
    for name in sorted(weights.crowd_types):
        quoted = model.rel_type(name)
        both = name in model.SYMMETRIC_TYPES
        start = f"COUNT {{ ({head})-[:{quoted}]-{'' if both else '>'}() }}"
        end = f"COUNT {{ ({tail}){'' if both else '<'}-[:{quoted}]-() }}"
        stated = model.REL_TYPES[name].stated_size
        if stated is not None:
            end = f"coalesce({tail}[{json.dumps(stated)}], {end})"
        starts.append(f"WHEN $crowd_{name.lower()} THEN {start}")
        ends.append(f"WHEN $crowd_{name.lower()} THEN {end}")
    if not starts:
        return "null", "null"
    return f"CASE type({tie}) {' '.join(starts)} END", f"CASE type({tie}) {' '.join(ends)} END"


def strength_expression(tie: str = "r", crowd: str = "crowd") -> str:
    """Cypher for the strength of ``tie`` in a crowd of ``crowd``: :meth:`Weights.tie`, with the
    table as parameters (:func:`weight_params`)."""
    return (
        f"$strength[type({tie})] "
        f"* coalesce($status[coalesce({tie}.status, $default_status)], $weakest_status) "
        f"* coalesce($evidence[coalesce({tie}.evidence, $default_evidence)], $weakest_evidence) "
        f"* CASE WHEN {crowd} IS NULL OR {crowd} <= $reference THEN 1.0 "
        f"ELSE sqrt(toFloat($reference) / {crowd}) END "
        f"* {ended_factor(tie)}"
    )


def weight_params(weights: Weights) -> dict[str, object]:
    """The strength table as query parameters (for :func:`strength_expression`)."""
    return {
        "strength": {t: s for t, s in weights.strength.items() if s > 0},
        "types": [t for t, s in weights.strength.items() if s > 0],
        "status": dict(weights.status),
        "evidence": dict(weights.evidence),
        "weakest_status": min(weights.status.values()),
        "weakest_evidence": min(weights.evidence.values()),
        "default_status": model.DEFAULT_STATUS,
        "default_evidence": model.DEFAULT_EVIDENCE,
        "active": "active",
        "reference": weights.reference_size,
        "year": weights.current_year(),
        "ref_day": weights.reference_day().isoformat(),
        "ended": weights.ended,
        "half_life": weights.half_life,
        **{f"crowd_{name.lower()}": name for name in weights.crowd_types},
        **moment_params(Moment(weights.as_of, undated=weights.undated)),
    }


def _fetch_query(weights: Weights) -> str:
    """The query reading the ties of a batch of nodes in a band of strengths, priced (one
    record per node, its neighbours as lists: the driver decodes lists far faster than rows;
    two ties between the same pair both come, and the cheaper one is kept by the caller)."""
    out, into = crowd_counts(weights)
    return (
        "UNWIND $ids AS id MATCH (n:Entity {id: id})-[r]-(m:Entity) "
        "WITH n, r, m, type(r) AS t "
        "WHERE t IN $types AND NOT m.id IN $avoid AND " + holds() + " "
        "AND (NOT $active_only OR coalesce(r.status, $default_status) = $active) "
        "WITH n, r, m, t, startNode(r) AS head, endNode(r) AS tail "
        f"WITH n, r, m, t, {out} AS out, {into} AS in "
        "WITH n, r, m, t, CASE WHEN out > in THEN out ELSE in END AS crowd "
        f"WITH n, m, {strength_expression()} AS s "
        "WITH n, m, s WHERE $low <= s < $high "
        "WITH n, collect(m.id) AS others, collect(s) AS strengths, "
        "collect(CASE WHEN m:City THEN $city WHEN m:Country THEN $country ELSE 0 END) AS places "
        "RETURN n.id AS n, others, strengths, places"
    )


_DEGREES = "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN sum(COUNT { (n)--() }) AS degree"


class Neo4jTies:
    """A :class:`~explorer.introductions.sources.TieSource` reading from Neo4j.

    Used as a context manager: every read runs in one read transaction (a second one for
    reads made alongside), bounded by ``timeout`` as a whole; driver errors become the
    explorer's own.
    """

    def __init__(
        self,
        driver: neo4j.Driver,
        settings: Settings,
        weights: Weights,
        *,
        avoid: Iterable[str] = (),
        active_only: bool = False,
        timeout: float | None = None,
    ) -> None:
        self.driver = driver
        self.settings = settings
        self.weights = weights
        self.active_only = active_only
        self.timeout = settings.timeout if timeout is None else timeout
        self._query = _fetch_query(weights)
        self._params: dict[str, object] = {
            **weight_params(weights),
            "avoid": sorted(set(avoid)),
            "active_only": active_only,
            "city": CITY,
            "country": COUNTRY,
        }
        self._stack: contextlib.ExitStack | None = None
        self._lanes: list[neo4j.Transaction] = []

    def __enter__(self) -> Neo4jTies:
        self._stack = contextlib.ExitStack()
        self._lane()  # the first lane opens now, so that a database out of reach says so at once
        return self

    def __exit__(self, *exc: Any) -> bool | None:
        assert self._stack is not None
        return self._stack.__exit__(*exc)

    def _lane(self, index: int = 0) -> neo4j.Transaction:
        """The read transaction of lane ``index`` (a second one lets two reads run at once)."""
        if self._stack is None:
            raise RuntimeError("Neo4jTies reads inside `with Neo4jTies(...) as ties:`")
        while len(self._lanes) <= index:
            session = self._stack.enter_context(read_session(self.driver, self.settings))
            self._lanes.append(self._stack.enter_context(session.begin_transaction(timeout=self.timeout)))
        return self._lanes[index]

    def run(self, query: str, params: Mapping[str, Any]) -> neo4j.Result:
        """Run one query in the search's (first) transaction."""
        return self._lane().run(literal(query), dict(params))

    def read(
        self, reads: Sequence[Read], alongside: Sequence[Read] = ()
    ) -> tuple[list[Record], list[Record]]:
        if not alongside or not reads:
            return self._read_on(self._lane(), reads), self._read_on(self._lane(), alongside)
        second = self._lane(1)  # opened here, in this thread
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            other = pool.submit(self._read_on, second, alongside)
            records = self._read_on(self._lane(), reads)
            return records, other.result()

    def _read_on(self, tx: neo4j.Transaction, reads: Sequence[Read]) -> list[Record]:
        records: list[Record] = []
        for ids, low, high in reads:
            params = {**self._params, "ids": ids, "low": low, "high": high}
            for r in tx.run(literal(self._query), params):
                records.append((r[0], r[1], r[2], r[3]))
        return records

    def degree_sum(self, nodes: Sequence[str]) -> int:
        record = self.run(_DEGREES, {"ids": list(nodes)}).single()
        return int(record["degree"]) if record else 0

    # -- reading paths back --------------------------------------------------------------------

    def describe(
        self, routes: Iterable[Sequence[str]], *, extra_nodes: Iterable[str] = (), side: Side | None = None
    ) -> Described:
        """Read every hop of ``routes`` back and build the paths, best first, each with who to ask
        (``side``: the asker's side, when all the routes start from the asker).

        Each hop is the strongest relationship between its two entities (as the search
        priced it). A route with a hop that no longer exists is dropped: nothing is shown
        that the database does not hold.
        """
        routes = [tuple(r) for r in routes]
        weights = self.weights
        pairs = sorted({tuple(sorted(p)) for nodes in routes for p in itertools.pairwise(nodes)})
        best: dict[tuple[str, str], Hop] = {}
        params = {**weight_params(weights), "active_only": self.active_only, "pairs": pairs}
        for record in self.run(_hops_query(weights), params):
            props = dict(record["props"])
            crowds = (record["out"], record["in"])
            crowd = max((c for c in crowds if c is not None), default=None)
            strength = weights.tie(
                record["type"], props.get("status"), props.get("evidence"), crowd, props.get("until")
            )
            tie = Tie(record["type"], record["start"], record["end"], props)
            key = (record["u"], record["v"])
            known = best.get(key)
            if known is None or (strength, known.type) > (known.strength, tie.type):
                best[key] = Hop(tie, strength, crowds, weights.reference_size)
        refs = {
            str(h.tie.properties[name])
            for h in best.values()
            for name in _REFERENCES
            if h.tie.properties.get(name)
        }
        ids = sorted({n for nodes in routes for n in nodes} | set(extra_nodes) | refs)
        nodes = {e.id: e for e in (entity_of(r["n"]) for r in self.run(_NODES, {"ids": ids}))}
        cited = sorted({h.tie.source for h in best.values() if h.tie.source})
        sources = {s.id: s for s in (source_of(r["s"]) for r in self.run(_SOURCES, {"ids": cited}))}
        paths = [p for p in (_build(r, best, nodes) for r in routes) if p is not None]
        paths.sort(key=lambda p: (-p.score, p.ids))
        return Described(self._advised(paths, side), nodes, sources)

    def _advised(self, paths: list[IntroPath], side: Side | None = None) -> list[IntroPath]:
        """The paths with who to ask on each (:func:`~explorer.introductions.advice.advise`): the
        askers' own organisations and the organisations' leaders are read for it (ties in force)."""
        if not paths:
            return paths
        year = self.weights.current_year()
        params = {
            "default_status": model.DEFAULT_STATUS,
            "active": model.DEFAULT_STATUS,
            "year": year,
            "ref_day": self.weights.reference_day().isoformat(),
            "avoid": self._params["avoid"],
            "personal": sorted(model.PERSONAL_TYPES),
            **moment_params(Moment(self.weights.as_of, undated=self.weights.undated)),
        }
        askers = sorted({p.nodes[0].id for p in paths if p.nodes[0].kind == "Person"} if side is None else ())
        own: dict[str, set[str]] = {}
        for r in self.run(_OWN, {**params, "ids": askers}):
            own.setdefault(r["person"], set()).add(r["org"])
        orgs = sorted({n.id for p in paths for n in p.nodes[1:-1] if n.kind in model.ORGANIZATION_KINDS})
        leaders: dict[str, tuple[Entity, Tie]] = {}
        for r in self.run(_LEADERS, {**params, "ids": orgs}):
            if r["org"] not in leaders:
                leader = entity_of(r["p"])
                leaders[r["org"]] = (leader, Tie("LEADS", leader.id, r["org"], dict(r["props"]), r["key"]))
        return [
            replace(
                p,
                introducer=advise(p, side=side, own=own.get(p.nodes[0].id, ()), leaders=leaders, year=year),
            )
            for p in paths
        ]


def _hops_query(weights: Weights) -> str:
    """Every relationship between each pair of consecutive entities, with its crowds."""
    out, into = crowd_counts(weights)
    return (
        "UNWIND $pairs AS pair MATCH (a:Entity {id: pair[0]})-[r]-(b:Entity {id: pair[1]}) "
        "WITH pair, a, b, r, type(r) AS t "
        "WHERE t IN $types AND (NOT $active_only OR coalesce(r.status, $default_status) = $active) "
        "AND " + holds() + " "
        "WITH pair, r, t, startNode(r) AS head, endNode(r) AS tail "
        "RETURN pair[0] AS u, pair[1] AS v, t AS type, head.id AS start, tail.id AS end, "
        f"properties(r) AS props, {out} AS out, {into} AS in"
    )


_NODES = "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n"
#: A tie in force: active, and not ended.
_IN_FORCE = (
    "coalesce(r.status, $default_status) = $active "
    "AND NOT coalesce(toStringOrNull(r.until) + '~' < $ref_day, false) AND " + holds()
)
#: The organisations each asker leads, works at, represents or sits on the board of.
_OWN = (
    "UNWIND $ids AS id MATCH (p:Person {id: id})-[r]->(o:Organization) "
    "WHERE type(r) IN $personal AND " + _IN_FORCE + " RETURN p.id AS person, o.id AS org"
)
#: Who leads each organisation (the people to avoid left out), longest-serving first.
_LEADERS = (
    "UNWIND $ids AS id MATCH (o:Organization {id: id})<-[r:LEADS]-(p:Person) "
    "WHERE NOT p.id IN $avoid AND " + _IN_FORCE + " "
    "RETURN o.id AS org, p, properties(r) AS props, elementId(r) AS key "
    "ORDER BY org, coalesce(r.since, 9999), p.name, p.id"
)
#: The sources cited, each face naming them in its language (an article's text left out: not shown here).
_SOURCES = "UNWIND $ids AS id MATCH (s:Source {id: id}) RETURN s {.*, paragraphs: null} AS s"
#: Relationship properties that name another entity (``on_behalf_of``).
_REFERENCES = tuple(sorted({ref for t in model.REL_TYPES.values() for ref in t.references}))


@dataclass
class Described:
    """Paths read back from the database, with the entities and sources they name."""

    paths: list[IntroPath]
    nodes: dict[str, Entity]
    sources: dict[str, Source]


def _build(
    route: Sequence[str], best: Mapping[tuple[str, str], Hop], nodes: Mapping[str, Entity]
) -> IntroPath | None:
    hops: list[Hop] = []
    score = 1.0
    for u, v in itertools.pairwise(route):
        stored = best.get((u, v) if u <= v else (v, u))
        if stored is None or u not in nodes or v not in nodes:
            return None  # deleted since it was read
        score *= stored.strength
        props = stored.tie.properties
        refs = {
            name: nodes[str(props[name])]
            for name in _REFERENCES
            if props.get(name) is not None and str(props[name]) in nodes
        }
        hops.append(Hop(stored.tie, stored.strength, stored.crowds, stored.crowd_reference, refs))
    return IntroPath(score, tuple(nodes[n] for n in route), tuple(hops))
