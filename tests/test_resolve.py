"""One resolver for every face: names, countries and words in English or French mean the same on
the command line, in saved queries and on the pages; unknown and ambiguous values say so."""

from __future__ import annotations

import json

import pytest

from explorer import defaults, resolve
from explorer.errors import UnknownValue
from tests.app_helpers import open_page, table_cells, texts, unescape


def rows(result) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("what", "given", "meant"),
    [
        (resolve.country, "France", "FR"),
        (resolve.country, "états-unis", "US"),
        (resolve.country, "jp", "JP"),
        (resolve.status, "prévu", "planned"),
        (resolve.status, "Proposée", "proposed"),
        (resolve.evidence, "déduit", "inferred"),
        (resolve.kind, "Entreprise", "Company"),
        (resolve.kind, "pôle", "Cluster"),
        (resolve.rel_type, "membre de", "MEMBER_OF"),
    ],
)
def test_words_in_either_language_resolve(what, given, meant) -> None:
    assert what(given) == meant


@pytest.mark.parametrize(
    ("what", "given", "closest"),
    [
        (resolve.status, "planed", "planned"),
        (resolve.country, "Frnace", "France (FR)"),
        (resolve.kind, "Compnay", "Company"),
        (resolve.rel_type, "member off", "MEMBER_OF"),
    ],
)
def test_a_misspelt_word_is_an_error_naming_the_closest(what, given, closest) -> None:
    with pytest.raises(UnknownValue, match=f"no .* matches {given!r}") as raised:
        what(given)
    assert closest in raised.value.suggestions
    assert raised.value.exit_code == 2


def test_a_saved_query_takes_an_entity_by_name(seeded_db, cli) -> None:
    by_id = rows(cli("query", "entity_facts", "-p", "entity=bruno-buisson", "--format", "json"))
    by_name = rows(cli("query", "entity_facts", "-p", "entity=Bruno Buisson", "--format", "json"))
    assert len(by_name) == 3 and by_name == by_id
    assert rows(cli("query", "entity_facts", "-p", "entity=bruno buisson", "--format", "json")) == by_id


@pytest.mark.parametrize("given", ["Bio Japan", "bio japan", "bio-japan"])
def test_a_cluster_parameter_takes_its_name(seeded_db, cli, given) -> None:
    found = rows(cli("query", "cluster_members", "-p", f"cluster={given}", "--format", "json"))
    assert found == rows(cli("query", "cluster_members", "-p", "cluster=bio-japan", "--format", "json"))


def test_a_cluster_parameter_refuses_an_entity_of_another_kind(seeded_db, cli) -> None:
    result = cli("query", "cluster_members", "-p", "cluster=Bruno Buisson")
    assert result.returncode == 2 and "no entity matches" in result.stderr


def test_country_and_status_take_names_and_french_words(seeded_db, cli) -> None:
    by_code = rows(cli("query", "foreign_rd_partnerships", "-p", "country=FR", "--format", "json"))
    assert len(by_code) == 1
    by_name = rows(cli("query", "foreign_rd_partnerships", "-p", "country=France", "--format", "json"))
    assert by_name == by_code
    planned = rows(cli("query", "pipeline", "-p", "status=prévu", "--format", "json"))
    assert planned and {r["status"] for r in planned} == {"planned"}


@pytest.mark.parametrize(
    ("param", "hint"),
    [("status=planed", "did you mean planned"), ("status=bogus", "expected active, planned, proposed")],
)
def test_unknown_words_exit_2_with_the_closest(seeded_db, cli, param, hint) -> None:
    result = cli("query", "cluster_members", "-p", param)
    assert result.returncode == 2 and hint in result.stderr and "Traceback" not in result.stderr


def test_an_ambiguous_name_lists_the_candidates_and_exits_2(seeded_db, cli) -> None:
    result = cli("paths", "bio", "biocom")
    assert result.returncode == 2
    for name in ("Biocom", "Bio Japan", "Abreos Biosciences"):
        assert name in result.stderr


def test_a_misspelt_name_gets_the_closest_names(seeded_db, cli) -> None:
    result = cli("paths", "Neuroservises", "biocom")
    assert result.returncode == 2 and "did you mean Neuroservices (neuroservices)" in result.stderr
    result = cli("query", "entity_facts", "-p", "entity=Bruno Buison")
    assert result.returncode == 2 and "Bruno Buisson (bruno-buisson)" in result.stderr


def test_the_load_batch_comes_from_the_one_default(cli) -> None:
    assert f"[default: {defaults.BATCH_SIZE};" in cli("load", "--help").stdout


def test_the_queries_page_takes_names_and_french_words_in_its_link(seeded_db) -> None:
    at = open_page("queries", name="cluster_members", cluster="EUROBIOMED")
    assert not at.exception and "Neuroservices" in table_cells(at)
    at = open_page("queries", name="pipeline", status="prévu")
    assert not at.exception and "Abreos Biosciences" in table_cells(at)


def test_the_queries_page_says_when_a_value_is_unknown(seeded_db) -> None:
    at = open_page("queries", name="cluster_members", cluster="Eurobiomd")
    assert not at.exception
    assert "did you mean Eurobiomed (eurobiomed)" in unescape(texts(at))
    at = open_page("queries", name="multi_country_companies", min_countries="99999999999999999999")
    assert not at.exception and "min_countries" in unescape(texts(at))
