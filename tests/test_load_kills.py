"""Loads in bounded transactions, killed at random points: the loader or the database, while rows
are written or while the load is published. The next command leaves the graph as it was before
(stopped before the decision) or as the whole load makes it (stopped after), never in between;
readers never see what a load will take back; history records a load once."""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import neo4j
import pytest

from explorer import model
from explorer.config import Settings
from explorer.database.writing import apply_schema
from explorer.loaders import load
from explorer.localdb.connecting import connect, local_settings
from explorer.localdb.server import LocalDatabase, free_port
from tests.conftest import ROOT, clear, fingerprint

#: Kill points are drawn at random (``KILL_SEED`` to draw others).
DRAW = random.Random(int(os.environ.get("KILL_SEED", "23")))
NEW, OLD = 2000, 200


@pytest.fixture(scope="module")
def spare(tmp_path_factory: pytest.TempPathFactory):
    """A database of its own, that these tests kill; its settings and a driver."""
    home = tmp_path_factory.mktemp("kills-home")
    local = LocalDatabase(home)
    local.start(port=free_port(), wait=240)
    settings = local_settings({"EXPLORER_HOME": str(home)})
    driver = connect(settings)
    apply_schema(driver, settings)
    yield local, settings, driver
    driver.close()
    local.stop()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``base/``: entities already there; ``in/``: a load that adds entities (some in new cities),
    changes some, links new ones together, to the old, and old ones together."""
    root = tmp_path_factory.mktemp("kills-files")
    (root / "base").mkdir()
    (root / "in").mkdir()
    (root / "base" / "nodes.csv").write_text(
        "id,kind,name,country\nhub,Cluster,Hub,FR\n"
        + "".join(f"e{i},Company,Old {i},FR\n" for i in range(OLD)),
        encoding="utf-8",
    )
    (root / "base" / "links.csv").write_text(
        "source,target,type,since\n" + "".join(f"e{i},hub,MEMBER_OF,2010\n" for i in range(OLD)),
        encoding="utf-8",
    )
    (root / "in" / "nodes.csv").write_text(
        "id,kind,name,country,city\n"
        + "".join(f"n{i},Company,New {i},FR,Ville {i % 40}\n" for i in range(NEW))
        + "".join(f"e{i},Company,Old {i} renamed,FR,\n" for i in range(OLD // 2)),
        encoding="utf-8",
    )
    (root / "in" / "links.csv").write_text(
        "source,target,type,since\n"
        + "".join(f"n{i},hub,MEMBER_OF,2020\n" for i in range(NEW))
        + "".join(f"n{i},n{i + 1},RD_PARTNER,2021\n" for i in range(NEW - 1))
        + "".join(f"e{i},e{i + 1},RD_PARTNER,2022\n" for i in range(OLD // 2))
        + "".join(f"e{i},hub,MEMBER_OF,2015\n" for i in range(OLD // 2)),
        encoding="utf-8",
    )
    return root


def content(driver: neo4j.Driver, settings: Settings) -> str:
    """The graph's facts (entities, sources, ties: labels, types and properties without the
    bookkeeping that differs from one load to the next), as one digest."""
    skip = set(model.BOOKKEEPING)
    nodes, _, _ = driver.execute_query(
        "MATCH (n) WHERE n:Entity OR n:Source OR n:Loading RETURN labels(n) AS l, properties(n) AS p",
        database_=settings.database,
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p",
        database_=settings.database,
    )
    rows = sorted(
        repr(
            (
                sorted(r.get("l") or []),
                r.get("a"),
                r.get("t"),
                r.get("b"),
                sorted((k, v) for k, v in dict(r["p"]).items() if k not in skip),
            )
        )
        for r in (*nodes, *rels)
    )
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def loads_recorded(driver: neo4j.Driver, settings: Settings) -> int:
    records, _, _ = driver.execute_query(
        "MATCH (c:Change {action: 'load'}) RETURN count(c) AS n", database_=settings.database
    )
    return int(records[0]["n"])


def start_over(driver: neo4j.Driver, settings: Settings, files: Path) -> str:
    clear(driver, settings)
    load(driver, settings, [files / "base"])
    return fingerprint(driver, settings)


@pytest.fixture(scope="module")
def whole(spare, files) -> str:
    """The digest of the graph once the load is done without a stop."""
    _local, settings, driver = spare
    start_over(driver, settings, files)
    load(driver, settings, [files / "in"])
    return content(driver, settings)


def run_killer(local: LocalDatabase, files: Path, when: str, at: int, how: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["EXPLORER_HOME"] = str(local.home)
    return subprocess.Popen(
        [sys.executable, "-m", "tests.killing", when, str(at), how, str(files)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def next_command(local: LocalDatabase, *args: str) -> subprocess.CompletedProcess[str]:
    """The command a user runs next (the explorer finds the load that died)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["EXPLORER_HOME"] = str(local.home)
    executable = Path(sys.executable).with_name("explorer")
    command = [str(executable), *(args or ("cypher", "RETURN 1 AS one"))]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


