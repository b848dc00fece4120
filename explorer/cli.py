"""The ``explorer`` command line: parses arguments, calls the library, prints results."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click
import neo4j

from explorer import db as dbmod
from explorer.config import Settings, explorer_home, load_settings
from explorer.errors import EXIT_USAGE, ExplorerError, InvalidInput, UsageError
from explorer.formatting import FORMATS, render
from explorer.localdb import LocalDatabase
from explorer.queries import load_catalogue, parse_value

__all__ = ["cli", "main"]


def say(message: str) -> None:
    click.echo(message, err=True)


class Session:
    """What one command needs: settings, and a driver built on first use and closed at exit."""

    def __init__(self) -> None:
        self._settings: Settings | None = None
        self._driver: neo4j.Driver | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings()
        return self._settings

    @property
    def driver(self) -> neo4j.Driver:
        if self._driver is None:
            self._driver = dbmod.connect(self.settings)
        return self._driver

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()


pass_session = click.make_pass_decorator(Session, ensure=True)


def _params(values: tuple[str, ...], convert: Callable[[str], Any] = parse_value) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"-p takes key=value, not {item!r}")
        params[key.strip()] = convert(value)
    return params


def _print_result(result: Any, fmt: str) -> None:
    click.echo(render(fmt, result.columns, result.rows))
    if result.truncated:
        say(f"note: only the first {len(result.rows):,} rows are shown; raise --limit to see more")


format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                             show_default=True, help="Output format.")  # fmt: skip
timeout_option = click.option("--timeout", type=click.FloatRange(min=0.1), default=None,
                              help="Seconds before the query is stopped [default: 30].")  # fmt: skip
limit_option = click.option("--limit", type=click.IntRange(min=1), default=None,
                            help="Most rows to return [default: 1000].")  # fmt: skip
param_option = click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
                            help="A query parameter (repeatable).")  # fmt: skip


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="cluster-atlas", prog_name="explorer")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Cluster Atlas: explore who is connected to whom in life-science clusters.

    Without NEO4J_URI the commands use the managed local database under
    EXPLORER_HOME (start it with `explorer db start`).
    """
    ctx.call_on_close(ctx.ensure_object(Session).close)


# -- the managed local database ---------------------------------------------------------


@cli.group("db")
def db_group() -> None:
    """Start, stop and locate the managed local Neo4j."""


def _local() -> LocalDatabase:
    return LocalDatabase(explorer_home())


@db_group.command("start")
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="Bolt port [default: the last one, else 7687, else a free one].")  # fmt: skip
@click.option("--wait", type=click.FloatRange(min=1), default=120.0, show_default=True,
              help="Seconds to wait for Bolt to answer.")  # fmt: skip
def db_start(port: int | None, wait: float) -> None:
    """Start the local database (does nothing if it runs) and wait until it answers."""
    status = _local().start(port, wait=wait, say=say)
    if status.already_running:
        click.echo(f"already running on {status.uri} (pid {status.pid})")
    else:
        click.echo(f"running on {status.uri} (pid {status.pid}, data in {status.home})")


@db_group.command("stop")
def db_stop() -> None:
    """Stop the local database cleanly."""
    local = _local()
    click.echo("stopped" if local.stop() else f"not running (home {local.home})")


@db_group.command("status")
def db_status() -> None:
    """Say whether the local database runs, and where (exit 3 when it does not)."""
    status = _local().status()
    if status.running:
        click.echo(f"running on {status.uri} (pid {status.pid}, home {status.home})")
        return
    stale = f"; stale pid file for process {status.stale_pid}" if status.stale_pid else ""
    click.echo(f"stopped (home {status.home}{stale})")
    sys.exit(3)


@db_group.command("env")
def db_env() -> None:
    """Print export lines for the local database: eval "$(explorer db env)"."""
    for line in _local().env_lines():
        click.echo(line)


# -- loading ----------------------------------------------------------------------------


@cli.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--batch-size", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Rows per UNWIND batch.")  # fmt: skip
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@pass_session
def load_command(session: Session, paths: tuple[Path, ...], batch_size: int, quiet: bool) -> None:
    """Validate and load YAML/CSV files or folders: all or nothing, idempotent."""
    from explorer.progress import ProgressBar
    from loaders import load

    summary = load(session.driver, session.settings, list(paths), batch_size=batch_size,
                   progress=None if quiet else ProgressBar(), say=(lambda _m: None) if quiet else say)  # fmt: skip
    for line in summary.lines():
        click.echo(line)


