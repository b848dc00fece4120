"""Text out of markup: an HTML page's blocks (scripts, navigation, footers and forms left out)
and Markdown as plain text, each with the headline it gives."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

__all__ = ["html_blocks", "markdown_body"]


_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "article",
        "section",
        "main",
        "header",
        "br",
        "tr",
        "td",
        "th",
        "dd",
        "dt",
        "figcaption",
        "pre",
        "caption",
        "summary",
    ]
)
_SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "nav",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "iframe",
    ]
)
_VOID = frozenset(
    ["br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"]
)


class _HTMLText(HTMLParser):
    """Text by blocks from HTML: scripts, navigation, footers and forms left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping: list[str] = []
        self.title: str | None = None
        self.h1: str | None = None
        self._in: str | None = None
        self._capture: list[str] = []

    def _flush(self) -> None:
        block = " ".join("".join(self.current).split())
        if block:
            self.blocks.append(block)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS and tag not in _VOID:
            self.skipping.append(tag)
            return
        if tag in ("title", "h1") and not self.skipping:
            self._in, self._capture = tag, []
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
            return
        if tag == self._in:
            text = " ".join("".join(self._capture).split())
            if tag == "title" and text and self.title is None:
                self.title = text
            elif tag == "h1" and text and self.h1 is None:
                self.h1 = text
            self._in = None
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self._in:
            self._capture.append(data)
        if self._in != "title":
            self.current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_blocks(text: str) -> tuple[list[str], str | None]:
    """The text blocks of an HTML page, and its headline (its first h1, else its title)."""
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    return parser.blocks, parser.h1 or parser.title


_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links: their text
    (re.compile(r"<[^>\n]+>"), ""),  # inline HTML
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
)


def markdown_body(text: str) -> tuple[str, str | None]:
    """Markdown as plain text (blocks apart by blank lines), and its first heading."""
    lines: list[str] = []
    title: str | None = None
    fenced = False
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            lines.append("")
            continue
        if fenced or re.fullmatch(r"\s*([-*_]\s*){3,}", line) or re.fullmatch(r"\s*\|?[-:| ]+\|?\s*", line):
            lines.append("")
            continue
        heading = re.match(r"\s*#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading:
            if title is None:
                title = heading.group(1)
            lines += ["", heading.group(1), ""]
            continue
        line = re.sub(r"^\s*(>\s*)+", "", line)
        item = re.match(r"^\s*([-*+]|\d+[.)])\s+(.*)", line)
        if item:
            lines += ["", item.group(2)]
            continue
        lines.append(line.replace("|", " "))
    body = "\n".join(lines)
    for pattern, replacement in _MD_RULES:
        body = pattern.sub(replacement, body)
    for pattern, replacement in _MD_RULES:
        title = pattern.sub(replacement, title) if title else title
    return html.unescape(body), title
