"""Red team, loads: malformed and hostile files are refused with ``file:line`` and change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.errors import InvalidInput
from explorer.loaders import load
from explorer.loaders.load import db_lookup, write_plan
from explorer.loaders.readers import discover
from explorer.loaders.validate import validate
from tests.builders import link, load_graph, node, write_csv
from tests.conftest import count

HEADER = "id,kind,name,notes\n"


def rows(n: int, start: int = 0) -> str:
    return "".join(f"c{i},Company,Company {i},note {i}\n" for i in range(start, start + n))


def refused(driver, settings, paths: list[Path]) -> list[str]:
    """The problems of a load that must be refused, checking that it wrote nothing."""
    before = count(driver, settings)
    with pytest.raises(InvalidInput) as raised:
        load(driver, settings, paths)
    assert count(driver, settings) == before
    return [str(p) for p in raised.value.problems]


def test_an_unterminated_quote_is_refused_at_its_line(empty_db, settings, tmp_path):
    path = tmp_path / "screens.csv"
    path.write_text(
        HEADER + rows(2) + 'c2,Company,Screens,"27 inch screen\n' + rows(197, 3), encoding="utf-8"
    )
    problems = refused(empty_db, settings, [path])
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:4: a quote opened in this record is never closed")


def test_a_quote_closed_rows_later_is_refused(empty_db, settings, tmp_path):
    path = tmp_path / "screens.csv"
    text = HEADER + rows(2) + 'c2,Company,Screens,"27 inch screen\n' + rows(5, 3) + 'c9,Company,"Nine",x\n'
    path.write_text(text, encoding="utf-8")
    (problem,) = refused(empty_db, settings, [path])
    assert problem.startswith(
        f"{path}:4: a quoted value ends on line 10 with more text after its closing quote"
    )


def test_the_cli_names_the_file_and_line_of_an_open_quote(cli, empty_db, settings, tmp_path):
    path = tmp_path / "screens.csv"
    path.write_text(
        HEADER + rows(2) + 'c2,Company,Screens,"27 inch screen\n' + rows(197, 3), encoding="utf-8"
    )
    done = cli("load", str(path))
    assert done.returncode == 1
    assert f"{path}:4: a quote opened" in done.stderr and "Traceback" not in done.stderr
    assert count(empty_db, settings) == 0


def test_a_file_changed_between_checking_and_writing_writes_nothing(empty_db, settings, tmp_path):
    path = tmp_path / "nodes.csv"
    path.write_text(HEADER + rows(10), encoding="utf-8")
    files, _ = discover([path])
    plan = validate(files, db_lookup(empty_db, settings))
    path.write_text(HEADER + rows(3), encoding="utf-8")  # 7 rows gone before the write
    with pytest.raises(InvalidInput) as raised:
        write_plan(empty_db, settings, plan)
    assert "3 rows read when writing, 10 when checking" in str(raised.value.problems[0])
    assert count(empty_db, settings) == 0


def test_a_file_edited_in_place_between_checking_and_writing_writes_nothing(empty_db, settings, tmp_path):
    path = tmp_path / "nodes.csv"
    path.write_text(HEADER + rows(10), encoding="utf-8")
    files, _ = discover([path])
    plan = validate(files, db_lookup(empty_db, settings))
    path.write_text(HEADER + rows(10).replace("Company 4", "Compagnie 4"), encoding="utf-8")
    with pytest.raises(InvalidInput) as raised:
        write_plan(empty_db, settings, plan)
    assert str(raised.value.problems[0]) == f"{path}: changed while it was being loaded; nothing was written"
    assert count(empty_db, settings) == 0


def test_more_than_65536_files_lose_no_row(empty_db, settings, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    n = 65_540
    for i in range(n):
        (folder / f"n{i:05d}.csv").write_text(f"id,kind,name\nc{i},Company,Company {i}\n", encoding="utf-8")
    # a links file after them all: its index does not fit 16 bits
    write_csv(folder / "z-links.csv", ["source", "target", "type"], [link("c0", f"c{n - 1}", "RD_PARTNER")])
    summary = load(empty_db, settings, [folder])
    assert summary.files == n + 1 and summary.rows == n + 1
    assert count(empty_db, settings, "MATCH (c:Company) RETURN count(c)") == n
    assert (
        count(empty_db, settings, "MATCH (:Company)-[r:RD_PARTNER]-(:Company) RETURN count(DISTINCT r)") == 1
    )


def test_a_city_named_like_an_entity_of_another_kind_is_refused(empty_db, settings, tmp_path):
    load_graph(empty_db, settings, tmp_path / "first", [node("zorglub", "Company", "Zorglub")], [])
    path = write_csv(tmp_path / "acme.csv", ["id", "kind", "name", "city"], [node("acme", city="Zorglub")])
    (problem,) = refused(empty_db, settings, [path])
    assert problem.startswith(f"{path}:2: the city of this row would be the entity 'zorglub'")
    assert "a Company in the database, not a City" in problem


def test_a_country_code_that_is_an_entity_of_another_kind_is_refused(empty_db, settings, tmp_path):
    load_graph(empty_db, settings, tmp_path / "first", [node("de", "Company", "DE Holdings")], [])
    path = write_csv(
        tmp_path / "berlin.csv",
        ["id", "kind", "name", "country"],
        [node("berlin", "City", "Berlin", country="DE")],
    )
    (problem,) = refused(empty_db, settings, [path])
    assert problem.startswith(f"{path}:2: the country of this row would be the entity 'de'")


def test_a_city_and_a_country_with_the_same_id_are_refused(empty_db, settings, tmp_path):
    path = write_csv(
        tmp_path / "places.csv",
        ["id", "kind", "name", "city", "country"],
        [node("acme", city="Bonn", country="DE"), node("beta", city="De", country="FR")],
    )
    (problem,) = refused(empty_db, settings, [path])
    assert problem.startswith(
        f"{path}:3: the city 'De' would be the entity 'de', which {path}:2 makes a Country"
    )


HUGE = "99999999999999999999"
#: YAML node entries the database cannot hold as they are, and what the refusal says.
UNSTORABLE = [
    (f"members: {HUGE}", "members must be a whole number"),
    (f"revenue: {HUGE}", f"revenue: {HUGE} is beyond the whole numbers Neo4j stores"),
    (f"scores: [1, {HUGE}]", f"scores: {HUGE} is beyond"),
    ("ratio: .nan", "ratio: nan is not a finite number"),
    ("scores: [1.5, .inf]", "scores: inf is not a finite number"),
]
#: YAML ids (and names) that are not text.
NOT_TEXT = [
    ("{id: [a, b], kind: Company, name: Acme}", "id must be text, not a list ['a', 'b']"),
    ("{id: 2012, kind: Company, name: Acme}", "id must be text, not a number 2012"),
    ("{id: acme, kind: Company, name: [Ac, me]}", "name must be text, not a list"),
    ("{id: acme, kind: Company, name: Acme, source_ref: true}", "source_ref must be text, not a boolean"),
]


@pytest.mark.parametrize(
    ("entry", "message"),
    [("{id: acme, kind: Company, name: Acme, " + extra + "}", m) for extra, m in UNSTORABLE] + NOT_TEXT,
)
def test_yaml_values_the_database_cannot_hold_are_refused(empty_db, settings, tmp_path, entry, message):
    path = tmp_path / "data.yaml"
    path.write_text(f"nodes:\n  - {entry}\n", encoding="utf-8")
    (problem,) = refused(empty_db, settings, [path])
    assert problem.startswith(f"{path}:2: {message}")


def test_yaml_link_ends_of_other_types_are_refused(empty_db, settings, tmp_path):
    path = tmp_path / "data.yaml"
    path.write_text(
        "nodes:\n  - {id: '1', kind: Company, name: One}\n  - {id: '2', kind: Company, name: Two}\n"
        "links:\n  - {source: 1, target: '2', type: RD_PARTNER}\n",
        encoding="utf-8",
    )
    (problem,) = refused(empty_db, settings, [path])
    assert problem == f"{path}:5: source must be text, not a number 1; write it in quotes"


def test_a_header_of_200000_columns_is_checked_for_repeats_in_linear_time(tmp_path):
    path = tmp_path / "wide.csv"
    columns = ["id", "kind", "name", *(f"c{i}" for i in range(200_000)), "c7", "c9"]
    path.write_text(",".join(columns) + "\nacme,Company,Acme\n", encoding="utf-8")
    files, _ = discover([path])
    assert [p.message for p in files[0].problems] == ["column named twice: c7, c9"]


def test_a_stray_quote_closed_by_a_later_stray_one_is_refused(empty_db, settings, tmp_path):
    path = tmp_path / "screens.csv"
    text = (
        HEADER
        + rows(2)
        + 'c2,Company,Screens,"27 inch screen\n'
        + rows(147, 3)
        + 'c150,Company,M,monitor 24"\n'
    )
    path.write_text(text + rows(50, 151), encoding="utf-8")
    (problem,) = refused(empty_db, settings, [path])
    assert problem.startswith(f"{path}:4: a quote opened on line 4 closes only on line 152")
    assert "148 lines" in problem


def test_a_quoted_value_on_several_lines_still_loads(empty_db, settings, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text(HEADER + 'c1,Company,One,"first line\nsecond line, with a comma\nthird"\n' + rows(3, 2))
    load(empty_db, settings, [path])
    assert count(empty_db, settings, "MATCH (e) WHERE e.id IN ['c1', 'c2', 'c3', 'c4'] RETURN count(e)") == 4


@pytest.mark.parametrize("bad", ["a|b", "x`y", 'q"t', "<b>", "a\\b", "a{b}", "semi;colon"])
def test_ids_outside_the_safe_alphabet_are_refused_in_loads(empty_db, settings, tmp_path, bad):
    path = tmp_path / "ids.csv"
    quoted = '"' + bad.replace('"', '""') + '"'
    path.write_text(HEADER + f"{quoted},Company,Bad,x\nok-1,Company,Fine,x\n", encoding="utf-8")
    (problem,) = refused(empty_db, settings, [path])
    assert "an id is made of letters, digits" in problem and "\n" not in problem


def test_ids_outside_the_safe_alphabet_are_refused_by_curation(empty_db, settings):
    from explorer.curation import facts
    from explorer.curation.actors import Actor
    from tests.test_curation import ARTICLE

    editor = Actor("eve@example.org", "editor")
    with pytest.raises(InvalidInput, match="an id is made of"):
        facts.add_entity(empty_db, settings, editor, "Company", "Pipe", entity_id="pipe|x")
    facts.add_entity(empty_db, settings, editor, "Company", "Société Générale Santé", entity_id="sgs:é-1")
    with pytest.raises(InvalidInput, match="an id is made of"):
        facts.add_tie(empty_db, settings, editor, "sgs:é-1", "MEMBER_OF", "a|b", citation=ARTICLE)
    evil = facts.Citation(new=facts.NewSource("Evil", url="javascript:alert(1)"))
    with pytest.raises(InvalidInput, match="not a web address"):
        facts.add_tie(empty_db, settings, editor, "sgs:é-1", "MEMBER_OF", "eurobiomed", citation=evil)
    piped = facts.Citation(new=facts.NewSource("Piped", id="src|x"))
    with pytest.raises(InvalidInput, match="an id is made of"):
        facts.add_tie(empty_db, settings, editor, "sgs:é-1", "MEMBER_OF", "eurobiomed", citation=piped)
