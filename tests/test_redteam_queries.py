"""Red team, queries: read-only queries that try to exhaust the database or the client are
stopped or refused in one line, and the real local database answers after each."""

from __future__ import annotations

import contextlib
import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer.database.session import read_query
from explorer.errors import QueryRefused, QueryTimeout
from explorer.introductions.brokers import find_brokers
from explorer.introductions.deadline import Deadline
from explorer.introductions.frontiers import Neighbourhood
from explorer.introductions.paths import search_routes
from explorer.introductions.sources import MemoryTies
from tests.builders import link, load_graph, node
from tests.conftest import ROOT

#: A string doubled 27 times: 1 GiB, built by one expression (memory Cypher does not track).
DOUBLING = "RETURN size(reduce(s='xxxxxxxx', i IN range(1,27) | s+s)) AS n"
#: Two million appends in one expression: minutes of work that no time limit interrupts.
APPENDING = "RETURN size(reduce(s='', i IN range(1,2000000) | s+'a')) AS n"
#: Memory Cypher tracks (an aggregation): the server's per-transaction limit refuses it.
COLLECTING = "UNWIND range(1,100000000) AS x RETURN size(collect(toString(x))) AS n"
#: Forty rows of 16 MB each.
BIG_ROWS = "UNWIND range(1,40) AS i RETURN reduce(s='x', j IN range(1,24) | s+s) AS big"


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    return lines[0]


