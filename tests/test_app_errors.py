"""When things go wrong: banners that say what to do, never a traceback, and recovery without a restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from explorer.config import Settings
from explorer.loaders import load
from explorer.localdb.connecting import connect, local_settings
from explorer.localdb.server import LocalDatabase, free_port
from explorer.resources import seeds_dir
from tests.app_helpers import open_page, texts

PAGES = ("network", "queries", "alliance")


@pytest.fixture
def unreachable(neo4j_server: LocalDatabase, monkeypatch: pytest.MonkeyPatch) -> None:
    """NEO4J_URI points at a port where nothing listens."""
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{free_port()}")
    monkeypatch.setenv("NEO4J_PASSWORD", "whatever-it-is")


@pytest.mark.parametrize("page", PAGES)
def test_unreachable_database_is_a_banner_with_the_next_step(unreachable: None, page: str) -> None:
    at = open_page(page)
    assert not at.exception
    banner = at.error[0].value
    assert "The database cannot be reached." in banner and "explorer db start" in banner
    assert any(b.label == "Retry" for b in at.button)


def test_wrong_credentials_are_a_banner(
    seeded_db: neo4j.Driver, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", str(settings.uri))
    monkeypatch.setenv("NEO4J_USERNAME", "intruder")  # not neo4j: failed logins would lock that user
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    at = open_page()
    assert not at.exception
    assert "The database refused the credentials." in at.error[0].value
    assert "NEO4J_PASSWORD" in at.error[0].value


@pytest.mark.parametrize("page", PAGES)
def test_empty_database_says_how_to_load_data(empty_db: neo4j.Driver, page: str) -> None:
    at = open_page(page)
    assert not at.exception
    assert "The database is empty." in at.warning[0].value and "explorer load seeds/" in at.warning[0].value


def test_the_page_recovers_once_the_settings_are_right(
    seeded_db: neo4j.Driver, unreachable: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page()
    assert at.error, texts(at)
    monkeypatch.delenv("NEO4J_URI")
    monkeypatch.delenv("NEO4J_PASSWORD")
    next(b for b in at.button if b.label == "Retry").click().run()
    assert not at.exception and not at.error, texts(at)
    assert "Showing 16 of 16 entities" in texts(at)


def test_empty_database_recovers_once_loaded(empty_db: neo4j.Driver, settings: Settings) -> None:
    at = open_page()
    assert at.warning
    load(empty_db, settings, [seeds_dir()])
    next(b for b in at.button if b.label == "Retry").click().run()
    assert not at.warning and "Showing 16 of 16 entities" in texts(at)


@pytest.fixture
def own_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalDatabase]:
    """A second local database with the seeds, which the test stops and starts."""
    local = LocalDatabase(tmp_path / "home")
    local.start(port=free_port(), wait=240)
    monkeypatch.setenv("EXPLORER_HOME", str(local.home))
    settings = local_settings()
    driver = connect(settings)
    try:
        load(driver, settings, [seeds_dir()])
    finally:
        driver.close()
    yield local
    local.stop()


def test_app_recovers_when_the_database_comes_back(own_database: LocalDatabase) -> None:
    at = open_page(focus="biocom")
    assert "Centred on **Biocom**" in texts(at)
    own_database.stop()
    at.run()
    assert not at.exception
    assert "The database cannot be reached." in texts(at), texts(at)
    own_database.start(wait=240)
    next(b for b in at.button if b.label == "Retry").click().run()
    assert not at.exception and not at.error
    assert "Centred on **Biocom**" in texts(at)
