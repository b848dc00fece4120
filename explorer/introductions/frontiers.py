"""The part of the graph a search needs, read a batch of nodes at a time, and the frontiers
that grow it from the ends of a search.

A :class:`Neighbourhood` holds the ties of every node read so far (the strongest tie per
pair of entities, as a cost ``-ln(strength)``), read from a
:class:`~explorer.introductions.sources.TieSource` (Neo4j, or memory in tests). Searches
grow it with two kinds of frontier:

- a :class:`Ball` settles paths by cost (a Dijkstra run in batches on states: a node
  reached in so many hops): once it has grown to ``radius``, every node nearer than
  that on a path short enough has had its ties read;
- :class:`Rings` settle nodes by hops (a breadth-first search in batches): once at
  ``depth``, every node fewer hops away than that has had all its ties read, and
  every other node is known to be at least ``depth + 1`` hops away (which lets the
  ball around the other end drop the states too far from it).

A node's ties are read in two parts: its strong ties (strength at least ``STRONG``)
when a ball first settles it, its weak ones (a member among 850, a shared city) only if
the ball grows half of ``-ln STRONG`` past it. Hubs thus cost a ball their few strong
ties, not their crowds, while every path cheaper than the two radii together is still
read (see :class:`Ball`).

Places (cities and countries) are never read through: a path may end at a place but is
never routed through one, since a city cannot introduce anyone.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from explorer.introductions.sources import CITY, COUNTRY, Read, Record, TieSource

__all__ = ["CITY", "COUNTRY", "STRONG", "Ball", "Neighbourhood", "Plan", "Rings"]

#: Nodes read per batch at most (a round with more is split).
BATCH = 2_000
#: Nodes a ball settles per read at least (fewer round trips when they are light).
_MIN_ROOM = 16
#: Ties at least this strong are read first; weaker ones only when a search reaches far.
STRONG = 0.3
#: How far past a node a ball must reach before the node's weak ties are read: half the
#: cost of the strongest weak tie, so a path cheaper than both radii together is read
#: whole (a weak tie costs more than ``2 * _WEAK_DELAY``, so one of its two ends is far
#: enough inside its own ball).
_WEAK_DELAY = -math.log(STRONG) / 2


@dataclass
class Plan:
    """Reads to make: (ids, lowest strength, highest strength) each, and what they complete."""

    reads: list[Read]
    #: Nodes whose strong ties the reads bring, and nodes whose every tie they bring.
    strong: list[str]
    every: list[str]
    #: Relationships read, once carried out.
    rows: int = field(default=0)
    #: Nodes a ball goes on from once the reads are made.
    waiting: list[str] = field(default_factory=list)


class Neighbourhood:
    """The ties read so far around some entities: the cost of the strongest tie per pair."""

    def __init__(self, source: TieSource) -> None:
        self.source = source
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
        #: Reads made (a read is one query to a database).
        self.queries = 0

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
        reads: list[Read] = []
        taken = set(claimed.strong) | set(claimed.every) if claimed is not None else set()
        strong = [n for n in strong if n not in taken]
        wanted_all = [
            n
            for n in dict.fromkeys([*weak, *every])
            if n not in self.fetched and (claimed is None or n not in claimed.every)
        ]
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

    def carry_out(self, plan: Plan, alongside: Plan | None = None) -> int:
        """Make the reads of ``plan`` (and of ``alongside``, which the source may read at the
        same time); the relationships ``plan`` read (those of ``alongside`` go to its ``rows``)."""
        records, other = self.source.read(plan.reads, alongside.reads if alongside is not None else ())
        if alongside is not None:
            alongside.rows = self._absorb(alongside, other)
        return self._absorb(plan, records)

    def _absorb(self, plan: Plan, records: list[Record]) -> int:
        """Put what a plan read into the neighbourhood."""
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
        self.queries += 1
        return self.source.degree_sum(nodes)

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

    def pending(self, until: float) -> int:
        """About how many states are still to settle below ``until`` (those known so far)."""
        label = self._label
        return sum(
            1
            for d, event, hops, node in self._heap
            if d < until and event == 0 and d <= label.get((node, hops), math.inf)
        )

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