def answers(cli) -> None:
    """The database answers (a command waits while it restarts)."""
    done = cli("cypher", "RETURN 1 AS x", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [{"x": 1}]


def restarts(neo4j_server) -> int:
    return len(neo4j_server.restarts_since(0))


def test_a_memory_bomb_is_refused_in_one_line_and_the_database_answers_after(cli, neo4j_server):
    before = restarts(neo4j_server)
    done = cli("cypher", DOUBLING)
    assert done.returncode == 1
    assert one_error_line(done).startswith(
        "error: refused: the query needed more memory than the database has; "
        "the local database restarts and answers again in a few seconds"
    )
    answers(cli)
    assert restarts(neo4j_server) == before + 1


def test_a_query_over_the_transaction_memory_limit_is_refused_without_a_restart(cli, neo4j_server):
    before = restarts(neo4j_server)
    done = cli("cypher", COLLECTING)
    assert done.returncode == 1
    assert one_error_line(done) == (
        "error: refused: the query needs more memory than the database allows a query "
        "(db.memory.transaction.max) (narrow it: fewer rows, smaller lists and strings)"
    )
    answers(cli)
    assert restarts(neo4j_server) == before


def test_an_expression_no_time_limit_interrupts_stops_soon_after_its_limit(cli, neo4j_server):
    started = time.monotonic()
    done = cli("cypher", APPENDING, "--timeout", "2")
    elapsed = time.monotonic() - started
    assert done.returncode == 1
    assert one_error_line(done).startswith(
        "error: the query ran past its time limit and could not be stopped there; the local database restarts"
    )
    # it ran four minutes before; now: the limit, the server's check (1 s), the watchdog's grace
    # (5 s), and a loose margin for a busy machine
    assert elapsed < 2 + 1 + 5 + 20
    answers(cli)


def test_a_long_row_loop_is_stopped_by_its_time_limit_without_a_restart(cli, neo4j_server):
    before = restarts(neo4j_server)
    done = cli("cypher", "UNWIND range(1,3000000000) AS x RETURN count(x) AS n", "--timeout", "2")
    assert done.returncode == 1
    assert (
        one_error_line(done)
        == "error: the query was stopped by its time limit (narrow it or raise --timeout)"
    )
    assert restarts(neo4j_server) == before


#: Query text the parser would take minutes on, or a stack overflow, and what the refusal says.
PARSER_BOMBS = {
    "3,000 nested CASE": (
        "RETURN " + "CASE WHEN true THEN " * 3000 + "1" + " ELSE 0 END" * 3000 + " AS n",
        "the query is 93,013 characters long; the limit is 20,000",
    ),
    "300 nested CASE": (
        "RETURN " + "CASE WHEN true THEN " * 300 + "1" + " ELSE 0 END" * 300 + " AS n",
        "the query nests 900 levels deep; the limit is 64",
    ),
    "5,000 parentheses": (
        "RETURN " + "(" * 5000 + "1" + ")" * 5000 + " AS n",
        "the query nests 5,000 levels deep; the limit is 64",
    ),
    "600 lists": (
        "RETURN " + "[" * 600 + "]" * 600 + " AS n",
        "the query nests 600 levels deep; the limit is 64",
    ),
    "200 UNIONs": (
        "RETURN 1 AS n UNION " * 200 + "RETURN 1 AS n",
        "the query joins queries with UNION 200 times; the limit is 32",
    ),
    "500 NOTs": (
        "RETURN " + "NOT " * 500 + "true AS n",
        "the query has NOT or signs in a row 500 times; the limit is 16",
    ),
    "1,000 properties": (
        "WITH {a: 1} AS a RETURN a" + ".a" * 1000 + " AS n",
        "the query chains properties or subscripts 1,000 times; the limit is 32",
    ),
    "5,000 additions": (
        "RETURN 1" + "+1" * 5000 + " AS n",
        "the query joins values with operators 5,000 times; the limit is 256",
    ),
}


@pytest.mark.parametrize("bomb", PARSER_BOMBS)
def test_query_text_too_large_or_deep_to_parse_is_refused_before_it_is_sent(cli, bomb):
    text, refusal = PARSER_BOMBS[bomb]
    done = cli("cypher", text)
    assert done.returncode == 1
    assert one_error_line(done).startswith(f"error: refused: {refusal}")


def test_flat_queries_at_the_text_limits_are_bounded_by_the_time_limit(driver, settings, neo4j_server):
    before = restarts(neo4j_server)
    for text in (
        "RETURN 1" + " + 1" * 256 + " AS n",
        "RETURN 1 AS n UNION " * 32 + "RETURN 1 AS n",
        "RETURN {" + ",".join(f"k{i}: {i}" for i in range(1800)) + "} AS m",
        "RETURN " + "(" * 64 + "1" + ")" * 64 + " AS n",
    ):
        with contextlib.suppress(QueryTimeout):
            read_query(driver, settings, text, timeout=3)
    assert restarts(neo4j_server) == before


def test_huge_rows_are_cut_by_size_and_the_command_stays_small(neo4j_server, tmp_path):
    explorer = str(Path(sys.executable).with_name("explorer"))
    measure = (
        "import resource, subprocess, sys; "
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "sys.stdout.write(done.stdout); sys.stderr.write(done.stderr); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", measure, explorer, "cypher", BIG_ROWS, "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    note, peak_kb = done.stderr.strip().splitlines()
    assert note == (
        "note: only the first 2 rows are shown: the result is larger than 32 MB (EXPLORER_RESULT_SIZE)"
    )
    assert len(json.loads(done.stdout)) == 2
    assert int(peak_kb) < 1024 * 1024  # it took 2.8 GB when only rows were capped


def test_the_pages_and_saved_queries_get_the_same_bounds(driver, settings):
    pages = settings.for_pages()
    with pytest.raises(QueryRefused, match="nests 600 levels deep"):
        read_query(driver, pages, "RETURN " + "[" * 600 + "]" * 600)
    result = read_query(driver, pages, BIG_ROWS)
    assert result.size_cut and result.truncated and len(result.rows) == 2


def test_a_search_for_paths_stops_at_its_deadline_even_while_ranking():
    rnd = random.Random(7)
    strength = {
        f"n{i}": {f"n{rnd.randrange(400)}": rnd.uniform(0.3, 0.9) for _ in range(6)} for i in range(400)
    }
    hood = Neighbourhood(MemoryTies(strength))
    with pytest.raises(QueryTimeout, match=r"the search for paths was stopped by its time limit \(0\.01 s\)"):
        search_routes(hood, "n0", "n1", 50, 8, deadline=_passed(0.01))


def test_brokers_between_big_groups_stop_at_their_time_limit(empty_db, settings, tmp_path):
    rnd = random.Random(11)
    french = [node(f"fr{i}", country="FR") for i in range(600)]
    american = [node(f"us{i}", country="US") for i in range(600)]
    people = [node(f"p{i}", "Person", f"Person {i}") for i in range(300)]
    links = [
        link(f"p{rnd.randrange(300)}", f"{side}{rnd.randrange(600)}", rnd.choice(["LEADS", "BOARD_SEAT"]))
        for side in ("fr", "us")
        for _ in range(2400)
    ]
    unique = list({(lk["source"], lk["target"], lk["type"]): lk for lk in links}.values())
    load_graph(empty_db, settings, tmp_path / "big", french + american + people, unique)
    started = time.monotonic()
    # Stopped by the search's own deadline or by the server's limit on its last read, whichever
    # comes first on a loaded machine: either way within the limit, in one line.
    with pytest.raises(QueryTimeout, match=r"stopped by its time limit"):
        find_brokers(empty_db, settings, "FR", "US", sample=600, max_hops=4, timeout=1)
    assert time.monotonic() - started < 1 + 10


def _passed(seconds: float) -> Deadline:
    deadline = Deadline(seconds, "the search for paths")
    deadline.end = 0.0
    return deadline


@pytest.mark.parametrize(
    "text",
    ["RETURN " + " + ".join(["é"] * 400), "RETURN n" + ".é" * 100, "RETURN " + " OR ".join(["ñandú"] * 400)],
    ids=["operators", "chain", "words"],
)
def test_non_ascii_identifiers_count_toward_the_text_limits(text: str) -> None:
    from explorer.database.guard import check_text
    from explorer.errors import QueryRefused

    with pytest.raises(QueryRefused):
        check_text(text)
