"""Rendering a graph to one HTML page: offline, escaped, styled by the model, highlightable."""

from __future__ import annotations

import ast
import hashlib
import json
import re
from pathlib import Path

import pytest

from explorer import i18n, model
from explorer.database.results import GraphData
from explorer.drawing import document, render
from explorer.drawing.document import Highlight, graph_document
from explorer.drawing.render import render_graph
from explorer.errors import (
    AuthFailed,
    DatabaseUnavailable,
    ExplorerError,
    InvalidInput,
    QueryRefused,
    QueryTimeout,
    UnknownEntity,
)
from explorer.escaping import markdown_text, script_json
from explorer.model import Entity
from tests.builders import MARKUP, entity, tie

SCRIPT_END = "</script><script>alert(2)</script>"


def node(key: str, kind: str = "Company", name: str | None = None, **props: object) -> Entity:
    return entity(key, kind, name or key.title(), **props)


rel = tie


def small_graph() -> GraphData:
    g = GraphData()
    for n in (
        node("eurobiomed", "Cluster", "Eurobiomed", country="FR"),
        node("biocom", "Cluster", "Biocom", country="US"),
        node("neuroservices", "Company", "Neuroservices", country="FR"),
        node("bruno", "Person", "Bruno Buisson"),
    ):
        g.nodes[n.id] = n
    for r in (
        rel("r1", "PARTNER_OF", "eurobiomed", "biocom", since=2012),
        rel("r2", "MEMBER_OF", "neuroservices", "eurobiomed", evidence="inferred"),
        rel("r3", "SUBSIDIARY_IN", "neuroservices", "biocom", status="planned"),
        rel("r4", "BOARD_SEAT", "bruno", "biocom", status="proposed", source="article"),
    ):
        g.rels[r.key] = r
    return g


def hostile_graph() -> GraphData:
    g = GraphData()
    g.nodes["evil"] = node("evil", "Company", MARKUP, description=SCRIPT_END, note="<b>bold</b>")
    g.nodes["ok"] = node("ok", "Cluster", "Plain")
    g.rels["r"] = rel("r", "MEMBER_OF", "evil", "ok", note=SCRIPT_END, role=MARKUP)
    return g


