"""Read-only that cannot be tricked: the EXPLAIN check, and the READ transaction beneath it."""

import pytest

from explorer.database.guard import check_plan
from explorer.database.session import read_query
from explorer.errors import InvalidInput, QueryRefused
from tests.conftest import count


def plan(operator: str, details: str = "", children=()) -> dict:
    return {"operatorType": f"{operator}@neo4j", "args": {"Details": details}, "children": list(children)}


@pytest.mark.parametrize(
    "query_type, message",
    [
        ("w", "writes to the graph"),
        ("rw", "writes to the graph"),
        ("s", "administers the server"),
        (None, "plain read"),
    ],
)
def test_anything_but_a_read_query_type_is_refused(query_type, message):
    with pytest.raises(QueryRefused, match=message):
        check_plan(query_type, plan("ProduceResults"))


def test_load_csv_is_refused_even_deep_in_the_plan():
    deep = plan("ProduceResults", children=[plan("Apply", children=[plan("Argument"), plan("LoadCSV", "l")])])
    with pytest.raises(QueryRefused, match="LOAD CSV"):
        check_plan("r", deep)


def test_procedures_must_be_on_the_allow_list():
    check_plan("r", plan("ProcedureCall", "db.labels() :: (label :: STRING)"))
    with pytest.raises(QueryRefused, match=r"dbms\.listConfig is not on the read-only allow-list"):
        check_plan("r", plan("ProcedureCall", "dbms.listConfig($x) :: (name :: STRING)"))


@pytest.mark.parametrize(
    "operator", ["ShowTransactions", "TerminateTransactions", "ShowSettings", "AdministrationCommand"]
)
def test_administration_operators_are_refused(operator):
    with pytest.raises(QueryRefused, match="administration command"):
        check_plan("r", plan("ProduceResults", children=[plan(operator)]))


def test_schema_listings_are_allowed():
    check_plan("r", plan("ProduceResults", children=[plan("ShowIndexes")]))


#: Writes, schema and admin commands and file reads: each must be refused and change nothing.
HOSTILE = [
    "CREATE (n:Company {id: 'x', name: 'x'})",
    "MERGE (n:Company {id: 'x'})",
    "MATCH (n:Cluster) SET n.name = 'hacked'",
    "MATCH (n:Cluster) REMOVE n.name",
    "MATCH (n:Person) DELETE n",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Cluster) SET n:Hacked",
    "FOREACH (x IN [1] | CREATE (:Company {id: 'y'}))",
    "MATCH (n:Cluster) CALL (n) { SET n.x = 1 } RETURN n",
    "MATCH (n) RETURN n.id AS id UNION CALL db.createLabel('Evil') RETURN 1 AS id",
    "CREATE INDEX evil FOR (n:Company) ON (n.name)",
    "DROP CONSTRAINT entity_id",
    "DROP INDEX entity_names",
    "CREATE CONSTRAINT evil FOR (n:X) REQUIRE n.id IS UNIQUE",
    "CALL db.createLabel('Evil')",
    "CALL db.createProperty('evil')",
    "CALL db.clearQueryCaches()",
    "CALL dbms.listConfig()",
    "CALL db.checkpoint()",
    "SHOW USERS",
    "SHOW TRANSACTIONS",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "SHOW SETTINGS",
    "CREATE USER evil SET PASSWORD 'evil-password-1'",
    "ALTER USER neo4j SET PASSWORD 'changed-password'",
    "CREATE DATABASE evil",
    "STOP DATABASE neo4j",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS line RETURN line",
    "CALL { LOAD CSV FROM 'file:///etc/hostname' AS line RETURN line } RETURN line",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_are_refused_and_change_nothing(seeded_db, settings, query):
    before = (
        count(seeded_db, settings),
        count(seeded_db, settings, "MATCH ()-[r]->() RETURN count(r)"),
        count(seeded_db, settings, "SHOW INDEXES YIELD name RETURN count(name)"),
    )
    with pytest.raises((QueryRefused, InvalidInput)):
        read_query(seeded_db, settings, query)
    after = (
        count(seeded_db, settings),
        count(seeded_db, settings, "MATCH ()-[r]->() RETURN count(r)"),
        count(seeded_db, settings, "SHOW INDEXES YIELD name RETURN count(name)"),
    )
    assert after == before


@pytest.mark.parametrize("query", [q for q in HOSTILE[:10]])
def test_writes_are_refused_by_the_read_transaction_even_without_the_check(seeded_db, settings, query):
    with pytest.raises(QueryRefused):
        read_query(seeded_db, settings, query, check=False)


@pytest.mark.parametrize(
    "query",
    [
        "CALL db.labels()",
        "SHOW INDEXES",
        "CALL db.index.fulltext.queryNodes('entity_names', 'biocom') YIELD node RETURN node.name AS name",
        "MATCH p = shortestPath((a:Entity {id: 'neuroservices'})-[*..6]-(b:Entity {id: 'bio-japan'})) "
        "RETURN p",
    ],
)
def test_plain_reads_pass(seeded_db, settings, query):
    result = read_query(seeded_db, settings, query)
    assert result.rows


def test_syntax_errors_point_into_the_query_not_the_check(empty_db, settings):
    with pytest.raises(InvalidInput, match=r"column 1 \(offset: 0\)"):
        read_query(empty_db, settings, "MATC (n) RETURN n")
