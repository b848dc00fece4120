"""Query results as plain data: rows of Python values, and the nodes and relationships they hold."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j.graph import Node, Path, Relationship

from explorer.model import kind_of

__all__ = ["GraphData", "GraphNode", "GraphRel", "QueryResult", "collect", "to_plain"]


@dataclass(frozen=True, slots=True)
class GraphNode:
    """A node as drawn: its entity id (or element id when it has none), kind, name and properties."""

    key: str
    kind: str
    name: str
    properties: dict[str, Any]


@dataclass(frozen=True, slots=True)
class GraphRel:
    """A relationship as drawn, between two node keys."""

    key: str
    type: str
    start: str
    end: str
    properties: dict[str, Any]


@dataclass
class GraphData:
    """The nodes and relationships found in a result (each once)."""

    nodes: dict[str, GraphNode] = field(default_factory=dict)
    rels: dict[str, GraphRel] = field(default_factory=dict)

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
        key = node_key(node)
        if key not in self.nodes:
            props = {k: _plain_scalar(v) for k, v in node.items()}
            self.nodes[key] = GraphNode(
                key, kind_of(list(node.labels)) or "", str(props.get("name", key)), props
            )
        return key

    def _rel(self, rel: Relationship) -> None:
        if rel.element_id in self.rels or rel.start_node is None or rel.end_node is None:
            return
        start, end = self._node(rel.start_node), self._node(rel.end_node)
        props = {k: _plain_scalar(v) for k, v in rel.items()}
        self.rels[rel.element_id] = GraphRel(rel.element_id, rel.type, start, end, props)

    def source_ids(self) -> set[str]:
        """The ids of the sources the nodes and relationships cite (their ``source`` property)."""
        cited: list[GraphNode | GraphRel] = [*self.nodes.values(), *self.rels.values()]
        return {str(x.properties["source"]) for x in cited if x.properties.get("source")}

    def __bool__(self) -> bool:
        return bool(self.nodes)


def node_key(node: Node) -> str:
    value = node.get("id")
    return str(value) if value is not None else node.element_id


@dataclass
class QueryResult:
    """Rows of plain values, whether the row cap cut them, and the graph inside them."""

    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = False
    graph: GraphData = field(default_factory=GraphData)


def collect(result: neo4j.Result, cap: int) -> QueryResult:
    """Read at most ``cap`` records from ``result`` (noting when more were there)."""
    columns = list(result.keys())
    rows: list[dict[str, Any]] = []
    graph = GraphData()
    truncated = False
    for record in result:
        if len(rows) >= cap:
            truncated = True
            break
        values = dict(record.items())
        for v in values.values():
            graph.add(v)
        rows.append({k: to_plain(v) for k, v in values.items()})
    return QueryResult(columns, rows, truncated, graph)


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
