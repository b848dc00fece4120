"""The sources page in AppTest: one source with its facts by entity, the list, unknown ids, French."""

from __future__ import annotations

import re
from pathlib import Path

import neo4j

from explorer.config import Settings
from explorer.loaders import load
from tests.app_helpers import open_page, page_links, source_links, texts, unescape

ARTICLE = "article-eurobiomed-biocom"


def test_a_source_shows_its_metadata_and_its_facts_grouped_by_entity(seeded_db: neo4j.Driver) -> None:
    at = open_page("sources", id=ARTICLE)
    assert not at.exception
    assert "Eurobiomed and Biocom" in unescape(at.title[0].value)
    shown = unescape(texts(at))
    assert "**Language:** French" in shown and "000_7fa91fdf62d3938d.txt" in shown
    assert "**Publisher:** not known" in shown and "No web address is recorded" in shown
    assert "cite this source, about" in shown
    assert "**— R&D partner of** · **Institut Paoli Calmettes**  \nactive · stated" in shown
    assert "paragraph 5" in shown
    back = [(label, query) for label, page, query in page_links(at) if query.startswith("focus=")]
    assert ("Open Abreos Biosciences in the network", "focus=abreos-biosciences&depth=1") in back
    assert len(back) == len({q for _, q in back}) >= 8  # one link per entity
    assert dict(at.query_params) == {"id": ARTICLE}


def test_without_an_id_every_source_is_listed_with_its_count(seeded_db: neo4j.Driver) -> None:
    at = open_page("sources")
    assert not at.exception
    assert at.title[0].value == "Sources"
    assert [q for _, q in source_links(at)] == [f"id={ARTICLE}"]
    assert re.search(r"\b\d+ facts?\b", unescape(texts(at))) and "1 source." in texts(at)
    assert "(s)" not in texts(at)


def test_an_unknown_id_names_the_closest_sources(seeded_db: neo4j.Driver) -> None:
    at = open_page("sources", id="article-eurobiomed")
    assert not at.exception
    assert "No source has the id article\\-eurobiomed." in texts(at)
    assert f"id={ARTICLE}" in [q for _, q in source_links(at)]


def test_a_source_url_is_a_link_and_its_title_stays_text(
    empty_db: neo4j.Driver, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "s.yaml").write_text(
        "sources:\n  - {id: web, name: Web page, title: '<b>Web</b> page', url: 'https://example.org/a?b=1'}\n"
        "nodes:\n  - {id: acme, kind: Company, name: ACME, source_ref: web}\n",
        encoding="utf-8",
    )
    load(empty_db, settings, [tmp_path / "s.yaml"])
    at = open_page("sources", id="web")
    assert not at.exception
    assert unescape(at.title[0].value) == "<b>Web</b> page"
    (button,) = at.get("link_button")
    assert button.proto.url == "https://example.org/a?b=1"
    assert "ACME" in texts(at)  # recorded from it


def test_french(seeded_db: neo4j.Driver) -> None:
    at = open_page("sources", id=ARTICLE, lang="fr")
    assert not at.exception
    assert "Eurobiomed et Biocom" in unescape(at.title[0].value)
    shown = unescape(texts(at))
    assert "**Éditeur :** inconnu" in shown
    assert "**Date :** inconnue" in shown  # French agrees: la date
    assert "Faits qu'elle appuie" in shown
    assert any(label.startswith("Ouvrir ") for label, _, _ in page_links(at))
