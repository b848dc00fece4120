"""Changing facts from the pages: the panel's forms (empty again after each change, a confirmation
before an entity goes) and history, /history and /review, sign-in and roles; a reader's session
cannot write, whatever it forges; every record renders in both languages."""

from __future__ import annotations

import datetime as dt
import getpass
from pathlib import Path
from typing import Any

import neo4j
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from explorer.config import Settings
from explorer.curation import facts, history, review
from explorer.curation.actors import Actor
from explorer.curation.requests import AddEntity, AddTie, EditEntity, EditTie
from tests.app_helpers import MAIN, TIMEOUT, clean, links_to_review, open_page, texts, unescape
from tests.builders import ingest_article
from tests.conftest import count

ROLES = 'unknown = "reader"\n[people]\n"eve@example.org" = "editor"\n[groups]\n"atlas-admins" = "admin"\n'
RITA, EVE = Actor("rita@example.org", "reader"), Actor("eve@example.org", "editor")
ARTICLE = (
    "Vexalis rejoint Eurobiomed\n\nLa medtech niçoise Vexalis devient membre du pôle Eurobiomed "
    "depuis 2024. Elle est soutenue par le cluster Biocom.\n"
)
BOARD = "tie:bruno-buisson|BOARD_SEAT|biocom"
ME = Actor(getpass.getuser(), "admin")  # the local explorer's user


