"""Articles into the review queue: nothing reaches the graph before an editor accepts; accepted
facts cite the article with their paragraph and sentence; the same article twice proposes
nothing new; bad input writes nothing; ``explorer ingest`` keeps its JSON contract."""

from __future__ import annotations

import json
from pathlib import Path

import neo4j
import pytest

from explorer.config import Settings
from explorer.curation import facts, history, review
from explorer.curation.actors import Actor
from explorer.database.session import data_version
from explorer.errors import InvalidInput, NotAllowed
from explorer.ingest.proposals import SentSince, SourceInfo, load_article, queue, read
from explorer.model.facts import tie_key
from tests.builders import ingest_article
from tests.conftest import CliRunner, count

EDITOR = Actor("eve@example.org", "editor")
ARTICLE = (
    "Marseille : la medtech niçoise Vexalis rejoint Eurobiomed\n"
    "\n"
    "La medtech niçoise Vexalis, spécialisée dans les capteurs cardiaques, devient membre du "
    "pôle Eurobiomed depuis 2024. Elle est soutenue par le cluster Biocom.\n"
    "\n"
    "Son PDG, Jean Marchal, précise que l'entreprise va ouvrir une filiale à Osaka.\n"
)
FACTS = "MATCH (n) WHERE n:Entity OR n:RetiredTie RETURN count(n) + COUNT { ()-[]->() }"


def queued(driver: neo4j.Driver, settings: Settings, text: str = ARTICLE, **info: str):  # type: ignore[no-untyped-def]
    return ingest_article(driver, settings, EDITOR, text, info=SourceInfo(**info))


