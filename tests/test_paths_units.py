"""Pure parts of introduction paths: the k-cheapest-paths search, the weights file, the grammar."""

from __future__ import annotations

import math
import random
import re

import networkx as nx
import pytest

from explorer import model
from explorer.errors import InvalidInput
from explorer.introductions.explain import format_score
from explorer.introductions.kpaths import k_cheapest_paths
from explorer.introductions.weights import CROWD_TYPES, default_weights, load_weights
from explorer.wording import fr_in_country, possessive


def _random_graph(seed: int) -> tuple[nx.Graph, dict[int, dict[int, float]]]:
    rnd = random.Random(seed)
    graph = nx.gnp_random_graph(rnd.randint(2, 11), rnd.uniform(0.15, 0.7), seed=seed)
    for u, v in graph.edges:
        graph[u][v]["w"] = rnd.uniform(0.01, 3)
    return graph, {u: {v: graph[u][v]["w"] for v in graph[u]} for u in graph}


@pytest.mark.parametrize("seed", range(60))
def test_k_cheapest_paths_match_every_simple_path_sorted(seed):
    graph, adj = _random_graph(seed)
    rnd = random.Random(seed)
    source, target = 0, len(graph) - 1
    hops, k = rnd.choice([1, 2, 3, 4, 20]), rnd.randint(1, 8)
    found = k_cheapest_paths(adj, source, target, k, hops)
    every = [] if source == target else list(nx.all_simple_paths(graph, source, target, cutoff=hops))
    every.sort(key=lambda p: nx.path_weight(graph, p, "w"))
    expected = [nx.path_weight(graph, p, "w") for p in every[:k]]
    assert [r.cost for r in found] == pytest.approx(expected)
    assert all(len(set(r.nodes)) == len(r.nodes) and r.hops <= hops for r in found)
    assert len({r.nodes for r in found}) == len(found)


def test_a_cost_limit_drops_dearer_paths():
    adj = {
        "a": {"b": 1.0, "c": 0.1},
        "b": {"a": 1.0, "d": 1.0},
        "c": {"a": 0.1, "d": 0.1},
        "d": {"b": 1.0, "c": 0.1},
    }
    assert [r.nodes for r in k_cheapest_paths(adj, "a", "d", 5, 5)] == [("a", "c", "d"), ("a", "b", "d")]
    assert [r.nodes for r in k_cheapest_paths(adj, "a", "d", 5, 5, limit=1.0)] == [("a", "c", "d")]


def test_nodes_that_may_not_be_left_are_dead_ends_unless_they_step_onto_the_target():
    adj = {
        "a": {"city": 1.0},
        "city": {"a": 1.0, "b": 1.0, "country": 1.0},
        "b": {"city": 1.0},
        "country": {"city": 1.0},
    }

    def may_leave(node: str, _hops: int) -> bool:
        return node != "city"

    assert k_cheapest_paths(adj, "a", "b", 3, 5, may_leave=may_leave) == []
    found = k_cheapest_paths(adj, "a", "country", 3, 5, may_leave=may_leave, last_step=True)
    assert [r.nodes for r in found] == [("a", "city", "country")]


def test_the_default_weights_are_the_model_table():
    weights = default_weights()
    assert dict(weights.strength) == {t.name: t.strength for t in model.REL_TYPES.values()}
    assert weights.tie("BOARD_SEAT", "active", "stated") == pytest.approx(0.9)
    assert weights.tie("RD_PARTNER", "planned", "inferred") == pytest.approx(0.85 * 0.6 * 0.7)
    assert weights.tie("MEMBER_OF", None, None, 850) == pytest.approx(0.5 * math.sqrt(20 / 850))
    assert weights.tie("MEMBER_OF", None, None, 20) == pytest.approx(0.5)
    assert weights.tie("BOARD_SEAT", None, None, 850) == pytest.approx(0.9)  # not a crowd type
    assert weights.cost("LEADS", "active", "stated") == pytest.approx(-math.log(0.95))
    assert "MEMBER_OF" in CROWD_TYPES and "LOCATED_IN" not in CROWD_TYPES


