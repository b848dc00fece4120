"""Who to ask for an introduction, by rule: the one place these rules are written (the words are
:mod:`.explain`'s and :mod:`.reasons`').

A path runs from the asker to the target. Walking it from the asker:

1. **The target is one of the asker's own** (``own``): someone of the asker's side (:mod:`.side`)
   needs no introduction.
2. **One tie** (``direct``): nobody stands in between; contact the target.
3. **The asker's side is skipped.** The asker's own people and organisations (:mod:`.side`: a
   person's organisations; an organisation's leaders, board, representatives and staff, and
   the organisations they lead; the team's) are the asker themselves, never the introducer: a
   path that starts through one goes on from the far side of it, and the one that holds the
   first tie out of the side is named as the way out (``through``: "through Bruno Buisson, your
   CEO, …"). Alliances and initiatives introduce no one (they are parties' agreements, not
   people), and places neither: both are skipped.
4. **The first entity past that side is the contact**; it is reached through a tie of the
   asker's side, so it is never a stranger several hops away.

   - the target itself (``through``): the asker reaches it through their own side, and
     nobody needs to introduce them;
   - a person (``person``): ask them;
   - an organisation: a person stands in for it wherever the graph knows one. Its leader
     (a ``LEADS`` tie in force, read from the graph even off the path) is named
     (``leader``), unless the leader is of the asker's side (then the next rule applies) or the
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
from explorer.introductions.answers import Hop, Introducer, IntroPath, Rule
from explorer.introductions.frontiers import STRONG
from explorer.introductions.side import Side
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
    side: Side | None = None,
    own: Collection[str] = (),
    leaders: Mapping[str, tuple[Entity, Tie]] | None = None,
    year: int | FactDate | None = None,
) -> Introducer:
    """Who to ask for the introduction ``path`` offers, by the rules of this module.

    ``side`` is the asker's side (:mod:`.side`; ``own`` adds ids to it, and a person's first hop
    to an organisation of theirs is added), ``leaders`` the leader of each organisation and their
    ``LEADS`` tie (ties in force only), ``year`` the year that tells ended ties (``None``:
    ``until`` is not looked at).
    """
    nodes, hops = path.nodes, path.hops
    last = len(nodes) - 1
    asker, target = nodes[0], nodes[-1]
    mine = set(own) | own_on_path(path, year) | (side.ids if side is not None else set())
    mine.add(asker.id)
    if last >= 1 and target.id in mine:
        member = side.member(target.id) if side is not None else None
        return Introducer("own", target, last, member.tie if member else None)
    if last <= 1:
        return Introducer("direct")
    leaders = leaders or {}
    j = 1
    while j < last and (nodes[j].id in mine or nodes[j].kind in NOT_INTRODUCERS or nodes[j].is_place):
        j += 1
    through, through_tie = _through_of(path, j, mine, side)
    if j == last:
        if target.is_place and all(n.is_place for n in nodes[1:last]):
            return Introducer("nobody")
        before = last - 1
        return Introducer(
            "through", target, last, hops[before].tie, nodes[before], through=through, through_tie=through_tie
        )
    contact, onward = nodes[j], hops[j]

    def made(
        rule: Rule, entity: Entity, at: int, tie: Tie, other: Entity, leader: Entity | None = None,
        leader_tie: Tie | None = None,
    ) -> Introducer:  # fmt: skip
        return Introducer(rule, entity, at, tie, other, leader, leader_tie, through, through_tie)

    if contact.kind == "Person":
        return made("person", contact, j, onward.tie, nodes[j + 1])
    led = leaders.get(contact.id)
    if led is not None and led[0].id not in mine:
        leader, tie = led
        if leader.id == target.id:
            return made("through", target, last, tie, contact)
        if leader.id == nodes[j + 1].id:  # the leader is next on the path: their own tie onward says why
            return made("person", leader, j + 1, hops[j + 1].tie, nodes[j + 2])
        return made("leader", contact, j, onward.tie, nodes[j + 1], leader, tie)
    after = nodes[j + 1]
    if (
        j + 1 < last
        and after.kind == "Person"
        and after.id not in mine
        and _personal(onward, year)
        and onward.strength >= STRONG
    ):
        return made("person", after, j + 1, hops[j + 1].tie, nodes[j + 2])
    return made("organisation", contact, j, onward.tie, after)


def _through_of(
    path: IntroPath, j: int, mine: Collection[str], side: Side | None
) -> tuple[Entity | None, Tie | None]:
    """The asker's own person or organisation that holds the path's first tie out of their side
    (the last of the side before position ``j``), and the tie that makes it the asker's own;
    ``None`` when the asker holds it."""
    for i in range(j - 1, 0, -1):
        node = path.nodes[i]
        if node.id in mine:
            member = side.member(node.id) if side is not None else None
            if member is not None:
                return node, member.tie
            return node, path.hops[0].tie if i == 1 else None
    return None, None


def introducer_of(path: IntroPath) -> Introducer:
    """Who to ask on ``path``: as the search advised it, else by these rules alone (no leaders known)."""
    return path.introducer if path.introducer is not None else advise(path, year=this_year())
