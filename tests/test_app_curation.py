"""Changing facts from the pages: the panel's forms and history, /history and /review, sign-in
and roles; a reader's session cannot write, whatever it forges."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest
from streamlit.testing.v1 import AppTest

from explorer.config import Settings
from explorer.curation import facts, history, review
from explorer.curation.actors import Actor
from tests.app_helpers import MAIN, TIMEOUT, open_page, texts, unescape
from tests.conftest import count

ROLES = 'unknown = "reader"\n[people]\n"eve@example.org" = "editor"\n[groups]\n"atlas-admins" = "admin"\n'


@pytest.fixture
def local(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPLORER_ACCESS", "local")


@pytest.fixture
def signed_in(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    roles = tmp_path / "roles.toml"
    roles.write_text(ROLES, encoding="utf-8")
    monkeypatch.setenv("EXPLORER_ACCESS", "sign-in")
    monkeypatch.setenv("EXPLORER_ROLES", str(roles))


def as_user(email: str, **claims: object) -> AppTest:
    at = AppTest.from_file(str(MAIN), default_timeout=TIMEOUT)
    at.user = {"email": email, "is_logged_in": True, **claims}
    at.query_params.update({"focus": "biocom"})
    return at.run()


def test_the_local_admin_edits_an_entity_from_its_panel(
    local: None, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    at = open_page(focus="biocom")
    assert "Changes are signed" in texts(at)
    at.text_input(key="details.entity.biocom.name").input("Biocom California")
    at.text_input(key="details.entity.biocom.reason").input("its new name")
    at.button(key="details.entity.biocom.save").click().run()
    assert "Saved as change" in texts(at)
    (change,) = history.changes(seeded_db, settings, history.Filters(actions=("edit",)))
    assert change.reason == "its new name" and change.after[0].props["name"] == "Biocom California"


def test_a_change_message_stays_beside_its_form_until_another_place_opens(
    local: None, seeded_db: neo4j.Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    from explorer.app import changes

    at = open_page(focus="biocom")
    at.text_input(key="details.entity.biocom.name").input("Biocom California")
    at.text_input(key="details.entity.biocom.reason").input("its new name")
    at.button(key="details.entity.biocom.save").click().run()
    assert "Saved as change" in texts(at)
    # Reruns the drawing causes, however slow they come, keep the message...
    later = changes.time.monotonic() + 120
    monkeypatch.setattr(changes.time, "monotonic", lambda: later)
    assert "Saved as change" in texts(at.run()) and "Saved as change" in texts(at.run())
    # ...until the reader opens another entity's panel (a click in the drawing selects it):
    # the message was about Biocom, and does not come back with Biocom's panel.
    at.session_state["net.selected"] = "eurobiomed"
    assert "Saved as change" not in texts(at.run())
    at.session_state["net.selected"] = "biocom"
    assert "Saved as change" not in texts(at.run())


def test_an_entity_added_from_the_sidebar_opens_with_the_change_message(
    local: None, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    at = open_page()
    labels = {w.label: w for w in at.sidebar.text_input}
    labels["Name"].input("Gamma Therapeutics")
    labels["Country (code or name)"].input("France")
    labels["Why (required to edit, retire or merge)"].input("met them at a fair")
    next(b for b in at.sidebar.button if b.label == "Save").click().run()
    shown = texts(at)
    assert "Saved as change" in shown and "Gamma Therapeutics" in shown
    assert at.session_state["net.focus"] == "gamma-therapeutics"
    assert "Saved as change" in texts(at.run())  # the reruns after it keep the message
    assert facts.read_fact(seeded_db, settings, "entity:gamma-therapeutics").props["country"] == "FR"


def test_a_stale_form_is_refused_with_both_versions(
    local: None, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    at = open_page(focus="biocom")  # the panel opens Biocom at its version now
    facts.edit_entity(seeded_db, settings, Actor("eve", "editor"), "biocom", {"members": 900}, reason="count")
    at.text_input(key="details.entity.biocom.name").input("Biocom SD")
    at.text_input(key="details.entity.biocom.reason").input("rename")
    at.button(key="details.entity.biocom.save").click().run()
    shown = texts(at)
    assert "was changed by eve at" in shown and "since you opened it" in shown
    assert facts.read_fact(seeded_db, settings, "entity:biocom").props["name"] == "Biocom"


def test_nothing_shows_before_sign_in(signed_in: None, seeded_db: neo4j.Driver) -> None:
    at = AppTest.from_file(str(MAIN), default_timeout=TIMEOUT)
    at.user = {"is_logged_in": False}
    at.run()
    assert "Sign in to open Cluster Atlas" in texts(at)
    assert "The network" not in texts(at) and [b.label for b in at.button] == ["Sign in"]


def test_a_reader_suggests_and_cannot_write_by_forging(
    signed_in: None, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    at = AppTest.from_file(str(MAIN), default_timeout=TIMEOUT)
    at.user = {"email": "rita@example.org", "is_logged_in": True, "groups": ["readers"]}
    at.query_params.update({"focus": "biocom", "role": "admin", "as": "eve@example.org"})
    at.session_state["atlas.actor"] = Actor("eve@example.org", "admin")  # forged: never read
    at.run()
    shown = texts(at)
    assert "Signed in as **rita@example.org** (reader)" in unescape(shown)
    assert not [b for b in at.button if b.label == "Merge"]
    edits = count(seeded_db, settings, "MATCH (c:Change) WHERE c.action <> 'load' RETURN count(c)")
    at.selectbox(key="details.retire.biocom.what").set_value("entity:biocom")
    at.text_input(key="details.retire.biocom.reason").input("it closed")
    at.button(key="details.retire.biocom.go").click().run()
    assert "Sent to the review queue" in texts(at)
    assert count(seeded_db, settings, "MATCH (n:Entity {id: 'biocom'}) RETURN count(n)") == 1
    (proposal,) = review.open_proposals(seeded_db, settings)
    assert proposal.who == "rita@example.org" and proposal.items[0].what == "retire"
    assert (
        count(seeded_db, settings, "MATCH (c:Change) WHERE c.action <> 'load' RETURN count(c)") == edits + 1
    )


def test_an_editor_by_email_and_an_admin_by_group(signed_in: None, seeded_db: neo4j.Driver) -> None:
    editor = as_user("eve@example.org")
    assert "(editor)" in unescape(texts(editor)) and not [b for b in editor.button if b.label == "Merge"]
    admin = as_user("ada@example.org", groups=["atlas-admins"])
    assert "(admin)" in unescape(texts(admin)) and [b for b in admin.button if b.label == "Merge"]


def test_the_history_page_filters_exports_and_undoes(
    local: None, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    import getpass

    me = Actor(getpass.getuser(), "admin")
    change = facts.retire(
        seeded_db, settings, me, "tie:bruno-buisson|BOARD_SEAT|biocom", reason="left the board"
    )
    at = open_page("history", action="retire")
    assert "~~bruno-buisson -BOARD_SEAT-> biocom~~" in unescape(texts(at))
    assert "left the board" in texts(at)
    at.button(key=f"history.undo.{change.id}").click().run()
    assert "Saved as change" in texts(at)
    assert facts.read_fact(seeded_db, settings, "tie:bruno-buisson|BOARD_SEAT|biocom").live


def test_the_review_page_accepts_an_item(local: None, seeded_db: neo4j.Driver, settings: Settings) -> None:
    proposal = review.propose(
        seeded_db,
        settings,
        Actor("rita", "reader"),
        changes=[review.ProposedChange("edit", "entity:biocom", {"members": 999}, reason="their site")],
    )
    at = open_page("review")
    assert "A reader's suggestion" in texts(at) and "members → 999" in texts(at)
    at.button(key=f"review.{proposal.id}#1.accept").click().run()
    assert facts.read_fact(seeded_db, settings, "entity:biocom").props["members"] == 999
    assert "Nothing waits for review" in texts(at)


def test_every_curation_message_is_in_both_languages() -> None:
    from explorer import i18n
    from explorer.i18n import curation
    from explorer.i18n import history as history_messages
    from explorer.i18n import review as review_messages

    for table in (curation.MESSAGES, history_messages.MESSAGES, review_messages.MESSAGES):
        for key, (en, fr) in table.items():
            assert en.strip() and fr.strip() and i18n.fields_of(en) == i18n.fields_of(fr), key
