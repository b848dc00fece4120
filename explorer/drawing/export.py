"""A drawn view as files: a standalone offline HTML page, CSV that loads back, and GraphML."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

import networkx as nx

from explorer.database.results import GraphData
from explorer.formatting import safe_cell

__all__ = ["graphml", "nodes_csv", "relationships_csv", "standalone_html", "to_networkx"]

#: Leading columns, in the order of the CSV interchange contract (``explorer load`` reads them back).
NODE_COLUMNS = ("id", "kind", "name", "country")
LINK_COLUMNS = ("source", "target", "type", "since", "status", "evidence", "source_ref")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple | dict):
        return safe_cell(json.dumps(value, ensure_ascii=False, default=str))
    if isinstance(value, bool):
        return "true" if value else "false"
    return safe_cell(value)


def _table(columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = list(columns)
    writer.writerow([safe_cell(c) for c in columns])
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def _columns(leading: tuple[str, ...], rows: list[dict[str, Any]]) -> list[str]:
    rest = sorted({k for r in rows for k in r} - set(leading))
    return [*leading, *rest]


def nodes_csv(graph: GraphData) -> str:
    """The entities: ``id,kind,name,country`` then every other property (``source`` as ``source_ref``)."""
    rows = []
    for node in graph.nodes.values():
        props = dict(node.properties)
        row = {"id": node.id, "kind": node.kind, "name": props.pop("name", node.name)}
        props.pop("id", None)
        props.pop("kind", None)
        if "source" in props:
            row["source_ref"] = props.pop("source")
        rows.append(row | props)
    return _table(_columns(NODE_COLUMNS, rows), rows)


def relationships_csv(graph: GraphData) -> str:
    """The relationships: ``source,target,type,since,status,evidence,source_ref`` then the rest."""
    rows = []
    for rel in graph.rels.values():
        props = dict(rel.properties)
        row = {"source": rel.start, "target": rel.end, "type": rel.type}
        if "source" in props:
            row["source_ref"] = props.pop("source")
        rows.append(row | props)
    return _table(_columns(LINK_COLUMNS, rows), rows)


def _graphml_value(value: Any) -> Any:
    if isinstance(value, bool | int | float | str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _uniform(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Attributes whose type varies from item to item become text (GraphML wants one type a key)."""
    types: dict[str, set[type]] = {}
    for attrs in items:
        for k, v in attrs.items():
            types.setdefault(k, set()).add(type(v))
    mixed = {k for k, found in types.items() if len(found) > 1}
    return [{k: (str(v) if k in mixed else v) for k, v in attrs.items()} for attrs in items]


def to_networkx(graph: GraphData) -> nx.MultiDiGraph:
    """The view as a networkx multigraph (``kind``, ``name``, ``type``; ``source`` as ``source_ref``)."""
    g = nx.MultiDiGraph()
    node_attrs = _uniform(
        [
            {
                k: _graphml_value(v)
                for k, v in n.properties.items()
                if v is not None and k not in ("id", "source")
            }
            | ({"source_ref": str(n.properties["source"])} if n.properties.get("source") else {})
            | {"kind": n.kind, "name": n.name}
            for n in graph.nodes.values()
        ]
    )
    for node, attrs in zip(graph.nodes.values(), node_attrs, strict=True):
        g.add_node(node.id, **attrs)
    rel_attrs = _uniform(
        [
            {k: _graphml_value(v) for k, v in r.properties.items() if v is not None and k != "source"}
            | ({"source_ref": str(r.properties["source"])} if r.properties.get("source") else {})
            | {"type": r.type}
            for r in graph.rels.values()
        ]
    )
    for rel, attrs in zip(graph.rels.values(), rel_attrs, strict=True):
        g.add_edge(rel.start, rel.end, key=rel.key, **attrs)
    return g


def graphml(graph: GraphData) -> str:
    """The view as GraphML (for Gephi, yEd, Cytoscape, networkx)."""
    return "\n".join(nx.generate_graphml(to_networkx(graph), encoding="utf-8", prettyprint=True)) + "\n"


def standalone_html(graph: GraphData, *, title: str, caption: str | None = None, **options: Any) -> str:
    """The view as one HTML file that opens offline, with a title and a caption (see ``render_graph``)."""
    from explorer.drawing.render import render_graph

    return render_graph(graph, title=title, caption=caption, **options)
