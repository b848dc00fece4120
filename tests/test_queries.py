"""The saved-query catalogue: headers parse, parameters convert, every query runs on the seeds."""

from pathlib import Path

import pytest

from explorer.db import read_query
from explorer.errors import InvalidInput, UsageError
from explorer.queries import PARAM_TYPES, load_catalogue, parse_query_file


def test_the_catalogue_offers_at_least_eight_described_queries():
    catalogue = load_catalogue()
    assert len(catalogue) >= 8
    for query in catalogue.values():
        assert query.title and len(query.description) > 20
        assert all(p.type in PARAM_TYPES for p in query.params)


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
    ],
)
def test_broken_headers_are_reported_with_the_file(tmp_path, text, message):
    with pytest.raises(InvalidInput, match=message):
        parse_query_file(write(tmp_path, text))
