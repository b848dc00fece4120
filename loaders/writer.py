"""The batched writer: UNWIND ... MERGE in batches, all inside one transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import neo4j

from explorer import model
from explorer.db import literal
from loaders.rows import LinkRow, NodeRow

__all__ = ["Counts", "Writer", "link_statement", "node_statement"]

DEFAULT_BATCH = 10_000



def _set_and_count(var: str) -> str:
    """SET the row's properties on ``var`` and count the entities whose properties changed."""
    return (
        f"WITH {var}, row, properties({var}) AS before SET {var} += row.props "
        f"RETURN sum(CASE WHEN before = properties({var}) THEN 0 ELSE 1 END) AS changed"
    )


def node_statement(kind: str, derived: bool) -> str:
    """The MERGE for a batch of nodes of ``kind`` (labels only from the model's allow-list)."""
    key = model.label(model.ENTITY if model.KINDS[kind].entity else kind)
    labels = ":".join(model.label(lab) for lab in model.labels_of(kind))
    head = f"UNWIND $rows AS row MERGE (n:{key} {{id: row.id}}) "
    if derived:  # made from another row's city/country: create if missing, never overwrite
        return head + f"ON CREATE SET n:{labels}, n += row.props WITH count(*) AS _ RETURN 0 AS changed"
    return head + f"SET n:{labels} " + _set_and_count("n")


def link_statement(rtype: str, derived: bool) -> str:
    """The MERGE for a batch of relationships of ``rtype`` between existing entities."""
    head = (
        "UNWIND $rows AS row MATCH (a:Entity {id: row.start}) MATCH (b:Entity {id: row.end}) "
        f"MERGE (a)-[r:{model.rel_type(rtype)}]->(b) "
    )
    if derived:
        return head + "ON CREATE SET r += row.props WITH count(*) AS _ RETURN 0 AS changed"
    return head + _set_and_count("r")


@dataclass
class Counts:
    nodes_created: int = 0
    nodes_updated: int = 0
    rels_created: int = 0
    rels_updated: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(self.astuple(), other.astuple(), strict=True)))

    def astuple(self) -> tuple[int, int, int, int]:
        return (self.nodes_created, self.nodes_updated, self.rels_created, self.rels_updated)


class Writer:
    """Buffers rows by kind and type and writes them in batches into one open transaction.

    Links wait until every buffered node is written, so both ends exist when they MERGE.
    """

    def __init__(
        self,
        tx: neo4j.Transaction,
        batch_size: int = DEFAULT_BATCH,
        on_rows: Callable[[int], None] = lambda _n: None,
    ) -> None:
        self.tx = tx
        self.batch_size = batch_size
        self.on_rows = on_rows
        self.counts = Counts()
        self._nodes: dict[tuple[str, bool], list[dict[str, Any]]] = {}
        self._links: dict[tuple[str, bool], list[dict[str, Any]]] = {}
        self._pending_rows: dict[tuple[str, bool], int] = {}

    def node(self, row: NodeRow) -> None:
        buffer = self._nodes.setdefault((row.kind, row.derived), [])
        buffer.append({"id": row.id, "props": row.props})
        if len(buffer) >= self.batch_size:
            self._flush_nodes(row.kind, row.derived)

    def link(self, row: LinkRow) -> None:
        buffer = self._links.setdefault((row.type, row.derived), [])
        buffer.append({"start": row.start, "end": row.end, "props": row.props})
        if len(buffer) >= self.batch_size:
            self.flush_nodes()
            self._flush_links(row.type, row.derived)

    def flush_nodes(self) -> None:
        for kind, derived in list(self._nodes):
            self._flush_nodes(kind, derived)

    def flush(self) -> Counts:
        """Write everything still buffered; return the counts of the whole load so far."""
        self.flush_nodes()
        for rtype, derived in list(self._links):
            self._flush_links(rtype, derived)
        return self.counts

    def _flush_nodes(self, kind: str, derived: bool) -> None:
        rows = self._nodes.pop((kind, derived), [])
        if rows:
            created, changed = self._run(node_statement(kind, derived), rows, "nodes_created")
            self.counts.nodes_created += created
            self.counts.nodes_updated += max(0, changed - created)
            if not derived:
                self.on_rows(len(rows))

    def _flush_links(self, rtype: str, derived: bool) -> None:
        rows = self._links.pop((rtype, derived), [])
        if rows:
            created, changed = self._run(link_statement(rtype, derived), rows, "relationships_created")
            self.counts.rels_created += created
            self.counts.rels_updated += max(0, changed - created)
            if not derived:
                self.on_rows(len(rows))

    def _run(self, statement: str, rows: list[dict[str, Any]], counter: str) -> tuple[int, int]:
        result = self.tx.run(literal(statement), rows=rows)
        record = result.single()
        summary = result.consume()
        changed = int(record["changed"]) if record is not None else 0
        return int(getattr(summary.counters, counter)), changed
