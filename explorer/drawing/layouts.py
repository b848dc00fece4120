"""Remembered layouts: where a settled graph put its nodes, kept by graph so later visits draw at once."""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
import tempfile
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from explorer.errors import InvalidInput

__all__ = [
    "COORDINATE_LIMIT",
    "DEFAULT_SIZE",
    "FILE_BYTES",
    "LAYOUTS_FOLDER",
    "MAX_DECIDED",
    "MAX_NODES",
    "LayoutCache",
    "Positions",
    "layout_key",
    "parse_report",
]

#: Node positions by node id, in the drawing's own units (rounded to whole units).
Positions = dict[str, tuple[int, int]]

#: Layouts a process remembers by default (``EXPLORER_LAYOUTS``); the least recently used goes first.
DEFAULT_SIZE = 64
#: Graphs whose layout was decided, remembered (as keys only) so that no later report replaces
#: it, even once the layout itself is forgotten; past this many, no new layout is taken.
MAX_DECIDED = 100_000
#: The largest layout accepted from a page (a view draws at most 3,000 entities).
MAX_NODES = 5000
#: Coordinates beyond this are not a layout anyone drew.
COORDINATE_LIMIT = 1_000_000
#: The folder under ``EXPLORER_HOME`` where layouts are kept from one start to the next.
LAYOUTS_FOLDER = "layouts"
#: The largest file of a layout kept on disk; a larger layout is remembered in memory only.
FILE_BYTES = 1 << 20
#: Changes whenever the meaning of a key changes (so that older layouts are not reused).
_VERSION = 1
_KEY_LENGTH = 32
#: The name of a layout's file is its key: nothing else in the folder is read.
_FILE_NAME = re.compile(rf"[0-9a-f]{{{_KEY_LENGTH}}}\.json")


def layout_key(
    nodes: Iterable[tuple[str, str]],
    rels: Iterable[tuple[str, str, str]],
    options: Mapping[str, Any],
) -> str:
    """A digest of what decides a layout: the nodes ``(id, kind)``, the relationships
    ``(from, type, to)`` and the drawing options that move nodes (physics, sizes, fixed nodes).

    Order does not matter; a relationship drawn twice counts twice. Names, colours,
    the language or a highlight do not move nodes and are left out, so the picture
    stays the same in French or with a path highlighted.
    """
    content = {
        "version": _VERSION,
        "nodes": sorted(nodes),
        "rels": sorted(Counter(rels).items()),
        "options": options,
    }
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:_KEY_LENGTH]


def _coordinate(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value) or abs(value) > COORDINATE_LIMIT:
        return None
    return round(value)


def _positions(positions: Any) -> Positions:
    """Positions ``{id: [x, y]}`` checked: at most ``MAX_NODES``, finite, within bounds (``InvalidInput``)."""
    if not isinstance(positions, dict) or len(positions) > MAX_NODES:
        raise InvalidInput(f"a layout places at most {MAX_NODES} nodes")
    parsed: Positions = {}
    for node_id, point in positions.items():
        if not isinstance(point, list | tuple) or len(point) != 2:
            raise InvalidInput(f"the position of {node_id!r} is not a pair of numbers")
        x, y = _coordinate(point[0]), _coordinate(point[1])
        if x is None or y is None:
            raise InvalidInput(f"the position of {node_id!r} is not a pair of finite numbers")
        parsed[node_id] = (x, y)
    return parsed


def parse_report(report: Any, drawn: Mapping[str, frozenset[str]]) -> tuple[str, Positions]:
    """A layout reported by a graph page, checked: ``{"key": ..., "positions": {id: [x, y]}}``.

    ``drawn`` maps the layout keys of the graphs this reader was shown to their node ids;
    the report must name one of them and place each of its nodes, and only those, at
    finite coordinates. Anything else raises ``InvalidInput``.
    """
    if not isinstance(report, dict) or set(report) != {"key", "positions"}:
        raise InvalidInput("a layout report is an object with a key and positions")
    key, positions = report["key"], report["positions"]
    if not isinstance(key, str) or key not in drawn:
        raise InvalidInput("the layout report names no graph drawn here")
    nodes = drawn[key]
    if not isinstance(positions, dict) or len(positions) > MAX_NODES:
        raise InvalidInput(f"a layout places at most {MAX_NODES} nodes")
    if len(positions) != len(nodes) or not all(isinstance(i, str) and i in nodes for i in positions):
        raise InvalidInput("the layout does not place exactly the nodes of the drawn graph")
    return key, _positions(positions)