def test_a_weights_file_overrides_entries_in_english_or_french(tmp_path):
    path = tmp_path / "weights.toml"
    path.write_text(
        '[strength]\n"membre de" = 0.3\nBOARD_SEAT = 1\n[status]\n"prévu" = 0.9\n'
        '[crowd]\nreference_size = 50\ntypes = ["MEMBER_OF", "RD_PARTNER"]\n',
        encoding="utf-8",
    )
    weights = load_weights(path)
    assert weights.strength["MEMBER_OF"] == 0.3 and weights.strength["BOARD_SEAT"] == 1.0
    assert weights.status["planned"] == 0.9 and weights.status["proposed"] == 0.4
    assert weights.reference_size == 50 and weights.crowd_types == {"MEMBER_OF", "RD_PARTNER"}
    assert weights.origin == path


@pytest.mark.parametrize(
    "text, message",
    [
        ("[strength]\nKNOWS = 0.5\n", r"weights.toml:2: 'KNOWS' is not a relationship type"),
        ("[strength]\nLEADS = 0\n", r"weights.toml:2: \[strength\] LEADS must be a number above 0"),
        ("[strength]\nLEADS = 1.5\n", r"weights.toml:2: \[strength\] LEADS must be a number above 0"),
        ('[strength]\nLEADS = "high"\n', r"weights.toml:2: .* not 'high'"),
        ("[status]\nmaybe = 0.5\n", r"weights.toml:2: 'maybe' is not a status"),
        ("[evidence]\nrumour = 0.5\n", r"weights.toml:2: 'rumour' is not an evidence"),
        ("[crowd]\nreference_size = 0\n", r"weights.toml:2: reference_size must be a whole number"),
        ('[crowd]\ntypes = "MEMBER_OF"\n', r"weights.toml:2: types must be a list"),
        ("[colours]\nx = 1\n", r"weights.toml:1: unknown section \[colours\]"),
        ("strength = 0.5\n", r"weights.toml:1: strength must be a section"),
        ("[strength\n", r"weights.toml:1: not valid TOML"),
    ],
)
def test_a_bad_weights_file_names_the_line(tmp_path, text, message):
    path = tmp_path / "weights.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_weights(path)
    lines = caught.value.report_lines()
    assert any(re.search(message, line) for line in lines), lines


def test_a_missing_weights_file_is_an_error(tmp_path):
    with pytest.raises(InvalidInput, match="not found"):
        load_weights(tmp_path / "missing.toml")


def test_the_weights_file_is_found_under_explorer_home(tmp_path):
    (tmp_path / "weights.toml").write_text("[strength]\nLEADS = 0.5\n", encoding="utf-8")
    assert load_weights(env={"EXPLORER_HOME": str(tmp_path)}).strength["LEADS"] == 0.5
    assert load_weights(env={"EXPLORER_HOME": str(tmp_path / "none")}).origin is None


@pytest.mark.parametrize(
    "country, said",
    [
        ("France", "en France"),
        ("Japon", "au Japon"),
        ("États-Unis", "aux États-Unis"),
        ("Israël", "en Israël"),
        ("Mexique", "au Mexique"),
        ("Singapour", "à Singapour"),
        ("Pays-Bas", "aux Pays-Bas"),
        ("Royaume-Uni", "au Royaume-Uni"),
    ],
)
def test_french_says_in_a_country_properly(country, said):
    assert fr_in_country(country) == said


def test_small_pieces_of_english():
    assert possessive("Biocom") == "Biocom's"
    assert possessive("Neuroservices") == "Neuroservices'"
    assert format_score(0.51300) == "0.513"
    assert format_score(0.0000245) == "2.45e-05"
