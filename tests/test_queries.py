"""The saved-query catalogue: headers parse, parameters convert, every query runs on the seeds."""

from pathlib import Path

import pytest

from explorer import i18n
from explorer.database.session import read_query
from explorer.errors import InvalidInput, UsageError
from explorer.queries import PARAM_TYPES, load_catalogue, parse_query_file


def test_the_catalogue_offers_at_least_eight_described_queries():
    catalogue = load_catalogue()
    assert len(catalogue) >= 8
    for query in catalogue.values():
        assert query.title and len(query.description) > 20
        assert all(p.type in PARAM_TYPES for p in query.params)


def test_every_saved_query_has_its_french_title_description_and_labels():
    for query in load_catalogue().values():
        assert query.title_fr and query.title_fr != query.title, query.name
        assert len(query.description_fr) > 20 and query.description_fr != query.description, query.name
        for param in query.params:
            assert param.label_fr and param.help_fr, f"{query.name}: {param.name} has no param_fr:"


@pytest.mark.parametrize("name", sorted(load_catalogue()))
def test_every_saved_query_runs_on_the_seed_graph_with_its_defaults(seeded_db, settings, name):
    query = load_catalogue()[name]
    if name == "retired_facts":  # the seed graph has none: retire one first
        from explorer.curation import facts
        from explorer.curation.actors import Actor

        tie = "tie:bruno-buisson|BOARD_SEAT|biocom"
        facts.retire(seeded_db, settings, Actor("tester", "editor"), tie, reason="a test")
    result = read_query(seeded_db, settings, query.text, query.bind({}))
    assert result.rows, f"{name} found nothing in the seed graph"
    unnamed = [c for c in result.columns if f"column.{c}" not in i18n.MESSAGES]
    assert not unnamed, f"{name}: columns with no name in explorer/i18n/columns.py: {unnamed}"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "q.cypher"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_header_gives_title_description_and_typed_parameters(tmp_path):
    query = parse_query_file(
        write(
            tmp_path,
            (
                "// title: Neighbours\n"
                "// description: Entities next to one,\n"
                "//   within some hops.\n"
                "// param: entity (entity) : whose neighbours\n"
                "// param: hops (int) = 2 : how far\n"
                "MATCH (n {id: $entity}) RETURN n\n"
            ),
        )
    )
    assert query.title == "Neighbours"
    assert query.description == "Entities next to one, within some hops."
    assert [(p.name, p.type, p.default, p.required) for p in query.params] == [
        ("entity", "entity", None, True),
        ("hops", "int", 2, False),
    ]
    assert query.text == "MATCH (n {id: $entity}) RETURN n"


def test_a_header_gives_its_french_words(tmp_path):
    query = parse_query_file(
        write(
            tmp_path,
            (
                "// title: Neighbours\n"
                "// description: Entities next to one.\n"
                "// param: min_hops (int) = 2 : how far\n"
                "// title_fr: Voisins\n"
                "// description_fr: Les entités voisines d'une autre,\n"
                "//   à quelques liens.\n"
                "// param_fr: min_hops (liens au moins) : à quelle distance\n"
                "MATCH (n) RETURN n\n"
            ),
        )
    )
    assert (query.title_in("fr"), query.title_in("en")) == ("Voisins", "Neighbours")
    assert query.description_in("fr") == "Les entités voisines d'une autre, à quelques liens."
    assert query.description == "Entities next to one."
    hops = query.params[0]
    assert (hops.label("fr"), hops.help_in("fr")) == ("liens au moins", "à quelle distance")
    assert (hops.label("en"), hops.help_in("en")) == ("min hops", "how far")


def test_french_words_of_a_query_without_them_fall_back_to_english(tmp_path):
    text = "// title: T\n// description: D\n// param: x (int) = 1\nRETURN 1\n"
    query = parse_query_file(write(tmp_path, text))
    assert (query.title_in("fr"), query.description_in("fr"), query.params[0].label("fr")) == ("T", "D", "x")


def test_binding_converts_fills_defaults_and_names_what_is_missing(tmp_path):
    query = parse_query_file(
        write(
            tmp_path,
            (
                "// title: T\n// description: D\n// param: entity (entity) : who\n// param: hops (int) = 2\n"
                "// param: strict (bool) = false\nRETURN 1\n"
            ),
        )
    )
    assert query.bind({"entity": "biocom", "hops": "3", "strict": "yes"}) == {
        "entity": "biocom",
        "hops": 3,
        "strict": True,
    }
    assert query.bind({"entity": "biocom"})["hops"] == 2
    with pytest.raises(UsageError, match="needs -p entity"):
        query.bind({})
    with pytest.raises(UsageError, match="has no parameter nope"):
        query.bind({"entity": "x", "nope": "1"})
    with pytest.raises(InvalidInput, match="hops must be a whole number"):
        query.bind({"entity": "x", "hops": "many"})


@pytest.mark.parametrize(
    "text, message",
    [
        ("// description: D\nRETURN 1\n", "no title"),
        ("// title: T\nRETURN 1\n", "no description"),
        ("// title: T\n// description: D\n", "no query"),
        ("// title: T\n// description: D\n// param: x (color) = red\nRETURN 1\n", "not one of"),
        ("// title: T\n// description: D\n// param: what is this\nRETURN 1\n", "cannot read parameter"),
        ("// title: T\n// description: D\n// param_fr: y (y) : y\nRETURN 1\n", "names no parameter"),
        ("// title: T\n// description: D\n// param: y (int)\n// param_fr: y\nRETURN 1\n", "cannot read"),
    ],
)
def test_broken_headers_are_reported_with_the_file(tmp_path, text, message):
    with pytest.raises(InvalidInput, match=message):
        parse_query_file(write(tmp_path, text))
