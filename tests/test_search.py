"""Finding entities by name through the full-text index, ignoring case and accents."""

import pytest

from explorer.errors import AmbiguousEntity, UnknownEntity
from explorer.resolve import Resolver
from explorer.search import find_entities, lucene_query


def resolve(driver, settings, given):
    return Resolver(driver, settings).entity(given)


@pytest.mark.parametrize(
    "text, name",
    [
        ("royere", "Emilie Royère"),
        ("ROYÈRE", "Emilie Royère"),
        ("emilie", "Emilie Royère"),
        ("paoli", "Institut Paoli Calmettes"),
        ("neuro", "Neuroservices"),
        ("etats-unis", "United States"),
        ("japanese biotech", "Bio Japan"),
    ],
)
def test_search_ignores_case_and_accents_and_matches_word_starts(seeded_db, settings, text, name):
    assert name in [e.name for e in find_entities(seeded_db, settings, text)]


def test_lucene_special_characters_are_escaped():
    assert lucene_query('a:b (c) "d"') is not None
    assert lucene_query("   ") is None


def test_search_for_markup_or_lucene_syntax_finds_nothing_harmlessly(seeded_db, settings):
    assert find_entities(seeded_db, settings, "*:* OR name:[a TO z]") == []
    assert find_entities(seeded_db, settings, "<script>") == []


@pytest.mark.parametrize(
    "given, entity_id",
    [
        ("bruno-buisson", "bruno-buisson"),
        ("Bruno Buisson", "bruno-buisson"),
        ("bruno buisson", "bruno-buisson"),
        ("emilie royere", "emilie-royere"),
        ("BIOCOM", "biocom"),
        ("Bio Japan", "bio-japan"),
    ],
)
def test_resolve_takes_ids_or_names(seeded_db, settings, given, entity_id):
    assert resolve(seeded_db, settings, given).id == entity_id


def test_an_ambiguous_name_lists_the_candidates(seeded_db, settings):
    with pytest.raises(AmbiguousEntity) as caught:
        resolve(seeded_db, settings, "San")
    assert any("San Diego" in c for c in caught.value.candidates)
    assert any("San Francisco" in c for c in caught.value.candidates)


def test_an_unknown_name_suggests_the_closest(seeded_db, settings):
    with pytest.raises(UnknownEntity) as caught:
        resolve(seeded_db, settings, "Neuroservice")
    assert "Neuroservices" in caught.value.suggestions
    with pytest.raises(UnknownEntity):
        resolve(seeded_db, settings, "Zanzibar Pharma")
