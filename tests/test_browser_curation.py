"""The curation loop in Debian's Chromium, as a team lives it: a reader suggests, an editor accepts
from the review queue (its count in the sidebar), the history and the entity panels read as
sentences in English and in French, and a form is empty again after a link is retired.

``explorer serve --sign-in`` runs with a roles file (Rita a reader, Eve an editor) and
``oidc-provider-mock`` as the identity provider (the fixtures of ``test_browser_signin``).
Screenshots at 1440×1000 and 1280×720 are kept in ``tests/artifacts/``.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from explorer.config import Settings
from explorer.curation import facts, history, review
from tests.browsing import quiet
from tests.conftest import ARTIFACTS
from tests.test_browser_french import _words, english_words, visible_text
from tests.test_browser_signin import ARGS, CHROMIUM, Site, sign_in, sign_out, site  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

WAIT = 60_000
BOARD = "tie:bruno-buisson|BOARD_SEAT|biocom"
#: What a page must never show: a Python exception, or an error box.
BROKEN = "[data-testid=stException], [data-testid=stAlertContentError]"


@pytest.fixture
def page(site: Site) -> Iterator[Any]:  # noqa: F811
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 1000})
        # The provider's form links a stylesheet on the internet: nothing leaves the machine.
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if urllib.parse.urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost")
                else route.abort()
            ),
        )
        yield context.new_page()
        context.close()
        browser.close()


def settled(page: Any) -> None:
    """The page has run to its end and stays so for a second (the drawing, once laid out, reports
    its positions: that rerun must be over before a form is used), and shows no error."""
    page.locator("h1").first.wait_for(timeout=WAIT)
    frames = page.locator("iframe.atlas-frame")
    if frames.count():
        page.frame_locator("iframe.atlas-frame").first.locator("body[data-settled=true]").wait_for(
            timeout=WAIT
        )
    quiet(page)
    broken = page.locator(BROKEN)
    assert broken.count() == 0, broken.all_inner_texts()


def shot(page: Any, name: str) -> None:
    """Screenshots at 1440×1000 and 1280×720 (the page re-laid out, then back)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"curation-{name}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 720})
    expect(page.locator(BROKEN)).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / f"curation-{name}-1280.png"))
    page.set_viewport_size({"width": 1440, "height": 1000})


