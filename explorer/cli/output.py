"""What the command line prints: results in a format, notes on stderr, and the options they share."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from explorer.config import seconds
from explorer.errors import UsageError
from explorer.formatting import FORMATS, megabytes, render, terminal_text

if TYPE_CHECKING:
    from explorer.database.results import QueryResult

__all__ = [
    "FORMATS",
    "Seconds",
    "emit",
    "format_option",
    "lang_option",
    "limit_option",
    "note",
    "param_option",
    "print_result",
    "say",
    "text_or_json",
    "timeout_option",
]


def say(message: str) -> None:
    """A message for people, on stderr (stdout keeps the results, for scripts); terminal controls
    inside it (from a name, a query) are written out."""
    click.echo(terminal_text(message), err=True)


def emit(text: str, fmt: str = "text") -> None:
    """Results on stdout. Text and tables show terminal controls written out (``\\x1b``); JSON is
    escaped already; CSV is data, kept as it is unless it goes to a terminal."""
    if fmt in ("text", "table") or (fmt == "csv" and sys.stdout.isatty()):
        text = terminal_text(text)
    click.echo(text)


def note(message: str) -> None:
    say(f"note: {message}")


def print_result(result: QueryResult, fmt: str, size: int | None = None) -> None:
    emit(render(fmt, result.columns, result.rows), fmt)
    if result.size_cut:
        note(
            f"only the first {len(result.rows):,} rows are shown: the result is larger than "
            f"{megabytes(size or 0)} (EXPLORER_RESULT_SIZE)"
        )
    elif result.truncated:
        note(f"only the first {len(result.rows):,} rows are shown; raise --limit to see more")


def _options(*decls: str, **attrs: Any) -> Any:
    return click.option(*decls, **attrs)


class Seconds(click.ParamType):
    """A time limit: a finite number of seconds above 0 and at most a day."""

    name = "seconds"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            return seconds(value, f"--{param.name}" if param is not None and param.name else "the time limit")
        except UsageError as e:
            self.fail(e.message, param, ctx)


format_option = _options(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format."
)
text_or_json = _options(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
timeout_option = _options(
    "--timeout",
    type=Seconds(),
    default=None,
    help="Seconds before the query is stopped [default: EXPLORER_QUERY_TIMEOUT, else 30].",
)
limit_option = _options(
    "--limit",
    type=click.IntRange(min=1, max=1_000_000),
    default=None,
    help="Most rows to return [default: EXPLORER_ROW_CAP, else 1000].",
)
param_option = _options(
    "-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable)."
)
lang_option = _options(
    "--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True, help="Language of the words."
)