class LayoutCache:
    """The layouts of the last ``size`` graphs drawn, shared by every reader (thread-safe), and
    kept in ``folder`` (one small file a layout) for the next start when a folder is given.

    The first layout kept for a graph stays: every later visit shows the same picture, until
    the graph has not been drawn for long enough to be forgotten. A graph whose layout was
    decided never takes another one while the process runs: once forgotten, it is drawn
    afresh each time, so that no reader can replace the picture others saw. A layout found in
    the folder counts as decided. The folder holds at most ``size`` layouts (the least recently
    used go first), each written whole or not at all; a file that is not a layout is ignored.
    """

    def __init__(
        self, size: int = DEFAULT_SIZE, decided: int = MAX_DECIDED, folder: Path | None = None
    ) -> None:
        self.size = max(0, size)
        self.folder = folder
        self._layouts: OrderedDict[str, Positions] = OrderedDict()
        self._decided: set[str] = set()
        self._most_decided = decided
        self._lock = threading.Lock()

    def get(self, key: str) -> Positions | None:
        """The layout remembered for ``key`` (it becomes the most recently used), or ``None``."""
        with self._lock:
            positions = self._layouts.get(key)
            if positions is None:
                return self._load(key)
            self._layouts.move_to_end(key)
            self._touch(key)
            return positions

    def remember(self, key: str, positions: Mapping[str, tuple[int, int]]) -> bool:
        """Keep ``positions`` for ``key`` unless a layout was ever kept for it; whether it was kept."""
        if self.size == 0 or not positions:
            return False
        with self._lock:
            if key in self._layouts or self._load(key) is not None:
                self._layouts.move_to_end(key)
                return False
            if key in self._decided or len(self._decided) >= self._most_decided:
                return False
            self._decided.add(key)
            self._keep(key, dict(positions))
            self._store(key, self._layouts[key])
            return True

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._layouts

    def __len__(self) -> int:
        with self._lock:
            return len(self._layouts)

    def clear(self) -> None:
        """Forget the layouts held in memory (those in the folder stay)."""
        with self._lock:
            self._layouts.clear()
            self._decided.clear()

    # -- memory and folder (the lock is held) ----------------------------------------------

    def _keep(self, key: str, positions: Positions) -> None:
        self._layouts[key] = positions
        while len(self._layouts) > self.size:
            self._layouts.popitem(last=False)

    def _path(self, key: str) -> Path | None:
        if self.folder is None or self.size == 0 or not _FILE_NAME.fullmatch(f"{key}.json"):
            return None
        return self.folder / f"{key}.json"

    def _load(self, key: str) -> Positions | None:
        """The layout of ``key`` in the folder, now in memory too; ``None`` if absent or not a layout."""
        path = self._path(key)
        if path is None or key in self._decided:
            return None
        try:
            with path.open("rb") as file:
                text = file.read(FILE_BYTES + 1)
        except OSError:
            return None
        try:
            content = json.loads(text) if len(text) <= FILE_BYTES else None
            if not isinstance(content, dict) or content.get("key") != key:
                return None
            positions = _positions(content.get("positions"))
        except (ValueError, InvalidInput):  # a file damaged or written by hand: not a layout
            return None
        if not positions:
            return None
        self._decided.add(key)
        self._keep(key, positions)
        self._touch(key)
        return positions

    def _touch(self, key: str) -> None:
        """Mark the file of ``key`` the most recently used (the folder forgets the oldest first)."""
        path = self._path(key)
        if path is not None:
            with contextlib.suppress(OSError):
                os.utime(path)

    def _store(self, key: str, positions: Positions) -> None:
        """Write the layout of ``key`` to the folder whole (a new file renamed into place), then
        drop the least recently used files past ``size``; a folder that cannot be written is
        left alone (the layout is still remembered in memory)."""
        path = self._path(key)
        if path is None:
            return
        text = json.dumps({"key": key, "positions": positions}, separators=(",", ":"))
        if len(text) > FILE_BYTES:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, name = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as file:
                    file.write(text)
                os.replace(name, path)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(name)
                raise
            self._prune(path.parent)
        except OSError:
            return

    def _prune(self, folder: Path) -> None:
        kept = []
        for entry in os.scandir(folder):
            if _FILE_NAME.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    kept.append((entry.stat().st_mtime_ns, entry.name))
        kept.sort()
        for _, name in kept[: max(0, len(kept) - self.size)]:
            with contextlib.suppress(OSError):
                (folder / name).unlink()
