"""``explorer paths`` and ``explorer weights`` as users run them: the JSON contract, errors, exit codes."""

from __future__ import annotations

import json

import pytest

from tests.builders import link, load_graph, node

CONTRACT_PATH_KEYS = {
    "score",
    "hops",
    "nodes",
    "relationships",
    "explanation",
    "introducer",
    "through",
    "rank_score",
    "learned",
    "evidence",
}
CONTRACT_NODE_KEYS = {"id", "name", "kind"}
CONTRACT_REL_KEYS = {"type", "from", "to", "status", "source"}


def test_json_follows_the_contract(seeded_db, cli):
    run = cli("paths", "Neuroservices", "Bio Japan", "--k", "3", "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert set(data) == {"from", "to", "asker", "paths"}
    assert data["from"] == {"id": "neuroservices", "name": "Neuroservices", "kind": "Company"}
    assert data["to"] == {"id": "bio-japan", "name": "Bio Japan", "kind": "Cluster"}
    assert 1 <= len(data["paths"]) <= 3
    for path in data["paths"]:
        assert set(path) == CONTRACT_PATH_KEYS
        assert path["hops"] == len(path["relationships"]) == len(path["nodes"]) - 1
        assert all(set(n) == CONTRACT_NODE_KEYS for n in path["nodes"])
        assert all(set(r) == CONTRACT_REL_KEYS for r in path["relationships"])
        for i, rel in enumerate(path["relationships"]):  # each hop joins consecutive nodes
            assert {rel["from"], rel["to"]} == {path["nodes"][i]["id"], path["nodes"][i + 1]["id"]}
        assert path["nodes"][0]["id"] == "neuroservices" and path["nodes"][-1]["id"] == "bio-japan"
    best = data["paths"][0]
    assert "Biocom" in best["explanation"]
    assert best["explanation"].startswith(
        "Strong: a leadership role, a board seat and a partnership, all current."
    )
    assert best["explanation"].endswith(
        "Through Bruno Buisson, your CEO, who sits on Biocom's board, ask Biocom, a partner of Bio Japan, "
        "for an introduction."
    )
    # Bruno Buisson leads Neuroservices: he is the way out of its side, never its introducer
    assert best["introducer"] == {"id": "biocom", "name": "Biocom", "kind": "Cluster"}
    assert best["through"] == {"id": "bruno-buisson", "name": "Bruno Buisson", "kind": "Person"}
    assert data["asker"]["kind"] == "organisation"
    assert best["evidence"][0]["source"] == "article-eurobiomed-biocom"
    assert best["relationships"][0] == {
        "type": "LEADS",
        "from": "bruno-buisson",
        "to": "neuroservices",
        "status": "active",
        "source": "article-eurobiomed-biocom",
    }


def test_an_organisation_goes_through_its_own_people_never_asks_them(seeded_db, cli):
    run = cli("paths", "Eurobiomed", "Bio Japan", "--format", "json")
    assert run.returncode == 0, run.stderr
    paths = json.loads(run.stdout)["paths"]
    # Bruno Buisson represents Eurobiomed and leads Neuroservices: both are Eurobiomed's own
    assert [(p["introducer"] or {}).get("id") for p in paths] == ["biocom"] * 5
    assert [(p["through"] or {}).get("id") for p in paths[:3]] == ["bruno-buisson", None, "neuroservices"]
    assert paths[0]["explanation"].endswith(
        "Through Bruno Buisson, your representative, who sits on Biocom's board, ask Biocom, a partner "
        "of Bio Japan, for an introduction."
    )
    assert "Listed before" not in " ".join(p["explanation"] for p in paths)
    run = cli("paths", "Eurobiomed", "Bio Japan", "--format", "json", "--by-score")
    scores = [p["score"] for p in json.loads(run.stdout)["paths"]]
    assert scores == sorted(scores, reverse=True)


def test_text_says_how_many_people_can_help(seeded_db, cli):
    run = cli("paths", "Eurobiomed", "Bio Japan")
    assert run.returncode == 0, run.stderr
    assert "1 person or organisation can introduce you: Biocom." in run.stdout


def test_text_lists_ranked_paths_with_sources(seeded_db, cli):
    run = cli("paths", "neuroservices", "bio-japan", "-k", "2")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("From Neuroservices to Bio Japan: 2 introduction paths, best first")
    assert "1. score 0.513 · 3 hops" in run.stdout
    assert "Neuroservices <-LEADS- Bruno Buisson -BOARD_SEAT-> Biocom -PARTNER_OF- Bio Japan" in run.stdout
    assert "Sources: Eurobiomed and Biocom: two subsidiaries" in run.stdout


def test_french_explanations(seeded_db, cli):
    run = cli("paths", "neuroservices", "bio-japan", "-k", "1", "--lang", "fr")
    assert run.returncode == 0, run.stderr
    text = " ".join(run.stdout.split())
    assert "De Neuroservices à Bio Japan : 1 chemin d'introduction" in text
    assert "Par Bruno Buisson, votre PDG, qui siège au conseil de Biocom, demandez à Biocom" in text
    assert "Sources : Eurobiomed et Biocom : deux filiales" in text and "two subsidiaries" not in text


def test_avoid_is_honoured(seeded_db, cli):
    run = cli(
        "paths",
        "neuroservices",
        "bio-japan",
        "--avoid",
        "Bruno Buisson",
        "--avoid",
        "eurobiomed",
        "--format",
        "json",
    )
    assert run.returncode == 0, run.stderr
    paths = json.loads(run.stdout)["paths"]
    assert paths
    assert all(n["id"] not in ("bruno-buisson", "eurobiomed") for p in paths for n in p["nodes"])


def test_names_with_accents_and_any_case_resolve(seeded_db, cli):
    run = cli("paths", "EMILIE ROYERE", "institut paoli calmettes", "--format", "json", "-k", "1")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["from"]["name"] == "Emilie Royère"


@pytest.mark.parametrize("given", ["Neuroservises", "zzzz"])
def test_unknown_names_exit_2_with_a_suggestion_and_no_traceback(seeded_db, cli, given):
    run = cli("paths", given, "bio-japan")
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith(f"error: no entity matches {given!r}")
    if given == "Neuroservises":
        assert "did you mean Neuroservices" in run.stderr


def test_ambiguous_names_exit_2_listing_the_candidates(seeded_db, cli):
    run = cli("paths", "san", "bio-japan")
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert "matches 3 entities" in run.stderr and "san-diego" in run.stderr and "give the id" in run.stderr


def test_no_path_is_an_empty_list_a_sentence_and_exit_0(empty_db, settings, cli, tmp_path):
    load_graph(
        empty_db,
        settings,
        tmp_path / "apart",
        [node("a", name="Alone"), node("b", name="Other"), node("c")],
        [link("b", "c", "RD_PARTNER")],
    )
    run = cli("paths", "a", "b", "--format", "json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {
        "from": {"id": "a", "name": "Alone", "kind": "Company"},
        "to": {"id": "b", "name": "Other", "kind": "Company"},
        "asker": {"kind": "organisation", "entity": {"id": "a", "name": "Alone", "kind": "Company"}},
        "paths": [],
    }
    run = cli("paths", "a", "b")
    assert run.returncode == 0
    assert run.stdout.startswith("No introduction path from Alone to Other within 6 hops")


def test_same_entity_twice_is_a_usage_error(seeded_db, cli):
    run = cli("paths", "biocom", "Biocom")
    assert run.returncode == 2 and "same entity" in run.stderr


def test_a_bad_weights_file_is_reported_by_file_and_line(seeded_db, cli, tmp_path):
    bad = tmp_path / "weights.toml"
    bad.write_text("[strength]\nBOARD_SEAT = 0.9\nKNOWS = 0.5\nMEMBER_OF = 2\n[colours]\n", encoding="utf-8")
    run = cli("paths", "neuroservices", "bio-japan", "--weights", str(bad))
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith("error: the weights file has 3 problems")
    assert f"{bad}:3: 'KNOWS' is not a relationship type" in run.stderr
    assert f"{bad}:4: [strength] MEMBER_OF must be a number above 0 and at most 1" in run.stderr
    assert f"{bad}:5: unknown section [colours]" in run.stderr


def test_explorer_weights_names_a_weights_file(seeded_db, cli, tmp_path):
    weights = tmp_path / "mine.toml"
    weights.write_text("[strength]\nSUPPORTED_BY = 1.0\nPARTNER_OF = 1.0\n", encoding="utf-8")
    run = cli(
        "paths",
        "neuroservices",
        "bio-japan",
        "--format",
        "json",
        "-k",
        "1",
        env={"EXPLORER_WEIGHTS": str(weights)},
    )
    assert run.returncode == 0, run.stderr
    best = json.loads(run.stdout)["paths"][0]
    assert [n["id"] for n in best["nodes"]] == ["neuroservices", "biocom", "bio-japan"]
    shown = cli("weights", "--format", "json", env={"EXPLORER_WEIGHTS": str(weights)})
    assert shown.returncode == 0
    rows = {(r["table"], r["key"]): r["value"] for r in json.loads(shown.stdout)}
    assert rows[("strength", "SUPPORTED_BY")] == 1.0 and rows[("strength", "BOARD_SEAT")] == 0.9
