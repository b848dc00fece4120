"""One driver per process, bounded read-only queries, the schema and the data version (the
driver's errors are translated by :mod:`explorer.dberrors`)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, LiteralString, cast

import neo4j
from neo4j import exceptions as neo

from explorer import defaults
from explorer.config import Settings
from explorer.dberrors import client_error, translated
from explorer.errors import (
    DatabaseUnavailable,
    UsageError,
)
from explorer.guard import check_params, check_plan, check_text
from explorer.resources import schema_dir
from explorer.results import QueryResult, collect

__all__ = [
    "Reader",
    "Schema",
    "apply_schema",
    "as_query",
    "bump_data_version",
    "connect",
    "data_version",
    "literal",
    "read_query",
    "read_session",
    "reading",
    "refresh_statistics",
    "write_session",
]

USER_AGENT = "cluster-atlas/0.1"
#: The URI schemes of Neo4j's Bolt protocol (a single server, or routing to a cluster or Aura).
BOLT_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})


def connect(settings: Settings) -> neo4j.Driver:
    """The driver for ``settings``; build one per process and pass it around.

    The local database restarting (after a query it had to stop) is waited for.
    """
    if settings.uri is None:
        raise DatabaseUnavailable(
            f"the local database in {settings.home} is not running",
            "start it with `explorer db start`, or set NEO4J_URI",
        )
    scheme = settings.uri.split("://", 1)[0].strip().lower() if "://" in settings.uri else ""
    if scheme not in BOLT_SCHEMES:
        raise UsageError(
            f"cannot use NEO4J_URI {settings.uri!r}: the explorer speaks Bolt",
            f"give a URI starting with {', '.join(s + '://' for s in sorted(BOLT_SCHEMES))}",
        )
    if settings.local:
        from explorer.localdb import LocalDatabase

        local = LocalDatabase(settings.home)
        if local.restarting():
            local.wait_until_answering(120.0)
    try:
        return neo4j.GraphDatabase.driver(
            settings.uri,
            auth=(settings.username, settings.password),
            user_agent=USER_AGENT,
            connection_timeout=10.0,
            connection_acquisition_timeout=30.0,
            max_transaction_retry_time=5.0,
            notifications_min_severity="OFF",
        )
    except (ValueError, neo.ConfigurationError, ImportError) as e:
        raise UsageError(f"cannot use NEO4J_URI {settings.uri!r}: {e}") from None


def literal(text: str) -> LiteralString:
    """Query text from files, the model or the user, typed as the driver wants (cast once, here)."""
    return cast(LiteralString, text)


def as_query(text: str, timeout: float | None = None) -> neo4j.Query:
    """A query object with a time limit, for ``session.run``."""
    return neo4j.Query(literal(text), timeout=timeout)


@contextlib.contextmanager
def read_session(
    driver: neo4j.Driver, settings: Settings, fetch_size: int | None = None
) -> Iterator[neo4j.Session]:
    """A read session, errors translated; ``fetch_size`` records streamed at a time."""
    with translated(settings):
        session = (
            driver.session(
                database=settings.database, default_access_mode=neo4j.READ_ACCESS, fetch_size=fetch_size
            )
            if fetch_size
            else driver.session(database=settings.database, default_access_mode=neo4j.READ_ACCESS)
        )
        with session:
            yield session


@contextlib.contextmanager
def write_session(driver: neo4j.Driver, settings: Settings) -> Iterator[neo4j.Session]:
    with (
        translated(settings),
        driver.session(database=settings.database, default_access_mode=neo4j.WRITE_ACCESS) as session,
    ):
        yield session


class Reader:
    """Bounded reads in one read session: every query with the same time limit."""

    def __init__(self, session: neo4j.Session, timeout: float) -> None:
        self.session = session
        self.timeout = timeout

    def rows(self, text: str, **params: Any) -> list[neo4j.Record]:
        """Every record of one query."""
        return list(self.session.run(as_query(text, self.timeout), params))

    def one(self, text: str, **params: Any) -> neo4j.Record | None:
        """The first record of one query (``None`` when there is none)."""
        found = self.rows(text, **params)
        return found[0] if found else None


@contextlib.contextmanager
def reading(driver: neo4j.Driver, settings: Settings, timeout: float | None = None) -> Iterator[Reader]:
    """A :class:`Reader` on a read session (errors become the explorer's own)."""
    with read_session(driver, settings) as session:
        yield Reader(session, settings.timeout if timeout is None else timeout)


_EXPLAIN = "EXPLAIN "


def read_query(
    driver: neo4j.Driver,
    settings: Settings,
    text: str,
    params: Mapping[str, Any] | None = None,
    *,
    timeout: float | None = None,
    row_cap: int | None = None,
    check: bool = True,
) -> QueryResult:
    """Run ``text`` in a READ transaction, bounded in time, rows and bytes.

    With ``check`` (the default for anything a user typed or saved) the text is refused
    when too long or deep to parse safely, then the query is planned with ``EXPLAIN`` and
    refused unless it only reads.
    """
    timeout = settings.timeout if timeout is None else timeout
    cap = settings.row_cap if row_cap is None else row_cap
    params = dict(params or {})
    check_params(params)
    if check:
        check_text(text)
    with read_session(driver, settings, fetch_size=min(cap + 1, defaults.FETCH_SIZE)) as session:
        if check:
            try:
                planned = session.run(as_query(_EXPLAIN + text, timeout), params).consume()
            except neo.ClientError as e:
                raise client_error(e, settings, shift=len(_EXPLAIN)) from None
            check_plan(planned.query_type, planned.plan)
        with session.begin_transaction(timeout=timeout) as tx:
            result = tx.run(literal(text), params)
            return collect(result, cap, settings.result_size)


@dataclass(frozen=True)
class Schema:
    """The statements that set up constraints and indexes, from ``cypher/schema/``."""

    statements: tuple[str, ...] = field(default=())

    @classmethod
    def from_folder(cls, folder: Path | None = None) -> Schema:
        statements: list[str] = []
        for path in sorted((folder or schema_dir()).glob("*.cypher")):
            lines = path.read_text(encoding="utf-8").splitlines()
            text = "\n".join(line for line in lines if not line.strip().startswith("//"))
            statements += [s.strip() for s in text.split(";") if s.strip()]
        return cls(tuple(statements))


def apply_schema(driver: neo4j.Driver, settings: Settings) -> None:
    """Create the constraints and full-text index if missing (idempotent), then wait for them."""
    with write_session(driver, settings) as session:
        for statement in Schema.from_folder().statements:
            session.run(as_query(statement)).consume()
        session.run(as_query("CALL db.awaitIndexes(300)")).consume()


#: Moves the graph's data version on; every write transaction runs it before its commit.
_BUMP = (
    "MERGE (v:DataVersion {id: 'graph'}) ON CREATE SET v.token = randomUUID(), v.version = 0 "
    "SET v.version = v.version + 1, v.changed_at = datetime() RETURN v.token + ':' + v.version AS version"
)
_VERSION = "OPTIONAL MATCH (v:DataVersion {id: 'graph'}) RETURN v.token + ':' + v.version AS version"


def bump_data_version(tx: neo4j.Transaction | neo4j.ManagedTransaction) -> str:
    """Move the data version on, inside a write transaction (so readers see the change at once)."""
    record = tx.run(literal(_BUMP)).single()
    return str(record["version"]) if record else ""


def data_version(driver: neo4j.Driver, settings: Settings) -> str:
    """The graph's data version: it changes with every write (a load, a curation), so answers
    cached under it are never stale. Empty before the first write."""
    with reading(driver, settings) as read:
        record = read.one(_VERSION)
        return str(record["version"]) if record and record["version"] is not None else ""


def refresh_statistics(driver: neo4j.Driver, settings: Settings, seconds: int = 120) -> bool:
    """Resample the indexes and drop the server's cached plans, after a load changed the graph.

    Right after a large load the server still has its indexes sampled as they were, and
    plans made then can be far off (a scan of the whole id index for each id looked up,
    cached for every later query). Waits until the indexes are resampled; ``False`` when
    the server does not allow it (a user without the privilege): it then resamples on its
    own, later.
    """
    with write_session(driver, settings) as session:
        try:
            session.run(as_query("CALL db.prepareForReplanning($seconds)"), seconds=seconds).consume()
        except neo.ClientError as e:  # Security.Forbidden, Procedure.ProcedureNotFound
            if e.code and ("Security" in e.code or "Procedure" in e.code):
                return False
            raise
    return True
