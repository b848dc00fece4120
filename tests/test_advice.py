"""Who to ask, rule by rule (explorer/introductions/advice.py): small paths in memory for each rule,
then small graphs in the database for what is read there (leaders off the path, own organisations,
ties not in force, entities avoided)."""

from __future__ import annotations

import json

import pytest

from explorer.introductions.advice import advise
from explorer.introductions.answers import Hop, IntroPath
from explorer.introductions.explain import ask_sentence, explain, path_json, search_json
from explorer.introductions.paths import find_paths
from explorer.model import Entity, Tie
from tests.builders import entity, link, load_graph, node, tie

YEAR = 2025

asker_p = entity("emma", "Person", "Emma Asker")
own_org = entity("home", "Cluster", "Home Cluster")
contact_p = entity("paul", "Person", "Paul Contact")
org = entity("acme", "Company", "Acme")
org2 = entity("beta", "Company", "Beta")
target = entity("target", "Company", "Target Co")
alliance = entity("pact", "Alliance", "The Pact")
city = entity("lyon", "City", "Lyon")
country = entity("fr", "Country", "France")


def walk(*items: Entity | Tie | tuple[Tie, float]) -> IntroPath:
    """A path in memory: entity, tie, entity, tie... (a tie may come with its strength)."""
    nodes = tuple(i for i in items[0::2] if isinstance(i, Entity))
    hops = []
    for item in items[1::2]:
        t, strength = item if isinstance(item, tuple) else (item, 0.9)
        assert isinstance(t, Tie)
        hops.append(Hop(t, strength))
    return IntroPath(0.5, nodes, tuple(hops))


def leads(person: Entity, organisation: Entity, **props: object) -> tuple[Entity, Tie]:
    return person, tie(f"{person.id}-leads", "LEADS", person.id, organisation.id, **props)


def test_one_tie_is_a_direct_contact() -> None:
    path = walk(org, tie("p", "RD_PARTNER", org.id, target.id), target)
    intro = advise(path)
    assert intro.rule == "direct" and intro.asked is None
    assert ask_sentence(path) == "This is a direct tie: contact Target Co directly."
    assert path_json(path)["introducer"] is None


def test_a_person_reaching_the_target_through_their_own_organisation_contacts_it_directly() -> None:
    path = walk(
        asker_p,
        tie("l", "LEADS", asker_p.id, own_org.id),
        own_org,
        tie("m", "MEMBER_OF", target.id, own_org.id),
        target,
    )
    intro = advise(path, year=YEAR)
    assert intro.rule == "through" and intro.asked is None and intro.through == own_org
    said = ask_sentence(path)
    assert said == "Contact Target Co, a member of Home Cluster, directly: no one needs to introduce you."
    assert "Ask Home Cluster" not in explain(path)
    assert ask_sentence(path, "fr") == (
        "Contactez directement Target Co, membre de Home Cluster : nul besoin d'intermédiaire."
    )


def test_advice_starts_from_the_person_on_the_far_side_of_the_askers_own_organisation() -> None:
    path = walk(
        asker_p,
        tie("l", "LEADS", asker_p.id, own_org.id),
        own_org,
        tie("r", "REPRESENTS", contact_p.id, own_org.id),
        contact_p,
        tie("b", "BOARD_SEAT", contact_p.id, target.id),
        target,
    )
    intro = advise(path, year=YEAR)
    assert intro.rule == "person" and intro.asked == contact_p
    assert ask_sentence(path) == "Ask Paul Contact, who sits on Target Co's board, for an introduction."


def test_an_organisation_the_asker_leads_is_never_asked_even_off_the_first_hop() -> None:
    path = walk(
        asker_p,
        tie("b", "BOARD_SEAT", asker_p.id, org.id),
        org,
        tie("p", "PARTNER_OF", org.id, own_org.id),
        own_org,
        tie("m", "MEMBER_OF", target.id, own_org.id),
        target,
    )
    intro = advise(path, own={"home"}, year=YEAR)
    assert intro.rule == "through" and intro.asked is None


def test_an_organisation_stands_in_through_its_leader() -> None:
    path = walk(
        org, tie("p", "RD_PARTNER", org.id, org2.id), org2, tie("q", "RD_PARTNER", org2.id, target.id), target
    )
    boss = entity("bea", "Person", "Béa Boss")
    intro = advise(path, leaders={"beta": leads(boss, org2, role="CEO")}, year=YEAR)
    assert intro.rule == "leader" and intro.asked == boss and intro.entity == org2
    advised = IntroPath(path.score, path.nodes, path.hops, intro)
    assert path_json(advised)["introducer"] == {
        "id": "bea",
        "name": "Béa Boss",
        "kind": "Person",
        "organisation": {"id": "beta", "name": "Beta", "kind": "Company"},
    }
    said = ask_sentence(advised)
    assert (
        said
        == "Ask Béa Boss, who leads Beta (an R&D partner of Target Co), for an introduction to Target Co."
    )


