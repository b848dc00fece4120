"""Building rows from records: pure, tested without a database."""

import pytest

from explorer.model.facts import RawRow, build_link, build_node, file_source


def node(**fields):
    return build_node(RawRow(7, "node", fields), "file-x-csv")


def link(**fields):
    return build_link(RawRow(9, "link", fields), "file-x-csv")


def test_a_node_with_city_and_country_brings_the_city_the_country_and_their_links():
    nodes, links, errors = node(
        id="acme", kind="Company", name="ACME", country="France", city="Aix-en-Provence"
    )
    assert errors == []
    assert [(n.id, n.kind, n.derived) for n in nodes] == [
        ("acme", "Company", False),
        ("aix-en-provence", "City", True),
        ("fr", "Country", True),
    ]
    assert nodes[0].props == {"name": "ACME", "kind": "Company", "country": "FR", "source": "file-x-csv"}
    assert [(lk.type, lk.start, lk.end) for lk in links] == [
        ("LOCATED_IN", "acme", "aix-en-provence"),
        ("IN_COUNTRY", "aix-en-provence", "fr"),
    ]


def test_a_cited_source_replaces_the_file_as_provenance():
    nodes, _, _ = node(id="a", kind="Company", name="A", source_ref="article-1")
    assert nodes[0].props["source"] == "article-1"


def test_integer_properties_are_stored_as_numbers():
    nodes, _, errors = node(id="c", kind="Cluster", name="C", members="850", since=2012)
    assert errors == [] and nodes[0].props["members"] == 850 and nodes[0].props["since"] == 2012


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"kind": "Company", "name": "A"}, "missing id"),
        ({"id": "a", "name": "A"}, "missing kind"),
        ({"id": "a", "kind": "Spaceship", "name": "A"}, "unknown kind 'Spaceship'"),
        ({"id": "a", "kind": "Company"}, "missing name"),
        ({"id": "a", "kind": "Company", "name": "A", "country": "Atlantis"}, "unknown country 'Atlantis'"),
        ({"id": "a", "kind": "Country", "name": "A", "city": "Paris"}, "cannot be located in a city"),
        ({"id": "a", "kind": "Cluster", "name": "A", "members": "many"}, "members must be a whole number"),
        ({"id": "a\x00b", "kind": "Company", "name": "A"}, "control characters"),
    ],
)
def test_bad_node_fields_are_named(fields, message):
    nodes, _, errors = node(**fields)
    assert nodes == []
    assert any(message in e for e in errors), errors


def test_a_link_defaults_to_active_stated_and_the_file_as_source():
    row, errors = link(source="a", target="b", type="member of")
    assert errors == []
    assert row.type == "MEMBER_OF" and row.props == {
        "status": "active",
        "evidence": "stated",
        "source": "file-x-csv",
    }


def test_symmetric_links_are_put_in_one_order_whichever_way_they_are_written():
    one, _ = link(source="zeta", target="alpha", type="RD_PARTNER")
    other, _ = link(source="alpha", target="zeta", type="RD_PARTNER")
    assert one.key() == other.key() == ("RD_PARTNER", "alpha", "zeta")


def test_directed_links_keep_their_direction():
    row, _ = link(source="zeta", target="alpha", type="MEMBER_OF")
    assert (row.start, row.end) == ("zeta", "alpha")


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"target": "b", "type": "MEMBER_OF"}, "missing source"),
        ({"source": "a", "type": "MEMBER_OF"}, "missing target"),
        ({"source": "a", "target": "b"}, "missing type"),
        ({"source": "a", "target": "b", "type": "LIKES"}, "unknown type 'LIKES'"),
        ({"source": "a", "target": "b", "type": "MEMBER_OF", "status": "maybe"}, "bad status 'maybe'"),
        ({"source": "a", "target": "b", "type": "MEMBER_OF", "evidence": "gossip"}, "bad evidence 'gossip'"),
        ({"source": "a", "target": "a", "type": "MEMBER_OF"}, "to itself"),
        (
            {"source": "a", "target": "b", "type": "MEMBER_OF", "since": "lately"},
            "since: 'lately' is not a date",
        ),
    ],
)
def test_bad_link_fields_are_named(fields, message):
    row, errors = link(**fields)
    assert row is None
    assert any(message in e for e in errors), errors


def test_board_seats_name_the_organisation_they_represent():
    row, errors = link(source="p", target="b", type="BOARD_SEAT", on_behalf_of="eurobiomed")
    assert errors == [] and row.refs == ("eurobiomed",)


def test_a_file_is_its_own_source_when_rows_cite_none():
    source = file_source("data/Members 2024.csv")
    assert source.id == "file-members-2024-csv" and source.kind == "Source"
    assert source.props["file"] == "Members 2024.csv"
