"""An article's text from the bytes a user gives: checked (empty, binary, too large, wrongly
encoded), taken out of HTML or Markdown, cleaned, cut into numbered paragraphs and sentences.

Paragraphs are numbered from 1 as the seed data counts them: every block of the article,
the headline and the subheadings included. Page furniture after the article (comments,
"read also", share buttons) is cut at the first paragraph that starts with a marker of the
cue files.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from explorer import defaults
from explorer.errors import InvalidInput, UsageError
from explorer.ingest.markup import html_blocks, markdown_body

__all__ = [
    "Article",
    "Format",
    "decode",
    "detect_format",
    "normalize",
    "read_article",
    "sentence_spans",
    "split_blocks",
]

Format = Literal["text", "markdown", "html"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "html")


@dataclass(frozen=True)
class Article:
    """An article ready to read: its numbered paragraphs (1-based in messages), the title the
    document gives (if any), its format and a digest of its text (the same article read twice
    has the same digest)."""

    paragraphs: tuple[str, ...]
    title: str | None
    format: Format

    @property
    def digest(self) -> str:
        return hashlib.sha256("\n\n".join(self.paragraphs).encode("utf-8")).hexdigest()

    @property
    def characters(self) -> int:
        return sum(len(p) for p in self.paragraphs)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


# -- bytes to text ------------------------------------------------------------------------------

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a Word or OpenDocument file?)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
)
_SAVE_AS = "save the article as plain text, Markdown or HTML and try again"
#: Pairs that UTF-8 text shows when it was decoded as Latin-1 or Windows-1252 once too often.
_MOJIBAKE = re.compile(r"Ã[©¨ª«§ ¢®´¹»¼½¾¯]|â€[™œ\x9d“”˜¦]|Â[  «»°]")


def decode(data: bytes, encoding: str | None = None) -> str:
    """The text of ``data``: UTF-8 (with or without BOM) or UTF-16 with a BOM, else ``encoding``.

    Refuses binary files, text in another encoding than the one given, and text that was
    already mis-decoded once (``Ã©`` for ``é``), each with what to do.
    """
    if len(data) > defaults.INGEST_MAX_BYTES:
        raise InvalidInput(
            f"the file is too large ({len(data):,} bytes; at most {defaults.INGEST_MAX_BYTES:,})",
            "give one article at a time",
        )
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InvalidInput(f"this is {what}, not text", _SAVE_AS)
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UsageError(f"unknown encoding {encoding!r}", "such as utf-8, cp1252 or latin-1") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            raise InvalidInput(f"the file is not {encoding} text ({_where(data, e.start)})") from None
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
    else:
        if b"\x00" in data[:8192]:
            raise InvalidInput("this is a binary file, not text", _SAVE_AS)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise InvalidInput(
                f"the file is not UTF-8 text ({_where(data, e.start)})",
                "save it as UTF-8, or name its encoding (--encoding cp1252)",
            ) from None
    controls = sum(1 for c in text[:20_000] if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > max(8, len(text[:20_000]) // 100):
        raise InvalidInput("this is a binary file, not text", _SAVE_AS)
    if len(_MOJIBAKE.findall(text)) >= 3:
        raise InvalidInput(
            "the text was decoded with the wrong encoding before it was saved (it shows “Ã©” for “é”)",
            "save the original article as UTF-8 again",
        )
    return text


def _where(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    return f"byte 0x{data[offset]:02X} on line {line}"


# -- formats ------------------------------------------------------------------------------------

_HTML_HINT = re.compile(r"<!doctype html|<html[\s>]|<body[\s>]|<(p|div|article|h1|h2)[\s>]", re.IGNORECASE)
_MD_HINT = re.compile(r"^(#{1,6} \S|\*\*\S|[-*] \S|> \S)|\]\([^)]+\)", re.MULTILINE)


def detect_format(text: str, name: str | None = None) -> Format:
    """``html``, ``markdown`` or ``text``: from the file's extension, else from its content."""
    suffix = (name or "").lower().rsplit(".", 1)[-1] if name and "." in name else ""
    if suffix in ("html", "htm", "xhtml"):
        return "html"
    if suffix in ("md", "markdown", "mdown"):
        return "markdown"
    head = text[:5000]
    if _HTML_HINT.search(head):
        return "html"
    if suffix not in ("txt", "text") and len(_MD_HINT.findall(head)) >= 2:
        return "markdown"
    return "text"


