"""The golden asks (benchmarks/golden_asks.py): every expected introducer and ``through`` found."""

from __future__ import annotations

import dataclasses

import neo4j

from benchmarks import golden_asks
from explorer.config import Settings


def test_every_golden_ask_gets_the_expected_introducer_and_through(
    empty_db: neo4j.Driver, settings: Settings
) -> None:
    assert len(golden_asks.CASES) >= 30
    askers = {c.asker for c in golden_asks.CASES}
    assert {"acme", "pia", "@us"} <= askers  # an organisation, a person and the team
    team = dataclasses.replace(settings, team=golden_asks.TEAM)
    golden_asks.load_golden(empty_db, team)
    result = golden_asks.score(empty_db, team, timeout=300)  # a shared machine: correctness, not speed
    wrong = [
        f"{w['asker']} -> {w['target']}: got {w['got']}, expected {w['expected']}" for w in result["wrong"]
    ]
    assert wrong == [], "\n".join(wrong)
    assert result["share"] == 1.0
