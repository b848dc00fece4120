"""Query results as plain data: rows of Python values, and the nodes and relationships they hold."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j.graph import Node, Path, Relationship

from explorer.model import Entity, Source, Tie, kind_of

__all__ = [
    "GraphData",
    "QueryResult",
    "collect",
    "entity_of",
    "source_of",
    "tie_of",
    "to_plain",
    "value_size",
]


def source_of(node: Any) -> Source:
    """A ``Source`` node read from the database."""
    return Source(str(node.get("id")), {k: to_plain(v) for k, v in node.items()})


def entity_of(node: Node) -> Entity:
    """A node read from the database as an :class:`Entity` (keyed by its ``id``, else its element id)."""
    key = node.get("id")
    props = {k: _plain_scalar(v) for k, v in node.items()}
    return Entity.of(str(key) if key is not None else node.element_id, node.labels, props)


def tie_of(rel: Relationship, start: str, end: str) -> Tie:
    """A relationship read from the database as a :class:`Tie` between two node keys."""
    return Tie(rel.type, start, end, {k: _plain_scalar(v) for k, v in rel.items()}, rel.element_id)


@dataclass
class GraphData:
    """The entities and ties to draw (each once), by key."""

    nodes: dict[str, Entity] = field(default_factory=dict)
    rels: dict[str, Tie] = field(default_factory=dict)

    def add(self, value: Any) -> None:
        if isinstance(value, Node):
            self._node(value)
        elif isinstance(value, Relationship):
            self._rel(value)
        elif isinstance(value, Path):
            for n in value.nodes:
                self._node(n)
            for r in value.relationships:
                self._rel(r)
        elif isinstance(value, list | tuple):
            for v in value:
                self.add(v)
        elif isinstance(value, dict):
            for v in value.values():
                self.add(v)

    def _node(self, node: Node) -> str:
        entity = entity_of(node)
        self.nodes.setdefault(entity.id, entity)
        return entity.id

    def _rel(self, rel: Relationship) -> None:
        if rel.element_id in self.rels or rel.start_node is None or rel.end_node is None:
            return
        start, end = self._node(rel.start_node), self._node(rel.end_node)
        self.rels[rel.element_id] = tie_of(rel, start, end)

    def source_ids(self) -> set[str]:
        """The ids of the sources the nodes and relationships cite (their ``source`` property)."""
        cited = [n.properties.get("source") for n in self.nodes.values()]
        cited += [r.source for r in self.rels.values()]
        return {str(c) for c in cited if c}

    def __bool__(self) -> bool:
        return bool(self.nodes)


@dataclass
class QueryResult:
    """Rows of plain values, whether a cap cut them (rows, or bytes: ``size_cut``), and the graph
    inside them."""

    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = False
    graph: GraphData = field(default_factory=GraphData)
    #: Cut because the rows reached the size cap (``truncated`` too), not the row cap.
    size_cut: bool = False


def collect(result: neo4j.Result, cap: int, max_bytes: int | None = None) -> QueryResult:
    """Read at most ``cap`` records from ``result``, and no more once their values reach about
    ``max_bytes`` (noting when more were there)."""
    columns = list(result.keys())
    rows: list[dict[str, Any]] = []
    graph = GraphData()
    truncated = size_cut = False
    size = 0
    for record in result:
        if len(rows) >= cap:
            truncated = True
            break
        if max_bytes is not None and size >= max_bytes:
            truncated = size_cut = True
            break
        values = dict(record.items())
        size += sum(value_size(v) for v in values.values())
        for v in values.values():
            graph.add(v)
        rows.append({k: to_plain(v) for k, v in values.items()})
    return QueryResult(columns, rows, truncated, graph, size_cut)


def value_size(value: Any) -> int:
    """About how many bytes ``value`` takes (text by its characters), nodes and paths included."""
    if isinstance(value, str | bytes | bytearray):
        return len(value)
    if isinstance(value, Node | Relationship):
        return 16 + sum(len(k) + value_size(v) for k, v in value.items())
    if isinstance(value, Path):
        return sum(value_size(n) for n in value.nodes) + sum(value_size(r) for r in value.relationships)
    if isinstance(value, list | tuple):
        return 8 + sum(value_size(v) for v in value)
    if isinstance(value, dict):
        return 8 + sum(len(str(k)) + value_size(v) for k, v in value.items())
    return 8


def to_plain(value: Any) -> Any:
    """A value as JSON-ready Python: nodes and relationships become dictionaries."""
    if isinstance(value, Node):
        props = {k: _plain_scalar(v) for k, v in value.items()}
        kind = kind_of(list(value.labels))
        return {"id": props.pop("id", None), "kind": kind, "name": props.pop("name", None), **props}
    if isinstance(value, Relationship):
        start = value.start_node.get("id") if value.start_node is not None else None
        end = value.end_node.get("id") if value.end_node is not None else None
        props = {k: _plain_scalar(v) for k, v in value.items()}
        return {"type": value.type, "from": start, "to": end, **props}
    if isinstance(value, Path):
        return {
            "nodes": [to_plain(n) for n in value.nodes],
            "relationships": [to_plain(r) for r in value.relationships],
        }
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    return _plain_scalar(value)


def _plain_scalar(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain_scalar(v) for v in value]
    iso = getattr(value, "iso_format", None)
    if callable(iso):
        return iso()
    return str(value)
