"""Introduction paths on small hand-made graphs where the right ranking is known (real Neo4j)."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest

from explorer.errors import AmbiguousEntity, UnknownEntity, UsageError
from explorer.introductions.explain import explain, search_json
from explorer.introductions.paths import find_paths
from explorer.introductions.weights import default_weights, load_weights
from explorer.introductions.why import why_line
from tests.builders import link, load_graph, node


@pytest.fixture
def hub_world(empty_db, settings, tmp_path):
    """Two companies in an 850-member cluster, and a person leading one and on the other's board."""
    nodes = [
        node("big-cluster", "Cluster", "Big Cluster", members=850),
        node("alpha", name="Alpha Bio"),
        node("beta", name="Beta Pharma"),
        node("gamma", name="Gamma Labs"),
        node("delta", name="Delta Thérapeutique"),
        node("jean", "Person", "Jean Dupré"),
        node("zoe", "Person", "Zoé Martin"),
    ]
    links = [
        link("alpha", "big-cluster", "MEMBER_OF"),
        link("beta", "big-cluster", "MEMBER_OF"),
        link("jean", "alpha", "LEADS", role="CEO"),
        link("jean", "beta", "BOARD_SEAT"),
        # a longer chain of strong ties: alpha - gamma - delta - beta (R&D partners)
        link("alpha", "gamma", "RD_PARTNER"),
        link("gamma", "delta", "RD_PARTNER"),
        link("delta", "beta", "RD_PARTNER"),
        link("zoe", "gamma", "WORKS_AT"),
    ]
    load_graph(empty_db, settings, tmp_path / "hub", nodes, links)
    return empty_db


def ids(path) -> list[str]:
    return [n.id for n in path.nodes]


def test_board_seat_beats_comembership_of_a_big_cluster(hub_world, settings):
    found = find_paths(hub_world, settings, "alpha", "beta", k=5)
    routes = [ids(p) for p in found.paths]
    assert routes[0] == ["alpha", "jean", "beta"]
    assert ["alpha", "big-cluster", "beta"] in routes
    assert routes.index(["alpha", "big-cluster", "beta"]) == len(routes) - 1
    # 0.95 * 0.9 against (0.5 * sqrt(20/850))^2
    assert found.paths[0].score == pytest.approx(0.95 * 0.9)
    assert found.paths[-1].score == pytest.approx((0.5 * math.sqrt(20 / 850)) ** 2)


def test_a_longer_chain_of_strong_ties_beats_a_short_path_through_a_hub(hub_world, settings):
    found = find_paths(hub_world, settings, "alpha", "beta", k=5, avoid=["jean"])
    assert ids(found.paths[0]) == ["alpha", "gamma", "delta", "beta"]
    assert found.paths[0].score == pytest.approx(0.85**3)
    assert found.paths[0].score > found.paths[-1].score * 10


def test_avoid_is_honoured(hub_world, settings):
    found = find_paths(hub_world, settings, "alpha", "beta", k=10, avoid=["Jean Dupre", "gamma"])
    assert found.paths
    for path in found.paths:
        assert "jean" not in ids(path) and "gamma" not in ids(path)
    assert {a.id for a in found.avoid} == {"jean", "gamma"}


def test_avoiding_an_end_of_the_path_is_refused(hub_world, settings):
    with pytest.raises(UsageError, match="cannot avoid"):
        find_paths(hub_world, settings, "alpha", "beta", avoid=["beta"])


def test_the_same_entity_at_both_ends_is_refused(hub_world, settings):
    with pytest.raises(UsageError, match="same entity"):
        find_paths(hub_world, settings, "alpha", "Alpha Bio")


def test_paths_are_loopless_distinct_sorted_and_within_the_hop_limit(hub_world, settings):
    found = find_paths(hub_world, settings, "jean", "zoe", k=20, max_hops=5, ranking="score")
    routes = [ids(p) for p in found.paths]
    assert len(routes) >= 3
    assert all(len(set(r)) == len(r) for r in routes)
    assert len({tuple(r) for r in routes}) == len(routes)
    scores = [p.score for p in found.paths]
    assert scores == sorted(scores, reverse=True)
    assert all(p.hop_count <= 5 for p in found.paths)
    assert all(r[0] == "jean" and r[-1] == "zoe" for r in routes)


def test_max_hops_cuts_longer_paths(hub_world, settings):
    found = find_paths(hub_world, settings, "alpha", "beta", k=10, max_hops=2)
    assert {tuple(ids(p)) for p in found.paths} == {
        ("alpha", "jean", "beta"),
        ("alpha", "big-cluster", "beta"),
    }


