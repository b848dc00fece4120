"""What the faces (command line, pages) do for the managed local database before and while they use
it: its address and password in the settings, a wait while it restarts, and what to say when it
stopped under a query. The library itself never looks at processes."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import replace

import neo4j

from explorer.config import Settings, load_settings
from explorer.database import errors, session
from explorer.errors import DatabaseUnavailable, ExplorerError, QueryRefused, QueryTimeout
from explorer.localdb.server import LocalDatabase

__all__ = ["connect", "local_settings", "restart_error"]


def local_settings(env: Mapping[str, str] | None = None) -> Settings:
    """The settings of the environment, with the local database's address and password when
    ``NEO4J_URI`` is unset (no address while it is stopped)."""
    settings = load_settings(env)
    if not settings.local:
        return settings
    local = LocalDatabase(settings.home)
    status = local.status()
    return replace(settings, uri=status.uri if status.running else None, password=local.password() or "")


def connect(settings: Settings) -> neo4j.Driver:
    """The driver for ``settings``, once a local database that is restarting (after a query it
    had to stop) answers again; its restarts are then told apart from other lost connections."""
    if settings.local:
        errors.on_connection_lost(restart_error)
        local = LocalDatabase(settings.home)
        if local.restarting():
            local.wait_until_answering(120.0)
    return session.connect(settings)


def restart_error(settings: Settings, since: float) -> ExplorerError | None:
    """When the local database stopped itself during a query (one it could not stop in time, or
    out of memory) and its supervisor is restarting it: what to say."""
    if not settings.local:
        return None
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
