"""Brokers between two groups on hand-made graphs where the right answer is known (real Neo4j)."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from explorer.errors import UnknownEntity, UsageError
from explorer.introductions.brokers import find_brokers, groups_between, resolve_group
from explorer.introductions.explain import bridge_sentence, explain, readable_route
from explorer.introductions.weights import default_weights
from tests.builders import entity, link, load_graph, node

FRENCH = ("f1", "f2", "f3")
JAPANESE = ("j1", "j2")


@pytest.fixture
def bridge_world(empty_db, settings, tmp_path):
    """Three French and two Japanese companies; Kenji leads f1 and sits on j1's board."""
    nodes = [
        *(node(i, country="FR") for i in FRENCH),
        *(node(i, country="JP") for i in JAPANESE),
        node("kenji", "Person", "Kenji Satō"),
        node("big", "Cluster", "Big Cluster", members=900),
        node("alliance", "Alliance", "Franco-Japanese alliance"),
    ]
    links = [
        link("kenji", "f1", "LEADS"),
        link("kenji", "j1", "BOARD_SEAT"),
        link("f2", "f1", "RD_PARTNER"),
        link("f3", "f1", "RD_PARTNER"),
        link("j2", "j1", "RD_PARTNER"),
        # a weak alternative: co-membership of a 900-member cluster
        link("f3", "big", "MEMBER_OF"),
        link("j2", "big", "MEMBER_OF"),
        link("f1", "alliance", "PARTY_TO"),
        link("big", "alliance", "PARTY_TO"),
    ]
    load_graph(empty_db, settings, tmp_path / "bridge", nodes, links)
    return empty_db


def test_the_person_bridging_two_countries_comes_first(bridge_world, settings):
    found = find_brokers(bridge_world, settings, "France", "Japon")
    assert (found.a.id, found.b.id) == ("FR", "JP")
    assert found.pairs == found.connected == 6
    ranked = [(b.node.id, b.count) for b in found.brokers]
    assert ranked[:3] == [("kenji", 6), ("f1", 4), ("j1", 3)]
    assert found.brokers[0].share == 1.0
    example = found.brokers[0].example
    assert example is not None and "kenji" in [n.id for n in example.nodes]
    assert example.nodes[0].country == "FR" and example.nodes[-1].country == "JP"
    assert "Ask Kenji Satō" in explain(example)


def test_counts_are_networkx_subset_betweenness_in_pairs(bridge_world, settings):
    found = find_brokers(bridge_world, settings, "FR", "JP")
    weights = default_weights()
    graph = nx.Graph()
    for a, b, rtype, crowd in [
        ("kenji", "f1", "LEADS", None),
        ("kenji", "j1", "BOARD_SEAT", None),
        ("f2", "f1", "RD_PARTNER", None),
        ("f3", "f1", "RD_PARTNER", None),
        ("j2", "j1", "RD_PARTNER", None),
        ("f3", "big", "MEMBER_OF", 900),
        ("j2", "big", "MEMBER_OF", 900),
    ]:
        graph.add_edge(a, b, cost=weights.cost(rtype, "active", "stated", crowd))
    expected = nx.betweenness_centrality_subset(graph, FRENCH, JAPANESE, weight="cost")
    # networkx halves undirected betweenness; counted in pairs here
    assert {b.node.id: b.count for b in found.brokers} == {
        v: round(2 * c) for v, c in expected.items() if c > 0
    }


def test_the_hop_limit_bounds_the_paths_counted(bridge_world, settings):
    found = find_brokers(bridge_world, settings, "FR", "JP", max_hops=2)
    assert found.connected == 2  # f1 - kenji - j1, and f3 - big - j2 (weak, but the only one)
    assert sorted((b.node.id, b.count) for b in found.brokers) == [("big", 1), ("kenji", 1)]
    assert all(b.example is None or b.example.hop_count <= 2 for b in found.brokers)


def test_clusters_and_alliances_are_groups(bridge_world, settings):
    cluster = resolve_group(bridge_world, settings, "Big Cluster")
    assert cluster.kind == "cluster" and cluster.members == {"big", "f3", "j2"}
    alliance = resolve_group(bridge_world, settings, "franco-japanese alliance")
    assert alliance.kind == "alliance" and alliance.members == {"alliance", "f1", "big", "f3", "j2"}
    found = find_brokers(bridge_world, settings, "Big Cluster", "JP")
    assert "big" not in [b.node.id for b in found.brokers]  # a group's own node is never a broker