ROWS = NEW + OLD // 2 + NEW + NEW - 1 + OLD  # rows of in/
WRITING = sorted(DRAW.sample(range(1, ROWS), 3))
PUBLISHING = [1, DRAW.randrange(2, NEW), NEW + DRAW.randrange(2, 20)]


@pytest.mark.parametrize("at", WRITING)
def test_a_loader_killed_while_writing_is_taken_back_by_the_next_command(spare, files, whole, at):
    local, settings, driver = spare
    before = start_over(driver, settings, files)
    killer = run_killer(local, files, "rows", at, "loader")
    assert killer.wait(timeout=300) == -9, killer.stderr.read() if killer.stderr else ""
    assert fingerprint(driver, settings) != before  # chunks were committed...
    done = next_command(local)
    assert done.returncode == 0, done.stderr
    assert "was taken back: nothing of it remains" in done.stderr
    assert fingerprint(driver, settings) == before  # ...and all of them taken back
    assert "taken back" not in next_command(local).stderr  # once


@pytest.mark.parametrize("at", PUBLISHING)
def test_a_loader_killed_while_publishing_is_finished_by_the_next_command(spare, files, whole, at):
    local, settings, driver = spare
    start_over(driver, settings, files)
    killer = run_killer(local, files, "publish", at, "loader")
    assert killer.wait(timeout=300) == -9
    done = next_command(local)
    assert done.returncode == 0, done.stderr
    assert "was finished and recorded in the history" in done.stderr
    assert content(driver, settings) == whole
    assert loads_recorded(driver, settings) == 2  # the base, and this load once


@pytest.mark.parametrize(("when", "at"), [("rows", WRITING[1]), ("publish", PUBLISHING[1])])
def test_a_database_killed_during_a_load_comes_back_before_it_or_with_all_of_it(
    spare, files, whole, when, at
):
    local, settings, driver = spare
    before = start_over(driver, settings, files)
    killer = run_killer(local, files, when, at, "database")
    _out, err = killer.communicate(timeout=300)
    assert killer.returncode == 3, err
    local.start(port=local.port(), wait=240)
    done = next_command(local)
    assert done.returncode == 0, done.stderr
    if when == "rows":
        assert "taken back" in done.stderr
        assert fingerprint(driver, settings) == before
    else:
        assert "finished" in done.stderr
        assert content(driver, settings) == whole
        assert loads_recorded(driver, settings) == 2


def _paused(folder: Path, killer: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 300
    while not (folder / "paused").exists():
        assert killer.poll() is None, killer.stderr.read() if killer.stderr else ""
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_readers_see_nothing_of_a_load_before_its_decision_and_a_second_load_waits(spare, files, whole):
    local, settings, driver = spare
    start_over(driver, settings, files)
    seen_before = next_command(local, "cypher", "MATCH (n:Entity)-[r]-() RETURN count(r) AS ties").stdout
    names_before = next_command(local, "search", "New 1").stdout
    hub_before = next_command(local, "query", "neighbourhood", "-p", "entity=hub", "-p", "hops=1").stdout
    for path in ("paused", "go"):
        (files / path).unlink(missing_ok=True)
    killer = run_killer(local, files, "rows", ROWS - 10, "pause")
    try:
        _paused(files, killer)
        assert next_command(local, "cypher", "MATCH (n:Entity)-[r]-() RETURN count(r) AS ties").stdout == (
            seen_before
        )
        assert next_command(local, "search", "New 1").stdout == names_before
        assert (
            next_command(local, "query", "neighbourhood", "-p", "entity=hub", "-p", "hops=1").stdout
            == hub_before
        )
        second = next_command(local, "load", str(files / "base"))
        assert second.returncode == 1
        assert "another load is under way" in second.stderr
        (files / "go").touch()
        assert killer.wait(timeout=300) == 0, killer.stderr.read() if killer.stderr else ""
    finally:
        (files / "go").touch()
        if killer.poll() is None:
            killer.kill()
        for path in ("paused", "go"):
            (files / path).unlink(missing_ok=True)
    assert content(driver, settings) == whole
    assert loads_recorded(driver, settings) == 2
