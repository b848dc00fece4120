"""Loading into the real Neo4j: the seed facts, Excel exports, all-or-nothing and idempotence."""

import pytest

from explorer.errors import InvalidInput
from explorer.loaders import load
from explorer.model import SYMMETRIC_TYPES
from tests.conftest import SEEDS, count


def rel(driver, settings, a, rtype, b):
    """The properties of the one ``rtype`` relationship from a to b (either way when symmetric)."""
    query = (
        "MATCH (a:Entity {id: $a})-[r]-(b:Entity {id: $b}) "
        "WHERE type(r) = $t AND ($symmetric OR startNode(r) = a) RETURN properties(r) AS p"
    )
    records, _, _ = driver.execute_query(
        query, a=a, b=b, t=rtype, symmetric=rtype in SYMMETRIC_TYPES, database_=settings.database
    )
    assert len(records) == 1, f"expected one {a} -{rtype}-> {b}, found {len(records)}"
    return records[0]["p"]


ARTICLE = "article-eurobiomed-biocom"


def test_the_seed_graph_holds_the_articles_facts(seeded_db, settings):
    d, s = seeded_db, settings
    partnership = rel(d, s, "biocom", "PARTNER_OF", "eurobiomed")
    assert partnership["since"] == 2012 and partnership["status"] == "active"
    assert rel(d, s, "abreos-biosciences", "SUBSIDIARY_IN", "marseille")["status"] == "planned"
    assert rel(d, s, "neuroservices", "SUBSIDIARY_IN", "san-diego")["status"] == "active"
    assert rel(d, s, "abreos-biosciences", "RD_PARTNER", "institut-paoli-calmettes")["topic"]
    assert rel(d, s, "abreos-biosciences", "MEMBER_OF", "eurobiomed")["evidence"] == "stated"
    seat = rel(d, s, "bruno-buisson", "BOARD_SEAT", "biocom")
    assert seat["on_behalf_of"] == "eurobiomed" and seat["paragraph"] == 6
    assert rel(d, s, "bruno-buisson", "LEADS", "neuroservices")["role"] == "CEO"
    assert rel(d, s, "emilie-royere", "LEADS", "eurobiomed")["role"] == "Director general"
    assert rel(d, s, "neuroservices", "SUPPORTED_BY", "biocom")["status"] == "active"
    assert rel(d, s, "biocom", "PARTNER_OF", "bio-japan")["kind"] == "twinning"
    for cluster in ("eurobiomed", "biocom", "bio-japan"):
        assert rel(d, s, cluster, "PARTY_TO", "us-france-japan-alliance")["status"] == "proposed"
    assert count(d, s, "MATCH (c:Cluster {id: 'biocom'}) RETURN c.members") == 850


def test_every_seed_relationship_has_source_status_and_evidence(seeded_db, settings):
    records, _, _ = seeded_db.execute_query(
        "MATCH ()-[r]->() RETURN r.source AS source, r.status AS status, r.evidence AS evidence, "
        "r.paragraph AS paragraph",
        database_=settings.database,
    )
    assert len(records) >= 30
    for r in records:
        assert r["source"] == ARTICLE and r["status"] in ("active", "planned", "proposed")
        assert r["evidence"] in ("stated", "inferred") and 1 <= r["paragraph"] <= 10


def test_inferred_seed_facts_are_never_marked_stated(seeded_db, settings):
    assert rel(seeded_db, settings, "neuroservices", "MEMBER_OF", "eurobiomed")["evidence"] == "inferred"
    assert (
        rel(seeded_db, settings, "institut-paoli-calmettes", "LOCATED_IN", "marseille")["evidence"]
        == "inferred"
    )


def test_the_article_is_a_source_cited_by_file_name(seeded_db, settings):
    records, _, _ = seeded_db.execute_query(
        "MATCH (s:Source {id: $id}) RETURN s.file AS file, s.language AS lang",
        id=ARTICLE,
        database_=settings.database,
    )
    assert records[0]["file"] == "000_7fa91fdf62d3938d.txt" and records[0]["lang"] == "fr"


