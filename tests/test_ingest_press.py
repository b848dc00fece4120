"""Reading press the way it is written: roles around people, board and bureau lists, titles and
governance words that are not names, events, variants of one company, institutions named after
their place. Invented articles, read against an empty graph (no database needed)."""

from __future__ import annotations

import pytest

from explorer.ingest.gazetteer import gazetteer_of
from explorer.ingest.proposals import load_article
from explorer.ingest.reader import Reading, read

ENGLISH = """Kelora joins the Nordhavn cluster

Boston, March 3 - Kelora Biosystems CEO Joe Marsh said on Monday that Kelora Biosystems has \
joined the Nordhavn Cluster. Gov. Mary Jones welcomed the news at the BIO International Convention.

The board of directors of the Nordhavn Cluster consists of Trine Holm, Aarhus University, \
Søren Lykke, Vexa Pharma A/S, and Anders Berg, Odense University Hospital.

Kelora Inc. was founded in 2015. Kelora will open a subsidiary in Copenhagen.
"""
FRENCH = """Biomedix renouvelle son Bureau

Le pôle Biomedix a tenu son Assemblée Générale le 12 juin à Montpellier. Le Bureau est \
désormais composé de Marie Dupont (Vexalis), Paul Martin (Sanofi) et Claire Petit \
(Université de Montpellier).

Président de Genopole, Pierre Durand a salué cette nouvelle équipe. La société Cytalis SAS, \
membre de Biomedix depuis 2019, va ouvrir une filiale à Boston.
"""


def _read(text: str, lang: str) -> Reading:
    return read(load_article(text.encode()), gazetteer_of([]), lang)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def english() -> Reading:
    return _read(ENGLISH, "en")


@pytest.fixture(scope="module")
def french() -> Reading:
    return _read(FRENCH, "fr")


def names(found: Reading) -> dict[str, str]:
    return {e.name: e.kind for e in found.entities}


def ties(found: Reading) -> set[tuple[str, str, str]]:
    return {(found.entities[t.start].name, t.type, found.entities[t.end].name) for t in found.ties}


def test_roles_before_a_name_are_split_from_the_person_and_the_organisation(english: Reading) -> None:
    assert names(english)["Joe Marsh"] == "Person"
    assert ("Joe Marsh", "LEADS", "Kelora Biosystems") in ties(english)
    assert not [n for n in names(english) if "CEO" in n or n.startswith("Gov")]
    assert names(english)["Mary Jones"] == "Person"  # "Gov." set aside


def test_variants_of_one_company_are_one_entity(english: Reading) -> None:
    kelora = [n for n in names(english) if n.startswith("Kelora")]
    assert kelora == ["Kelora Biosystems"]
    assert ("Kelora Biosystems", "SUBSIDIARY_IN", "Copenhagen") in ties(english)


def test_board_lists_give_board_seats(english: Reading, french: Reading) -> None:
    for person in ("Trine Holm", "Søren Lykke", "Anders Berg"):
        assert (person, "BOARD_SEAT", "Nordhavn Cluster") in ties(english)
    for person in ("Marie Dupont", "Paul Martin", "Claire Petit"):
        assert (person, "BOARD_SEAT", "Biomedix") in ties(french)


def test_ids_keep_their_letters(english: Reading) -> None:
    soren = next(e for e in english.entities if e.name == "Søren Lykke")
    assert soren.ref == "soren-lykke"


def test_events_and_governance_bodies_are_not_names(english: Reading, french: Reading) -> None:
    assert not [n for n in names(english) if "Convention" in n]
    assert not [n for n in names(french) if n in ("Bureau", "Assemblée Générale", "Président")]


def test_institutions_named_after_their_place_keep_it(french: Reading) -> None:
    assert names(french)["Université de Montpellier"] == "Institute"


def test_a_role_phrase_does_not_swallow_its_organisation(french: Reading) -> None:
    assert "Genopole" in names(french)
    assert ("Pierre Durand", "LEADS", "Genopole") in ties(french)
    assert ("Cytalis SAS", "MEMBER_OF", "Biomedix") in ties(french)


def test_a_title_alone_is_not_a_name() -> None:
    found = _read("The Lyon team of Vexa Pharma, led by Dr. Anna Rossi, joined the Nordhavn Cluster.\n", "en")
    assert "Dr" not in names(found) and names(found)["Anna Rossi"] == "Person"


def test_a_page_store_header_line_is_the_address_and_headline_not_text() -> None:
    from explorer.ingest.header import header_line

    body, title = header_line(b"# https://example.org/n/1 | Vexa opens in Lyon | 2024-03-01\nVexa opens.\n")
    assert title == "Vexa opens in Lyon"
    assert body == b"Vexa opens in Lyon\n\nVexa opens.\n"
    assert header_line(b"# A heading\ntext") == (b"# A heading\ntext", None)
