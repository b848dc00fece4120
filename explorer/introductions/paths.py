"""Introduction paths: the k best loopless routes between two entities, ranked by tie strength.

A path's score is the product of its ties' strengths (:mod:`.weights`), so a board seat
beats co-membership of an 850-member cluster and a longer chain of strong ties can beat a
short one through a hub. Ranking is Yen's algorithm on costs ``-ln(strength)``
(:mod:`.kpaths`), run on the part of the graph that can hold the answer, read as the search
grows (:mod:`.frontiers` over a :mod:`.sources` tie source: Neo4j, :mod:`.reads`):

1. two balls grow by cost from the endpoints (both at once, their reads made side by
   side); once their radii add up to R, every path within the hop limit cheaper than
   R lies inside what was read, so the k paths found are the true k best as soon as
   the k-th costs no more than R. Once k paths have been read, one ball grows just to
   the k-th one's cost;
2. rings grow by hops around both ends while they cost little: they tell each ball
   which states cannot reach the other end within the hop limit (dropped), and once
   their depths add up to the limit, every path within it has been read.

Either way the result is exact; a work budget stops a search that would read too
much, and says so. Every hop returned is read back from the database before it is
shown.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence

import neo4j

from explorer import defaults
from explorer.config import Settings
from explorer.errors import UsageError
from explorer.introductions.advice import introducer_of
from explorer.introductions.answers import IntroPath, PathSearch, Ranking
from explorer.introductions.deadline import Deadline
from explorer.introductions.evidence import dated, read_dates
from explorer.introductions.frontiers import CITY, COUNTRY, Ball, Neighbourhood, Rings
from explorer.introductions.kpaths import Route, k_cheapest_paths
from explorer.introductions.learning import learn, read_learned
from explorer.introductions.ranking import order
from explorer.introductions.reads import Neo4jTies
from explorer.introductions.side import asker_kind, read_side, team_entities
from explorer.introductions.weights import Weights, load_weights
from explorer.model import Entity
from explorer.model.asks import AskerKind, is_team
from explorer.model.clock import today
from explorer.resolve import Resolver

__all__ = ["asker", "find_paths", "search_routes"]

#: How far past a mark a ball grows, so that a path costing exactly the mark is proven.
_EPSILON = 1e-9
#: Relationships a ball reads in its first round; later rounds read a third (both balls
#: together: a third of the lighter one's) or a half (one ball aiming at a mark) of what
#: has been read, so rounds grow geometrically and the last one overshoots little.
_FIRST_ROWS = 2_000


# -- the search ----------------------------------------------------------------------------


def find_paths(
    driver: neo4j.Driver,
    settings: Settings,
    source: str,
    target: str,
    *,
    k: int = defaults.PATHS_K,
    avoid: Sequence[str] = (),
    max_hops: int = defaults.PATHS_HOPS,
    active_only: bool = False,
    ranking: Ranking = "distinct",
    weights: Weights | None = None,
    timeout: float | None = None,
    budget: int = defaults.WORK_BUDGET,
) -> PathSearch:
    """The ``k`` best introduction paths from ``source`` to ``target`` (ids or names; ``source``
    may be ``@us``, the team of the settings), each with who to ask (:mod:`.advice`), what the
    log of asks says of them (:mod:`.learning`) and each hop's evidence (:mod:`.evidence`).

    Names are resolved ignoring case and accents (``UnknownEntity`` or
    ``AmbiguousEntity`` otherwise). ``avoid`` names entities no path may go through;
    ``active_only`` leaves out planned and proposed ties. With ``ranking="distinct"`` a path
    naming someone new to ask may come before stronger ones (:mod:`.ranking`, among the best
    ``PATHS_POOL × k``); ``"score"`` keeps the order of the rank scores alone.
    """
    started = time.perf_counter()
    deadline = Deadline(
        settings.timeout if timeout is None else timeout,
        "the search for paths",
        "lower --max-hops or --k, or raise --timeout",
    )
    if not 1 <= k <= defaults.MAX_PATHS_K:
        raise UsageError(f"k must be between 1 and {defaults.MAX_PATHS_K}, not {k}")
    if not 1 <= max_hops <= defaults.MAX_PATHS_HOPS:
        raise UsageError(f"max hops must be between 1 and {defaults.MAX_PATHS_HOPS}, not {max_hops}")
    weights = weights if weights is not None else load_weights()
    resolver = Resolver(driver, settings)
    a, kind, team = asker(resolver, settings, source)
    if is_team(target):
        raise UsageError("the team (@us) can only ask, not be reached", "name whom to reach as TO")
    b = resolver.entity(target)
    if a.id == b.id:
        raise UsageError(
            f"{source!r} and {target!r} are the same entity ({a.label()})", "name two different entities"
        )
    avoided = {e.id: e for e in resolver.entities(avoid)}
    for end in (a, b):
        if end.id in avoided:
            raise UsageError(f"cannot avoid {end.label()}: it is an end of the path", "drop it from --avoid")
    with Neo4jTies(
        driver, settings, weights, avoid=avoided, active_only=active_only, timeout=deadline.remaining()
    ) as ties:
        side = read_side(ties.run, kind, a, team, year=weights.current_year())
        hood = Neighbourhood(ties)
        for end in (a, b):
            hood.note_place(end.id, _PLACE_OF.get(end.kind, 0))
        pool = k if ranking == "score" or k == 1 else min(defaults.MAX_PATHS_K, defaults.PATHS_POOL * k)
        routes, complete = search_routes(hood, a.id, b.id, pool, max_hops, budget, deadline)
        described = ties.describe([r.nodes for r in routes], extra_nodes=[a.id, b.id, *avoided], side=side)
        paths = _learned(ties, described.paths, weights)
    return PathSearch(
        source=described.nodes[a.id],
        target=described.nodes[b.id],
        paths=tuple(order(paths, ranking)[:k]),
        k=k,
        max_hops=max_hops,
        active_only=active_only,
        avoid=tuple(described.nodes[i] for i in avoided if i in described.nodes),
        ranking=ranking,
        complete=complete,
        sources=described.sources,
        relationships_read=hood.rows,
        queries=hood.queries,
        seconds=time.perf_counter() - started,
        as_of=weights.as_of,
        side=side,
    )


def asker(resolver: Resolver, settings: Settings, given: str) -> tuple[Entity, AskerKind, tuple[Entity, ...]]:
    """Who asks: the entity where the paths start, as what it asks (a person, an organisation,
    or the team for ``@us``), and the team's entities."""
    if is_team(given):
        team = team_entities(resolver.entity, settings.team)
        return team[0], "team", team
    entity = resolver.entity(given)
    return entity, asker_kind(entity), ()


