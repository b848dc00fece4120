"""The history's chain: each change record numbered, chained to the one before by its hash, and
stored, in the transaction of the facts it records; the data version moved on with it. Records
are only ever created here; curation and the loaders both append through it."""

from __future__ import annotations

from collections.abc import Sequence

import neo4j

from explorer.database.session import literal
from explorer.database.writing import bump_data_version
from explorer.model.changes import Change

__all__ = ["append", "record_load"]

_HEAD = (
    "MERGE (h:ChangeLog {id: 'graph'}) ON CREATE SET h.seq = 0, h.hash = '' "
    "SET h.curation_lock = true REMOVE h.curation_lock RETURN h.seq AS seq, h.hash AS hash"
)
_APPEND = (
    "MATCH (h:ChangeLog {id: 'graph'}) SET h.seq = $id, h.hash = $hash CREATE (c:Change) SET c = $record"
)


def append(tx: neo4j.Transaction | neo4j.ManagedTransaction, change: Change) -> Change:
    """Number ``change``, chain it to the last record (locking the chain's head until the commit),
    store it, and move the data version on."""
    head = tx.run(literal(_HEAD)).single()
    assert head is not None
    sealed = change.sealed(int(head["seq"]) + 1, str(head["hash"] or ""))
    tx.run(literal(_APPEND), id=sealed.id, hash=sealed.hash, record=sealed.record()).consume()
    bump_data_version(tx)
    return sealed


def record_load(
    tx: neo4j.Transaction,
    who: str,
    files: Sequence[str],
    rows: int,
    counts: object,
    at: str,
    token: str | None = None,
) -> Change:
    """Record a load as one change (inside the load's own transaction): who, its files (by name),
    its counts, and the token that marks what it wrote (so that it can be undone)."""
    c = counts
    details = {
        "load": token,
        "files": list(files),
        "rows": rows,
        "nodes_created": getattr(c, "nodes_created", 0),
        "nodes_updated": getattr(c, "nodes_updated", 0),
        "relationships_created": getattr(c, "rels_created", 0),
        "relationships_updated": getattr(c, "rels_updated", 0),
    }
    return append(tx, Change(0, at, who, "admin", "load", details=details))
