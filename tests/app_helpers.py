"""Helpers for the AppTest suites: open a page of the explorer with URL parameters, read what it shows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "explorer" / "app" / "main.py"
TIMEOUT = 60


def open_page(page: str = "network", **query: str) -> AppTest:
    """The explorer on ``page`` (network, queries, alliance) with ``query`` in its URL, run once."""
    at = AppTest.from_file(str(MAIN), default_timeout=TIMEOUT)
    if page == "network":
        at.query_params.update(query)
        return at.run()
    if "lang" in query:
        at.query_params["lang"] = query["lang"]
    at.run()  # pages registered by st.navigation are known after a first run
    at.query_params.clear()
    at.query_params.update(query)
    return at.switch_page(f"views/{page}.py").run()


def graphs(at: AppTest) -> list[dict[str, Any]]:
    """The data handed to each graph frame: its HTML page, digest and height."""
    return [json.loads(element.proto.json) for element in at.get("bidi_component")]


def graph_data(at: AppTest, index: int = 0) -> dict[str, Any]:
    """The nodes and edges drawn by the ``index``-th graph of the page."""
    page = graphs(at)[index]["html"]
    start = page.index('<script type="application/json" id="atlas-data">')
    body = page[start:].split(">", 1)[1].split("</script>", 1)[0]
    return json.loads(body)


def texts(at: AppTest) -> str:
    """Every piece of text the page shows (titles, Markdown, captions and banners), one per line."""
    parts: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
    ):
        parts += [str(element.value) for element in getattr(at, kind)]
    return "\n".join(parts)


def table_cells(at: AppTest) -> list[str]:
    """Every cell of every table on the page, as text."""
    cells: list[str] = []
    for frame in at.dataframe:
        cells += [str(v) for v in frame.value.to_numpy().ravel().tolist()]
        cells += [str(c) for c in frame.value.columns]
    return cells


def unescape(markdown: str) -> str:
    """Markdown text as the reader sees it (backslash escapes removed)."""
    out, escaped = [], False
    for char in markdown:
        if char == "\\" and not escaped:
            escaped = True
            continue
        out.append(char)
        escaped = False
    return "".join(out)


def page_links(at: AppTest) -> list[tuple[str, str, str]]:
    """Every link to a page of the explorer: its label as read, the page's address and its query."""
    found = []
    for element in at.get("page_link"):
        proto = element.proto
        found.append((unescape(proto.label), proto.page, proto.query_string))
    return found


def source_links(at: AppTest) -> list[tuple[str, str]]:
    """The links to a source's page: label as read and query (``id=...``)."""
    return [(label, query) for label, page, query in page_links(at) if page.endswith("sources")]


def clean(at: AppTest) -> str:
    """What the page says, read as a person reads it (Markdown escapes removed); fails when the page
    shows an exception or an error box."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return unescape(texts(at))


def links_to_review(at: AppTest) -> list[str]:
    """The labels of the links to the review queue (the sidebar's count of what waits)."""
    return [label for label, page, _ in page_links(at) if page.endswith("review")]
