"""Where the explorer's own files are: saved queries, the schema, the seed data, the app's settings.

An installed wheel carries them inside the package (``explorer/cypher``, ``explorer/seeds``);
a checkout keeps them at the top of the project (``cypher/``, ``seeds/``). ``EXPLORER_CYPHER``
and ``EXPLORER_SEEDS`` name other folders.
"""

from __future__ import annotations

import os
from pathlib import Path

from explorer.errors import UsageError

__all__ = ["PACKAGE", "cypher_dir", "schema_dir", "seeds_dir"]

PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = PACKAGE.parent


def _folder(name: str, variable: str | None) -> Path:
    given = os.environ.get(variable) if variable else None
    if given:
        path = Path(given).expanduser()
        if not path.is_dir():
            raise UsageError(f"{variable} names {path}, which is not a folder")
        return path
    for candidate in (PACKAGE / name, _CHECKOUT / name):
        if candidate.is_dir():
            return candidate
    raise UsageError(
        f"cannot find the {name} folder of Cluster Atlas",
        f"set {variable} to it" if variable else "reinstall Cluster Atlas",
    )


def cypher_dir() -> Path:
    """The saved queries (``EXPLORER_CYPHER`` overrides)."""
    return _folder("cypher", "EXPLORER_CYPHER")


def schema_dir() -> Path:
    """The constraints and indexes (``cypher/schema``: always the explorer's own)."""
    return _folder("cypher", None) / "schema"


def seeds_dir() -> Path:
    """The article's graph that an empty database is given (``EXPLORER_SEEDS`` overrides)."""
    return _folder("seeds", "EXPLORER_SEEDS")
