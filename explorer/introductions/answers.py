"""The answers of the introduction-path family, as plain frozen records (no words: see ``explain``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from explorer.introductions.side import Side
from explorer.model import Entity, FactDate, Source, Tie

if TYPE_CHECKING:  # the drawing's record brings the driver: answers are read without it
    from explorer.database.results import GraphData

__all__ = [
    "Broker",
    "BrokerSearch",
    "Evidence",
    "Group",
    "Hop",
    "IntroPath",
    "Introducer",
    "Learned",
    "PathSearch",
    "Ranking",
    "Rule",
    "rounded",
]


def rounded(score: float) -> float:
    """A score for JSON: six significant digits."""
    return float(f"{score:.6g}")


@dataclass(frozen=True, slots=True)
class Hop:
    """One relationship of a path, as stored, with the strength it was ranked by."""

    tie: Tie
    strength: float
    #: The crowd at each end (ties of this type the start has and the end has; ``None``
    #: outside crowd types), and the size that keeps full strength.
    crowds: tuple[int | None, int | None] = (None, None)
    crowd_reference: int = 20
    #: Entities named by properties (``on_behalf_of``), by property name.
    refs: Mapping[str, Entity] = field(default_factory=dict)

    @property
    def type(self) -> str:
        return self.tie.type

    @property
    def key(self) -> str:
        return self.tie.key


#: How a path's introduction is made (the rules are in :mod:`.advice`): ``own`` the target is of
#: the asker's own side, nobody needs to introduce them; ``direct`` one tie, no one in between;
#: ``through`` the target is reached through the asker's own side (an organisation they lead,
#: work at, represent or sit on the board of; an alliance they are party to), so no one needs
#: to introduce them; ``person`` a person to ask;
#: ``leader`` an organisation stands in and its leader is named; ``organisation`` an
#: organisation stands in, no leader known; ``nobody`` the route only goes through places.
Rule = Literal["own", "direct", "through", "person", "leader", "organisation", "nobody"]


@dataclass(frozen=True)
class Introducer:
    """Who to ask for the introduction a path offers, and the ties that make them useful (no words)."""

    rule: Rule
    #: The entity on the path to approach: the person, the organisation standing in, or for
    #: ``through`` and ``own`` the target itself; ``None`` for ``direct`` and ``nobody``.
    entity: Entity | None = None
    #: Its position on the path.
    position: int | None = None
    #: The tie that makes them useful, and its other end as the advice names it: the
    #: introducer's tie onward to the target (for ``through``: the target's tie to the asker's side).
    tie: Tie | None = None
    other: Entity | None = None
    #: The organisation's leader and their ``LEADS`` tie, when an organisation stands in.
    leader: Entity | None = None
    leader_tie: Tie | None = None
    #: The asker's own person or organisation that holds the path's first tie out of the asker's
    #: side (``None`` when the asker holds it), and the tie that makes it the asker's own.
    through: Entity | None = None
    through_tie: Tie | None = None

    @property
    def asked(self) -> Entity | None:
        """Whom to ask: the leader named for an organisation, else the introducer (``None`` when
        no one needs to, or can, make the introduction)."""
        if self.rule in ("own", "direct", "through", "nobody"):
            return None
        return self.leader if self.leader is not None else self.entity

    @property
    def key(self) -> str:
        """What makes two paths' advice the same: the one asked, or the rule when no one is."""
        asked = self.asked
        return asked.id if asked is not None else f"({self.rule})"

    def through_dict(self) -> dict[str, Any] | None:
        """``{id, name, kind}`` of the asker's own person or organisation the path leaves through."""
        return self.through.as_dict() if self.through is not None else None

    def as_dict(self) -> dict[str, Any] | None:
        """``{id, name, kind}`` of whom to ask (with the organisation they lead when it stands in),
        ``None`` when no one needs to, or can, make the introduction."""
        asked = self.asked
        if asked is None:
            return None
        said: dict[str, Any] = asked.as_dict()
        if self.leader is not None and self.entity is not None:
            said["organisation"] = self.entity.as_dict()
        return said


@dataclass(frozen=True)
class Learned:
    """What staff know of an introducer: their willingness (``open``, ``reluctant`` or ``unknown``,
    and why), the outcomes of past asks through them, and the factor these give a path's rank."""

    entity: Entity
    willingness: str = "unknown"
    reason: str | None = None
    successes: int = 0
    declines: int = 0
    silences: int = 0
    factor: float = 1.0

    @property
    def matters(self) -> bool:
        """Whether anything is known that moves the rank."""
        return self.factor != 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "introducer": self.entity.id,
            "willingness": self.willingness,
            "reason": self.reason,
            "successes": self.successes,
            "declines": self.declines,
            "no_answers": self.silences,
            "factor": rounded(self.factor),
        }


