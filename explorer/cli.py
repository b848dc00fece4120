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
from explorer.model import Lang
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

    summary = load(
        session.driver,
        session.settings,
        list(paths),
        batch_size=batch_size,
        progress=None if quiet else ProgressBar(),
        say=(lambda _m: None) if quiet else say,
    )
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
    session: Session,
    query: str,
    params: tuple[str, ...],
    fmt: str,
    timeout: float | None,
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
    session: Session,
    name: str | None,
    list_: bool,
    params: tuple[str, ...],
    fmt: str,
    timeout: float | None,
    limit: int | None,
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
        hint = f"did you mean {', '.join(close)}?" if close else "see `explorer query --list`"
        raise UsageError(f"no saved query named {name!r}", hint)
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


# -- introduction paths and brokers -------------------------------------------------------

lang_option = click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True,
                           help="Language of the explanations.")  # fmt: skip
weights_option = click.option(
    "--weights", "weights_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
    help="TOML file of tie strengths [default: EXPLORER_WEIGHTS, else EXPLORER_HOME/weights.toml].",
)  # fmt: skip
text_or_json = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                            show_default=True, help="Output format.")  # fmt: skip


def _note(message: str) -> None:
    say(f"note: {message}")


@cli.command("paths")
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("-k", "--k", "k", type=click.IntRange(1, 50), default=5, show_default=True,
              help="How many paths, best first.")  # fmt: skip
@click.option("--avoid", multiple=True, metavar="ENTITY",
              help="An entity no path may go through (id or name; repeatable).")  # fmt: skip
@click.option("--max-hops", type=click.IntRange(1, 12), default=6, show_default=True,
              help="Most relationships on a path.")  # fmt: skip
@click.option("--active-only", is_flag=True, help="Leave out planned and proposed ties.")
@text_or_json
@lang_option
@weights_option
@timeout_option
@pass_session
def paths_command(
    session: Session,
    source: str,
    target: str,
    k: int,
    avoid: tuple[str, ...],
    max_hops: int,
    active_only: bool,
    fmt: str,
    lang: Lang,
    weights_file: Path | None,
    timeout: float | None,
) -> None:
    """Ranked introduction paths from FROM to TO (ids or names; case and accents ignored).

    A path's score is the product of its ties' strengths (a board seat is strong,
    co-membership of an 850-member cluster weak); each path is explained hop by hop,
    ending with who to ask for the introduction.
    """
    from explorer.explain import describe
    from explorer.paths import find_paths
    from explorer.weights import load_weights

    weights = load_weights(weights_file)
    found = find_paths(session.driver, session.settings, source, target, k=k, avoid=avoid,
                       max_hops=max_hops, active_only=active_only, weights=weights,
                       timeout=timeout)  # fmt: skip
    if fmt == "json":
        click.echo(json.dumps(found.as_dict(lang), ensure_ascii=False, indent=2))
    else:
        click.echo(describe(found, lang))
    if not found.complete:
        _note(f"the search stopped after reading {found.relationships_read:,} relationships; "
              "a better path may lie beyond (lower --max-hops to narrow it)")  # fmt: skip


@cli.command("brokers")
@click.option("--between", nargs=2, required=True, metavar="A B",
              help="Two countries, clusters or alliances (ids or names).")  # fmt: skip
@click.option("--top", type=click.IntRange(1, 100), default=10, show_default=True,
              help="How many brokers.")  # fmt: skip
@click.option("--max-hops", type=click.IntRange(1, 6), default=4, show_default=True,
              help="Most relationships on a path between the groups.")  # fmt: skip
@click.option("--sample", type=click.IntRange(1, 10_000), default=100, show_default=True,
              help="Entities drawn from each group at most.")  # fmt: skip
@click.option("--active-only", is_flag=True, help="Leave out planned and proposed ties.")
@text_or_json
@lang_option
@weights_option
@timeout_option
@pass_session
def brokers_command(
    session: Session,
    between: tuple[str, str],
    top: int,
    max_hops: int,
    sample: int,
    active_only: bool,
    fmt: str,
    lang: Lang,
    weights_file: Path | None,
    timeout: float | None,
) -> None:
    """The people and organisations that most strong paths between two groups go through."""
    from explorer.analytics import find_brokers
    from explorer.explain import describe_brokers
    from explorer.weights import load_weights

    weights = load_weights(weights_file)
    found = find_brokers(session.driver, session.settings, between[0], between[1], top=top,
                         max_hops=max_hops, sample=sample, active_only=active_only,
                         weights=weights, timeout=timeout)  # fmt: skip
    if fmt == "json":
        click.echo(json.dumps(found.as_dict(lang), ensure_ascii=False, indent=2))
    else:
        click.echo(describe_brokers(found, lang))
    if not found.complete:
        _note("the corridor between the groups was cut at the work budget; "
              "lower --max-hops or --sample for a complete count")  # fmt: skip


@cli.command("weights")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output format.")  # fmt: skip
@weights_option
def weights_command(fmt: str, weights_file: Path | None) -> None:
    """The tie strengths in use (the built-in table and the overrides of a weights file)."""
    from explorer.weights import load_weights

    weights = load_weights(weights_file)
    say(f"weights from {weights.origin}" if weights.origin else "built-in weights (no weights file)")
    click.echo(render(fmt, ["table", "key", "value", "note"], weights.rows()))


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
