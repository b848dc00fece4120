"""Paths, brokers and the network at a date (``--as-of``, ``?as_of=``), on the dated ecosystem
(tests/dated.py): a tie not yet begun or already ended is not used, and the answer says the date it
answers for."""

from __future__ import annotations

import dataclasses
import json

import neo4j
import pytest

from explorer.config import Settings
from explorer.introductions.explain import describe
from explorer.introductions.paths import find_paths
from explorer.introductions.weights import default_weights
from explorer.model import FactDate, Moment
from explorer.model.facts import tie_key
from explorer.views.network import View, fetch_view

#: The dated ecosystem is built once per module, with its history: slow on a busy machine.
pytestmark = pytest.mark.timeout(900)
#: A search's time limit here: what is tested is which ties are used, not speed (the benchmarks say that).
SLOW = 180.0


def _types(search) -> set[str]:
    return {hop.tie.type for path in search.paths for hop in path.hops}


def _at(year: int | None, undated: bool = True):
    return dataclasses.replace(default_weights(), as_of=FactDate(year) if year else None, undated=undated)


def test_paths_use_only_the_ties_of_the_as_of_date(dated_db: neo4j.Driver, settings: Settings, cli) -> None:
    seat = tie_key("bruno-buisson", "BOARD_SEAT", "biocom")[4:]
    then = find_paths(dated_db, settings, "neuroservices", "abreos", k=3, weights=_at(2016), timeout=SLOW)
    assert then.paths and then.paths[0].hops[1].tie.key == seat  # the board seat held in 2016
    assert describe(then).startswith("As of 2016, ties not yet begun or already ended left out:")
    assert describe(then, "fr").startswith("En 2016, sans les liens")
    later = find_paths(dated_db, settings, "neuroservices", "abreos", k=3, weights=_at(2022), timeout=SLOW)
    assert "BOARD_SEAT" not in _types(later)  # it ended in 2019
    assert all(hop.tie.holds_at(FactDate(2022)) or hop.tie.undated for p in later.paths for hop in p.hops)
    today = find_paths(dated_db, settings, "neuroservices", "abreos", k=3, weights=_at(None), timeout=SLOW)
    assert "BOARD_SEAT" in _types(today)  # today it is used, weakened as ended
    assert today.as_of is None and not describe(today).startswith("As of")
    before = find_paths(
        dated_db, settings, "acme", "abreos", k=3, weights=_at(2016, undated=False), timeout=SLOW
    )
    assert before.paths == ()  # Acme joined Biocom in 2021; its R&D tie with Abreos is undated
    kept = find_paths(dated_db, settings, "acme", "abreos", k=3, weights=_at(2016), timeout=SLOW)
    assert describe(kept).startswith(
        "As of 2016, ties not yet begun or already ended left out (1 undated tie kept):"
    )
    assert "(1 lien sans date gardé) :" in describe(kept, "fr").splitlines()[0]
    run = cli("paths", "neuroservices", "abreos", "--as-of", "2016-06", "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["as_of"] == "2016-06" and "BOARD_SEAT" in {
        r["type"] for p in data["paths"] for r in p["relationships"]
    }
    bad = cli("paths", "neuroservices", "abreos", "--as-of", "2016-13")
    assert bad.returncode == 2 and "2016-13" in bad.stderr


def test_brokers_count_only_the_ties_of_the_as_of_date(dated_db: neo4j.Driver, cli) -> None:
    then = cli("brokers", "--between", "FR", "US", "--as-of", "2016", "--format", "json")
    assert then.returncode == 0, then.stderr
    brokers_then = {b["id"] for b in json.loads(then.stdout)["brokers"]}
    assert "bruno-buisson" in brokers_then and json.loads(then.stdout)["as_of"] == "2016"
    later = cli("brokers", "--between", "FR", "US", "--as-of", "2022", "--format", "json")
    assert later.returncode == 0, later.stderr
    assert "bruno-buisson" not in {b["id"] for b in json.loads(later.stdout)["brokers"]}
    text = cli("brokers", "--between", "FR", "US", "--as-of", "2022", "--lang", "fr")
    assert text.stdout.startswith("En 2022, sans les liens pas encore commencés ou déjà terminés :")


