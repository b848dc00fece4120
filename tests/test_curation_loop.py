"""The curation loop as people use it: suggestions become edits of what the map holds, reviewers
correct any field, acceptances are undone item by item, loads are undone, and every record of
the history reads as a sentence in both languages."""

from __future__ import annotations

import json

import neo4j
import pytest

from explorer import model
from explorer.config import Settings
from explorer.curation import facts, history, review
from explorer.curation.actors import Actor
from explorer.curation.describe import describe
from explorer.curation.names import item_texts, names_for
from explorer.curation.requests import AddEntity, AddTie, EditTie, Retire
from explorer.curation.store import in_transaction
from explorer.errors import InvalidInput, UndoRefused
from explorer.model.changes import Change
from explorer.model.facts import tie_key
from tests.builders import ingest_article, load_graph, node
from tests.conftest import count

ADMIN = Actor("ada@example.org", "admin")
EDITOR = Actor("eve@example.org", "editor")
READER = Actor("rita@example.org", "reader")
NOTE = facts.Citation(new=facts.NewSource("Board minutes, December"))


def batch(driver: neo4j.Driver, settings: Settings) -> review.Proposal:
    """An article's batch: a new company, a tie to it from a new person, its membership."""
    return review.propose(
        driver,
        settings,
        EDITOR,
        [
            review.Proposed(AddEntity("Company", "Helixia Therapeutics"), ref="helixia"),
            review.Proposed(AddEntity("Person", "Anna Berg"), ref="anna"),
            review.Proposed(AddTie("anna", "LEADS", "helixia", properties={"role": "CTO"}), quote="Anna..."),
            review.Proposed(AddTie("helixia", "MEMBER_OF", "biocom", since=2009), quote="Founded in 2009."),
        ],
        citation=NOTE,
        origin="article",
        title="Helixia joins Biocom",
    )


def test_a_proposal_never_breaks_the_history_on_any_face(seeded_db: neo4j.Driver, settings: Settings) -> None:
    facts.submit(seeded_db, settings, READER, Retire("entity:bio-japan"), reason="dissolved")
    batch(seeded_db, settings)
    found = history.changes(seeded_db, settings)
    for lang in ("en", "fr"):
        names = names_for(seeded_db, settings, found, lang)
        sentences = [describe(c, lang, names).sentence for c in found]
        assert all(s and "{" not in s for s in sentences)
        assert history.to_csv(found, names, lang).count("\n") >= len(found) + 1
    names = names_for(seeded_db, settings, found, "en")
    assert (
        describe(found[0], "en", names).sentence == "Proposed 4 changes for review (“Helixia joins Biocom”)."
    )
    assert describe(found[1], "en", names).sentence == (
        "Suggested for review: Retire Bio Japan (Cluster, Japan) and all its links."
    )


def test_records_from_earlier_releases_still_read(seeded_db: neo4j.Driver, settings: Settings) -> None:
    """A proposal recorded with a count of items (the record that used to crash every face), and
    items stored before they were typed."""

    def work(store):  # type: ignore[no-untyped-def]
        change = store.append(
            Change(
                0, "2026-12-01T10:00:00Z", "old", "editor", "propose", details={"items": 2, "entities": []}
            )
        )
        store.run("CREATE (p:Proposal) SET p = $p", p={"id": change.id, "at": change.at, "who": "old"})
        payloads = [
            ("tie", {"start": "neuroservices", "type": "MEMBER_OF", "end": "biocom", "status": "planned"}),
            ("retire", {"fact": "entity:bio-japan", "reason": "gone"}),
            ("tie", {"start": "x"}),  # broken beyond reading
        ]
        rows = [
            {"key": f"{change.id}#{n}", "proposal": change.id, "n": n, "what": w, "state": "open",
             "payload": json.dumps(p)}
            for n, (w, p) in enumerate(payloads, start=1)
        ]  # fmt: skip
        store.run("UNWIND $rows AS r CREATE (i:Proposed) SET i = r", rows=rows)
        return change

    old = in_transaction(seeded_db, settings, work)
    (latest,) = history.changes(seeded_db, settings, limit=1)
    assert describe(latest, "fr", names_for(seeded_db, settings, [latest], "fr")).sentence == (
        "Proposition de 2 modifications à relire."
    )
    proposal = review.get_proposal(seeded_db, settings, old.id)
    texts = item_texts(seeded_db, settings, [proposal], "en")
    assert texts[f"{old.id}#1"] == "Add: Neuroservices is a member of Biocom (planned)"
    assert texts[f"{old.id}#2"].startswith("Retire Bio Japan")
    assert "cannot be read" in texts[f"{old.id}#3"]
    with pytest.raises(InvalidInput, match="cannot be read"):
        review.accept(seeded_db, settings, EDITOR, old.id, [3])
    review.reject(seeded_db, settings, EDITOR, old.id, [3], reason="unreadable")


