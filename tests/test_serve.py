"""The newcomer's path: ``make run PORT=…``, ``make stop``, and what Ctrl+C on the explorer says."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from explorer.app.serving import STILL_RUNNING, running_servers, stop, wait_until_up
from explorer.localdb.server import LocalDatabase, free_port
from tests.conftest import ROOT

EXPLORER = str(Path(sys.executable).with_name("explorer"))


def make_dry_run(*args: str) -> str:
    done = subprocess.run(["make", "-n", *args], capture_output=True, text=True, cwd=ROOT, check=True)
    return done.stdout


def test_make_run_passes_the_port_it_is_given() -> None:
    assert "explorer serve --port 8600" in make_dry_run("run", "PORT=8600")
    assert "--port" not in make_dry_run("run").splitlines()[-1]


def test_make_stop_stops_the_explorers_then_the_local_database() -> None:
    recipe = make_dry_run("stop")
    assert recipe.index("explorer serve --stop") < recipe.index("explorer db stop")


class Served:
    """A running ``explorer serve`` in a session of its own, as a terminal runs it."""

    def __init__(self, work: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = work / f"serve-{self.port}.log"
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [EXPLORER, "serve", "--port", str(self.port)],
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=work,
                env=os.environ.copy(),
                start_new_session=True,
            )
        if not wait_until_up(self.url, self.process, timeout=240):
            raise AssertionError(self.output())

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for_line(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output().splitlines() and time.monotonic() < deadline:
            time.sleep(0.1)


@pytest.fixture
def served(neo4j_server: LocalDatabase, seeded_db: neo4j.Driver, tmp_path: Path) -> Iterator[Served]:
    running = Served(tmp_path)
    yield running
    stop(running.process, timeout=30)


def test_the_address_is_printed_alone_on_its_line(served: Served) -> None:
    served.wait_for_line(served.url)
    assert served.url in served.output().splitlines()


def test_ctrl_c_stops_the_explorer_and_says_the_database_keeps_running(
    served: Served, neo4j_server: LocalDatabase
) -> None:
    served.wait_for_line(served.url)
    assert running_servers() == {served.port: served.process.pid}
    os.killpg(served.process.pid, signal.SIGINT)  # what Ctrl+C in a terminal does
    assert served.process.wait(timeout=60) == 0
    output = served.output()
    assert STILL_RUNNING in output
    assert "Traceback" not in output
    assert neo4j_server.is_running()
    assert served.port not in running_servers()


def test_serve_stop_stops_the_running_explorers(served: Served, neo4j_server: LocalDatabase) -> None:
    served.wait_for_line(served.url)
    done = subprocess.run([EXPLORER, "serve", "--stop"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"stopping the explorer on port {served.port}" in done.stderr + done.stdout
    assert served.process.wait(timeout=30) == 0
    assert STILL_RUNNING not in served.output()
    assert running_servers() == {}
    again = subprocess.run([EXPLORER, "serve", "--stop"], capture_output=True, text=True, timeout=120)
    assert "no explorer running" in again.stdout
    assert neo4j_server.is_running()
