"""``explorer load``: validate and load YAML/CSV files, all or nothing."""

from __future__ import annotations

from pathlib import Path

import click

from explorer import defaults
from explorer.cli.output import say
from explorer.cli.session import Session, pass_session

__all__ = ["load_command"]


@click.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--batch-size",
    type=click.IntRange(min=1, max=1_000_000),
    default=defaults.BATCH_SIZE,
    show_default=True,
    help="Rows per UNWIND batch.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option(
    "--as", "author", metavar="NAME", default=None, help="Who signs the load [default: the machine's user]."
)
@pass_session
def load_command(
    session: Session, paths: tuple[Path, ...], batch_size: int, quiet: bool, author: str | None
) -> None:
    """Validate and load YAML/CSV files or folders: all or nothing, idempotent."""
    from explorer.cli.progress import ProgressBar
    from explorer.loaders import load

    with ProgressBar() as bar, ProgressBar(threshold=1000, label="Items published") as publishing:
        summary = load(
            session.driver,
            session.settings,
            list(paths),
            batch_size=batch_size,
            progress=None if quiet else bar,
            say=(lambda _m: None) if quiet else say,
            who=author,
            publishing=None if quiet else publishing,
        )
    for line in summary.lines():
        click.echo(line)
