"""The benchmark protocol: the ``Context`` each ``benchmarks/bench_*.py`` gets, and timing helpers.

A benchmark is a module ``benchmarks/bench_NAME.py`` with one function::

    def run(ctx: Context) -> dict:
        ...

``benchmarks.run`` discovers the modules, gives each a fresh ``Context`` and writes
what ``run`` returns to ``benchmarks/results/NAME.json`` (with the date and the
machine), then rebuilds ``benchmarks/results/SUMMARY.md`` from every result file.

The context gives a benchmark:

- ``ctx.driver``, ``ctx.settings``, ``ctx.database``: a local Neo4j running in a
  fresh ``EXPLORER_HOME`` (``ctx.home``), started on first use, schema applied;
  ``ctx.env`` is the environment that points ``explorer`` subprocesses at it;
- ``ctx.dataset(relationships)``: generated CSV files of that size (cached under
  ``benchmarks/data/``); ``ctx.load_dataset(relationships)`` loads them into the
  context's database once (with ``loaders.load``) and returns the ``Dataset``;
- ``ctx.extra_database(...)``: another local database (own home, own port), for
  baselines such as server-side ``LOAD CSV``; stopped when the benchmark ends;
- ``ctx.quick``: a fast smoke run (``python -m benchmarks.run --quick``): use the
  small sizes and few repetitions;
- ``ctx.work``: a scratch folder, removed afterwards; ``ctx.log(...)``: progress on stderr.

Every figure is a ratio against a baseline measured in the same run (the machine is
shared and noisy, so absolute numbers only mean something next to their baseline).
The returned dict must be JSON-serialisable. Two keys are read by the summary:

- ``"summary"``: Markdown lines (a list of str) shown under the benchmark's heading;
- ``"targets"``: a list of ``{"target": str, "met": bool, "detail": str}``.

Helpers: ``measure`` (repeat a call, return seconds per call), ``Timer``, ``stats``
(median, p95, ...), ``median``, ``p95``, ``ratio``, ``run_measured`` (a subprocess's
wall time, CPU time and peak RSS), ``process_cpu`` and ``process_rss`` (of a running
process, such as ``ctx.database.pid()``).
"""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import neo4j
import psutil

from explorer.config import Settings
from explorer.database.writing import apply_schema
from explorer.localdb.connecting import connect, local_settings
from explorer.localdb.server import LocalDatabase, free_port

__all__ = [
    "BENCH_DIR",
    "DATA_DIR",
    "DEFAULT_SEED",
    "RESULTS_DIR",
    "Context",
    "Dataset",
    "Measured",
    "Timer",
    "measure",
    "median",
    "p95",
    "percentile",
    "process_cpu",
    "process_rss",
    "ratio",
    "run_measured",
    "stats",
]

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / "data"
RESULTS_DIR = BENCH_DIR / "results"
DEFAULT_SEED = 7
#: Variables that would point ``explorer`` at another database than the context's.
CONNECTION_VARIABLES = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")
#: Memory of the benchmarks' databases: enough heap for a one-transaction load of 1M links.
BENCH_HEAP = os.environ.get("BENCH_NEO4J_HEAP", "8g")
BENCH_PAGECACHE = os.environ.get("BENCH_NEO4J_PAGECACHE", "1g")


# -- statistics ---------------------------------------------------------------------------


def percentile(samples: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100), linear between closest ranks."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples) if samples else math.nan


def p95(samples: Sequence[float]) -> float:
    return percentile(samples, 95)


def ratio(value: float, baseline: float) -> float:
    """``value / baseline`` (``nan`` when the baseline is zero)."""
    return value / baseline if baseline else math.nan


def stats(samples: Sequence[float]) -> dict[str, float]:
    """Median, p95, min, max and mean of ``samples`` (seconds, or whatever they are)."""
    return {
        "n": len(samples),
        "median": median(samples),
        "p95": p95(samples),
        "min": min(samples) if samples else math.nan,
        "max": max(samples) if samples else math.nan,
        "mean": statistics.fmean(samples) if samples else math.nan,
    }


# -- timing -------------------------------------------------------------------------------


class Timer:
    """``with Timer() as t: ...`` then ``t.seconds`` (monotonic wall time)."""

    def __enter__(self) -> Timer:
        self.started = time.perf_counter()
        self.seconds = math.nan
        return self

    def __exit__(self, *_exc: object) -> None:
        self.seconds = time.perf_counter() - self.started


def measure(call: Callable[[], Any], *, repeat: int = 5, warmup: int = 1) -> list[float]:
    """Seconds per call of ``call``, ``repeat`` times after ``warmup`` untimed calls."""
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return samples


@dataclass(frozen=True)
class Measured:
    """A finished subprocess: its wall time, peak resident memory and output."""

    seconds: float
    peak_rss: int  # bytes
    returncode: int
    cpu: float  # user + system seconds of the process and the children it waited for
    stdout: str
    stderr: str

    def check(self) -> Measured:
        if self.returncode != 0:
            raise RuntimeError(f"exit status {self.returncode}: {self.stderr.strip()[-2000:]}")
        return self


