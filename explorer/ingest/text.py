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
    "TooLarge",
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


class TooLarge(InvalidInput):
    """An article over a size limit: ``size`` bytes (before the markup is set aside) or
    characters (after), where ``limit`` is the most."""

    def __init__(self, unit: Literal["bytes", "characters"], size: int, limit: int) -> None:
        self.unit, self.size, self.limit = unit, size, limit
        if unit == "bytes":
            message = f"the file is too large ({size:,} bytes; at most {limit:,})"
            hint = "give one article at a time"
        else:
            after = "characters once the markup is set aside"
            message = f"the article is too long ({size:,} {after}; at most {limit:,})"
            hint = "give one article at a time, or split it"
        super().__init__(message, hint)


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
        raise TooLarge("bytes", len(data), defaults.INGEST_MAX_BYTES)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InvalidInput(f"this is {what}, not text", _SAVE_AS)
    if encoding:
        try:
            info = codecs.lookup(encoding)
        except LookupError:
            info = None
        if info is None or not getattr(info, "_is_text_encoding", True):
            # rot13, base64, zlib...: codecs, but not encodings of text
            raise UsageError(f"unknown encoding {encoding!r}", "such as utf-8, cp1252 or latin-1") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            raise InvalidInput(f"the file is not {encoding} text ({_where(data, e.start)})") from None
        except (UnicodeError, ValueError, TypeError) as e:  # an odd codec's own refusal
            raise InvalidInput(f"the file is not {encoding} text ({str(e)[:120]})") from None
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InvalidInput(
                f"the file starts as UTF-16 text but is not UTF-16 (at byte {e.start:,})",
                "save it again as UTF-8",
            ) from None
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
_MD_HINT = re.compile(r"^(#{1,6} \S|\*\*\S|[-*] \S|> \S)|\]\([^()\n]+\)", re.MULTILINE)


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
        raise TooLarge("characters", article.characters, defaults.INGEST_MAX_CHARACTERS)
    return article


_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"»”')\]]*)\s+(?=[«\"“'(\[]?\s?[A-ZÀ-ÖØ-Ý0-9])")
_CLOSERS = "\"»”')]"
_INITIALS = re.compile(r"(\w\.)+\w")
#: The longest sentence read as one (in characters): a longer run of text is cut at its last
#: semicolon, comma or space before this length, so that reading time stays linear in the
#: article's length whatever one "sentence" holds.
MAX_SENTENCE = 600


def _last_word(paragraph: str, start: int, end: int) -> str | None:
    """The word before the sentence mark that ends at ``end`` (closing quotes aside), without
    that mark, looking back no further than its own length."""
    k = end
    while k > start and paragraph[k - 1] in _CLOSERS:
        k -= 1
    if k - 1 <= start or paragraph[k - 1] not in ".!?…":
        return None
    space = paragraph.rfind(" ", start, k - 1)
    word = paragraph[max(space + 1, start) : k - 1]
    return word.lstrip('("«“').lower() if word and not word.isspace() else None


def _cut_long(paragraph: str, start: int, end: int) -> list[tuple[int, int]]:
    """``start``..``end`` as spans of at most :data:`MAX_SENTENCE` characters."""
    spans: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(paragraph.rfind(";", start, limit), paragraph.rfind(",", start, limit))
        if cut <= start + MAX_SENTENCE // 3:
            cut = paragraph.rfind(" ", start, limit)
        if cut <= start:
            cut = limit - 1
        spans.append((start, cut + 1))
        start = cut + 1
        while start < end and paragraph[start] == " ":
            start += 1
    if paragraph[start:end].strip():
        spans.append((start, end))
    return spans


def sentence_spans(paragraph: str, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """Where the sentences of ``paragraph`` start and end: after ``. ! ? …`` and a capital,
    never after a known abbreviation ("M.", "Dr.", "Inc.") or an initial ("J. Smith"); a
    sentence longer than :data:`MAX_SENTENCE` characters is cut in parts. Linear time."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        word = _last_word(paragraph, start, m.start())
        if word is not None and (
            word in abbreviations or (len(word) == 1 and word.isalpha()) or _INITIALS.fullmatch(word)
        ):
            continue
        end = m.start() + len(m.group(1))
        if paragraph[start:end].strip():
            spans += _cut_long(paragraph, start, end)
        start = m.end()
    if paragraph[start:].strip():
        spans += _cut_long(paragraph, start, len(paragraph.rstrip()))
    return spans
