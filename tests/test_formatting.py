"""Output formats: tables people read, JSON scripts read, and CSV that spreadsheets cannot execute."""

import csv
import io
import json

import pytest

from explorer.formatting import render, safe_cell


@pytest.mark.parametrize("cell", ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=x", "\r=x"])
def test_formula_like_cells_are_made_inert(cell):
    assert safe_cell(cell) == "'" + cell


def test_plain_cells_and_numbers_are_left_alone():
    assert safe_cell("Biocom") == "Biocom" and safe_cell(-5) == -5


def test_csv_neutralises_formulas_and_keeps_commas_and_newlines():
    rows = [{"name": '=HYPERLINK("http://x")', "note": "a, b\nc"}]
    parsed = list(csv.reader(io.StringIO(render("csv", ["name", "note"], rows))))
    assert parsed == [["name", "note"], ['\'=HYPERLINK("http://x")', "a, b\nc"]]


def test_json_keeps_accents_and_types():
    out = json.loads(render("json", ["n"], [{"n": {"id": "x", "name": "Royère", "since": 2012}}]))
    assert out == [{"n": {"id": "x", "name": "Royère", "since": 2012}}]


def test_tables_show_entities_by_name_and_clip_long_cells():
    table = render(
        "table", ["who", "note"], [{"who": {"id": "b", "kind": "Person", "name": "Bruno"}, "note": "x" * 200}]
    )
    assert "Bruno [Person]" in table and "…" in table and table.endswith("(1 row)")