def run_measured(
    command: Sequence[str], *, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> Measured:
    """Run ``command``; its wall time and the peak RSS of that process alone (``wait4``)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=dict(env) if env is not None else None,
            cwd=cwd or ROOT,
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measured(
            seconds,
            usage.ru_maxrss * 1024,  # kilobytes on Linux
            process.returncode,
            usage.ru_utime + usage.ru_stime,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
        )


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a running process has used so far."""
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


def process_rss(pid: int) -> int:
    """Resident memory of a running process, in bytes."""
    return int(psutil.Process(pid).memory_info().rss)


# -- data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """A generated ecosystem: the two CSV files of the interchange contract."""

    nodes_csv: Path
    links_csv: Path
    relationships: int  # rows of the links file
    nodes: int  # rows of the nodes file

    @property
    def rows(self) -> int:
        return self.relationships + self.nodes

    @property
    def paths(self) -> list[Path]:
        return [self.nodes_csv, self.links_csv]

    @property
    def bytes(self) -> int:
        return self.nodes_csv.stat().st_size + self.links_csv.stat().st_size


def dataset(relationships: int, seed: int = DEFAULT_SEED) -> Dataset:
    """The generated ecosystem with ``relationships`` links (generated once, then cached)."""
    from benchmarks.generate import generate, read_manifest

    nodes_csv, links_csv = generate(DATA_DIR / f"r{relationships}-s{seed}", relationships, seed)
    manifest = read_manifest(nodes_csv.parent)
    return Dataset(nodes_csv, links_csv, manifest["links"], manifest["nodes"])


# -- the context --------------------------------------------------------------------------


@dataclass
class Context:
    """What a benchmark gets: a database of its own, data, and a place to work."""

    name: str
    quick: bool = False
    seed: int = DEFAULT_SEED
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="atlas-bench-")))
    heap: str = BENCH_HEAP
    pagecache: str = BENCH_PAGECACHE
    _database: LocalDatabase | None = None
    _settings: Settings | None = None
    _driver: neo4j.Driver | None = None
    _loaded: Dataset | None = None
    _cleanup: list[Callable[[], None]] = field(default_factory=list)

    @property
    def home(self) -> Path:
        """The fresh ``EXPLORER_HOME`` of the context's database."""
        return self.root / "home"

    @property
    def work(self) -> Path:
        """A scratch folder, removed when the benchmark ends."""
        path = self.root / "work"
        path.mkdir(parents=True, exist_ok=True)
        return path

    @property
    def env(self) -> dict[str, str]:
        """The environment for ``explorer`` subprocesses: the context's database, no NEO4J_*."""
        env = {k: v for k, v in os.environ.items() if k not in CONNECTION_VARIABLES}
        env["EXPLORER_HOME"] = str(self.home)
        return env

    @property
    def database(self) -> LocalDatabase:
        """The context's local database, started on first use."""
        if self._database is None:
            self.log(f"starting a local database in {self.home}")
            database = LocalDatabase(self.home)
            self._cleanup.append(database.stop)
            database.start(port=free_port(), wait=240, heap=self.heap, pagecache=self.pagecache)
            self._database = database
        return self._database

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            _ = self.database
            self._settings = local_settings(self.env)
        return self._settings

    @property
    def driver(self) -> neo4j.Driver:
        """One driver to the context's database (schema applied)."""
        if self._driver is None:
            driver = connect(self.settings)
            self._cleanup.append(driver.close)
            apply_schema(driver, self.settings)
            self._driver = driver
        return self._driver

    def dataset(self, relationships: int) -> Dataset:
        """Generated CSV files with ``relationships`` links (the context's seed)."""
        return dataset(relationships, self.seed)

    def load_dataset(self, relationships: int) -> Dataset:
        """Load the dataset of that size into the context's database (once) and return it."""
        data = self.dataset(relationships)
        if self._loaded != data:
            from explorer.loaders import load

            self.clear()
            self.log(f"loading {data.rows:,} rows into the benchmark database")
            load(self.driver, self.settings, data.paths)
            self._loaded = data
        return data

    def clear(self) -> None:
        """Empty the context's database (schema kept)."""
        with self.driver.session(database=self.settings.database) as session:  # an implicit transaction
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        self._loaded = None

    @contextlib.contextmanager
    def extra_database(
        self,
        name: str,
        *,
        csv_import_dir: Path | None = None,
        heap: str | None = None,
        pagecache: str | None = None,
    ) -> Iterator[tuple[LocalDatabase, Settings, neo4j.Driver]]:
        """Another local database in its own home under the context; stopped on exit."""
        home = self.root / f"home-{name}"
        database = LocalDatabase(home)
        try:
            database.start(
                port=free_port(),
                wait=240,
                heap=heap or self.heap,
                pagecache=pagecache or self.pagecache,
                csv_import_dir=csv_import_dir,
            )
            settings = local_settings({"EXPLORER_HOME": str(home)})
            driver = connect(settings)
            try:
                apply_schema(driver, settings)
                yield database, settings, driver
            finally:
                driver.close()
        finally:
            database.stop()

    def log(self, message: str) -> None:
        print(f"[{self.name}] {message}", file=sys.stderr, flush=True)

    def close(self) -> None:
        """Stop what the context started and remove its folders."""
        for step in reversed(self._cleanup):
            with contextlib.suppress(Exception):
                step()
        self._cleanup.clear()
        shutil.rmtree(self.root, ignore_errors=True)
