"""Fixtures: one real local Neo4j per test session, cleared between tests; the CLI as users run it."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import neo4j
import pytest

from explorer.config import Settings
from explorer.database.writing import apply_schema, write_session
from explorer.loaders import load
from explorer.localdb.connecting import connect, local_settings
from explorer.localdb.server import LocalDatabase, free_port
from tests.builders import FRENCH_LINKS, FRENCH_NODES, write_markup

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTIFACTS = ROOT / "tests" / "artifacts"
CONNECTION_VARIABLES = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")


@pytest.fixture(scope="session")
def explorer_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("explorer-home")


@pytest.fixture(scope="session")
def neo4j_server(explorer_home: Path) -> Iterator[LocalDatabase]:
    """The session's Neo4j, on a free port in a temporary EXPLORER_HOME."""
    patch = pytest.MonkeyPatch()
    for name in CONNECTION_VARIABLES:
        patch.delenv(name, raising=False)
    patch.setenv("EXPLORER_HOME", str(explorer_home))
    local = LocalDatabase(explorer_home)
    local.start(port=free_port(), wait=240)
    yield local
    local.stop()
    patch.undo()


@pytest.fixture(scope="session")
def settings(neo4j_server: LocalDatabase) -> Settings:
    return local_settings()


@pytest.fixture(scope="session")
def driver(settings: Settings) -> Iterator[neo4j.Driver]:
    drv = connect(settings)
    apply_schema(drv, settings)
    yield drv
    drv.close()


def clear(driver: neo4j.Driver, settings: Settings) -> None:
    with write_session(driver, settings) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


@pytest.fixture
def empty_db(driver: neo4j.Driver, settings: Settings) -> neo4j.Driver:
    """The session's database, emptied (schema kept)."""
    clear(driver, settings)
    return driver


def fingerprint(driver: neo4j.Driver, settings: Settings) -> str:
    """Everything the database holds (every node and relationship with its labels, type and
    properties), as one digest: two equal digests mean an untouched database."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN elementId(n) AS e, labels(n) AS l, properties(n) AS p", database_=settings.database
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN elementId(r) AS e, elementId(a) AS a, type(r) AS t, elementId(b) AS b, "
        "properties(r) AS p",
        database_=settings.database,
    )
    rows = sorted(repr(sorted(dict(r).items(), key=str)) for r in (*nodes, *rels))
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


_SHARED: dict[str, str] = {}


@pytest.fixture
def seeded_db(driver: neo4j.Driver, settings: Settings) -> neo4j.Driver:
    """The database holding the article's graph from seeds/.

    Loaded once and shared by the tests that leave it as they found it: before each test a
    digest of the whole database is compared with the one taken after the last load, and the
    seeds are loaded again (into an emptied database) only when a test changed anything.
    """
    if _SHARED.get("seeded") != fingerprint(driver, settings):
        clear(driver, settings)
        load(driver, settings, [SEEDS])
        _SHARED["seeded"] = fingerprint(driver, settings)
    return driver


@pytest.fixture
def markup_db(seeded_db: neo4j.Driver, settings: Settings, tmp_path: Path) -> neo4j.Driver:
    """The seeds plus a company whose name and properties are markup (``builders.MARKUP``)."""
    load(seeded_db, settings, write_markup(tmp_path / "markup"))
    return seeded_db


@pytest.fixture
def french_excel_csv(tmp_path: Path) -> Path:
    """A folder with a nodes and a links file as Excel exports them in a French locale."""
    folder = tmp_path / "excel"
    folder.mkdir()
    (folder / "entites.csv").write_bytes(FRENCH_NODES.encode("utf-8"))
    (folder / "liens.csv").write_bytes(FRENCH_LINKS.encode("utf-8"))
    return folder


CliRunner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(neo4j_server: LocalDatabase) -> CliRunner:
    """Run the installed ``explorer`` command as a user would; returns the completed process."""
    executable = Path(sys.executable).with_name("explorer")

    def run(
        *args: str, env: dict[str, str] | None = None, timeout: float = 180
    ) -> subprocess.CompletedProcess[str]:
        environment = {**os.environ, **(env or {})}
        return subprocess.run(
            [str(executable), *args],
            capture_output=True,
            text=True,
            env=environment,
            timeout=timeout,
            cwd=ROOT,
        )

    return run


def count(driver: neo4j.Driver, settings: Settings, query: str = "MATCH (n) RETURN count(n) AS c") -> int:
    records, _, _ = driver.execute_query(query, database_=settings.database)
    return int(records[0][0])


@pytest.fixture(scope="module")
def dated_db(driver: neo4j.Driver, settings: Settings, tmp_path_factory: pytest.TempPathFactory):
    """The dated ecosystem and its history (``tests/dated.py``), built once for a module whose tests
    only read it."""
    from tests import dated

    clear(driver, settings)
    with pytest.MonkeyPatch.context() as patch:
        dated.build(driver, settings, tmp_path_factory.mktemp("dated"), patch)
    return driver
