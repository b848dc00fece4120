"""The domain model: one table of kinds and types, and the helpers built on it."""

import pytest

from explorer import countries, model


def test_every_organisation_kind_carries_the_organization_label():
    for kind in ("Cluster", "Company", "Institute"):
        assert model.labels_of(kind) == (kind, "Entity", "Organization")
    assert model.labels_of("Person") == ("Person", "Entity")
    assert model.labels_of("Source") == ("Source",)


@pytest.mark.parametrize(
    "word, kind",
    [
        ("company", "Company"),
        ("Entreprise", "Company"),
        ("pôle", "Cluster"),
        ("INSTITUT", "Institute"),
        ("personne", "Person"),
        ("ville", "City"),
        ("Pays", "Country"),
    ],
)
def test_kinds_are_read_in_english_and_french(word, kind):
    assert model.parse_kind(word) == kind


@pytest.mark.parametrize(
    "word, rtype",
    [
        ("MEMBER_OF", "MEMBER_OF"),
        ("member of", "MEMBER_OF"),
        ("R&D partner", "RD_PARTNER"),
        ("board-seat", "BOARD_SEAT"),
        ("partner_of", "PARTNER_OF"),
        ("Partenaire R&D", "RD_PARTNER"),
        ("membre de", "MEMBER_OF"),
        ("siège au conseil de", "BOARD_SEAT"),
        ("dirige", "LEADS"),
    ],
)
def test_relationship_types_are_read_loosely(word, rtype):
    assert model.parse_rel_type(word) == rtype


def test_unknown_words_are_not_guessed():
    assert model.parse_kind("spaceship") is None
    assert model.parse_rel_type("LIKES") is None
    assert model.parse_rel_type("of") is None
    assert model.parse_status("maybe") is None
    assert model.parse_evidence("rumour") is None


def test_statuses_and_evidence_accept_french():
    assert model.parse_status("Prévu") == "planned"
    assert model.parse_status("proposé") == "proposed"
    assert model.parse_status("en cours") == "active"
    assert model.parse_evidence("déduit") == "inferred"


def test_only_partnerships_and_contacts_are_symmetric():
    assert {"RD_PARTNER", "PARTNER_OF", "IN_CONTACT"} == model.SYMMETRIC_TYPES


def test_identifiers_are_quoted_only_from_the_allow_list():
    assert model.label("Company") == "`Company`"
    assert model.rel_type("MEMBER_OF") == "`MEMBER_OF`"
    with pytest.raises(ValueError, match="not a label"):
        model.label("Company`) DETACH DELETE (n")
    with pytest.raises(ValueError, match="not a relationship type"):
        model.rel_type("KNOWS")


def test_fold_ignores_case_and_accents():
    assert model.fold("Emilie Royère") == "emilie royere"
    assert model.fold("ÉTATS-UNIS") == "etats-unis"


def test_slugify_makes_stable_ids():
    assert model.slugify("Aix-en-Provence") == "aix-en-provence"
    assert model.slugify("Institut Paoli Calmettes") == "institut-paoli-calmettes"
    assert model.slugify("  Émilie  Royère ") == "emilie-royere"


def test_slugify_writes_letters_in_latin_rather_than_dropping_them():
    assert model.slugify("Søren Ørsted") == "soren-orsted"
    assert model.slugify("Trine Winterø") == "trine-wintero"
    assert model.slugify("Straße") == "strasse"
    assert model.slugify("Łódź") == "lodz"
    assert model.slugify("Cœur Æther") == "coeur-aether"
    # ids from names without such letters are unchanged
    assert model.slugify("Kristina Åkesson") == "kristina-akesson"
    assert model.slugify("Biomed Alliance") == "biomed-alliance"


@pytest.mark.parametrize(
    "given, code",
    [
        ("FR", "FR"),
        ("france", "FR"),
        ("États-Unis", "US"),
        ("USA", "US"),
        ("Japon", "JP"),
        ("uk", "GB"),
        ("de", "DE"),
        ("kr", "KR"),
        ("qa", "QA"),
    ],
)
def test_country_codes_from_names_and_codes(given, code):
    assert countries.country_code(given) == code


def test_unknown_country_names_are_refused():
    assert countries.country_code("Atlantis") is None


def test_membership_weakens_as_the_cluster_grows():
    assert model.crowd_factor(None) == 1.0
    assert model.crowd_factor(10) == 1.0
    assert model.crowd_factor(80) == pytest.approx(0.5)
    assert model.crowd_factor(850) < 0.2


def test_every_relationship_type_names_known_kinds_and_a_strength_in_range():
    for rtype in model.REL_TYPES.values():
        assert rtype.sources <= set(model.KINDS) and rtype.targets <= set(model.KINDS)
        assert 0 < rtype.strength <= 1
        assert rtype.en and rtype.fr


def test_every_kind_has_english_and_french_names_and_a_colour():
    for kind in model.KINDS.values():
        assert kind.en and kind.fr and kind.colour.startswith("#")


@pytest.mark.parametrize(
    ("text", "choices", "found"),
    [
        ("Frnace", ["Germany", "France", "Finland"], ["France"]),
        ("ROYERE", ["Emilie Royère", "Royère"], ["Royère", "Emilie Royère"]),
        ("cluster_membres", ["cluster_members", "board_seats", "pipeline"], ["cluster_members"]),
        ("zzz", ["France"], []),
    ],
)
def test_closest_finds_misspellings_ignoring_case_and_accents(text, choices, found) -> None:
    assert model.closest(text, choices) == found


def test_closest_scores_a_choice_by_its_closest_name_and_keeps_the_order_of_ties() -> None:
    people = {"bb": ("Bruno Buisson", "Buisson"), "er": ("Emilie Royère", "Royère"), "x": ("Xavier",)}
    assert model.closest("buison", people, names=people.__getitem__) == ["bb"]
    assert model.closest("q", ["b", "a", "c"], 2, 0.0) == ["b", "a"]  # all equally far: as given
    assert model.closest("abc", ["abd", "abc", "xbc"], 1) == ["abc"]
