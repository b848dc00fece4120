"""The alliance view on the article's graph: parties West to East, links and gaps, bridges, the pipeline."""

from __future__ import annotations

import neo4j
import pytest

from explorer import countries
from explorer.config import Settings
from explorer.errors import UnknownEntity
from explorer.views import alliance

ALLIANCE = "us-france-japan-alliance"


def test_parties_run_west_to_east(seeded_db: neo4j.Driver, settings: Settings) -> None:
    view = alliance.alliance_view(seeded_db, settings, ALLIANCE)
    assert [(p.entity.name, p.entity.country) for p in view.parties] == [
        ("Biocom", "US"),
        ("Eurobiomed", "FR"),
        ("Bio Japan", "JP"),
    ]
    assert [view.positions[p.entity.id][0] for p in view.parties] == sorted(
        view.positions[p.entity.id][0] for p in view.parties
    )
    assert view.status == "proposed"
    assert all(p.tie.status == "proposed" for p in view.parties)


def test_links_between_parties_and_the_gap(seeded_db: neo4j.Driver, settings: Settings) -> None:
    view = alliance.alliance_view(seeded_db, settings, ALLIANCE)
    links = {(link.a.id, link.b.id): link for link in view.links}
    twinning = links[("biocom", "eurobiomed")].ties[0]
    assert (twinning.type, twinning.status, twinning.properties["since"]) == ("PARTNER_OF", "active", 2012)
    assert links[("biocom", "bio-japan")].ties[0].type == "PARTNER_OF"
    assert links[("eurobiomed", "bio-japan")].ties == ()  # France and Japan: not linked yet


def test_bridges_are_the_companies_and_people_on_two_sides(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    bridges = {b.entity.id: b for b in alliance.alliance_view(seeded_db, settings, ALLIANCE).bridges}
    assert set(bridges) == {"neuroservices", "bruno-buisson", "abreos-biosciences"}
    sides = {s.party: s for s in bridges["bruno-buisson"].sides}
    assert [t.type for t in sides["biocom"].ties] == ["BOARD_SEAT"]
    neuro = {s.party: s for s in bridges["neuroservices"].sides}
    assert [place for place, _ in neuro["biocom"].places] == ["San Diego"]
    abreos = {s.party: s for s in bridges["abreos-biosciences"].sides}
    assert abreos["biocom"].home and not abreos["biocom"].ties  # a US company, member of Eurobiomed
    assert abreos["eurobiomed"].places[0][1].status == "planned"


def test_pending_lists_what_is_only_planned_or_proposed(seeded_db: neo4j.Driver, settings: Settings) -> None:
    pending = alliance.alliance_view(seeded_db, settings, ALLIANCE).pending
    found = {(a.id, tie.type, b.id, tie.status) for a, tie, b in pending}
    assert ("bio-japan", "PARTY_TO", ALLIANCE, "proposed") in found
    assert ("eurobiomed", "PARTY_TO", "joint-landing-service", "proposed") in found
    assert ("abreos-biosciences", "SUBSIDIARY_IN", "marseille", "planned") in found
    assert all(tie.status in ("planned", "proposed") for _, tie, _ in pending)


def test_graph_holds_parties_bridges_and_pending_ends(seeded_db: neo4j.Driver, settings: Settings) -> None:
    view = alliance.alliance_view(seeded_db, settings, ALLIANCE)
    assert {ALLIANCE, "biocom", "eurobiomed", "bio-japan", "neuroservices", "joint-landing-service"} <= set(
        view.graph.nodes
    )
    assert all(r.start in view.graph.nodes and r.end in view.graph.nodes for r in view.graph.rels.values())


def test_alliances_are_listed(seeded_db: neo4j.Driver, settings: Settings) -> None:
    assert [a.id for a in alliance.alliances(seeded_db, settings)] == [ALLIANCE]


def test_unknown_alliance_names_the_known_ones(seeded_db: neo4j.Driver, settings: Settings) -> None:
    with pytest.raises(UnknownEntity, match="no entity matches 'nato'") as raised:
        alliance.alliance_view(seeded_db, settings, "nato")
    assert [e.id for e in raised.value.entities] == [ALLIANCE]


@pytest.mark.parametrize(("country", "after"), [("US", None), ("FR", "US"), ("JP", "FR"), ("XX", "JP")])
def test_longitude_orders_countries(country: str, after: str | None) -> None:
    if after is not None:
        assert countries.longitude(country) > countries.longitude(after)
