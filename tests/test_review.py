"""The review queue: a batch of proposed facts from one source, accepted (possibly edited) or
rejected one by one or all at once, every decision recorded."""

from __future__ import annotations

import neo4j
import pytest

from explorer.config import Settings
from explorer.curation import facts, history, review
from explorer.curation.actors import Actor
from explorer.curation.requests import AddEntity, AddTie, EditEntity
from explorer.errors import InvalidInput, NotAllowed
from explorer.model.facts import tie_key
from explorer.views.details import entity_details
from tests.conftest import count

EDITOR = Actor("eve@example.org", "editor")
READER = Actor("rita@example.org", "reader")
ARTICLE = facts.Citation(new=facts.NewSource("Nice-Matin, 2 December", publisher="Nice-Matin"))


def article_batch(driver: neo4j.Driver, settings: Settings) -> review.Proposal:
    return review.propose(
        driver,
        settings,
        EDITOR,
        origin="article",
        citation=ARTICLE,
        title="Nice-Matin, 2 December",
        items=[
            review.Proposed(
                AddEntity("Company", "Gamma Therapeutics", country="FR"),
                ref="e1",
                paragraph=2,
                quote="Gamma Therapeutics, a Nice start-up...",
            ),
            review.Proposed(AddEntity("Cluster", "Eurobiomed"), ref="e2", match="eurobiomed", paragraph=2),
            review.Proposed(AddEntity("Person", "Jane Roe"), ref="e3", paragraph=4),
            review.Proposed(AddTie("e1", "MEMBER_OF", "e2"), paragraph=2, quote="Gamma joins Eurobiomed."),
            review.Proposed(
                AddTie("e1", "LEADS", "e3", status="active"), paragraph=4, quote="Jane Roe leads Gamma."
            ),
        ],
    )


def test_a_proposal_changes_nothing_until_accepted(seeded_db: neo4j.Driver, settings: Settings) -> None:
    entities = count(seeded_db, settings, "MATCH (n:Entity) RETURN count(n)")
    proposal = article_batch(seeded_db, settings)
    assert [i.state for i in proposal.items] == ["open"] * 5
    assert count(seeded_db, settings, "MATCH (n:Entity) RETURN count(n)") == entities
    (queued,) = review.open_proposals(seeded_db, settings)
    assert queued.id == proposal.id and queued.source and len(queued.open_items) == 5


def test_a_tie_accepted_alone_brings_its_new_end_and_cites_the_sentence(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    proposal = article_batch(seeded_db, settings)
    change = review.accept(seeded_db, settings, EDITOR, proposal.id, [4])
    tie = facts.read_fact(seeded_db, settings, tie_key("gamma-therapeutics", "MEMBER_OF", "eurobiomed"))
    assert tie.live and tie.props["quote"] == "Gamma joins Eurobiomed." and tie.props["paragraph"] == 2
    assert tie.props["source"] == proposal.source
    assert set(change.proposal) == {f"{proposal.id}#1", f"{proposal.id}#2", f"{proposal.id}#4"}
    assert change.suggested_by == EDITOR.name
    left = review.get_proposal(seeded_db, settings, proposal.id).open_items
    assert [i.n for i in left] == [3, 5]


def test_a_reviewer_edits_type_and_direction_while_accepting(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    proposal = article_batch(seeded_db, settings)
    review.accept(
        seeded_db,
        settings,
        EDITOR,
        proposal.id,
        [5],
        decisions={5: review.Decision(reverse=True, set={"status": "planned"})},
    )
    details = entity_details(seeded_db, settings, "jane-roe")
    (fact,) = details.facts
    assert (fact.tie.start, fact.tie.type, fact.tie.end) == ("jane-roe", "LEADS", "gamma-therapeutics")
    assert fact.tie.status == "planned"


def test_a_bad_item_writes_nothing_and_says_which(seeded_db: neo4j.Driver, settings: Settings) -> None:
    proposal = article_batch(seeded_db, settings)
    before = count(seeded_db, settings)
    with pytest.raises(InvalidInput, match=r"#5: LEADS goes from Person"):
        review.accept(seeded_db, settings, EDITOR, proposal.id)
    assert count(seeded_db, settings) == before


def test_rejections_say_why_and_are_recorded(seeded_db: neo4j.Driver, settings: Settings) -> None:
    proposal = article_batch(seeded_db, settings)
    with pytest.raises(InvalidInput, match="reason is required"):
        review.reject(seeded_db, settings, EDITOR, proposal.id, [3], reason="")
    change = review.reject(seeded_db, settings, EDITOR, proposal.id, [3, 5], reason="not in the article")
    assert change.action == "reject" and change.reason == "not in the article"
    with pytest.raises(InvalidInput, match="rejected already"):
        review.accept(seeded_db, settings, EDITOR, proposal.id, [3])
    actions = [
        c.action for c in history.changes(seeded_db, settings, history.Filters(actions=("propose", "reject")))
    ]
    assert actions == ["reject", "propose"]


def test_a_readers_suggestion_waits_for_an_editor(seeded_db: neo4j.Driver, settings: Settings) -> None:
    opened = facts.read_fact(seeded_db, settings, "entity:biocom").version
    suggestion = facts.submit(
        seeded_db,
        settings,
        READER,
        EditEntity("biocom", {"members": 900}, version=opened),
        reason="their site says 900",
    )
    assert isinstance(suggestion, review.Proposal)
    with pytest.raises(NotAllowed):
        review.accept(seeded_db, settings, READER, suggestion.id)
    with pytest.raises(NotAllowed):
        review.propose(
            seeded_db,
            settings,
            READER,
            [review.Proposed(AddEntity("Company", "X"), ref="x")],
            origin="article",
        )
    change = review.accept(seeded_db, settings, EDITOR, suggestion.id)
    assert facts.read_fact(seeded_db, settings, "entity:biocom").props["members"] == 900
    assert change.reason == "their site says 900" and change.suggested_by == READER.name