def choose(page: Any, label: str, option: str) -> None:
    """Pick ``option`` in the visible select box labelled ``label``, once the page's reruns are
    over (a rerun redraws the list, and an option it detaches is opened and picked again)."""
    box = page.locator("[data-testid=stSelectbox]:visible").filter(has=page.get_by_text(label, exact=True))
    for attempt in range(3):
        quiet(page)
        box.first.click()
        try:
            page.get_by_role("option").filter(has_text=option).first.click(timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
    expect(box.first.get_by_role("combobox")).to_have_value(re.compile(re.escape(option)), timeout=WAIT)


def field(page: Any, label: str) -> Any:
    return page.locator(f"input[aria-label='{label}']:visible").first


def open_panel(at: Site, page: Any, entity: str, lang: str = "en") -> None:
    page.goto(f"{at.app}/?focus={entity}" + ("&lang=fr" if lang == "fr" else ""))
    history = "History of this entity" if lang == "en" else "Historique de cette entité"
    expect(page.get_by_text(history)).to_be_visible(timeout=WAIT)
    settled(page)


def test_a_reader_suggests_an_editor_accepts_and_everything_reads(
    site: Site,  # noqa: F811
    page: Any,
    driver: neo4j.Driver,
    settings: Settings,
) -> None:
    site.claims("rita@example.org", name="Rita")
    sign_in(site, page, "rita@example.org")
    open_panel(site, page, "biocom")
    page.get_by_text("Suggest a correction").click()
    aliases = field(page, "Other names (separated by ;)")
    aliases.fill("Biocom Californie")
    field(page, "Why (required to edit, retire or merge)").fill("vu sur leur site")
    page.locator("button:visible", has_text="Suggest").first.click()
    expect(page.get_by_text("Sent to the review queue as proposal #")).to_be_visible(timeout=WAIT)
    expect(field(page, "Other names (separated by ;)")).to_have_value("")  # the form is empty again
    (proposal,) = review.open_proposals(driver, settings)
    assert proposal.who == "rita@example.org" and proposal.items[0].what == "edit_entity"
    sign_out(site, page)

    site.claims("eve@example.org", name="Eve")
    sign_in(site, page, "eve@example.org")
    page.get_by_role("link", name="1 item to review").click()
    expect(page.get_by_text("Facts waiting for review")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("aliases: — → Biocom Californie")).to_be_visible(timeout=WAIT)
    settled(page)
    shot(page, "review")
    page.get_by_role("button", name="Accept", exact=True).first.click()
    expect(page.get_by_text("Saved as change #")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("Nothing waits for review.")).to_be_visible(timeout=WAIT)
    assert facts.read_fact(driver, settings, "entity:biocom").props["aliases"] == ["Biocom Californie"]

    for lang, said in (
        ("en", ["Suggested for review: Change Biocom", "Accepted 1 item of proposal"]),
        ("fr", ["Suggestion à relire : Modifier Biocom", "Acceptation de 1 élément de la proposition"]),
    ):
        page.goto(f"{site.app}/history" + ("?lang=fr" if lang == "fr" else ""))
        for sentence in said:
            expect(page.get_by_text(sentence).first).to_be_visible(timeout=WAIT)
        settled(page)
        shot(page, f"history-{lang}")
        if lang == "fr":
            left = sorted(_french_page_words(page) & english_words())
            assert not left, f"English words on the French history: {left}"
        for entity in ("biocom", "bruno-buisson"):
            open_panel(site, page, entity, lang)
            page.get_by_text(
                "History of this entity" if lang == "en" else "Historique de cette entité"
            ).click()
            if entity == "biocom":  # the panel's history says the change in words
                expect(page.get_by_text("Biocom Californie").first).to_be_visible(timeout=WAIT)
            expect(
                page.get_by_text("Export this view" if lang == "en" else "Exporter cette vue")
            ).to_be_visible()
            expect(
                page.get_by_text("Change these facts" if lang == "en" else "Modifier ces faits")
            ).to_be_visible()
            settled(page)
            shot(page, f"panel-{entity}-{lang}")


def _french_page_words(page: Any) -> set[str]:
    """The words a French page shows, people's email addresses left out (they are data)."""
    return _words(re.sub(r"\S+@\S+", " ", visible_text(page)))


def test_an_editor_retires_a_link_and_the_form_is_empty_again(
    site: Site,  # noqa: F811
    page: Any,
    driver: neo4j.Driver,
    settings: Settings,
) -> None:
    site.claims("eve@example.org", name="Eve")
    sign_in(site, page, "eve@example.org")
    open_panel(site, page, "biocom")
    page.get_by_text("Change these facts").click()
    page.get_by_role("tab", name="Retire").click()
    choose(page, "What", "sits on the board of Bruno Buisson")
    why = field(page, "Why (required to edit, retire or merge)")
    why.fill("he left the board")
    page.locator("button:visible", has_text="Retire").last.click()
    expect(page.get_by_text("Saved as change #")).to_be_visible(timeout=WAIT)
    assert not facts.read_fact(driver, settings, BOARD).live
    settled(page)
    page.get_by_role("tab", name="Retire").click()
    box = page.locator("[data-testid=stSelectbox]:visible").filter(has=page.get_by_text("What", exact=True))
    combobox = box.first.get_by_role("combobox")
    expect(combobox).to_have_value("")  # nothing chosen: the placeholder shows
    expect(combobox).to_have_attribute("placeholder", "Choose a link, or the entity itself")
    expect(field(page, "Why (required to edit, retire or merge)")).to_have_value("")
    shot(page, "retired-link")
    (change,) = history.changes(driver, settings, history.Filters(actions=("retire",)))
    assert change.reason == "he left the board" and change.who == "eve@example.org"
    # Choosing the whole entity retires nothing before the second, named click.
    choose(page, "What", "The whole entity Biocom")
    field(page, "Why (required to edit, retire or merge)").fill("closed")
    page.locator("button:visible", has_text="Retire").last.click()
    expect(page.get_by_role("button", name="Yes, retire Biocom and its")).to_be_visible(timeout=WAIT)
    assert facts.read_fact(driver, settings, "entity:biocom").live
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("button", name="Yes, retire Biocom and its")).to_have_count(0, timeout=WAIT)
    sign_out(site, page)