def test_every_hop_exists_in_the_database(hub_world, settings):
    found = find_paths(hub_world, settings, "zoe", "beta", k=10)
    assert found.paths
    for path in found.paths:
        for i, hop in enumerate(path.hops):
            ends = {path.nodes[i].id, path.nodes[i + 1].id}
            assert {hop.tie.start, hop.tie.end} == ends
            records, _, _ = hub_world.execute_query(
                "MATCH (a:Entity {id: $a})-[r]->(b:Entity {id: $b}) WHERE type(r) = $t RETURN count(r) AS n",
                a=hop.tie.start,
                b=hop.tie.end,
                t=hop.type,
                database_=settings.database,
            )
            assert records[0]["n"] == 1


def test_no_path_is_an_empty_list(empty_db, settings, tmp_path):
    load_graph(
        empty_db,
        settings,
        tmp_path / "islands",
        [node("a"), node("b"), node("c"), node("d")],
        [link("a", "b", "RD_PARTNER"), link("c", "d", "RD_PARTNER")],
    )
    found = find_paths(empty_db, settings, "a", "d")
    assert found.paths == ()
    assert found.complete
    assert search_json(found)["paths"] == []


@pytest.fixture
def status_world(empty_db, settings, tmp_path):
    """Two routes of the same types from a to z, one planned; and an inferred one."""
    nodes = [node(n) for n in ("a", "m1", "m2", "m3", "z")]
    links = [
        link("a", "m1", "RD_PARTNER"),
        link("m1", "z", "RD_PARTNER", status="planned"),
        link("a", "m2", "RD_PARTNER"),
        link("m2", "z", "RD_PARTNER"),
        link("a", "m3", "RD_PARTNER"),
        link("m3", "z", "RD_PARTNER", evidence="inferred"),
    ]
    load_graph(empty_db, settings, tmp_path / "status", nodes, links)
    return empty_db


def test_planned_ties_rank_below_active_ones(status_world, settings):
    found = find_paths(status_world, settings, "a", "z", k=3)
    assert [ids(p)[1] for p in found.paths] == ["m2", "m3", "m1"]
    assert found.paths[2].score == pytest.approx(0.85 * 0.85 * 0.6)
    assert found.paths[1].score == pytest.approx(0.85 * 0.85 * 0.7)


def test_active_only_leaves_out_planned_ties(status_world, settings):
    found = find_paths(status_world, settings, "a", "z", k=3, active_only=True)
    assert [ids(p)[1] for p in found.paths] == ["m2", "m3"]
    assert all(h.tie.status == "active" for p in found.paths for h in p.hops)


def test_inferred_and_planned_ties_say_so(status_world, settings):
    found = find_paths(status_world, settings, "a", "z", k=3)
    by_middle = {ids(p)[1]: explain(p) for p in found.paths}
    assert "inferred, not stated by the source" in by_middle["m3"]
    assert "(planned)" in by_middle["m1"]
    assert "inferred" not in by_middle["m2"]


def test_a_weights_file_changes_the_ranking(status_world, settings, tmp_path):
    weights_file = tmp_path / "weights.toml"
    weights_file.write_text("[status]\nplanned = 1.0\n[evidence]\ninferred = 0.5\n", encoding="utf-8")
    found = find_paths(status_world, settings, "a", "z", k=3, weights=load_weights(weights_file))
    assert [ids(p)[1] for p in found.paths][-1] == "m3"


def test_names_resolve_ignoring_case_and_accents(hub_world, settings):
    found = find_paths(hub_world, settings, "jean dupre", "DELTA therapeutique", k=1)
    assert (found.source.id, found.target.id) == ("jean", "delta")


def test_unknown_names_raise_with_suggestions(hub_world, settings):
    with pytest.raises(UnknownEntity) as caught:
        find_paths(hub_world, settings, "Alpha Bioo", "beta")
    assert "Alpha Bio" in caught.value.suggestions


def test_ambiguous_names_list_the_candidates(empty_db, settings, tmp_path):
    load_graph(
        empty_db,
        settings,
        tmp_path / "twins",
        [node("acme-fr", name="Acme", country="FR"), node("acme-us", name="Acme", country="US"), node("b")],
        [link("acme-fr", "b", "RD_PARTNER")],
    )
    with pytest.raises(AmbiguousEntity) as caught:
        find_paths(empty_db, settings, "acme", "b")
    assert len(caught.value.candidates) == 2


