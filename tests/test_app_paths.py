"""The /paths page in AppTest: deep links, the ranked cards, the drawing, the brokers, the URL."""

from __future__ import annotations

import neo4j

from tests.app_helpers import graph_data, open_page, table_cells, texts, unescape
from tests.builders import link, load_graph, node


def test_deep_link_shows_ranked_cards_with_explanations(seeded_db: neo4j.Driver) -> None:
    at = open_page("paths", **{"from": "neuroservices", "to": "bio-japan"})
    assert not at.exception
    shown = unescape(texts(at))
    assert "5 path(s) from **Neuroservices** to **Bio Japan**, best first." in shown
    assert "**#1 · score 0.513 · 3 hop(s)** · :green-badge[best]" in shown
    assert "Ask Bruno Buisson, who sits on Biocom's board, for an introduction to Bio Japan." in shown
    assert "**Neuroservices** ← *leads* **Bruno Buisson** → *sits on the board of* **Biocom**" in shown
    assert "Sources: French regional press article on the Eurobiomed–Biocom partnership (¶6, ¶10)" in shown


def test_all_paths_are_drawn_together_with_the_best_one_highlighted(seeded_db: neo4j.Driver) -> None:
    at = open_page("paths", **{"from": "neuroservices", "to": "bio-japan"})
    drawn = graph_data(at)
    assert {n["id"] for n in drawn["nodes"]} == {
        "neuroservices",
        "bruno-buisson",
        "biocom",
        "bio-japan",
        "eurobiomed",
    }
    lit = {(e["from"], e["to"]) for e in drawn["edges"] if e.get("lit")}
    assert lit == {("bruno-buisson", "neuroservices"), ("bruno-buisson", "biocom"), ("bio-japan", "biocom")}
    assert all(e.get("dim") for e in drawn["edges"] if not e.get("lit"))


def test_brokers_between_the_two_countries_are_listed(seeded_db: neo4j.Driver) -> None:
    at = open_page("paths", **{"from": "neuroservices", "to": "bio-japan"})
    assert "Brokers between France and Japan" in texts(at)
    cells = table_cells(at)
    assert cells[:2] == ["Biocom", "Cluster"] or "Biocom" in cells
    assert "Bruno Buisson" in cells


def test_options_come_from_the_url_and_go_back_into_it(seeded_db: neo4j.Driver) -> None:
    at = open_page(
        "paths",
        **{"from": "neuroservices", "to": "bio-japan", "k": "2", "hops": "3", "avoid": "bruno-buisson"},
    )
    assert not at.exception
    assert "2 path(s) from **Neuroservices** to **Bio Japan**" in unescape(texts(at))
    assert "Bruno Buisson leads" not in texts(at)
    assert at.slider(key="paths.k").value == 2 and at.slider(key="paths.hops").value == 3
    at.slider(key="paths.k").set_value(1).run()
    assert at.query_params["k"] == "1"
    assert at.query_params["avoid"] == "bruno-buisson"
    at.toggle(key="paths.active").set_value(True).run()
    assert at.query_params["active"] == "1"


def test_picking_both_ends_by_name_ignoring_accents(seeded_db: neo4j.Driver) -> None:
    at = open_page("paths")
    assert "Pick who asks for the introduction and whom to reach" in texts(at)
    at.text_input(key="paths.from.search.text").set_value("royere").run()
    at.selectbox(key="paths.from.search.pick").select_index(0).run()
    at.text_input(key="paths.to.search.text").set_value("paoli").run()
    at.selectbox(key="paths.to.search.pick").select_index(0).run()
    assert not at.exception
    assert at.query_params["from"] == "emilie-royere"
    assert at.query_params["to"] == "institut-paoli-calmettes"
    assert "from **Emilie Royère** to **Institut Paoli Calmettes**" in unescape(texts(at))


def test_swap_exchanges_the_ends(seeded_db: neo4j.Driver) -> None:
    at = open_page("paths", **{"from": "neuroservices", "to": "bio-japan"})
    at.button(key="paths.swap").click().run()
    assert at.query_params["from"] == "bio-japan" and at.query_params["to"] == "neuroservices"


def test_no_path_says_so(empty_db: neo4j.Driver, settings, tmp_path) -> None:
    load_graph(
        empty_db,
        settings,
        tmp_path / "apart",
        [node("a", name="Alone"), node("b", name="Other"), node("c")],
        [link("b", "c", "RD_PARTNER")],
    )
    at = open_page("paths", **{"from": "a", "to": "b"})
    assert not at.exception
    assert "No introduction path from Alone to Other within 6 hops" in unescape(texts(at))


def test_an_unknown_entity_in_the_link_is_a_notice_with_the_closest_names(seeded_db: neo4j.Driver) -> None:
    at = open_page("paths", **{"from": "neuroservice", "to": "bio-japan"})
    assert not at.exception
    assert at.warning and "No entity matches “neuroservice”." in unescape(at.warning[0].value)
    assert any("Neuroservices" in b.label for b in at.button)


def test_an_ambiguous_name_in_the_link_offers_the_candidates(seeded_db: neo4j.Driver) -> None:
    at = open_page("paths", **{"from": "san", "to": "bio-japan"})
    assert not at.exception
    assert "matches several entities" in unescape(at.warning[0].value)
    labels = [b.label for b in at.button]
    assert any("San Diego" in label for label in labels) and any("San Francisco" in label for label in labels)
    next(b for b in at.button if b.label.startswith("San Diego —")).click().run()
    assert at.query_params["from"] in (["san-diego"], "san-diego")


def test_the_page_in_french(seeded_db: neo4j.Driver) -> None:
    at = open_page("paths", lang="fr", **{"from": "neuroservices", "to": "bio-japan"})
    assert not at.exception
    shown = unescape(texts(at))
    assert "Chemins d'introduction" in shown
    assert "Demandez à Bruno Buisson, qui siège au conseil de Biocom" in shown
    assert "Intermédiaires entre France et Japon" in shown