# -- blocks, paragraphs and sentences ----------------------------------------------------------

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u2009\u200a\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def normalize(text: str) -> str:
    """NFC, typographic apostrophes as ``'``, no-break and thin spaces as spaces, no soft hyphens."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u2019", "'").replace("\u02bc", "'").replace("\u2018", "'")
    text = _INVISIBLE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SPACES.sub(" ", text)


_ENDS = tuple('.!?:;"»”)…')


def split_blocks(text: str) -> list[str]:
    """Paragraphs of plain text: blocks between blank lines; inside a block, a line break ends a
    paragraph after a line that ends a sentence or is much shorter than the block's lines (a
    heading), else it is a wrapped line and joins the next."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", normalize(text)):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        widest = max(len(line) for line in lines)
        current: list[str] = []
        for line in lines:
            current.append(line)
            if line.endswith(_ENDS) or len(line) < 0.6 * widest:
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
    return paragraphs


def _cut(paragraphs: Sequence[str], markers: Iterable[str]) -> list[str]:
    folded = [m.casefold() for m in markers if m.strip()]
    kept: list[str] = []
    for paragraph in paragraphs:
        if kept and any(paragraph.casefold().startswith(m) for m in folded):
            break
        if re.fullmatch(r"[\W_]+", paragraph):  # separators: "|", "-", "***"
            continue
        kept.append(paragraph)
    return kept


def read_article(
    data: bytes,
    *,
    name: str | None = None,
    encoding: str | None = None,
    fmt: Format | None = None,
    boilerplate: Iterable[str] = (),
) -> Article:
    """The article in ``data`` (a file's bytes), cleaned and cut into paragraphs.

    Raises ``InvalidInput`` with one line for what cannot be read: an empty, binary or
    too large file, the wrong encoding, or no text left once the markup is gone.
    """
    if not data.strip():
        raise InvalidInput("the article is empty", "give a file with the article's text")
    text = decode(data, encoding)
    form = fmt or detect_format(text, name)
    if form == "html":
        blocks, title = html_blocks(text)
        blocks = [p for b in blocks for p in split_blocks(b)]
    elif form == "markdown":
        body, title = markdown_body(text)
        blocks = split_blocks(body)
    else:
        blocks, title = split_blocks(text), None
    paragraphs = _cut(blocks, boilerplate)
    if not paragraphs:
        raise InvalidInput("the article is empty (no text once the markup is set aside)")
    article = Article(tuple(paragraphs), normalize(title).strip() if title else None, form)
    if article.characters > defaults.INGEST_MAX_CHARACTERS:
        raise InvalidInput(
            f"the article is too long ({article.characters:,} characters; "
            f"at most {defaults.INGEST_MAX_CHARACTERS:,})",
            "give one article at a time, or split it",
        )
    return article


_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"»”')\]]*)\s+(?=[«\"“'(\[]?\s?[A-ZÀ-ÖØ-Ý0-9])")


def sentence_spans(paragraph: str, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """Where the sentences of ``paragraph`` start and end: after ``. ! ? …`` and a capital,
    never after a known abbreviation ("M.", "Dr.", "Inc.") or an initial ("J. Smith")."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        before = paragraph[start : m.start()].rstrip("\"»”')]")
        last = re.findall(r"(\S+)[.!?…]$", before)
        if last:
            word = last[0].lstrip('("«“').lower()
            if (
                word in abbreviations
                or (len(word) == 1 and word.isalpha())
                or re.fullmatch(r"(\w\.)+\w", word)
            ):
                continue
        end = m.start() + len(m.group(1))
        if paragraph[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if paragraph[start:].strip():
        spans.append((start, len(paragraph.rstrip())))
    return spans
