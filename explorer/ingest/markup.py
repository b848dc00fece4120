"""Text out of markup: an HTML page's blocks (scripts, navigation, footers and forms left out)
and Markdown as plain text, each with the headline it gives."""

from __future__ import annotations

import html
import re

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


class _Blocks:
    """Text by blocks from the tags and text of an HTML page: scripts, navigation, footers and
    forms left out."""

    def __init__(self) -> None:
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

    def start(self, tag: str) -> None:
        if tag in _SKIP_TAGS and tag not in _VOID:
            self.skipping.append(tag)
            return
        if tag in ("title", "h1") and not self.skipping:
            self._in, self._capture = tag, []
        if tag in _BLOCK_TAGS:
            self._flush()

    def end(self, tag: str) -> None:
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

    def data(self, data: str) -> None:
        if self.skipping or not data:
            return
        data = html.unescape(data)
        if self._in:
            self._capture.append(data)
        if self._in != "title":
            self.current.append(data)


#: Elements whose content is text up to their end tag, never markup.
_RAW = frozenset(["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript"])
#: ... and of those, the ones whose text is part of the page.
_RAW_TEXT = frozenset(["title", "textarea", "xmp"])
_RAW_END = {tag: re.compile(rf"</{tag}(?=[\s/>])", re.IGNORECASE) for tag in _RAW}
_TAG_NAME = re.compile(r"[a-zA-Z][^\s/>]*")
_ATTRIBUTE = re.compile(r"[\s/]*(?:(>)|([^\s/>][^\s/>=]*)\s*(?:=\s*(\"|'|[^\s>]*))?)")


def _tag_end(text: str, at: int) -> int:
    """Where the tag whose attributes start at ``at`` ends (just after its ``>``), or ``-1``
    when the page ends first. One pass forward: a quote left open runs to the end of the page,
    as browsers read it, rather than being searched for again from every ``<``."""
    n = len(text)
    while at < n:
        m = _ATTRIBUTE.match(text, at)
        if m is None or m.end() == at:
            return -1
        if m.group(1):
            return m.end()
        quote = m.group(3)
        at = m.end()
        if quote in ('"', "'"):
            close = text.find(quote, at)
            if close < 0:
                return -1
            at = close + 1
    return -1


def _scan(text: str, sink: _Blocks) -> None:
    """Feed ``sink`` the tags and text of ``text``, in one pass whatever the page holds: every
    character is looked at a bounded number of times (a page of ``<a <a <a`` or of unclosed
    comments reads in linear time)."""
    n, i = len(text), 0
    while i < n:
        lt = text.find("<", i)
        if lt < 0:
            sink.data(text[i:])
            return
        sink.data(text[i:lt])
        nxt = text[lt + 1 : lt + 2]
        if text.startswith("<!--", lt):
            close = text.find("-->", lt + 4)
            i = n if close < 0 else close + 3
            continue
        if nxt in ("!", "?") or (nxt == "/" and not text[lt + 2 : lt + 3].isalpha()):
            close = text.find(">", lt + 2)  # a doctype, CDATA, processing instruction or bogus comment
            i = n if close < 0 else close + 1
            continue
        closing = nxt == "/"
        name = _TAG_NAME.match(text, lt + 2 if closing else lt + 1)
        if name is None:
            sink.data("<")  # "a < b": a character of the text
            i = lt + 1
            continue
        end = _tag_end(text, name.end())
        if end < 0:
            return  # a tag left open at the end of the page: nothing after it is text
        tag = name.group().lower()
        i = end
        if closing:
            sink.end(tag)
            continue
        sink.start(tag)
        if text.startswith("/>", end - 2):
            sink.end(tag)
        elif tag in _RAW:
            found = _RAW_END[tag].search(text, end)
            if found is None:
                return
            if tag in _RAW_TEXT:
                sink.data(text[end : found.start()])
            i = found.start()


def html_blocks(text: str) -> tuple[list[str], str | None]:
    """The text blocks of an HTML page, and its headline (its first h1, else its title), read in
    linear time."""
    sink = _Blocks()
    _scan(text, sink)
    sink._flush()
    return sink.blocks, sink.h1 or sink.title


#: Inline Markdown, each pattern stopping at the next character that could open another one, so
#: that no text is scanned again from every opener (linear time on any input).
_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[[^\[\]]*\]\([^()]*\)"), ""),  # images
    (re.compile(r"\[([^\[\]]+)\]\([^()]*\)"), r"\1"),  # links: their text
    (re.compile(r"<[^<>\n]+>"), ""),  # inline HTML
    (re.compile(r"\*\*((?:[^*\n]|\*(?!\*))+?)\*\*"), r"\1"),
    (re.compile(r"__((?:[^_\n]|_(?!_))+?)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?![\s*])([^*\n]+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?![\s_])([^_\n]+?)(?<!\s)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
)
_HEADING = re.compile(r"\s*#{1,6}\s+")
_ITEM = re.compile(r"\s*(?:[-*+]|\d{1,9}[.)])\s+")
_QUOTE = re.compile(r"\s*(?:>\s*)+")


def _rule(line: str) -> bool:
    """A horizontal rule (``---``, ``* * *``) or a table's separator line (``|---|:--|``)."""
    marks = line.replace(" ", "").replace("\t", "")
    if len(marks) >= 3 and len(set(marks)) == 1 and marks[0] in "-*_":
        return True
    return bool(marks) and not set(marks) - set("-:|") and "-" in marks


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
        if fenced or _rule(line):
            lines.append("")
            continue
        heading = _HEADING.match(line)
        if heading:
            words = line[heading.end() :].strip().rstrip("#").rstrip()
            if title is None:
                title = words
            lines += ["", words, ""]
            continue
        quoted = _QUOTE.match(line)
        if quoted:
            line = line[quoted.end() :]
        item = _ITEM.match(line)
        if item:
            lines += ["", line[item.end() :]]
            continue
        lines.append(line.replace("|", " "))
    body = "\n".join(lines)
    for pattern, replacement in _MD_RULES:
        body = pattern.sub(replacement, body)
    for pattern, replacement in _MD_RULES:
        title = pattern.sub(replacement, title) if title else title
    return html.unescape(body), title
