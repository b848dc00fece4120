"""The batched writer: UNWIND ... CREATE or MERGE in batches, each run in a transaction it is given.

Rows are grouped by statement into batches. A batch is one of three modes:

- ``new``: nodes that are not in the database yet, and the links between two of them. They are
  written at once, out of sight: a new node carries only the ``Loading`` label (its labels to
  come are kept beside it) until the load is decided, and a link between two such nodes can be
  met only through them.
- ``create``: links that cannot exist yet but touch an entity already there;
- ``merge``: nodes and links that may be there already (``MERGE``, which also counts what a
  reload changed and keeps the state before of each fact it changes, so that the load can be
  undone).

``create`` and ``merge`` batches would show at once on the graph everyone reads: the load keeps
them aside (``LoadStep``) and runs them once it is decided (``loaders.transactions``).

Labels and relationship types travel as parameters (``$($labels)``, ``$($type)``, taken from the
model's allow-list), so a load uses a handful of statements whatever the kinds and types in its
files: each is planned once, and a fresh server spends seconds compiling each new statement.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import neo4j

from explorer import defaults, model
from explorer.database.session import literal
from explorer.model.facts import LinkRow, NodeRow

__all__ = [
    "DEFAULT_BATCH",
    "Batch",
    "Batcher",
    "Counts",
    "Key",
    "Writer",
    "create_link_statement",
    "create_node_statement",
    "decode_rows",
    "encode_rows",
    "link_statement",
    "node_statement",
    "statement_params",
]

#: Rows per statement (the explorer's one default).
DEFAULT_BATCH = defaults.BATCH_SIZE

Mode = Literal["new", "create", "merge"]


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
    """The CREATE for a batch of nodes that are not in the database yet, with ``$labels``: out of
    sight under ``Loading`` until the load is published (``loaders.transactions``)."""
    return (
        f"UNWIND $rows AS row CREATE (n:{model.LOADING}) SET n = row, n += {_FIRST}, "
        f"n.{model.LOADING_LABELS} = $labels"
    )


def link_statement(derived: bool) -> str:
    """The MERGE for a batch of relationships of ``$type`` between existing entities."""
    head = (
        "UNWIND $rows AS row MATCH (a:Entity {id: row.start}) MATCH (b:Entity {id: row.end}) "
        "MERGE (a)-[r:$($type)]->(b) "
    )
    if derived:
        return head + f"ON CREATE SET r += row.props, r += {_FIRST} WITH count(*) AS _ RETURN 0 AS changed"
    return head + f"ON CREATE SET r.{model.LOADED_IN} = $stamp.load " + _set_and_count("r", "a, b, ")


def create_link_statement(new: bool = False) -> str:
    """The CREATE for a batch of relationships of ``$type`` that cannot exist yet: between two
    nodes of this load still out of sight (``new``), or touching an entity already there.

    Rows are ``[start id, end id, properties]`` lists (lighter to send than maps).
    """
    ends = model.LOADING if new else model.ENTITY
    return (
        f"UNWIND $rows AS row MATCH (a:{ends} {{id: row[0]}}) MATCH (b:{ends} {{id: row[1]}}) "
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


#: ("n" or "l", kind or type, mode, a derived row's MERGE): which statement a batch runs.
Key = tuple[str, str, Mode, bool]


@dataclass(frozen=True, slots=True)
class Batch:
    """One statement's rows, and how many input rows it accounts for (for progress)."""

    key: Key | None
    rows: list[Any]
    advance: int

    @property
    def nodes(self) -> bool:
        """Whether it counts nodes (else relationships)."""
        return self.key is not None and self.key[0] == "n"

    @property
    def staged(self) -> bool:
        """Whether it waits until the load is decided (it would show at once)."""
        return self.key is not None and self.key[2] != "new"

    @property
    def merge(self) -> bool:
        """A MERGE that returns how many facts changed and their states before."""
        return self.key is not None and self.key[2] == "merge" and not self.key[3]

    @property
    def statement(self) -> str | None:
        if self.key is None:
            return None
        what, _name, mode, derived = self.key
        if what == "n":
            return create_node_statement() if mode == "new" else node_statement(self.key[1], derived)
        return create_link_statement(mode == "new") if mode != "merge" else link_statement(derived)

    @property
    def params(self) -> dict[str, Any]:
        return statement_params(self.key[0], self.key[1]) if self.key is not None else {}


