"""``explorer ingest``: an article's proposed facts, read offline, into the review queue."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from explorer.cli.output import say
from explorer.cli.progress import ReadingProgress
from explorer.cli.session import Session, pass_session
from explorer.curation.actors import Actor, Roles, actor_named, roles_path
from explorer.errors import DatabaseUnavailable, ExplorerError, InvalidInput, NotAllowed, UsageError

if TYPE_CHECKING:
    from explorer.ingest.proposals import Ingested, SourceInfo

__all__ = ["ingest_command"]


def _bytes(path: str) -> tuple[bytes, str | None]:
    """The bytes of ``path`` (``-``: standard input), read no further than the size limit allows."""
    from explorer import defaults

    limit = defaults.INGEST_MAX_BYTES + 1
    if path == "-":
        return sys.stdin.buffer.read(limit), None
    file = Path(path)
    try:
        with file.open("rb") as handle:
            return handle.read(limit), file.name
    except FileNotFoundError:
        raise UsageError(f"no file {path}") from None
    except OSError as e:
        raise InvalidInput(f"cannot read {path}: {e.strerror or e}") from None


#: The files of a folder read as articles (text, Markdown, HTML).
_ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm"})


def _articles(given: tuple[str, ...]) -> list[str]:
    """The files to read: each file given, and the article files of each folder given (in name
    order); ``-`` (standard input) only alone. Every path is checked before anything is read."""
    if "-" in given and len(given) > 1:
        raise UsageError("- (standard input) cannot be read with other files", "give files or -, not both")
    files: list[str] = []
    for path in given:
        folder = Path(path)
        if path != "-" and folder.is_dir():
            inside = sorted(
                str(p)
                for p in folder.iterdir()
                if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in _ARTICLE_SUFFIXES
            )
            if not inside:
                raise UsageError(f"no article in {path}", "a folder's .txt, .md and .html files are read")
            files += inside
        elif path != "-" and not folder.exists():
            raise UsageError(f"no file {path}")
        else:
            files.append(path)
    return files


@click.command("ingest")
@click.argument("paths", metavar="FILE...|FOLDER|-", nargs=-1, required=True)
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
    paths: tuple[str, ...],
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
    """Read articles (text, Markdown or HTML files, the articles of a folder, or - for standard
    input) and propose their facts.

    Entities are linked to the graph or proposed as new, and relationships are proposed with
    the sentence and paragraph that state them. Each article goes to the review queue as one
    batch citing it; nothing is written to the graph until an editor accepts it. Several
    articles are read in one process, with the language models loaded once.
    """
    from explorer.ingest.proposals import SourceInfo
    from explorer.ingest.report import as_json, summary_lines

    info = SourceInfo(title, publisher, date, url)
    info.check()
    files = _articles(paths)
    if len(files) > 1 and (title or url):
        raise UsageError("--title and --url describe one article", "give them with one FILE")
    path = roles_path()
    actor = actor_named(author, Roles.read(path) if path else None)
    if not preview:
        from explorer.curation.actors import require

        require(actor, "propose")
    read = _Reading(session, actor, lang, fmt_in, encoding, preview, info)
    read.told = fmt != "text"
    if len(files) == 1:
        _show(read(files[0]), fmt)
        return
    shown, failed = [], 0
    for n, file in enumerate(files, 1):
        say(f"[{n}/{len(files)}] {file}")
        try:
            ingested = read(file)
        except (DatabaseUnavailable, NotAllowed):
            raise  # the same for every article: stop at once
        except ExplorerError as e:
            failed += 1
            say(f"error: {file}: {e.one_line()}")
            shown.append({"file": file, "error": e.one_line()})
            continue
        if fmt == "json":
            shown.append({"file": file, **as_json(ingested)})
        else:
            click.echo(f"== {file}")
            for line in summary_lines(ingested):
                click.echo(line)
    if fmt == "json":
        click.echo(json.dumps(shown, ensure_ascii=False, indent=2))
    if failed:
        raise InvalidInput(
            f"{failed} of {len(files)} articles could not be read (see above); the others were read"
        )


def _show(ingested: Ingested, fmt: str) -> None:
    from explorer.ingest.report import as_json, summary_lines

    if fmt == "json":
        click.echo(json.dumps(as_json(ingested), ensure_ascii=False, indent=2))
    else:
        for line in summary_lines(ingested):
            click.echo(line)


class _Reading:
    """One article file read and ingested with the command's options (models stay loaded)."""

    def __init__(
        self,
        session: Session,
        actor: Actor,
        lang: str | None,
        fmt_in: str | None,
        encoding: str | None,
        preview: bool,
        info: SourceInfo,
    ) -> None:
        self.session, self.actor, self.lang = session, actor, lang
        self.fmt_in, self.encoding, self.preview, self.info = fmt_in, encoding, preview, info
        self.told = False  # True: no reading progress on stderr (JSON output)

    def __call__(self, file: str) -> Ingested:
        from explorer.ingest.bounded import read_bounded
        from explorer.ingest.proposals import load_article, queue, read

        data, name = _bytes(file)
        article = load_article(data, name=name, encoding=self.encoding, fmt=self.fmt_in)  # type: ignore[arg-type]
        lang = self.lang
        if lang is None:
            from explorer.ingest.language import detect_language

            lang = detect_language(article.text)  # an article in another language stops here, in one line
        progress = None if self.told else ReadingProgress()
        try:  # within the time bound, in a worker that keeps its models between articles
            found = read_bounded(self.session.driver, self.session.settings, article, lang, progress=progress)  # type: ignore[arg-type]
        finally:
            if progress is not None:
                progress.done()
        ingested = read(
            self.session.driver,
            self.session.settings,
            article,
            lang=lang,  # type: ignore[arg-type]
            info=self.info,
            found=found,
        )
        if not self.preview and not ingested.nothing_new:
            queue(self.session.driver, self.session.settings, self.actor, ingested)
        return ingested
