"""Exports of a view: offline HTML, CSV that loads back unchanged, GraphML for other tools."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import neo4j
import networkx as nx

from explorer.config import Settings
from explorer.database.results import GraphData
from explorer.drawing import export
from explorer.loaders import load
from explorer.views import network
from explorer.views.network import View
from tests.builders import MARKUP, entity, tie
from tests.conftest import clear, count


def hostile() -> GraphData:
    g = GraphData()
    g.nodes["a"] = entity("a", "Company", MARKUP, since=2012, tags=["x"])
    g.nodes["b"] = entity("b", "Company", '=HYPERLINK("http://x")', since="twenty")
    g.rels["r"] = tie("r", "RD_PARTNER", "a", "b", source="s", note="@SUM(1)")
    return g


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_cells_cannot_run_as_formulas() -> None:
    nodes = {r["id"]: r for r in rows(export.nodes_csv(hostile()))}
    assert nodes["b"]["name"].startswith("'=")
    assert nodes["a"]["name"] == MARKUP  # text stays text
    assert rows(export.relationships_csv(hostile()))[0]["note"] == "'@SUM(1)"


def test_csv_columns_follow_the_load_contract() -> None:
    assert export.nodes_csv(hostile()).splitlines()[0].startswith("id,kind,name,country")
    header = export.relationships_csv(hostile()).splitlines()[0]
    assert header.startswith("source,target,type,since,status,evidence,source_ref")


def test_graphml_has_one_type_per_attribute_and_escapes_text() -> None:
    text = export.graphml(hostile())
    assert MARKUP not in text and "&lt;img" in text
    g = nx.parse_graphml(text, force_multigraph=True)
    assert g.nodes["a"]["name"] == MARKUP and g.nodes["a"]["since"] == "2012"
    assert next(iter(g.edges(data=True)))[2]["type"] == "RD_PARTNER"


def test_standalone_page_is_offline_and_titled() -> None:
    page = export.standalone_html(hostile(), title="Cluster <Atlas>", caption="Showing 2 of 2")
    assert "<h1>Cluster &lt;Atlas&gt;</h1>" in page and "Showing 2 of 2" in page
    assert "https://" not in page.split("<script>", 1)[0]


def test_exported_view_loads_back_unchanged(
    seeded_db: neo4j.Driver, settings: Settings, tmp_path: Path
) -> None:
    # The whole graph, countries too (the network hides them unless asked).
    view = network.fetch_view(seeded_db, settings, View(countries_shown=True))
    # The source the facts cite travels with them.
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "sources:\n  - {id: article-eurobiomed-biocom, name: The article, file: 000_7fa91fdf62d3938d.txt}\n",
        encoding="utf-8",
    )
    (tmp_path / "entities.csv").write_text(export.nodes_csv(view.graph), encoding="utf-8")
    (tmp_path / "relationships.csv").write_text(export.relationships_csv(view.graph), encoding="utf-8")
    entities, links = (
        count(seeded_db, settings),
        count(seeded_db, settings, "MATCH ()-[r]->() RETURN count(r)"),
    )
    clear(seeded_db, settings)
    load(seeded_db, settings, [tmp_path])
    assert count(seeded_db, settings) == entities
    assert count(seeded_db, settings, "MATCH ()-[r]->() RETURN count(r)") == links
    again = network.fetch_view(seeded_db, settings, View(countries_shown=True))
    assert set(again.graph.nodes) == set(view.graph.nodes)
    assert {(r.type, r.start, r.end) for r in again.graph.rels.values()} == {
        (r.type, r.start, r.end) for r in view.graph.rels.values()
    }
