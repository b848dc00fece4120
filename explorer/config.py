"""Settings, declared once: where the database is and how queries are bounded."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from explorer.errors import UsageError
from explorer.layouts import DEFAULT_SIZE as DEFAULT_LAYOUTS

__all__ = ["Settings", "explorer_home", "load_settings"]

DEFAULT_LOCAL_PORT = 7687


def explorer_home(env: Mapping[str, str] | None = None) -> Path:
    """``EXPLORER_HOME``, or ``~/.explorer``: the local database's data, port and password."""
    env = os.environ if env is None else env
    value = env.get("EXPLORER_HOME")
    return Path(value).expanduser() if value else Path.home() / ".explorer"


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    value = env.get(name)
    if not value:
        return default
    try:
        return float(value)
    except ValueError:
        raise UsageError(f"{name} must be a number of seconds, not {value!r}") from None


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise UsageError(f"{name} must be a whole number, not {value!r}") from None


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
    cli_timeout: float = 30.0
    #: Seconds a query from the explorer pages may run (``EXPLORER_UI_TIMEOUT``).
    ui_timeout: float = 15.0
    #: Rows returned before a result is cut with a truncation notice (``EXPLORER_ROW_CAP``).
    row_cap: int = 1000
    #: Graph layouts the explorer remembers, so a view drawn before shows at once (``EXPLORER_LAYOUTS``;
    #: 0 remembers none).
    layouts: int = DEFAULT_LAYOUTS

    def with_timeout(self, seconds: float) -> Settings:
        return replace(self, cli_timeout=seconds, ui_timeout=seconds)

    @property
    def where(self) -> str:
        """Where the database is, for messages (never the password)."""
        if self.uri is None:
            return f"the local database in {self.home} (not started)"
        db = f", database {self.database}" if self.database else ""
        return f"{self.uri}{db}"


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Settings from ``NEO4J_*`` variables, else the managed local database under ``EXPLORER_HOME``."""
    env = os.environ if env is None else env
    home = explorer_home(env)
    common: dict[str, Any] = {
        "home": home,
        "cli_timeout": _float(env, "EXPLORER_QUERY_TIMEOUT", 30.0),
        "ui_timeout": _float(env, "EXPLORER_UI_TIMEOUT", 15.0),
        "row_cap": _int(env, "EXPLORER_ROW_CAP", 1000),
        "layouts": _int(env, "EXPLORER_LAYOUTS", DEFAULT_LAYOUTS),
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
    from explorer.localdb import LocalDatabase

    local = LocalDatabase(home)
    port = local.port()
    return Settings(
        uri=f"bolt://127.0.0.1:{port}" if port and local.is_running() else None,
        username="neo4j",
        password=local.password() or "",
        database=None,
        local=True,
        **common,
    )


#: The project folder: saved queries, seeds and the local database's launcher live beside the code.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
CYPHER_DIR = PROJECT_ROOT / "cypher"
SEEDS_DIR = PROJECT_ROOT / "seeds"
