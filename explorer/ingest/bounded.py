"""Reading articles within bounds: each in a worker process (:mod:`explorer.ingest.worker`) that
is stopped from outside when its time is up, or when whoever asked no longer waits; at most a
set number of workers at once, shared by the command line and every session of the pages, and
nothing queued: a reading that finds every worker busy is refused at once, in one line.

The graph's names are read here, once per data version, and sent to a worker only when they
changed since its last article; the worker never reaches the database.
"""

from __future__ import annotations

import atexit
import os
import pickle
import select
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import neo4j

from explorer import defaults, errors
from explorer.config import Settings
from explorer.database.session import data_version
from explorer.errors import ExplorerError, InvalidInput
from explorer.ingest.gazetteer import Known, read_graph
from explorer.ingest.reader import Reading
from explorer.ingest.text import Article
from explorer.ingest.worker import write_frame
from explorer.model import Lang

__all__ = [
    "BackgroundReading",
    "Busy",
    "Cancelled",
    "Progress",
    "ReadingPool",
    "TimeUp",
    "graph_names",
    "read_bounded",
    "shared_pool",
]

#: ``progress(phase, seconds, limit)``: the phase (``starting``, ``preparing``, ``reading``),
#: the seconds it has taken and the most it may take.
Progress = Callable[[str, float, float], None]
_NAMES: dict[tuple[str, ...], list[tuple[Known, list[str]]]] = {}
_NAMES_LOCK = threading.Lock()
#: A worker answer larger than this is not an article's reading: the worker is stopped.
_MAX_FRAME = 1 << 30
_THREADS = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class Busy(ExplorerError):
    """Every worker is reading an article already: the reading is refused, not queued."""


class Cancelled(ExplorerError):
    """A reading stopped because whoever asked for it left."""


class TimeUp(InvalidInput):
    """A reading (``phase``: ``reading``) or a worker's start (``preparing``) past its ``limit``
    in seconds: the worker was stopped."""

    def __init__(self, phase: str, limit: float) -> None:
        self.phase, self.limit = phase, limit
        if phase == "reading":
            super().__init__(
                f"the article took longer than {limit:.0f} s to read (EXPLORER_INGEST_TIMEOUT) and was "
                "stopped; nothing was queued",
                "give a shorter article, or split it",
            )
        else:
            super().__init__(
                f"the article reader took longer than {limit:.0f} s to start and was stopped; "
                "nothing was queued",
                "try again in a minute",
            )


def graph_names(
    driver: neo4j.Driver, settings: Settings
) -> tuple[tuple[str, ...], list[tuple[Known, list[str]]]]:
    """The graph's entities with their names, read once per data version, and that version's key."""
    key = (str(settings.uri), str(settings.database), data_version(driver, settings))
    with _NAMES_LOCK:
        found = _NAMES.get(key)
    if found is None:
        found = read_graph(driver, settings)
        with _NAMES_LOCK:
            _NAMES.clear()
            _NAMES[key] = found
    return key, found