@pytest.fixture
def places_world(empty_db, settings, tmp_path):
    """Two companies in the same city, one of them with an R&D partner in another city."""
    nodes = [
        node("one", city="Lyon", country="FR"),
        node("two", city="Lyon", country="FR"),
        node("three", city="Tokyo", country="JP"),
    ]
    links = [link("two", "three", "RD_PARTNER")]
    load_graph(empty_db, settings, tmp_path / "places", nodes, links)
    return empty_db


def test_cities_are_never_intermediaries(places_world, settings):
    found = find_paths(places_world, settings, "one", "three", k=5)
    assert found.paths == ()  # one and two share only a city


def test_a_country_is_reached_through_its_cities(places_world, settings):
    found = find_paths(places_world, settings, "two", "jp", k=5)
    assert ids(found.paths[0]) == ["two", "three", "tokyo", "jp"]
    assert all(ids(p)[-2] in ("tokyo",) for p in found.paths)
    assert "for introductions in Japan" in explain(found.paths[0])


def test_a_search_stopped_by_its_budget_says_so(hub_world, settings):
    found = find_paths(hub_world, settings, "alpha", "zoe", k=5, budget=1)
    assert not found.complete


# -- the same ranking as networkx on random graphs -----------------------------------------

TYPES = ("RD_PARTNER", "PARTNER_OF")


def _random_world(seed: int) -> tuple[list[dict[str, object]], list[dict[str, object]], nx.Graph]:
    rnd = random.Random(seed)
    n = 14
    nodes = [node(f"c{i}", "Cluster") for i in range(n)]
    links, graph = [], nx.Graph()
    weights = default_weights()
    for i in range(n):
        for j in range(i + 1, n):
            if rnd.random() < 0.3:
                rtype = rnd.choice(TYPES)
                status = rnd.choice(("active", "active", "planned", "proposed"))
                links.append(link(f"c{i}", f"c{j}", rtype, status=status))
                graph.add_edge(f"c{i}", f"c{j}", cost=weights.cost(rtype, status, "stated"))
    return nodes, links, graph


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_ranking_is_the_one_networkx_finds(empty_db, settings, tmp_path, seed):
    nodes, links, graph = _random_world(seed)
    load_graph(empty_db, settings, tmp_path / f"random{seed}", nodes, links)
    found = find_paths(empty_db, settings, "c0", "c13", k=8, max_hops=12, ranking="score")
    expected = []
    if nx.has_path(graph, "c0", "c13"):
        for route in nx.shortest_simple_paths(graph, "c0", "c13", weight="cost"):
            expected.append(math.exp(-nx.path_weight(graph, route, "cost")))
            if len(expected) == 8:
                break
    assert [p.score for p in found.paths] == pytest.approx(expected)


def test_seed_path_to_the_japanese_network_goes_through_biocom(seeded_db, settings):
    found = find_paths(seeded_db, settings, "Neuroservices", "Bio Japan")
    assert found.paths
    best = found.paths[0]
    assert "biocom" in ids(best)
    text = explain(best)
    assert "Biocom" in text
    assert text.endswith(
        "Through Bruno Buisson, your CEO, who sits on Biocom's board, ask Biocom, a partner of Bio Japan, "
        "for an introduction."
    )
    assert best.introducer.asked.id == "biocom"
    assert best.introducer.through.id == "bruno-buisson"
    assert len(best.hops) + 1 == len(text.split(". "))  # one sentence per hop, then who to ask


def test_seed_explanations_in_french(seeded_db, settings):
    found = find_paths(seeded_db, settings, "neuroservices", "bio-japan", k=1)
    text = explain(found.paths[0], "fr")
    assert "Bruno Buisson siège au conseil de Biocom au nom d'Eurobiomed." in text
    assert text.endswith(
        "Par Bruno Buisson, votre PDG, qui siège au conseil de Biocom, demandez à Biocom, partenaire de "
        "Bio Japan, une mise en relation."
    )


def test_seed_names_with_accents_resolve(seeded_db, settings):
    found = find_paths(seeded_db, settings, "royere", "bio japan", k=1)
    assert found.source.name == "Emilie Royère"
    assert found.paths[0].nodes[0].name == "Emilie Royère"


def test_a_big_crowd_is_named_as_the_reason_a_tie_is_weak(hub_world, settings):
    found = find_paths(hub_world, settings, "alpha", "beta", k=5)
    through_hub = next(p for p in found.paths if "big-cluster" in ids(p))
    assert "(Big Cluster has 850 members)" in explain(through_hub)
    assert "(Big Cluster compte 850 membres)" in explain(through_hub, "fr")


