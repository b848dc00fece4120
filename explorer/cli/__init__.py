"""The ``explorer`` command line: parses arguments, calls the library, prints results.

One module per family of commands; this one gathers them and turns every
``ExplorerError`` into one line and the exit status the README's command line section gives.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import NoReturn

import click

from explorer.cli.curation import entity_group, fact_group
from explorer.cli.data import load_command
from explorer.cli.database import db_group
from explorer.cli.ingest import ingest_command
from explorer.cli.introductions import brokers_command, paths_command, weights_command
from explorer.cli.output import say
from explorer.cli.queries import cypher_command, query_command, search_command
from explorer.cli.review import review_group
from explorer.cli.session import Session
from explorer.errors import EXIT_USAGE, ExplorerError, InvalidInput

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="cluster-atlas", prog_name="explorer")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Cluster Atlas: explore who is connected to whom in life-science clusters.

    Without NEO4J_URI the commands use the managed local database under
    EXPLORER_HOME (start it with `explorer db start`).
    """
    ctx.call_on_close(ctx.ensure_object(Session).close)


@cli.command("serve")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=None,
    help="Port of the explorer [default: 8501, else a free one].",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--sign-in", is_flag=True, help="Require sign-in on 127.0.0.1 too.")
@click.option(
    "--auth",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Sign-in settings: Streamlit's [auth] TOML [default: EXPLORER_AUTH, else EXPLORER_HOME/auth.toml].",
)
@click.option(
    "--roles",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Who has which role [default: EXPLORER_ROLES, else EXPLORER_HOME/roles.toml].",
)
@click.option("--stop", "stop_", is_flag=True, help="Stop the explorers of this EXPLORER_HOME, and exit.")
def serve_command(
    port: int | None, host: str, sign_in: bool, auth: Path | None, roles: Path | None, stop_: bool
) -> None:
    """Run the explorer in the browser (Ctrl+C to stop).

    On 127.0.0.1 it runs as this machine's user, who may change facts (an admin). On any
    other address readers sign in (OpenID Connect) and their role comes from the roles
    file; it refuses to start without both. Without NEO4J_URI it starts the local
    database first; an empty database gets the article's graph from seeds/. Ctrl+C stops the
    explorer and leaves the local database running (`explorer db stop` stops it).
    """
    from explorer.app.serving import serve, stop_servers

    if stop_:
        if not stop_servers(say):
            click.echo("no explorer running from this EXPLORER_HOME")
        sys.exit(0)
    sys.exit(serve(port, say=say, echo=click.echo, host=host, sign_in=sign_in, auth=auth, roles=roles))


for command in (
    db_group,
    load_command,
    cypher_command,
    query_command,
    search_command,
    paths_command,
    brokers_command,
    weights_command,
    fact_group,
    entity_group,
    review_group,
    ingest_command,
):
    cli.add_command(command)


def _fail(error: ExplorerError) -> NoReturn:
    say(f"error: {error.one_line()}")
    if isinstance(error, InvalidInput) and (len(error.problems) > 1 or error.problems[0].file):
        for line in error.report_lines():
            say(f"  {line}")
    sys.exit(error.exit_code)


def _one_line(message: str) -> str:
    return " ".join(message.split())


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
    except click.UsageError as e:
        where = e.ctx.command_path if e.ctx is not None else "explorer"
        say(f"error: {_one_line(e.format_message())} (see `{where} --help`)")
        sys.exit(EXIT_USAGE)
    except click.ClickException as e:
        say(f"error: {_one_line(e.format_message())}")
        sys.exit(e.exit_code if e.exit_code else EXIT_USAGE)
    except KeyboardInterrupt:
        say("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(code if isinstance(code, int) else 0)
