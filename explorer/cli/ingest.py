"""``explorer ingest``: an article's proposed facts, read offline, into the review queue."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from explorer.cli.progress import ReadingProgress
from explorer.cli.session import Session, pass_session
from explorer.curation.actors import Roles, actor_named, roles_path
from explorer.errors import InvalidInput, UsageError

__all__ = ["ingest_command"]


def _bytes(path: str) -> tuple[bytes, str | None]:
    """The bytes of ``path`` (``-``: standard input), read no further than the size limit allows."""
    from explorer import defaults

    limit = defaults.INGEST_MAX_BYTES + 1
    if path == "-":
        return sys.stdin.buffer.read(limit), None
    file = Path(path)
    if file.is_dir():
        raise UsageError(f"{path} is a folder", "give one article's file, or - to read standard input")
    try:
        with file.open("rb") as handle:
            return handle.read(limit), file.name
    except FileNotFoundError:
        raise UsageError(f"no file {path}") from None
    except OSError as e:
        raise InvalidInput(f"cannot read {path}: {e.strerror or e}") from None


@click.command("ingest")
@click.argument("file", metavar="FILE|-")
@click.option(
    "--lang",
    type=click.Choice(["en", "fr"]),
    default=None,
    help="The article's language [default: detected].",
)
@click.option("--title", default=None, help="The article's title [default: its headline].")
@click.option("--publisher", default=None, help="Who published it (a newspaper, a site).")
@click.option("--date", default=None, help="When it was published (such as 2024-03-18).")
@click.option("--url", default=None, help="Where it was published.")
@click.option(
    "--input",
    "fmt_in",
    type=click.Choice(["text", "markdown", "html"]),
    default=None,
    help="The file's format [default: from its name, else its content].",
)
@click.option("--encoding", default=None, help="The file's encoding when it is not UTF-8 (such as cp1252).")
@click.option("--preview", is_flag=True, help="Show what would be proposed; put nothing in the review queue.")
@click.option(
    "--as",
    "author",
    metavar="NAME",
    default=None,
    help="Who proposes [default: the machine's user]; with a roles file, their role applies.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@pass_session
def ingest_command(
    session: Session,
    file: str,
    lang: str | None,
    title: str | None,
    publisher: str | None,
    date: str | None,
    url: str | None,
    fmt_in: str | None,
    encoding: str | None,
    preview: bool,
    author: str | None,
    fmt: str,
) -> None:
    """Read an article (text, Markdown or HTML; - for standard input) and propose its facts.

    Entities are linked to the graph or proposed as new, and relationships are proposed with
    the sentence and paragraph that state them. Everything goes to the review queue as one
    batch citing the article; nothing is written to the graph until an editor accepts it.
    """
    from explorer.ingest.bounded import read_bounded
    from explorer.ingest.proposals import SourceInfo, load_article, queue, read
    from explorer.ingest.report import as_json, summary_lines

    info = SourceInfo(title, publisher, date, url)
    info.check()
    data, name = _bytes(file)
    article = load_article(data, name=name, encoding=encoding, fmt=fmt_in)  # type: ignore[arg-type]
    path = roles_path()
    actor = actor_named(author, Roles.read(path) if path else None)
    if not preview:
        from explorer.curation.actors import require

        require(actor, "propose")
    if lang is None:
        from explorer.ingest.language import detect_language

        lang = detect_language(article.text)  # an article in another language stops here, in one line
    progress = ReadingProgress() if fmt == "text" else None
    try:
        found = read_bounded(session.driver, session.settings, article, lang, progress=progress)  # type: ignore[arg-type]
    finally:
        if progress is not None:
            progress.done()
    ingested = read(session.driver, session.settings, article, lang=lang, info=info, found=found)  # type: ignore[arg-type]
    if not preview and not ingested.nothing_new:
        queue(session.driver, session.settings, actor, ingested)
    if fmt == "json":
        click.echo(json.dumps(as_json(ingested), ensure_ascii=False, indent=2))
    else:
        for line in summary_lines(ingested):
            click.echo(line)
