"""The part of the graph a search needs, read from Neo4j a batch of nodes at a time.

A :class:`Neighbourhood` holds the ties of every node fetched so far (the cheapest
tie per pair of entities, priced by :class:`~explorer.weights.Weights`). Searches
grow it from their endpoints with two kinds of frontier:

- a :class:`Ball` settles paths by cost (a Dijkstra run in batches on states: a node
  reached in so many hops): once it has grown to ``radius``, every node nearer than
  that on a path short enough has had its ties fetched;
- :class:`Rings` settle nodes by hops (a breadth-first search in batches): once at
  ``depth``, every node fewer hops away than that has had all its ties fetched, and
  every other node is known to be at least ``depth + 1`` hops away (which lets the
  ball around the other end drop the states too far from it).

A node's ties are read in two parts: its strong ties (strength at least
``STRONG``) when a ball first settles it, its weak ones (a member among 850, a
shared city) only if the ball grows half of ``-ln STRONG`` past it. Hubs thus cost
a ball their few strong ties, not their crowds, while every path cheaper than the
two radii together is still read (see :class:`Ball`).

Places (cities and countries) are never fetched through: a path may end at a place
but is never routed through one, since a city cannot introduce anyone. All reads of a
search run in one read transaction; the two balls' reads may run at the same time on a
second one (:meth:`Neighbourhood.carry_out`).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import heapq
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
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


#: A node as the fetch query returns it: id, then its neighbours, strengths and place kinds.
_Record = tuple[str, list[str], list[float], list[int]]


@dataclass
class Plan:
    """Reads to make: (ids, lowest strength, highest strength) each, and what they complete."""

    reads: list[tuple[list[str], float, float]]
    #: Nodes whose strong ties the reads bring, and nodes whose every tie they bring.
    strong: list[str]
    every: list[str]
    #: Relationships read, once carried out.
    rows: int = field(default=0)
    #: Nodes a ball goes on from once the reads are made.
    waiting: list[str] = field(default_factory=list)


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
        self._lanes: list[neo4j.Transaction] = []
        self._lane()  # the first lane opens now, so that a database out of reach says so at once
        return self

    def __exit__(self, *exc: Any) -> bool | None:
        return self._stack.__exit__(*exc)

    def _lane(self, index: int = 0) -> neo4j.Transaction:
        """The read transaction of lane ``index`` (a second one lets two reads run at once)."""
        if getattr(self, "_stack", None) is None:
            raise RuntimeError("a Neighbourhood reads inside `with Neighbourhood(...) as hood:`")
        while len(self._lanes) <= index:
            session = self._stack.enter_context(read_session(self.driver, self.settings))
            self._lanes.append(self._stack.enter_context(session.begin_transaction(timeout=self.timeout)))
        return self._lanes[index]

    def run(self, query: str, params: Mapping[str, Any]) -> neo4j.Result:
        """Run one query of the search in its (first) transaction."""
        self.queries += 1
        return self._lane().run(literal(query), dict(params))

    def note_place(self, node: str, place: int) -> None:
        """Record the place kind of a node known otherwise (the endpoints)."""
        self.place[node] = place

    def is_place(self, node: str) -> bool:
        return self.place.get(node, 0) != 0

    # -- what to read ------------------------------------------------------------------------

    def plan(
        self,
        strong: Iterable[str] = (),
        weak: Iterable[str] = (),
        every: Iterable[str] = (),
        claimed: Plan | None = None,
    ) -> Plan:
        """The reads that bring the strong ties of ``strong``, the rest of the ties of
        ``weak`` and all the ties of ``every``, leaving out what was read already and what
        the ``claimed`` plan reads."""
        reads: list[tuple[list[str], float, float]] = []
        taken = set(claimed.strong) | set(claimed.every) if claimed is not None else set()
        strong = [n for n in strong if n not in taken]
        wanted_all = [n for n in dict.fromkeys([*weak, *every])
                      if n not in self.fetched and (claimed is None or n not in claimed.every)]  # fmt: skip
        rest = [n for n in wanted_all if n in self.strong_fetched]
        whole = [n for n in wanted_all if n not in self.strong_fetched]
        first = [n for n in dict.fromkeys(strong) if n not in self.strong_fetched and n not in whole]
        for ids, low, high in ((first, STRONG, 2.0), (rest, 0.0, STRONG), (whole, 0.0, 2.0)):
            for i in range(0, len(ids), BATCH):
                reads.append((ids[i : i + BATCH], low, high))
        return Plan(reads, first, wanted_all)

    def fetch(self, nodes: Iterable[str]) -> int:
        """Read every tie of ``nodes``; the relationships read."""
        return self.carry_out(self.plan(every=nodes))

    def fetch_strong(self, nodes: Iterable[str]) -> int:
        """Read the ties of ``nodes`` at least ``STRONG``; the relationships read."""
        return self.carry_out(self.plan(strong=nodes))

    def fetch_weak(self, nodes: Iterable[str]) -> int:
        """Read the rest of the ties of ``nodes`` (whose strong ties were read)."""
        return self.carry_out(self.plan(weak=nodes))

    def carry_out(self, plan: Plan, alongside: Plan | None = None) -> int:
        """Make the reads of ``plan`` (and of ``alongside`` at the same time, on a second
        lane); the relationships ``plan`` read (those of ``alongside`` go to its ``rows``)."""
        if alongside is None or not alongside.reads or not plan.reads:
            read = self._absorb(plan, self._read(0, plan))
            if alongside is not None:
                alongside.rows = self._absorb(alongside, self._read(0, alongside))
            return read
        second = self._lane(1)  # opened here, in this thread
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            other = pool.submit(self._read_on, second, alongside)
            records = self._read(0, plan)
            other_records = other.result()
        alongside.rows = self._absorb(alongside, other_records)
        return self._absorb(plan, records)

    def _read(self, lane: int, plan: Plan) -> list[_Record]:
        return self._read_on(self._lane(lane), plan)

    def _read_on(self, tx: neo4j.Transaction, plan: Plan) -> list[_Record]:
        """Run a plan's reads in ``tx`` and keep the records (runs in the lane's own thread)."""
        records: list[_Record] = []
        for ids, low, high in plan.reads:
            params = {**self._params, "ids": ids, "low": low, "high": high}
            for r in tx.run(literal(self._query), params):
                records.append((r[0], r[1], r[2], r[3]))
        return records

    def _absorb(self, plan: Plan, records: list[_Record]) -> int:
        """Put what a plan read into the neighbourhood (in the calling thread only)."""
        cost, place, log = self.cost, self.place, math.log
        read = 0
        for n, others, strengths, places in records:
            row = cost.setdefault(n, {})
            read += len(others)
            for m, strength, kind in zip(others, strengths, places, strict=True):
                place[m] = kind
                if strength <= 0:
                    continue
                price = -log(strength)
                if price < row.get(m, math.inf):
                    row[m] = price
                    cost.setdefault(m, {})[n] = price
        self.queries += len(plan.reads)
        self.rows += read
        if plan.strong:
            self._strong_rows += read
            self._strong_count += len(plan.strong)
        for n in [*plan.strong, *plan.every]:
            cost.setdefault(n, {})
        self.strong_fetched.update(plan.strong)
        self.strong_fetched.update(plan.every)
        self.fetched.update(plan.every)
        return read

    @property
    def strong_degree(self) -> float:
        """Strong ties read per node so far (50 before any), to size the next batch."""
        return max(self._strong_rows / self._strong_count, 1.0) if self._strong_count else 50.0

    def degree_sum(self, nodes: list[str]) -> int:
        """How many relationships ``nodes`` have in all (to price a read before making it)."""
        if not nodes:
            return 0
        record = self.run(_DEGREES, {"ids": nodes}).single()
        return int(record["degree"]) if record else 0

    def neighbours(self, node: str) -> Mapping[str, float]:
        return self.cost.get(node, {})


Expandable = Callable[[str], bool]


#: A lower bound on the hops from a node to the other end of the paths (0 knows nothing).
HopsLeft = Callable[[str], int]


def _no_bound(_node: str) -> int:
    return 0


class Ball:
    """Paths from some origins by cost, grown in rounds (a batched Dijkstra on states).

    A state is a node reached in a number of hops. States that cannot lie on a path of
    at most ``max_hops`` hops (their hops plus ``hops_left`` of the node exceed it) are
    dropped; of the others, a state is kept unless another of the same node has both
    fewer hops and no more cost.

    Invariant after each :meth:`grow`: every kept state cheaper than ``radius`` is
    settled with its exact cost, its node's strong ties read, and its weak ties too if
    it is more than ``_WEAK_DELAY`` inside. Two balls around the ends therefore hold
    every path of at most ``max_hops`` hops cheaper than their radii together. Nodes
    that ``expandable`` refuses (places) are reached but never gone through.
    """

    def __init__(
        self,
        hood: Neighbourhood,
        origins: Iterable[str],
        expandable: Expandable,
        max_hops: int = 1_000,
        hops_left: HopsLeft = _no_bound,
    ) -> None:
        self.hood = hood
        self.expandable = expandable
        self.max_hops = max_hops
        self.hops_left = hops_left
        #: The cheapest settled cost of each node (over its states).
        self.dist: dict[str, float] = {}
        self._label: dict[tuple[str, int], float] = {}
        #: Settled states of each node: (hops, cost), fewest hops last.
        self._settled: dict[str, list[tuple[int, float]]] = {}
        #: Events by cost: (cost, 0, hops, node) settles a state, (cost, 1, 0, node) reads the
        #: node's weak ties.
        self._heap: list[tuple[float, int, int, str]] = []
        #: Relationships this ball caused to be read.
        self.rows = 0
        for origin in origins:
            self._label[(origin, 0)] = 0.0
            self._heap.append((0.0, 0, 0, origin))
        heapq.heapify(self._heap)
        self.radius = 0.0 if self._heap else math.inf

    @property
    def exhausted(self) -> bool:
        """Whether every state reachable from the origins is settled."""
        return self.radius == math.inf

    @property
    def settled_count(self) -> int:
        return len(self._settled)

    def pending(self, until: float) -> int:
        """About how many states are still to settle below ``until`` (those known so far)."""
        label = self._label
        return sum(1 for d, event, hops, node in self._heap
                   if d < until and event == 0 and d <= label.get((node, hops), math.inf))  # fmt: skip

    def bound(self, node: str) -> float:
        """A lower bound on the cost from the origins to ``node`` (exact below ``radius``)."""
        return min(self.dist.get(node, math.inf), self.radius)

    def grow(self, rows: int, until: float = math.inf) -> None:
        """Settle the nearest states, reading about ``rows`` relationships, and stop once the
        radius reaches ``until``."""
        before = self.hood.rows
        while self._heap and self._heap[0][0] < until and self.hood.rows - before < rows / 2:
            plan = self.take(rows - (self.hood.rows - before), until)
            self.absorb(plan, self.hood.carry_out(plan))

    def take(self, rows: int, until: float = math.inf, claimed: Plan | None = None) -> Plan:
        """Settle the nearest states, up to what about ``rows`` relationships can bring, and
        say what to read for them, apart from what ``claimed`` reads already (the caller
        carries the plan out, then :meth:`absorb`)."""
        hood, heap = self.hood, self._heap
        room = max(_MIN_ROOM, int(rows / hood.strong_degree))
        strong: list[str] = []
        weak: list[str] = []
        self._skip_stale()
        while heap and heap[0][0] < until and len(strong) + len(weak) < room:
            d, event, hops, node = heapq.heappop(heap)
            if event == 1:  # far enough inside: the node's weak ties matter now
                if node in hood.fetched:
                    self._relax_all(node)
                else:
                    weak.append(node)
            elif self._settle(node, hops, d) and self.expandable(node):
                if len(self._settled[node]) == 1 and node not in hood.fetched:
                    heapq.heappush(heap, (d + _WEAK_DELAY, 1, 0, node))
                if node in hood.strong_fetched:
                    self._relax(node, hops, d)
                else:
                    strong.append(node)
        plan = hood.plan(strong=strong, weak=weak, claimed=claimed)
        plan.waiting = list(dict.fromkeys(strong + weak))
        return plan

    def absorb(self, plan: Plan, rows: int) -> None:
        """Go on from the states whose ties ``plan`` read; the ball's radius moves on."""
        self.rows += rows
        for node in plan.waiting:
            self._relax_all(node)
        self._skip_stale()
        self.radius = self._heap[0][0] if self._heap else math.inf

    def _settle(self, node: str, hops: int, d: float) -> bool:
        """Settle a state unless it is stale, dominated or cannot be on a short enough path."""
        if d > self._label.get((node, hops), math.inf):
            return False
        if hops and hops + self.hops_left(node) > self.max_hops:  # an origin is always kept
            return False
        states = self._settled.setdefault(node, [])
        if any(h <= hops and c <= d for h, c in states):
            return False
        states.append((hops, d))
        if d < self.dist.get(node, math.inf):
            self.dist[node] = d
        return True

    def _relax_all(self, node: str) -> None:
        if self.expandable(node):
            for hops, d in list(self._settled.get(node, ())):
                self._relax(node, hops, d)

    def _relax(self, node: str, hops: int, d: float) -> None:
        label, heap = self._label, self._heap
        step, limit, hops_left = hops + 1, self.max_hops, self.hops_left
        for other, weight in self.hood.neighbours(node).items():
            total = d + weight
            key = (other, step)
            if total < label.get(key, math.inf) and step + hops_left(other) <= limit:
                label[key] = total
                heapq.heappush(heap, (total, 0, step, other))

    def _skip_stale(self) -> None:
        heap, label = self._heap, self._label
        while heap:
            d, event, hops, node = heap[0]
            if event == 0 and d > label.get((node, hops), math.inf):
                heapq.heappop(heap)
            else:
                break


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
