"""Red team, the local database: it cannot be wedged by concurrent starts, lost pids or planted
files, and no web page can lock its user out."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import neo4j
import psutil

from explorer.localdb.server import LAUNCHER_CLASS, LocalDatabase
from tests.conftest import ROOT
from tests.hostile import bolt_login_over_websocket

EXPLORER = str(Path(sys.executable).with_name("explorer"))


def launchers(home: Path) -> list[int]:
    """The Java launchers running for ``home`` (not their supervisors)."""
    found = []
    for process in psutil.process_iter(["pid", "cmdline"]):
        args = process.info["cmdline"] or []
        if args and args[0].endswith("java") and LAUNCHER_CLASS in args and str(home / "neo4j") in args:
            found.append(process.info["pid"])
    return found


def explorer(*args: str, home: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EXPLORER_HOME": str(home)}
    return subprocess.run(
        [EXPLORER, *args], capture_output=True, text=True, env=env, timeout=timeout, cwd=ROOT
    )


def test_two_starts_at_once_leave_one_running_stoppable_database(tmp_path):
    home = tmp_path / "fresh"
    env = {**os.environ, "EXPLORER_HOME": str(home)}
    starts = [
        subprocess.Popen(
            [EXPLORER, "db", "start"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    try:
        outputs = [p.communicate(timeout=300) for p in starts]
        assert [p.returncode for p in starts] == [0, 0], outputs
        assert sorted(out.split(" on ")[0] for out, _ in outputs) == ["already running", "running"]
        assert len(launchers(home)) == 1
        status = explorer("db", "status", home=home)
        assert status.returncode == 0 and status.stdout.startswith("running on bolt://127.0.0.1:")
        assert explorer("db", "stop", home=home).stdout.strip() == "stopped"
        assert launchers(home) == []
        assert explorer("db", "status", home=home).returncode == 3
    finally:
        LocalDatabase(home).stop()


def test_a_lost_pid_file_is_recovered_from_the_running_database(tmp_path):
    home = tmp_path / "lost"
    local = LocalDatabase(home)
    try:
        started = local.start(wait=240)
        local.pid_file.unlink()
        status = explorer("db", "status", home=home)
        assert status.returncode == 0 and f"pid {started.pid}" in status.stdout
        again = explorer("db", "start", home=home)
        assert again.returncode == 0 and "already running" in again.stdout
        assert "its pid file is written again" in again.stderr
        assert local.pid() == started.pid
        local.pid_file.write_text(f"{os.getpid()}\n")  # a live process that is not the database
        assert explorer("db", "stop", home=home).stdout.strip() == "stopped"
        assert launchers(home) == []
    finally:
        local.stop()


def test_a_home_others_can_write_is_refused_with_the_fix(tmp_path):
    home = tmp_path / "shared"
    home.mkdir()
    home.chmod(0o777)
    (home / "neo4j.password").write_text("planted-by-someone-else-0123456789\n")
    (home / "neo4j.password").chmod(0o600)
    done = explorer("db", "start", home=home)
    assert done.returncode == 3
    assert done.stderr.strip() == (
        f"error: {home} can be written by other users (make it yours alone with "
        f"`chmod 700 {home}` and remove anything you did not put there)"
    )
    assert launchers(home) == []
    query = explorer("cypher", "RETURN 1", home=home)
    assert query.returncode == 3 and "can be written by other users" in query.stderr


def test_a_password_file_others_can_read_is_refused_with_the_fix(tmp_path):
    home = tmp_path / "leaky"
    home.mkdir(mode=0o700)
    password = home / "neo4j.password"
    password.write_text("x" * 32 + "\n")
    password.chmod(0o644)
    done = explorer("db", "start", home=home)
    assert done.returncode == 3
    assert (
        f"error: {password} can be read by other users (make it yours alone with `chmod 600 {password}`"
        in (done.stderr)
    )
    assert "Traceback" not in done.stderr and launchers(home) == []


def test_a_short_password_is_refused(tmp_path):
    home = tmp_path / "weak"
    home.mkdir(mode=0o700)
    password = home / "neo4j.password"
    password.write_text("secret\n")
    password.chmod(0o600)
    done = explorer("db", "start", home=home)
    assert done.returncode == 3 and "shorter than 24 characters" in done.stderr
    assert launchers(home) == []


def test_wrong_logins_from_a_web_page_do_not_lock_the_explorer_out(neo4j_server):
    port = neo4j_server.port()
    assert (
        bolt_login_over_websocket(port, "neo4j", neo4j_server.password() or "") is True
    )  # the way in is open
    for _ in range(10):
        assert bolt_login_over_websocket(port, "neo4j", "guess", origin="http://evil.example") is False
    uri = f"bolt://127.0.0.1:{port}"
    started = time.monotonic()
    with neo4j.GraphDatabase.driver(uri, auth=("neo4j", neo4j_server.password())) as driver:
        driver.verify_connectivity()
    assert time.monotonic() - started < 5


def test_a_killed_database_and_its_supervisor_are_gone_and_it_starts_again(tmp_path):
    home = tmp_path / "killed"
    local = LocalDatabase(home)
    try:
        local.start(wait=240)
        local.kill()
        assert launchers(home) == []
        assert explorer("db", "status", home=home).returncode == 3
        assert explorer("db", "start", home=home).returncode == 0
        assert len(launchers(home)) == 1
    finally:
        local.stop()


def wait_until(check, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return False


def test_the_database_restarts_after_kill_9_and_stops_when_its_supervisor_dies(tmp_path):
    home = tmp_path / "resilient"
    local = LocalDatabase(home)
    try:
        local.start(wait=240)
        (first,) = launchers(home)
        os.kill(first, 9)  # as kill -9 or the kernel's out-of-memory killer would
        assert wait_until(lambda: launchers(home) not in ([], [first]), 60), "not restarted"
        assert wait_until(lambda: explorer("db", "status", home=home).returncode == 0, 240)
        assert "killed" in (home / local.events_file.name).read_text(encoding="utf-8")
        supervisor = local.status().pid
        assert supervisor is not None
        os.kill(supervisor, 9)
        assert wait_until(lambda: launchers(home) == [], 120), "Neo4j ran on without its supervisor"
    finally:
        local.stop()
        for pid in launchers(home):
            os.kill(pid, 9)