def test_an_edit_names_what_changed_and_the_source_by_its_title(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    facts.submit(
        seeded_db,
        settings,
        EDITOR,
        EditTie("abreos-biosciences", "SUBSIDIARY_IN", "marseille", {"status": "active", "since": 2025}),
        reason="opened",
    )
    (change,) = history.changes(seeded_db, settings, limit=1)
    for lang, said in (
        ("en", "Changed Abreos Biosciences has a subsidiary in Marseille (planned): since: — → 2025; "
               "status: planned → active."),
        ("fr", "Modification : Abreos Biosciences a une filiale à Marseille (prévu) : depuis : — → 2025 ; "
               "statut : prévu → en cours."),
    ):  # fmt: skip
        assert describe(change, lang, names_for(seeded_db, settings, [change], lang)).sentence == said


def test_history_filters_by_a_range_of_days(seeded_db: neo4j.Driver, settings: Settings) -> None:
    (load,) = history.changes(seeded_db, settings)
    day = load.at[:10]
    assert history.changes(seeded_db, settings, history.Filters(since=day, until=day)) == [load]
    assert history.changes(seeded_db, settings, history.Filters(until="2000-01-01")) == []
    with pytest.raises(Exception, match="before --since"):
        history.changes(seeded_db, settings, history.Filters(since=day, until="2000-01-01"))


def test_a_suggested_tie_the_map_holds_becomes_an_edit_of_it(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    opened = AddTie("abreos-biosciences", "SUBSIDIARY_IN", "marseille", status="active", citation=NOTE)
    proposal = facts.submit(seeded_db, settings, READER, opened, reason="it opened")
    assert isinstance(proposal, review.Proposal)
    (item,) = proposal.items
    assert isinstance(item.request, EditTie) and dict(item.request.changes) == {"status": "active"}
    assert item_texts(seeded_db, settings, [proposal])[item.key] == (
        "Change Abreos Biosciences has a subsidiary in Marseille (planned): status: planned → active"
    )
    same = AddTie("abreos-biosciences", "SUBSIDIARY_IN", "marseille", status="planned", citation=NOTE)
    with pytest.raises(InvalidInput, match="in the graph already"):
        facts.submit(seeded_db, settings, READER, same)
    review.accept(seeded_db, settings, EDITOR, proposal.id)
    tie = facts.read_fact(seeded_db, settings, tie_key("abreos-biosciences", "SUBSIDIARY_IN", "marseille"))
    assert tie.props["status"] == "active"


def test_an_article_confirming_a_planned_fact_proposes_its_edit(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    text = "Abreos Biosciences a ouvert sa filiale à Marseille en 2025."
    done = ingest_article(seeded_db, settings, EDITOR, text, lang="fr")
    assert done.ties == [] and len(done.edits) == 1
    (edit,) = done.edits
    assert isinstance(edit.request, EditTie) and edit.request.changes["status"] == "active"
    assert done.proposal is not None
    review.accept(seeded_db, settings, EDITOR, done.proposal.id, reason="the article says it is open")
    tie = facts.read_fact(seeded_db, settings, tie_key("abreos-biosciences", "SUBSIDIARY_IN", "marseille"))
    assert tie.props["status"] == "active" and tie.props["source"] == done.proposal.source


def test_a_reviewer_corrects_a_year_a_country_a_role_and_an_end(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    proposal = batch(seeded_db, settings)
    decisions = {
        1: review.Decision(set={"country": "US", "aliases": ["Helixia"]}),
        3: review.Decision(set={"role": "CEO"}),
        4: review.Decision(set={"since": None}, end="eurobiomed"),
    }
    review.accept(seeded_db, settings, EDITOR, proposal.id, decisions=decisions)
    company = facts.read_fact(seeded_db, settings, "entity:helixia-therapeutics")
    assert company.props["country"] == "US" and company.props["aliases"] == ["Helixia"]
    leads = facts.read_fact(seeded_db, settings, tie_key("anna-berg", "LEADS", "helixia-therapeutics"))
    assert leads.props["role"] == "CEO"
    member = facts.read_fact(seeded_db, settings, tie_key("helixia-therapeutics", "MEMBER_OF", "eurobiomed"))
    assert member.live and "since" not in member.props
    assert not facts.read_fact(
        seeded_db, settings, tie_key("helixia-therapeutics", "MEMBER_OF", "biocom")
    ).live


def test_a_wrong_end_can_be_made_a_new_entity(seeded_db: neo4j.Driver, settings: Settings) -> None:
    proposal = batch(seeded_db, settings)
    new_end = review.NewEnd("Helixia Labs", "Institute", "SE")
    review.accept(
        seeded_db, settings, EDITOR, proposal.id, [3], decisions={3: review.Decision(new_end=new_end)}
    )
    labs = facts.read_fact(seeded_db, settings, "entity:helixia-labs")
    assert labs.kind == "Institute" and labs.props["country"] == "SE"
    assert facts.read_fact(seeded_db, settings, tie_key("anna-berg", "LEADS", "helixia-labs")).live
    assert [i.n for i in review.get_proposal(seeded_db, settings, proposal.id).open_items] == [1, 4]


def test_an_acceptance_is_undone_item_by_item_and_the_items_wait_again(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    proposal = batch(seeded_db, settings)
    before = count(seeded_db, settings, "MATCH ()-[r]->() RETURN count(r)")
    change = review.accept(seeded_db, settings, EDITOR, proposal.id)
    member = tie_key("helixia-therapeutics", "MEMBER_OF", "biocom")
    facts.undo(seeded_db, settings, EDITOR, change.id, items=[f"{proposal.id}#4"])
    assert not facts.read_fact(seeded_db, settings, member).live
    assert facts.read_fact(seeded_db, settings, "entity:helixia-therapeutics").live
    assert [i.n for i in review.get_proposal(seeded_db, settings, proposal.id).open_items] == [4]
    with pytest.raises(UndoRefused, match="no longer accepted"):
        facts.undo(seeded_db, settings, EDITOR, change.id, items=["4"])
    review.accept(
        seeded_db, settings, EDITOR, proposal.id, [4], decisions={4: review.Decision(set={"since": 2019})}
    )
    assert facts.read_fact(seeded_db, settings, member).props["since"] == 2019
    later = history.changes(seeded_db, settings, limit=1)[0]
    facts.undo(seeded_db, settings, EDITOR, later.id)
    facts.undo(seeded_db, settings, EDITOR, change.id)  # what is left of the first acceptance
    assert count(seeded_db, settings, "MATCH ()-[r]->() RETURN count(r)") == before
    assert len(review.get_proposal(seeded_db, settings, proposal.id).open_items) == 4


def test_undoing_a_load_restores_what_it_changed(
    seeded_db: neo4j.Driver, settings: Settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    def snapshot() -> list[dict]:  # type: ignore[type-arg]
        rows = seeded_db.execute_query(
            "MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, "
            "[k IN keys(n) WHERE NOT k IN $book | [k, n[k]]] AS p "
            "ORDER BY id",
            book=sorted(model.BOOKKEEPING),
            database_=settings.database,
        ).records
        return [{**dict(r), "p": sorted(r["p"])} for r in rows]

    before = snapshot()
    load_graph(
        seeded_db,
        settings,
        tmp_path / "more",
        [node("biocom", "Cluster", "Biocom", members=900), node("gamma", "Company", "Gamma")],
        [],
    )
    assert snapshot() != before
    (load, *_) = history.changes(seeded_db, settings, history.Filters(actions=("load",)))
    facts.undo(seeded_db, settings, ADMIN, load.id)
    assert snapshot() == before
    (undo,) = history.changes(seeded_db, settings, limit=1)
    said = describe(undo, "en", names_for(seeded_db, settings, [undo])).sentence
    assert said.startswith(f"Undid load #{load.id}: ") and "1 fact brought back" in said
