"""Articles as text: what cannot be read is refused in one line; markup, page furniture and
language are handled before anything is read."""

from __future__ import annotations

import pytest

from explorer import defaults
from explorer.errors import InvalidInput, UsageError
from explorer.ingest.cues import cues
from explorer.ingest.language import detect_language
from explorer.ingest.proposals import load_article
from explorer.ingest.text import sentence_spans

FRENCH = (
    "Lyon : la biotech Vexia rejoint le pôle Lyonbiopôle\n\n"
    "La start-up lyonnaise Vexia, qui développe des tests sanguins, devient membre du pôle. "
    "Elle est soutenue par la région depuis 2021.\n"
)
ENGLISH = (
    "Vexia joins the Lyon health cluster\n\n"
    "Vexia, a Lyon start-up that develops blood tests, has become a member of the cluster. "
    "It is backed by the region and will open an office in Boston.\n"
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the article is empty"),
        (b"   \n\n  \t", "the article is empty"),
        (b"%PDF-1.7 binary stuff", "this is a PDF document, not text"),
        (b"PK\x03\x04 archive", "ZIP archive"),
        (b"\x00\x01\x02 some bytes \x00", "binary file"),
        ("Le pôle a été créé à Marseille.".encode("cp1252"), "not UTF-8 text .byte 0xF4 on line 1"),
        ("Le pÃ´le a Ã©tÃ© crÃ©Ã© Ã  Marseille.".encode(), "decoded with the wrong encoding"),
        (b"<html><body><script>x()</script></body></html>", "no text once the markup"),
    ],
)
def test_unreadable_articles_are_refused_in_one_line(data: bytes, message: str) -> None:
    with pytest.raises(InvalidInput, match=message) as caught:
        load_article(data)
    assert "\n" not in caught.value.one_line()


def test_a_file_over_the_size_limit_is_refused() -> None:
    with pytest.raises(InvalidInput, match="too large"):
        load_article(b"a" * (defaults.INGEST_MAX_BYTES + 1))


def test_an_article_over_the_length_limit_is_refused() -> None:
    text = ("Une phrase de plus dans un article sans fin. " * 40 + "\n\n") * 60
    with pytest.raises(InvalidInput, match="too long"):
        load_article(text.encode())


def test_another_encoding_is_read_when_named() -> None:
    article = load_article("Le pôle a été créé à Marseille.".encode("cp1252"), encoding="cp1252")
    assert article.paragraphs == ("Le pôle a été créé à Marseille.",)
    with pytest.raises(UsageError, match="unknown encoding"):
        load_article(b"text", encoding="klingon")


def test_paragraphs_are_numbered_blocks_and_wrapped_lines_join() -> None:
    text = (
        "Headline of the day\n\nA first paragraph that was\nwrapped at a narrow width by\n"
        "the mail client.\n\nSecond one.\n"
    )
    article = load_article(text.encode())
    assert article.paragraphs == (
        "Headline of the day",
        "A first paragraph that was wrapped at a narrow width by the mail client.",
        "Second one.",
    )


def test_page_furniture_after_the_article_is_cut() -> None:
    text = (
        FRENCH
        + "\nSujets les + lus\n\nUn autre article\n\nCommentaire 0\n\nVotre email ne sera pas affiché.\n"
    )
    assert load_article(text.encode()).paragraphs[-1].startswith("La start-up lyonnaise")


def test_html_gives_its_blocks_and_heading_without_scripts_or_navigation() -> None:
    page = (
        "<!doctype html><html><head><title>Site | Vexia</title><script>var x = '<p>no</p>';</script></head>"
        "<body><nav><a href='/'>Home</a></nav><article><h1>Vexia joins Lyonbiopôle</h1>"
        "<p>Vexia, a <b>Lyon</b> start-up, has joined&nbsp;the cluster.</p><p>It will open an office.</p>"
        "</article><footer>© Site</footer></body></html>"
    )
    article = load_article(page.encode())
    assert article.format == "html" and article.title == "Vexia joins Lyonbiopôle"
    assert article.paragraphs == (
        "Vexia joins Lyonbiopôle",
        "Vexia, a Lyon start-up, has joined the cluster.",
        "It will open an office.",
    )


def test_markdown_gives_plain_text() -> None:
    text = (
        "# Vexia joins *Lyonbiopôle*\n\nVexia, a [Lyon](https://example.org) start-up, has **joined** "
        "the cluster.\n\n- It will open an office.\n"
    )
    article = load_article(text.encode(), name="news.md")
    assert article.format == "markdown" and article.title == "Vexia joins Lyonbiopôle"
    assert article.paragraphs == (
        "Vexia joins Lyonbiopôle",
        "Vexia, a Lyon start-up, has joined the cluster.",
        "It will open an office.",
    )


def test_the_same_text_has_the_same_digest_whatever_its_markup() -> None:
    assert (
        load_article(b"Title\n\nBody text here.").digest
        == load_article(b"<h1>Title</h1><p>Body text here.</p>").digest
    )


@pytest.mark.parametrize(("text", "lang"), [(FRENCH, "fr"), (ENGLISH, "en")])
def test_the_language_is_told_by_its_frequent_words(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_another_language_is_named_and_refused() -> None:
    german = (
        "Die Firma Vexia ist ein neues Mitglied des Clusters und wird ein Büro in Boston eröffnen, "
        "sagt die Chefin."
    )
    with pytest.raises(InvalidInput, match="seems to be in German"):
        detect_language(german)


def test_a_text_too_short_to_tell_asks_for_the_language() -> None:
    with pytest.raises(InvalidInput, match="cannot tell the article's language") as caught:
        detect_language("Vexia, Lyonbiopôle.")
    assert "--lang en or --lang fr" in caught.value.one_line()


def test_sentences_do_not_end_at_abbreviations_or_initials() -> None:
    paragraph = "Selon M. Dupont, la société Acme Inc. grandit. J. Smith a signé. Fin."
    spans = sentence_spans(paragraph, cues("fr").abbreviations)
    assert [paragraph[a:b] for a, b in spans] == [
        "Selon M. Dupont, la société Acme Inc. grandit.",
        "J. Smith a signé.",
        "Fin.",
    ]