def test_loading_the_same_files_twice_changes_nothing(seeded_db, settings):
    before = count(seeded_db, settings), count(seeded_db, settings, "MATCH ()-[r]->() RETURN count(r)")
    summary = load(seeded_db, settings, [SEEDS])
    assert summary.counts.astuple() == (0, 0, 0, 0)
    after = count(seeded_db, settings), count(seeded_db, settings, "MATCH ()-[r]->() RETURN count(r)")
    assert before == after


def test_a_french_excel_export_loads(empty_db, settings, french_excel_csv):
    summary = load(empty_db, settings, [french_excel_csv])
    assert summary.counts.nodes_created >= 2
    records, _, _ = empty_db.execute_query(
        "MATCH (a:Company {id: 'acme'})-[r:RD_PARTNER]-(b:Institute {id: 'ipc'}) "
        "MATCH (a)-[:LOCATED_IN]->(c:City)-[:IN_COUNTRY]->(k:Country) "
        "RETURN a.name AS name, a.specialite AS spec, r.status AS status, r.since AS since, "
        "r.source AS source, c.name AS city, k.id AS country",
        database_=settings.database,
    )
    row = records[0]
    assert row["name"] == "ACME; Société" and row["spec"] == "Tests\r\nsur deux lignes"
    assert (row["status"], row["since"], row["city"], row["country"]) == (
        "planned",
        2024,
        "Aix-en-Provence",
        "fr",
    )
    assert row["source"] == "file-liens-csv"
    assert count(empty_db, settings, "MATCH (s:Source {id: 'file-liens-csv'}) RETURN count(s)") == 1


def test_symmetric_links_are_stored_once_whichever_way_files_write_them(empty_db, settings, tmp_path):
    (tmp_path / "n.csv").write_text("id,kind,name\na,Company,A\nb,Company,B\n", encoding="utf-8")
    (tmp_path / "l1.csv").write_text("source,target,type\nb,a,RD_PARTNER\n", encoding="utf-8")
    load(empty_db, settings, [tmp_path / "n.csv", tmp_path / "l1.csv"])
    (tmp_path / "l2.csv").write_text(
        "source,target,type,source_ref\na,b,RD_PARTNER,file-l1-csv\n", encoding="utf-8"
    )
    load(empty_db, settings, [tmp_path / "l2.csv"])
    assert count(empty_db, settings, "MATCH ()-[r:RD_PARTNER]->() RETURN count(r)") == 1


