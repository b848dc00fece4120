"""The alliance page in AppTest: the three parties West to East, links, bridges, what is still proposed."""

from __future__ import annotations

import neo4j

from tests.app_helpers import graph_data, open_page, table_cells, texts, unescape


def test_alliance_page_shows_the_parties_west_to_east(seeded_db: neo4j.Driver) -> None:
    at = open_page("alliance")
    assert not at.exception
    assert unescape(at.title[0].value) == "US–France–Japan alliance"
    assert "Status of the alliance: **proposed**." in texts(at)
    parties = [
        unescape(m.value) for m in at.markdown if m.value.startswith("**") and "alliance" not in m.value
    ]
    assert parties[:3] == ["**Biocom**", "**Eurobiomed**", "**Bio Japan**"]
    drawn = {n["id"]: n for n in graph_data(at)["nodes"]}
    assert drawn["biocom"]["x"] < drawn["eurobiomed"]["x"] < drawn["bio-japan"]["x"]
    assert drawn["bio-japan"]["label"] == "Bio Japan\nJapan"


def test_alliance_page_shows_links_gaps_bridges_and_pending(seeded_db: neo4j.Driver) -> None:
    at = open_page("alliance")
    cells = table_cells(at)
    assert "Eurobiomed — Bio Japan" in cells and "no direct link recorded" in cells
    assert "partner of (active, since 2012)" in cells
    assert {"Neuroservices", "Bruno Buisson", "Abreos Biosciences"} <= set(cells)
    assert "Joint landing service offer" in cells and "proposed" in cells
    assert any("board" in c for c in cells)


def test_alliance_page_links_to_the_network(seeded_db: neo4j.Driver) -> None:
    at = open_page("alliance")
    link = at.get("page_link")[0]
    assert link.proto.page == "" and link.proto.page_script_hash  # the network, at the root URL
    assert "focus=us-france-japan-alliance" in link.proto.query_string


def test_alliance_page_in_french(seeded_db: neo4j.Driver) -> None:
    at = open_page("alliance", lang="fr")
    assert unescape(at.title[0].value) == "Alliance États-Unis–France–Japon"
    assert "aucun lien direct enregistré" in table_cells(at)
    assert "Statut de l'alliance : **proposé**." in texts(at)


def test_no_alliance_is_said(empty_db: neo4j.Driver, driver: neo4j.Driver) -> None:
    driver.execute_query("CREATE (:Entity:Company {id: 'x', name: 'X', kind: 'Company'})")
    at = open_page("alliance")
    assert not at.exception
    assert "No alliance is recorded in the database." in texts(at)
