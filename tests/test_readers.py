"""Reading the interchange files: CSV as Excel writes it (French locale included) and YAML."""

from pathlib import Path

import pytest

from explorer.errors import Problem
from explorer.loaders.readers import column_name, discover, read_rows

FRENCH_NODES = (
    "\ufeffid;kind;name;country;city;Date de création;notes\r\n"
    'royere;Person;Émilie Royère;FR;Marseille;2010;"Directrice générale;\r\n'
    'sur deux lignes"\r\n'
    'acme;Entreprise;"ACME, SA";France;Aix-en-Provence;;\r\n'
)


@pytest.fixture
def french_excel_csv(tmp_path: Path) -> Path:
    path = tmp_path / "export.csv"
    path.write_bytes(FRENCH_NODES.encode("utf-8"))
    return path


def read(path: Path) -> tuple[list, list[Problem]]:
    files, problems = discover([path])
    for f in files:
        problems += f.problems
    rows = [row for f in files for row in read_rows(f, problems)]
    return rows, problems


def test_french_excel_export_is_read_with_bom_semicolons_and_multiline_quotes(french_excel_csv):
    rows, problems = read(french_excel_csv)
    assert problems == []
    assert [r.line for r in rows] == [2, 4]
    first = rows[0].fields
    assert first["name"] == "Émilie Royère"
    assert first["notes"] == "Directrice générale;\r\nsur deux lignes"
    assert first["date_de_creation"] == "2010"
    assert rows[1].fields["name"] == "ACME, SA"
    assert "notes" not in rows[1].fields  # empty cells are left out


def test_the_header_not_the_file_name_says_what_a_file_holds(tmp_path):
    (tmp_path / "nodes.csv").write_text("source,target,type\na,b,MEMBER_OF\n", encoding="utf-8")
    files, _ = discover([tmp_path / "nodes.csv"])
    assert files[0].format == "links"


def test_comma_delimited_files_with_quoted_commas(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text('id,kind,name\nx,Company,"Big, Small & Co"\n', encoding="utf-8")
    rows, problems = read(path)
    assert problems == [] and rows[0].fields["name"] == "Big, Small & Co"


def test_a_file_that_is_not_utf8_is_reported_with_its_line(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("id;kind;name\nok;Company;Fine\nx;Company;Soci\xe9t\xe9\n".encode("latin-1"))
    _, problems = read(path)
    assert len(problems) == 1
    assert problems[0].file.endswith("latin1.csv") and problems[0].line == 3
    assert "not UTF-8" in problems[0].message


def test_a_header_of_neither_kind_is_reported(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    _, problems = read(path)
    assert "neither a nodes file" in problems[0].message and problems[0].line == 1


def test_too_many_fields_are_reported_but_trailing_empty_ones_are_not(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("id;kind;name\na;Company;A;;\nb;Company;B;oops\n", encoding="utf-8")
    rows, problems = read(path)
    assert [r.fields["id"] for r in rows] == ["a"]
    assert problems[0].line == 3 and "4 fields" in problems[0].message


def test_an_empty_file_is_reported(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    _, problems = read(path)
    assert "empty file" in problems[0].message


def test_folders_are_searched_for_csv_and_yaml(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.yaml").write_text("nodes: []\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,kind,name\n", encoding="utf-8")
    (tmp_path / "readme.md").write_text("x", encoding="utf-8")
    files, problems = discover([tmp_path])
    assert sorted(Path(f.name).name for f in files) == ["a.yaml", "b.csv"] and problems == []


def test_missing_paths_are_reported(tmp_path):
    _, problems = discover([tmp_path / "nope.csv"])
    assert problems[0].message == "no such file or folder"


def test_yaml_rows_carry_their_line_numbers(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(
        "sources:\n  - {id: s1, name: A source}\n"
        "nodes:\n  - id: a\n    kind: Company\n    name: A\n"
        "links:\n  - {source: a, target: b, type: MEMBER_OF}\n",
        encoding="utf-8",
    )
    rows, problems = read(path)
    assert problems == []
    assert [(r.role, r.line) for r in rows] == [("source", 2), ("node", 4), ("link", 8)]


def test_yaml_is_parsed_safely(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("nodes:\n  - !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    _, problems = read(path)
    assert problems and "not valid YAML" in problems[0].message


@pytest.mark.parametrize(
    "text, message",
    [
        ("just a string\n", "expected a mapping"),
        ("nodes: 3\n", "must be a list"),
        ("people: []\n", "unknown section"),
        ("nodes:\n  - id: a\n    kind: Company\n    name: A\n    extra: {nested: 1}\n", "nested values"),
        ("nodes: [\n", "not valid YAML"),
    ],
)
def test_malformed_yaml_is_reported(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = read(path)
    assert any(message in p.message for p in problems), problems


def test_header_cells_become_property_names():
    assert column_name(" Date de création ") == "date_de_creation"
    assert column_name("\ufeffID") == "id"
    assert column_name("R&D topic") == "r_d_topic"
