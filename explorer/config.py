"""Settings, declared once: where the database is and how queries are bounded."""

from __future__ import annotations

import getpass
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from explorer import defaults
from explorer.errors import UsageError

__all__ = [
    "Settings",
    "explorer_home",
    "load_settings",
    "machine_user",
    "seconds",
    "session_grace",
]

DEFAULT_LOCAL_PORT = 7687


def explorer_home(env: Mapping[str, str] | None = None) -> Path:
    """``EXPLORER_HOME``, or ``~/.explorer``: the local database's data, port and password."""
    env = os.environ if env is None else env
    value = env.get("EXPLORER_HOME")
    return Path(value).expanduser() if value else Path.home() / ".explorer"


#: The longest time limit a setting may give a query (a day): beyond is no limit at all.
MAX_SECONDS = 86_400.0


def seconds(value: Any, name: str) -> float:
    """A time limit in seconds: a finite number above 0 and at most a day."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        number = math.nan
    if not math.isfinite(number) or not 0 < number <= MAX_SECONDS:
        raise UsageError(
            f"{name} must be a number of seconds above 0 and at most {MAX_SECONDS:,.0f}, not {value!r}"
        )
    return number


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    value = env.get(name)
    return default if value is None or not value.strip() else seconds(value.strip(), name)


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    value = env.get(name)
    if value is None or not value.strip():
        return default
    text = value.strip()
    if not (text.isascii() and text.lstrip("+").isdigit()) or not low <= int(text) <= high:
        raise UsageError(f"{name} must be a whole number from {low:,} to {high:,}, not {value!r}")
    return int(text)


def _size(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    value = env.get(name)
    if value is None or not value.strip():
        return default
    match = re.fullmatch(r"(\d{1,10})\s*([kmg]?)b?", value.strip().lower())
    size = int(match.group(1)) << {"": 0, "k": 10, "m": 20, "g": 30}[match.group(2)] if match else -1
    if not low <= size <= high:
        raise UsageError(
            f"{name} must be a size from {low >> 10}k to {high >> 30}g (such as 32m), not {value!r}"
        )
    return size


@dataclass(frozen=True)
class Settings:
    """How to reach Neo4j and how much work a query may do."""

    #: Bolt or Neo4j URI (``bolt://``, ``neo4j://``, ``neo4j+s://`` ...); ``None``: the
    #: managed local database, not started yet.
    uri: str | None
    username: str = "neo4j"
    password: str = field(default="", repr=False)
    #: Database name; ``None`` uses the server's default database.
    database: str | None = None
    #: Where the managed local database lives.
    home: Path = field(default_factory=explorer_home)
    #: True when the settings point at the managed local database.
    local: bool = True
    #: Seconds a query from the command line may run (``EXPLORER_QUERY_TIMEOUT``).
    cli_timeout: float = defaults.CLI_TIMEOUT
    #: Seconds a query from the explorer pages may run (``EXPLORER_UI_TIMEOUT``).
    ui_timeout: float = defaults.UI_TIMEOUT
    #: Rows returned before a result is cut with a truncation notice (``EXPLORER_ROW_CAP``).
    row_cap: int = defaults.ROW_CAP
    #: Bytes of values returned before a result is cut with a notice (``EXPLORER_RESULT_SIZE``).
    result_size: int = defaults.RESULT_SIZE
    #: Graph layouts the explorer remembers, so a view drawn before shows at once (``EXPLORER_LAYOUTS``;
    #: 0 remembers none).
    layouts: int = defaults.LAYOUTS
    #: Seconds one article may take to read (``EXPLORER_INGEST_TIMEOUT``), and articles read at
    #: once, by as many worker processes (``EXPLORER_INGEST_WORKERS``).
    ingest_timeout: float = defaults.INGEST_TIMEOUT
    ingest_workers: int = defaults.INGEST_WORKERS
    #: Which face runs: the command line or the pages (it decides the time limit of queries).
    face: str = "cli"
    #: The team that "us" (``@us``) stands for when it asks for an introduction: entities (ids or
    #: names), the first one where its paths start (``EXPLORER_TEAM``; empty: no team).
    team: tuple[str, ...] = ()

    @property
    def timeout(self) -> float:
        """Seconds a query may run here: the pages' limit in the pages, else the command line's."""
        return self.ui_timeout if self.face == "pages" else self.cli_timeout

    def for_pages(self) -> Settings:
        """These settings as the explorer's pages use them (their own time limit)."""
        return replace(self, face="pages")

    @property
    def where(self) -> str:
        """Where the database is, for messages (never the password)."""
        if self.uri is None:
            return f"the local database in {self.home} (not started)"
        db = f", database {self.database}" if self.database else ""
        return f"{self.uri}{db}"


def _team(env: Mapping[str, str]) -> tuple[str, ...]:
    """``EXPLORER_TEAM``: ids or names separated by commas (or semicolons), each once."""
    value = env.get("EXPLORER_TEAM") or ""
    names = [part.strip() for part in re.split(r"[,;]", value) if part.strip()]
    if len(names) > defaults.MAX_TEAM:
        raise UsageError(f"EXPLORER_TEAM names {len(names)} entities: at most {defaults.MAX_TEAM}")
    return tuple(dict.fromkeys(names))


def machine_user() -> str:
    """Who runs this machine's commands: the operating system's user name (signs local changes)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no user name in this environment
        return f"uid-{os.getuid()}"


def session_grace(env: Mapping[str, str] | None = None) -> int:
    """Seconds the explorer keeps the session of a closed tab, for the tab to find its page again
    (``EXPLORER_SESSION_GRACE``); after that the session ends and its memory is given back."""
    env = os.environ if env is None else env
    return _int(env, "EXPLORER_SESSION_GRACE", defaults.SESSION_GRACE, 1, 86_400)


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment: ``NEO4J_*`` variables, else the managed local database under
    ``EXPLORER_HOME``, whose address and password the faces fill in when it runs
    (:func:`explorer.localdb.connecting.local_settings`). Reads variables only."""
    env = os.environ if env is None else env
    home = explorer_home(env)
    common: dict[str, Any] = {
        "home": home,
        "cli_timeout": _float(env, "EXPLORER_QUERY_TIMEOUT", defaults.CLI_TIMEOUT),
        "ui_timeout": _float(env, "EXPLORER_UI_TIMEOUT", defaults.UI_TIMEOUT),
        "row_cap": _int(env, "EXPLORER_ROW_CAP", defaults.ROW_CAP, 1, 1_000_000),
        "result_size": _size(env, "EXPLORER_RESULT_SIZE", defaults.RESULT_SIZE, 64 << 10, 1 << 30),
        "layouts": _int(env, "EXPLORER_LAYOUTS", defaults.LAYOUTS, 0, 10_000),
        "ingest_timeout": _float(env, "EXPLORER_INGEST_TIMEOUT", defaults.INGEST_TIMEOUT),
        "ingest_workers": _int(env, "EXPLORER_INGEST_WORKERS", defaults.INGEST_WORKERS, 1, 64),
        "team": _team(env),
    }
    if env.get("NEO4J_URI"):
        return Settings(
            uri=env["NEO4J_URI"],
            username=env.get("NEO4J_USERNAME") or env.get("NEO4J_USER") or "neo4j",
            password=env.get("NEO4J_PASSWORD", ""),
            database=env.get("NEO4J_DATABASE") or None,
            local=False,
            **common,
        )
    return Settings(uri=None, username="neo4j", password="", database=None, local=True, **common)
