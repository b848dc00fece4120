"""When the database fails: gone mid-session and back, killed during a load, bad certificates."""

import os
import shutil
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path

import pytest

from explorer.cli import progress
from explorer.database.session import read_query
from explorer.errors import DatabaseUnavailable
from explorer.localdb.connecting import connect, local_settings
from explorer.localdb.server import LocalDatabase, free_port
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def spare_db(tmp_path_factory):
    """A database of its own, that these tests may stop and kill."""
    home = tmp_path_factory.mktemp("spare-home")
    local = LocalDatabase(home)
    local.start(port=free_port(), wait=240)
    yield local
    local.stop()


def spare_env(spare_db: LocalDatabase) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["EXPLORER_HOME"] = str(spare_db.home)
    return env


def counts(cli, env) -> tuple[int, int]:
    result = cli(
        "cypher",
        "MATCH (n) WITH count(n) AS n MATCH ()-[r]->() RETURN n, count(r) AS r",
        "--format",
        "csv",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    n, r = result.stdout.splitlines()[1].split(",")
    return int(n), int(r)


def test_the_same_driver_recovers_when_the_database_comes_back(spare_db):
    settings = local_settings({"EXPLORER_HOME": str(spare_db.home)})
    driver = connect(settings)
    try:
        assert read_query(driver, settings, "RETURN 1 AS x").rows == [{"x": 1}]
        port = spare_db.port()
        spare_db.stop()
        with pytest.raises(DatabaseUnavailable, match="cannot reach Neo4j"):
            read_query(driver, settings, "RETURN 1 AS x")
        spare_db.start(port=port)
        assert read_query(driver, settings, "RETURN 2 AS x").rows == [{"x": 2}]
    finally:
        driver.close()


def test_a_load_killed_with_the_database_leaves_the_graph_as_before(spare_db, cli, tmp_path):
    env = spare_env(spare_db)
    assert cli("load", str(SEEDS), env=env).returncode == 0
    before = counts(cli, env)
    rows = 150_000
    (tmp_path / "nodes.csv").write_text(
        "id,kind,name,country\n" + "".join(f"k{i},Company,Killed Co {i},FR\n" for i in range(rows)),
        encoding="utf-8",
    )
    (tmp_path / "links.csv").write_text(
        "source,target,type\n" + "".join(f"k{i},eurobiomed,MEMBER_OF\n" for i in range(rows)),
        encoding="utf-8",
    )
    executable = Path(os.sys.executable).with_name("explorer")
    load = subprocess.Popen(
        [str(executable), "load", "--batch-size", "2000", str(tmp_path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in load.stderr:  # the progress bar starts once the first batch is written
            if line.startswith(progress.LABEL):
                break
        else:
            pytest.fail(f"the load ended before writing: {load.wait()}")
        spare_db.kill()
        _, err = load.communicate(timeout=120)
    finally:
        if load.poll() is None:
            load.kill()
    assert load.returncode == 3, err
    assert "Traceback" not in err
    spare_db.start(port=spare_db.port())
    assert counts(cli, env) == before


def test_a_corrupt_store_is_reported_clearly(tmp_path):
    home = tmp_path / "corrupt"
    local = LocalDatabase(home)
    local.start(port=free_port(), wait=240)
    local.stop()
    stores = home / "neo4j" / "data" / "databases"
    for path in stores.rglob("*"):
        if path.is_file() and path.stat().st_size > 0:
            path.write_bytes(b"\x00garbage" * 64)
    with pytest.raises(DatabaseUnavailable, match="stopped while starting") as caught:
        local.start(port=free_port(), wait=240)
    assert "neo4j.log" in (caught.value.hint or "")
    assert not local.is_running()


def _self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_a_server_with_an_untrusted_certificate_is_refused_clearly(cli, tmp_path):
    cert, key = _self_signed_certificate(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            try:
                with context.wrap_socket(conn, server_side=True):
                    time.sleep(0.1)
            except (ssl.SSLError, OSError):
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        env = {"NEO4J_URI": f"neo4j+s://localhost:{port}", "NEO4J_PASSWORD": "x"}
        result = cli("cypher", "RETURN 1", env=env)
    finally:
        stop.set()
        thread.join()
        server.close()
    assert result.returncode == 3, result.stderr
    assert "certificate" in result.stderr and "Traceback" not in result.stderr
