"""Validation before writing: every problem found, with its file and line (no database here)."""

from pathlib import Path

import pytest

from explorer.errors import InvalidInput, Problem
from explorer.loaders.readers import discover
from explorer.loaders.validate import validate


def lookup_in(existing: dict[str, str]):
    return lambda ids: {i: existing[i] for i in ids if i in existing}


def check(tmp_path: Path, files: dict[str, str], existing: dict[str, str] | None = None):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    found, problems = discover([tmp_path / name for name in files])
    return validate(found, lookup_in(existing or {}), problems)


def problems_of(tmp_path, files, existing=None) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        check(tmp_path, files, existing)
    return [str(p) for p in caught.value.problems]


NODES = "id,kind,name\nacme,Company,ACME\nbiocom,Cluster,Biocom\n"


def test_a_valid_load_counts_its_rows_and_knows_every_kind(tmp_path):
    plan = check(tmp_path, {"n.csv": NODES, "l.csv": "source,target,type\nacme,biocom,MEMBER_OF\n"})
    assert (plan.node_rows, plan.link_rows) == (2, 1)
    assert plan.kinds["acme"] == "Company" and plan.kinds["file-l-csv"] == "Source"


def test_a_link_to_an_id_in_neither_the_database_nor_the_load(tmp_path):
    found = problems_of(tmp_path, {"n.csv": NODES, "l.csv": "source,target,type\nacme,ghost,MEMBER_OF\n"})
    assert found == [f"{tmp_path / 'l.csv'}:2: 'ghost' is neither in the database nor in this load"]


def test_a_link_may_name_a_node_already_in_the_database(tmp_path):
    plan = check(
        tmp_path,
        {"l.csv": "source,target,type\nacme,biocom,MEMBER_OF\n"},
        existing={"acme": "Company", "biocom": "Cluster"},
    )
    assert plan.link_rows == 1


def test_links_may_come_before_the_nodes_they_name(tmp_path):
    plan = check(
        tmp_path, {"a_links.csv": "source,target,type\nacme,biocom,MEMBER_OF\n", "b_nodes.csv": NODES}
    )
    assert plan.link_rows == 1


def test_ends_of_the_wrong_kind_are_refused(tmp_path):
    found = problems_of(tmp_path, {"n.csv": NODES, "l.csv": "source,target,type\nbiocom,acme,MEMBER_OF\n"})
    assert len(found) == 1 and found[0].endswith("not from Cluster 'biocom' to Company 'acme'")
    assert ":2: MEMBER_OF goes from" in found[0]


def test_conflicting_duplicates_name_both_places(tmp_path):
    found = problems_of(tmp_path, {"n.csv": NODES + "acme,Company,ACME Corp\n"})
    assert found == [
        f"{tmp_path / 'n.csv'}:4: conflicting duplicate of 'acme', first defined differently "
        f"at {tmp_path / 'n.csv'}:2"
    ]


def test_identical_duplicates_are_not_a_problem(tmp_path):
    plan = check(tmp_path, {"n.csv": NODES + "acme,Company,ACME\n"})
    assert plan.node_rows == 3


def test_conflicting_link_duplicates_are_refused(tmp_path):
    links = "source,target,type,status\nacme,biocom,MEMBER_OF,active\nacme,biocom,MEMBER_OF,planned\n"
    found = problems_of(tmp_path, {"n.csv": NODES, "l.csv": links})
    assert len(found) == 1 and "l.csv:3: conflicting duplicate of acme -MEMBER_OF-> biocom" in found[0]


def test_symmetric_links_written_both_ways_are_one_link(tmp_path):
    nodes = "id,kind,name\na,Company,A\nb,Institute,B\n"
    links = "source,target,type,topic\na,b,RD_PARTNER,x\nb,a,RD_PARTNER,y\n"
    found = problems_of(tmp_path, {"n.csv": nodes, "l.csv": links})
    assert "conflicting duplicate of a -RD_PARTNER-> b" in found[0]


def test_a_kind_that_differs_from_the_database_is_refused(tmp_path):
    found = problems_of(tmp_path, {"n.csv": NODES}, existing={"acme": "Institute"})
    assert found == [f"{tmp_path / 'n.csv'}:2: 'acme' is an Institute in the database, not a Company"]


def test_a_cited_source_must_be_a_source(tmp_path):
    links = "source,target,type,source_ref\nacme,biocom,MEMBER_OF,acme\n"
    found = problems_of(tmp_path, {"n.csv": NODES, "l.csv": links})
    assert any("source_ref 'acme' is a Company, not a Source" in p for p in found)


def test_every_problem_is_collected_not_only_the_first(tmp_path):
    links = "source,target,type,status\n" + "".join(f"acme,biocom,MEMBER_OF,bad{i}\n" for i in range(30))
    found = problems_of(tmp_path, {"n.csv": NODES, "l.csv": links})
    assert len(found) == 30


def test_the_report_shows_twenty_problems_then_a_count():
    error = InvalidInput([Problem("f.csv", i, "bad") for i in range(1, 31)])
    lines = error.report_lines()
    assert len(lines) == 21 and lines[0] == "f.csv:1: bad" and lines[-1] == "... and 10 more problems"
    assert error.message == "30 problems found; nothing was written"


def test_a_city_id_that_clashes_with_another_kind_is_refused(tmp_path):
    nodes = "id,kind,name,city\nmarseille,Company,Marseille SA,\nx,Company,X,Marseille\n"
    found = problems_of(tmp_path, {"n.csv": nodes})
    assert any("'marseille' is a Company here but another row names a City" in p for p in found)


@pytest.mark.parametrize("value", ["[]", "[a, b]", "other-source", "La Provence"])
def test_a_node_row_may_not_set_its_own_source(tmp_path, value):
    # Regression (found by the fuzzer): `source: []` on a source entry raised a TypeError.
    yaml = (
        "sources:\n- id: press\n  name: Press article\n  source: " + value + "\n"
        "nodes:\n- id: acme\n  kind: Company\n  name: ACME\n  source: " + value + "\n"
    )
    found = problems_of(tmp_path, {"s.yaml": yaml})
    assert [p.split(": ", 1)[0].rsplit("/", 1)[-1] for p in found] == ["s.yaml:2", "s.yaml:6"]
    assert all("cite a Source with source_ref" in p for p in found)
