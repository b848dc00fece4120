"""``explorer source attach``: a source's own text, stored with it in numbered paragraphs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from explorer.cli.output import say
from explorer.cli.session import Session, pass_session
from explorer.cli.signing import as_option, json_option, reason_option, show_change, signer
from explorer.curation.texts import MAX_TEXT, attach_text
from explorer.errors import UsageError

__all__ = ["source_group"]


@click.group("source")
def source_group() -> None:
    """The sources facts cite."""


@source_group.command("attach")
@click.argument("source_id", metavar="ID")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True))
@reason_option
@as_option
@json_option
@pass_session
def attach_command(
    session: Session, source_id: str, file: Path, reason: str | None, author: str | None, fmt: str
) -> None:
    """Store the text of source ID (your own copy of it, UTF-8; paragraphs separated by a blank
    line) with the source, in numbered paragraphs: its page then shows the paragraph a fact
    cites, and fact cards quote their sentence from it. "-" reads the text from stdin."""
    text = _read(file)
    change = attach_text(session.driver, session.settings, signer(author), source_id, text, reason=reason)
    show_change(session, change, fmt)
    if fmt != "json":
        n = int(change.details["paragraphs"])
        say(f"{n} paragraph{'' if n == 1 else 's'} stored with {source_id}")


def _read(file: Path) -> str:
    try:
        if str(file) == "-":
            return sys.stdin.read(MAX_TEXT + 1)
        with open(file, encoding="utf-8-sig") as handle:
            return handle.read(MAX_TEXT + 1)
    except UnicodeDecodeError as e:
        raise UsageError(f"{file} is not UTF-8 text", "save it as plain UTF-8 text first") from e
    except OSError as e:
        raise UsageError(f"cannot read {file}: {e.strerror or e}") from e
