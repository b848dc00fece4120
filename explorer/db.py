"""One driver per process, errors translated, and bounded read-only queries."""

from __future__ import annotations

import contextlib
import re
import socket
import ssl
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, LiteralString, cast
from urllib.parse import urlsplit

import neo4j
from neo4j import exceptions as neo

from explorer import defaults
from explorer.config import Settings
from explorer.errors import (
    AuthFailed,
    DatabaseUnavailable,
    ExplorerError,
    InvalidInput,
    QueryRefused,
    QueryTimeout,
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
    "translated",
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


def _unreachable_hint(settings: Settings) -> str:
    if settings.local:
        return "start it with `explorer db start`"
    return "check NEO4J_URI and that the server is up"


def _certificate_problem(error: BaseException) -> bool:
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(cause):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def _untrusted_certificate(uri: str | None) -> bool:
    """For a ``+s`` URI that failed: whether the server's certificate is what failed.

    The routing driver does not always keep the TLS error, so ask the server once more.
    """
    if not uri:
        return False
    parts = urlsplit(uri)
    if not parts.scheme.endswith("+s") or not parts.hostname:
        return False
    try:
        with (
            socket.create_connection((parts.hostname, parts.port or 7687), timeout=5) as raw,
            ssl.create_default_context().wrap_socket(raw, server_hostname=parts.hostname),
        ):
            return False
    except ssl.SSLCertVerificationError:
        return True
    except (OSError, ValueError):
        return False


@contextlib.contextmanager
def translated(settings: Settings) -> Iterator[None]:
    """Turn driver and server errors into the explorer's own, with the next step."""
    entered = time.time()
    try:
        yield
    except ExplorerError:
        raise
    except neo.AuthError as e:
        error = _client_error(e, settings)
        if not isinstance(error, AuthFailed):
            error = AuthFailed(
                f"Neo4j at {settings.where} refused the credentials", _credentials_hint(settings)
            )
        raise error from None
    except (neo.ServiceUnavailable, neo.SessionExpired, neo.IncompleteCommit) as e:
        restarted = _restarted(settings, entered)
        if restarted is not None:
            raise restarted from None
        if _certificate_problem(e) or _untrusted_certificate(settings.uri):
            raise DatabaseUnavailable(
                f"the TLS certificate of {settings.uri} is not trusted",
                "check the host name, or use neo4j+ssc:// for a self-signed certificate you trust",
            ) from None
        raise DatabaseUnavailable(
            f"cannot reach Neo4j at {settings.where}", _unreachable_hint(settings)
        ) from None
    except neo.ClientError as e:
        raise _client_error(e, settings) from None
    except neo.TransientError as e:
        if "OutOfMemory" in (e.code or ""):
            raise _out_of_memory(e) from None
        if "Timeout" in (e.code or "") or "Terminated" in (e.code or ""):
            raise QueryTimeout(
                "the query was stopped by its time limit", "narrow it or raise --timeout"
            ) from None
        raise DatabaseUnavailable(f"Neo4j is busy: {_first_line(e.message)}", "try again") from None
    except neo.DatabaseError as e:
        raise DatabaseUnavailable(f"Neo4j failed: {_first_line(e.message)}", "see the server log") from None
    except OSError as e:
        raise DatabaseUnavailable(
            f"cannot reach Neo4j at {settings.where}: {e}", _unreachable_hint(settings)
        ) from None


def _out_of_memory(e: neo.Neo4jError) -> QueryRefused:
    """A query refused by the server's memory limits (the memory Cypher tracks for a query)."""
    found = re.search(r"(db|dbms)\.memory\.transaction\.[a-z.]+", e.message or "")
    limit = f" ({found.group()})" if found else ""
    return QueryRefused(
        f"refused: the query needs more memory than the database allows a query{limit}",
        "narrow it: fewer rows, smaller lists and strings",
    )


def _restarted(settings: Settings, since: float) -> ExplorerError | None:
    """When the local database stopped itself during a query (one it could not stop in time, or
    out of memory) and its supervisor is restarting it: what to say."""
    if not settings.local:
        return None
    from explorer.localdb import LocalDatabase

    local = LocalDatabase(settings.home)
    reasons: list[str] = []
    deadline = time.monotonic() + 3.0  # the supervisor notes the restart as the launcher ends
    while not reasons and time.monotonic() < deadline and local.status().running:
        reasons = local.restarts_since(since)
        if not reasons:
            time.sleep(0.1)
    after = "the local database restarts and answers again in a few seconds"
    if "memory" in reasons:
        return QueryRefused(
            f"refused: the query needed more memory than the database has; {after}",
            "narrow it: fewer rows, smaller lists and strings",
        )
    if reasons:
        return QueryTimeout(
            f"the query ran past its time limit and could not be stopped there; {after}",
            "narrow it or raise --timeout",
        )
    if local.restarting():
        return DatabaseUnavailable(
            "the local database is restarting after stopping a query it could not bound",
            "it answers again in a few seconds",
        )
    return None


def _first_line(message: str | None) -> str:
    return (message or "").strip().splitlines()[0] if (message or "").strip() else "no message"


_POSITION = re.compile(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)")


def _shift_position(message: str, shift: int) -> str:
    """Positions in an error about ``EXPLAIN <query>`` given as positions in the query itself."""

    def moved(match: re.Match[str]) -> str:
        line, column, offset = (int(g) for g in match.groups())
        column = column - shift if line == 1 else column
        return f"(line {line}, column {max(column, 1)} (offset: {max(offset - shift, 0)}))"

    return _POSITION.sub(moved, message)


def _credentials_hint(settings: Settings) -> str:
    if settings.local:
        return "the password file was changed; restart with `explorer db stop && explorer db start`"
    return "check NEO4J_USERNAME and NEO4J_PASSWORD"


def _client_error(e: neo.ClientError, settings: Settings, shift: int = 0) -> ExplorerError:
    code = e.code or ""
    message = _shift_position(_first_line(e.message), shift) if shift else _first_line(e.message)
    if code.endswith("Statement.AccessMode") or code.endswith("ForbiddenOnReadOnlyDatabase"):
        return QueryRefused("refused: queries here are read-only and this one writes")
    if code.startswith("Neo.ClientError.Transaction.TransactionTimedOut") or "TransactionTimedOut" in code:
        return QueryTimeout("the query was stopped by its time limit", "narrow it or raise --timeout")
    if code.endswith("Transaction.Terminated") or code.endswith("Transaction.LockClientStopped"):
        return QueryTimeout("the query was stopped", "narrow it or raise --timeout")
    if code.endswith("Database.DatabaseNotFound"):
        return DatabaseUnavailable(
            f"Neo4j at {settings.uri} has no database {settings.database!r}", "check NEO4J_DATABASE"
        )
    if code.endswith(("Security.Unauthorized", "Security.CredentialsExpired", "Security.TokenExpired")):
        return AuthFailed(f"Neo4j at {settings.where} refused the credentials", _credentials_hint(settings))
    if "OutOfMemory" in code:
        return _out_of_memory(e)
    if code.endswith("Security.AuthenticationRateLimit"):
        return AuthFailed(
            f"Neo4j at {settings.where} locked the user {settings.username!r} after failed logins",
            "wait a few seconds, then check NEO4J_USERNAME and NEO4J_PASSWORD",
        )
    if code.startswith("Neo.ClientError.Security"):
        return QueryRefused(f"refused by Neo4j: {message}")
    if code.endswith("Statement.SyntaxError"):
        return InvalidInput(f"Cypher syntax error: {message}")
    if code.endswith("Statement.ParameterMissing"):
        return InvalidInput(f"{message}", "pass it with -p name=value")
    if code.endswith("Statement.ExternalResourceFailed"):
        return QueryRefused(f"refused: {message}")
    return InvalidInput(f"Neo4j refused the query: {message}")


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
                raise _client_error(e, settings, shift=len(_EXPLAIN)) from None
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