def test_without_a_leader_the_next_person_tied_strongly_to_the_organisation_is_asked() -> None:
    path = walk(
        org,
        tie("p", "RD_PARTNER", org.id, org2.id),
        org2,
        tie("b", "BOARD_SEAT", contact_p.id, org2.id),
        contact_p,
        tie("c", "BOARD_SEAT", contact_p.id, target.id),
        target,
    )
    intro = advise(path, year=YEAR)
    assert intro.rule == "person" and intro.asked == contact_p


def test_a_weak_or_pending_tie_to_the_organisation_does_not_make_its_person_the_one_to_ask() -> None:
    crowd = walk(
        org,
        tie("p", "RD_PARTNER", org.id, org2.id),
        org2,
        (tie("w", "WORKS_AT", contact_p.id, org2.id), 0.05),  # one of 5,000 employees
        contact_p,
        tie("c", "BOARD_SEAT", contact_p.id, target.id),
        target,
    )
    assert advise(crowd, year=YEAR).asked == org2
    planned = walk(
        org,
        tie("p", "RD_PARTNER", org.id, org2.id),
        org2,
        tie("w", "BOARD_SEAT", contact_p.id, org2.id, status="planned"),
        contact_p,
        tie("c", "BOARD_SEAT", contact_p.id, target.id),
        target,
    )
    assert advise(planned, year=YEAR).asked == org2


def test_a_stranger_several_hops_from_the_asker_is_never_the_one_to_ask() -> None:
    path = walk(
        own_org,
        tie("p", "PARTNER_OF", own_org.id, entity("far", "Cluster", "Far Cluster").id),
        entity("far", "Cluster", "Far Cluster"),
        tie("m", "MEMBER_OF", org.id, "far"),
        org,
        tie("w", "WORKS_AT", contact_p.id, org.id),
        contact_p,
        tie("b", "BOARD_SEAT", contact_p.id, target.id),
        target,
    )
    intro = advise(path, year=YEAR)
    assert intro.rule == "organisation" and intro.asked is not None and intro.asked.id == "far"
    assert "Ask Paul Contact" not in explain(path)


def test_alliances_and_initiatives_never_introduce() -> None:
    path = walk(
        org,
        tie("m", "MEMBER_OF", org.id, own_org.id),
        own_org,
        tie("a", "PARTY_TO", own_org.id, alliance.id, status="proposed"),
        alliance,
        tie("b", "PARTY_TO", target.id, alliance.id, status="proposed"),
        target,
    )
    intro = advise(path, year=YEAR)
    assert intro.asked == own_org and intro.rule == "organisation"
    said = explain(path)
    assert "Ask Home Cluster, a party to The Pact (proposed), for an introduction to Target Co." in said
    assert said.endswith("Not in force yet: this route rests on 2 proposed ties.")
    across = walk(
        own_org,
        tie("a", "PARTY_TO", own_org.id, alliance.id),
        alliance,
        tie("b", "PARTY_TO", target.id, alliance.id),
        target,
    )
    assert advise(across, year=YEAR).rule == "through"


def test_a_leader_who_is_the_target_is_contacted_directly_and_one_who_is_the_asker_is_not_named() -> None:
    boss = entity("bea", "Person", "Béa Boss")
    to_boss = walk(
        org, tie("m", "MEMBER_OF", org.id, own_org.id), own_org, tie("l", "LEADS", boss.id, own_org.id), boss
    )
    intro = advise(to_boss, leaders={"home": leads(boss, own_org)}, year=YEAR)
    assert intro.rule == "through" and intro.asked is None
    assert ask_sentence(IntroPath(0.5, to_boss.nodes, to_boss.hops, intro)) == (
        "Contact Béa Boss, who leads Home Cluster, directly: no one needs to introduce you."
    )
    mine = walk(
        boss,
        tie("b", "SUPPORTED_BY", org.id, boss.id),
        org,
        tie("p", "RD_PARTNER", org.id, target.id),
        target,
    )
    assert advise(mine, leaders={"acme": leads(boss, org)}, year=YEAR).asked == org


