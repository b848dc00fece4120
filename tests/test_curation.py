"""Curation against the real database: every change signed, checked like a load, recorded, and
undone by a new change; retired facts leave every view and come back on undo."""

from __future__ import annotations

import threading

import neo4j
import pytest

from explorer import search
from explorer.config import Settings
from explorer.curation import facts, history
from explorer.curation.actors import Actor
from explorer.curation.describe import describe
from explorer.curation.names import names_for
from explorer.errors import EditConflict, InvalidInput, NotAllowed, UndoRefused
from explorer.introductions import paths
from explorer.model.facts import tie_key
from explorer.resolve import Resolver
from explorer.views import network
from explorer.views.details import entity_details
from tests.conftest import count

ADMIN = Actor("ada@example.org", "admin")
EDITOR = Actor("eve@example.org", "editor")
READER = Actor("rita@example.org", "reader")
ARTICLE = facts.Citation(
    new=facts.NewSource(
        "Les Echos: ACME joins Eurobiomed",
        publisher="Les Echos",
        date="2026-11-30",
        url="https://example.org/acme",
    ),
    paragraph=3,
    quote="ACME Bio joins the Eurobiomed cluster.",
)


def add_acme(driver: neo4j.Driver, settings: Settings, actor: Actor = EDITOR) -> None:
    facts.add_entity(driver, settings, actor, "Company", "ACME Bio", country="France", citation=ARTICLE)
    facts.add_tie(
        driver, settings, actor, "acme-bio", "MEMBER_OF", "eurobiomed", citation=ARTICLE, since=2026
    )


def test_an_added_company_and_tie_cite_their_new_source(seeded_db: neo4j.Driver, settings: Settings) -> None:
    add_acme(seeded_db, settings)
    details = entity_details(seeded_db, settings, "acme-bio")
    assert details.entity.country == "FR" and details.entity.properties["version"] == 1
    (fact,) = details.facts
    assert fact.tie.source == "source-les-echos-acme-joins-eurobiomed"
    assert fact.tie.properties["quote"] == "ACME Bio joins the Eurobiomed cluster."
    assert fact.tie.properties["paragraph"] == 3 and fact.tie.properties["changed_by"] == EDITOR.name
    source = count(seeded_db, settings, "MATCH (s:Source {publisher: 'Les Echos'}) RETURN count(s)")
    assert source == 1
    (latest, first) = history.changes(seeded_db, settings, history.Filters(entity="acme-bio"))[:2]
    assert (first.action, latest.action, latest.who) == ("add", "add", EDITOR.name)
    assert latest.source == "source-les-echos-acme-joins-eurobiomed"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda d, s: facts.add_entity(d, s, EDITOR, "Spaceship", "X"), "unknown kind 'Spaceship'"),
        (lambda d, s: facts.add_entity(d, s, EDITOR, "Company", "Y", country="Atlantis"), "unknown country"),
        (
            lambda d, s: facts.add_tie(
                d, s, EDITOR, "bruno-buisson", "MEMBER_OF", "biocom", citation=ARTICLE
            ),
            "MEMBER_OF goes from Cluster/Company/Institute to Cluster, not from Person 'bruno-buisson'",
        ),
        (
            lambda d, s: facts.add_tie(d, s, EDITOR, "biocom", "PARTNER_OF", "eurobiomed", citation=ARTICLE),
            "is in the graph already",
        ),
        (
            lambda d, s: facts.add_tie(d, s, EDITOR, "neuroservices", "RD_PARTNER", "biocom", citation=None),
            "must cite its source",
        ),
        (
            lambda d, s: facts.add_tie(
                d, s, EDITOR, "neuroservices", "RD_PARTNER", "biocom", citation=ARTICLE, since="soon"
            ),
            "since: 'soon' is not a date",
        ),
    ],
)
def test_bad_facts_are_refused_with_the_loaders_messages(
    seeded_db: neo4j.Driver, settings: Settings, call, message: str
) -> None:
    before = count(seeded_db, settings)
    with pytest.raises(InvalidInput, match=message):
        call(seeded_db, settings)
    assert count(seeded_db, settings) == before