@pytest.fixture
def one_introducer_world(empty_db, settings, tmp_path):
    """Three strong paths from a company to a target, all through its CEO, and a weak one through
    a cluster both belong to."""
    nodes = [
        node("asker", name="Asker Co"),
        node("target", name="Target Co"),
        node("ceo", "Person", "Carla Ceo"),
        node("x", name="X Co"),
        node("y", name="Y Co"),
        node("club", "Cluster", "Club"),
    ]
    links = [
        link("ceo", "asker", "LEADS"),
        link("ceo", "target", "BOARD_SEAT"),
        link("ceo", "x", "BOARD_SEAT"),
        link("x", "target", "RD_PARTNER"),
        link("ceo", "y", "WORKS_AT"),
        link("y", "target", "RD_PARTNER"),
        link("asker", "club", "MEMBER_OF"),
        link("target", "club", "MEMBER_OF"),
    ]
    load_graph(empty_db, settings, tmp_path / "one", nodes, links)
    return empty_db


def test_an_organisation_is_never_told_to_ask_its_own_people(one_introducer_world, settings):
    found = find_paths(one_introducer_world, settings, "asker", "target", k=4)
    assert [ids(p) for p in found.paths] == [
        ["asker", "ceo", "target"],
        ["asker", "ceo", "x", "target"],
        ["asker", "ceo", "y", "target"],
        ["asker", "club", "target"],
    ]
    asked = [p.introducer.asked.id if p.introducer.asked else None for p in found.paths]
    assert asked == [None, "x", "y", "club"]  # the CEO leads the asker: never the introducer
    assert [p.introducer.through.id if p.introducer.through else None for p in found.paths] == [
        "ceo",
        "ceo",
        "ceo",
        None,
    ]
    assert explain(found.paths[0], "en", found.side).endswith(
        "Through Carla Ceo, your leader, who sits on Target Co's board, contact Target Co directly: "
        "no one needs to introduce you."
    )
    assert explain(found.paths[1], "en", found.side).endswith(
        "Through Carla Ceo, your leader, who sits on X Co's board, ask X Co, an R&D partner of Target Co, "
        "for an introduction."
    )
    # the club names someone new, but its score (0.25) is less than half of Y Co's path (0.565)
    assert "Listed" not in why_line(found, 3)


def test_an_ended_board_seat_ranks_below_a_current_one_and_says_why(empty_db, settings, tmp_path):
    nodes = [
        node("a", name="Alpha"),
        node("z", name="Zeta"),
        node("old", "Person", "Olga Old"),
        node("new", "Person", "Nora New"),
    ]
    links = [
        link("old", "a", "LEADS"),
        link("old", "z", "BOARD_SEAT", since=2001, until=2010),
        link("new", "a", "LEADS"),
        link("new", "z", "BOARD_SEAT", since=2020),
    ]
    load_graph(empty_db, settings, tmp_path / "ended", nodes, links)
    found = find_paths(empty_db, settings, "a", "z", k=2, ranking="score")
    assert [ids(p) for p in found.paths] == [["a", "new", "z"], ["a", "old", "z"]]
    assert found.paths[0].score == pytest.approx(0.95 * 0.9)
    assert found.paths[1].score < found.paths[0].score * 0.6
    assert why_line(found, 0) == "Strong: a leadership role and a board seat, both current."
    assert "held back by the board seat (ended in 2010)" in why_line(found, 1)
    assert "Olga Old sits on the board of Zeta (since 2001; ended in 2010)." in explain(found.paths[1])
    assert "who sits on Zeta's board (ended in 2010)" in explain(found.paths[1])


def test_seed_a_weaker_path_overtakes_only_with_someone_new_and_half_the_score(seeded_db, settings):
    found = find_paths(seeded_db, settings, "Neuroservices", "Bio Japan")
    assert [p.introducer.asked.id for p in found.paths[:3]] == ["biocom", "emilie-royere", "biocom"]
    second, third = found.paths[1:3]
    assert second.score < third.score and second.score >= 0.5 * third.score
    assert why_line(found, 1).endswith(
        "Listed before 1 stronger path: it names someone new to ask, Emilie Royère, and its score is at "
        "least half of theirs."
    )
    assert why_line(found, 2).endswith("Listed after path 2, weaker but naming someone new to ask.")
    assert all(p.introducer.asked.id != "bruno-buisson" for p in found.paths)