def _learned(ties: Neo4jTies, paths: list[IntroPath], weights: Weights) -> list[IntroPath]:
    """The paths with what the log of asks says of their introducers, and each hop's evidence."""
    introducers = {e.id: e for p in paths if (e := introducer_of(p).asked) is not None}
    learned = read_learned(ties.run, list(introducers.values()), weights.learning)
    dates = read_dates(ties.run, (h.tie.source or "" for p in paths for h in p.hops))
    return dated(learn(paths, learned), dates, today(), weights.old_after)


_PLACE_OF = {"City": CITY, "Country": COUNTRY}


def search_routes(
    hood: Neighbourhood,
    src: str,
    dst: str,
    k: int,
    max_hops: int,
    budget: int = defaults.WORK_BUDGET,
    deadline: Deadline | None = None,
) -> tuple[list[Route[str]], bool]:
    """The k cheapest routes from ``src`` to ``dst`` of at most ``max_hops`` hops, and whether
    they are proven to be the best (False: the work budget stopped the search); the ties are
    read from ``hood``'s source as the search grows (see the module doc). ``deadline`` stops
    the search, reads and ranking alike, with ``QueryTimeout``."""
    place = hood.place

    def expandable_from(origin: str) -> Callable[[str], bool]:
        from_country = place.get(origin) == COUNTRY

        def expandable(node: str) -> bool:
            kind = place.get(node, 0)
            if kind == 0 or node in (src, dst):
                return True
            # A country's own cities lead to it (and away from it), never elsewhere.
            return from_country and kind == CITY and node in hood.cost.get(origin, {})

        return expandable

    def may_leave(node: str, hops: int) -> bool:
        kind = place.get(node, 0)
        if kind == 0:
            return True
        return hops == 1 and kind == CITY and place.get(src) == COUNTRY and node in hood.cost.get(src, {})

    # Rings know how many hops a node is at least from each end: balls keep only the states
    # that can still make a path of at most max_hops.
    ring_f, ring_t = Rings(hood, [src], expandable_from(src)), Rings(hood, [dst], expandable_from(dst))
    ball_f = Ball(hood, [src], expandable_from(src), max_hops, ring_t.bound)
    ball_t = Ball(hood, [dst], expandable_from(dst), max_hops, ring_f.bound)
    near_target = ball_t.dist
    to_country = place.get(dst) == COUNTRY  # a city may then step onto its country

    def heuristic(node: str) -> float:  # what is left to the target is at least this
        d, radius = near_target.get(node), ball_t.radius
        return d if d is not None and d < radius else radius

    def rank(limit: float = math.inf) -> list[Route[str]]:
        return k_cheapest_paths(
            hood.cost,
            src,
            dst,
            k,
            max_hops,
            heuristic=heuristic,
            may_leave=may_leave,
            limit=limit + _EPSILON,
            last_step=to_country,
            hops_left=ring_t.bound,
            check=deadline.check if deadline else None,
        )

    ranked_at = -1.0
    #: The k-th cost among the paths read so far: reaching it is enough to prove them.
    enough = math.inf
    aimed_at = 0  # relationships read when ``enough`` was last looked for
    while True:
        if deadline is not None:
            deadline.check()
        if ball_f.exhausted or ring_f.exhausted or ball_t.exhausted or ring_t.exhausted:
            # One side's whole component has been read; all the other side may add is its
            # end, and a country's own cities.
            far_end = dst if ball_f.exhausted or ring_f.exhausted else src
            hood.fetch([far_end])
            if place.get(far_end) == COUNTRY:
                hood.fetch([n for n in hood.neighbours(far_end) if place.get(n) == CITY])
            return rank(), True
        if ring_f.depth + ring_t.depth >= max_hops:
            return rank(), True  # every path within the hop limit has been read
        if hood.rows >= budget:
            return rank(), False
        reach = ball_f.radius + ball_t.radius
        meeting = _meeting(ball_f, ball_t)
        if reach > ranked_at and meeting <= reach:
            # Every path cheaper than ``reach`` has been read: if k of them exist, done.
            routes = rank(reach)
            ranked_at = reach
            if len(routes) == k:
                return routes, True
        looked_long_ago = enough == math.inf and hood.rows >= 2 * aimed_at
        if meeting < math.inf and (enough <= reach or looked_long_ago):
            found = rank()  # the k-th cost among the paths read: growing to it proves them
            if len(found) == k and found[-1].cost <= reach + _EPSILON:
                return found, True
            enough = found[-1].cost if len(found) == k else math.inf
            aimed_at = hood.rows
        ring = ring_f if ring_f.price() <= ring_t.price() else ring_t
        if ring.price() <= max(_FIRST_ROWS, (ball_f.rows + ball_t.rows) // 2):
            ring.grow()  # cheap progress towards reading every path within the hop limit
        elif enough == math.inf:  # both balls grow alike, their reads made at the same time
            size = max(_FIRST_ROWS, min(ball_f.rows, ball_t.rows) // 3)
            plan_f = ball_f.take(size)
            plan_t = ball_t.take(size, claimed=plan_f)
            read = hood.carry_out(plan_f, alongside=plan_t)
            ball_f.absorb(plan_f, read)
            ball_t.absorb(plan_t, plan_t.rows)
        else:  # one ball grows to the mark: the one with fewer states left below it
            ahead_f = ball_f.pending(enough - ball_t.radius + _EPSILON)
            ahead_t = ball_t.pending(enough - ball_f.radius + _EPSILON)
            ball, other = (ball_f, ball_t) if ahead_f <= ahead_t else (ball_t, ball_f)
            before = (ball.radius, hood.rows)
            ball.grow(max(_FIRST_ROWS, ball.rows // 2), until=enough - other.radius + _EPSILON)
            if (ball.radius, hood.rows) == before:  # nothing left below the mark: go past it
                ball.grow(_FIRST_ROWS)


def _meeting(f: Ball, t: Ball) -> float:
    """The cheapest known walk joining the two balls (an upper bound on the best path)."""
    small, large = (f.dist, t.dist) if len(f.dist) <= len(t.dist) else (t.dist, f.dist)
    best = math.inf
    for node, d in small.items():
        other = large.get(node)
        if other is not None and d + other < best:
            best = d + other
    return best
