"""``explorer fact``, ``entity merge``, ``review`` and ``serve --host`` as users run them."""

from __future__ import annotations

import json
from pathlib import Path

import neo4j

from explorer import search
from explorer.config import Settings
from explorer.curation import facts
from tests.conftest import CliRunner

SOURCE = [
    "--source-title",
    "Les Echos, 30 November",
    "--publisher",
    "Les Echos",
    "--date",
    "2026-11-30",
    "--paragraph",
    "2",
    "--quote",
    "ACME Bio now sits on Biocom's board.",
]


def test_a_company_and_a_board_seat_with_a_new_source(cli: CliRunner, seeded_db: neo4j.Driver) -> None:
    added = cli(
        "fact",
        "add",
        "entity",
        "--kind",
        "Entreprise",
        "--name",
        "ACME Bio",
        "--country",
        "France",
        "--as",
        "alice",
        "--format",
        "json",
    )
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["after"][0]["props"]["country"] == "FR"
    person = cli("fact", "add", "entity", "--kind", "Person", "--name", "Jane Roe", "--as", "alice")
    assert person.returncode == 0, person.stderr
    seat = cli(
        "fact",
        "add",
        "tie",
        "jane roe",
        "board seat",
        "Biocom",
        *SOURCE,
        "--set",
        "on_behalf_of=acme-bio",
        "--as",
        "alice",
        "--format",
        "json",
    )
    assert seat.returncode == 0, seat.stderr
    change = json.loads(seat.stdout)
    assert change["after"][0]["key"] == "tie:jane-roe|BOARD_SEAT|biocom" and change["who"] == "alice"
    assert change["source"] == "source-les-echos-30-november"
    listed = json.loads(cli("fact", "history", "jane-roe", "--format", "json").stdout)
    assert [c["action"] for c in listed] == ["add", "add"]
    assert set(listed[0]) >= {"id", "at", "who", "action", "reason", "before", "after", "source"}


def test_a_bad_tie_gives_the_loaders_message_and_exit_1(cli: CliRunner, seeded_db: neo4j.Driver) -> None:
    done = cli("fact", "add", "tie", "Bruno Buisson", "MEMBER_OF", "biocom", *SOURCE)
    assert done.returncode == 1
    assert "MEMBER_OF goes from Cluster/Company/Institute to Cluster, not from Person" in done.stderr
    unknown = cli("fact", "add", "tie", "Nobody Known", "MEMBER_OF", "biocom", *SOURCE)
    assert unknown.returncode == 2 and "no entity matches" in unknown.stderr


def test_edit_retire_undo_and_history(cli: CliRunner, seeded_db: neo4j.Driver) -> None:
    stale = cli("fact", "edit", "biocom", "--set", "members=900", "--reason", "their site", "--version", "7")
    assert stale.returncode == 1 and "since you opened it" in stale.stderr
    no_reason = cli("fact", "retire", "bruno-buisson", "BOARD_SEAT", "biocom")
    assert no_reason.returncode == 1 and "reason is required" in no_reason.stderr
    retired = cli(
        "fact", "retire", "bruno-buisson", "BOARD_SEAT", "biocom", "--reason", "left", "--format", "json"
    )
    number = json.loads(retired.stdout)["id"]
    text = cli("fact", "history", "biocom").stdout
    assert (
        f"#{number}" in text
        and "Retired Bruno Buisson sits on the board of Biocom" in text
        and "— left" in text
    )
    undone = cli("fact", "undo", str(number))
    assert undone.returncode == 0, undone.stderr
    assert f"(undone by #{number + 1})" in cli("fact", "history", "biocom").stdout
    assert "every one as written" in cli("fact", "history", "--verify").stdout


def test_merge_keeps_the_old_name_findable(
    cli: CliRunner, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    cli("fact", "add", "entity", "--kind", "Cluster", "--name", "BIOCOM California", "--id", "biocom-ca")
    merged = cli("entity", "merge", "biocom", "biocom-ca", "--reason", "same cluster")
    assert merged.returncode == 0, merged.stderr
    assert search.find_entities(seeded_db, settings, "BIOCOM California")[0].id == "biocom"
    assert "biocom" in cli("search", "BIOCOM California").stdout


def test_a_reader_in_the_roles_file_suggests_and_cannot_decide(
    cli: CliRunner, seeded_db: neo4j.Driver, settings: Settings, tmp_path: Path
) -> None:
    roles = tmp_path / "roles.toml"
    roles.write_text('unknown = "reader"\n[people]\n"eve@example.org" = "editor"\n', encoding="utf-8")
    env = {"EXPLORER_ROLES": str(roles)}
    queued = cli(
        "fact", "edit", "biocom", "--set", "members=1", "--reason", "r", "--as", "rita@example.org", env=env
    )
    assert queued.returncode == 0 and "Queued for review as proposal #" in queued.stdout
    assert "Change Biocom (Cluster, United States): members: 850 → 1" in queued.stdout
    assert facts.read_fact(seeded_db, settings, "entity:biocom").props["members"] == 850
    number = queued.stdout.split("#", 1)[1].split(":", 1)[0]
    refused = cli("review", "accept", number, "--as", "rita@example.org", env=env)
    assert refused.returncode == 1 and "rita@example.org is a reader and may not review" in refused.stderr
    allowed = cli(
        "fact", "edit", "biocom", "--set", "members=1", "--reason", "r", "--as", "eve@example.org", env=env
    )
    assert allowed.returncode == 0, allowed.stderr
    merge = cli("entity", "merge", "biocom", "bio-japan", "--reason", "r", "--as", "eve@example.org", env=env)
    assert merge.returncode == 0 and "Queued for review" in merge.stdout  # an editor suggests a merge
    number = merge.stdout.split("#", 1)[1].split(":", 1)[0]
    refused = cli("review", "accept", number, "--as", "eve@example.org", env=env)
    assert refused.returncode == 1 and "may not merge entities" in refused.stderr


def test_serving_on_another_address_without_sign_in_refuses_to_start(cli: CliRunner, tmp_path: Path) -> None:
    env = {"EXPLORER_AUTH": "", "EXPLORER_ROLES": "", "EXPLORER_HOME": str(tmp_path)}
    done = cli("serve", "--host", "0.0.0.0", "--port", "8999", env=env, timeout=60)
    assert done.returncode == 2
    assert "serving on 0.0.0.0 needs sign-in" in done.stderr and "no roles file" in done.stderr
    (tmp_path / "auth.toml").write_text(
        '[auth]\nredirect_uri = "x"\ncookie_secret = "short"\n', encoding="utf-8"
    )
    done = cli("serve", "--host", "0.0.0.0", "--auth", str(tmp_path / "auth.toml"), env=env, timeout=60)
    assert (
        done.returncode == 2
        and "cookie_secret is shorter" in done.stderr
        and "names no identity provider" in done.stderr
        and "may be read by other accounts" in done.stderr
    )


def test_the_review_queue_from_the_command_line(
    cli: CliRunner, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    from explorer.curation import facts
    from explorer.curation.actors import Actor
    from explorer.curation.requests import Retire

    proposal = facts.submit(
        seeded_db, settings, Actor("rita", "reader"), Retire("entity:bio-japan"), reason="dissolved"
    )
    listed = cli("review", "list").stdout
    assert f"#{proposal.id}" in listed and "Retire Bio Japan (Cluster, Japan) and all its links" in listed
    done = cli("review", "reject", str(proposal.id), "--reason", "still active", "--format", "json")
    assert json.loads(done.stdout)["action"] == "reject"
