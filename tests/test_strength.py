"""The tie strength computed by Neo4j (the reads of a search) is the Python formula, for every type,
status, evidence, crowd size and end year."""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter

import pytest

from explorer import model
from explorer.introductions.reads import Neo4jTies
from explorer.introductions.weights import Weights, default_weights
from tests.builders import link, load_graph, node


def _ends(rtype: model.RelType) -> tuple[str, str]:
    order = ["Company", "Cluster", "Institute", "Person", "Alliance", "Initiative", "City", "Country"]
    return next(k for k in order if k in rtype.sources), next(k for k in order if k in rtype.targets)


#: The year end years are read against in these tests (a pinned year, as a weights file may set).
YEAR = 2025
#: End years: long ended, just ended, ending this year, ending later.
UNTILS = (YEAR - 12, YEAR - 1, YEAR, YEAR + 3)


@pytest.mark.parametrize("weights", [default_weights(), dataclasses.replace(default_weights(), year=YEAR)])
def test_cypher_and_python_strengths_agree(empty_db, settings, tmp_path, weights: Weights) -> None:
    nodes: dict[str, dict[str, object]] = {}
    ties: list[dict[str, object]] = []
    for rtype in model.REL_TYPES.values():
        start_kind, end_kind = _ends(rtype)
        for status, evidence in itertools.product(model.STATUSES, model.EVIDENCE):
            a, b = f"{rtype.name}-{status}-{evidence}-a", f"{rtype.name}-{status}-{evidence}-b"
            nodes[a], nodes[b] = node(a.lower(), start_kind), node(b.lower(), end_kind)
            ties.append(link(a.lower(), b.lower(), rtype.name, status=status, evidence=evidence))
        if rtype.crowd:  # a crowd of 25 around one end, and a stated size on a cluster
            hub = f"{rtype.name}-hub".lower()
            nodes[hub] = node(hub, end_kind, members=850 if end_kind == "Cluster" else None)
            for i in range(25):
                one = f"{rtype.name}-crowd-{i}".lower()
                nodes[one] = node(one, start_kind)
                ties.append(link(one, hub, rtype.name))
        for until in UNTILS:  # ended and current ties
            a, b = f"{rtype.name}-until-{until}-a".lower(), f"{rtype.name}-until-{until}-b".lower()
            nodes[a], nodes[b] = node(a, start_kind), node(b, end_kind)
            ties.append(link(a, b, rtype.name, since=YEAR - 20, until=until))
    load_graph(empty_db, settings, tmp_path, list(nodes.values()), ties)

    out_count: Counter[tuple[str, str]] = Counter()
    in_count: Counter[tuple[str, str]] = Counter()
    for t in ties:
        out_count[(str(t["source"]), str(t["type"]))] += 1
        in_count[(str(t["target"]), str(t["type"]))] += 1
    members = {str(n["id"]): n.get("members") for n in nodes.values()}
    expected: dict[tuple[str, str], float] = {}
    for t in ties:
        start, end, rtype = str(t["source"]), str(t["target"]), str(t["type"])
        crowd = None
        if rtype in weights.crowd_types:
            into = members[end] if rtype == "MEMBER_OF" and members[end] else in_count[(end, rtype)]
            crowd = max(out_count[(start, rtype)], int(into))  # type: ignore[arg-type]
        strength = weights.tie(rtype, t.get("status"), t.get("evidence"), crowd, t.get("until"))  # type: ignore[arg-type]
        expected[(start, end)] = expected[(end, start)] = strength

    with Neo4jTies(empty_db, settings, weights) as source:
        records, _ = source.read([(sorted(str(n["id"]) for n in nodes.values()), 0.0, 2.0)])
    read = {(n, m): s for n, others, strengths, _ in records for m, s in zip(others, strengths, strict=True)}
    assert set(read) == set(expected)
    for pair, strength in expected.items():
        assert read[pair] == pytest.approx(strength, rel=1e-9), pair
    assert {round(s, 9) for s in expected.values()} >= {
        round(weights.tie(t, s, e), 9)
        for t in model.REL_TYPES
        for s in model.STATUSES
        for e in model.EVIDENCE
    }


def test_an_ended_tie_is_weaker_the_longer_ago_it_ended() -> None:
    weights = dataclasses.replace(default_weights(), year=YEAR)
    current = weights.tie("BOARD_SEAT", "active", "stated")
    assert weights.tie("BOARD_SEAT", "active", "stated", until=YEAR) == current
    assert weights.tie("BOARD_SEAT", "active", "stated", until=YEAR + 5) == current
    just_ended = weights.tie("BOARD_SEAT", "active", "stated", until=YEAR - 1)
    long_ended = weights.tie("BOARD_SEAT", "active", "stated", until=YEAR - 11)
    assert current > just_ended > long_ended > 0
    assert long_ended == pytest.approx(just_ended / 4)  # halved every five years
    assert weights.tie("BOARD_SEAT", "active", "stated", until="soon") == current  # not a date: ignored
    # a month or a day is read with its precision: over only once its last day has passed
    assert weights.tie("BOARD_SEAT", "active", "stated", until=f"{YEAR - 1}-12") == just_ended
    assert weights.tie("BOARD_SEAT", "active", "stated", until=f"{YEAR - 1}-12-31") == just_ended
    assert weights.tie("BOARD_SEAT", "active", "stated", until=f"{YEAR}-01-01") == current
    assert weights.tie("BOARD_SEAT", "active", "stated", until=str(YEAR - 11)) == long_ended


def test_an_as_of_date_reads_until_against_that_date_not_today() -> None:
    from explorer.model import FactDate

    weights = dataclasses.replace(default_weights(), as_of=FactDate(2016, 6))
    current = weights.tie("BOARD_SEAT", "active", "stated")
    assert weights.current_year() == 2016
    assert weights.tie("BOARD_SEAT", "active", "stated", until=2016) == current
    assert weights.tie("BOARD_SEAT", "active", "stated", until="2016-06") == current
    assert weights.tie("BOARD_SEAT", "active", "stated", until="2016-05") < current
    assert weights.tie("BOARD_SEAT", "active", "stated", until=2030) == current


def test_a_weights_file_sets_the_recency_factors(tmp_path) -> None:
    from explorer.introductions.weights import load_weights

    path = tmp_path / "weights.toml"
    path.write_text("[recency]\nended = 0.5\nhalf_life = 10\nyear = 2020\n", encoding="utf-8")
    weights = load_weights(path)
    assert (weights.ended, weights.half_life, weights.year) == (0.5, 10.0, 2020)
    assert weights.tie("LEADS", None, None, until=2010) == pytest.approx(0.95 * 0.5 * 0.5)
    assert {r["key"] for r in weights.rows() if r["table"] == "recency"} == {"ended", "half_life", "year"}
