"""The command table, imported on demand: ``explorer --help`` and the commands that do not touch
the database start at once, and only a command that connects pays for the driver (which brings
numpy, pandas and pyarrow with it).

The one-line help of each command is kept here too, so that ``explorer --help`` imports no
command; ``tests/test_cli_start.py`` checks that it is word for word the command's own.
"""

from __future__ import annotations

import importlib

import click

__all__ = ["COMMANDS", "LazyGroup", "short_help"]

#: name -> (module, attribute, one-line help), in the order of ``explorer --help``.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "ask": (
        "explorer.cli.asks",
        "ask_group",
        "Asks for introductions: log one from a path, list them, close one with its outcome, and mark "
        "how willing introducers are (rankings learn from both).",
    ),
    "brokers": (
        "explorer.cli.introductions",
        "brokers_command",
        "The people and organisations that most strong paths between two groups go through "
        "(with --as-of, at that date).",
    ),
    "changes": (
        "explorer.cli.changes",
        "changes_command",
        "What changed from --since to --until: the facts that began or ended then (their since and "
        "until: valid time), and what the records gained, corrected or retired then (the history: "
        "record time), each fact once, with its source and, for records, who and why.",
    ),
    "cypher": (
        "explorer.cli.queries",
        "cypher_command",
        "Run one read-only Cypher QUERY (writes, admin commands and LOAD CSV are refused).",
    ),
    "db": ("explorer.cli.database", "db_group", "Start, stop and locate the managed local Neo4j."),
    "entity": ("explorer.cli.curation", "entity_group", "Entities as a whole."),
    "fact": (
        "explorer.cli.curation",
        "fact_group",
        "Add, correct, confirm and retire facts; read and undo the history.",
    ),
    "ingest": (
        "explorer.cli.ingest",
        "ingest_command",
        "Read articles (text, Markdown or HTML files, the articles of a folder, or - for standard "
        "input) and propose their facts.",
    ),
    "load": (
        "explorer.cli.data",
        "load_command",
        "Validate and load YAML/CSV files or folders: all or nothing, idempotent.",
    ),
    "paths": (
        "explorer.cli.introductions",
        "paths_command",
        "Ranked introduction paths from FROM to TO (ids or names; case and accents ignored).",
    ),
    "query": (
        "explorer.cli.queries",
        "query_command",
        "Run the saved query NAME from cypher/, or list them with --list.",
    ),
    "review": (
        "explorer.cli.review",
        "review_group",
        "The review queue: suggestions and proposed facts waiting for an editor.",
    ),
    "search": (
        "explorer.cli.queries",
        "search_command",
        'Find entities by name, ignoring case and accents ("royere" finds "Emilie Royère").',
    ),
    "source": ("explorer.cli.sources", "source_group", "The sources facts cite."),
    "weights": (
        "explorer.cli.introductions",
        "weights_command",
        "The tie strengths in use (the built-in table and the overrides of a weights file).",
    ),
}


class LazyGroup(click.Group):
    """A group whose commands of ``COMMANDS`` are imported when they are run (or their help
    asked for); commands added directly (``serve``) behave as usual."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands or cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        module, attribute, _help = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        self.add_command(command, cmd_name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands and their one-line help, without importing them."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in self.commands:
                rows.append((name, self.commands[name].get_short_help_str(limit)))
            else:
                rows.append((name, short_help(name, limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def short_help(name: str, limit: int) -> str:
    """The one-line help of command ``name`` of ``COMMANDS``, cut at ``limit`` as click cuts it."""
    return click.Command(name, help=COMMANDS[name][2]).get_short_help_str(limit)
