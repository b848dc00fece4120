"""``explorer ask add|list|close|willingness`` as users run them: an ask logged from a path,
closed with its outcome, the review item it proposes, and the history that keeps them."""

from __future__ import annotations

import datetime as dt
import json

import neo4j

from explorer.model.clock import today
from tests.conftest import CliRunner

#: The machine is shared: the searches behind `ask add` get more time than a user's default.
SLOW = {"EXPLORER_QUERY_TIMEOUT": "150"}


def test_an_ask_from_a_path_closed_as_met_proposes_a_contact(cli: CliRunner, seeded_db: neo4j.Driver) -> None:
    later = (today() + dt.timedelta(days=30)).isoformat()
    added = cli(
        "ask", "add", "Neuroservices", "Bio Japan", "--path", "2", "--note", "by mail",
        "--follow-up", later, "--as", "alice", "--format", "json", env=SLOW,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    ask = json.loads(added.stdout)
    assert (ask["from"], ask["asker_kind"], ask["to"]) == ("neuroservices", "organisation", "bio-japan")
    # path 2 names Eurobiomed's leader, and leaves Neuroservices through its CEO
    assert (ask["introducer"], ask["through"], ask["rank"]) == ("emilie-royere", "bruno-buisson", 2)
    assert (ask["state"], ask["follow_up"], ask["who"], ask["note"]) == ("open", later, "alice", "by mail")
    by_name = cli(
        "ask", "add", "Neuroservices", "Bio Japan", "--introducer", "Biocom", "--format", "json", env=SLOW
    )
    assert by_name.returncode == 0, by_name.stderr
    second = json.loads(by_name.stdout)
    assert second["introducer"] == "biocom"
    listed = json.loads(cli("ask", "list", "--open", "--format", "json").stdout)
    assert [a["id"] for a in listed] == [second["id"], ask["id"]]  # the newest first
    assert json.loads(cli("ask", "list", "--due", "--format", "json").stdout) == []
    closed = cli(
        "ask", "close", str(ask["id"]), "--outcome", "met", "--note", "met in Kobe", "--as", "alice",
        "--format", "json",
    )  # fmt: skip
    assert closed.returncode == 0, closed.stderr
    done = json.loads(closed.stdout)
    assert (done["state"], done["outcome"], done["close_note"]) == ("closed", "met", "met in Kobe")
    assert done["proposal"] is not None
    queue = cli("review", "list").stdout
    assert "Neuroservices" in queue and "Bio Japan" in queue
    again = cli("ask", "close", str(ask["id"]), "--outcome", "declined")
    assert again.returncode != 0 and again.stderr.startswith("error:")
    history = cli("fact", "history", "bio-japan").stdout
    assert (
        f"Logged ask #{ask['id']}: Neuroservices asks Emilie Royère for an introduction to Bio Japan"
        in history
    )
    assert f"Closed ask #{ask['id']} (Neuroservices → Bio Japan): met" in history


def test_bad_asks_are_one_line_errors(cli: CliRunner, seeded_db: neo4j.Driver) -> None:
    both = cli("ask", "add", "Neuroservices", "Bio Japan", "--path", "1", "--introducer", "Biocom")
    assert both.returncode == 2 and "not both" in both.stderr
    past = cli("ask", "add", "Neuroservices", "Bio Japan", "--follow-up", "2001-01-01", env=SLOW)
    assert past.returncode == 2 and "already past" in past.stderr
    outcome = cli("ask", "close", "1", "--outcome", "maybe")
    assert outcome.returncode == 2 and "unknown outcome 'maybe'" in outcome.stderr
    no_team = cli("paths", "@us", "Bio Japan")
    assert no_team.returncode == 2 and "EXPLORER_TEAM" in no_team.stderr
    for failed in (both, past, outcome, no_team):
        assert "Traceback" not in failed.stderr and len(failed.stderr.strip().splitlines()) <= 2


def test_willingness_is_marked_listed_and_said_in_the_ranking(
    cli: CliRunner, seeded_db: neo4j.Driver
) -> None:
    marked = cli("ask", "willingness", "Emilie Royère", "open", "--reason", "offered at the summit")
    assert marked.returncode == 0, marked.stderr
    listed = cli("ask", "willingness", "--format", "json")
    assert json.loads(listed.stdout)[0].items() >= {"entity": "emilie-royere", "level": "open"}.items()
    found = json.loads(cli("paths", "Neuroservices", "Bio Japan", "--format", "json", env=SLOW).stdout)
    royere = next(p for p in found["paths"] if (p["introducer"] or {}).get("id") == "emilie-royere")
    assert royere["rank_score"] > royere["score"]
    assert "Emilie Royère is marked open to introductions (offered at the summit)" in royere["explanation"]
    assert found["asker"]["kind"] == "organisation"
