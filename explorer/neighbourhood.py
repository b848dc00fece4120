"""The part of the graph a search needs, read from Neo4j a batch of nodes at a time.

A :class:`Neighbourhood` holds the ties of every node fetched so far (the cheapest
tie per pair of entities, priced by :class:`~explorer.weights.Weights`). Searches
grow it from their endpoints with two kinds of frontier:

- a :class:`Ball` settles nodes by cost (a Dijkstra run in batches): once it has
  grown to ``radius``, every node nearer than that has had all its ties fetched;
- :class:`Rings` settle nodes by hops (a breadth-first search in batches): once at
  ``depth``, every node fewer hops away than that has had all its ties fetched.

A node's ties are read in two parts: its strong ties (strength at least
``STRONG``) when a ball first settles it, its weak ones (a member among 850, a
shared city) only if the ball grows half of ``-ln STRONG`` past it. Hubs thus cost
a ball their few strong ties, not their crowds, while every path cheaper than the
two radii together is still read (see :class:`Ball`).

Places (cities and countries) are never fetched through: a path may end at a place
but is never routed through one, since a city cannot introduce anyone.
"""

from __future__ import annotations

import contextlib
import heapq
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import neo4j

from explorer import model
from explorer.config import Settings
from explorer.db import literal, read_session
from explorer.weights import Weights

__all__ = ["CITY", "COUNTRY", "Ball", "Neighbourhood", "Rings", "crowd_counts", "weight_params"]

#: Place kinds of a node, as the fetch query reports them (0: not a place).
CITY, COUNTRY = 1, 2
#: Nodes fetched per query at most (a round with more is split).
BATCH = 2_000
#: Nodes a ball settles per query at least (fewer round trips when they are light).
_MIN_ROOM = 16
#: Ties at least this strong are read first; weaker ones only when a search reaches far.
STRONG = 0.3
#: How far past a node a ball must reach before the node's weak ties are read: half the
#: cost of the strongest weak tie, so a path cheaper than both radii together is read
#: whole (a weak tie costs more than ``2 * _WEAK_DELAY``, so one of its two ends is far
#: enough inside its own ball).
_WEAK_DELAY = -math.log(STRONG) / 2


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
        if name == "MEMBER_OF":
            end = f"coalesce({tail}.members, {end})"
        starts.append(f"WHEN $crowd_{name.lower()} THEN {start}")
        ends.append(f"WHEN $crowd_{name.lower()} THEN {end}")
    if not starts:
        return "null", "null"
    return f"CASE type({tie}) {' '.join(starts)} END", f"CASE type({tie}) {' '.join(ends)} END"


def crowd_params(weights: Weights) -> dict[str, str]:
    """The parameters :func:`crowd_size` refers to."""
    return {f"crowd_{name.lower()}": name for name in weights.crowd_types}


def _fetch_query(weights: Weights) -> str:
    """The query reading the ties of a batch of nodes in a band of strengths, priced (one
    record per node, its neighbours as lists: the driver decodes lists far faster than rows;
    two ties between the same pair both come, and the cheaper one is kept here).

    The strength is the formula of :meth:`Weights.tie`, with the table as parameters.
    """
    entity, city, country = model.label(model.ENTITY), model.label("City"), model.label("Country")
    return (
        f"UNWIND $ids AS id MATCH (n:{entity} {{id: id}})-[r]-(m:{entity}) "
        "WITH n, r, m, type(r) AS t "
        "WHERE t IN $types AND NOT m.id IN $avoid "
        "AND (NOT $active_only OR coalesce(r.status, $default_status) = $active) "
        "WITH n, r, m, t, startNode(r) AS head, endNode(r) AS tail "
        f"WITH n, r, m, t, {crowd_counts(weights)[0]} AS out, {crowd_counts(weights)[1]} AS in "
        "WITH n, r, m, t, CASE WHEN out > in THEN out ELSE in END AS crowd "
        "WITH n, m, $strength[t] "
        "* coalesce($status[coalesce(r.status, $default_status)], $weakest_status) "
        "* coalesce($evidence[coalesce(r.evidence, $default_evidence)], $weakest_evidence) "
        "* CASE WHEN crowd IS NULL OR crowd <= $reference THEN 1.0 "
        "ELSE sqrt(toFloat($reference) / crowd) END AS s "
        "WITH n, m, s WHERE $low <= s < $high "
        f"WITH n, collect(m.id) AS others, collect(s) AS strengths, "
        f"collect(CASE WHEN m:{city} THEN $city WHEN m:{country} THEN $country ELSE 0 END) AS places "
        "RETURN n.id AS n, others, strengths, places"
    )