def test_a_route_of_places_has_nobody_to_ask() -> None:
    path = walk(
        org,
        tie("l", "LOCATED_IN", org.id, city.id),
        city,
        tie("c", "IN_COUNTRY", city.id, country.id),
        country,
    )
    assert advise(path).rule == "nobody"
    assert ask_sentence(path) == "This route only goes through places: no one on it can make an introduction."


def test_a_tie_that_ended_is_said_so_in_the_advice() -> None:
    path = walk(
        org,
        tie("w", "BOARD_SEAT", contact_p.id, org.id),
        contact_p,
        tie("c", "BOARD_SEAT", contact_p.id, target.id, until=2001),
        target,
    )
    assert (
        ask_sentence(path)
        == "Ask Paul Contact, who sits on Target Co's board (ended in 2001), for an introduction."
    )


# -- in the database: leaders and own organisations are read from the graph -------------------------


@pytest.fixture
def firms(empty_db, settings, tmp_path):
    """A cluster led by Clara, whose members reach a target through R&D partners; people whose
    ties are planned or ended; a person who leads a company and sits on another's board."""
    nodes = [
        node("hub", "Cluster", "Hub Cluster"),
        node("clara", "Person", "Clara Chef"),
        node("old-boss", "Person", "Olivier Ancien"),
        node("next-boss", "Person", "Nina Bientôt"),
        node("member", "Company", "Member Co"),
        node("partner", "Company", "Partner Co"),
        node("goal", "Company", "Goal Co"),
        node("max", "Person", "Max Moi"),
        node("mine", "Company", "Mine Co"),
    ]
    links = [
        link("member", "hub", "MEMBER_OF"),
        link("clara", "hub", "LEADS", role="Director"),
        link("old-boss", "partner", "LEADS", until=2010),
        link("next-boss", "partner", "LEADS", status="planned"),
        link("hub", "partner", "RD_PARTNER"),
        link("partner", "goal", "RD_PARTNER"),
        link("max", "mine", "LEADS"),
        link("max", "hub", "BOARD_SEAT"),
        link("mine", "goal", "SUPPORTED_BY"),
    ]
    load_graph(empty_db, settings, tmp_path / "firms", nodes, links)
    return empty_db


def test_the_leader_is_read_from_the_graph_even_off_the_path(firms, settings) -> None:
    found = find_paths(firms, settings, "member", "goal", k=1)
    assert [n.id for n in found.paths[0].nodes] == ["member", "hub", "partner", "goal"]
    intro = found.paths[0].introducer
    assert intro is not None and intro.rule == "leader" and intro.asked is not None
    assert intro.asked.id == "clara"
    assert "Ask Clara Chef, who leads Hub Cluster (an R&D partner of Partner Co)" in explain(found.paths[0])
    assert search_json(found)["paths"][0]["introducer"]["id"] == "clara"


def test_leaders_whose_tie_ended_or_is_planned_are_not_named(firms, settings) -> None:
    found = find_paths(firms, settings, "hub", "goal", k=1, avoid=["max"])
    intro = found.paths[0].introducer
    assert intro is not None and intro.rule == "organisation" and intro.asked is not None
    assert intro.asked.id == "partner"
    assert "Olivier" not in explain(found.paths[0]) and "Nina" not in explain(found.paths[0])


def test_an_avoided_leader_is_not_named(firms, settings) -> None:
    found = find_paths(firms, settings, "member", "goal", k=1, avoid=["clara"])
    intro = found.paths[0].introducer
    assert intro is not None and intro.asked is not None and intro.asked.id == "hub"


def test_the_askers_own_organisations_are_read_from_the_graph(firms, settings) -> None:
    found = find_paths(firms, settings, "max", "goal", k=5, ranking="score")
    for path in found.paths:
        intro = path.introducer
        assert intro is not None
        assert intro.asked is None or intro.asked.id not in ("max", "mine", "hub"), [n.id for n in path.nodes]
    direct = next(p for p in found.paths if [n.id for n in p.nodes] == ["max", "mine", "goal"])
    assert direct.introducer is not None and direct.introducer.rule == "through"


def test_every_path_of_the_json_names_its_introducer(firms, settings) -> None:
    found = find_paths(firms, settings, "member", "goal", k=5)
    said = json.loads(json.dumps(search_json(found)))
    assert said["paths"]
    for path in said["paths"]:
        assert "introducer" in path
        assert path["explanation"].startswith(("Strong: ", "Fair: ", "Weak: "))
        assert path["introducer"] is None or set(path["introducer"]) >= {"id", "name", "kind"}
