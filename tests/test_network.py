"""The network view against the real database: filters, focus and depth, the node cap, sourced facts."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest

from explorer.config import Settings
from explorer.drawing.render import render_graph
from explorer.errors import UnknownEntity
from explorer.loaders import load
from explorer.views import network
from explorer.views.details import entity_details
from explorer.views.network import Filters, View
from tests.builders import MARKUP

SEED_ENTITIES = 19  # the article's entities (its Source is cited, never drawn)
SEED_DRAWN = 16  # ...of which the overview draws all but its three countries


def view(**kwargs: object) -> View:
    filters = kwargs.pop("filters", Filters())
    return View(filters=filters, **kwargs)  # type: ignore[arg-type]


def test_overview_draws_every_entity_and_no_source(seeded_db: neo4j.Driver, settings: Settings) -> None:
    result = network.fetch_view(seeded_db, settings, view())
    assert result.total == result.shown == SEED_DRAWN
    assert not result.truncated
    assert all(n.kind not in ("Source", "Country") for n in result.graph.nodes.values())
    assert len(result.graph.rels) == 26
    assert "article-eurobiomed-biocom" in result.sources


def test_countries_are_drawn_when_asked_for(seeded_db: neo4j.Driver, settings: Settings) -> None:
    shown = network.fetch_view(seeded_db, settings, view(countries_shown=True))
    assert shown.total == shown.shown == SEED_ENTITIES and len(shown.graph.rels) == 31
    assert {"fr", "us", "jp"} <= set(shown.graph.nodes)
    named = network.fetch_view(seeded_db, settings, view(filters=Filters(kinds=("Country", "City"))))
    assert {n.kind for n in named.graph.nodes.values()} == {"Country", "City"}
    assert View.from_query({"countries": "1"})[0].countries_shown
    assert view(countries_shown=True).to_query() == {"countries": "1"}


def test_focus_and_depth_give_the_neighbourhood(seeded_db: neo4j.Driver, settings: Settings) -> None:
    one = network.fetch_view(seeded_db, settings, view(focus="neuroservices", depth=1))
    assert set(one.graph.nodes) == {
        "neuroservices",
        "biocom",
        "eurobiomed",
        "san-diego",
        "bruno-buisson",
        "aix-en-provence",
    }
    assert one.focus is not None and one.focus.name == "Neuroservices"
    two = network.fetch_view(seeded_db, settings, view(focus="neuroservices", depth=2))
    assert set(one.graph.nodes) < set(two.graph.nodes)
    assert {"bio-japan", "emilie-royere", "abreos-biosciences"} <= set(two.graph.nodes)
    assert all(r.start in two.graph.nodes and r.end in two.graph.nodes for r in two.graph.rels.values())


def test_kind_and_country_filters(seeded_db: neo4j.Driver, settings: Settings) -> None:
    companies = network.fetch_view(seeded_db, settings, view(filters=Filters(kinds=("Company",))))
    assert {n.kind for n in companies.graph.nodes.values()} == {"Company"}
    assert companies.total == 2
    french = network.fetch_view(seeded_db, settings, view(filters=Filters(countries=("FR",))))
    assert "biocom" not in french.graph.nodes and "eurobiomed" in french.graph.nodes
    assert "fr" not in french.graph.nodes  # countries are drawn when asked for...
    french = network.fetch_view(
        seeded_db, settings, view(filters=Filters(countries=("FR",)), countries_shown=True)
    )
    assert "fr" in french.graph.nodes  # ...the Country node itself, by its code


def test_relationship_filters(seeded_db: neo4j.Driver, settings: Settings) -> None:
    planned = network.fetch_view(seeded_db, settings, view(filters=Filters(statuses=("planned",))))
    assert {r.properties["status"] for r in planned.graph.rels.values()} == {"planned"}
    inferred = network.fetch_view(seeded_db, settings, view(filters=Filters(evidence=("inferred",))))
    assert inferred.graph.rels and {r.properties["evidence"] for r in inferred.graph.rels.values()} == {
        "inferred"
    }
    boards = network.fetch_view(seeded_db, settings, view(filters=Filters(types=("BOARD_SEAT", "LEADS"))))
    assert {r.type for r in boards.graph.rels.values()} == {"BOARD_SEAT", "LEADS"}


def test_filters_bound_the_neighbourhood(seeded_db: neo4j.Driver, settings: Settings) -> None:
    result = network.fetch_view(
        seeded_db, settings, view(focus="neuroservices", depth=3, filters=Filters(types=("LEADS",)))
    )
    assert set(result.graph.nodes) == {"neuroservices", "bruno-buisson"}


def test_node_cap_keeps_the_focus_and_counts_the_rest(seeded_db: neo4j.Driver, settings: Settings) -> None:
    capped = network.fetch_view(seeded_db, settings, view(limit=5))
    assert (capped.shown, capped.total, capped.truncated) == (5, SEED_DRAWN, True)
    assert {"biocom", "eurobiomed"} <= set(capped.graph.nodes)  # the best connected first
    focused = network.fetch_view(seeded_db, settings, view(focus="marseille", depth=4, limit=3))
    assert "marseille" in focused.graph.nodes and focused.shown == 3 and focused.total > 3


def test_unknown_focus_suggests_names(seeded_db: neo4j.Driver, settings: Settings) -> None:
    with pytest.raises(UnknownEntity, match="no entity matches 'neuroservice'") as raised:
        network.fetch_view(seeded_db, settings, view(focus="neuroservice"))
    assert "neuroservices" in [e.id for e in raised.value.entities]


@pytest.mark.parametrize(
    "hostile", ["x' OR 1=1 //", "}) MATCH (n) DETACH DELETE n //", "`Company`", "\\u0027"]
)
def test_values_are_parameters_not_query_text(
    seeded_db: neo4j.Driver, settings: Settings, hostile: str
) -> None:
    with pytest.raises(UnknownEntity):
        network.fetch_view(seeded_db, settings, view(focus=hostile))
    assert network.entity_count(seeded_db, settings) == SEED_ENTITIES


def test_details_list_each_fact_with_its_source(seeded_db: neo4j.Driver, settings: Settings) -> None:
    details = entity_details(seeded_db, settings, "bruno-buisson")
    assert details.entity.name == "Bruno Buisson" and details.entity.kind == "Person"
    facts = {(f.tie.type, f.other.id): f for f in details.facts}
    seat = facts[("BOARD_SEAT", "biocom")]
    assert seat.outgoing and seat.tie.status == "active" and seat.tie.evidence == "stated"
    assert seat.on_behalf_of is not None and seat.on_behalf_of.name == "Eurobiomed"
    assert seat.source_file == "000_7fa91fdf62d3938d.txt" and seat.tie.paragraph == 6
    assert seat.source_name and "Eurobiomed" in seat.source_name
    assert details.source_name and details.source_name.endswith("(000_7fa91fdf62d3938d.txt)")


def test_details_tell_inferred_from_stated(seeded_db: neo4j.Driver, settings: Settings) -> None:
    details = entity_details(seeded_db, settings, "neuroservices")
    member = next(f for f in details.facts if f.tie.type == "MEMBER_OF")
    assert member.tie.evidence == "inferred"
    led = next(f for f in details.facts if f.tie.type == "LEADS")
    assert not led.outgoing and led.other.name == "Bruno Buisson"


def test_details_of_a_cluster_are_capped(seeded_db: neo4j.Driver, settings: Settings) -> None:
    capped = Settings(**{**settings.__dict__, "row_cap": 2})
    details = entity_details(seeded_db, capped, "eurobiomed")
    assert len(details.facts) == 2 and details.truncated


def test_markup_names_come_back_intact_and_render_inert(markup_db: neo4j.Driver, settings: Settings) -> None:
    result = network.fetch_view(markup_db, settings, view(focus="evil-co"))
    assert result.graph.nodes["evil-co"].name == MARKUP
    page = render_graph(result.graph, focus="evil-co", sources=result.sources)
    assert MARKUP not in page and "<script>__pwned" not in page
    details = entity_details(markup_db, settings, "evil-co")
    assert details.entity.name == MARKUP and details.facts[0].tie.properties["note"] == MARKUP


def test_facets_list_countries_present(seeded_db: neo4j.Driver, settings: Settings) -> None:
    assert set(network.facets(seeded_db, settings).countries) == {"FR", "US", "JP"}


def test_an_empty_database_counts_no_entity(empty_db: neo4j.Driver, settings: Settings) -> None:
    assert network.entity_count(empty_db, settings) == 0
    assert network.fetch_view(empty_db, settings, view()).shown == 0


# -- the view as a URL (no database) --------------------------------------------------------


def test_view_round_trips_through_the_url() -> None:
    original = View(
        "neuroservices",
        3,
        Filters(("Company", "Cluster"), ("FR",), ("MEMBER_OF",), ("planned",), ("inferred",)),
        50,
    )
    query = original.to_query()
    assert query == {
        "focus": "neuroservices",
        "depth": "3",
        "kind": "Company,Cluster",
        "country": "FR",
        "type": "MEMBER_OF",
        "status": "planned",
        "evidence": "inferred",
        "limit": "50",
    }
    assert View.from_query(query) == (original, [])


def test_default_view_has_an_empty_url() -> None:
    assert View().to_query() == {}
    assert View.from_query({}) == (View(), [])


def test_url_accepts_french_and_plain_words() -> None:
    parsed, ignored = View.from_query(
        {
            "kind": "Entreprise,pôle",
            "status": "prévu",
            "country": "Japon",
            "type": "membre de",
            "evidence": "déduit",
        }
    )
    assert ignored == []
    assert parsed.filters == Filters(
        ("Company", "Cluster"), ("JP",), ("MEMBER_OF",), ("planned",), ("inferred",)
    )


@pytest.mark.parametrize(
    ("query", "ignored"),
    [
        ({"kind": "Spaceship"}, ["kind=Spaceship"]),
        ({"kind": "Source"}, ["kind=Source"]),
        ({"depth": "deep"}, ["depth=deep"]),
        ({"status": "maybe", "type": "KNOWS"}, ["type=KNOWS", "status=maybe"]),
    ],
)
def test_url_values_not_understood_are_reported(query: dict[str, str], ignored: list[str]) -> None:
    assert View.from_query(query)[1] == ignored


def test_url_depth_and_limit_are_clamped() -> None:
    parsed, _ = View.from_query({"focus": "x", "depth": "99", "limit": "1000000"})
    assert parsed.depth == network.MAX_DEPTH and parsed.limit == network.MAX_LIMIT


def test_each_entity_draws_its_strongest_links_but_the_focus_all_of_its_own(
    seeded_db: neo4j.Driver, settings: Settings, tmp_path: Path
) -> None:
    companies = [f"co-{i}" for i in range(12)]
    (tmp_path / "nodes.csv").write_text(
        "id,kind,name,country\nboss,Person,Busy Boss,FR\n"
        + "".join(f"{c},Company,{c},FR\n" for c in companies),
        encoding="utf-8",
    )
    (tmp_path / "links.csv").write_text(
        "source,target,type\n" + "".join(f"boss,{c},BOARD_SEAT\n" for c in companies) + "boss,co-0,LEADS\n",
        encoding="utf-8",
    )
    load(seeded_db, settings, [tmp_path])
    overview = network.fetch_view(seeded_db, settings, view())
    from_boss = [r for r in overview.graph.rels.values() if r.start == "boss"]
    assert len(from_boss) == network.RELS_PER_NODE and overview.rels_truncated
    assert "LEADS" in {r.type for r in from_boss}  # the strongest tie is kept first
    focused = network.fetch_view(seeded_db, settings, view(focus="boss"))
    assert len([r for r in focused.graph.rels.values() if r.start == "boss"]) == 13
    assert not focused.rels_truncated
