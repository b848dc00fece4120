"""The batched writer: UNWIND ... CREATE or MERGE in batches, all inside one transaction.

Rows are grouped by statement into batches. A node or link that cannot be in the
database yet (the validator saw its id, or one of its ends, missing there) is
written with ``CREATE``; anything else with ``MERGE``, which also counts what a
reload changed. Both are plain Cypher: they run the same on a cluster or Aura.

Labels and relationship types travel as parameters (``$($labels)``, ``$($type)``,
taken from the model's allow-list), so a load uses a handful of statements whatever
the kinds and types in its files: each is planned once, and a fresh server spends
seconds compiling each new statement.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import neo4j

from explorer import defaults, model
from explorer.database.session import literal
from explorer.model.facts import LinkRow, NodeRow

__all__ = [
    "DEFAULT_BATCH",
    "Batch",
    "Batcher",
    "Counts",
    "Writer",
    "create_link_statement",
    "create_node_statement",
    "link_statement",
    "node_statement",
    "statement_params",
]

#: Rows per statement (the explorer's one default).
DEFAULT_BATCH = defaults.BATCH_SIZE


def _set_and_count(var: str, ends: str = "") -> str:
    """SET the row's properties on ``var`` (a node also takes ``$labels``), move the version of
    those that changed on (signed with ``$stamp``: who loads, when), count them, and return the
    state before of each fact that an earlier load or a person made and this load changed (so
    that it can be undone). ``ends``: a relationship's ends (``"a, b, "``)."""
    if ends:
        kept, was, relabel = "{start: a.id, end: b.id, props: before}", "", ""
    else:
        kept, was, relabel = "{labels: was, props: before}", f", labels({var}) AS was", f"{var}:$($labels), "
    return (
        f"WITH {ends}{var}, row, properties({var}) AS before{was} SET {relabel}{var} += row.props "
        f"WITH {ends}{var}, before{was and ', was'}, before <> properties({var}) AS changed "
        f"SET {var} += CASE WHEN changed THEN {{version: coalesce({var}.version, 0) + 1, "
        f"changed_at: $stamp.at, changed_by: $stamp.by}} ELSE {{}} END "
        f"RETURN sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed, "
        f"collect(CASE WHEN changed AND coalesce(before.{model.LOADED_IN}, '') <> $stamp.load "
        f"THEN {kept} END) AS befores"
    )


#: A fact written for the first time: version 1, signed with ``$stamp`` (who loads, when, which load).
_FIRST = f"{{version: 1, changed_at: $stamp.at, changed_by: $stamp.by, {model.LOADED_IN}: $stamp.load}}"


def node_statement(kind: str, derived: bool) -> str:
    """The MERGE for a batch of nodes of ``kind``, with ``$labels`` (``statement_params``).

    The node is found by its key label (``Entity``, or the kind's own for the others) and
    ``id``, through the uniqueness constraint's index.
    """
    key = model.label(model.ENTITY if model.KINDS[kind].entity else kind)
    head = f"UNWIND $rows AS row MERGE (n:{key} {{id: row.id}}) "
    mark = f"ON CREATE SET n.{model.LOADED_IN} = $stamp.load "
    if derived:  # made from another row's city/country: create if missing, never overwrite
        return (
            head + f"ON CREATE SET n:$($labels), n += row.props, n += {_FIRST} "
            "WITH count(*) AS _ RETURN 0 AS changed"
        )
    return head + mark + _set_and_count("n")


def create_node_statement() -> str:
    """The CREATE for a batch of nodes that are not in the database yet, with ``$labels``."""
    return f"UNWIND $rows AS row CREATE (n:$($labels)) SET n = row, n += {_FIRST}"


def link_statement(derived: bool) -> str:
    """The MERGE for a batch of relationships of ``$type`` between existing entities."""
    head = (
        "UNWIND $rows AS row MATCH (a:Entity {id: row.start}) MATCH (b:Entity {id: row.end}) "
        "MERGE (a)-[r:$($type)]->(b) "
    )
    if derived:
        return head + f"ON CREATE SET r += row.props, r += {_FIRST} WITH count(*) AS _ RETURN 0 AS changed"
    return head + f"ON CREATE SET r.{model.LOADED_IN} = $stamp.load " + _set_and_count("r", "a, b, ")


def create_link_statement() -> str:
    """The CREATE for a batch of relationships of ``$type`` that cannot exist yet.

    Rows are ``[start id, end id, properties]`` lists (lighter to send than maps).
    """
    return (
        "UNWIND $rows AS row MATCH (a:Entity {id: row[0]}) MATCH (b:Entity {id: row[1]}) "
        f"CREATE (a)-[r:$($type)]->(b) SET r = row[2], r += {_FIRST}"
    )


def statement_params(what: str, name: str) -> dict[str, Any]:
    """The labels of a node kind (``what`` "n") or the type of links (``what`` "l"): only
    names of the model, checked again here."""
    if what == "n":
        return {"labels": list(model.labels_of(model.KINDS[name].label))}
    return {"type": model.REL_TYPES[name].name}


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


#: ("n" or "l", kind or type, created rather than merged, a derived row's MERGE)
_Key = tuple[str, str, bool, bool]


