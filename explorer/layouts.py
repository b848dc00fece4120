"""Remembered layouts: where a settled graph put its nodes, kept by graph so later visits draw at once."""

from __future__ import annotations

import hashlib
import json
import math
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping
from typing import Any

from explorer.errors import InvalidInput

__all__ = [
    "COORDINATE_LIMIT",
    "DEFAULT_SIZE",
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
#: Changes whenever the meaning of a key changes (so that older layouts are not reused).
_VERSION = 1
_KEY_LENGTH = 32


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
    parsed: Positions = {}
    for node_id, point in positions.items():
        if not isinstance(point, list | tuple) or len(point) != 2:
            raise InvalidInput(f"the position of {node_id!r} is not a pair of numbers")
        x, y = _coordinate(point[0]), _coordinate(point[1])
        if x is None or y is None:
            raise InvalidInput(f"the position of {node_id!r} is not a pair of finite numbers")
        parsed[node_id] = (x, y)
    return key, parsed


class LayoutCache:
    """The layouts of the last ``size`` graphs drawn, shared by every reader (thread-safe).

    The first layout reported for a graph is kept: every later visit shows the same picture,
    until the graph has not been drawn for long enough to be forgotten. A graph whose layout
    was decided never takes another one while the process runs: once forgotten, it is drawn
    afresh each time, so that no reader can replace the picture others saw.
    """

    def __init__(self, size: int = DEFAULT_SIZE, decided: int = MAX_DECIDED) -> None:
        self.size = max(0, size)
        self._layouts: OrderedDict[str, Positions] = OrderedDict()
        self._decided: set[str] = set()
        self._most_decided = decided
        self._lock = threading.Lock()

    def get(self, key: str) -> Positions | None:
        """The layout remembered for ``key`` (it becomes the most recently used), or ``None``."""
        with self._lock:
            positions = self._layouts.get(key)
            if positions is not None:
                self._layouts.move_to_end(key)
            return positions

    def remember(self, key: str, positions: Mapping[str, tuple[int, int]]) -> bool:
        """Keep ``positions`` for ``key`` unless a layout was ever kept for it; whether it was kept."""
        if self.size == 0 or not positions:
            return False
        with self._lock:
            if key in self._layouts:
                self._layouts.move_to_end(key)
                return False
            if key in self._decided or len(self._decided) >= self._most_decided:
                return False
            self._decided.add(key)
            self._layouts[key] = dict(positions)
            while len(self._layouts) > self.size:
                self._layouts.popitem(last=False)
            return True

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._layouts

    def __len__(self) -> int:
        with self._lock:
            return len(self._layouts)

    def clear(self) -> None:
        with self._lock:
            self._layouts.clear()
            self._decided.clear()
