"""The driver's and the server's errors as the explorer's own, each with the next step to take:
unreachable, untrusted certificate, refused credentials, read-only refusals, time and memory
limits, and the local database restarting after a query it had to stop."""

from __future__ import annotations

import contextlib
import re
import socket
import ssl
import time
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from neo4j import exceptions as neo

from explorer.config import Settings
from explorer.errors import (
    AuthFailed,
    DatabaseUnavailable,
    ExplorerError,
    InvalidInput,
    QueryRefused,
    QueryTimeout,
)

__all__ = ["LostProbe", "client_error", "on_connection_lost", "translated"]


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
        error = client_error(e, settings)
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
        raise client_error(e, settings) from None
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


#: What the faces know of a database that stopped under a query (the managed local one tells why
#: and restarts): asked when the connection is lost, with the settings and when the work began.
LostProbe = Callable[[Settings, float], ExplorerError | None]
_PROBES: list[LostProbe] = []


def on_connection_lost(probe: LostProbe) -> None:
    """Ask ``probe`` what to say when the connection is lost (once per probe)."""
    if probe not in _PROBES:
        _PROBES.append(probe)


def _restarted(settings: Settings, since: float) -> ExplorerError | None:
    for probe in _PROBES:
        found = probe(settings, since)
        if found is not None:
            return found
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


def client_error(e: neo.ClientError, settings: Settings, shift: int = 0) -> ExplorerError:
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