def embedded_document(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="atlas-data">(.*?)</script>', page, re.S)
    assert match, "the page carries its data in one JSON script element"
    return json.loads(match.group(1))


def test_page_loads_nothing_from_elsewhere() -> None:
    page = render_graph(small_graph())
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "<link" not in page.lower()
    assert not re.search(r"<script[^>]+src=", page, re.I)
    assert "bootstrap" not in page.lower() and "cdnjs" not in page.lower() and "jsdelivr" not in page.lower()
    assert "default-src 'none'" in page  # the browser refuses any request the page might try
    assert "vis.Network" in page  # vis-network itself is inlined


#: The vis-network file pyvis 0.3.2 ships (lib/vis-9.1.2/vis-network.min.js), kept as it is.
VIS_NETWORK_SHA256 = "1f20f0736f32cb9bedf8f6383b25cfea2f839e1abe80d6e8040b4d5bea378c69"


def test_vis_network_is_kept_beside_the_page_script_with_its_licence() -> None:
    vendored = render.VIS_NETWORK
    assert vendored.parent == render.ASSETS and (render.ASSETS / "graph.js").is_file()
    assert hashlib.sha256(vendored.read_bytes()).hexdigest() == VIS_NETWORK_SHA256
    header = vendored.read_text(encoding="utf-8")[:1000]
    assert "@version 9.1.2" in header and "dual licensed" in header and "MIT License" in header
    assert vendored.read_text(encoding="utf-8") in render_graph(small_graph())


def test_no_module_reaches_into_another_package_for_its_scripts() -> None:
    def imports(path: Path) -> set[str]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        return names | {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}

    library = Path(render.__file__).parents[1]
    found = {
        str(p.relative_to(library)): i for p in library.rglob("*.py") for i in imports(p) if "pyvis" in i
    }
    assert found == {}
    assert not any('find_spec("pyvis")' in p.read_text(encoding="utf-8") for p in library.rglob("*.py"))


def test_markup_in_names_and_properties_never_reaches_the_page_as_markup() -> None:
    page = render_graph(hostile_graph())
    assert MARKUP not in page
    assert "<b>bold</b>" not in page
    assert page.count("</script>") == 3  # vis-network, the data, the drawing: nothing ends early
    assert SCRIPT_END not in page
    document = embedded_document(page)
    evil = next(n for n in document["nodes"] if n["id"] == "evil")
    assert evil["label"] == MARKUP  # intact as data, drawn as text on the canvas
    assert evil["tip"]["title"] == MARKUP
    assert ["", SCRIPT_END] in evil["tip"]["rows"]
    edge = document["edges"][0]
    assert edge["note"] == SCRIPT_END and ["role", MARKUP] in edge["rows"]


def test_tooltips_are_built_with_text_nodes_only() -> None:
    script = (render.ASSETS / "graph.js").read_text(encoding="utf-8")
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "eval(" not in script
    assert "textContent" in script


@pytest.mark.parametrize(
    ("value", "forbidden"),
    [
        ("</script><script>x()</script>", "</script>"),
        ("<!-- x", "<!--"),
        ("a\u2028b", "\u2028"),
        ("]]>", "]]>"),
    ],
)
def test_script_json_cannot_break_out_of_its_element(value: str, forbidden: str) -> None:
    text = script_json({"v": value})
    assert forbidden not in text
    assert json.loads(text) == {"v": value}


@pytest.mark.parametrize(
    "text", ["**bold**", "[link](javascript:alert(1))", "$x^2$", "<img src=x>", "# title", "`code`"]
)
def test_markdown_text_shows_markup_literally(text: str) -> None:
    escaped = markdown_text(text)
    assert re.sub(r"\\(.)", r"\1", escaped) == text
    for char in "*[]()$<>#`":
        assert not re.search(rf"(?<!\\)\{char}", escaped)


def edges_of(document: dict) -> dict[tuple[str, str, str], dict]:
    return {(e["from"], e["type"], e["to"]): e for e in document["edges"]}


def test_nodes_take_colour_and_shape_from_their_kind() -> None:
    document = graph_document(small_graph())
    by_id = {n["id"]: n for n in document["nodes"]}
    kinds = document["tables"]["kinds"]
    assert by_id["eurobiomed"]["kind"] == "Cluster"
    assert kinds["Cluster"] == {"shape": "hexagon", "colour": model.KINDS["Cluster"].colour, "size": 30}
    assert kinds["Person"]["shape"] == "triangle"


def test_edges_show_status_and_evidence() -> None:
    document = graph_document(small_graph())
    edges, tables = edges_of(document), document["tables"]
    assert edges[("eurobiomed", "PARTNER_OF", "biocom")]["status"] == "active"
    assert edges[("neuroservices", "SUBSIDIARY_IN", "biocom")]["status"] == "planned"
    assert edges[("neuroservices", "MEMBER_OF", "eurobiomed")]["evidence"] == "inferred"
    assert tables["statuses"]["active"]["dashes"] is False  # solid
    assert tables["statuses"]["planned"]["dashes"] == [10, 6]  # dashed
    assert tables["statuses"]["proposed"]["dashes"] == [2, 6]  # dotted
    assert tables["evidence"]["inferred"]["opacity"] < tables["evidence"]["stated"]["opacity"]  # lighter
    assert tables["types"]["PARTNER_OF"]["arrow"] is False  # symmetric: no arrow
    assert tables["types"]["MEMBER_OF"]["arrow"] is True
    assert tables["types"]["BOARD_SEAT"]["width"] > tables["types"]["LOCATED_IN"]["width"]  # stronger ties


def test_tooltips_have_status_evidence_and_source() -> None:
    document = graph_document(small_graph(), sources={"article": "The article (a.txt)", "other": "unused"})
    seat = edges_of(document)[("bruno", "BOARD_SEAT", "biocom")]
    assert (seat["status"], seat["evidence"], seat["source"]) == ("proposed", "stated", "article")
    assert document["tables"]["sources"] == {"article": "The article (a.txt)"}  # only those cited
    assert document["tables"]["words"]["paragraph"] == "paragraph {n}"
    assert edges_of(document)[("eurobiomed", "PARTNER_OF", "biocom")]["since"] == 2012
    node = next(n for n in document["nodes"] if n["id"] == "eurobiomed")
    assert node["tip"]["subtitle"] == "Cluster · France"
    assert ["id", "eurobiomed"] in node["tip"]["rows"]


def test_french_pages_speak_french() -> None:
    page = render_graph(small_graph(), lang="fr")
    assert "Légende" in page and "Pôle / cluster" in page and "partenaire de" in page
    tables = embedded_document(page)["tables"]
    assert tables["statuses"]["planned"]["name"] == "prévu"
    assert tables["types"]["MEMBER_OF"]["phrase"] == "membre de"
    assert tables["words"]["status"] == "statut"


def test_legend_lists_only_what_is_drawn() -> None:
    legend = render.legend_html(small_graph())
    assert "Cluster" in legend and "Person" in legend
    assert "Institute" not in legend and "R&amp;D partner of" not in legend
    assert "partner of" in legend and "planned: dashed" in legend


def test_highlight_marks_a_path_and_dims_the_rest() -> None:
    path = Highlight.of(
        nodes=["neuroservices", "eurobiomed"], rels=[("eurobiomed", "MEMBER_OF", "neuroservices")]
    )
    document = graph_document(small_graph(), highlight=path)
    nodes = {n["id"]: n for n in document["nodes"]}
    assert nodes["neuroservices"].get("lit") and not nodes["neuroservices"].get("dim")
    assert nodes["biocom"].get("dim")
    member = edges_of(document)[("neuroservices", "MEMBER_OF", "eurobiomed")]
    assert member.get("dim") and not member.get("lit")  # MEMBER_OF runs from the member: not this link
    by_key = edges_of(graph_document(small_graph(), highlight=Highlight.of(rels=["r2"])))
    assert by_key[("neuroservices", "MEMBER_OF", "eurobiomed")].get("lit")


def test_highlight_matches_symmetric_relationships_either_way() -> None:
    path = Highlight.of(rels=[("biocom", "PARTNER_OF", "eurobiomed")])
    edges = edges_of(graph_document(small_graph(), highlight=path))
    assert edges[("eurobiomed", "PARTNER_OF", "biocom")].get("lit")
    assert not edges[("neuroservices", "MEMBER_OF", "eurobiomed")].get("lit")


def test_without_highlight_nothing_is_dimmed() -> None:
    document = graph_document(small_graph())
    assert not any(x.get("dim") or x.get("lit") for x in [*document["nodes"], *document["edges"]])


def test_focus_is_marked() -> None:
    document = graph_document(small_graph(), focus="biocom")
    nodes = {n["id"]: n for n in document["nodes"]}
    assert nodes["biocom"].get("focus") and not nodes["eurobiomed"].get("focus")
    assert document["focus"] == "biocom"
    assert graph_document(small_graph(), focus="not-drawn")["focus"] is None


def test_positions_and_labels_can_be_given() -> None:
    document = graph_document(
        small_graph(), positions={"biocom": (-400.0, 0.0)}, labels={"biocom": "Biocom\nUS"}
    )
    biocom = next(n for n in document["nodes"] if n["id"] == "biocom")
    assert (biocom["x"], biocom["y"], biocom["label"]) == (-400.0, 0.0, "Biocom\nUS")


def test_sources_are_cited_not_drawn() -> None:
    g = small_graph()
    g.nodes["article"] = node("article", "Source", "The article")
    assert "article" not in {n["id"] for n in graph_document(g)["nodes"]}


def test_large_graphs_get_bounded_physics_that_stops() -> None:
    small, large = document.vis_options(20, 30), document.vis_options(1000, 3000)
    assert small["layout"]["improvedLayout"] is True
    assert large["layout"]["improvedLayout"] is False
    assert large["edges"]["smooth"] is False
    assert large["physics"]["stabilization"]["iterations"] <= small["physics"]["stabilization"]["iterations"]
    script = (render.ASSETS / "graph.js").read_text(encoding="utf-8")
    assert "stabilizationIterationsDone" in script and "physics: { enabled: false }" in script
    assert "stopSimulation" in script  # and stopped at the time budget whatever is left
    assert graph_document(GraphData())["budget"] == document.STABILIZE_SECONDS * 1000


def test_names_show_in_small_views_fitted_to_their_frame() -> None:
    # Regression: the home page (20 entities, fitted at about half scale) drew no names,
    # because the threshold meant for large views applied to every view.
    small, large = document.vis_options(20, 30), document.vis_options(1000, 3000)
    font = 13  # the names' size in graph.js
    assert font * 0.5 >= small["nodes"]["scaling"]["label"]["drawThreshold"] - 1
    # names are kept at least LABEL_PX high on screen by the page's script, at any size
    assert large["nodes"]["scaling"]["label"]["drawThreshold"] <= document.LABEL_PX
    assert not large["nodes"]["scaling"]["label"]["enabled"]


def test_an_empty_graph_still_renders() -> None:
    document = embedded_document(render_graph(GraphData()))
    assert document["nodes"] == [] and document["edges"] == []


def test_every_message_exists_in_both_languages_with_the_same_fields() -> None:
    for key, (en, fr) in i18n.MESSAGES.items():
        assert en.strip() and fr.strip(), key
        assert i18n.fields_of(en) == i18n.fields_of(fr), key


@pytest.mark.parametrize(
    ("error", "key"),
    [
        (DatabaseUnavailable("cannot reach Neo4j at bolt://127.0.0.1:1"), "unreachable"),
        (DatabaseUnavailable("Neo4j at bolt://x is busy"), "unreachable"),
        (AuthFailed("Neo4j at bolt://x refused the credentials"), "auth"),
        (QueryRefused("refused by Neo4j: the procedure is not allowed"), "refused"),
        (QueryRefused("refused: queries here are read-only and this one writes"), "refused"),
        (QueryTimeout("the query was stopped by its time limit"), "timeout"),
        (UnknownEntity("x", ["y"]), "unknown_entity"),
        (InvalidInput("Cypher syntax error"), "input"),
    ],
)
def test_each_problem_gets_its_banner(error: ExplorerError, key: str) -> None:
    assert i18n.problem_key(error) == key
