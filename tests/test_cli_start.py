"""The command line starts at once: ``explorer --help`` and the commands that do not touch the
database import neither the driver nor numpy, pandas or pyarrow (timed in
``benchmarks/bench_cli.py``); the help it shows without importing the commands is theirs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import click
import pytest

from explorer.cli import cli
from explorer.cli.lazy import COMMANDS, short_help
from tests.conftest import ROOT

HEAVY = ("neo4j", "numpy", "pandas", "pyarrow", "streamlit")

_PROBE = """
import json, sys
from explorer.cli import main
try:
    main(sys.argv[1:])
except SystemExit as e:
    code = e.code
print(json.dumps({"code": code, "heavy": sorted(set(m.split(".")[0] for m in sys.modules) & set(%r))}))
"""


def _imported(tmp_path, *args: str) -> dict:
    home = tmp_path / "home"
    home.mkdir(mode=0o700, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["EXPLORER_HOME"] = str(home)
    done = subprocess.run(
        [sys.executable, "-c", _PROBE % (HEAVY,), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("--version",),
        ("db", "--help"),
        ("db", "status"),
        ("load", "--help"),
        ("paths", "--help"),
        ("brokers", "--help"),
        ("cypher", "--help"),
        ("search", "--help"),
        ("query", "--list"),
        ("weights",),
        ("ingest", "--help"),
    ],
)
def test_commands_that_do_not_connect_import_no_driver(tmp_path, args):
    found = _imported(tmp_path, *args)
    assert found["heavy"] == [], found
    assert found["code"] in (0, None, 3), found  # db status: 3 when the database is stopped


def test_a_command_that_connects_imports_the_driver_then(tmp_path):
    found = _imported(tmp_path, "cypher", "RETURN 1")
    assert "neo4j" in found["heavy"]


def test_the_help_shown_without_importing_the_commands_is_their_own():
    ctx = click.Context(cli, info_name="explorer")
    assert sorted(COMMANDS) == sorted(n for n in cli.list_commands(ctx) if n != "serve")
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None and command.name == name
        for limit in (40, 86, 500):
            assert command.get_short_help_str(limit) == short_help(name, limit), name
    assert "Run one read-only Cypher QUERY" in cli.get_help(ctx)