class Batcher:
    """Groups rows into batches by statement; pure (no database), so it can run in a thread.

    ``node``/``link`` return the batches that became full; ``end_nodes`` flushes
    every node batch (links need both ends written), ``close`` everything.
    """

    def __init__(self, batch_size: int = DEFAULT_BATCH) -> None:
        self.batch_size = max(1, batch_size)
        self._buffers: dict[Key, list[Any]] = {}
        self._advance = 0  # input rows seen since the last batch went out

    def skip(self) -> None:
        """An input row that needs no write (a repeat): progress still counts it."""
        self._advance += 1

    def node(self, row: NodeRow, new: bool) -> list[Batch]:
        value = {"id": row.id, **row.props} if new else {"id": row.id, "props": row.props}
        mode: Mode = "new" if new else "merge"
        return self._add(("n", row.kind, mode, row.derived and not new), value, row.derived)

    def link(self, row: LinkRow, new_ends: int) -> list[Batch]:
        """A link row; ``new_ends``: how many of its ends the load adds (0, 1 or 2)."""
        tie = row.tie
        mode: Mode = "new" if new_ends == 2 else "create" if new_ends else "merge"
        if new_ends:
            value: Any = [tie.start, tie.end, tie.properties]
        else:
            value = {"start": tie.start, "end": tie.end, "props": tie.properties}
        return self._add(("l", tie.type, mode, row.derived and not new_ends), value, row.derived)

    def _add(self, key: Key, value: Any, derived: bool) -> list[Batch]:
        buffer = self._buffers.setdefault(key, [])
        buffer.append(value)
        if not derived:
            self._advance += 1
        return [self._take(key)] if len(buffer) >= self.batch_size else []

    def _take(self, key: Key) -> Batch:
        advance, self._advance = self._advance, 0
        return Batch(key, self._buffers.pop(key), advance)

    def end_nodes(self) -> list[Batch]:
        return [self._take(k) for k in list(self._buffers) if k[0] == "n"]

    def close(self) -> list[Batch]:
        batches = self.end_nodes() + [self._take(k) for k in list(self._buffers)]
        if self._advance:
            batches.append(Batch(None, [], self._advance))
            self._advance = 0
        return batches


# -- rows kept aside until the load is decided ----------------------------------------------

_TYPED = "\u0000"  # a JSON object with this one key holds a date or time (JSON has none)


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return {_TYPED: [type(value).__name__, value.isoformat()]}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1 and _TYPED in value:
            kind, text = value[_TYPED]
            if kind == "datetime":
                return dt.datetime.fromisoformat(text)
            return dt.date.fromisoformat(text) if kind == "date" else dt.time.fromisoformat(text)
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def encode_rows(rows: list[Any]) -> str:
    """A batch's rows as text to keep in the database (dates and times kept as such)."""
    return json.dumps(_encode(rows), ensure_ascii=False, separators=(",", ":"))


def decode_rows(text: str) -> list[Any]:
    """The rows ``encode_rows`` kept, as they were."""
    return list(_decode(json.loads(text)))


_KEEP_BEFORE = f"CREATE (b:{model.LOAD_BEFORE}) SET b = {{load: $load, n: $n, facts: $facts}}"


class Writer:
    """Runs batches in the transactions it is given and adds up what they created and changed.

    Every fact it writes is signed with ``stamp`` (who, when, and the load's token); the state
    before of each fact it changes is kept in ``LoadBefore`` records, so that the load can be
    undone (``explorer fact undo``).
    """

    def __init__(
        self, stamp: Mapping[str, str | None], on_rows: Callable[[int], None] = lambda _n: None
    ) -> None:
        self.on_rows = on_rows
        self.counts = Counts()
        self.stamp = {"at": None, "by": None, "load": None, **stamp}

    def run(self, tx: neo4j.Transaction, batch: Batch, n: int = 0) -> Counts:
        """Run ``batch`` in ``tx``; ``n`` numbers the record of the states before it keeps."""
        added = Counts()
        statement = batch.statement
        if statement is not None and batch.rows:
            result = tx.run(literal(statement), rows=batch.rows, stamp=self.stamp, **batch.params)
            record = result.single() if batch.merge else None
            counters = result.consume().counters
            changed = int(record["changed"]) if record is not None else 0
            # The transaction keeps every result, and each result its parameters, until the
            # commit: empty the rows so that they do not stay in memory.
            batch.rows.clear()
            if batch.nodes:
                added.nodes_created = counters.nodes_created
                added.nodes_updated = max(0, changed - counters.nodes_created)
            else:
                added.rels_created = counters.relationships_created
                added.rels_updated = max(0, changed - counters.relationships_created)
            if record is not None and record["befores"]:
                self._keep(tx, record["befores"], batch, n)
        self.counts = self.counts + added
        if batch.advance:
            self.on_rows(batch.advance)
        return added

    def _keep(self, tx: neo4j.Transaction, befores: list[dict[str, Any]], batch: Batch, n: int) -> None:
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
        tx.run(
            literal(_KEEP_BEFORE),
            load=self.stamp["load"],
            n=n,
            facts=json.dumps(facts, ensure_ascii=False, sort_keys=True),
        ).consume()


def _plain(value: Any) -> Any:
    """A property value as JSON keeps it (dates and times as their ISO text)."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
