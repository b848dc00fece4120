"""The tie strength computed by Neo4j (the reads of a search) is the Python formula, for every type,
status, evidence and crowd size."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from explorer import model
from explorer.introductions.reads import Neo4jTies
from explorer.introductions.weights import default_weights
from tests.builders import link, load_graph, node


def _ends(rtype: model.RelType) -> tuple[str, str]:
    order = ["Company", "Cluster", "Institute", "Person", "Alliance", "Initiative", "City", "Country"]
    return next(k for k in order if k in rtype.sources), next(k for k in order if k in rtype.targets)


def test_cypher_and_python_strengths_agree(empty_db, settings, tmp_path) -> None:
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
    load_graph(empty_db, settings, tmp_path, list(nodes.values()), ties)

    weights = default_weights()
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
        strength = weights.tie(rtype, t.get("status"), t.get("evidence"), crowd)  # type: ignore[arg-type]
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
