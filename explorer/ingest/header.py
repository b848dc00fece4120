"""A page store's first line, ``# <address> | <title> | <date> | ...``: the article's address
and headline, not its text."""

from __future__ import annotations

import re

__all__ = ["header_line"]

_HEADER = re.compile(rb"\A#[ \t]+[a-z][a-z0-9+.-]*://[^\s|]+[ \t]*\|([^\r\n]*)\r?\n")


def header_line(data: bytes) -> tuple[bytes, str | None]:
    """A first line ``# <address> | <title> | <date> | ...`` (as page stores keep a page) is
    the article's address and headline: ``data`` with the headline alone as its first line
    (unless the text starts with it already), and the headline."""
    found = _HEADER.match(data)
    if found is None:
        return data, None
    title = found.group(1).split(b"|")[0].strip()
    body = data[found.end() :]
    if title and not body.lstrip().startswith(title):
        body = title + b"\n\n" + body
    return body, title.decode("utf-8", errors="replace") or None