# -- queries ----------------------------------------------------------------------------


@cli.command("cypher")
@click.argument("query")
@param_option
@format_option
@timeout_option
@limit_option
@pass_session
def cypher_command(
    session: Session, query: str, params: tuple[str, ...], fmt: str, timeout: float | None,
    limit: int | None,
) -> None:
    """Run one read-only Cypher QUERY (writes, admin commands and LOAD CSV are refused)."""
    result = dbmod.read_query(session.driver, session.settings, query, _params(params),
                              timeout=timeout, row_cap=limit)  # fmt: skip
    _print_result(result, fmt)


@cli.command("query")
@click.argument("name", required=False)
@click.option("--list", "list_", is_flag=True, help="List the saved queries.")
@param_option
@format_option
@timeout_option
@limit_option
@pass_session
def query_command(
    session: Session, name: str | None, list_: bool, params: tuple[str, ...], fmt: str,
    timeout: float | None, limit: int | None,
) -> None:
    """Run the saved query NAME from cypher/, or list them with --list."""
    catalogue = load_catalogue()
    if list_ or name is None:
        if not list_:
            raise UsageError("name a saved query, or use --list to see them")
        entries = [q.as_dict() for q in catalogue.values()]
        if fmt == "json":
            click.echo(json.dumps(entries, ensure_ascii=False, indent=2))
        else:
            rows = [{"name": q.name, "title": q.title,
                     "parameters": ", ".join(f"{p.name}:{p.type}" for p in q.params)}
                    for q in catalogue.values()]  # fmt: skip
            click.echo(render(fmt, ["name", "title", "parameters"], rows))
        return
    saved = catalogue.get(name)
    if saved is None:
        import difflib

        close = difflib.get_close_matches(name, list(catalogue), n=3)
        raise UsageError(f"no saved query named {name!r}",
                         f"did you mean {', '.join(close)}?" if close else "see `explorer query --list`")  # fmt: skip
    bound = saved.bind(_params(params, convert=str))
    result = dbmod.read_query(session.driver, session.settings, saved.text, bound,
                              timeout=timeout, row_cap=limit)  # fmt: skip
    _print_result(result, fmt)


@cli.command("search")
@click.argument("text")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@format_option
@pass_session
def search_command(session: Session, text: str, limit: int, fmt: str) -> None:
    """Find entities by name, ignoring case and accents ("royere" finds "Emilie Royère")."""
    from explorer.search import find_entities

    found = find_entities(session.driver, session.settings, text, limit)
    rows = [{"id": e.id, "name": e.name, "kind": e.kind, "country": e.country} for e in found]
    click.echo(render(fmt, ["id", "name", "kind", "country"], rows))


# -- the explorer in the browser ----------------------------------------------------------


@cli.command("serve")
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="Port of the explorer [default: 8501, else a free one].")  # fmt: skip
def serve_command(port: int | None) -> None:
    """Run the explorer in the browser, on 127.0.0.1 (Ctrl+C to stop).

    Without NEO4J_URI it starts the local database first; an empty database gets
    the article's graph from seeds/.
    """
    from explorer.serving import serve

    sys.exit(serve(port, say=say, echo=click.echo))


# -- the edge: errors become one line and an exit status ---------------------------------


def _fail(error: ExplorerError) -> NoReturn:
    say(f"error: {error.one_line()}")
    if isinstance(error, InvalidInput) and (len(error.problems) > 1 or error.problems[0].file):
        for line in error.report_lines():
            say(f"  {line}")
    sys.exit(error.exit_code)


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point: run the command; user errors become one line and an exit status."""
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)  # failures are reported as one line below
    try:
        code = cli.main(args=argv, prog_name="explorer", standalone_mode=False)
    except ExplorerError as e:
        _fail(e)
    except click.exceptions.Abort:
        say("interrupted")
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code if e.exit_code else EXIT_USAGE)
    except KeyboardInterrupt:
        say("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(code if isinstance(code, int) else 0)