_DEGREES = (
    f"UNWIND $ids AS id MATCH (n:{model.label(model.ENTITY)} {{id: id}}) "
    "RETURN sum(COUNT { (n)--() }) AS degree"
)


def weight_params(weights: Weights) -> dict[str, object]:
    """The strength table as query parameters (for :func:`_fetch_query`)."""
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
        **crowd_params(weights),
    }


class Neighbourhood:
    """The ties read so far around some entities: the cost of the strongest tie per pair.

    Used as a context manager: every read of a search runs in one read transaction,
    bounded by ``timeout`` as a whole, and driver errors leave it as the explorer's own.
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
        self.avoid = frozenset(avoid)
        self.active_only = active_only
        self.timeout = settings.cli_timeout if timeout is None else timeout
        #: ``cost[u][v]``: ``-ln`` of the strength of the strongest tie between u and v.
        self.cost: dict[str, dict[str, float]] = {}
        #: Place kind of every node seen (``CITY``, ``COUNTRY`` or 0).
        self.place: dict[str, int] = {}
        #: Nodes whose every tie has been read, and those whose strong ties have.
        self.fetched: set[str] = set()
        self.strong_fetched: set[str] = set()
        #: Relationships read (after keeping the strongest per pair), for the work budget.
        self.rows = 0
        self._strong_rows = self._strong_count = 0
        self.queries = 0
        self._query = _fetch_query(weights)
        self._params: dict[str, object] = {
            **weight_params(weights),
            "avoid": sorted(self.avoid),
            "active_only": active_only,
            "city": CITY,
            "country": COUNTRY,
        }

    def __enter__(self) -> Neighbourhood:
        self._stack = contextlib.ExitStack()
        session = self._stack.enter_context(read_session(self.driver, self.settings))
        self._tx = self._stack.enter_context(session.begin_transaction(timeout=self.timeout))
        return self

    def __exit__(self, *exc: Any) -> bool | None:
        return self._stack.__exit__(*exc)

    def run(self, query: str, params: Mapping[str, Any]) -> neo4j.Result:
        """Run one query of the search in its transaction."""
        if getattr(self, "_tx", None) is None:
            raise RuntimeError("a Neighbourhood reads inside `with Neighbourhood(...) as hood:`")
        self.queries += 1
        return self._tx.run(literal(query), dict(params))

    def note_place(self, node: str, place: int) -> None:
        """Record the place kind of a node known otherwise (the endpoints)."""
        self.place[node] = place

    def is_place(self, node: str) -> bool:
        return self.place.get(node, 0) != 0

    def fetch(self, nodes: Iterable[str]) -> None:
        """Read every tie of ``nodes`` (those not read yet)."""
        todo = [n for n in dict.fromkeys(nodes) if n not in self.fetched]
        strong = [n for n in todo if n in self.strong_fetched]
        self._fetch(strong, 0.0, STRONG)
        self._fetch([n for n in todo if n not in self.strong_fetched], 0.0, 2.0)
        self.strong_fetched.update(todo)
        self.fetched.update(todo)

    def fetch_strong(self, nodes: Iterable[str]) -> None:
        """Read the ties of ``nodes`` at least ``STRONG`` (those not read yet)."""
        todo = [n for n in dict.fromkeys(nodes) if n not in self.strong_fetched]
        before = self.rows
        self._fetch(todo, STRONG, 2.0)
        self._strong_rows += self.rows - before
        self._strong_count += len(todo)
        self.strong_fetched.update(todo)

    @property
    def strong_degree(self) -> float:
        """Strong ties read per node so far (20 before any), to size the next batch."""
        return max(self._strong_rows / self._strong_count, 1.0) if self._strong_count else 20.0

    def degree_sum(self, nodes: list[str]) -> int:
        """How many relationships ``nodes`` have in all (to price a read before making it)."""
        if not nodes:
            return 0
        record = self.run(_DEGREES, {"ids": nodes}).single()
        return int(record["degree"]) if record else 0

    def fetch_weak(self, nodes: Iterable[str]) -> None:
        """Read the rest of the ties of ``nodes`` (whose strong ties were read)."""
        self.fetch(nodes)

    def _fetch(self, ids: list[str], low: float, high: float) -> None:
        for start in range(0, len(ids), BATCH):
            self._fetch_batch(ids[start : start + BATCH], low, high)
        for n in ids:
            self.cost.setdefault(n, {})

    def _fetch_batch(self, ids: list[str], low: float, high: float) -> None:
        cost, place, log = self.cost, self.place, math.log
        params = {**self._params, "ids": ids, "low": low, "high": high}
        for n, others, strengths, places in self.run(self._query, params):
            row = cost.setdefault(n, {})
            self.rows += len(others)
            for m, strength, kind in zip(others, strengths, places, strict=True):
                place[m] = kind
                if strength <= 0:
                    continue
                price = -log(strength)
                if price < row.get(m, math.inf):
                    row[m] = price
                    cost.setdefault(m, {})[n] = price

    def neighbours(self, node: str) -> Mapping[str, float]:
        return self.cost.get(node, {})


Expandable = Callable[[str], bool]


class Ball:
    """Nodes by cost from some origins, grown in rounds (a batched Dijkstra).

    Invariant after each :meth:`grow`: every node whose cost from the nearest origin is
    below ``radius`` is settled with its exact cost in ``dist``, its strong ties read,
    and its weak ties too if it is more than ``_WEAK_DELAY`` inside. Two balls around
    the ends of a path therefore hold every path cheaper than their radii together.
    Nodes that ``expandable`` refuses (places) are reached but never fetched through.
    """

    def __init__(self, hood: Neighbourhood, origins: Iterable[str], expandable: Expandable) -> None:
        self.hood = hood
        self.expandable = expandable
        self.dist: dict[str, float] = {}
        self._done: dict[str, float] = {}
        #: Events by cost: (cost, 0, node) settles a node, (cost, 1, node) reads its weak ties.
        self._heap: list[tuple[float, int, str]] = []
        #: Relationships this ball caused to be read.
        self.rows = 0
        for origin in origins:
            self.dist[origin] = 0.0
            self._heap.append((0.0, 0, origin))
        heapq.heapify(self._heap)
        self.radius = 0.0 if self._heap else math.inf

    @property
    def exhausted(self) -> bool:
        """Whether every node reachable from the origins is settled."""
        return self.radius == math.inf

    @property
    def settled_count(self) -> int:
        return len(self._done)

    def pending(self, until: float) -> int:
        """About how many nodes are still to settle below ``until`` (those known so far)."""
        dist = self.dist
        return sum(1 for d, event, node in self._heap if d < until and event == 0 and d <= dist[node])

    def bound(self, node: str) -> float:
        """A lower bound on the cost from the origins to ``node`` (exact below ``radius``)."""
        return min(self.dist.get(node, math.inf), self.radius)

    def grow(self, rows: int, until: float = math.inf) -> None:
        """Handle the nearest events, reading about ``rows`` relationships, and stop once the
        radius reaches ``until``.

        Events are taken nearest first, as many per query as the average number of
        ties read per node so far says ``rows`` allows. A tie revealed cheaper than a
        settled node's cost corrects it (the node is settled again), so the invariant
        holds after every call.
        """
        hood, heap, dist, done = self.hood, self._heap, self.dist, self._done
        before = hood.rows
        self._skip_stale()
        while heap and heap[0][0] < until and hood.rows - before < rows / 2:
            room = max(_MIN_ROOM, int((rows - (hood.rows - before)) / hood.strong_degree))
            strong: list[str] = []
            weak: list[str] = []
            while heap and heap[0][0] < until and len(strong) + len(weak) < room:
                d, event, node = heapq.heappop(heap)
                if event == 1:  # far enough inside: the node's weak ties matter now
                    if node in hood.fetched:
                        self._relax(node, dist[node])
                    else:
                        weak.append(node)
                    continue
                if d > dist.get(node, math.inf) or done.get(node, math.inf) <= d:
                    continue
                done[node] = d
                if not self.expandable(node):
                    continue
                if node not in hood.fetched:
                    heapq.heappush(heap, (d + _WEAK_DELAY, 1, node))
                if node in hood.strong_fetched:
                    self._relax(node, d)
                else:
                    strong.append(node)
            hood.fetch_strong(strong)
            hood.fetch_weak(weak)
            for node in strong + weak:
                self._relax(node, dist[node])
            self._skip_stale()
        self.rows += hood.rows - before
        self._skip_stale()
        self.radius = heap[0][0] if heap else math.inf

    def _skip_stale(self) -> None:
        heap, dist, done = self._heap, self.dist, self._done
        while heap:
            d, event, node = heap[0]
            if event == 0 and (d > dist.get(node, math.inf) or done.get(node, math.inf) <= d):
                heapq.heappop(heap)
            elif event == 1 and node in self.hood.fetched and d > dist[node] + _WEAK_DELAY:
                heapq.heappop(heap)  # superseded by a nearer settling of the same node
            else:
                break

    def _relax(self, node: str, d: float) -> None:
        dist, heap = self.dist, self._heap
        for other, weight in self.hood.neighbours(node).items():
            total = d + weight
            if total < dist.get(other, math.inf):
                dist[other] = total
                heapq.heappush(heap, (total, 0, other))


class Rings:
    """Nodes by hops from some origins, one ring at a time (a batched breadth-first search).

    At ``depth`` d, every node fewer than d hops away (through expandable nodes) has
    had its ties fetched, and ``hops`` holds the distance of every node up to d hops.
    """

    def __init__(self, hood: Neighbourhood, origins: Iterable[str], expandable: Expandable) -> None:
        self.hood = hood
        self.expandable = expandable
        self.ring: list[str] = list(dict.fromkeys(origins))
        self.hops: dict[str, int] = dict.fromkeys(self.ring, 0)
        self.depth = 0
        self._price: int | None = None

    @property
    def exhausted(self) -> bool:
        return not self.ring

    def work(self) -> int:
        """Nodes the next ring would fetch."""
        fetched = self.hood.fetched
        return sum(1 for n in self.ring if n not in fetched and self.expandable(n))

    def price(self) -> int:
        """Relationships the next ring would read (asked of the database once per ring)."""
        if self._price is None:
            fetched = self.hood.fetched
            todo = [n for n in self.ring if n not in fetched and self.expandable(n)]
            self._price = self.hood.degree_sum(todo)
        return self._price

    def bound(self, node: str) -> int:
        """A lower bound on the hops from the origins to ``node`` (exact up to ``depth``)."""
        return self.hops.get(node, self.depth + 1)

    def grow(self) -> None:
        """Fetch the current ring and move to the next one."""
        through = [n for n in self.ring if self.expandable(n)]
        self.hood.fetch(through)
        following: list[str] = []
        distance = self.depth + 1
        for node in through:
            for other in self.hood.neighbours(node):
                if other not in self.hops:
                    self.hops[other] = distance
                    following.append(other)
        self.ring = following
        self.depth = distance
        self._price = None
