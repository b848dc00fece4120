"""The history's anchor: the count and last hash of the last good ``fact history --verify``,
kept in a file of ``EXPLORER_HOME`` (``history-anchors.json``, readable by its owner only),
apart from the database. The next check finds a history that lost records or was rewritten
up to that point, even when the records and the head were rewritten consistently."""

from __future__ import annotations

import json
import os
from pathlib import Path

from explorer.config import Settings, explorer_home
from explorer.errors import ExplorerError

__all__ = ["anchor_path", "load_anchor", "save_anchor"]


def anchor_path() -> Path:
    return explorer_home() / "history-anchors.json"


def _key(settings: Settings) -> str:
    return f"{settings.uri}#{settings.database or ''}"


def _all(path: Path) -> dict[str, list[object]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as e:
        raise ExplorerError(
            f"the history's anchor {path.name} cannot be read ({e})", "remove it to start anew"
        ) from None
    return data if isinstance(data, dict) else {}


def load_anchor(settings: Settings) -> tuple[int, str] | None:
    """The records and last hash this database's history had at its last good check."""
    held = _all(anchor_path()).get(_key(settings))
    if isinstance(held, list) and len(held) == 2 and isinstance(held[0], int) and isinstance(held[1], str):
        return held[0], held[1]
    return None


def save_anchor(settings: Settings, records: int, head: str) -> None:
    """Keep ``records`` and ``head`` as this database's anchor (the file is its owner's only)."""
    path = anchor_path()
    data = _all(path)
    data[_key(settings)] = [records, head]
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=1, sort_keys=True)
    os.replace(temporary, path)