@dataclass(frozen=True)
class Evidence:
    """What one hop rests on: its source, the date of its latest evidence (the source's date, else
    the day the tie was last recorded: ``recorded``), and what weakens it (``inferred``,
    ``proposed``, ``old``)."""

    source: str | None
    date: str | None = None
    recorded: bool = False
    flags: tuple[str, ...] = ()

    @property
    def weak(self) -> bool:
        return bool(self.flags)

    def as_dict(self, title: str | None = None) -> dict[str, Any]:
        return {
            "source": self.source,
            "title": title,
            "date": self.date,
            "dated_by": "recorded" if self.recorded else "source" if self.date else None,
            "flags": list(self.flags),
        }


@dataclass(frozen=True)
class IntroPath:
    """A ranked path: its score (product of strengths, higher is better), entities and hops, and
    who to ask for the introduction (:mod:`.advice`; ``None`` until advised)."""

    score: float
    nodes: tuple[Entity, ...]
    hops: tuple[Hop, ...]
    introducer: Introducer | None = None
    #: What the log of asks says of its introducer (:mod:`.learning`; ``None``: nothing known).
    learned: Learned | None = None
    #: The evidence of each hop, in order (:mod:`.evidence`; empty until read).
    evidence: tuple[Evidence, ...] = ()

    @property
    def hop_count(self) -> int:
        return len(self.hops)

    @property
    def rank_score(self) -> float:
        """The score the ranking uses: the score times what the log of asks says of the introducer."""
        return self.score * (self.learned.factor if self.learned is not None else 1.0)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(n.id for n in self.nodes)

    def as_dict(self) -> dict[str, Any]:
        """The path's part of the JSON contract (the explanation is added by ``explain``)."""
        return {
            "score": rounded(self.score),
            "hops": self.hop_count,
            "nodes": [n.as_dict() for n in self.nodes],
            "relationships": [h.tie.as_dict() for h in self.hops],
        }


def _graph_of(paths: tuple[IntroPath, ...]) -> GraphData:
    from explorer.database.results import GraphData

    graph = GraphData()
    for path in paths:
        for n in path.nodes:
            graph.nodes.setdefault(n.id, n)
        for hop in path.hops:
            graph.rels.setdefault(hop.tie.key, hop.tie)
    return graph


#: How paths are ordered: a path naming someone new to ask may come before stronger ones
#: (``distinct``, :mod:`.ranking`), or by score alone.
Ranking = Literal["distinct", "score"]


@dataclass(frozen=True)
class PathSearch:
    """The answer to "how can FROM be introduced to TO?", and how it was found."""

    source: Entity
    target: Entity
    paths: tuple[IntroPath, ...]
    k: int
    max_hops: int
    active_only: bool = False
    avoid: tuple[Entity, ...] = ()
    ranking: Ranking = "distinct"
    #: False when the work budget stopped the search: a better path may exist.
    complete: bool = True
    #: The sources the paths cite, by id (each face names them in its language).
    sources: Mapping[str, Source] = field(default_factory=dict)
    relationships_read: int = 0
    queries: int = 0
    seconds: float = 0.0
    #: The date the search answers for (``--as-of``; ``None``: today).
    as_of: FactDate | None = None
    #: Who asks, and their side (``None``: the start alone, as a person or an organisation).
    side: Side | None = None

    def as_graph(self) -> GraphData:
        """Every path's entities and relationships, each once, ready to be drawn."""
        return _graph_of(self.paths)


GroupKind = Literal["country", "cluster", "alliance", "neighbourhood"]


@dataclass(frozen=True)
class Group:
    """One side of a brokers question: a country, a cluster, an alliance or an entity's
    neighbourhood, and its entities."""

    kind: GroupKind
    #: The ISO code of a country, else the entity's id.
    id: str
    name: str
    name_fr: str | None
    members: frozenset[str]
    #: The group's own node (the cluster, the alliance, the country, the entity whose neighbourhood
    #: it is): never listed as a broker.
    anchor: str | None

    def display(self, lang: str = "en") -> str:
        return self.name_fr if lang == "fr" and self.name_fr else self.name

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "size": len(self.members)}


@dataclass(frozen=True)
class Broker:
    """An entity bridging the two groups: on how many pairs' strongest paths, and one of them."""

    node: Entity
    count: int
    #: ``count`` over the pairs connected within the hop limit.
    share: float
    example: IntroPath | None


@dataclass(frozen=True)
class BrokerSearch:
    """The brokers between two groups, best first, and how they were counted."""

    a: Group
    b: Group
    brokers: tuple[Broker, ...]
    #: Pairs examined, and how many of them are connected within the hop limit.
    pairs: int
    connected: int
    sampled: tuple[int, int]
    max_hops: int
    #: False when the work budget stopped the corridor from growing.
    complete: bool = True
    #: The sources the example paths cite, by id.
    sources: Mapping[str, Source] = field(default_factory=dict)
    #: The date the count answers for (``--as-of``; ``None``: today).
    as_of: FactDate | None = None

    @property
    def is_sample(self) -> bool:
        return self.sampled != (len(self.a.members), len(self.b.members))
