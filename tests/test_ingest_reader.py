"""Reading articles offline: names linked to the graph or proposed with a kind and country, and
relationships with their sentence, paragraph, status and year. Invented articles, a small
gazetteer standing for the graph (the database is not needed to read)."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer import model
from explorer.errors import UsageError
from explorer.ingest import nlp
from explorer.ingest.cues import CUES_DIR, cues, parse_cues
from explorer.ingest.gazetteer import Known, gazetteer_of
from explorer.ingest.proposals import load_article
from explorer.ingest.reader import Reading, read

GRAPH = [
    (Known("eurobiomed", "Cluster", "Eurobiomed", "FR"), ["Eurobiomed"]),
    (Known("biocom", "Cluster", "Biocom", "US"), ["Biocom"]),
    (Known("bio-japan", "Cluster", "Bio Japan", "JP"), ["Bio Japan", "Japanese biotech network"]),
    (Known("neuroservices", "Company", "Neuroservices", "FR"), ["Neuroservices"]),
    (Known("abreos-biosciences", "Company", "Abreos Biosciences", "US"), ["Abreos Biosciences"]),
    (
        Known("institut-paoli-calmettes", "Institute", "Institut Paoli Calmettes", "FR"),
        ["Institut Paoli Calmettes"],
    ),
    (Known("emilie-royere", "Person", "Emilie Royère", "FR"), ["Emilie Royère"]),
    (Known("marseille", "City", "Marseille", "FR"), ["Marseille"]),
    (Known("nova-bio", "Company", "Nova", "FR"), ["Nova"]),
    (Known("nova-institute", "Institute", "Nova", "DE"), ["Nova"]),
]

FRENCH = (
    "Marseille : la medtech niçoise Vexalis rejoint Eurobiomed\n"
    "\n"
    "La medtech niçoise Vexalis, spécialisée dans les capteurs cardiaques, devient membre du "
    "pôle Eurobiomed. Elle est soutenue par le cluster Biocom depuis 2019.\n"
    "\n"
    "Son PDG, Jean Marchal, a signé un partenariat de recherche avec l'Institut Paoli "
    "Calmettes (IPC). Les équipes de l'IPC testeront les capteurs.\n"
    "\n"
    "L'entreprise va ouvrir une filiale à Osaka l'an prochain. Une alliance avec le réseau Bio "
    "Japan pourrait être proposée.\n"
)

ENGLISH = (
    "Lyon start-up Kalvix opens a Boston office with Biocom's support\n"
    "\n"
    "Lyon-based Kalvix Therapeutics, which develops antibodies for rare diseases, has opened "
    "an office in Boston with the support of BIOCOM, the Californian cluster.\n"
    "\n"
    '"Biocom opened doors for us," said Dr. Laura Penn, chief executive of Kalvix. The company '
    "joined Eurobiomed in 2021 and will open a subsidiary in Osaka next year.\n"
    "\n"
    "Kalvix is also considering a research collaboration with the Japanese biotech network.\n"
)


def reading(text: str, lang: str | None = None) -> Reading:
    return read(load_article(text.encode()), gazetteer_of(GRAPH), lang)  # type: ignore[arg-type]


def entity(found: Reading, name: str):
    matches = [e for e in found.entities if e.name == name or (e.mentions and e.mentions[0].text == name)]
    assert matches, f"{name} not among {[e.name for e in found.entities]}"
    return matches[0]


def ties(found: Reading) -> dict[tuple[str, str, str], object]:
    return {(found.entities[t.start].ref, t.type, found.entities[t.end].ref): t for t in found.ties}


@pytest.fixture(scope="module")
def french() -> Reading:
    return reading(FRENCH)


@pytest.fixture(scope="module")
def english() -> Reading:
    return reading(ENGLISH)


def test_names_link_to_the_graph_whatever_their_case_or_words_around(
    french: Reading, english: Reading
) -> None:
    assert french.lang == "fr" and english.lang == "en"
    assert entity(french, "Eurobiomed").id == "eurobiomed"
    assert entity(french, "Biocom").id == "biocom"  # "le cluster Biocom"
    assert entity(english, "Biocom").id == "biocom"  # "BIOCOM" too
    assert len([e for e in english.entities if e.id == "biocom"]) == 1


def test_an_alias_of_the_graph_links(english: Reading) -> None:
    assert [e.id for e in english.entities if e.id == "bio-japan"] == ["bio-japan"]


def test_an_acronym_the_article_defines_links_as_what_it_stands_for(french: Reading) -> None:
    institute = entity(french, "Institut Paoli Calmettes")
    assert institute.id == "institut-paoli-calmettes" and institute.acronym == "IPC"
    assert {m.text for m in institute.mentions} == {"Institut Paoli Calmettes", "IPC"}


def test_a_name_written_differently_is_linked_for_sure_or_offered(french: Reading) -> None:
    found = reading(
        "Neuro-Services et Abreos Bioscience ont signé un accord de collaboration à Marseille.", "fr"
    )
    assert entity(found, "Neuro-Services").id == "neuroservices" and entity(found, "Neuro-Services").sure
    close = entity(found, "Abreos Bioscience")
    assert close.how == "similar" and [c.id for c in close.candidates] == ["abreos-biosciences"]


def test_a_name_of_several_entities_is_offered_as_choices() -> None:
    found = reading(
        "Nova a rejoint le pôle Eurobiomed, qui compte désormais 300 membres, selon son président.", "fr"
    )
    nova = entity(found, "Nova")
    assert nova.how == "ambiguous" and {c.id for c in nova.candidates} == {"nova-bio", "nova-institute"}


def test_new_entities_are_proposed_with_kind_and_country(french: Reading, english: Reading) -> None:
    vexalis = entity(french, "Vexalis")
    assert (vexalis.id, vexalis.kind, vexalis.country) == (None, "Company", "FR")
    assert vexalis.proposed_id == "vexalis"
    assert entity(french, "Jean Marchal").kind == "Person"
    osaka = entity(french, "Osaka")
    assert (osaka.kind, osaka.country, osaka.proposed_id) == ("City", "JP", "osaka")
    kalvix = entity(english, "Kalvix Therapeutics")
    assert (kalvix.kind, kalvix.id) == ("Company", None)
    assert entity(english, "Laura Penn").kind == "Person"


def test_french_ties_have_their_sentence_paragraph_status_and_year(french: Reading) -> None:
    found = ties(french)
    member = found[("vexalis", "MEMBER_OF", "eurobiomed")]
    assert member.paragraph == 2 and member.status == "active" and member.evidence == "stated"  # type: ignore[attr-defined]
    assert member.quote.startswith("La medtech niçoise Vexalis")  # type: ignore[attr-defined]
    assert found[("vexalis", "SUPPORTED_BY", "biocom")].since == 2019  # type: ignore[attr-defined]
    assert found[("jean-marchal", "LEADS", "vexalis")].properties == {"role": "CEO"}  # type: ignore[attr-defined]
    assert ("vexalis", "RD_PARTNER", "institut-paoli-calmettes") in found
    assert found[("vexalis", "SUBSIDIARY_IN", "osaka")].status == "planned"  # type: ignore[attr-defined]
    assert 0 < min(t.confidence for t in french.ties) <= max(t.confidence for t in french.ties) < 1


def test_english_ties_read_status_from_the_wording(english: Reading) -> None:
    found = ties(english)
    assert found[("kalvix-therapeutics", "SUBSIDIARY_IN", "boston")].status == "active"  # type: ignore[attr-defined]
    assert found[("kalvix-therapeutics", "SUPPORTED_BY", "biocom")].paragraph == 2  # type: ignore[attr-defined]
    assert found[("kalvix-therapeutics", "MEMBER_OF", "eurobiomed")].since == 2021  # type: ignore[attr-defined]
    assert found[("kalvix-therapeutics", "SUBSIDIARY_IN", "osaka")].status == "planned"  # type: ignore[attr-defined]
    assert found[("laura-penn", "LEADS", "kalvix-therapeutics")].status == "active"  # type: ignore[attr-defined]
    assert found[("kalvix-therapeutics", "RD_PARTNER", "bio-japan")].status == "proposed"  # type: ignore[attr-defined]


def test_the_language_models_load_once_per_process(french: Reading, english: Reading) -> None:
    reading(FRENCH)
    reading(ENGLISH)
    assert nlp.loads() == {"en": 1, "fr": 1}
    assert nlp.pipeline("fr") is nlp.pipeline("fr")
    # the page's preload, from any number of sessions, starts one loader and loads nothing again
    first = nlp.preload()
    assert nlp.preload() is first
    first.join(timeout=60)
    assert nlp.loads() == {"en": 1, "fr": 1}


def test_every_relationship_type_has_cues_in_both_languages() -> None:
    for lang in model.LANGS:
        covered = {t for r in cues(lang).relations for t in r.types}
        assert covered == set(model.REL_TYPES) - {"IN_COUNTRY"}, lang


def test_a_bad_cue_file_names_its_problems() -> None:
    document = {"language": "fr", "relation": [{"types": ["OWNS"], "cues": ["possède"]}], "oops": 1}
    with pytest.raises(UsageError, match=r"fr\.toml: .*unknown keys \['oops'\].*OWNS"):
        parse_cues(document, "fr.toml")


def test_the_cue_files_ship_with_the_package() -> None:
    assert {p.name for p in Path(CUES_DIR).glob("*.toml")} >= {
        "fr.toml",
        "en.toml",
        "places.toml",
        "names.toml",
    }


def test_a_since_date_keeps_the_precision_the_article_gives() -> None:
    month = reading(FRENCH.replace("Biocom depuis 2019", "Biocom depuis mars 2019"))
    assert ties(month)[("vexalis", "SUPPORTED_BY", "biocom")].since == "2019-03"  # type: ignore[attr-defined]
    day = reading(
        ENGLISH.replace("joined Eurobiomed in 2021", "has been a member of Eurobiomed since 3 March 2021")
    )
    found = ties(day)[("kalvix-therapeutics", "MEMBER_OF", "eurobiomed")]
    assert found.since == "2021-03-03"  # type: ignore[attr-defined]
    month = reading(ENGLISH.replace("joined Eurobiomed in 2021", "joined Eurobiomed in March 2021"))
    assert ties(month)[("kalvix-therapeutics", "MEMBER_OF", "eurobiomed")].since == "2021-03"  # type: ignore[attr-defined]
