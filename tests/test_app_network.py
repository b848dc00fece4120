"""The network page in AppTest: renders, honours its URL, filters, search, details, French."""

from __future__ import annotations

from pathlib import Path

import neo4j

from tests.app_helpers import graph_data, graphs, open_page, source_links, texts, unescape
from tests.builders import MARKUP, link, load_graph, node


def test_home_page_draws_the_whole_network(seeded_db: neo4j.Driver) -> None:
    at = open_page()
    assert not at.exception
    assert at.title[0].value == "The network"
    assert "Showing 16 of 16 entities and 26 relationships." in texts(at)
    drawn = graph_data(at)
    assert len(drawn["nodes"]) == 16 and len(drawn["edges"]) == 26  # countries left out
    assert graphs(at)[0]["height"] == 640
    assert len(at.get("download_button")) == 4  # HTML, two CSV, GraphML


def test_countries_are_shown_with_the_toggle_and_kept_in_the_link(seeded_db: neo4j.Driver) -> None:
    at = open_page()
    at.toggle(key="net.countries_shown").set_value(True).run()
    assert not at.exception
    assert "Showing 19 of 19 entities and 31 relationships." in texts(at)
    assert {"fr", "us", "jp"} <= {n["id"] for n in graph_data(at)["nodes"]}
    assert at.query_params["countries"] == "1"
    again = open_page(countries="1")
    assert again.toggle(key="net.countries_shown").value is True and len(graph_data(again)["nodes"]) == 19


def test_focus_and_depth_come_from_the_url(seeded_db: neo4j.Driver) -> None:
    at = open_page(focus="neuroservices", depth="1")
    assert not at.exception
    assert "Centred on **Neuroservices**, 1 hop around." in texts(at)
    drawn = graph_data(at)
    assert drawn["focus"] == "neuroservices" and len(drawn["nodes"]) == 6
    assert at.slider[0].value == 1
    assert at.subheader[0].value == "Neuroservices"  # the details panel shows the focus
    assert "Bruno Buisson" in unescape(texts(at))
    assert dict(at.query_params) == {"focus": "neuroservices", "depth": "1"}


def test_filters_come_from_the_url_and_go_back_into_it(seeded_db: neo4j.Driver) -> None:
    at = open_page(kind="Company,Cluster", status="active")
    assert not at.exception
    assert at.multiselect[0].value == ["Company", "Cluster"]
    assert {n["kind"] for n in graph_data(at)["nodes"]} == {"Company", "Cluster"}
    at.multiselect[0].set_value(["Cluster"]).run()
    assert {n["kind"] for n in graph_data(at)["nodes"]} == {"Cluster"}
    assert at.query_params["kind"] == "Cluster" and at.query_params["status"] == "active"


def test_what_the_url_gets_wrong_is_said_and_ignored(seeded_db: neo4j.Driver) -> None:
    at = open_page(kind="Spaceship", depth="deep")
    assert not at.exception
    assert "Ignored in the link: kind=Spaceship, depth=deep." in unescape(texts(at))
    assert len(graph_data(at)["nodes"]) == 16


def test_the_issues_bad_link_names_both_values_it_left_out(seeded_db: neo4j.Driver) -> None:
    at = open_page(kind="Foo", limit="abc")
    assert "Ignored in the link: kind=Foo, limit=abc." in unescape(texts(at))
    french = open_page(kind="Foo", limit="abc", lang="fr")
    assert "Ignoré dans le lien : kind=Foo, limit=abc." in unescape(texts(french))


def test_unknown_focus_is_a_notice_with_the_closest_names_as_buttons(seeded_db: neo4j.Driver) -> None:
    at = open_page(focus="neuroservise")
    assert not at.exception and not at.error
    assert "No entity matches “neuroservise”." in unescape(at.warning[0].value)
    assert "explorer search" not in texts(at)
    assert len(graph_data(at)["nodes"]) == 16  # the whole network meanwhile
    assert at.query_params["focus"] == "neuroservise"  # the link keeps what was given
    next(b for b in at.button if b.label.startswith("Neuroservices —")).click().run()
    assert at.query_params["focus"] == "neuroservices" and not at.warning
    assert graph_data(at)["focus"] == "neuroservices"


def test_an_ambiguous_focus_offers_the_candidates(seeded_db: neo4j.Driver) -> None:
    at = open_page(focus="san")
    assert "“san” matches several entities: pick the one you mean." in unescape(at.warning[0].value)
    labels = [b.label for b in at.button]
    assert any(label.startswith("San Diego —") for label in labels)
    assert any(label.startswith("San Francisco —") for label in labels)


def test_a_focus_given_by_name_is_centred_on(seeded_db: neo4j.Driver) -> None:
    at = open_page(focus="royere")
    assert not at.exception and not at.warning
    assert graph_data(at)["focus"] == "emilie-royere"
    assert at.query_params["focus"] == "emilie-royere"


def test_node_cap_says_showing_n_of_m(seeded_db: neo4j.Driver) -> None:
    at = open_page(limit="5")
    assert "Showing 5 of 16 entities" in texts(at)
    assert "Only 5 of 16 entities are drawn" in at.warning[0].value
    assert at.number_input[0].value == 5


def test_search_ignores_case_and_accents_and_takes_its_only_match_at_once(seeded_db: neo4j.Driver) -> None:
    at = open_page()
    at.text_input[0].input("royere").run()
    assert not at.exception
    assert [o.split(" — ")[0] for o in at.selectbox[0].options] == ["Emilie Royère"]
    assert at.query_params["focus"] == "emilie-royere"
    assert graph_data(at)["focus"] == "emilie-royere"
    assert at.subheader[0].value == "Emilie Royère"


