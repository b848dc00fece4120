"""Sources against the real database: one source's metadata and the facts citing it, grouped by
entity; retired facts marked; the list with counts; unknown ids with the closest; the loader's fields."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest

from explorer.config import Settings
from explorer.curation import facts
from explorer.curation.actors import Actor
from explorer.errors import InvalidInput
from explorer.loaders import load
from explorer.model import Source, Tie
from explorer.model.facts import tie_key
from explorer.views import sources
from explorer.views.sources import UnknownSource
from tests.conftest import count

ARTICLE = "article-eurobiomed-biocom"
EDITOR = Actor("eve@example.org", "editor")


def test_the_seed_source_has_its_title_language_and_file(seeded_db: neo4j.Driver, settings: Settings) -> None:
    page = sources.read_source(seeded_db, settings, ARTICLE)
    source = page.source
    assert "Eurobiomed" in source.title("en") and "Eurobiomed" in source.title("fr")
    assert source.title("en") != source.title("fr")
    assert (source.language, source.file) == ("fr", "000_7fa91fdf62d3938d.txt")
    assert source.url is None  # none is recorded, and none is made up


def test_every_fact_citing_the_source_is_read_grouped_by_the_entity_it_starts_from(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    page = sources.read_source(seeded_db, settings, ARTICLE)
    cited = count(
        seeded_db, settings, f"MATCH (:Entity)-[r]->(:Entity) WHERE r.source = '{ARTICLE}' RETURN count(r)"
    )
    assert page.total == page.shown == cited >= 30 and not page.truncated
    assert all(f.start.id == g.entity.id for g in page.groups for f in g.facts)
    assert len({g.entity.id for g in page.groups}) == len(page.groups)
    abreos = next(g for g in page.groups if g.entity.id == "abreos-biosciences")
    partner = next(f for f in abreos.facts if f.tie.type == "RD_PARTNER")
    assert partner.end.id == "institut-paoli-calmettes" and partner.paragraph == 5 and not partner.retired
    # the article's entities are recorded from it too
    assert "biocom" in {e.id for e in page.entities} and page.entities_total >= len(page.entities)


def test_a_retired_fact_is_listed_as_retired(seeded_db: neo4j.Driver, settings: Settings) -> None:
    facts.retire(
        seeded_db, settings, EDITOR, tie_key("bruno-buisson", "BOARD_SEAT", "biocom"), reason="left the board"
    )
    page = sources.read_source(seeded_db, settings, ARTICLE)
    live = {f.tie.identity for g in page.groups for f in g.facts}
    assert ("bruno-buisson", "BOARD_SEAT", "biocom") not in live
    (retired,) = [f for f in page.retired if f.tie.type == "BOARD_SEAT"]
    assert retired.retired and retired.start.name == "Bruno Buisson" and retired.tie.properties["retired_at"]


def test_the_row_cap_cuts_the_facts_and_still_counts_them(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    small = settings.__class__(**{**settings.__dict__, "row_cap": 5})
    page = sources.read_source(seeded_db, small, ARTICLE)
    assert page.shown == 5 and page.total >= 30 and page.truncated


def test_an_unknown_id_names_the_closest_sources(seeded_db: neo4j.Driver, settings: Settings) -> None:
    with pytest.raises(UnknownSource, match="no source matches 'article-eurobiomed'") as raised:
        sources.read_source(seeded_db, settings, "article-eurobiomed")
    assert [s.id for s in raised.value.sources][:1] == [ARTICLE]
    assert ARTICLE in (raised.value.hint or "")


def test_a_source_is_found_by_its_file_name_too(seeded_db: neo4j.Driver, settings: Settings) -> None:
    assert sources.read_source(seeded_db, settings, "000_7FA91FDF62D3938D.txt").source.id == ARTICLE


def test_the_list_counts_the_facts_of_each_source(
    seeded_db: neo4j.Driver, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "links.csv").write_text(
        "source,target,type\nneuroservices,biocom,MEMBER_OF\n", encoding="utf-8"
    )
    load(seeded_db, settings, [tmp_path / "links.csv"])
    found, cut = sources.list_sources(seeded_db, settings)
    counts = {item.source.id: item.facts for item in found}
    assert counts["file-links-csv"] == 1 and counts[ARTICLE] >= 30 and not cut


def test_source_fields_load_from_yaml_and_csv_and_loading_twice_changes_nothing(
    empty_db: neo4j.Driver, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "s.yaml").write_text(
        "sources:\n"
        "  - {id: report-1, name: Annual report, title: Annual report 2024, publisher: ACME Press,\n"
        "     date: 2024-05-14, language: en, url: 'https://example.org/report'}\n",
        encoding="utf-8",
    )
    (tmp_path / "nodes.csv").write_text(
        "id;kind;name;title;publisher;date;language;url\n"
        "note-2;Source;Meeting notes;Notes du 3 mars;Cluster Atlas;2025;fr;\n",
        encoding="utf-8",
    )
    files = [tmp_path / "s.yaml", tmp_path / "nodes.csv"]
    load(empty_db, settings, files)
    report = sources.read_source(empty_db, settings, "report-1").source
    assert (report.title(), report.publisher, report.date) == (
        "Annual report 2024",
        "ACME Press",
        "2024-05-14",
    )
    assert (report.language, report.url) == ("en", "https://example.org/report")
    notes = sources.read_source(empty_db, settings, "note-2").source
    assert (notes.title(), notes.date, notes.url) == ("Notes du 3 mars", "2025", None)
    assert load(empty_db, settings, files).counts.astuple() == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("url", "problem"),
    [("javascript:alert(1)", "not a web address"), ("https://exa mple.org", "not a web address")],
)
def test_a_source_url_that_is_not_a_web_address_is_refused(
    empty_db: neo4j.Driver, settings: Settings, tmp_path: Path, url: str, problem: str
) -> None:
    (tmp_path / "s.yaml").write_text(
        f"sources:\n  - {{id: bad, name: Bad, url: '{url}'}}\n", encoding="utf-8"
    )
    with pytest.raises(InvalidInput) as caught:
        load(empty_db, settings, [tmp_path / "s.yaml"])
    assert [(p.line, problem in p.message) for p in caught.value.problems] == [(2, True)]
    assert count(empty_db, settings) == 0


def test_a_citation_says_title_publisher_date_and_paragraph() -> None:
    source = Source("s", {"title": "Report", "title_fr": "Rapport", "publisher": "P", "date": "2024"})
    tie = Tie("MEMBER_OF", "a", "b", {"source": "s", "paragraph": 4})
    assert sources.citation_label(tie, source, "en") == "Report — P, 2024 · paragraph 4"
    assert sources.citation_label(tie, source, "fr") == "Rapport — P, 2024 · paragraphe 4"
    paged = Tie("MEMBER_OF", "a", "b", {"source": "gone", "page": 12})
    assert sources.citation_label(paged, None, "en") == "gone · page 12"


def test_source_names_are_given_in_the_readers_language(seeded_db: neo4j.Driver, settings: Settings) -> None:
    from explorer.introductions.paths import find_paths
    from explorer.views import network

    cited = find_paths(seeded_db, settings, "neuroservices", "bio-japan", k=1).sources
    english = {i: s.title("en") for i, s in cited.items()}
    french = {i: s.title("fr") for i, s in cited.items()}
    assert set(english) == {ARTICLE} and english[ARTICLE] != french[ARTICLE]
    assert french[ARTICLE].startswith("Eurobiomed et Biocom")
    view = network.fetch_view(seeded_db, settings, network.View(), "fr")
    assert view.sources[ARTICLE].startswith(french[ARTICLE])
    assert network.source_names(seeded_db, settings, [ARTICLE], "en")[ARTICLE].startswith(english[ARTICLE])
