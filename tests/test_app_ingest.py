"""The "Add an article" page: paste an article, see what it names and states, send it to review."""

from __future__ import annotations

import time

import neo4j
import pytest

from explorer.app.uploader import UPLOAD_MB, css_string
from explorer.config import Settings
from explorer.curation import review
from explorer.ingest import nlp
from tests.app_helpers import open_page, texts

ARTICLE = """Vexalis rejoint Eurobiomed

La medtech niçoise Vexalis devient membre du pôle Eurobiomed. Elle est soutenue par le cluster Biocom.
"""


@pytest.fixture(scope="module", autouse=True)
def models() -> None:
    """The language models, loaded once as the server loads them for every session (on a busy
    machine the French model takes longer than one page run may)."""
    nlp.preload().join(timeout=600)


@pytest.fixture
def local(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPLORER_ACCESS", "local")


def read_article(lang: str, text: str = ARTICLE):  # type: ignore[no-untyped-def]
    """Paste ``text``, press Read, and rerun the page until the reading (on a thread of its own) ends."""
    at = open_page("ingest", lang=lang)
    at.text_area(key="ingest.text").set_value(text)
    at.button[0].click().run()
    return until_read(at)


def until_read(at, wait: float = 240.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + wait
    while "ingest.job" in at.session_state and time.monotonic() < deadline:
        job = at.session_state["ingest.job"][0]
        job.wait(0.5)
        at.run()
    assert "ingest.job" not in at.session_state, "the reading did not end"
    return at


@pytest.mark.parametrize(
    ("lang", "title", "entities"),
    [("en", "Add an article", "Entities named"), ("fr", "Ajouter un article", "Entités citées")],
)
def test_the_page_reads_an_article_in_both_languages(
    seeded_db: neo4j.Driver, settings: Settings, local: None, lang: str, title: str, entities: str
) -> None:
    at = read_article(lang)
    assert not at.exception and not at.error
    shown = texts(at)
    assert title in shown and entities in shown
    tables = [d.value for d in at.dataframe]
    assert any("Vexalis" in str(t) for t in tables) and any("Eurobiomed" in str(t) for t in tables)
    assert review.open_proposals(seeded_db, settings) == []  # reading alone queues nothing


def test_sending_the_proposals_puts_one_batch_in_the_queue(
    seeded_db: neo4j.Driver, settings: Settings, local: None
) -> None:
    at = read_article("en")
    send = [b for b in at.button if "review queue" in str(b.label)]
    assert send, [b.label for b in at.button]
    send[0].click().run()
    assert not at.exception and not at.error
    (proposal,) = review.open_proposals(seeded_db, settings)
    assert proposal.origin == "article" and any(i.what == "add_tie" for i in proposal.items)
    assert f"Proposal #{proposal.id} is in the review queue" in texts(at)


def test_sending_queues_what_was_shown_without_reading_again(
    seeded_db: neo4j.Driver, settings: Settings, local: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from explorer.ingest import proposals

    at = read_article("en")
    reads: list[object] = []
    monkeypatch.setattr(proposals, "read", lambda *a, **k: reads.append(a) or pytest.fail("read again"))
    at.text_area(key="ingest.text").set_value("Another article, about nothing on the map.")
    at.text_input(key="ingest.title").set_value("A title typed after reading")
    next(b for b in at.button if "review queue" in str(b.label)).click().run()
    assert not at.exception and not at.error and reads == []
    (proposal,) = review.open_proposals(seeded_db, settings)
    assert proposal.title == "Vexalis rejoint Eurobiomed"  # the reading shown, not the form changed since
    assert any("Vexalis" in str(i.proposed) for i in proposal.items)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_article_sent_from_another_page_since_it_was_read_is_not_sent_twice(
    seeded_db: neo4j.Driver, settings: Settings, local: None, lang: str
) -> None:
    mine, theirs = read_article(lang), read_article(lang)
    for at in (theirs, mine):
        next(b for b in at.button if str(b.label).startswith(("Send", "Envoyer"))).click().run()
        assert not at.exception and not at.error
    assert len(review.open_proposals(seeded_db, settings)) == 1
    said = {"en": "was sent to the review queue since it was read here", "fr": "envoyé en relecture depuis"}
    assert said[lang] in texts(mine)


def test_an_ambiguous_name_is_offered_as_choices_in_the_review_queue(
    seeded_db: neo4j.Driver, settings: Settings, local: None
) -> None:
    from explorer.curation import facts
    from explorer.curation.actors import Actor
    from explorer.curation.requests import AddEntity

    review.propose(
        seeded_db,
        settings,
        Actor("eve@example.org", "editor"),
        [
            review.Proposed(
                AddEntity("Cluster", "Bio"),
                ref="Bio",
                match="biocom",
                candidates=("biocom", "bio-japan"),
                paragraph=1,
            )
        ],
        citation=facts.Citation(new=facts.NewSource("An article")),
        origin="article",
    )
    at = open_page("review")
    assert not at.exception
    (choice,) = [s for s in at.selectbox if s.key and s.key.endswith(".link.choice")]
    assert choice.value == "biocom"
    assert list(choice.options) == [
        "Biocom — Cluster, United States",
        "Bio Japan — Cluster, Japan",
        "Another entity of the map…",
    ]


@pytest.mark.parametrize(
    ("lang", "drop", "browse"),
    [
        ("en", "Drag and drop the file here • at most 2 MB • text, Markdown or HTML", '"Browse files"'),
        ("fr", "Glissez-déposez le fichier ici • 2 Mo au plus • texte, Markdown ou HTML", '"Parcourir"'),
    ],
)
def test_the_uploader_says_how_and_up_to_what_size_in_the_page_language(
    seeded_db: neo4j.Driver, lang: str, drop: str, browse: str
) -> None:
    at = open_page("ingest", lang=lang)
    assert not at.exception
    style = "".join(element.proto.body for element in at.get("html"))
    assert drop in style and browse in style
    assert 'stFileUploaderDropzoneInstructions"] span { display: none; }' in style
    (uploader,) = at.get("file_uploader")
    assert uploader.proto.max_upload_size_mb == UPLOAD_MB == 2


def test_words_in_the_uploader_style_cannot_end_it() -> None:
    assert css_string('say "hi" \\ </style>') == '"say \\"hi\\" \\\\ \\3c /style>"'