def test_a_search_with_several_matches_waits_for_a_pick(seeded_db: neo4j.Driver) -> None:
    at = open_page()
    at.text_input[0].input("bio").run()
    matches = at.selectbox[0]
    assert len(matches.options) > 1 and "focus" not in at.query_params
    chosen = matches.options[0]
    matches.select_index(0).run()
    assert not at.exception and at.query_params["focus"]
    assert at.subheader[0].value == chosen.split(" — ")[0]


def test_search_that_finds_nothing_says_so(seeded_db: neo4j.Driver) -> None:
    at = open_page()
    at.text_input[0].input("zzzz").run()
    assert "Nothing matches" in texts(at)


def test_depth_slider_widens_the_neighbourhood(seeded_db: neo4j.Driver) -> None:
    at = open_page(focus="neuroservices", depth="1")
    at.slider[0].set_value(2).run()
    assert len(graph_data(at)["nodes"]) > 6
    assert at.query_params["depth"] == "2"


def test_whole_network_button_drops_the_focus(seeded_db: neo4j.Driver) -> None:
    at = open_page(focus="neuroservices")
    next(b for b in at.button if b.label == "Whole network").click().run()
    assert "focus" not in at.query_params and len(graph_data(at)["nodes"]) == 16


def test_reset_filters_empties_them(seeded_db: neo4j.Driver) -> None:
    at = open_page(kind="Person", country="FR")
    next(b for b in at.button if b.label == "Reset the filters").click().run()
    assert at.multiselect[0].value == [] and at.multiselect[1].value == []
    assert "kind" not in at.query_params


def test_details_cite_sources_and_flag_inferences(seeded_db: neo4j.Driver) -> None:
    at = open_page(focus="neuroservices")
    shown = unescape(texts(at))
    assert "**→ member of** · **Eurobiomed**" in shown and "active · inferred" in shown
    links = source_links(at)
    assert "Source: Eurobiomed and Biocom: two subsidiaries" in shown and "paragraph 6" in shown
    assert links and all(label == "Open the source" for label, _ in links)
    assert all(query.startswith("id=article-eurobiomed-biocom") for _, query in links)
    assert "id=article-eurobiomed-biocom&paragraph=6" in [query for _, query in links]  # lands on it
    assert "Links marked *inferred* are not stated by their source" in texts(at)


def test_markup_names_stay_text(markup_db: neo4j.Driver) -> None:
    at = open_page(focus="evil-co")
    assert not at.exception
    assert unescape(at.subheader[0].value) == MARKUP
    assert MARKUP not in graphs(at)[0]["html"]
    assert graph_data(at)["nodes"][0]["label"] == MARKUP
    description = next(m.value for m in at.markdown if "bold" in m.value)
    assert "\\*\\*bold\\*\\*" in description and "\\[x\\]\\(javascript" in description
    assert MARKUP in unescape(texts(at))  # the fact cards draw text, never markup
    assert all(MARKUP not in label for label, _ in source_links(at))


def test_french(seeded_db: neo4j.Driver) -> None:
    at = open_page(lang="fr", focus="neuroservices")
    assert at.title[0].value == "Le réseau"
    assert "Centré sur **Neuroservices**" in texts(at)
    assert "Légende" in graphs(at)[0]["html"]
    assert "**→ membre de**" in unescape(texts(at)) and "déduit" in unescape(texts(at))
    assert "paragraphe 6" in unescape(texts(at)) and "Ouvrir la source" in dict(source_links(at))
    assert at.query_params["lang"] == "fr"


def test_language_switch_translates_the_page(seeded_db: neo4j.Driver) -> None:
    at = open_page()
    at.sidebar.get("button_group")[0].set_value("fr").run()
    assert at.title[0].value == "Le réseau"
    assert at.query_params["lang"] == "fr"


def test_page_scripts_live_beside_no_pages_folder() -> None:
    """A ``pages/`` folder next to the entry script would switch Streamlit to its older
    multipage mode, where a page opened by its URL runs without the entry script."""
    app = Path(__file__).resolve().parent.parent / "explorer" / "app"
    assert not (app / "pages").exists(), "put page scripts in explorer/app/views/"
    assert {"network.py", "queries.py", "alliance.py"} <= {p.name for p in (app / "views").glob("*.py")}


def test_a_load_while_the_page_is_open_is_seen_on_the_next_rerun(
    seeded_db: neo4j.Driver, settings, tmp_path
) -> None:
    at = open_page(focus="biocom", depth="1")
    before = {n["id"] for n in graph_data(at)["nodes"]}
    assert "berlin-bio" not in before
    assert not any("(DE)" in option for option in at.multiselect(key="net.countries").options)
    load_graph(
        seeded_db,
        settings,
        tmp_path / "more",
        [node("berlin-bio", "Company", "Berlin Bio", country="DE")],
        [link("berlin-bio", "biocom", "MEMBER_OF")],
    )
    at.run()  # the next interaction, by the same reader: the view and the filters are read afresh
    assert {n["id"] for n in graph_data(at)["nodes"]} == before | {"berlin-bio"}
    assert any("(DE)" in option for option in at.multiselect(key="net.countries").options)


def test_french_cards_say_stored_values_in_french_with_a_space_before_the_colon(
    seeded_db: neo4j.Driver,
) -> None:
    at = open_page(focus="eurobiomed", lang="fr")
    shown = unescape(texts(at))
    assert "type : jumelage" in shown  # (rendered: a no-break space before the colon)
    assert "twinning" not in shown.lower()