@dataclass
class _Worker:
    process: subprocess.Popen[bytes]
    key: tuple[str, ...] | None = None
    used: float = field(default_factory=time.monotonic)
    buffer: bytearray = field(default_factory=bytearray)

    @classmethod
    def start(cls) -> _Worker:
        env = {**os.environ, **_THREADS, "EXPLORER_WORKER_PARENT": str(os.getpid())}
        process = subprocess.Popen(
            [sys.executable, "-m", "explorer.ingest.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
        return cls(process)

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def send(self, message: Any) -> None:
        assert self.process.stdin is not None
        write_frame(self.process.stdin, message)  # type: ignore[arg-type]

    def receive(self, wait: float) -> Any | None:
        """The next answer, waiting at most ``wait`` seconds (``None``: none yet)."""
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        deadline = time.monotonic() + wait
        while True:
            message = self._frame()
            if message is not None:
                return message
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                raise EOFError("the worker stopped")
            self.buffer += chunk

    def _frame(self) -> Any | None:
        if len(self.buffer) < 8:
            return None
        size = int.from_bytes(self.buffer[:8], "big")
        if size > _MAX_FRAME:
            raise EOFError("the worker sent an answer too large")
        if len(self.buffer) < 8 + size:
            return None
        data = bytes(self.buffer[8 : 8 + size])
        del self.buffer[: 8 + size]
        return pickle.loads(data)

    def stop(self) -> None:
        """Stop at once (SIGKILL): whatever it was reading, it reads no further."""
        if self.alive:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


class ReadingPool:
    """At most ``workers`` worker processes, each reading one article at a time within ``timeout``
    seconds (plus ``prepare`` seconds to load the language model and the graph's names)."""

    #: Seconds an idle worker is kept (its language models loaded) before it is stopped.
    IDLE = 600.0

    def __init__(self, workers: int, timeout: float, prepare: float = defaults.INGEST_PREPARE) -> None:
        self.workers, self.timeout, self.prepare = workers, timeout, prepare
        self._idle: list[_Worker] = []
        self._busy = 0
        self._lock = threading.Lock()

    @property
    def busy(self) -> int:
        return self._busy

    def _take(self) -> _Worker | None:
        with self._lock:
            now = time.monotonic()
            stale = [w for w in self._idle if not w.alive or now - w.used > self.IDLE]
            self._idle = [w for w in self._idle if w not in stale]
            if self._busy >= self.workers:
                busy = self._busy
            else:
                self._busy += 1
                busy = -1
        for worker in stale:
            worker.stop()
        if busy >= 0:
            raise Busy(
                f"{busy} article{'s are' if busy != 1 else ' is'} being read already, the most at once "
                f"(EXPLORER_INGEST_WORKERS={self.workers}); nothing was queued",
                "try again in a minute",
            )
        with self._lock:
            return self._idle.pop() if self._idle else None

    def _give_back(self, worker: _Worker | None, healthy: bool) -> None:
        with self._lock:
            self._busy -= 1
            keep = worker is not None and healthy and worker.alive and len(self._idle) < self.workers
            if keep and worker is not None:
                worker.used = time.monotonic()
                self._idle.append(worker)
        if worker is not None and not keep:
            worker.stop()

    def close(self) -> None:
        """Stop the idle workers (those reading stop when their reading ends)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()

    def read(
        self,
        article: Article,
        lang: Lang | None,
        names: tuple[tuple[str, ...], list[tuple[Known, list[str]]]],
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Reading:
        """Read ``article`` in a worker; refused at once (:class:`Busy`) when every worker is busy.

        Raises ``InvalidInput`` in one line when the time is up (the worker is stopped), and
        ``Cancelled`` when ``cancelled()`` says nobody waits any more.
        """
        worker = self._take()
        healthy = False
        try:
            if worker is None:
                if progress:
                    progress("starting", 0.0, self.prepare)
                worker = _Worker.start()
            key, entries = names
            job = {
                "article": article,
                "lang": lang,
                "key": key,
                "entries": None if worker.key == key else entries,
            }
            worker.send(job)
            worker.key = key
            reading = self._wait(worker, progress, cancelled)
            healthy = True
            return reading
        except (BrokenPipeError, EOFError, OSError) as e:
            raise ExplorerError(
                f"the article reader stopped unexpectedly ({e}); nothing was queued",
                "try again; if it happens again, the article may be too large for this machine",
            ) from None
        finally:
            self._give_back(worker, healthy)

    def _wait(
        self, worker: _Worker, progress: Progress | None, cancelled: Callable[[], bool] | None
    ) -> Reading:
        phase, began = "preparing", time.monotonic()
        limit = self.prepare
        while True:
            message = worker.receive(0.25)
            now = time.monotonic()
            if message is not None:
                kind = message[0]
                if kind == "phase":
                    phase, began = message[1], now
                    limit = self.timeout if phase == "reading" else self.prepare
                elif kind == "done":
                    return message[1]  # type: ignore[no-any-return]
                elif kind == "refused":
                    raise _rebuilt(message[1], message[2], message[3])
                else:
                    raise ExplorerError(
                        f"the article reader failed on this article ({message[1]}); nothing was queued"
                    )
            if cancelled is not None and cancelled():
                raise Cancelled("the reading was stopped: nobody waits for it any more")
            if now - began > limit:
                raise TimeUp(phase, limit)
            if progress:
                progress(phase, now - began, limit)


def _rebuilt(name: str, message: str, hint: str | None) -> ExplorerError:
    kind = getattr(errors, name, None)
    if isinstance(kind, type) and issubclass(kind, ExplorerError):
        try:
            return kind(message, hint)
        except TypeError:
            pass
    return ExplorerError(message, hint)


_POOL: ReadingPool | None = None
_POOL_LOCK = threading.Lock()


def shared_pool(settings: Settings) -> ReadingPool:
    """The process's one pool, sized and timed by ``settings``."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ReadingPool(settings.ingest_workers, settings.ingest_timeout)
            atexit.register(_POOL.close)
        _POOL.workers, _POOL.timeout = settings.ingest_workers, settings.ingest_timeout
        return _POOL


def read_bounded(
    driver: neo4j.Driver,
    settings: Settings,
    article: Article,
    lang: Lang | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Reading:
    """:func:`explorer.ingest.reader.read` of ``article`` against the graph, in the shared pool."""
    names = graph_names(driver, settings)
    return shared_pool(settings).read(article, lang, names, progress=progress, cancelled=cancelled)


class BackgroundReading:
    """A bounded reading running on a thread of its own, for a page that shows its progress and
    goes on answering meanwhile. The page calls :meth:`seen` each time it shows the reading; once
    nobody has for :data:`LEFT` seconds (the reader closed the page or went elsewhere), the
    worker is stopped."""

    #: Seconds without a look from the page after which the reader is taken to have left.
    LEFT = 10.0

    def __init__(self, driver: neo4j.Driver, settings: Settings, article: Article, lang: Lang | None) -> None:
        self.phase, self.seconds, self.limit = "starting", 0.0, settings.ingest_timeout
        self.reading: Reading | None = None
        self.error: ExplorerError | None = None
        self._seen = time.monotonic()
        self._stop = False
        self._thread = threading.Thread(
            target=self._run, args=(driver, settings, article, lang), name="explorer-reading", daemon=True
        )
        self._thread.start()

    def _run(self, driver: neo4j.Driver, settings: Settings, article: Article, lang: Lang | None) -> None:
        def progress(phase: str, seconds: float, limit: float) -> None:
            self.phase, self.seconds, self.limit = phase, seconds, limit

        try:
            self.reading = read_bounded(
                driver, settings, article, lang, progress=progress, cancelled=self.left
            )
        except ExplorerError as e:
            self.error = e
        except Exception as e:
            self.error = ExplorerError(f"the article could not be read ({type(e).__name__}: {e})"[:300])

    def seen(self) -> None:
        """The page has shown this reading now."""
        self._seen = time.monotonic()

    def stop(self) -> None:
        """Stop the reading (the reader pressed Stop)."""
        self._stop = True

    def left(self) -> bool:
        """Whether nobody waits for this reading any more."""
        return self._stop or time.monotonic() - self._seen > self.LEFT

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def wait(self, seconds: float) -> bool:
        """Wait up to ``seconds`` for the end; whether it ended."""
        self._thread.join(seconds)
        return not self._thread.is_alive()
