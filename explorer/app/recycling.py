"""Closed tabs let go of on time: their sessions ended and their memory given back to the system.

Streamlit keeps the session of a closed tab for ``server.disconnectedSessionTTL`` seconds, so
that a tab that lost its connection for a moment finds its page as it was. It lets go of such
sessions only when another one closes after that time, and then without ending them (their
uploaded files stay); the memory a long day of readers used stays with the process. Wrapped
around the server's application, :class:`SessionSweeper` looks every ``every`` seconds, in the
server's own event loop: sessions closed for longer than the grace period are ended, and the
freed memory is handed back to the operating system.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import ctypes.util
import gc
import sys
from typing import Any

from explorer.app.hosts import ASGIApp, Receive, Scope, Send

__all__ = ["SessionSweeper", "give_back_memory", "sweep"]


def _expiring(runtime: Any) -> Any:
    """The store of closed sessions waiting for their tab to come back (Streamlit's own)."""
    manager = getattr(runtime, "_session_mgr", None)
    storage = getattr(manager, "_session_storage", None)
    cache = getattr(storage, "_cache", None)
    return cache if callable(getattr(cache, "expire", None)) else None


def sweep(runtime: Any) -> int | None:
    """End the sessions whose tab closed more than the grace period ago; how many (``None``: this
    Streamlit keeps them where they cannot be reached)."""
    cache = _expiring(runtime)
    if cache is None:
        return None
    ended = 0
    for _session_id, info in cache.expire():
        session = getattr(info, "session", None)
        if session is not None:
            with contextlib.suppress(Exception):  # an ending session must not stop the others'
                session.shutdown()
        ended += 1
    if ended:
        give_back_memory()
    return ended


def give_back_memory() -> None:
    """Collect what is unreachable and hand the C library's free pages back to the system."""
    gc.collect()
    libc = ctypes.util.find_library("c")
    if libc and sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(libc).malloc_trim(0)  # glibc: free memory returns to the system


class SessionSweeper:
    """ASGI middleware: once the server runs, sweeps closed sessions every ``every`` seconds."""

    def __init__(self, app: ASGIApp, runtime: Any, every: float) -> None:
        self.app, self.runtime, self.every = app, runtime, every
        self._task: asyncio.Task[None] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._task is None and scope["type"] in ("http", "websocket") and self.every > 0:
            self._task = asyncio.get_running_loop().create_task(self._sweeping())
        await self.app(scope, receive, send)

    async def _sweeping(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            ended = sweep(self.runtime)
            if ended is None:
                print("note: closed sessions are out of reach in this Streamlit", file=sys.stderr)
                return
            if ended:
                print(f"closed sessions ended: {ended}", file=sys.stderr, flush=True)
