"""A load in transactions of bounded size, still all or nothing.

A load goes through three steps, each transaction small enough for the default database:

1. **Writing**, chunk by chunk, each chunk committed: the nodes it adds go in under ``Loading``
   only (no read of the graph meets them), with the links between two of them; the rows that
   would change or link entities already there are kept aside (``LoadStep``). A load stopped
   here (an error, Ctrl+C, ``kill -9`` of the loader or of the database) is taken back:
   everything carrying its token goes.
2. **The decision**: one small transaction marks it as publishing.
3. **Publishing** (``loaders.publish``): the rows kept aside are written, the new nodes take
   their labels, and the last transaction records the load in the history. A load stopped here
   is finished, never taken back: readers may have seen part of it, and all of it stays.

One ``LoadMark`` node says where the load under way stands (one load at a time), and the loader
keeps a transaction open for as long as it runs, tagged with the load's token: a mark whose
keeper is gone belongs to a load that died. The next command finds it (``loaders.publish.recover``)
and takes the load back or finishes it.
"""

from __future__ import annotations

import contextlib
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import exceptions as neo

from explorer import defaults, model
from explorer.config import Settings
from explorer.database.session import as_query, literal
from explorer.database.writing import write_session
from explorer.errors import ExplorerError, InvalidInput
from explorer.loaders.writer import Batch, Counts, Writer, encode_rows

__all__ = [
    "MARK_ID",
    "Mark",
    "Underway",
    "keeper",
    "read_mark",
    "roll_back",
    "someone_else_keeps",
]

#: The one load mark's id: one load at a time.
MARK_ID = "load"
#: The key of the load's token in its keeper transaction's metadata.
_KEEPER_KEY = "explorer_load"

_READ_MARK = f"MATCH (m:{model.LOAD_MARK} {{id: $id}}) RETURN properties(m) AS mark"
_BEGIN = f"MERGE (m:{model.LOAD_MARK} {{id: $id}}) ON CREATE SET m += $mark RETURN properties(m) AS mark"
_BEAT = f"MATCH (m:{model.LOAD_MARK} {{id: $id, load: $load}}) SET m.beat = $beat"
_STAGE = f"CREATE (s:{model.LOAD_STEP}) SET s = $step"
_CONFLICT = (
    f"MATCH (n:{model.LOADING}) WHERE n.{model.LOADED_IN} = $load "
    "AND (EXISTS { MATCH (:Entity {id: n.id}) } OR EXISTS { MATCH (:Source {id: n.id}) } "
    "OR EXISTS { MATCH (:Retired {id: n.id}) }) RETURN n.id AS id LIMIT 1"
)
_DECIDE = (
    f"MATCH (m:{model.LOAD_MARK} {{id: $id, load: $load}}) "
    "SET m.phase = 'publishing', m.counts = $counts, m.beat = $beat RETURN count(m) AS n"
)
_TAKE_BACK = (
    f"MATCH (n:{model.LOADING}) WHERE n.{model.LOADED_IN} = $load "
    "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS",
    f"MATCH (s:{model.LOAD_STEP} {{load: $load}}) CALL (s) {{ DELETE s }} IN TRANSACTIONS OF 20 ROWS",
    f"MATCH (b:{model.LOAD_BEFORE} {{load: $load}}) CALL (b) {{ DELETE b }} IN TRANSACTIONS OF 1000 ROWS",
    f"MATCH (m:{model.LOAD_MARK} {{id: $id, load: $load}}) DELETE m",
)
_KEEPERS = (
    "SHOW TRANSACTIONS YIELD metaData WHERE metaData[$key] = $load AND metaData.by <> $by "
    "RETURN count(*) AS n"
)


@dataclass(frozen=True)
class Mark:
    """Where the load under way stands, as its ``LoadMark`` says."""

    load: str
    phase: str  # "writing" or "publishing"
    by: str
    at: str
    user: str
    files: tuple[str, ...]
    rows: int
    counts: Counts
    beat: float

    @classmethod
    def of(cls, props: dict[str, Any]) -> Mark:
        return cls(
            load=str(props.get("load") or ""),
            phase=str(props.get("phase") or "writing"),
            by=str(props.get("by") or ""),
            at=str(props.get("at") or ""),
            user=str(props.get("user") or ""),
            files=tuple(str(f) for f in props.get("files") or ()),
            rows=int(props.get("rows") or 0),
            counts=Counts(*(int(c) for c in (props.get("counts") or (0, 0, 0, 0)))),
            beat=float(props.get("beat") or 0.0),
        )

    @property
    def stamp(self) -> dict[str, str]:
        """How the facts of this load are signed: who, when, which load."""
        return {"at": self.at, "by": self.by, "load": self.load}


def read_mark(driver: neo4j.Driver, settings: Settings) -> Mark | None:
    """The mark of the load under way (or left by one that died), if any."""
    records, _, _ = driver.execute_query(
        literal(_READ_MARK), id=MARK_ID, database_=settings.database, routing_=neo4j.RoutingControl.READ
    )
    return Mark.of(dict(records[0]["mark"])) if records else None


@contextlib.contextmanager
def keeper(driver: neo4j.Driver, settings: Settings, load: str) -> Iterator[str]:
    """A transaction kept open, tagged with ``load``, while the block runs: the sign that someone
    works on that load (it ends with the process, however the process ends). Yields the tag that
    tells this keeper from others."""
    by = secrets.token_hex(8)
    with driver.session(database=settings.database) as session:
        tx = session.begin_transaction(metadata={_KEEPER_KEY: load, "by": by}, timeout=defaults.LOAD_TIMEOUT)
        try:
            tx.run(literal("RETURN 1")).consume()
            yield by
        finally:
            with contextlib.suppress(neo.Neo4jError, neo.DriverError, OSError):
                tx.rollback()


