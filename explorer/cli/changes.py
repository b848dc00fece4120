"""``explorer changes``: what began, ended, was recorded, corrected or retired in a window."""

from __future__ import annotations

import click

from explorer import defaults
from explorer.cli.moments import DATE
from explorer.cli.output import emit, lang_option, note
from explorer.cli.session import Session, pass_session
from explorer.formatting import json_text, render
from explorer.model import DATE_HELP, FactDate, Lang

__all__ = ["changes_command"]


@click.command("changes")
@click.option("--since", type=DATE, required=True, metavar="DATE", help=f"The window's start ({DATE_HELP}).")
@click.option(
    "--until", type=DATE, default=None, metavar="DATE", help="The window's end, included [default: now]."
)
@click.option("--around", metavar="ENTITY", default=None, help="Only the facts of this entity (id or name).")
@click.option(
    "--cluster",
    metavar="ENTITY",
    default=None,
    help="Only the facts of this cluster and its members (id or name).",
)
@click.option(
    "--known-on",
    type=DATE,
    default=None,
    metavar="DATE",
    help="Began and ended as the records stood at the end of this date [default: as recorded today].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv", "markdown"]),
    default="text",
    show_default=True,
    help="Output format (markdown: a note to paste).",
)
@click.option(
    "--limit",
    type=click.IntRange(1, 100_000),
    default=defaults.CHANGES_LIMIT,
    show_default=True,
    help="Most facts listed in each part.",
)
@lang_option
@pass_session
def changes_command(
    session: Session,
    since: FactDate,
    until: FactDate | None,
    around: str | None,
    cluster: str | None,
    known_on: FactDate | None,
    fmt: str,
    limit: int,
    lang: Lang,
) -> None:
    """What changed from --since to --until: the facts that began or ended then (their since and
    until: valid time), and what the records gained, corrected or retired then (the history:
    record time), each fact once, with its source and, for records, who and why.

    A date stands for its whole span: --since 2024 starts on 1 January 2024, --until 2024-03 ends
    on 31 March 2024. A fact added and undone within the window is not listed.
    """
    from explorer.views.changes import Window, what_changed
    from explorer.views.changes_report import (
        COLUMNS,
        changes_json,
        changes_markdown,
        changes_rows,
        changes_text,
    )

    if around and cluster:
        raise click.UsageError("give --around or --cluster, not both")
    window = Window(since, until, around, cluster)
    found = what_changed(session.driver, session.settings, window, limit=limit, known_on=known_on)
    if fmt == "json":
        emit(json_text(changes_json(found, lang)), fmt)
    elif fmt == "csv":
        emit(render("csv", COLUMNS, changes_rows(found, lang)), fmt)
    elif fmt == "markdown":
        emit(changes_markdown(found, lang, known_on), "text")
    else:
        emit(changes_text(found, lang, known_on), fmt)
    cut = [p for p, n in found.totals.items() if n > len(found.items[p])]
    if cut:
        note(f"{', '.join(cut)}: more than {limit:,} facts each; raise --limit to list them all")