def test_saved_queries_that_list_ties_take_a_date(dated_db: neo4j.Driver, cli) -> None:
    seats = cli("query", "board_seats", "--as-of", "2016-06", "--format", "json")
    assert seats.returncode == 0, seats.stderr
    assert [r["person"] for r in json.loads(seats.stdout)] == ["Bruno Buisson"]
    assert json.loads(cli("query", "board_seats", "--as-of", "2022", "--format", "json").stdout) == []
    members = cli("query", "cluster_members", "-p", "cluster=Biocom", "--as-of", "2020", "--format", "json")
    assert [r["member"] for r in json.loads(members.stdout)] == ["Abreos Biosciences"]  # Acme: 2021
    undated = cli("query", "pipeline", "--as-of", "2020")
    assert undated.returncode == 2 and "takes no date" in undated.stderr and "board_seats" in undated.stderr


def test_a_date_parameter_keeps_its_precision_and_refuses_what_is_not_a_date() -> None:
    from explorer.errors import InvalidInput
    from explorer.queries import load_catalogue

    seats = load_catalogue()["board_seats"]
    assert seats.bind({}) == {"as_of": ""}  # any date
    assert seats.bind({"as_of": "mars 2015"}) == {"as_of": "2015-03"}
    assert seats.bind({"as_of": "2015"}) == {"as_of": "2015"}
    with pytest.raises(InvalidInput, match="not a date"):
        seats.bind({"as_of": "2015-13"})


def test_a_network_view_at_a_date_is_a_url_and_draws_the_ties_of_that_date(
    dated_db: neo4j.Driver, settings: Settings
) -> None:
    view, ignored = View.from_query({"focus": "biocom", "as_of": "2016", "undated": "hide", "known_on": "x"})
    assert view.moment == Moment(FactDate(2016), undated=False) and ignored == ["known_on=x"]
    assert View.from_query(view.to_query())[0] == view
    assert view.to_query()["as_of"] == "2016" and "as_of" not in View(focus="biocom").to_query()
    then = fetch_view(dated_db, settings, view)
    types = {t.type for t in then.graph.rels.values()}
    assert "BOARD_SEAT" in types and "PARTY_TO" not in types  # the alliance was signed in 2023
    assert "acme" not in then.graph.nodes  # Acme joined Biocom in 2021
    later = fetch_view(dated_db, settings, View(focus="acme", moment=Moment(FactDate(2022))))
    assert later.undated == 1  # the R&D partnership with Abreos says no date: kept, and counted
    hidden = fetch_view(dated_db, settings, View(focus="acme", moment=Moment(FactDate(2022), undated=False)))
    assert hidden.undated == 0 and "abreos" not in hidden.graph.nodes


def test_the_paths_and_network_pages_take_a_date_from_their_url(dated_db: neo4j.Driver) -> None:
    from tests.app_helpers import graph_data, graphs, open_page, texts, unescape

    then = open_page("paths", **{"from": "neuroservices", "to": "abreos", "as_of": "2016"})
    assert not then.exception
    shown = unescape(texts(then))
    assert "As of 2016: 0 undated ties kept." in shown and "sits on the board of" in shown
    assert then.text_input(key="paths.as_of").value == "2016"
    later = open_page("paths", **{"from": "neuroservices", "to": "abreos", "as_of": "2022", "lang": "fr"})
    said = unescape(texts(later))
    assert "En 2022 : 0 liens sans date gardés." in said and "BOARD_SEAT" not in str(graphs(later))
    network = open_page("network", focus="biocom", as_of="2016", undated="hide")
    assert not network.exception
    assert "As of 2016: undated ties hidden." in unescape(texts(network))
    assert "acme" not in {n["id"] for n in graph_data(network)["nodes"]}
