"""The /paths page in AppTest: deep links, the ranked cards, the drawing, the brokers, the URL."""

from __future__ import annotations

import re

import neo4j

from tests.app_helpers import graph_data, graphs, open_page, table_cells, texts, unescape
from tests.builders import link, load_graph, node


def test_deep_link_shows_ranked_cards_with_explanations(seeded_db: neo4j.Driver) -> None:
    at = open_page("paths", **{"from": "neuroservices", "to": "bio-japan"})
    assert not at.exception
    shown = unescape(texts(at))
    assert "5 paths from **Neuroservices** to **Bio Japan**, best first." in shown
    assert "**#1 · score 0.513 · 3 hops** · :green-badge[best]" in shown
    assert (
        "Through Bruno Buisson, your CEO, who sits on Biocom's board, ask Biocom, a partner of Bio Japan, "
        "for an introduction." in shown
    )
    assert "**Neuroservices** ← *leads* **Bruno Buisson** → *sits on the board of* **Biocom**" in shown
    assert (
        "Sources: Eurobiomed and Biocom: two subsidiaries across the Atlantic "
        "and a planned alliance with Japan (¶6, ¶10)" in shown
    )


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
    assert "2 paths from **Neuroservices** to **Bio Japan**" in unescape(texts(at))
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
    assert "Chemins de mise en relation" in shown
    assert "Par Bruno Buisson, votre PDG, qui siège au conseil de Biocom, demandez à Biocom" in shown
    assert "Intermédiaires entre France et Japon" in shown
    assert "Sources : Eurobiomed et Biocom" in shown and "French regional press" not in shown


def lit_nodes(at) -> set[str]:
    """The entities highlighted on the page's drawing."""
    drawn = graph_data(at)
    lit = {e["from"] for e in drawn["edges"] if e.get("lit")} | {
        e["to"] for e in drawn["edges"] if e.get("lit")
    }
    return lit


def test_picking_a_card_highlights_its_path_and_the_url_keeps_it(seeded_db: neo4j.Driver) -> None:
    at = open_page("paths", **{"from": "eurobiomed", "to": "bio-japan"})
    assert lit_nodes(at) == {"eurobiomed", "bruno-buisson", "biocom", "bio-japan"}
    assert "path" not in at.query_params
    at.button(key="paths.show.3").click().run()
    assert not at.exception
    assert at.query_params["path"] == "3"
    assert lit_nodes(at) == {"eurobiomed", "bruno-buisson", "neuroservices", "biocom", "bio-japan"}
    assert at.button(key="paths.show.3").disabled and not at.button(key="paths.show.1").disabled
    assert "path 3 is highlighted" in texts(at)


def test_a_link_names_the_path_shown(seeded_db: neo4j.Driver) -> None:
    at = open_page("paths", **{"from": "eurobiomed", "to": "bio-japan", "path": "2"})
    assert lit_nodes(at) == {"eurobiomed", "biocom", "bio-japan"}
    at = open_page("paths", **{"from": "eurobiomed", "to": "bio-japan", "path": "9"})
    assert "The link asks for path 9, but there are only 5: path 1 is shown." in texts(at)
    assert lit_nodes(at) == {"eurobiomed", "bruno-buisson", "biocom", "bio-japan"}


def test_a_new_question_shows_its_first_path(seeded_db: neo4j.Driver) -> None:
    at = open_page("paths", **{"from": "eurobiomed", "to": "bio-japan", "path": "2"})
    at.button(key="paths.swap").click().run()
    assert "path" not in at.query_params
    assert lit_nodes(at) == {"eurobiomed", "bruno-buisson", "biocom", "bio-japan"}


def test_each_card_says_why_it_ranks_there_and_who_can_help(seeded_db: neo4j.Driver) -> None:
    at = open_page("paths", **{"from": "eurobiomed", "to": "bio-japan"})
    shown = unescape(texts(at))
    assert "1 person or organisation can introduce you: Biocom." in shown
    assert "Strong: a representative role, a board seat and a partnership, all current." in shown
    at = open_page("paths", **{"from": "neuroservices", "to": "bio-japan"})
    said = "Listed before 1 stronger path: it names someone new to ask, Emilie Royère"
    assert said in unescape(texts(at))
    at.toggle(key="paths.by_score").set_value(True).run()
    assert at.query_params["ranking"] == "score"
    assert "Listed before" not in unescape(texts(at))


def test_the_advice_on_the_seed_graph_never_names_the_askers_own_cluster(seeded_db: neo4j.Driver) -> None:
    at = open_page("paths", **{"from": "emilie-royere", "to": "abreos-biosciences"})
    shown = unescape(texts(at))
    assert "Ask Eurobiomed" not in shown
    assert (
        "Contact Abreos Biosciences, a member of Eurobiomed, directly: no one needs to introduce you."
        in shown
    )
    at = open_page("paths", **{"from": "bruno-buisson", "to": "emilie-royere"})
    shown = unescape(texts(at))
    assert "Ask Eurobiomed" not in shown
    assert "Contact Emilie Royère, who leads Eurobiomed, directly" in shown
    at = open_page("paths", **{"from": "neuroservices", "to": "bio-japan", "avoid": "bruno-buisson,biocom"})
    shown = unescape(texts(at))
    assert "Ask US–France–Japan alliance" not in shown
    assert "Ask Emilie Royère, who leads Eurobiomed" in shown and "Not in force yet" in shown


