"""``explorer serve``: the database made ready (started, seeded when empty), then Streamlit on 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from explorer.app.hosts import allowed_hosts
from explorer.config import explorer_home
from explorer.curation.access import plan_access
from explorer.errors import ExplorerError, UsageError
from explorer.localdb.connecting import connect, local_settings
from explorer.localdb.server import LocalDatabase, free_port, port_is_free
from explorer.resources import seeds_dir
from explorer.views.network import entity_count

__all__ = [
    "ENTRY",
    "STILL_RUNNING",
    "choose_port",
    "prepare_database",
    "running_servers",
    "serve",
    "stop",
    "stop_servers",
    "streamlit_command",
    "streamlit_flags",
    "wait_until_up",
]

#: The entry script with the list of pages.
ENTRY = Path(__file__).resolve().parent / "main.py"
#: The project's Streamlit settings; also passed as flags, so they hold from any working directory.
CONFIG = Path(__file__).resolve().parent / "config.toml"
DEFAULT_PORT = 8501
HOST = "127.0.0.1"

Say = Callable[[str], None]


def streamlit_flags(config: Path = CONFIG) -> list[str]:
    """Every option of ``config`` as a ``--section.option=value`` flag."""
    try:
        document = tomllib.loads(config.read_text(encoding="utf-8"))
    except FileNotFoundError:
        document = {}
    flags = []
    for section, options in document.items():
        for name, value in options.items():
            flags.append(f"--{section}.{name}={_flag_value(value)}")
    return flags


def _flag_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def streamlit_command(
    port: int, host: str = HOST, env: Mapping[str, str] | None = None, secrets: Path | None = None
) -> list[str]:
    """The command that runs the explorer headless on ``host:port`` with the project's settings
    (and the sign-in settings of ``secrets``, Streamlit's ``[auth]``).

    Requests must name the explorer by one of :func:`explorer.app.hosts.allowed_hosts` (the
    launcher checks every request; Streamlit's own ``server.allowedHosts`` checks the
    WebSocket again).
    """
    names = sorted(allowed_hosts(host, env))
    extra = [f"--secrets.files={secrets}"] if secrets is not None else []
    return [
        sys.executable,
        "-m",
        "explorer.app.launch",
        "run",
        str(ENTRY),
        *streamlit_flags(),
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
        f"--server.address={host}",
        f"--server.port={port}",
        *(f"--server.allowedHosts={name}" for name in names),
        *extra,
    ]


def choose_port(requested: int | None) -> int:
    """``requested`` if free (else an error), or 8501 if free, or any free port."""
    if requested is not None:
        if not port_is_free(requested):
            raise UsageError(f"port {requested} is taken", "choose another with --port")
        return requested
    return DEFAULT_PORT if port_is_free(DEFAULT_PORT) else free_port()


def prepare_database(say: Say, env: Mapping[str, str] | None = None) -> bool:
    """Start the local database unless NEO4J_URI is set; load ``seeds/`` if it holds no entity.

    Whether the local database is the one used.
    """
    env = os.environ if env is None else env
    local = not env.get("NEO4J_URI")
    if local:
        LocalDatabase(explorer_home(env)).start(say=say)
    settings = local_settings(env)
    driver = connect(settings)
    try:
        if entity_count(driver, settings) == 0:
            from explorer.loaders import load

            seeds = seeds_dir()
            say(f"The database is empty: loading the article's graph from {seeds} ...")
            summary = load(driver, settings, [seeds], say=say)
            for line in summary.lines():
                say(line)
    finally:
        driver.close()
    return local


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float = 60.0) -> bool:
    """Whether Streamlit's health endpoint answered before ``timeout`` (False if it exited)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        with (
            contextlib.suppress(urllib.error.URLError, OSError),
            urllib.request.urlopen(f"{url}_stcore/health", timeout=2) as answer,
        ):
            if answer.status == 200:
                return True
        time.sleep(0.2)
    return False


def stop(process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """Stop a server process: SIGTERM, then SIGKILL if it is still there after ``timeout``."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class _Terminated(Exception):
    """SIGTERM: stop the explorer quietly (``make stop`` stops the database next)."""


def _terminate(_signum: int, _frame: Any) -> None:
    raise _Terminated


#: What Ctrl+C on the explorer says when it leaves the local database running.
STILL_RUNNING = (
    "The explorer stopped. The local database keeps running (its memory stays taken, its data stays): "
    "stop it with `make stop` or `explorer db stop`."
)


def _servers_dir(env: Mapping[str, str] | None = None) -> Path:
    return explorer_home(env) / "servers"


def _record(port: int) -> Path:
    """Note this process as the explorer on ``port`` of this EXPLORER_HOME (for ``serve --stop``)."""
    folder = _servers_dir()
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / f"{port}.pid"
    record.write_text(f"{os.getpid()}\n", encoding="utf-8")
    return record


def _is_serve(pid: int) -> bool:
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"serve" in args and any(a.endswith(b"explorer") or a == b"explorer.cli" for a in args)


def running_servers(env: Mapping[str, str] | None = None) -> dict[int, int]:
    """The explorers running from this EXPLORER_HOME: port to process id (stale records dropped)."""
    found = {}
    for record in sorted(_servers_dir(env).glob("*.pid")):
        try:
            pid = int(record.read_text(encoding="utf-8").strip())
            port = int(record.stem)
        except (OSError, ValueError):
            continue
        if _is_serve(pid):
            found[port] = pid
        else:
            record.unlink(missing_ok=True)
    return found


def stop_servers(say: Say, env: Mapping[str, str] | None = None, wait: float = 20.0) -> list[int]:
    """Stop every explorer running from this EXPLORER_HOME (SIGTERM, as a service manager would);
    the ports they served."""
    servers = running_servers(env)
    for port, pid in servers.items():
        say(f"stopping the explorer on port {port} (pid {pid})")
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and any(_is_serve(pid) for pid in servers.values()):
        time.sleep(0.1)
    for port in servers:
        (_servers_dir(env) / f"{port}.pid").unlink(missing_ok=True)
    return sorted(servers)


def serve(
    port: int | None,
    *,
    say: Say,
    echo: Say,
    host: str = HOST,
    sign_in: bool = False,
    auth: Path | None = None,
    roles: Path | None = None,
) -> int:
    """Run the explorer until interrupted; its exit status.

    On loopback it runs as the machine's user (an admin); anywhere else, or with ``sign_in``,
    readers sign in and their role comes from the roles file (refused to start without both).
    """
    access = plan_access(host, sign_in=sign_in, auth=auth, roles=roles)
    chosen = choose_port(port)
    # Built first: it checks EXPLORER_ALLOWED_HOSTS before anything starts.
    command = streamlit_command(chosen, host, secrets=access.auth)
    local = prepare_database(say)
    url = f"http://{HOST if host in ('0.0.0.0', '::') else host}:{chosen}/"
    env = {**os.environ, **access.env()}
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, env=env)
    previous = signal.signal(signal.SIGTERM, _terminate)
    record = _record(chosen)
    try:
        if not wait_until_up(url, process):
            process.terminate()
            raise ExplorerError("the explorer did not start", "see the messages above")
        who = "readers sign in" if access.mode == "sign-in" else "changes are signed as this machine's user"
        echo(f"Cluster Atlas is running ({who}); open it at:")
        echo(url)  # alone on its line, so that terminals make it a link
        echo("Ctrl+C stops it.")
        return process.wait()
    except KeyboardInterrupt:
        stop(process)
        if local:
            echo(STILL_RUNNING)
        return 0
    except _Terminated:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        stop(process)
        record.unlink(missing_ok=True)
