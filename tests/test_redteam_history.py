"""Red team: a history rewritten with write access to the database does not pass ``--verify``."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest

from explorer.config import Settings
from explorer.curation import history
from tests.conftest import CliRunner
from tests.test_curation import add_acme


def run(driver: neo4j.Driver, settings: Settings, query: str) -> None:
    driver.execute_query(query, database_=settings.database)


@pytest.fixture
def two(seeded_db: neo4j.Driver, settings: Settings) -> neo4j.Driver:
    add_acme(seeded_db, settings)
    assert history.verify(seeded_db, settings).ok
    return seeded_db


@pytest.mark.parametrize(
    "tamper",
    [
        "MATCH (c:Change {id: 2}) SET c.facts = [], c.entities = []",
        "MATCH (c:Change {id: 2}) SET c.entities = ['eurobiomed']",
        "MATCH (c:Change) WITH max(c.id) AS last MATCH (c:Change {id: last}) SET c.facts = []",
        "MATCH (c:Change {id: 2}) SET c.note = 'added later'",
        "MATCH (c:Change {id: 2}) SET c.who = 'mallory'",
    ],
    ids=["lists-emptied", "entities-changed", "facts-emptied", "field-added", "who"],
)
def test_any_stored_field_changed_breaks_the_chain(
    two: neo4j.Driver, settings: Settings, tamper: str
) -> None:
    run(two, settings, tamper)
    check = history.verify(two, settings)
    assert not check.ok and check.broken is not None, check


@pytest.mark.parametrize(
    "tamper",
    [
        "MATCH (h:ChangeLog) DELETE h",
        "MATCH (h:ChangeLog) DELETE h WITH 1 AS x MATCH (c:Change) WITH max(c.id) AS last "
        "MATCH (c:Change {id: last}) DELETE c",
        "MATCH (c:Change) WITH max(c.id) AS last MATCH (c:Change {id: last}) DELETE c",
    ],
    ids=["head-deleted", "head-and-last-deleted", "last-deleted"],
)
def test_a_missing_head_or_last_record_is_found(two: neo4j.Driver, settings: Settings, tamper: str) -> None:
    run(two, settings, tamper)
    check = history.verify(two, settings)
    assert not check.ok and "head" in (check.problem or ""), check


def test_a_consistent_truncation_is_found_by_the_anchor_kept_apart(
    two: neo4j.Driver, settings: Settings
) -> None:
    before = history.verify(two, settings)
    run(
        two,
        settings,
        "MATCH (c:Change) WITH max(c.id) AS last MATCH (c:Change {id: last}) DELETE c "
        "WITH last MATCH (p:Change {id: last - 1}), (h:ChangeLog) SET h.seq = p.id, h.hash = p.hash",
    )
    assert history.verify(two, settings).ok  # consistent: only an anchor kept elsewhere tells
    check = history.verify(two, settings, anchor=(before.records, before.head))
    assert not check.ok and f"{before.records} when it was checked before" in (check.problem or "")


def test_verify_keeps_an_anchor_apart_and_says_a_rewrite_in_one_line(
    cli: CliRunner, two: neo4j.Driver, settings: Settings, explorer_home: Path
) -> None:
    anchor = explorer_home / "history-anchors.json"
    anchor.unlink(missing_ok=True)  # the database of these tests is emptied between them
    ok = cli("fact", "history", "--verify")
    assert ok.returncode == 0 and "every one as written" in ok.stdout
    assert anchor.is_file() and anchor.stat().st_mode & 0o077 == 0
    run(
        two,
        settings,
        "MATCH (c:Change) WITH max(c.id) AS last MATCH (c:Change {id: last}) DELETE c "
        "WITH last MATCH (p:Change {id: last - 1}), (h:ChangeLog) SET h.seq = p.id, h.hash = p.hash",
    )
    broken = cli("fact", "history", "--verify")
    anchor.unlink()
    assert broken.returncode != 0 and "checked before" in broken.stderr
    assert len(broken.stderr.strip().splitlines()) <= 2 and "Traceback" not in broken.stderr
