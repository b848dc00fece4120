"""Red team, the command line: whatever the options, ``-p`` values and environment, a command
ends with results or one line of error, never a traceback; text output cannot drive the
terminal and JSON output is always valid JSON."""

from __future__ import annotations

import json
import os
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli import main
from tests.builders import load_graph, node

#: Values people (and attackers) type where a number, a name or a format is expected.
ODD = st.one_of(
    st.sampled_from(
        [
            "nan",
            "NaN",
            "inf",
            "-inf",
            "Infinity",
            "-1",
            "0",
            "1e309",
            "1e-320",
            "0x10",
            "99999999999999999999999",
            "-99999999999999999999999",
            "",
            " ",
            "[]",
            "{}",
            "null",
            "true",
            "\x1b[31m",
            "\u202e",
            "é",
            "%s",
            "--",
            "[" * 50 + "]" * 50,
            "9" * 400,
            "1.5",
            "3",
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=12),
)
#: ``-p`` values: JSON literals of every shape, numbers beyond 64 bits, deep nesting, plain text.
PARAM_VALUE = st.one_of(
    ODD,
    st.recursive(
        st.one_of(
            st.integers(min_value=-(10**25), max_value=10**25), st.floats(), st.text(max_size=5), st.none()
        ),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
        max_leaves=12,
    ).map(lambda v: json.dumps(v)),
    st.integers(min_value=1, max_value=3000).map(lambda n: "[" * n + "]" * n),
)
QUERIES = st.sampled_from(
    [
        "RETURN $x AS x",
        "RETURN 1 AS one",
        "MATCH (n:Entity) RETURN n LIMIT 3",
        "RETURN [0.0/0.0, 1.0/0.0, -1.0/0.0] AS odd",
        "RETURN 'a\\u001b[2Jb\\u202e' AS name",
        "RETURN " + "(" * 200 + "1" + ")" * 200,
        "CREATE (n:X) RETURN n",
        "RETURN",
        "RETURN $missing",
    ]
)
SAVED = st.sampled_from(["cluster_members", "multi_country_companies", "board_seats", "entity_facts", "nope"])
ENTITY = st.one_of(st.sampled_from(["biocom", "Neuroservices", "bio", "zzz", "FR", "eurobiomed"]), ODD)


def options(*names: str) -> st.SearchStrategy[list[str]]:
    """Some of ``names``, each with an odd or plain value."""
    return st.lists(st.tuples(st.sampled_from(names), ODD), max_size=3).map(
        lambda pairs: [part for name, value in pairs for part in (name, value)]
    )


PARAMS = st.lists(
    st.tuples(st.sampled_from(["x", "cluster", "min_countries", "entity", "", "x y"]), PARAM_VALUE),
    max_size=2,
).map(lambda pairs: [part for k, v in pairs for part in ("-p", f"{k}={v}")])
FORMAT = st.sampled_from(
    [[], ["--format", "json"], ["--format", "csv"], ["--format", "table"], ["--format", "x"]]
)

COMMANDS = (
    st.one_of(
        st.tuples(
            st.just(["cypher"]), QUERIES.map(lambda q: [q]), PARAMS, options("--timeout", "--limit"), FORMAT
        ),
        st.tuples(
            st.just(["query"]), SAVED.map(lambda q: [q]), PARAMS, options("--timeout", "--limit"), FORMAT
        ),
        st.tuples(st.just(["search"]), ENTITY.map(lambda e: [e]), options("--limit"), st.just([]), FORMAT),
        st.tuples(
            st.just(["paths"]),
            st.tuples(ENTITY, ENTITY).map(list),
            options("--k", "--max-hops", "--avoid", "--timeout", "--lang", "--weights"),
            st.sampled_from([[], ["--active-only"]]),
            st.sampled_from([[], ["--format", "json"], ["--format", "text"]]),
        ),
        st.tuples(
            st.just(["brokers"]),
            st.tuples(ENTITY, ENTITY).map(lambda pair: ["--between", *pair]),
            options("--top", "--max-hops", "--sample", "--timeout", "--lang"),
            st.just([]),
            st.sampled_from([[], ["--format", "json"]]),
        ),
        st.tuples(st.just(["weights"]), st.just([]), options("--weights"), st.just([]), FORMAT),
        st.tuples(
            st.just(["db"]), st.sampled_from([["status"], ["env"]]), st.just([]), st.just([]), st.just([])
        ),
    )
    .map(lambda parts: [arg for part in parts for arg in part])
    .filter(lambda argv: "\x00" not in "".join(argv))
)

ENVIRONMENT = st.dictionaries(
    st.sampled_from(
        [
            "EXPLORER_QUERY_TIMEOUT",
            "EXPLORER_UI_TIMEOUT",
            "EXPLORER_ROW_CAP",
            "EXPLORER_LAYOUTS",
            "EXPLORER_RESULT_SIZE",
            "EXPLORER_WEIGHTS",
            "NEO4J_DATABASE",
            "NEO4J_URI",
        ]
    ),
    ODD.filter(lambda v: "\x00" not in v),  # no environment can hold a NUL
    max_size=2,
)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as ended:
        main(argv)
    out, err = capsys.readouterr()
    code = ended.value.code
    return (code if isinstance(code, int) else 0), out, err


def check_outcome(argv: list[str], code: int, out: str, err: str) -> None:
    assert code in (0, 1, 2, 3), (argv, code, err)
    assert "Traceback" not in err and "Traceback" not in out, (argv, err)
    if code != 0:
        lines = err.strip().splitlines()
        assert lines and lines[-1 if lines[0].startswith("note:") else 0].startswith("error: "), (argv, err)
        errors = [line for line in lines if not line.startswith(("note:", "  "))]
        assert len(errors) == 1, (argv, err)
    if code == 0 and "--format" in argv and argv[argv.index("--format") + 1] == "json":
        json.loads(out)
    shown = err if "csv" in argv else out + err  # CSV is data: kept as it is, unless to a terminal
    assert "\x1b" not in shown and "\u202e" not in shown, (argv, out, err)


@pytest.fixture
def small_world(empty_db, settings, tmp_path):
    load_graph(
        empty_db,
        settings,
        tmp_path / "world",
        [
            node("biocom", "Cluster", "Biocom", country="US"),
            node("eurobiomed", "Cluster", "Eurobiomed", country="FR"),
            node("neuroservices", "Company", "Neuroservices", country="FR"),
            node("escape", "Company", "Esc\x1b[2JCo\u202e", country="FR"),
        ],
        [],
    )
    return empty_db


@settings(
    max_examples=int(os.environ.get("REDTEAM_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=COMMANDS, env=ENVIRONMENT)
def test_any_command_ends_in_results_or_one_line_of_error(small_world, capsys, argv, env):
    if "NEO4J_URI" in env:
        env["NEO4J_URI"] = env["NEO4J_URI"] if not env["NEO4J_URI"].strip() else "bolt://127.0.0.1:1"
    with mock.patch.dict(os.environ, env):
        code, out, err = run(argv, capsys)
    check_outcome(argv, code, out, err)


@pytest.mark.parametrize(
    "argv",
    [
        ["cypher", "RETURN $x AS x", "-p", "x=99999999999999999999999"],
        ["cypher", "RETURN $x AS x", "-p", "x=" + "[" * 100_000 + "]" * 100_000],
        ["cypher", "RETURN 1", "--timeout", "inf"],
        ["cypher", "RETURN 1", "--timeout", "nan"],
        ["query", "multi_country_companies", "-p", "min_countries=99999999999999999999"],
        ["paths", "biocom", "eurobiomed", "--k", "99999999999999999999"],
        ["brokers", "--between", "FR", "US", "--sample", "nan"],
    ],
)
def test_the_reported_cases_give_one_line(small_world, capsys, argv):
    code, out, err = run(argv, capsys)
    assert code in (1, 2)
    check_outcome(argv, code, out, err)


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "0", "1e999", "ten"])
@pytest.mark.parametrize("name", ["EXPLORER_QUERY_TIMEOUT", "EXPLORER_UI_TIMEOUT"])
def test_a_time_limit_that_is_not_one_is_refused_in_one_line(small_world, capsys, name, value):
    with mock.patch.dict(os.environ, {name: value}):
        code, _, err = run(["cypher", "RETURN 1"], capsys)
    assert code == 2
    assert err.strip() == (
        f"error: {name} must be a number of seconds above 0 and at most 86,400, not {value!r}"
    )


def test_names_with_terminal_controls_are_written_out(small_world, capsys):
    code, out, _ = run(["search", "Esc"], capsys)
    assert code == 0 and "Esc\\x1b[2JCo\\u202e" in out
    code, out, _ = run(["cypher", "MATCH (n {id: 'escape'}) RETURN n.name AS name"], capsys)
    assert code == 0 and "Esc\\x1b[2JCo\\u202e" in out
    code, out, _ = run(
        ["cypher", "MATCH (n {id: 'escape'}) RETURN n.name AS name", "--format", "json"], capsys
    )
    assert json.loads(out) == [{"name": "Esc\x1b[2JCo\u202e"}] and "\x1b" not in out
    code, out, _ = run(["paths", "escape", "neuroservices"], capsys)
    assert code == 0 and "\x1b" not in out and "Esc\\x1b[2JCo" in out


def test_non_finite_numbers_in_json_output_are_strings(small_world, capsys):
    code, out, _ = run(["cypher", "RETURN [0.0/0.0, 1.0/0.0, -1.0/0.0] AS odd", "--format", "json"], capsys)
    assert code == 0 and json.loads(out) == [{"odd": ["NaN", "Infinity", "-Infinity"]}]


@pytest.mark.parametrize(
    "uri", ["http://example.invalid", "bolt://[::1", "nonsense", "bolt://127.0.0.1:99999"]
)
def test_a_malformed_neo4j_uri_is_one_line(capsys, uri):
    with mock.patch.dict(os.environ, {"NEO4J_URI": uri}):
        code, out, err = run(["cypher", "RETURN 1"], capsys)
    assert code in (2, 3)
    check_outcome(["cypher"], code, out, err)