def test_a_reader_cannot_write_through_any_function(seeded_db: neo4j.Driver, settings: Settings) -> None:
    before = count(seeded_db, settings)
    calls = [
        lambda: facts.add_entity(seeded_db, settings, READER, "Company", "Z"),
        lambda: facts.add_tie(
            seeded_db, settings, READER, "neuroservices", "RD_PARTNER", "biocom", citation=ARTICLE
        ),
        lambda: facts.edit_entity(seeded_db, settings, READER, "biocom", {"name": "X"}, reason="r"),
        lambda: facts.retire(seeded_db, settings, READER, "entity:biocom", reason="r"),
        lambda: facts.merge(seeded_db, settings, READER, "biocom", "bio-japan", reason="r"),
        lambda: facts.undo(seeded_db, settings, READER, 1),
        lambda: facts.merge(seeded_db, settings, EDITOR, "biocom", "bio-japan", reason="r"),
    ]
    for call in calls:
        with pytest.raises(NotAllowed):
            call()
    assert count(seeded_db, settings) == before


def test_saving_over_a_newer_version_is_refused_with_both_versions(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    add_acme(seeded_db, settings)
    key = tie_key("acme-bio", "MEMBER_OF", "eurobiomed")
    opened = facts.read_fact(seeded_db, settings, key).version
    facts.edit_tie(
        seeded_db,
        settings,
        ADMIN,
        "acme-bio",
        "MEMBER_OF",
        "eurobiomed",
        {"status": "planned"},
        reason="not yet signed",
        expected_version=opened,
    )
    with pytest.raises(EditConflict, match=r"changed by ada@example.org at .* since you opened it") as caught:
        facts.edit_tie(
            seeded_db,
            settings,
            EDITOR,
            "acme-bio",
            "MEMBER_OF",
            "eurobiomed",
            {"since": 2025},
            reason="typo",
            expected_version=opened,
        )
    assert caught.value.theirs["status"] == "planned" and caught.value.yours == {"since": 2025}
    assert facts.read_fact(seeded_db, settings, key).props["since"] == 2026


def test_two_editors_of_different_facts_never_block_each_other(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    errors: list[BaseException] = []

    def edit(entity_id: str, n: int) -> None:
        try:
            for i in range(n):
                facts.edit_entity(seeded_db, settings, EDITOR, entity_id, {"note": f"{i}"}, reason="busy")
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=edit, args=(e, 5)) for e in ("biocom", "eurobiomed", "bio-japan")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = [c.id for c in history.changes(seeded_db, settings, history.Filters(actions=("edit",)))]
    assert sorted(numbers) == list(range(min(numbers), min(numbers) + 15))
    assert history.verify(seeded_db, settings).ok


def test_a_retired_tie_leaves_every_view_and_comes_back_on_undo(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    key = tie_key("bruno-buisson", "BOARD_SEAT", "biocom")
    change = facts.retire(seeded_db, settings, EDITOR, key, reason="left the board")

    def seen() -> tuple[bool, bool, bool]:
        view = network.fetch_view(seeded_db, settings, network.View("bruno-buisson", 1))
        in_view = any(
            t.identity == ("bruno-buisson", "BOARD_SEAT", "biocom") for t in view.graph.rels.values()
        )
        found = paths.find_paths(seeded_db, settings, "bruno-buisson", "biocom", k=5, max_hops=1)
        direct = any(len(p.hops) == 1 and p.hops[0].tie.type == "BOARD_SEAT" for p in found.paths)
        details = entity_details(seeded_db, settings, "biocom")
        return in_view, direct, any(f.tie.type == "BOARD_SEAT" for f in details.facts)

    assert seen() == (False, False, False)
    (last, *_) = history.changes(seeded_db, settings)
    names = names_for(seeded_db, settings, [last])
    said = describe(last, "en", names).sentence
    assert said == "Retired Bruno Buisson sits on the board of Biocom on behalf of Eurobiomed."
    facts.undo(seeded_db, settings, EDITOR, change.id)
    assert seen() == (True, True, True)


def test_a_retired_entity_is_gone_with_its_ties_and_back_on_undo(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    entities, rels = (
        count(seeded_db, settings, "MATCH (n:Entity) RETURN count(n)"),
        count(seeded_db, settings, "MATCH ()-[r]->() RETURN count(r)"),
    )
    change = facts.retire(seeded_db, settings, EDITOR, "entity:neuroservices", reason="closed")
    assert search.find_entities(seeded_db, settings, "neuroservices") == []
    assert count(seeded_db, settings, "MATCH (n:Entity) RETURN count(n)") == entities - 1
    assert count(seeded_db, settings, "MATCH (n:Retired {id: 'neuroservices'})--() RETURN count(n)") == 0
    assert count(seeded_db, settings, "MATCH (t:RetiredTie) RETURN count(t)") == len(change.after) - 1
    facts.undo(seeded_db, settings, ADMIN, change.id, reason="reopened")
    assert count(seeded_db, settings, "MATCH (n:Entity) RETURN count(n)") == entities
    assert count(seeded_db, settings, "MATCH ()-[r]->() RETURN count(r)") == rels
    assert count(seeded_db, settings, "MATCH (t:RetiredTie) RETURN count(t)") == 0


def test_undo_is_refused_while_a_later_change_depends_on_it(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    first = facts.edit_entity(seeded_db, settings, EDITOR, "biocom", {"members": 900}, reason="new count")
    later = facts.edit_entity(seeded_db, settings, EDITOR, "biocom", {"members": 950}, reason="newer count")
    with pytest.raises(UndoRefused, match=rf"changed later by #{later.id} \(edit by eve") as caught:
        facts.undo(seeded_db, settings, EDITOR, first.id)
    assert caught.value.hint == f"undo #{later.id} first"
    facts.undo(seeded_db, settings, EDITOR, later.id)
    facts.undo(seeded_db, settings, EDITOR, first.id)
    assert facts.read_fact(seeded_db, settings, "entity:biocom").props["members"] == 850


def test_only_an_admin_undoes_someone_elses_change(seeded_db: neo4j.Driver, settings: Settings) -> None:
    change = facts.edit_entity(seeded_db, settings, ADMIN, "biocom", {"members": 900}, reason="new count")
    with pytest.raises(NotAllowed, match="may not undo other people's changes"):
        facts.undo(seeded_db, settings, EDITOR, change.id)


def test_a_load_is_one_signed_change_that_undo_takes_back(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    (load,) = history.changes(seeded_db, settings, history.Filters(actions=("load",)))
    assert load.details["files"] and load.details["relationships_created"] > 10 and load.who
    assert all("/" not in f for f in load.details["files"])  # file names, never a machine's paths
    add_acme(seeded_db, settings)
    with pytest.raises(UndoRefused, match=f"undo load #{load.id}: acme-bio.*links an entity it added"):
        facts.undo(seeded_db, settings, ADMIN, load.id)
    for added in history.changes(seeded_db, settings, history.Filters(actions=("add",))):  # newest first
        facts.undo(seeded_db, settings, ADMIN, added.id)
    facts.undo(seeded_db, settings, ADMIN, load.id)
    assert count(seeded_db, settings, "MATCH (n:Entity) RETURN count(n)") == 0
    assert (
        count(seeded_db, settings, "MATCH (s:Source {id: 'article-eurobiomed-biocom'}) RETURN count(s)") == 0
    )
    with pytest.raises(UndoRefused, match="undone already"):
        facts.undo(seeded_db, settings, ADMIN, load.id)


def test_merging_moves_ties_keeps_names_as_aliases_and_undoes(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    facts.add_entity(seeded_db, settings, EDITOR, "Company", "Neuro Services SAS", entity_id="neuro-sas")
    facts.add_tie(
        seeded_db, settings, EDITOR, "neuro-sas", "RD_PARTNER", "institut-paoli-calmettes", citation=ARTICLE
    )
    facts.add_tie(
        seeded_db, settings, EDITOR, "neuro-sas", "MEMBER_OF", "eurobiomed", citation=ARTICLE, note="dup"
    )
    change = facts.merge(seeded_db, settings, ADMIN, "neuroservices", "neuro-sas", reason="same company")
    kept = entity_details(seeded_db, settings, "neuroservices")
    ties = {(f.tie.type, f.other.id): f.tie for f in kept.facts}
    assert ("RD_PARTNER", "institut-paoli-calmettes") in ties
    assert ties[("MEMBER_OF", "eurobiomed")].properties["note"] != "dup"  # the kept tie's properties win
    assert [e.id for e in search.find_entities(seeded_db, settings, "Neuro Services SAS")][:1] == [
        "neuroservices"
    ]
    assert Resolver(seeded_db, settings).entity("Neuro Services SAS").id == "neuroservices"
    assert Resolver(seeded_db, settings).entity("neuro-sas").id == "neuroservices"  # the old id leads on
    assert count(seeded_db, settings, "MATCH (n:Retired {id: 'neuro-sas'}) RETURN count(n)") == 1
    facts.undo(seeded_db, settings, ADMIN, change.id)
    assert search.get_entity(seeded_db, settings, "neuro-sas") is not None
    restored = entity_details(seeded_db, settings, "neuroservices")
    assert ("RD_PARTNER", "institut-paoli-calmettes") not in {
        (f.tie.type, f.other.id) for f in restored.facts
    }
    assert "aliases" not in restored.entity.properties


def test_confirming_an_inferred_tie_makes_it_stated_with_its_source(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    (tie,) = [
        f.tie
        for f in entity_details(seeded_db, settings, "neuroservices").facts
        if f.tie.evidence == "inferred"
    ][:1]
    facts.confirm(seeded_db, settings, EDITOR, tie.start, tie.type, tie.end, citation=ARTICLE)
    now = facts.read_fact(seeded_db, settings, tie_key(tie.start, tie.type, tie.end))
    assert now.props["evidence"] == "stated" and now.props["quote"] == ARTICLE.quote
    with pytest.raises(InvalidInput, match="stated already"):
        facts.confirm(seeded_db, settings, EDITOR, tie.start, tie.type, tie.end, citation=ARTICLE)


def test_reasons_are_required_for_edits_retirements_and_merges(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    with pytest.raises(InvalidInput, match="a reason is required to edit"):
        facts.edit_entity(seeded_db, settings, EDITOR, "biocom", {"members": 1}, reason=" ")
    with pytest.raises(InvalidInput, match="a reason is required to retire"):
        facts.retire(seeded_db, settings, EDITOR, "entity:biocom", reason=None)


def test_a_load_may_not_bring_back_a_retired_id(
    seeded_db: neo4j.Driver, settings: Settings, tmp_path
) -> None:
    from explorer.loaders import load

    facts.retire(seeded_db, settings, EDITOR, "entity:neuroservices", reason="closed")
    (tmp_path / "n.csv").write_text("id,kind,name\nneuroservices,Company,Neuroservices\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load(seeded_db, settings, [tmp_path / "n.csv"])
    assert "was retired" in "\n".join(caught.value.report_lines())


def test_history_is_a_chain_that_finds_a_rewritten_record(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    add_acme(seeded_db, settings)
    assert history.verify(seeded_db, settings).ok
    seeded_db.execute_query("MATCH (c:Change {id: 2}) SET c.who = 'mallory'", database_=settings.database)
    check = history.verify(seeded_db, settings)
    assert not check.ok and check.broken == 2


def test_history_exports_csv_with_every_change(seeded_db: neo4j.Driver, settings: Settings) -> None:
    add_acme(seeded_db, settings)
    text = history.to_csv(history.changes(seeded_db, settings))
    assert text.splitlines()[0].startswith("id,at,who,role,action,what,reason")
    assert text.count("eve@example.org") == 2