def test_the_advice_in_french(seeded_db: neo4j.Driver) -> None:
    at = open_page("paths", lang="fr", **{"from": "emilie-royere", "to": "abreos-biosciences"})
    shown = unescape(texts(at))
    assert (
        "Contactez directement Abreos Biosciences, membre d'Eurobiomed : nul besoin d'intermédiaire." in shown
    )
    assert "Fort : une fonction de direction et une adhésion, toutes deux en cours." in shown


def test_link_values_that_are_ignored_are_named(seeded_db: neo4j.Driver) -> None:
    at = open_page(
        "paths", **{"from": "neuroservices", "to": "bio-japan", "k": "many", "active": "maybe", "x": "1"}
    )
    assert not at.exception
    assert "Ignored in the link: x=1, k=many, active=maybe." in unescape(texts(at))
    assert at.slider(key="paths.k").value == 5


def test_an_unknown_or_ambiguous_entity_to_avoid_offers_candidates(seeded_db: neo4j.Driver) -> None:
    at = open_page("paths", **{"from": "neuroservices", "to": "bio-japan", "avoid": "brno busson,san"})
    assert not at.exception
    warnings = unescape(" ".join(w.value for w in at.warning))
    assert "No entity matches “brno busson”." in warnings and "“san” matches several entities" in warnings
    assert "try `explorer search`" not in texts(at)
    assert "Bruno Buisson" in texts(at)  # not avoided until it is picked
    next(b for b in at.button if b.label.startswith("Bruno Buisson —")).click().run()
    assert at.query_params["avoid"] == "bruno-buisson,san"
    assert "Bruno Buisson leads" not in texts(at)


def test_brokers_for_two_entities_of_one_country_are_between_their_own_sides(seeded_db: neo4j.Driver) -> None:
    at = open_page("paths", **{"from": "abreos-biosciences", "to": "biocom"})
    shown = texts(at)
    assert "both are in" not in shown.lower()
    assert "Brokers between Abreos Biosciences and its neighbours and Biocom" in shown
    cells = table_cells(at)
    assert "Bruno Buisson" in cells
    assert not any("->" in cell or "-BOARD_SEAT" in cell for cell in cells)
    assert any(cell.startswith("Bruno Buisson is the bridge: ") for cell in cells)


def test_brokers_read_in_french(seeded_db: neo4j.Driver) -> None:
    at = open_page("paths", lang="fr", **{"from": "neuroservices", "to": "bio-japan"})
    cells = table_cells(at)
    assert any("siège au conseil de" in cell for cell in cells)
    assert any(cell.startswith("Biocom fait le pont : ") for cell in cells)
    assert any(re.fullmatch("\\d+\u202f%", cell) for cell in cells)  # « 45 % », as French writes it


def test_a_load_while_the_page_is_open_is_seen_on_the_next_rerun(
    seeded_db: neo4j.Driver, settings, tmp_path
) -> None:
    at = open_page("paths", **{"from": "neuroservices", "to": "bio-japan"})
    other = open_page("paths", lang="fr", **{"from": "neuroservices", "to": "bio-japan"})  # another reader
    assert "**#1 · score 0.513 · 3 hops**" in unescape(texts(at))
    assert "Kenji Sato" not in table_cells(at)
    load_graph(
        seeded_db,
        settings,
        tmp_path / "more",
        [node("kenji-sato", "Person", "Kenji Sato")],
        [link("kenji-sato", "neuroservices", "BOARD_SEAT"), link("kenji-sato", "bio-japan", "LEADS")],
    )
    at.run()  # the next interaction: no timer, no restart
    shown = unescape(texts(at))
    assert "**#1 · score 0.855 · 2 hops**" in shown
    # Kenji Sato sits on Neuroservices' board: the way out of its side, never its introducer
    assert "Kenji Sato" in shown and "Ask Kenji Sato" not in shown
    assert "Kenji Sato" in table_cells(at)  # the brokers too
    other.run()
    assert "**n° 1 · score 0,855 · 2 sauts**" in unescape(texts(other))


def test_a_question_that_fails_shows_its_error_and_no_older_paths(
    seeded_db: neo4j.Driver, monkeypatch
) -> None:
    at = open_page("paths", **{"from": "neuroservices", "to": "bio-japan"})
    assert "5 paths from" in texts(at) and graph_data(at)["nodes"]
    monkeypatch.setenv("EXPLORER_UI_TIMEOUT", "0.000001")  # every read of the next question times out
    at.slider(key="paths.hops").set_value(5).run()
    assert not at.exception
    assert at.error, "the failure is said"
    assert "paths from" not in texts(at) and not graphs(at) and not at.dataframe
