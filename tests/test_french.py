"""French as it is written: contractions, numbers, dates and property names, from one helper each."""

from __future__ import annotations

import pytest

from explorer import i18n, wording
from explorer.i18n.formats import date_text, elide, language_name, number


@pytest.mark.parametrize(
    ("given", "written"),
    [
        ("de Eurobiomed", "d'Eurobiomed"),
        ("De Eurobiomed", "D'Eurobiomed"),
        ("chemins de **Institut Paoli Calmettes**", "chemins d'**Institut Paoli Calmettes**"),
        ("de hôpital", "d'hôpital"),
        ("de Hambourg", "de Hambourg"),
        ("de Yokohama", "de Yokohama"),
        ("de Le Havre", "du Havre"),
        ("à Les Ulis", "aux Ulis"),
        ("afin de le faire", "afin de le faire"),
        ("Inverser de et vers", "Inverser de et vers"),
    ],
)
def test_french_contractions_are_made(given: str, written: str) -> None:
    assert elide(given) == written


def test_messages_and_wording_use_the_contractions() -> None:
    assert wording.de("Eurobiomed") == "d'Eurobiomed"
    two = i18n.count_of(2, "path", "fr")
    assert "2 chemins d'**Eurobiomed**" in i18n.t("paths.found", "fr", paths=two, a="Eurobiomed", b="Biocom")


def test_numbers_are_written_per_language() -> None:
    assert number(0.4587, "fr", ".3g") == "0,459"
    assert number(0.4587, "en", ".3g") == "0.459"
    assert number(12345, "fr") == "12\u202f345"
    assert number(2026, "fr") == "2026"
    rows, seconds = i18n.count_of(3, "row", "fr"), number(0.25, "fr", ".2f")
    assert i18n.t("queries.rows", "fr", rows=rows, seconds=seconds) == "3 lignes en 0,25 s."


def test_numbers_agree_with_their_words_in_both_languages() -> None:
    assert [i18n.count_of(n, "path", "en") for n in (0, 1, 2)] == ["0 paths", "1 path", "2 paths"]
    assert [i18n.count_of(n, "hop", "fr") for n in (0, 1, 2)] == ["0 saut", "1 saut", "2 sauts"]
    assert i18n.count_of(12_345, "row", "fr") == "12\u202f345 lignes"
    assert i18n.count_of(2, "citing_fact", "fr") == "2 faits citent"
    words = [english + french for english, french in i18n.MESSAGES.values()]
    assert not [w for w in words if "(s)" in w or "(y/ies)" in w], "a count written as word(s)"


def test_dates_are_written_per_language() -> None:
    assert date_text("2026-12-03", "fr") == "3 décembre 2026"
    assert date_text("2026-12-01T14:05:00Z", "fr", time=True) == "1er décembre 2026, 14:05"
    assert date_text("2026-12-03", "en") == "3 December 2026"
    assert date_text("not a date", "fr") == "not a date"


def test_languages_are_named_per_language() -> None:
    assert language_name("fr", "en") == "French" and language_name("fr", "fr") == "français"
    assert language_name("EN", "fr") == "anglais" and language_name("pt-BR", "en") == "Portuguese (BR)"
    assert language_name("xx", "fr") == "xx"


def test_property_names_have_french() -> None:
    assert i18n.property_name("region", "fr") == "région"
    assert i18n.property_name("specialty", "fr") == "spécialité"
    assert i18n.property_name("us_state", "fr") == "us state"
