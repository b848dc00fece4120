"""Every page in French, read as a person would: no English word of the explorer's own messages left.

The words looked for are those of the English side of the message tables that the French side does
not use and that no name or text of the seed data holds ("Network", "entities", "Select"...);
a screenshot of each page at 1440×1000 is kept in ``tests/artifacts/``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from explorer import app as app_package
from explorer import i18n, model
from tests.browsing import quiet
from tests.conftest import ARTIFACTS, SEEDS
from tests.test_browser import Explorer, browser, explorer  # noqa: F401 - the fixtures

pytestmark = pytest.mark.browser

#: The pages walked, with a deep link where the page shows more with one (a path, a query run).
PAGES: list[Any] = [
    ("network", "/?focus=eurobiomed"),
    ("paths", "/paths?from=neuroservices&to=bio-japan"),
    ("queries", "/queries?name=cluster_members&cluster=eurobiomed&status=any"),
    ("alliance", "/alliance"),
    ("history", "/history"),
    ("review", "/review"),
    ("article", "/article"),
]
if (Path(app_package.__file__).parent / "views" / "sources.py").exists():
    PAGES.append(("sources", "/sources?id=article-eurobiomed-biocom"))

_WORD = re.compile(r"[^\W\d_]{3,}")
#: Text between backticks and names in capitals are commands and settings, the same in both languages;
#: paths and file names ("links.csv", a source named after its file) are data.
_CODE = re.compile(
    r"`[^`]*`|\b[A-Z][A-Z0-9_]{2,}\b|\{[^}]*\}|\S*/\S*|\b[\w-]+\.(?:csv|ya?ml|txt|md|html?|json)\b"
)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(_CODE.sub(" ", text))}


def _data_words() -> set[str]:
    words: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str):
            words.update(_words(value))

    for path in sorted(Path(SEEDS).glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return words


def english_words() -> set[str]:
    """Words of the English messages that a French page must not show."""
    english = set().union(*(_words(en) for en, _ in i18n.MESSAGES.values()))
    french = set().union(*(_words(fr) for _, fr in i18n.MESSAGES.values()))
    french |= {w for kind in model.KINDS.values() for w in _words(kind.name("fr"))}
    french |= {w for rtype in model.REL_TYPES.values() for w in _words(str(rtype.words("fr")))}
    french |= _words(" ".join(i18n.LANGUAGE_NAMES.values()))  # the switch names each language in itself
    return english - french - _data_words()


#: Icons are drawn from their names ("search", "fact_check"): words to the font, not to readers.
_READ = """() => {
    if (!document.body) return '';
    document.querySelectorAll('[data-testid=stIconMaterial], .material-symbols-rounded, [translate=no]')
        .forEach((icon) => { icon.textContent = ''; });
    return document.body.innerText;
}"""


def visible_text(page: Any) -> str:
    """What the page and its graph frames show (after the screenshot: the icons are emptied)."""
    return "\n".join(frame.evaluate(_READ) for frame in page.frames)


def settle(page: Any) -> None:
    page.locator("h1").first.wait_for(timeout=60_000)
    for frame in page.locator("iframe.atlas-frame").all():
        frame.content_frame.locator("body[data-settled=true]").wait_for(timeout=60_000)
    quiet(page)


def test_the_list_of_english_words_is_built_from_the_messages() -> None:
    words = english_words()
    assert {"legend", "entities", "highlighted"} <= words
    assert "eurobiomed" not in words and "source" not in words


@pytest.mark.parametrize(("name", "path"), PAGES)
def test_every_page_reads_in_french(browser: Any, explorer: Explorer, name: str, path: str) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    try:
        page = context.new_page()
        page.goto(explorer.url + path + ("&" if "?" in path else "?") + "lang=fr")
        settle(page)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"fr-{name}.png"), full_page=True)
        shown = visible_text(page)
        left = sorted(_words(shown) & english_words())
        assert not left, f"English words on the French {name} page: {left}"
    finally:
        context.close()
