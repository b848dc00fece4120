"""Where a search reads ties from: the protocol the frontiers use, and an in-memory source for tests.

A source answers *reads*: for a batch of node ids and a band of strengths ``[low, high)``,
each node's neighbours with the strength of each tie and the place kind of the neighbour.
:mod:`explorer.introductions.reads` reads them from Neo4j; :class:`MemoryTies` from a dict.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

__all__ = ["CITY", "COUNTRY", "MemoryTies", "Read", "Record", "TieSource"]

#: Place kinds of a node, as a source reports them (0: not a place).
CITY, COUNTRY = 1, 2

#: One read: node ids, the lowest strength and the strength above the highest wanted.
Read = tuple[list[str], float, float]
#: A node as a source returns it: its id, then its neighbours, their tie strengths and place kinds.
Record = tuple[str, list[str], list[float], list[int]]


class TieSource(Protocol):
    """What a :class:`~explorer.introductions.frontiers.Neighbourhood` reads from."""

    def read(
        self, reads: Sequence[Read], alongside: Sequence[Read] = ()
    ) -> tuple[list[Record], list[Record]]:
        """The records of ``reads``, and of ``alongside`` (which may be read at the same time)."""
        ...

    def degree_sum(self, nodes: Sequence[str]) -> int:
        """How many ties ``nodes`` have in all (to price a read before making it)."""
        ...


class MemoryTies:
    """A :class:`TieSource` over a graph in memory: ``strength[u][v]`` for each tie, both ways."""

    def __init__(
        self, strength: Mapping[str, Mapping[str, float]], places: Mapping[str, int] | None = None
    ) -> None:
        self.strength: dict[str, dict[str, float]] = {}
        for u, row in strength.items():
            for v, s in row.items():
                self.strength.setdefault(u, {})[v] = s
                self.strength.setdefault(v, {})[u] = s
        self.places = dict(places or {})
        #: Reads answered (each a batch), and node records returned.
        self.reads = 0
        self.records = 0

    def read(
        self, reads: Sequence[Read], alongside: Sequence[Read] = ()
    ) -> tuple[list[Record], list[Record]]:
        return self._answer(reads), self._answer(alongside)

    def _answer(self, reads: Sequence[Read]) -> list[Record]:
        records: list[Record] = []
        for ids, low, high in reads:
            self.reads += 1
            for node in ids:
                row = [(v, s) for v, s in self.strength.get(node, {}).items() if low <= s < high]
                if row:
                    others = [v for v, _ in row]
                    records.append(
                        (node, others, [s for _, s in row], [self.places.get(v, 0) for v in others])
                    )
        self.records += len(records)
        return records

    def degree_sum(self, nodes: Sequence[str]) -> int:
        return sum(len(self.strength.get(n, {})) for n in nodes)
