"""The command line through its real entry point: output formats, exit statuses, one-line errors."""

import json

import pytest

from explorer.localdb.server import free_port
from tests.conftest import SEEDS, count


def test_load_prints_a_summary_and_a_second_load_changes_nothing(empty_db, settings, cli):
    first = cli("load", str(SEEDS))
    assert first.returncode == 0, first.stderr
    assert "nodes:" in first.stdout and "created" in first.stdout
    second = cli("load", str(SEEDS))
    assert second.returncode == 0
    assert "0 created, 0 updated" in second.stdout.splitlines()[1]
    assert "0 created, 0 updated" in second.stdout.splitlines()[2]


def test_a_bad_file_exits_1_with_file_and_line_and_writes_nothing(seeded_db, settings, cli, tmp_path):
    bad = tmp_path / "links.csv"
    bad.write_text(
        "source;target;type;status\nneuroservices;biocom;MEMBER_OF;someday\n"
        "neuroservices;ghost;MEMBER_OF;active\n",
        encoding="utf-8",
    )
    before = count(seeded_db, settings, "MATCH ()-[r]->() RETURN count(r)")
    result = cli("load", str(bad))
    assert result.returncode == 1
    assert f"{bad}:2: bad status 'someday'" in result.stderr
    assert f"{bad}:3: 'ghost' is neither in the database nor in this load" in result.stderr
    assert "Traceback" not in result.stderr
    assert count(seeded_db, settings, "MATCH ()-[r]->() RETURN count(r)") == before


def test_more_than_twenty_problems_are_cut_with_a_count(empty_db, cli, tmp_path):
    bad = tmp_path / "n.csv"
    bad.write_text("id,kind,name\n" + "".join(f"x{i},Spaceship,X\n" for i in range(25)), encoding="utf-8")
    result = cli("load", str(bad))
    assert result.returncode == 1
    assert "error: 25 problems found; nothing was written" in result.stderr
    assert "... and 5 more problems" in result.stderr
    assert result.stderr.count("unknown kind") == 20


def test_cypher_json_is_an_array_of_row_objects(seeded_db, cli):
    result = cli(
        "cypher",
        "MATCH (p:Person)-[:BOARD_SEAT]->(o) RETURN p.name AS person, o.name AS board",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"person": "Bruno Buisson", "board": "Biocom"}]


def test_cypher_takes_parameters(seeded_db, cli):
    result = cli(
        "cypher",
        "MATCH (c:Cluster {id: $id}) RETURN c.members AS members",
        "-p",
        "id=biocom",
        "--format",
        "csv",
    )
    assert result.stdout.splitlines() == ["members", "850"]


def test_nodes_come_out_as_objects_with_id_kind_and_name(seeded_db, cli):
    result = cli("cypher", "MATCH (n:Person {id: 'emilie-royere'}) RETURN n", "--format", "json")
    node = json.loads(result.stdout)[0]["n"]
    assert (node["id"], node["kind"], node["name"]) == ("emilie-royere", "Person", "Emilie Royère")


def test_table_is_the_default_format(seeded_db, cli):
    result = cli("cypher", "MATCH (c:Cluster) RETURN c.name AS name ORDER BY name")
    assert result.stdout.splitlines()[0].strip() == "name"
    assert "Bio Japan" in result.stdout and "(3 rows)" in result.stdout


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (n:Company {id: 'x'})",
        "MATCH (n) DETACH DELETE n",
        "MATCH (n:Cluster) SET n.name = 'hacked'",
        "CREATE INDEX x FOR (n:Company) ON (n.name)",
        "CALL db.createLabel('X')",
        "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    ],
)
def test_writes_are_refused_with_exit_1_and_change_nothing(seeded_db, settings, cli, query):
    before = count(seeded_db, settings), count(seeded_db, settings, "MATCH ()-[r]->() RETURN count(r)")
    result = cli("cypher", query)
    assert result.returncode == 1
    assert result.stderr.startswith("error: refused")
    assert "Traceback" not in result.stderr
    assert (
        count(seeded_db, settings),
        count(seeded_db, settings, "MATCH ()-[r]->() RETURN count(r)"),
    ) == before


def test_a_runaway_query_is_stopped_by_its_timeout(empty_db, cli):
    result = cli(
        "cypher", "UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN count(x)", "--timeout", "2"
    )
    assert result.returncode == 1
    assert "time limit" in result.stderr and "Traceback" not in result.stderr