BAD_INPUTS = {
    "unknown kind": ("n.csv", "id,kind,name\na,Spaceship,A\n", "unknown kind"),
    "unknown type": ("l.csv", "source,target,type\nbiocom,eurobiomed,LIKES\n", "unknown type"),
    "missing column": ("x.csv", "id,name\na,A\n", "neither a nodes file"),
    "missing value": ("n.csv", "id,kind,name\na,Company,\n", "missing name"),
    "dangling link": ("l.csv", "source,target,type\nbiocom,nowhere,PARTNER_OF\n", "'nowhere' is neither"),
    "bad status": ("l.csv", "source,target,type,status\nbiocom,eurobiomed,PARTNER_OF,soon\n", "bad status"),
    "bad evidence": (
        "l.csv",
        "source,target,type,evidence\nbiocom,eurobiomed,PARTNER_OF,rumour\n",
        "bad evidence",
    ),
    "conflicting duplicates": ("n.csv", "id,kind,name\na,Company,A\na,Company,B\n", "conflicting duplicate"),
    "not utf-8": ("n.csv", None, "not UTF-8"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_reported_and_nothing_is_written(seeded_db, settings, tmp_path, case):
    name, text, message = BAD_INPUTS[case]
    good = tmp_path / "good.csv"
    good.write_text("id,kind,name\nnew-co,Company,New Co\n", encoding="utf-8")
    bad = tmp_path / name
    if text is None:
        bad.write_bytes("id,kind,name\nx,Company,Soci\xe9t\xe9\n".encode("latin-1"))
    else:
        bad.write_text(text, encoding="utf-8")
    before = count(seeded_db, settings), count(seeded_db, settings, "MATCH ()-[r]->() RETURN count(r)")
    with pytest.raises(InvalidInput) as caught:
        load(seeded_db, settings, [good, bad])
    assert any(message in p.message and p.file.endswith(name) for p in caught.value.problems)
    assert all(p.line >= 1 for p in caught.value.problems if p.file.endswith(".csv"))
    after = count(seeded_db, settings), count(seeded_db, settings, "MATCH ()-[r]->() RETURN count(r)")
    assert after == before
    assert count(seeded_db, settings, "MATCH (n {id: 'new-co'}) RETURN count(n)") == 0


def test_a_larger_load_is_written_in_batches_with_progress(empty_db, settings, tmp_path):
    nodes = ["id,kind,name,country"] + [f"c{i},Company,Company {i},FR" for i in range(3000)]
    links = ["source,target,type"] + [f"c{i},c{i + 1},RD_PARTNER" for i in range(2999)]
    (tmp_path / "n.csv").write_text("\n".join(nodes) + "\n", encoding="utf-8")
    (tmp_path / "l.csv").write_text("\n".join(links) + "\n", encoding="utf-8")
    seen: list[tuple[int, int]] = []
    summary = load(empty_db, settings, [tmp_path], batch_size=500, progress=lambda d, t: seen.append((d, t)))
    assert summary.counts.nodes_created == 3000 + 2  # and the two file sources
    assert summary.counts.rels_created == 2999
    assert seen[-1] == (5999, 5999) and len(seen) > 10
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_changed_property_counts_as_updated(seeded_db, settings, tmp_path):
    (tmp_path / "n.csv").write_text(
        "id,kind,name,country,members,source_ref\nbiocom,Cluster,Biocom,US,900,article-eurobiomed-biocom\n",
        encoding="utf-8",
    )
    summary = load(seeded_db, settings, [tmp_path / "n.csv"])
    assert (summary.counts.nodes_created, summary.counts.nodes_updated) == (0, 1)
    assert count(seeded_db, settings, "MATCH (c {id: 'biocom'}) RETURN c.members") == 900


def _leaf_operators(plan) -> set[str]:
    children = plan.get("children") or []
    if not children:
        return {plan["operatorType"].split("@")[0]}
    return set().union(*(_leaf_operators(c) for c in children))


def test_queries_after_a_large_load_seek_by_id(empty_db, settings, tmp_path):
    # Regression: right after a large load, the planner still had the id index sampled as
    # empty, chose a scan of the whole index per looked-up id and cached that plan: paths ran
    # ten times slower until the server happened to resample and replan.
    from explorer.database.session import literal
    from explorer.introductions.reads import Neo4jTies
    from explorer.introductions.weights import load_weights

    with empty_db.session(database=settings.database) as session:
        session.run("CALL db.prepareForReplanning()").consume()  # statistics of an empty graph
    ties = Neo4jTies(empty_db, settings, load_weights())
    query, params = ties._query, {**ties._params, "ids": ["co-1", "co-2"], "low": 0.0, "high": 2.0}
    rows = "".join(f"co-{i},Company,Company {i}\n" for i in range(3000))
    (tmp_path / "nodes.csv").write_text("id,kind,name\n" + rows, encoding="utf-8")
    load(empty_db, settings, [tmp_path / "nodes.csv"])
    with empty_db.session(database=settings.database) as session:
        profile = session.run(literal("PROFILE " + query), params).consume().profile
    assert "NodeUniqueIndexSeek" in _leaf_operators(profile)


def test_a_load_moves_the_data_version_on_and_an_idle_reload_does_not(empty_db, settings) -> None:
    from explorer.database.session import data_version

    assert data_version(empty_db, settings) == ""
    load(empty_db, settings, [SEEDS])
    first = data_version(empty_db, settings)
    assert first
    load(empty_db, settings, [SEEDS])  # changes nothing
    assert data_version(empty_db, settings) == first
    assert count(empty_db, settings, "MATCH (n:DataVersion) RETURN count(n)") == 1
    assert count(empty_db, settings, "MATCH (n:Entity) RETURN count(n)") == 19