def test_any_other_entity_is_a_group_with_its_neighbours(bridge_world, settings):
    circle = resolve_group(bridge_world, settings, "f3")
    assert circle.kind == "neighbourhood" and circle.members == {"f3", "f1", "big"} and circle.anchor == "f3"
    found = find_brokers(bridge_world, settings, "f2", "j2")
    assert (found.a.kind, found.b.kind) == ("neighbourhood", "neighbourhood")
    assert "kenji" in [b.node.id for b in found.brokers]
    assert {"f2", "j2"}.isdisjoint(b.node.id for b in found.brokers)


def test_two_entities_are_compared_by_country_when_they_differ_else_by_their_own_groups(
    bridge_world, settings
):
    f1, f2, j1 = (resolve_group(bridge_world, settings, i) for i in ("f1", "f2", "j1"))
    assert groups_between(entity("f1", country="FR"), entity("j1", country="JP")) == ("FR", "JP")
    assert groups_between(entity("f1", country="FR"), entity("f2", country="FR")) == ("f1", "f2")
    assert groups_between(entity("kenji", "Person"), entity("j1", country="JP")) == ("kenji", "j1")
    assert {f1.kind, f2.kind, j1.kind} == {"neighbourhood"}


def test_each_broker_is_said_in_words_in_both_languages(bridge_world, settings):
    found = find_brokers(bridge_world, settings, "FR", "JP")
    kenji = found.brokers[0]
    assert readable_route(kenji.example).count("→") >= 1 and "-LEADS-" not in readable_route(kenji.example)
    assert bridge_sentence(kenji) == (
        "Kenji Satō is the bridge: Kenji Satō leads F1, and Kenji Satō sits on the board of J1."
    )
    assert bridge_sentence(kenji, "fr") == (
        "Kenji Satō fait le pont : Kenji Satō dirige F1, et Kenji Satō siège au conseil de J1."
    )
    assert "siège au conseil de" in readable_route(kenji.example, "fr")


def test_an_unknown_group_is_an_unknown_entity(bridge_world, settings):
    with pytest.raises(UnknownEntity):
        find_brokers(bridge_world, settings, "Atlantis", "JP")


def test_the_same_group_twice_is_refused(bridge_world, settings):
    with pytest.raises(UsageError, match="same group"):
        find_brokers(bridge_world, settings, "France", "fr")


def test_big_groups_are_sampled_the_same_way_every_time(bridge_world, settings):
    first = find_brokers(bridge_world, settings, "FR", "JP", sample=2)
    again = find_brokers(bridge_world, settings, "FR", "JP", sample=2)
    assert first.sampled == (2, 2) and first.is_sample
    assert [(b.node.id, b.count) for b in first.brokers] == [(b.node.id, b.count) for b in again.brokers]


def test_seed_brokers_between_france_and_japan(seeded_db, settings):
    found = find_brokers(seeded_db, settings, "France", "Japan")
    names = [b.node.name for b in found.brokers]
    assert names[:2] == ["Biocom", "Bruno Buisson"]


def test_cli_brokers_text_and_json(seeded_db, cli):
    run = cli("brokers", "--between", "FR", "JP")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Brokers between France (country, 5 entities) and Japan (country, 1 entity)")
    assert "1. Biocom (Cluster, biocom)" in run.stdout
    run = cli("brokers", "--between", "France", "Japon", "--format", "json", "--top", "2")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert [g["id"] for g in data["between"]] == ["FR", "JP"]
    assert [b["id"] for b in data["brokers"]] == ["biocom", "bruno-buisson"]
    assert set(data["brokers"][0]) == {"id", "name", "kind", "count", "share", "example", "bridge"}
    assert set(data["brokers"][0]["example"]) == {
        "score",
        "hops",
        "nodes",
        "relationships",
        "explanation",
        "introducer",
        "rank_score",
        "through",
        "learned",
        "evidence",
    }  # an example is a path as `explorer paths` gives it
    assert data["brokers"][0]["bridge"].startswith("Biocom is the bridge: ")


def test_cli_brokers_errors_exit_2_without_traceback(seeded_db, cli):
    run = cli("brokers", "--between", "Atlantis", "JP")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.startswith("error:")


def test_cli_brokers_between_an_entitys_circle_and_a_cluster(seeded_db, cli):
    run = cli("brokers", "--between", "Abreos Biosciences", "Biocom")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(
        "Brokers between Abreos Biosciences and its neighbours (3 entities) and Biocom"
    )
    assert "Bruno Buisson is the bridge: " in run.stdout and "-BOARD_SEAT->" not in run.stdout