@pytest.fixture
def local(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPLORER_ACCESS", "local")


@pytest.fixture
def signed_in(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    roles = tmp_path / "roles.toml"
    roles.write_text(ROLES, encoding="utf-8")
    monkeypatch.setenv("EXPLORER_ACCESS", "sign-in")
    monkeypatch.setenv("EXPLORER_ROLES", str(roles))


def as_user(email: str, page: str | None = None, **claims: object) -> AppTest:
    at = AppTest.from_file(str(MAIN), default_timeout=TIMEOUT)
    at.user = {"sub": email, "email": email, "email_verified": True, "is_logged_in": True, **claims}
    at.query_params.update({"focus": "biocom"})
    at.run()
    return at.switch_page(f"views/{page}.py").run() if page else at


def test_the_local_admin_edits_an_entity_from_its_panel(
    local: None, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    at = open_page(focus="biocom")
    assert "Changes are signed" in texts(at)
    at.text_input(key="details.entity.biocom.0.name").input("Biocom California")
    at.text_input(key="details.entity.biocom.0.reason").input("its new name")
    at.button(key="details.entity.biocom.0.save").click().run()
    assert "Saved as change" in texts(at) and "name: Biocom → Biocom California" in clean(at)
    (change,) = history.changes(seeded_db, settings, history.Filters(actions=("edit",)))
    assert change.reason == "its new name" and change.after[0].props["name"] == "Biocom California"
    assert at.text_input(key="details.entity.biocom.1.reason").value == ""  # the reason is not kept


def test_a_change_message_stays_beside_its_form_until_another_place_opens(
    local: None, seeded_db: neo4j.Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    from explorer.app import changes

    at = open_page(focus="biocom")
    at.text_input(key="details.entity.biocom.0.name").input("Biocom California")
    at.text_input(key="details.entity.biocom.0.reason").input("its new name")
    at.button(key="details.entity.biocom.0.save").click().run()
    assert "Saved as change" in texts(at)
    later = changes.time.monotonic() + 120  # reruns the drawing causes keep the message...
    monkeypatch.setattr(changes.time, "monotonic", lambda: later)
    assert "Saved as change" in texts(at.run()) and "Saved as change" in texts(at.run())
    at.session_state["net.selected"] = "eurobiomed"  # ...until another entity's panel opens
    assert "Saved as change" not in texts(at.run())
    at.session_state["net.selected"] = "biocom"
    assert "Saved as change" not in texts(at.run())


def test_an_entity_added_from_the_top_of_the_network_opens_with_its_message(
    local: None, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    at = open_page()
    assert not [w for w in at.sidebar.text_input if w.label == "Name"]  # not under the filters
    at.button_group[0].set_value("entity").run()
    at.text_input(key="add-entity.0.name").input("Gamma Therapeutics")
    at.selectbox(key="add-entity.0.kind").set_value("Company")
    at.text_input(key="add-entity.0.country").input("France")
    at.button(key="add-entity.0.go").click().run()
    shown = clean(at)
    assert "Saved as change" in shown and "Gamma Therapeutics" in shown
    assert at.session_state["net.focus"] == "gamma-therapeutics"
    assert at.text_input(key="add-entity.1.name").value == ""  # the form is empty again
    assert facts.read_fact(seeded_db, settings, "entity:gamma-therapeutics").props["country"] == "FR"


def test_a_link_is_added_between_two_entities_found_by_name(
    local: None, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    at = open_page(focus="eurobiomed")
    at.button(key="details.add.link").click().run()  # from the panel: the link starts there
    assert at.text_input(key="add-tie.0.start.text").value == "eurobiomed"
    at.selectbox(key="add-tie.0.type").set_value("PARTNER_OF").run()
    at.text_input(key="add-tie.0.end.text").input("bio japan").run()
    at.text_input(key="add-tie.0.since").input("2015")
    at.text_input(key="add-tie.0.kind").input("twinning")
    at.selectbox(key="add-tie.0.cite.source").set_value("\x00new").run()
    at.text_input(key="add-tie.0.cite.title").input("Our minutes")
    at.button(key="add-tie.0.go").click().run()
    assert "Saved as change" in clean(at)
    tie = facts.read_fact(seeded_db, settings, "tie:bio-japan|PARTNER_OF|eurobiomed")
    assert tie.props["since"] == 2015 and tie.props["kind"] == "twinning" and "until" not in tie.props
    assert at.text_input(key="add-tie.1.end.text").value == ""


def test_a_link_is_changed_from_the_panel_and_its_form_starts_again(
    local: None, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    at = open_page(focus="biocom")
    form = f"details.tie.{BOARD}.0"  # the first link listed: Bruno Buisson's board seat
    assert at.text_input(key=f"{form}.since").value == ""  # no date: empty, not 0
    at.selectbox(key=f"{form}.status").set_value("planned")
    at.text_input(key=f"{form}.role").input("Chair")
    at.text_input(key=f"{form}.until").input("mars 2030")
    at.text_input(key=f"{form}.reason").input("the minutes say so")
    at.button(key=f"{form}.save").click().run()
    assert "status: active → planned" in clean(at) and "role:" in clean(at)
    board = facts.read_fact(seeded_db, settings, BOARD).props
    assert board["status"] == "planned" and board["role"] == "Chair" and board["until"] == "2030-03"
    assert board["on_behalf_of"] == "eurobiomed"  # shown by name, kept as it was
    assert at.text_input(key=f"details.tie.{BOARD}.1.reason").value == ""


def test_a_reader_suggests_an_entity_from_the_top_of_the_network(
    signed_in: None, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    at = as_user("rita@example.org")
    at.button_group[0].set_value("entity").run()
    at.text_input(key="add-entity.0.name").input("Gamma Therapeutics")
    at.selectbox(key="add-entity.0.kind").set_value("Company")
    at.button(key="add-entity.0.go").click().run()
    assert "Sent to the review queue as proposal #" in clean(at)
    assert at.text_input(key="add-entity.1.name").value == ""
    (proposal,) = review.open_proposals(seeded_db, settings)
    assert proposal.items[0].what == "add_entity" and proposal.who == "rita@example.org"
    assert count(seeded_db, settings, "MATCH (n:Entity {name: 'Gamma Therapeutics'}) RETURN count(n)") == 0


def test_the_retire_form_is_empty_after_retiring_a_link(
    local: None, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    at = open_page(focus="biocom")
    what = at.selectbox(key="details.retire.biocom.0.what")
    assert what.value is None and what.options[-1] == "The whole entity Biocom, with its 10 links"
    what.set_value(BOARD)
    at.text_input(key="details.retire.biocom.0.reason").input("left the board")
    at.button(key="details.retire.biocom.0.go").click().run()
    assert "Saved as change" in clean(at) and not facts.read_fact(seeded_db, settings, BOARD).live
    assert at.selectbox(key="details.retire.biocom.1.what").value is None
    assert at.text_input(key="details.retire.biocom.1.reason").value == ""
    assert facts.read_fact(seeded_db, settings, "entity:biocom").live


def test_merging_or_retiring_an_entity_asks_first_and_names_its_links(
    local: None, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    at = open_page(focus="biocom")
    at.text_input(key="details.merge.biocom.0.dup").input("bio japan")
    at.text_input(key="details.merge.biocom.0.reason").input("the same cluster")
    at.button(key="details.merge.biocom.0.go").click().run()
    assert "This merges **Bio Japan** into **Biocom**: its 2 links move" in clean(at)
    at.button(key="details.merge.biocom.0.no").click().run()  # cancelled: nothing merged
    assert facts.read_fact(seeded_db, settings, "entity:bio-japan").live
    at.selectbox(key="details.retire.biocom.0.what").set_value("entity:biocom")
    at.text_input(key="details.retire.biocom.0.reason").input("it closed")
    at.button(key="details.retire.biocom.0.go").click().run()
    shown = clean(at)
    assert "This retires **Biocom** and its" in shown and "sits on the board of Bruno Buisson" in shown
    assert facts.read_fact(seeded_db, settings, "entity:biocom").live  # nothing yet
    at.button(key="details.retire.biocom.0.yes").click().run()
    assert "Saved as change" in clean(at) and not facts.read_fact(seeded_db, settings, "entity:biocom").live
    assert not at.session_state["net.focus"]  # the view no longer shows what was retired


def test_a_stale_form_is_refused_with_both_versions(
    local: None, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    at = open_page(focus="biocom")  # the panel opens Biocom at its version now
    facts.edit_entity(seeded_db, settings, EVE, "biocom", {"members": 900}, reason="count")
    at.text_input(key="details.entity.biocom.0.name").input("Biocom SD")
    at.text_input(key="details.entity.biocom.0.reason").input("rename")
    at.button(key="details.entity.biocom.0.save").click().run()
    shown = texts(at)
    assert "was changed by eve@example.org at" in unescape(shown) and "since you opened it" in shown
    assert facts.read_fact(seeded_db, settings, "entity:biocom").props["name"] == "Biocom"
    assert at.text_input(key="details.entity.biocom.0.name").value == "Biocom SD"  # kept, to retry


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
    at.user = {
        "sub": "rita-1",
        "email": "rita@example.org",
        "email_verified": True,
        "is_logged_in": True,
        "groups": ["readers"],
    }
    at.query_params.update({"focus": "biocom", "role": "admin", "as": "eve@example.org"})
    at.session_state["atlas.actor"] = Actor("eve@example.org", "admin")  # forged: never read
    at.run()
    assert "Signed in as **rita@example.org** (reader)" in unescape(texts(at))
    assert not [b for b in at.button if b.label == "Merge"] and not links_to_review(at)
    edits = count(seeded_db, settings, "MATCH (c:Change) WHERE c.action <> 'load' RETURN count(c)")
    at.selectbox(key="details.retire.biocom.0.what").set_value("entity:biocom")
    at.text_input(key="details.retire.biocom.0.reason").input("it closed")
    at.button(key="details.retire.biocom.0.go").click().run()
    at.button(key="details.retire.biocom.0.yes").click().run()
    assert "Sent to the review queue as proposal #" in clean(at)
    assert count(seeded_db, settings, "MATCH (n:Entity {id: 'biocom'}) RETURN count(n)") == 1
    (proposal,) = review.open_proposals(seeded_db, settings)
    assert proposal.who == "rita@example.org" and proposal.items[0].what == "retire"
    after = count(seeded_db, settings, "MATCH (c:Change) WHERE c.action <> 'load' RETURN count(c)")
    assert after == edits + 1


def test_an_editor_by_email_and_an_admin_by_group(signed_in: None, seeded_db: neo4j.Driver) -> None:
    editor = as_user("eve@example.org")
    assert "(editor)" in unescape(texts(editor)) and not [b for b in editor.button if b.label == "Merge"]
    admin = as_user("ada@example.org", groups=["atlas-admins"])
    assert "(admin)" in unescape(texts(admin)) and [b for b in admin.button if b.label == "Merge"]


def test_editors_see_how_many_items_wait_for_review(
    signed_in: None, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    assert links_to_review(as_user("eve@example.org")) == ["Nothing to review"]
    facts.submit(seeded_db, settings, RITA, EditEntity("biocom", {"members": 999}), reason="their site")
    facts.submit(seeded_db, settings, RITA, EditEntity("eurobiomed", {"members": 400}), reason="site")
    assert links_to_review(as_user("eve@example.org", "history")) == ["2 items to review"]
    assert not links_to_review(as_user("rita@example.org"))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_record_renders_after_a_suggestion_and_an_article(
    local: None, seeded_db: neo4j.Driver, settings: Settings, lang: str
) -> None:
    tie = AddTie(
        "neuroservices",
        "MEMBER_OF",
        "biocom",
        since=2019,
        citation=facts.Citation(new=facts.NewSource("Site")),
    )
    facts.submit(seeded_db, settings, RITA, tie, reason="their site")
    ingest_article(seeded_db, settings, EVE, ARTICLE)
    facts.retire(seeded_db, settings, ME, BOARD, reason="left")
    shown = clean(open_page("history", lang=lang))
    said = {
        "en": (
            "Suggested for review: Add",
            "for review (“Vexalis rejoint Eurobiomed”)",
            "~~Bruno Buisson sits",
        ),
        "fr": (
            "Suggestion à relire : Ajouter",
            "à relire (« Vexalis rejoint Eurobiomed »)",
            "~~Bruno Buisson siège",
        ),
    }
    assert all(s in shown for s in said[lang]), shown
    for entity in ("biocom", "eurobiomed", "neuroservices"):  # every entity the proposals name
        at = open_page(focus=entity, lang=lang)
        clean(at)
        titles = [e.label for e in at.expander]
        assert ("Change these facts" if lang == "en" else "Modifier ces faits") in titles
        assert ("Export this view" if lang == "en" else "Exporter cette vue") in titles


def test_the_history_page_filters_by_url_exports_and_undoes(
    local: None, seeded_db: neo4j.Driver, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved: list[tuple[Any, Any]] = []
    keep = MemoryMediaFileStorage.load_and_get_id
    monkeypatch.setattr(
        MemoryMediaFileStorage,
        "load_and_get_id",
        lambda self, data, mimetype, kind, filename=None: (
            saved.append((filename, data)) or keep(self, data, mimetype, kind, filename)
        ),
    )
    change = facts.retire(seeded_db, settings, ME, BOARD, reason="left the board")
    facts.edit_entity(seeded_db, settings, EVE, "biocom", {"members": 900}, reason="their site")
    today = dt.date.today().isoformat()
    at = open_page("history", action="retire", since=today, until=today)
    shown = clean(at)
    assert "~~Bruno Buisson sits on the board of Biocom" in shown and "left the board" in shown
    assert "members" not in shown and at.date_input(key="history.until").value == dt.date.today()
    (csv,) = [data for name, data in saved if name == "cluster-atlas-history.csv"]
    text = csv.decode() if isinstance(csv, bytes) else csv
    assert "Retired Bruno Buisson sits on the board of Biocom" in text and "members" not in text
    assert "members: 850 → 900" in clean(open_page("history", who="eve", entity="Biocom"))
    assert "left the board" not in clean(open_page("history", who="eve"))
    assert "No change matches" in clean(open_page("history", since="2999-01-01"))
    at.button(key=f"history.undo.{change.id}").click().run()
    assert "undone by change" in clean(at) and facts.read_fact(seeded_db, settings, BOARD).live


def test_review_corrects_a_year_a_country_and_a_role_then_undoes_one_item(
    local: None, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    jane = AddEntity("Person", "Jane Roe", country="US")
    items = [
        review.Proposed(jane, ref="jane", quote="Jane Roe, CFO"),
        review.Proposed(
            AddTie("jane", "LEADS", "biocom", since=2001, properties={"role": "CFO"}), paragraph=2
        ),
        review.Proposed(AddEntity("Cluster", "BIOCOM"), ref="bc", match="biocom"),  # linked, not added
    ]
    citation = facts.Citation(new=facts.NewSource("An article"))
    proposal = review.propose(seeded_db, settings, EVE, items, citation=citation, origin="article")
    at = open_page("review")
    shown = clean(at)
    assert "Add Jane Roe (Person, United States)" in shown and "> Jane Roe, CFO" in shown
    n = proposal.id
    at.text_input(key=f"review.{n}#1.country").input("France")
    at.text_input(key=f"review.{n}#2.since").input("2019")
    at.text_input(key=f"review.{n}#2.role").input("CEO")
    at.button(key=f"review.{n}.all").click().run()
    assert "Saved as change" in clean(at) and "Nothing waits for review" in texts(at)
    person = facts.read_fact(seeded_db, settings, "entity:jane-roe")
    leads = facts.read_fact(seeded_db, settings, "tie:jane-roe|LEADS|biocom")
    assert person.props["country"] == "FR" and leads.props["since"] == 2019 and leads.props["role"] == "CEO"
    (accepted,) = history.changes(seeded_db, settings, history.Filters(actions=("accept",)))
    french = open_page("history", lang="fr")
    assert "rattaché à Biocom" in " ".join(french.selectbox(key=f"history.undo.{accepted.id}.item").options)
    clean(french)
    at = open_page("history")
    at.selectbox(key=f"history.undo.{accepted.id}.item").set_value(f"{n}#2").run()
    at.button(key=f"history.undo.{accepted.id}.one").click().run()
    assert "undone by change" in clean(at) and not facts.read_fact(seeded_db, settings, leads.key).live
    assert facts.read_fact(seeded_db, settings, "entity:jane-roe").live
    assert [i.n for i in review.open_proposals(seeded_db, settings)[0].open_items] == [2]


def test_the_review_page_accepts_an_edit_and_undoes_it(
    local: None, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    opened = EditTie("abreos-biosciences", "SUBSIDIARY_IN", "marseille", {"status": "active"})
    proposal = facts.submit(seeded_db, settings, RITA, opened, reason="it opened")
    at = open_page("review")
    assert "A reader's suggestion" in texts(at) and "status: planned → active" in clean(at)
    at.button(key=f"review.{proposal.id}#1.accept").click().run()
    tie = "tie:abreos-biosciences|SUBSIDIARY_IN|marseille"
    assert facts.read_fact(seeded_db, settings, tie).props["status"] == "active"
    assert "Nothing waits for review" in clean(at)
    (accepted,) = history.changes(seeded_db, settings, history.Filters(actions=("accept",)))
    at.button(key=f"review.recent.undo.{accepted.id}").click().run()
    assert facts.read_fact(seeded_db, settings, tie).props["status"] == "planned"
    assert "A reader's suggestion" in clean(at)  # back in the queue


def test_a_reader_sees_the_queue_read_only(
    signed_in: None, seeded_db: neo4j.Driver, settings: Settings
) -> None:
    facts.submit(seeded_db, settings, RITA, EditEntity("biocom", {"members": 999}), reason="their site")
    at = as_user("rita@example.org", "review")
    assert "members: 850 → 999" in clean(at) and "Only editors decide" in texts(at)
    assert not [b for b in at.button if b.label in ("Accept", "Reject")]


def test_every_curation_message_is_in_both_languages() -> None:
    from explorer import i18n
    from explorer.i18n import curation
    from explorer.i18n import history as history_messages
    from explorer.i18n import review as review_messages

    for table in (curation.MESSAGES, history_messages.MESSAGES, review_messages.MESSAGES):
        for key, (en, fr) in table.items():
            assert en.strip() and fr.strip() and i18n.fields_of(en) == i18n.fields_of(fr), key