@dataclass(frozen=True, slots=True)
class Batch:
    """One statement's rows, and how many input rows it accounts for (for progress)."""

    statement: str | None
    rows: list[Any]
    nodes: bool  # counts nodes (else relationships)
    merge: bool  # a MERGE that returns how many entities changed
    advance: int
    #: The statement's other parameters: labels or relationship type.
    params: dict[str, Any] = field(default_factory=dict)


class Batcher:
    """Groups rows into batches by statement; pure (no database), so it can run in a thread.

    ``node``/``link`` return the batches that became full; ``end_nodes`` flushes
    every node batch (links need both ends written), ``close`` everything.
    """

    def __init__(self, batch_size: int = DEFAULT_BATCH) -> None:
        self.batch_size = max(1, batch_size)
        self._buffers: dict[_Key, list[Any]] = {}
        self._advance = 0  # input rows seen since the last batch went out

    def skip(self) -> None:
        """An input row that needs no write (a repeat): progress still counts it."""
        self._advance += 1

    def node(self, row: NodeRow, create: bool) -> list[Batch]:
        value = {"id": row.id, **row.props} if create else {"id": row.id, "props": row.props}
        return self._add(("n", row.kind, create, row.derived and not create), value, row.derived)

    def link(self, row: LinkRow, create: bool) -> list[Batch]:
        tie = row.tie
        if create:
            value: Any = [tie.start, tie.end, tie.properties]
        else:
            value = {"start": tie.start, "end": tie.end, "props": tie.properties}
        return self._add(("l", tie.type, create, row.derived and not create), value, row.derived)

    def _add(self, key: _Key, value: Any, derived: bool) -> list[Batch]:
        buffer = self._buffers.setdefault(key, [])
        buffer.append(value)
        if not derived:
            self._advance += 1
        return [self._take(key)] if len(buffer) >= self.batch_size else []

    def _take(self, key: _Key) -> Batch:
        what, name, create, derived = key
        rows = self._buffers.pop(key)
        if what == "n":
            statement = create_node_statement() if create else node_statement(name, derived)
        else:
            statement = create_link_statement() if create else link_statement(derived)
        advance, self._advance = self._advance, 0
        return Batch(
            statement, rows, what == "n", not create and not derived, advance, statement_params(what, name)
        )

    def end_nodes(self) -> list[Batch]:
        return [self._take(k) for k in list(self._buffers) if k[0] == "n"]

    def close(self) -> list[Batch]:
        batches = self.end_nodes() + [self._take(k) for k in list(self._buffers)]
        if self._advance:
            batches.append(Batch(None, [], False, False, self._advance))
            self._advance = 0
        return batches


_KEEP_BEFORE = f"CREATE (b:{model.LOAD_BEFORE}) SET b = {{load: $load, n: $n, facts: $facts}}"


class Writer:
    """Runs batches in one open transaction and adds up what they created and changed.

    Every fact it writes is signed with ``stamp`` (who, when, and the load's token); the state
    before of each fact it changes is kept in ``LoadBefore`` records, so that the load can be
    undone (``explorer fact undo``).
    """

    def __init__(
        self,
        tx: neo4j.Transaction,
        on_rows: Callable[[int], None] = lambda _n: None,
        stamp: Mapping[str, str | None] | None = None,
    ) -> None:
        self.tx = tx
        self.on_rows = on_rows
        self.counts = Counts()
        self.stamp = {"at": None, "by": None, "load": None, **(stamp or {})}
        self._kept = 0

    def write(self, batches: Iterable[Batch]) -> Counts:
        for batch in batches:
            self.run(batch)
        return self.counts

    def run(self, batch: Batch) -> None:
        if batch.statement is not None and batch.rows:
            result = self.tx.run(literal(batch.statement), rows=batch.rows, stamp=self.stamp, **batch.params)
            record = result.single() if batch.merge else None
            counters = result.consume().counters
            changed = int(record["changed"]) if record is not None else 0
            # The transaction keeps every result, and each result its parameters, until the
            # commit: empty the rows so a million-row load does not stay in memory.
            batch.rows.clear()
            c = self.counts
            if batch.nodes:
                c.nodes_created += counters.nodes_created
                c.nodes_updated += max(0, changed - counters.nodes_created)
            else:
                c.rels_created += counters.relationships_created
                c.rels_updated += max(0, changed - counters.relationships_created)
            if record is not None and record["befores"]:
                self._keep(record["befores"], batch)
        if batch.advance:
            self.on_rows(batch.advance)

    def _keep(self, befores: list[dict[str, Any]], batch: Batch) -> None:
        """Keep the state before of the facts this batch changed (JSON, one record per batch)."""
        facts = []
        for b in befores:
            props = {k: _plain(v) for k, v in dict(b["props"]).items()}
            if batch.nodes:
                kind = model.kind_of(b["labels"]) or str(props.get("kind") or "")
                facts.append({"fact": "node", "kind": kind, "labels": list(b["labels"]), "props": props})
            else:
                ends = {"start": b["start"], "end": b["end"]}
                facts.append({"fact": "tie", "type": batch.params["type"], **ends, "props": props})
        self._kept += 1
        self.tx.run(
            literal(_KEEP_BEFORE),
            load=self.stamp["load"],
            n=self._kept,
            facts=json.dumps(facts, ensure_ascii=False, sort_keys=True),
        ).consume()


def _plain(value: Any) -> Any:
    """A property value as JSON keeps it (dates and times as their ISO text)."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
