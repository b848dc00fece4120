"""One driver per process, bounded read-only queries, the schema and the data version (the
driver's errors are translated by :mod:`explorer.database.errors`)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import Any, LiteralString, cast

import neo4j
from neo4j import exceptions as neo

from explorer import defaults
from explorer.config import Settings
from explorer.database.errors import client_error, translated
from explorer.database.guard import check_params, check_plan, check_text
from explorer.database.results import QueryResult, collect
from explorer.errors import (
    DatabaseUnavailable,
    UsageError,
)

__all__ = [
    "Reader",
    "as_query",
    "connect",
    "data_version",
    "literal",
    "read_query",
    "read_session",
    "reading",
]

USER_AGENT = "cluster-atlas/0.1"
#: The URI schemes of Neo4j's Bolt protocol (a single server, or routing to a cluster or Aura).
BOLT_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})


def connect(settings: Settings) -> neo4j.Driver:
    """The driver for ``settings``; build one per process and pass it around."""
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


#: Moves the graph's data version on; every write transaction runs it before its commit.
_VERSION = "OPTIONAL MATCH (v:DataVersion {id: 'graph'}) RETURN v.token + ':' + v.version AS version"


def data_version(driver: neo4j.Driver, settings: Settings) -> str:
    """The graph's data version: it changes with every write (a load, a curation), so answers
    cached under it are never stale. Empty before the first write."""
    with reading(driver, settings) as read:
        record = read.one(_VERSION)
        return str(record["version"]) if record and record["version"] is not None else ""
