"""The managed local Neo4j: idempotent start, free ports, stale pids, credentials, side by side."""

import os
import socket
import stat
import time

import neo4j
import psutil
import pytest

from explorer.errors import DatabaseUnavailable
from explorer.localdb.server import PREFERRED_PORT, LocalDatabase, port_is_free


def test_the_session_database_listens_on_loopback_only(neo4j_server):
    port = neo4j_server.port()
    ours = [
        c.laddr.ip
        for c in psutil.net_connections(kind="tcp")
        if c.status == psutil.CONN_LISTEN and c.laddr.port == port
    ]
    assert ours, "nothing listens on the Bolt port"
    for address in ours:
        assert address in ("127.0.0.1", "::ffff:127.0.0.1"), f"listens beyond loopback: {address}"


def test_the_generated_password_is_long_and_private(neo4j_server):
    password = neo4j_server.password()
    assert password is not None and len(password) >= 16
    mode = stat.S_IMODE(os.stat(neo4j_server.password_file).st_mode)
    assert mode == 0o600


@pytest.mark.parametrize("auth", [("neo4j", "neo4j"), ("neo4j", ""), None])
def test_default_and_empty_logins_are_refused(neo4j_server, auth):
    uri = f"bolt://127.0.0.1:{neo4j_server.port()}"
    with neo4j.GraphDatabase.driver(uri, auth=auth) as driver, pytest.raises(neo4j.exceptions.AuthError):
        driver.verify_connectivity()
    _wait_until_the_real_login_works(uri, neo4j_server.password())


def _wait_until_the_real_login_works(uri: str, password: str | None, wait: float = 30.0) -> None:
    """Failed logins lock the user for a few seconds; let the lock pass before the next test."""
    deadline = time.monotonic() + wait
    with neo4j.GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
        while True:
            try:
                driver.verify_connectivity()
                return
            except neo4j.exceptions.AuthError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)


def test_starting_a_running_database_does_nothing(neo4j_server):
    before = neo4j_server.status()
    again = neo4j_server.start()
    assert again.already_running and again.pid == before.pid and again.port == before.port


def test_env_lines_can_be_evaluated(neo4j_server):
    lines = neo4j_server.env_lines()
    assert [line.split("=", 1)[0] for line in lines] == [
        "export NEO4J_URI",
        "export NEO4J_USERNAME",
        "export NEO4J_PASSWORD",
        "export NEO4J_DATABASE",
    ]
    assert f"bolt://127.0.0.1:{neo4j_server.port()}" in lines[0]


def test_a_second_home_runs_beside_the_first_and_keeps_its_data(neo4j_server, tmp_path, cli):
    """Stale pid reported, 7687 taken so another port chosen, data kept across stop and start."""
    home = tmp_path / "second"
    home.mkdir()
    (home / "neo4j.pid").write_text("999999\n")  # a process that does not exist
    blocker = None
    if port_is_free(PREFERRED_PORT):
        blocker = socket.socket()
        blocker.bind(("127.0.0.1", PREFERRED_PORT))
        blocker.listen()
    env = {"EXPLORER_HOME": str(home)}
    try:
        started = cli("db", "start", env=env)
        assert started.returncode == 0, started.stderr
        assert "stale pid file (process 999999" in started.stderr
        second = LocalDatabase(home)
        assert second.port() not in (PREFERRED_PORT, neo4j_server.port())
        assert neo4j_server.is_running()
        status = cli("db", "status", env=env)
        assert status.returncode == 0 and f"bolt://127.0.0.1:{second.port()}" in status.stdout

        uri = f"bolt://127.0.0.1:{second.port()}"
        with neo4j.GraphDatabase.driver(uri, auth=("neo4j", second.password())) as driver:
            driver.execute_query("CREATE (:Marker {id: 'kept'})")
        assert cli("db", "stop", env=env).stdout.strip() == "stopped"
        assert cli("db", "status", env=env).returncode == 3
        assert cli("db", "start", env=env).returncode == 0
        with neo4j.GraphDatabase.driver(
            f"bolt://127.0.0.1:{second.port()}", auth=("neo4j", second.password())
        ) as driver:
            records, _, _ = driver.execute_query("MATCH (m:Marker) RETURN m.id AS id")
        assert [r["id"] for r in records] == ["kept"]
    finally:
        LocalDatabase(home).stop()
        if blocker is not None:
            blocker.close()


def test_a_folder_that_is_not_ours_is_refused(tmp_path):
    home = tmp_path / "foreign"
    (home / "neo4j" / "data").mkdir(parents=True)
    (home / "neo4j" / "data" / "something").write_text("not ours")
    with pytest.raises(DatabaseUnavailable, match="did not create"):
        LocalDatabase(home).start()


def test_a_taken_port_asked_for_explicitly_is_refused(neo4j_server, tmp_path):
    with pytest.raises(DatabaseUnavailable, match=f"port {neo4j_server.port()} is taken"):
        LocalDatabase(tmp_path / "other").start(port=neo4j_server.port())


def test_status_and_stop_of_a_home_that_never_started(tmp_path, cli):
    env = {"EXPLORER_HOME": str(tmp_path)}
    assert cli("db", "status", env=env).returncode == 3
    assert "not running" in cli("db", "stop", env=env).stdout
    result = cli("db", "env", env=env)
    assert result.returncode == 3 and "explorer db start" in result.stderr
