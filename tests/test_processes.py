"""The local database's process helpers, on plain processes: liveness, command lines, ending a
process that listens and one that does not, the topmost of a family, and the home's lock."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from explorer.localdb import processes

#: A process that ends when asked (SIGTERM), and one that ignores it.
POLITE = "import time; print('ready', flush=True); time.sleep(60)"
STUBBORN = (
    "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('ready', flush=True); "
    "time.sleep(60)"
)


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[str]]]:
    """Processes a test starts, killed at its end whatever happened."""
    running: list[subprocess.Popen[str]] = []
    yield running
    for process in running:
        process.kill()
        process.wait()


def start(running: list[subprocess.Popen[str]], code: str, *extra: str) -> subprocess.Popen[str]:
    """``code`` running, once it said it is ready (a process only just started may not show its
    command line yet)."""
    process = subprocess.Popen(
        [sys.executable, "-c", code, *extra], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    running.append(process)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


def test_a_running_process_is_alive_with_its_command_line(started) -> None:
    marker = uuid.uuid4().hex
    process = start(started, POLITE, marker)
    assert processes.alive(process.pid)
    assert processes.command_line(process.pid)[-1] == marker


def test_an_ended_process_is_not_alive_even_before_it_is_reaped(started) -> None:
    process = start(started, "print('ready')")
    assert processes.wait_ended([process.pid], 30) == []
    assert not processes.alive(process.pid) and processes.command_line(process.pid) is None


def test_ending_asks_first_and_reaps_our_children(started) -> None:
    process = start(started, POLITE)
    assert processes.end([process.pid], 30) == []
    with pytest.raises(ChildProcessError):
        os.waitpid(process.pid, os.WNOHANG)  # reaped already: no zombie left behind


def test_a_process_that_ignores_the_request_is_left_for_kill_group(started) -> None:
    process = start(started, STUBBORN)
    assert processes.end([process.pid], 0.5) == [process.pid]
    processes.kill_group(process.pid)
    assert processes.wait_ended([process.pid], 30) == []


def test_the_topmost_of_a_family_is_the_one_that_is_no_others_child(started) -> None:
    marker = uuid.uuid4().hex
    parent = start(
        started,
        "import subprocess, sys, time; "
        f"subprocess.Popen([sys.executable, '-c', {POLITE!r}, '{marker}']); "
        "print('ready', flush=True); time.sleep(60)",
        marker,
    )
    assert parent.stdout is not None and parent.stdout.readline().strip() == "ready"  # both ready

    def ours(args: list[str]) -> bool:
        return marker in args

    family = [p.pid for p in psutil.process_iter(["cmdline"]) if marker in (p.info["cmdline"] or [])]
    assert len(family) == 2  # the parent and its child both match
    assert processes.topmost(ours) == parent.pid
    processes.kill_group(parent.pid)


def test_a_second_holder_of_the_lock_waits_then_is_told_it_is_busy(tmp_path: Path) -> None:
    lock = tmp_path / "neo4j.lock"
    told: list[BaseException] = []

    def second() -> None:
        try:
            with processes.taking_turns(lock, 0.3, RuntimeError("busy")):
                told.append(AssertionError("entered while held"))
        except RuntimeError as e:
            told.append(e)

    with processes.taking_turns(lock, 1, RuntimeError("busy")):
        assert stat.S_IMODE(lock.stat().st_mode) == 0o600
        thread = threading.Thread(target=second)
        thread.start()
        thread.join()
    assert [str(e) for e in told] == ["busy"]
    with processes.taking_turns(lock, 1, RuntimeError("busy")):
        pass  # free again once released
