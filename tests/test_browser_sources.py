"""Sources in Debian's Chromium: from an entity's details, one click on a fact's source opens its page,
which lists that fact."""

from __future__ import annotations

import pytest

from tests import test_browser as shared
from tests.test_browser import Visit

pytestmark = pytest.mark.browser

# The explorer's browser fixtures: a served explorer on the seeds, Chromium, one visit per test.
explorer, browser, visit = shared.explorer, shared.browser, shared.visit


def test_a_facts_source_is_one_click_away_and_lists_the_fact(visit: Visit) -> None:
    page = visit.page
    page.set_viewport_size({"width": 1440, "height": 1000})
    visit.open("/?focus=institut-paoli-calmettes")
    visit.graph_frame()  # the page has settled
    page.get_by_text("R&D partner of").first.wait_for(timeout=60_000)
    # each fact's card: the block around a link to a source's page (both of the entity's facts drawn)
    links = page.locator("a[data-testid=stPageLink-NavLink][href*='sources?id=']:visible")
    links.nth(1).wait_for(timeout=60_000)
    cards = links.evaluate_all(
        "links => links.filter(a => a.offsetParent !== null).map(a => {"
        " const card = a.closest('[data-testid=stVerticalBlock]');"
        " const box = card.getBoundingClientRect();"
        " return {text: card.innerText, link: a.innerText, right: box.right}; })"
    )
    i = next(i for i, card in enumerate(cards) if "R&D partner of" in card["text"])
    assert cards[i]["right"] <= 1440  # the card wraps inside the screen
    assert "Abreos Biosciences" in cards[i]["text"] and "paragraph 5" in cards[i]["text"]
    assert cards[i]["link"].endswith("Open the source")
    visit.screenshot("entity-facts")
    link = links.nth(i)
    link.click()
    page.wait_for_url("**/sources?id=article-eurobiomed-biocom*", timeout=60_000)
    page.get_by_text("Facts it supports").wait_for(timeout=60_000)
    page.get_by_text("Open Institut Paoli Calmettes in the network").wait_for()
    assert page.get_by_text("R&D partner of").count() >= 1
    visit.screenshot("source")
    assert visit.outside_requests() == []
    assert visit.errors == []
