"""Repeated rows in one load: written once, whichever way a symmetric link is written."""

from explorer.loaders import load
from tests.conftest import count


def test_identical_rows_in_one_load_make_one_node_and_one_relationship(empty_db, settings, tmp_path):
    (tmp_path / "n.csv").write_text(
        "id,kind,name,city,country\na,Company,A,Lyon,FR\na,Company,A,Lyon,FR\nb,Institute,B,Lyon,FR\n",
        encoding="utf-8",
    )
    (tmp_path / "l.csv").write_text(
        "source,target,type,topic\na,b,RD_PARTNER,x\nb,a,RD_PARTNER,x\na,b,RD_PARTNER,x\n"
        "a,b,SUPPORTED_BY,\na,b,SUPPORTED_BY,\n",
        encoding="utf-8",
    )
    summary = load(empty_db, settings, [tmp_path])
    assert count(empty_db, settings, "MATCH (n:Entity {id: 'a'}) RETURN count(n)") == 1
    assert count(empty_db, settings, "MATCH (n:City) RETURN count(n)") == 1
    assert count(empty_db, settings, "MATCH ()-[r:RD_PARTNER]->() RETURN count(r)") == 1
    assert count(empty_db, settings, "MATCH ()-[r:SUPPORTED_BY]->() RETURN count(r)") == 1
    assert count(empty_db, settings, "MATCH ()-[r:LOCATED_IN]->() RETURN count(r)") == 2
    assert count(empty_db, settings, "MATCH ()-[r:IN_COUNTRY]->() RETURN count(r)") == 1
    assert summary.counts.rels_created == 2 + 2 + 1
    assert load(empty_db, settings, [tmp_path]).counts.astuple() == (0, 0, 0, 0)


def test_a_link_stated_in_a_file_wins_over_the_one_a_city_column_implies(empty_db, settings, tmp_path):
    (tmp_path / "n.csv").write_text("id,kind,name,city\na,Company,A,Lyon\n", encoding="utf-8")
    (tmp_path / "l.csv").write_text(
        "source,target,type,evidence,paragraph\na,lyon,LOCATED_IN,inferred,3\n", encoding="utf-8"
    )
    load(empty_db, settings, [tmp_path])
    records, _, _ = empty_db.execute_query(
        "MATCH (:Entity {id: 'a'})-[r:LOCATED_IN]->(:City {id: 'lyon'}) "
        "RETURN r.evidence AS e, r.paragraph AS p",
        database_=settings.database,
    )
    assert [(r["e"], r["p"]) for r in records] == [("inferred", 3)]