def test_an_article_is_proposed_and_nothing_enters_the_graph(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    before = count(seeded_db, settings, FACTS)
    done = queued(seeded_db, settings, publisher="La Provence", date="2026-11-30")
    assert done.proposal is not None and done.proposal.origin == "article"
    assert count(seeded_db, settings, FACTS) == before
    proposal = review.get_proposal(seeded_db, settings, done.proposal.id)
    ties = {(i.request.start, i.request.type, i.request.end) for i in proposal.items if i.what == "add_tie"}
    assert ("Vexalis", "MEMBER_OF", "eurobiomed") in ties and ("Vexalis", "SUPPORTED_BY", "biocom") in ties
    assert ("Vexalis", "SUBSIDIARY_IN", "Osaka") in ties and ("Jean Marchal", "LEADS", "Vexalis") in ties
    entities = {i.request.name: i.request for i in proposal.items if i.what == "add_entity"}
    assert entities["Vexalis"].kind == "Company" and entities["Vexalis"].country == "FR"
    assert entities["Osaka"].kind == "City" and entities["Osaka"].country == "JP"
    source = seeded_db.execute_query(
        "MATCH (s:Source {id: $id}) RETURN s", id=proposal.source, database_=settings.database
    ).records[0]["s"]
    assert source["publisher"] == "La Provence" and source["language"] == "fr"
    assert source["paragraphs"][2].startswith("Son PDG, Jean Marchal") and len(source["paragraphs"]) == 3
    assert source["title"] == "Marseille : la medtech niçoise Vexalis rejoint Eurobiomed"


def test_accepted_facts_cite_the_article_and_are_in_history(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    done = queued(seeded_db, settings)
    assert done.proposal is not None
    change = review.accept(seeded_db, settings, EDITOR, done.proposal.id)
    member = facts.read_fact(seeded_db, settings, tie_key("vexalis", "MEMBER_OF", "eurobiomed"))
    assert member.live and member.props["source"] == done.proposal.source
    assert member.props["paragraph"] == 2 and member.props["since"] == 2024
    assert member.props["quote"].startswith("La medtech niçoise Vexalis")
    planned = facts.read_fact(seeded_db, settings, tie_key("vexalis", "SUBSIDIARY_IN", "osaka"))
    assert planned.props["status"] == "planned" and planned.props["evidence"] == "stated"
    assert history.get_change(seeded_db, settings, change.id).action == "accept"


def test_the_same_article_twice_proposes_nothing_new(seeded_db: neo4j.Driver, settings: Settings) -> None:
    first = queued(seeded_db, settings)
    again = queued(seeded_db, settings, title="Another title for the same text")
    assert first.proposal is not None and again.proposal is None and again.nothing_new
    assert again.source["id"] == first.source["id"] and again.repeated >= len(first.ties)
    review.accept(seeded_db, settings, EDITOR, first.proposal.id)
    third = queued(seeded_db, settings)
    assert third.proposal is None and third.known >= 1


def test_ties_already_in_the_graph_are_not_proposed(seeded_db: neo4j.Driver, settings: Settings) -> None:
    text = "Le pôle Eurobiomed et le cluster Biocom ont signé un partenariat en 2012. Ils se voient souvent."
    done = read(seeded_db, settings, load_article(text.encode()))
    assert done.known == 1 and done.nothing_new


def test_a_reader_may_read_an_article_but_not_propose(seeded_db: neo4j.Driver, settings: Settings) -> None:
    reader = Actor("rita@example.org", "reader")
    preview = read(seeded_db, settings, load_article(ARTICLE.encode()))
    assert preview.ties and preview.proposal is None
    with pytest.raises(NotAllowed):
        ingest_article(seeded_db, settings, reader, ARTICLE)


def test_reading_writes_nothing_and_the_queue_gets_what_was_read(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    version = data_version(seeded_db, settings)
    ingested = read(seeded_db, settings, load_article(ARTICLE.encode()), info=SourceInfo(title="As shown"))
    assert data_version(seeded_db, settings) == version and ingested.proposal is None
    proposal = queue(seeded_db, settings, EDITOR, ingested)
    assert ingested.proposal == proposal and proposal.title == "As shown"
    queued_items = review.get_proposal(seeded_db, settings, proposal.id).items
    assert [i.what for i in queued_items] == [p.request.tag for p in ingested.items]


def test_an_article_sent_since_it_was_read_is_not_sent_again(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    mine = read(seeded_db, settings, load_article(ARTICLE.encode()))
    theirs = read(seeded_db, settings, load_article(ARTICLE.encode()))
    queue(seeded_db, settings, EDITOR, theirs)
    for stale in (mine, theirs):  # read before another sent it; sent already
        with pytest.raises(SentSince, match="was sent to the review queue since it was read"):
            queue(seeded_db, settings, EDITOR, stale)
    assert len(review.open_proposals(seeded_db, settings)) == 1


def test_nothing_new_is_not_queued(seeded_db: neo4j.Driver, settings: Settings) -> None:
    text = "Le pôle Eurobiomed et le cluster Biocom ont signé un partenariat en 2012. Ils se voient souvent."
    known = read(seeded_db, settings, load_article(text.encode()))
    with pytest.raises(InvalidInput, match="nothing new to review"):
        queue(seeded_db, settings, EDITOR, known)


def test_the_command_prints_the_json_contract_and_queues(
    cli: CliRunner, seeded_db: neo4j.Driver, tmp_path: Path
) -> None:
    article = tmp_path / "vexalis.md"
    article.write_text("# " + ARTICLE, encoding="utf-8")
    done = cli("ingest", str(article), "--format", "json", "--publisher", "La Provence", "--as", "eve")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert {"id", "title", "publisher", "language", "paragraphs"} <= set(out["source"])
    assert out["source"]["publisher"] == "La Provence" and out["language"] == "fr"
    by_mention = {e["mention"]: e for e in out["entities"]}
    assert by_mention["Eurobiomed"]["id"] == "eurobiomed" and by_mention["Eurobiomed"]["proposed"] is None
    assert by_mention["Vexalis"]["id"] is None
    assert by_mention["Vexalis"]["proposed"] == {
        "id": "vexalis",
        "name": "Vexalis",
        "kind": "Company",
        "country": "FR",
    }
    tie = next(t for t in out["ties"] if t["type"] == "MEMBER_OF")
    assert {"from", "to", "type", "status", "since", "sentence", "paragraph", "confidence"} <= set(tie)
    assert (tie["from"], tie["to"], tie["since"], tie["paragraph"]) == ("vexalis", "eurobiomed", 2024, 2)
    assert out["queued"]["proposal"] is not None
    again = cli("ingest", str(article))
    assert again.returncode == 0 and "Nothing new to review" in again.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "error: the article is empty"),
        (b"\x00\x01binary\x00", "error: this is a binary file, not text"),
        ("Le pôle".encode("cp1252") * 50, "error: the file is not UTF-8 text"),
        (
            b"Der Cluster ist ein Netzwerk und die Firma wird mit dem Partner ein Buro eroffnen, sagt sie.",
            "German",
        ),
    ],
)
def test_bad_articles_get_one_line_and_write_nothing(
    cli: CliRunner, seeded_db: neo4j.Driver, settings: Settings, tmp_path: Path, content: bytes, message: str
) -> None:
    before = count(seeded_db, settings)
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    done = cli("ingest", str(article))
    assert done.returncode == 1 and message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert count(seeded_db, settings) == before


def test_several_articles_and_folders_are_read_in_one_run(
    cli: CliRunner, seeded_db: neo4j.Driver, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "press"
    folder.mkdir()
    (folder / "a-vexalis.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b-kelora.md").write_text(
        "# Kelora joins Biocom\n\nThe Boston medtech Kelora joined the Biocom cluster in 2023.\n",
        encoding="utf-8",
    )
    (folder / "notes.pdf").write_bytes(b"%PDF not an article")
    (folder / "c-empty.txt").write_text("", encoding="utf-8")
    before = count(seeded_db, settings)
    done = cli("ingest", str(folder), "--preview", "--format", "json")
    assert done.returncode == 1, done.stderr
    out = json.loads(done.stdout)
    assert [Path(o["file"]).name for o in out] == ["a-vexalis.txt", "b-kelora.md", "c-empty.txt"]
    vexalis, kelora, empty = out
    assert {"source", "language", "entities", "ties", "queued"} <= set(vexalis)
    assert vexalis["language"] == "fr" and kelora["language"] == "en"
    assert any(t["type"] == "MEMBER_OF" and t["from"] == "vexalis" for t in vexalis["ties"])
    assert "empty" in empty["error"]
    assert "[3/3]" in done.stderr and "1 of 3 articles could not be read" in done.stderr
    assert "Traceback" not in done.stderr and count(seeded_db, settings) == before
    # one file keeps the single object of the JSON contract
    one = cli("ingest", str(folder / "b-kelora.md"), "--preview", "--format", "json")
    assert one.returncode == 0 and isinstance(json.loads(one.stdout), dict)


@pytest.mark.parametrize(
    ("given", "message"),
    [(["-", "x.txt"], "cannot be read with other files"), (["missing.txt"], "no file ")],
)
def test_bad_batches_stop_before_reading(
    cli: CliRunner, tmp_path: Path, given: list[str], message: str
) -> None:
    (tmp_path / "x.txt").write_text(ARTICLE, encoding="utf-8")
    done = cli("ingest", *[str(tmp_path / g) if g != "-" else g for g in given], "--preview")
    assert done.returncode == 2 and message in done.stderr
