"""The saved-queries page in AppTest: the catalogue, forms from parameters, URLs, results, ad-hoc Cypher."""

from __future__ import annotations

import re

import neo4j
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Button

from explorer.queries import load_catalogue
from tests.app_helpers import graphs, open_page, table_cells, texts, unescape


def run_button(at: AppTest) -> Button:
    return next(b for b in at.button if b.label == "Run")


def test_catalogue_offers_every_saved_query(seeded_db: neo4j.Driver) -> None:
    at = open_page("queries")
    assert not at.exception
    catalogue = load_catalogue()
    assert len(catalogue) >= 8
    choose = at.selectbox(key="q.name")
    assert choose.options == [q.title for q in catalogue.values()]
    assert at.query_params["name"] == next(iter(catalogue))


def test_form_is_built_from_the_parameters(seeded_db: neo4j.Driver) -> None:
    at = open_page("queries", name="cluster_members")
    assert at.text_input(key="q.cluster_members.cluster").value == "eurobiomed"
    status = at.selectbox(key="q.cluster_members.status")
    assert status.options == ["any", "active", "planned", "proposed"]
    at = open_page("queries", name="multi_country_companies")
    assert at.number_input(key="q.multi_country_companies.min_countries").value == 2


def test_a_link_runs_the_query_with_its_parameters(seeded_db: neo4j.Driver) -> None:
    at = open_page("queries", name="cluster_members", cluster="eurobiomed", status="active")
    assert not at.exception
    cells = table_cells(at)
    assert "Abreos Biosciences" in cells and "Neuroservices" in cells
    assert "2 rows" in texts(at)
    assert at.query_params == {"name": "cluster_members", "cluster": "eurobiomed", "status": "active"}
    assert any(c.value.startswith("explorer query cluster_members") for c in at.code)


def test_entity_parameters_accept_a_name(seeded_db: neo4j.Driver) -> None:
    at = open_page("queries", name="entity_facts")
    at.text_input(key="q.entity_facts.entity").input("emilie royere")
    run_button(at).click().run()
    assert not at.exception
    assert "Eurobiomed" in table_cells(at)
    assert at.query_params["entity"] == "emilie-royere"


def test_unknown_entity_parameter_is_a_banner(seeded_db: neo4j.Driver) -> None:
    at = open_page("queries", name="entity_facts", entity="nobody at all")
    assert not at.exception
    assert "no entity matches" in unescape(at.error[0].value)


def test_results_with_nodes_are_drawn_too(seeded_db: neo4j.Driver) -> None:
    at = open_page("queries")
    at.text_area(key="q.cypher").input("MATCH (a:Cluster)-[r:PARTNER_OF]-(b:Cluster) RETURN a, r, b")
    next(b for b in at.button if b.key == "q.cypher.run").click().run()
    assert not at.exception
    drawn = graphs(at)
    assert drawn and "Bio Japan" in drawn[0]["html"]


def test_row_cap_shows_a_truncation_notice(seeded_db: neo4j.Driver, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPLORER_ROW_CAP", "3")
    at = open_page("queries", name="pipeline")
    assert not at.exception
    assert "Only the first 3 rows are shown" in at.warning[0].value


def test_adhoc_writes_are_refused_with_a_banner(seeded_db: neo4j.Driver) -> None:
    at = open_page("queries")
    at.text_area(key="q.cypher").input("MATCH (n) DETACH DELETE n")
    next(b for b in at.button if b.key == "q.cypher.run").click().run()
    assert not at.exception
    assert "The query was refused." in at.error[0].value
    assert len(graphs(at)) == 0


def test_adhoc_parameters_must_be_json(seeded_db: neo4j.Driver) -> None:
    at = open_page("queries")
    at.text_area(key="q.cypher").input("MATCH (n:Entity {id: $id}) RETURN n.name AS name")
    at.text_input(key="q.cypher.params").input('{"id": "biocom"}')
    next(b for b in at.button if b.key == "q.cypher.run").click().run()
    assert "Biocom" in table_cells(at)
    at.text_input(key="q.cypher.params").input("id=biocom")
    next(b for b in at.button if b.key == "q.cypher.run").click().run()
    assert "must be a JSON object" in unescape(at.error[0].value)


def test_a_slow_query_is_stopped_with_a_banner(
    seeded_db: neo4j.Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPLORER_UI_TIMEOUT", "1")
    at = open_page("queries")
    at.text_area(key="q.cypher").input(
        "UNWIND range(1, 300000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x)"
    )
    next(b for b in at.button if b.key == "q.cypher.run").click().run()
    assert not at.exception
    assert "took too long and was stopped" in at.error[0].value


def test_unknown_query_name_is_said(seeded_db: neo4j.Driver) -> None:
    at = open_page("queries", name="no_such_query")
    assert not at.exception
    assert "There is no saved query named" in at.warning[0].value


def test_french_catalogue_page(seeded_db: neo4j.Driver) -> None:
    at = open_page("queries", lang="fr", name="pipeline")
    assert at.title[0].value == "Requêtes enregistrées"
    assert re.search(r"\b\d+ lignes? en \d+,\d\d s\.", texts(at))
    assert "(s)" not in texts(at)


def test_an_error_replaces_the_result_of_the_previous_run(seeded_db: neo4j.Driver) -> None:
    at = open_page("queries")
    at.text_area(key="q.cypher").input("MATCH (a:Cluster)-[r:PARTNER_OF]-(b:Cluster) RETURN a, r, b")
    next(b for b in at.button if b.key == "q.cypher.run").click().run()
    assert "Bio Japan [Cluster]" in table_cells(at) and graphs(at)
    at.text_area(key="q.cypher").input("MATCH (n) DETACH DELETE n")
    next(b for b in at.button if b.key == "q.cypher.run").click().run()
    assert not at.exception
    assert "The query was refused." in at.error[0].value
    assert not at.dataframe and not graphs(at) and "rows in" not in texts(at)


def test_a_saved_query_that_fails_leaves_no_older_rows(seeded_db: neo4j.Driver) -> None:
    at = open_page("queries", name="entity_facts", entity="emilie-royere")
    assert "Eurobiomed" in table_cells(at)
    at.text_input(key="q.entity_facts.entity").input("nobody at all")
    run_button(at).click().run()
    assert not at.exception
    assert "no entity matches" in unescape(at.error[0].value)
    assert not at.dataframe and "rows in" not in texts(at)


def test_a_saved_query_speaks_french(seeded_db: neo4j.Driver) -> None:
    at = open_page("queries", lang="fr", name="cluster_members", cluster="eurobiomed", status="active")
    assert not at.exception
    saved = load_catalogue()["cluster_members"]
    choose = at.selectbox(key="q.name")
    assert choose.format_func(choose.value) == saved.title_fr == "Membres d'un cluster, par pays"
    assert saved.description_fr in unescape(texts(at))
    assert at.text_input(key="q.cluster_members.cluster").label == "cluster"
    assert at.selectbox(key="q.cluster_members.status").label == "statut"
    frame = at.dataframe[0].value
    assert list(frame.columns) == ["pays", "membre", "type", "statut", "preuve", "depuis", "source"]
    assert set(frame["statut"]) == {"en cours"} and "Entreprise" in set(frame["type"])


def test_english_columns_are_named_in_words(seeded_db: neo4j.Driver) -> None:
    at = open_page("queries", name="board_seats")
    assert not at.exception
    assert "on behalf of" in list(at.dataframe[0].value.columns)
