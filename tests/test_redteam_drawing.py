"""Red team, the drawing: ids from the data that every JavaScript object already has
("constructor", "__proto__"...) draw like any other, in the pages and in exports."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest

from explorer.database.results import GraphData
from explorer.drawing.export import standalone_html
from explorer.drawing.render import draw
from tests.builders import entity, tie

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():  # pragma: no cover - .ci/run installs it
    pytest.skip("Debian's chromium is not installed (see .ci/run)", allow_module_level=True)

HOSTILE_IDS = ["constructor", "__proto__", "toString", "hasOwnProperty", "\u0001marked", "plain"]


def hostile_graph() -> GraphData:
    return GraphData(
        nodes={i: entity(i, "Company", f"Company {i!r}", source="constructor") for i in HOSTILE_IDS},
        rels={
            "r1": tie("r1", "RD_PARTNER", "constructor", "__proto__", source="__proto__"),
            "r2": tie("r2", "RD_PARTNER", "plain", "constructor", status="toString"),
            "r3": tie("r3", "MEMBER_OF", "\u0001marked", "hasOwnProperty", evidence="valueOf"),
        },
    )


@pytest.fixture(scope="module")
def chromium() -> Any:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


def _open(chromium: Any, path: Path) -> tuple[Any, list[str]]:
    page = chromium.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    return page, errors


def test_hostile_ids_draw_and_report_their_layout_under_their_own_ids(chromium, tmp_path):
    drawing = draw(hostile_graph())
    host = tmp_path / "host.html"
    host.write_text(
        "<!doctype html><script>window.reports = [];"
        "addEventListener('message', e => window.reports.push(e.data));</script>"
        f'<iframe style="width:800px;height:600px" srcdoc="{html.escape(drawing.html)}"></iframe>',
        encoding="utf-8",
    )
    page, errors = _open(chromium, host)
    page.wait_for_function("window.reports.some(r => r.atlas === 'layout')", timeout=60_000)
    report = json.loads(page.evaluate("JSON.stringify(window.reports.find(r => r.atlas === 'layout'))"))
    assert sorted(report["positions"]) == sorted(HOSTILE_IDS)
    frame = page.frames[1]
    assert frame.evaluate("document.body.getAttribute('data-nodes')") == str(len(HOSTILE_IDS))
    assert frame.evaluate("window.atlasNetwork.body.data.edges.get().length") == 3
    assert errors == []


def test_hostile_ids_draw_in_an_exported_page(chromium, tmp_path):
    exported = tmp_path / "export.html"
    exported.write_text(standalone_html(hostile_graph(), title="constructor"), encoding="utf-8")
    page, errors = _open(chromium, exported)
    page.wait_for_selector("body[data-settled='true']", timeout=60_000)
    assert page.evaluate("Object.keys(window.atlasNetwork.getPositions()).length") == len(HOSTILE_IDS)
    assert errors == []
