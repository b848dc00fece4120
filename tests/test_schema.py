"""The schema: a uniqueness constraint on id for every label, and a folding full-text index."""

from explorer import model
from explorer.database.writing import Schema, apply_schema


def test_every_label_of_the_model_has_a_uniqueness_constraint_in_the_schema():
    text = " ".join(Schema.from_folder().statements)
    for label in [*model.KINDS, model.ENTITY, model.ORGANIZATION]:
        assert f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" in text, label


def test_the_schema_is_in_the_database_and_applying_it_again_is_harmless(driver, settings):
    apply_schema(driver, settings)
    apply_schema(driver, settings)
    records, _, _ = driver.execute_query(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN labelsOrTypes[0] AS label, type",
        database_=settings.database,
    )
    unique = {r["label"] for r in records if r["type"] == "UNIQUENESS"}
    assert unique >= {*model.KINDS, model.ENTITY, model.ORGANIZATION}
    records, _, _ = driver.execute_query(
        "SHOW FULLTEXT INDEXES YIELD name, options RETURN name, options", database_=settings.database
    )
    index = next(r for r in records if r["name"] == "entity_names")
    assert index["options"]["indexConfig"]["fulltext.analyzer"] == "standard-folding"
