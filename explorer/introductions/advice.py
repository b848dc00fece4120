"""Who to ask for an introduction, by rule: the one place these rules are written (the words are
:mod:`.explain`'s).

A path runs from the asker to the target. Walking it from the asker:

1. **One tie** (``direct``): nobody stands in between; contact the target.
2. **The asker's side is skipped.** A person's own organisations (those they lead, work at,
   represent or sit on the board of, through a tie in force) are the asker themselves: a
   path that starts through one goes on from the far side of it. Alliances and initiatives
   introduce no one (they are parties' agreements, not people), and places neither: both are
   skipped.
3. **The first entity past that side is the contact**; it is reached through a tie of the
   asker's side, so it is never a stranger several hops away.

   - the target itself (``through``): the asker reaches it through their own side, and
     nobody needs to introduce them;
   - a person (``person``): ask them;
   - an organisation: a person stands in for it wherever the graph knows one. Its leader
     (a ``LEADS`` tie in force, read from the graph even off the path) is named
     (``leader``), unless the leader is the asker (then the next rule applies) or the
     target (then ``through``: contact them directly). Failing a leader, the person next on
     the path, tied to it by a strong personal tie in force (a board seat, a mandate to
     represent it, a job there in a small team), is asked (``person``). Otherwise the
     organisation itself (``organisation``);
   - only places up to a place target (``nobody``): nobody on the route can introduce.

Planned and proposed ties are never presented as if they existed: the advice says that the
route is not in force yet (:mod:`.explain`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from explorer import model
from explorer.introductions.answers import Hop, Introducer, IntroPath
from explorer.introductions.frontiers import STRONG
from explorer.model import Entity, Tie
from explorer.model.clock import this_year
from explorer.model.dates import FactDate, ended

__all__ = ["NOT_INTRODUCERS", "advise", "in_force", "introducer_of", "own_on_path"]

#: Kinds that stand for no one who could make an introduction: agreements and projects.
NOT_INTRODUCERS = frozenset({"Alliance", "Initiative"})


def in_force(tie: Tie, year: int | FactDate | None = None) -> bool:
    """Whether a tie holds now: active, and not ended (an ``until`` over before ``year``, a year
    or the date a search answers for)."""
    if tie.status != model.DEFAULT_STATUS:
        return False
    return not (year is not None and ended(tie.until, year))


def _personal(hop: Hop, year: int | FactDate | None) -> bool:
    return hop.type in model.PERSONAL_TYPES and in_force(hop.tie, year)


def own_on_path(path: IntroPath, year: int | FactDate | None = None) -> frozenset[str]:
    """The asker's own organisation on the path's first hop (a person's tie in force to it)."""
    if path.hop_count < 1 or path.nodes[0].kind != "Person":
        return frozenset()
    first, hop = path.nodes[1], path.hops[0]
    if first.kind in model.ORGANIZATION_KINDS and _personal(hop, year) and hop.tie.start == path.nodes[0].id:
        return frozenset({first.id})
    return frozenset()


def advise(
    path: IntroPath,
    *,
    own: Collection[str] = (),
    leaders: Mapping[str, tuple[Entity, Tie]] | None = None,
    year: int | FactDate | None = None,
) -> Introducer:
    """Who to ask for the introduction ``path`` offers, by the rules of this module.

    ``own`` holds the asker's own organisations (read from the graph; the first hop's is
    added), ``leaders`` the leader of each organisation and their ``LEADS`` tie (ties in force
    only), ``year`` the year that tells ended ties (``None``: ``until`` is not looked at).
    """
    nodes, hops = path.nodes, path.hops
    last = len(nodes) - 1
    if last <= 1:
        return Introducer("direct")
    asker, target = nodes[0], nodes[-1]
    mine = set(own) | own_on_path(path, year)
    mine.discard(target.id)
    leaders = leaders or {}
    j, via = 1, None
    while j < last and (nodes[j].id in mine or nodes[j].kind in NOT_INTRODUCERS or nodes[j].is_place):
        if nodes[j].id in mine and via is None:
            via = nodes[j]
        j += 1
    if j == last:
        if target.is_place and all(n.is_place for n in nodes[1:last]):
            return Introducer("nobody")
        return _through(path, last - 1, via)
    contact, onward = nodes[j], hops[j]
    if contact.kind == "Person":
        return Introducer("person", contact, j, onward.tie, nodes[j + 1], own=via)
    led = leaders.get(contact.id)
    if led is not None and led[0].id != asker.id:
        leader, tie = led
        if leader.id == target.id:
            return Introducer("through", target, last, tie, contact, own=via)
        if leader.id == nodes[j + 1].id:  # the leader is next on the path: their own tie onward says why
            return Introducer("person", leader, j + 1, hops[j + 1].tie, nodes[j + 2], own=via)
        return Introducer("leader", contact, j, onward.tie, nodes[j + 1], leader, tie, own=via)
    after = nodes[j + 1]
    if (
        j + 1 < last
        and after.kind == "Person"
        and after.id != asker.id
        and _personal(onward, year)
        and onward.strength >= STRONG
    ):
        return Introducer("person", after, j + 1, hops[j + 1].tie, nodes[j + 2], own=via)
    return Introducer("organisation", contact, j, onward.tie, after, own=via)


def _through(path: IntroPath, before: int, via: Entity | None) -> Introducer:
    """The target, reached through the asker's side: its tie to the entity before it on the path."""
    return Introducer(
        "through", path.nodes[-1], len(path.nodes) - 1, path.hops[before].tie, path.nodes[before], own=via
    )


def introducer_of(path: IntroPath) -> Introducer:
    """Who to ask on ``path``: as the search advised it, else by these rules alone (no leaders known)."""
    return path.introducer if path.introducer is not None else advise(path, year=this_year())
