"""The order of the paths, by one rule: a path may be listed above a stronger one only if it names
an introducer not named above it **and** its rank score is at least half the rank score of every
path it overtakes; otherwise paths go by rank score (the score times what the log of asks says of
the introducer, :mod:`.learning`).

Built from the top: the strongest path left comes next unless it repeats an introducer already
named (or names no one: a route through places only), in which case the strongest path that
names someone new and scores at least half as much comes first. A path that needs no introducer
(a direct tie, the target reached through the asker's own side) is never overtaken.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from explorer.introductions.advice import introducer_of
from explorer.introductions.answers import IntroPath, Ranking
from explorer.model import Entity

__all__ = ["OVERTAKE_SHARE", "Placement", "names_someone", "order", "placement"]

#: A path overtakes stronger ones only if its rank score is at least this share of theirs.
OVERTAKE_SHARE = 0.5


def names_someone(path: IntroPath) -> Entity | None:
    """Whom the path's advice names to ask (``None``: nobody needs to, or can)."""
    return introducer_of(path).asked


def _by_rank(paths: Sequence[IntroPath]) -> list[IntroPath]:
    return sorted(paths, key=lambda p: (-p.rank_score, -p.score, p.ids))


def order(paths: Sequence[IntroPath], ranking: Ranking = "distinct") -> list[IntroPath]:
    """``paths`` in the order of the rule above (``"score"``: by rank score alone)."""
    rest = _by_rank(paths)
    if ranking == "score":
        return rest
    listed: list[IntroPath] = []
    named: set[str] = set()
    while rest:
        top = rest[0]
        pick = top
        asked = names_someone(top)
        repeats = asked.id in named if asked is not None else introducer_of(top).rule == "nobody"
        if repeats:
            for candidate in rest[1:]:
                new = names_someone(candidate)
                if new is not None and new.id not in named:
                    if candidate.rank_score >= OVERTAKE_SHARE * top.rank_score:
                        pick = candidate
                    break  # the strongest that names someone new, or none at all
        listed.append(pick)
        rest.remove(pick)
        chosen = names_someone(pick)
        if chosen is not None:
            named.add(chosen.id)
    return listed


@dataclass(frozen=True)
class Placement:
    """Where a path stands against the order of rank scores: the stronger paths it is listed
    before (it names someone new), and the weaker ones listed before it (they did)."""

    overtook: tuple[int, ...] = ()
    overtaken_by: tuple[int, ...] = ()


def placement(paths: Sequence[IntroPath], index: int) -> Placement:
    """How the path at ``index`` of a listing stands against the rank scores (0-based positions)."""
    score = paths[index].rank_score
    return Placement(
        tuple(i for i in range(index + 1, len(paths)) if paths[i].rank_score > score),
        tuple(i for i in range(index) if paths[i].rank_score < score),
    )
