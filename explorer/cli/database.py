"""``explorer db start|stop|status|env``: the managed local Neo4j."""

from __future__ import annotations

import sys

import click

from explorer.cli.output import say
from explorer.config import explorer_home
from explorer.localdb.server import LocalDatabase

__all__ = ["db_group"]


def _local() -> LocalDatabase:
    return LocalDatabase(explorer_home())


@click.group("db")
def db_group() -> None:
    """Start, stop and locate the managed local Neo4j."""


@db_group.command("start")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=None,
    help="Bolt port [default: the last one, else 7687, else a free one].",
)
@click.option(
    "--wait",
    type=click.FloatRange(min=1, max=3600),
    default=120.0,
    show_default=True,
    help="Seconds to wait for Bolt to answer.",
)
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
