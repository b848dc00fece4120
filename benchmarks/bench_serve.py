"""Many readers on one ``explorer serve``: answer times, errors, memory and CPU for 1, 10, 25 and 50
readers at once on the generated 100,000-relationship ecosystem.

Each reader is a client speaking Streamlit's own protocol (``benchmarks.streamlit_client``: the
WebSocket and its protobuf messages, as a browser tab does) and does rounds of a daily user's
mix (``benchmarks.serve_users``): the network, a search by name, a saved query, introduction
paths, a source's page, the network centred on an entity; between two actions it thinks for
5 to 15 seconds. An action's time runs from the request sent to the page settled (the
server's *script finished*, every element sent).

For each number of readers, in one server that stays up for the whole run (after one reader's
warm-up round):

- the readers arrive one after the other within a few seconds and open their first page; once
  all of them sit idle on it, the server's resident memory above its level before they came,
  per reader, is the **memory of an idle session**;
- then they do their rounds: median and p95 of the action times, errors (an exception or error
  banner on the page, no answer, a lost connection), the peak memory, and the CPU the
  explorer's process (and the database) used;
- then they close their tabs, and the memory is read again at once and after the server has
  let go of the closed sessions (the explorer recycles them: ``EXPLORER_SESSION_GRACE``).

Every p95 is compared with the p95 of one reader alone, measured in the same run.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil

from benchmarks.common import Context, median, p95, process_cpu, ratio
from benchmarks.serve_users import ACTIONS, Targets, pick_targets, reader
from explorer.app.serving import stop, wait_until_up
from explorer.localdb.server import free_port

LEVELS = (1, 10, 25, 50)
QUICK_LEVELS = (1, 5)
DATASET, QUICK_DATASET = 100_000, 10_000
THINK, QUICK_THINK = (5.0, 15.0), (0.5, 1.5)
#: Rounds of the mix per reader: more for one reader alone, whose p95 is the baseline.
ROUNDS_ALONE, ROUNDS = 4, 2
#: Seconds between two readers' arrivals (the last of 50 arrives after about 12 s).
ARRIVAL = 0.25
#: How long to wait for the memory of closed sessions to come back.
RELEASE_WAIT = 240.0
#: The server's grace period for a closed tab's session, in this run.
GRACE = 30
TARGET_READERS, TARGET_RATIO, TARGET_IDLE_MB = 25, 3.0, 20.0
MB = 2**20


def run(ctx: Context) -> dict[str, Any]:
    levels = QUICK_LEVELS if ctx.quick else LEVELS
    data = ctx.load_dataset(QUICK_DATASET if ctx.quick else DATASET)
    ctx.log(f"ecosystem: {data.nodes:,} entities, {data.relationships:,} relationships")
    targets = pick_targets(ctx.driver, ctx.settings, ctx.seed)
    think = QUICK_THINK if ctx.quick else THINK
    steps: dict[int, dict[str, Any]] = {}
    with _server(ctx) as (url, server):
        ctx.log("warm-up: one reader, one round")
        asyncio.run(_level(url, server, ctx.database.pid(), 1, targets, 1, (0.0, 0.0), release=False))
        for n in levels:
            rounds = 1 if ctx.quick else (ROUNDS_ALONE if n == 1 else ROUNDS)
            ctx.log(f"{n} reader(s), {rounds} round(s) each")
            steps[n] = asyncio.run(_level(url, server, ctx.database.pid(), n, targets, rounds, think))
            ctx.log(_line(n, steps[n], steps[levels[0]]))
    return _report(steps, data.relationships, think)


@contextmanager
def _server(ctx: Context) -> Iterator[tuple[str, psutil.Process]]:
    """``explorer serve`` on a free port; the Streamlit process it runs, whose memory is measured."""
    port = free_port()
    log = ctx.work / f"serve-{port}.log"
    command = [str(Path(sys.executable).with_name("explorer")), "serve", "--port", str(port)]
    env = {**ctx.env, "EXPLORER_SESSION_GRACE": str(GRACE)}
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ctx.work, stdin=subprocess.DEVNULL
        )
    url = f"http://127.0.0.1:{port}"
    try:
        if not wait_until_up(url + "/", process, timeout=240):
            raise RuntimeError(f"explorer serve did not start: {log.read_text(errors='replace')[-2000:]}")
        yield url, psutil.Process(process.pid).children()[0]
    finally:
        stop(process, timeout=30)


async def _level(
    url: str,
    server: psutil.Process,
    database: int | None,
    n: int,
    targets: Targets,
    rounds: int,
    think: tuple[float, float],
    *,
    release: bool = True,
) -> dict[str, Any]:
    """``n`` readers from arrival to the memory of their closed sessions released."""
    before = server.memory_info().rss
    arrived, go, samples = asyncio.Barrier(n + 1), asyncio.Event(), []
    tasks = [
        asyncio.create_task(
            reader(
                url,
                targets,
                seed=1000 * n + i,
                rounds=rounds,
                think=think,
                arrive_after=i * ARRIVAL,
                arrived=arrived,
                go=go,
                samples=samples,
            )
        )
        for i in range(n)
    ]
    await arrived.wait()
    await asyncio.sleep(2.0)
    idle = server.memory_info().rss
    cpu, db_cpu, started = server.cpu_times(), _cpu(database), time.perf_counter()
    peak = _Peak(server)
    go.set()
    await asyncio.gather(*tasks)
    seconds = time.perf_counter() - started
    used = server.cpu_times()
    peak.stop()
    closed = server.memory_info().rss
    released, waited = await _released(server, before) if release else (closed, 0.0)
    return {
        "readers": n,
        "samples": [vars(s) for s in samples],
        "rss": {"before": before, "idle": idle, "peak": peak.value, "closed": closed, "released": released},
        "released_after": waited,
        "cpu": (used.user + used.system - cpu.user - cpu.system) / seconds,
        "database_cpu": (_cpu(database) - db_cpu) / seconds if database else None,
        "seconds": seconds,
    }


def _cpu(pid: int | None) -> float:
    return process_cpu(pid) if pid else 0.0


class _Peak:
    """The highest resident memory of a process, sampled twice a second in a thread."""

    def __init__(self, process: psutil.Process) -> None:
        import threading

        self.value = process.memory_info().rss
        self._done = threading.Event()

        def sample() -> None:
            while not self._done.wait(0.5):
                self.value = max(self.value, process.memory_info().rss)

        self._thread = threading.Thread(target=sample, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()


async def _released(server: psutil.Process, before: int) -> tuple[int, float]:
    """The memory once the closed sessions are let go (back within 10% of ``before``), or after
    ``RELEASE_WAIT``; and the seconds it took."""
    started = time.perf_counter()
    rss = server.memory_info().rss
    while time.perf_counter() - started < RELEASE_WAIT:
        await asyncio.sleep(5.0)
        rss = server.memory_info().rss
        if rss <= before * 1.10:
            break
    return rss, time.perf_counter() - started


# -- the report ---------------------------------------------------------------------------------


def _times(step: dict[str, Any], action: str | None = None) -> list[float]:
    return [
        s["seconds"]
        for s in step["samples"]
        if s["action"] in ACTIONS and (action is None or s["action"] == action) and not s["errors"]
    ]


def _errors(step: dict[str, Any]) -> list[str]:
    return [f"{s['action']}: {e}" for s in step["samples"] for e in s["errors"]]


def _line(n: int, step: dict[str, Any], alone: dict[str, Any]) -> str:
    times, rss = _times(step), step["rss"]
    return (
        f"{n} readers: {len(times)} actions, median {median(times):.2f} s, p95 {p95(times):.2f} s "
        f"({ratio(p95(times), p95(_times(alone))):.2f}× one reader), {len(_errors(step))} errors; "
        f"RSS {rss['before'] / MB:.0f} → idle {rss['idle'] / MB:.0f} → peak {rss['peak'] / MB:.0f} → "
        f"closed {rss['closed'] / MB:.0f} → {rss['released'] / MB:.0f} MB "
        f"after {step['released_after']:.0f} s; "
        f"CPU {step['cpu']:.2f} cores (database {step['database_cpu'] or 0:.2f})"
    )


def _per_session(step: dict[str, Any]) -> float:
    return (step["rss"]["idle"] - step["rss"]["before"]) / step["readers"] / MB


def _report(
    steps: dict[int, dict[str, Any]], relationships: int, think: tuple[float, float]
) -> dict[str, Any]:
    levels = sorted(steps)
    alone = p95(_times(steps[levels[0]]))
    rows = [
        "| Readers | Actions | Median | p95 | p95 vs 1 reader | Errors | RSS before → idle → peak → "
        "tabs closed → released | Idle session | CPU explorer / database |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for n in levels:
        step, times = steps[n], _times(steps[n])
        rss = {k: v / MB for k, v in step["rss"].items()}
        rows.append(
            f"| {n} | {len(times)} | {median(times):.2f} s | {p95(times):.2f} s | "
            f"{ratio(p95(times), alone):.2f}× | {len(_errors(step))} | "
            f"{rss['before']:.0f} → {rss['idle']:.0f} → "
            f"{rss['peak']:.0f} → {rss['closed']:.0f} → {rss['released']:.0f} MB "
            f"({step['released_after']:.0f} s) | {_per_session(step):.1f} MB | "
            f"{step['cpu']:.2f} / {step['database_cpu'] or 0:.2f} cores |"
        )
    actions = [
        "",
        "Median by action (s): | " + " | ".join(ACTIONS) + " |",
        "| --- " * (len(ACTIONS) + 1) + "|",
    ]
    for n in levels:
        actions.append(
            f"| {n} readers | " + " | ".join(f"{median(_times(steps[n], a)):.2f}" for a in ACTIONS) + " |"
        )
    summary = [
        f"{relationships:,} generated relationships; each reader thinks {think[0]:g}–{think[1]:g} s "
        "between actions; times from the request to the page settled.",
        "",
        *rows,
        *actions,
    ]
    return {"summary": summary, "targets": _targets(steps, alone), "steps": steps}


def _targets(steps: dict[int, dict[str, Any]], alone: float) -> list[dict[str, Any]]:
    wanted = TARGET_READERS if TARGET_READERS in steps else max(steps)
    step = steps[wanted]
    times = _times(step)
    idle = max(_per_session(s) for n, s in steps.items() if n > 1) if len(steps) > 1 else _per_session(step)
    last = steps[max(steps)]["rss"]
    first = steps[min(steps)]["rss"]["before"]
    return [
        {
            "target": f"{wanted} readers: p95 within {TARGET_RATIO:g}× one reader's, no error",
            "met": ratio(p95(times), alone) <= TARGET_RATIO and not _errors(step),
            "detail": f"{ratio(p95(times), alone):.2f}× ({p95(times):.2f} s against {alone:.2f} s), "
            f"{len(_errors(step))} errors",
        },
        {
            "target": f"memory of an idle session < {TARGET_IDLE_MB:g} MB after its first page",
            "met": idle < TARGET_IDLE_MB,
            "detail": f"at most {idle:.1f} MB per reader",
        },
        {
            "target": "memory back near its start once the sessions end (within 10%)",
            "met": last["released"] <= first * 1.10,
            "detail": f"{last['released'] / MB:.0f} MB after {max(steps)} readers left, "
            f"{first / MB:.0f} MB before the first",
        },
    ]


if __name__ == "__main__":  # pragma: no cover - run through benchmarks.run
    os.execv(sys.executable, [sys.executable, "-m", "benchmarks.run", "serve", *sys.argv[1:]])
