"""``explorer changes`` as users run it, on the dated ecosystem and its history (tests/dated.py): the
JSON contract, CSV, Markdown, both languages, and one-line errors."""

from __future__ import annotations

import csv
import io
import json

import neo4j
import pytest

from explorer.config import Settings
from explorer.model import FactDate
from explorer.model.facts import tie_key
from explorer.views.changes import Window, what_changed
from explorer.views.changes_report import changes_markdown, changes_rows, changes_text
from tests import dated

#: The dated ecosystem is built once per module, with its history: slow on a busy machine.
pytestmark = pytest.mark.timeout(900)

ITEM_KEYS = {"from", "to", "type", "status", "since", "until", "source", "text"}


def _key(item) -> str:
    return tie_key(item["from"], item["type"], item["to"]) if item["to"] else f"entity:{item['from']}"


def test_changes_follow_the_contract_in_every_format(dated_db: neo4j.Driver, cli) -> None:
    run = cli("changes", "--since", "2024-02", "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert {"since", "until", "began", "ended", "changed", "recorded", "retired"} <= set(data)
    assert data["since"] == "2024-02" and data["until"] is None
    assert [_key(i) for i in data["retired"]] == [dated.PARTNERS]
    assert [_key(i) for i in data["recorded"]] == [dated.SUPPORT]
    assert [_key(i) for i in data["changed"]] == [dated.MEMBERSHIP]
    began = [_key(i) for i in data["began"]]  # supported since February 2024, a party since June
    assert began == [dated.SUPPORT, tie_key("bio-japan", "PARTY_TO", "alliance")]
    for part in ("began", "ended", "changed", "recorded", "retired"):
        assert all(set(item) >= ITEM_KEYS for item in data[part])
    changed = data["changed"][0]
    assert changed["before"]["since"] == "2008" and changed["after"]["since"] == "2009-05"
    assert changed["recorded"]["who"] == "ada@example.org"
    assert changed["recorded"]["why"] == "the register says May 2009"
    assert data["retired"][0]["recorded"]["why"] == "the twinning lapsed"

    ended = json.loads(cli("changes", "--since", "2019", "--until", "2019", "--format", "json").stdout)
    assert [_key(i) for i in ended["ended"]] == [tie_key("bruno-buisson", "BOARD_SEAT", "biocom")]


def test_changes_as_csv_a_markdown_note_and_text_in_both_languages(
    dated_db: neo4j.Driver, settings: Settings, cli
) -> None:
    february = what_changed(dated_db, settings, Window(FactDate(2024, 2)))
    rows = changes_rows(february)
    assert {r["part"] for r in rows} == {"began", "changed", "recorded", "retired"}
    assert any(r["why"] == "the twinning lapsed" for r in rows)
    note = changes_markdown(february, "fr")
    assert note.startswith("# Ce qui a changé depuis février 2024")
    assert "### Retirés (1)" in note and "pourquoi : the twinning lapsed" in note
    around = what_changed(dated_db, settings, Window(FactDate(2024, 2), around="Neuroservices"))
    text = changes_text(around)
    assert text.startswith("What changed since February 2024 around Neuroservices")
    assert "Corrected (1)" in text and "Retired (0)" in text
    table = cli("changes", "--since", "2024-02", "--format", "csv")
    assert table.returncode == 0, table.stderr
    assert list(csv.DictReader(io.StringIO(table.stdout))) == [
        {k: v or "" for k, v in r.items()} for r in rows
    ]


def test_changes_refuse_a_window_backwards_and_a_bad_date_in_one_line(dated_db: neo4j.Driver, cli) -> None:
    backwards = cli("changes", "--since", "2024", "--until", "2023")
    assert backwards.returncode == 2 and "before --since" in backwards.stderr
    assert len(backwards.stderr.strip().splitlines()) <= 2
    bad = cli("changes", "--since", "2024-02-30")
    assert bad.returncode == 2 and "2024-02-30" in bad.stderr
    both = cli("changes", "--since", "2024", "--around", "acme", "--cluster", "biocom")
    assert both.returncode == 2


def test_the_what_changed_page_lists_each_part_with_a_badge(
    dated_db: neo4j.Driver,
) -> None:
    from tests.app_helpers import open_page, texts, unescape

    at = open_page("changed", since="2024-02", cluster="eurobiomed")
    assert not at.exception
    shown = unescape(texts(at))
    assert ":gray-badge[:material/delete: Retired] **1**" in shown and "the twinning lapsed" in shown
    assert ":blue-badge[:material/edit: Corrected] **1**" in shown
    assert at.text_input(key="changed.cluster").value == "eurobiomed"
    french = open_page("changed", since="2024-02", lang="fr")
    assert ":gray-badge[:material/delete: Retirés] **1**" in unescape(texts(french))
    wrong = open_page("changed", since="2024-13")
    assert not wrong.exception and "since=2024-13" in unescape(texts(wrong))