def test_a_syntax_error_is_one_line(empty_db, cli):
    result = cli("cypher", "MATC (n) RETURN n")
    assert result.returncode == 1
    assert result.stderr.startswith("error: Cypher syntax error") and len(result.stderr.splitlines()) == 1


def test_the_row_cap_cuts_results_with_a_notice(empty_db, cli):
    result = cli("cypher", "UNWIND range(1, 50) AS x RETURN x", "--limit", "10", "--format", "json")
    assert len(json.loads(result.stdout)) == 10
    assert "only the first 10 rows" in result.stderr


def test_query_list_in_json_gives_the_catalogue(cli):
    result = cli("query", "--list", "--format", "json")
    catalogue = json.loads(result.stdout)
    assert len(catalogue) >= 8
    for entry in catalogue:
        assert set(entry) == {"name", "title", "description", "parameters"}
        assert entry["title"] and entry["description"]
    members = next(e for e in catalogue if e["name"] == "cluster_members")
    assert members["parameters"][0] == {
        "name": "cluster",
        "type": "entity",
        "default": "eurobiomed",
        "required": False,
        "help": "the cluster (its id or name)",
        "kinds": ["Cluster"],
    }


def test_a_saved_query_runs_with_parameters(seeded_db, cli):
    result = cli("query", "cluster_members", "-p", "cluster=eurobiomed", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert {r["member"] for r in json.loads(result.stdout)} == {"Abreos Biosciences", "Neuroservices"}


def test_an_unknown_saved_query_is_a_usage_error_with_suggestions(cli):
    result = cli("query", "cluster_member")
    assert result.returncode == 2
    assert "no saved query named 'cluster_member'" in result.stderr and "cluster_members" in result.stderr


def test_a_bad_parameter_value_is_refused(seeded_db, cli):
    result = cli("query", "neighbourhood", "-p", "hops=two")
    assert result.returncode == 1 and "hops must be a whole number" in result.stderr


def test_search_ignores_case_and_accents(seeded_db, cli):
    result = cli("search", "royere", "--format", "json")
    assert json.loads(result.stdout)[0]["name"] == "Emilie Royère"


def test_usage_errors_exit_2(cli):
    assert cli("cypher").returncode == 2
    assert cli("nonsense").returncode == 2
    assert cli("cypher", "RETURN 1", "-p", "novalue").returncode == 2


def test_an_unreachable_database_exits_3_with_the_next_step(cli):
    env = {"NEO4J_URI": f"bolt://127.0.0.1:{free_port()}", "NEO4J_PASSWORD": "x"}
    result = cli("cypher", "RETURN 1", env=env)
    assert result.returncode == 3
    assert result.stderr.startswith("error: cannot reach Neo4j at bolt://127.0.0.1:")
    assert "Traceback" not in result.stderr
    assert cli("load", str(SEEDS), env=env).returncode == 3


def test_a_stopped_local_database_says_to_start_it(cli, tmp_path):
    result = cli("cypher", "RETURN 1", env={"EXPLORER_HOME": str(tmp_path)})
    assert result.returncode == 3
    assert "explorer db start" in result.stderr


def test_wrong_credentials_exit_3(neo4j_server, cli):
    env = {  # not the user neo4j: failed logins would lock it for the other tests
        "NEO4J_URI": f"bolt://127.0.0.1:{neo4j_server.port()}",
        "NEO4J_USERNAME": "intruder",
        "NEO4J_PASSWORD": "wrong-password",
    }
    result = cli("cypher", "RETURN 1", env=env)
    assert result.returncode == 3 and "refused the credentials" in result.stderr


def test_environment_variables_override_the_local_database(neo4j_server, seeded_db, cli, tmp_path):
    env = {
        "EXPLORER_HOME": str(tmp_path),
        "NEO4J_URI": f"bolt://127.0.0.1:{neo4j_server.port()}",
        "NEO4J_USERNAME": "neo4j",
        "NEO4J_PASSWORD": neo4j_server.password(),
        "NEO4J_DATABASE": "neo4j",
    }
    result = cli("cypher", "MATCH (c:Cluster) RETURN count(c) AS n", "--format", "json", env=env)
    assert json.loads(result.stdout) == [{"n": 3}]
