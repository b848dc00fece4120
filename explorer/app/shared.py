"""Answers that are the same for every reader, kept once by the process: the network's views and their
drawings. A session holds none of them; twenty readers on the same view cost one view in memory and
one read of the database.

``st.cache_data`` would hand each reader a copy (a megabyte a drawing); these are shared objects,
never changed once made. Each answer is made once even when several readers ask at the same time
(the others wait for it), and the least recently used are let go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

import streamlit as st

from explorer import defaults
from explorer.app.connection import cache_key
from explorer.app.frame import layouts
from explorer.app.state import Context
from explorer.drawing.render import Drawing, draw
from explorer.views import network

__all__ = ["Shared", "network_view"]

T = TypeVar("T")


class Shared(Generic[T]):
    """A bounded, thread-safe cache of values made once per key (least recently used let go first)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()
        self._making: dict[Hashable, threading.Lock] = {}

    def get(
        self, key: Hashable, make: Callable[[], T], *, good: Callable[[T], bool] = lambda _value: True
    ) -> T:
        """The value under ``key``, made by ``make`` when there is none (or when ``good`` rejects
        the one kept); readers asking for the same key meanwhile wait for the one being made."""
        found = self._kept(key, good)
        if found is not None:
            return found
        with self._lock:
            making = self._making.setdefault(key, threading.Lock())
        try:
            with making:
                found = self._kept(key, good)
                if found is None:
                    found = make()
                    self._keep(key, found)
                return found
        finally:
            with self._lock:
                self._making.pop(key, None)

    def _keep(self, key: Hashable, value: T) -> None:
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def _kept(self, key: Hashable, good: Callable[[T], bool]) -> T | None:
        with self._lock:
            found = self._values.get(key)
            if found is not None:
                self._values.move_to_end(key)
        return found if found is not None and good(found) else None

    def __len__(self) -> int:
        return len(self._values)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


@st.cache_resource(show_spinner=False)
def _views() -> Shared[network.ViewResult]:
    return Shared(defaults.SHARED_VIEWS)


@st.cache_resource(show_spinner=False)
def _drawings() -> Shared[Drawing]:
    return Shared(defaults.SHARED_VIEWS)


def network_view(ctx: Context, view: network.View) -> tuple[network.ViewResult, Drawing]:
    """The network ``view`` read from the database and drawn, in the reader's language, as every
    reader of the same data sees it; drawn again only once a layout is remembered for a graph that
    was drawn without one (the remembered layout then shows at once)."""
    key = (view, ctx.lang, cache_key(ctx))
    result = _views().get(key, lambda: network.fetch_view(ctx.driver, ctx.settings, view, ctx.lang))
    remembered = layouts()

    def current(drawing: Drawing) -> bool:
        return drawing.remembered or drawing.placed or remembered.get(drawing.layout) is None

    def make() -> Drawing:
        return draw(result.graph, lang=ctx.lang, focus=view.focus, sources=result.sources, layouts=remembered)

    return result, _drawings().get(key, make, good=current)