def someone_else_keeps(driver: neo4j.Driver, settings: Settings, mark: Mark, by: str) -> bool:
    """Whether another process works on the load of ``mark`` (its keeper transaction is open).

    Transactions of another database user cannot be seen: a load started by another user counts
    as alive until its mark has not moved for ``defaults.LOAD_STALE`` seconds.
    """
    if mark.user and mark.user != settings.username:
        return time.time() - mark.beat < defaults.LOAD_STALE
    records, _, _ = driver.execute_query(
        literal(_KEEPERS), key=_KEEPER_KEY, load=mark.load, by=by, database_=settings.database
    )
    return bool(records and records[0]["n"])


def roll_back(driver: neo4j.Driver, settings: Settings, load: str) -> None:
    """Take back everything the load ``load`` wrote before its decision, then its mark (each
    statement commits in small transactions: stopped half-way, it is simply run again)."""
    with write_session(driver, settings) as session:
        for statement in _TAKE_BACK:
            session.run(as_query(statement), id=MARK_ID, load=load).consume()


class Underway:
    """A load being written: chunks committed as they fill, rows kept aside, then the decision.

    ``begin`` opens the keeper and sets the mark; leaving the block without ``decide`` having
    run takes back everything written (and an exception goes on up).
    """

    def __init__(
        self, driver: neo4j.Driver, settings: Settings, writer: Writer, chunk_rows: int = defaults.LOAD_CHUNK
    ) -> None:
        self.driver = driver
        self.chunk_rows = max(1, chunk_rows)
        self.settings = settings
        self.writer = writer
        self.load = str(writer.stamp["load"])
        self.decided = False
        self._session: neo4j.Session | None = None
        self._tx: neo4j.Transaction | None = None
        self._in_chunk = 0
        self._steps = 0

    @classmethod
    @contextlib.contextmanager
    def begin(
        cls,
        driver: neo4j.Driver,
        settings: Settings,
        writer: Writer,
        files: list[str],
        rows: int,
        chunk_rows: int = defaults.LOAD_CHUNK,
    ) -> Iterator[Underway]:
        self = cls(driver, settings, writer, chunk_rows)
        stamp = writer.stamp
        with keeper(driver, settings, self.load):
            mark = {
                "load": self.load,
                "phase": "writing",
                "by": stamp["by"],
                "at": stamp["at"],
                "user": settings.username,
                "files": files,
                "rows": rows,
                "beat": time.time(),
            }
            records, _, _ = driver.execute_query(
                literal(_BEGIN), id=MARK_ID, mark=mark, database_=settings.database
            )
            found = Mark.of(dict(records[0]["mark"]))
            if found.load != self.load:
                raise InvalidInput(
                    f"another load is under way ({found.rows:,} rows, started by {found.by} at {found.at})",
                    "load again once it has ended",
                )
            with write_session(driver, settings) as session:
                self._session = session
                try:
                    yield self
                except BaseException:
                    self._abandon()
                    raise
                finally:
                    self._session = None

    @property
    def staged(self) -> bool:
        """Whether rows were kept aside, to write once the load is decided."""
        return self._steps > 0

    def _chunk(self) -> neo4j.Transaction:
        if self._tx is None:
            assert self._session is not None
            self._tx = self._session.begin_transaction(timeout=defaults.LOAD_TIMEOUT)
        return self._tx

    def write(self, batch: Batch) -> None:
        """Write ``batch`` out of sight (new nodes, links between them), or keep it aside."""
        size = len(batch.rows)
        if batch.staged and batch.rows:
            self._steps += 1
            step = {
                "load": self.load,
                "n": self._steps,
                "what": batch.key[0] if batch.key else "",
                "name": batch.key[1] if batch.key else "",
                "mode": batch.key[2] if batch.key else "",
                "derived": bool(batch.key and batch.key[3]),
                "size": size,
                "rows": encode_rows(batch.rows),
            }
            self._chunk().run(literal(_STAGE), step=step).consume()
            batch.rows.clear()
            if batch.advance:
                self.writer.on_rows(batch.advance)
        else:
            self.writer.run(self._chunk(), batch)
        self._in_chunk += size
        if self._in_chunk >= self.chunk_rows:
            self.commit()

    def commit(self) -> None:
        """Commit the chunk being written (and note that the load is alive)."""
        if self._tx is None:
            return
        self._tx.run(literal(_BEAT), id=MARK_ID, load=self.load, beat=time.time()).consume()
        self._tx.commit()
        self._tx = None
        self._in_chunk = 0

    def decide(self) -> None:
        """Commit the last chunk, check that no entity of this load was added meanwhile by someone
        else, and decide: from here on the load is finished, never taken back."""
        self.commit()
        assert self._session is not None
        with self._session.begin_transaction(timeout=defaults.LOAD_TIMEOUT) as tx:
            found = tx.run(literal(_CONFLICT), load=self.load).single()
            if found is not None:
                raise InvalidInput(
                    f"{found['id']} was added to the graph while this load was being written; "
                    "nothing was loaded",
                    "load again",
                )
            counts = list(self.writer.counts.astuple())
            tx.run(literal(_DECIDE), id=MARK_ID, load=self.load, counts=counts, beat=time.time()).consume()
            tx.commit()
        self.decided = True

    def _abandon(self) -> None:
        """Take back what was written (best effort: the next command does it otherwise)."""
        if self._tx is not None:
            with contextlib.suppress(neo.Neo4jError, neo.DriverError, OSError):
                self._tx.close()
            self._tx = None
        if self.decided:
            return
        with contextlib.suppress(ExplorerError, neo.Neo4jError, neo.DriverError, OSError):
            roll_back(self.driver, self.settings, self.load)
