"""A source's own text: ``explorer source attach ID FILE`` stores it in numbered paragraphs; the
source's page then opens on the paragraph a fact cites, and fact cards quote their sentence."""

from __future__ import annotations

from pathlib import Path

import neo4j

from explorer.config import Settings
from explorer.curation.texts import cited_sentence, split_paragraphs
from explorer.views.sources import read_source
from tests.app_helpers import open_page, source_links, texts, unescape
from tests.conftest import CliRunner

ARTICLE = "article-eurobiomed-biocom"
TENTH = (
    "Across the Pacific the talks went on. Biocom and Bio Japan signed a twinning in Kobe last spring. "
    "Both hope the alliance will follow."
)


def article(folder: Path) -> Path:
    paragraphs = [f"Paragraph number {n} of the article,\nwrapped over two lines." for n in range(1, 10)]
    path = folder / "article.txt"
    path.write_text("\ufeff" + "\r\n\r\n".join([*paragraphs, TENTH]) + "\n\n\n", encoding="utf-8")
    return path


def test_paragraphs_are_blocks_between_blank_lines_each_on_one_line() -> None:
    assert split_paragraphs("One\nline.\n\n  \nTwo.\r\n\r\nThree.") == ["One line.", "Two.", "Three."]
    assert split_paragraphs(" \n\n ") == []


def test_the_quoted_sentence_is_the_one_naming_the_other_entity() -> None:
    assert (
        cited_sentence(TENTH, ["Bio Japan"]) == "Biocom and Bio Japan signed a twinning in Kobe last spring."
    )
    assert cited_sentence(TENTH, ["Nobody"]) == "Across the Pacific the talks went on."
    assert cited_sentence("x" * 1000, []).endswith("…")


def test_attach_stores_the_text_in_numbered_paragraphs(
    cli: CliRunner, seeded_db: neo4j.Driver, settings: Settings, tmp_path: Path
) -> None:
    done = cli("source", "attach", ARTICLE, str(article(tmp_path)), "--reason", "our subscription's copy")
    assert done.returncode == 0, done.stderr
    assert "10 paragraphs stored with article-eurobiomed-biocom" in done.stderr
    assert "text attached" in done.stdout or "attach" in done.stdout
    source = read_source(seeded_db, settings, ARTICLE).source
    assert len(source.paragraphs) == 10
    assert source.paragraphs[0] == "Paragraph number 1 of the article, wrapped over two lines."
    assert source.paragraphs[9] == TENTH


def test_attach_names_what_is_wrong_in_one_line(
    cli: CliRunner, seeded_db: neo4j.Driver, tmp_path: Path
) -> None:
    unknown = cli("source", "attach", "no-such-source", str(article(tmp_path)))
    assert unknown.returncode == 2 and unknown.stderr.startswith("error: no source matches 'no-such-source'")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    refused = cli("source", "attach", ARTICLE, str(empty))
    assert refused.returncode == 1 and "the text is empty" in refused.stderr
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.7\xff\xfe\x00")
    refused = cli("source", "attach", ARTICLE, str(binary))
    assert refused.returncode == 2 and "is not UTF-8 text" in refused.stderr
    assert "Traceback" not in refused.stderr + unknown.stderr


def test_the_source_page_opens_on_the_cited_paragraph_and_cards_quote_it(
    cli: CliRunner, seeded_db: neo4j.Driver, tmp_path: Path
) -> None:
    assert cli("source", "attach", ARTICLE, str(article(tmp_path))).returncode == 0
    at = open_page("sources", id=ARTICLE, paragraph="10")
    assert not at.exception
    shown = unescape(texts(at))
    assert "Paragraph 10, cited" in shown and TENTH in shown
    assert "Sentence: “Biocom and Bio Japan signed a twinning in Kobe last spring.”" in shown
    assert dict(at.query_params) == {"id": ARTICLE, "paragraph": "10"}
    wrong = open_page("sources", id=ARTICLE, paragraph="99")
    assert "cites paragraph “99”, which this source does not have (10 paragraphs): left out." in unescape(
        texts(wrong)
    )
    french = open_page("sources", id=ARTICLE, paragraph="10", lang="fr")
    assert "Paragraphe 10, cité" in unescape(texts(french))


def test_a_fact_cards_open_the_source_link_carries_its_paragraph(seeded_db: neo4j.Driver) -> None:
    at = open_page(focus="bio-japan")
    assert "id=article-eurobiomed-biocom&paragraph=10" in [query for _, query in source_links(at)]
