"""The answers of the introduction-path family, as plain frozen records (no words: see ``explain``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from explorer.model import Entity, Tie
from explorer.results import GraphData

__all__ = ["Broker", "BrokerSearch", "Group", "Hop", "IntroPath", "PathSearch", "rounded"]


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


@dataclass(frozen=True)
class IntroPath:
    """A ranked path: its score (product of strengths, higher is better), entities and hops."""

    score: float
    nodes: tuple[Entity, ...]
    hops: tuple[Hop, ...]

    @property
    def hop_count(self) -> int:
        return len(self.hops)

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
    graph = GraphData()
    for path in paths:
        for n in path.nodes:
            graph.nodes.setdefault(n.id, n)
        for hop in path.hops:
            graph.rels.setdefault(hop.tie.key, hop.tie)
    return graph


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
    #: False when the work budget stopped the search: a better path may exist.
    complete: bool = True
    #: Names of the sources the paths cite, by id.
    sources: Mapping[str, str] = field(default_factory=dict)
    relationships_read: int = 0
    queries: int = 0
    seconds: float = 0.0

    def as_graph(self) -> GraphData:
        """Every path's entities and relationships, each once, ready to be drawn."""
        return _graph_of(self.paths)


GroupKind = Literal["country", "cluster", "alliance"]


@dataclass(frozen=True)
class Group:
    """One side of a brokers question: a country, a cluster or an alliance, and its entities."""

    kind: GroupKind
    #: The ISO code of a country, else the entity's id.
    id: str
    name: str
    name_fr: str | None
    members: frozenset[str]
    #: The group's own node (the cluster, the alliance, the country): never listed as a broker.
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
    sources: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_sample(self) -> bool:
        return self.sampled != (len(self.a.members), len(self.b.members))
