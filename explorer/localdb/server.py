"""The managed local Neo4j: start, stop and locate the embedded server under ``EXPLORER_HOME``."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from explorer.errors import DatabaseUnavailable
from explorer.localdb import launcher
from explorer.localdb.home import LocalHome
from explorer.localdb.launcher import LAUNCHER_CLASS, launcher_dir, parse_size
from explorer.localdb.processes import (
    alive,
    bolt_answers,
    command_line,
    free_port,
    kill_group,
    option,
    port_is_free,
    reap,
    topmost,
)
from explorer.localdb.supervisor import restarts_since

__all__ = [
    "LAUNCHER_CLASS",
    "PREFERRED_PORT",
    "LocalDatabase",
    "LocalStatus",
    "bolt_answers",
    "free_port",
    "launcher_dir",
    "parse_size",
    "port_is_free",
]

PREFERRED_PORT = 7687


@dataclass(frozen=True)
class LocalStatus:
    """Where the local database is and whether it runs."""

    home: Path
    running: bool
    pid: int | None
    port: int | None
    stale_pid: int | None = None
    already_running: bool = False

    @property
    def uri(self) -> str | None:
        return f"bolt://127.0.0.1:{self.port}" if self.port else None


class LocalDatabase(LocalHome):
    """The embedded Neo4j of one ``EXPLORER_HOME``; several homes run side by side."""

    def is_running(self) -> bool:
        return self.status().running

    def status(self) -> LocalStatus:
        """Whether the database runs, from its pid file, else from the running processes.

        A pid file that was lost or names a process that is gone does not hide a database
        that runs: the launcher for this home is found by its command line.
        """
        pid = self.pid()
        if pid is not None and self._is_ours(pid):
            return LocalStatus(self.home, True, pid, self.port() or self._port_of(pid))
        found = self._find_launcher()
        if found is not None:
            return LocalStatus(self.home, True, found, self._port_of(found) or self.port(), stale_pid=pid)
        return LocalStatus(self.home, False, None, self.port(), stale_pid=pid)

    def _is_ours(self, pid: int) -> bool:
        """Whether ``pid`` is alive and is the launcher for this home (not a reused pid)."""
        args = command_line(pid)
        if args is None:
            return alive(pid) and not Path("/proc").is_dir()
        return self._launches_here(args)

    def _launches_here(self, args: list[str]) -> bool:
        return launcher.launches(args, self.data)

    def _find_launcher(self) -> int | None:
        """The database running for this home, found among the processes (its pid file lost):
        its supervisor, or a launcher running on its own."""
        return topmost(self._launches_here)

    def restarts_since(self, since: float) -> list[str]:
        """Why the database was restarted after ``since`` (``time.time()``): "memory", "stuck"..."""
        return restarts_since(self.events_file, since)

    def restarting(self) -> bool:
        """Whether the supervisor is restarting the database (it stopped itself, and is not ready yet)."""
        return self.status().running and not self._ready_since_restart()

    def wait_until_answering(self, wait: float = 60.0) -> bool:
        """Whether the running database answers on its port within ``wait`` seconds (after a restart)."""
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            status = self.status()
            if not status.running or status.port is None:
                return False
            if bolt_answers(status.port) and self._ready_since_restart():
                return True
            time.sleep(0.2)
        return False

    def _ready_since_restart(self) -> bool:
        """Whether the log says the launcher is ready again after its last restart."""
        log = launcher.log_tail(self.log_file, 200_000)
        restarted = log.rfind("RESTARTING after")
        return log.rfind("READY bolt://") > restarted

    def _port_of(self, pid: int) -> int | None:
        """The Bolt port a launcher was started with."""
        value = option(command_line(pid) or [], "--port")
        return int(value) if value and value.isdigit() else None

    def start(
        self,
        port: int | None = None,
        *,
        wait: float = 120.0,
        heap: str | None = None,
        pagecache: str | None = None,
        csv_import_dir: Path | None = None,
        say: Callable[[str], None] = lambda _msg: None,
    ) -> LocalStatus:
        """Start the database unless it runs; wait until Bolt answers.

        Idempotent: a running database is left alone. Starts of one home take turns (a
        lock), so two at once leave one database running. A pid file whose process is
        gone is reported as stale and replaced; a running database whose pid file was
        lost is found and its pid file written again.
        """
        with self.turn(wait):
            return self._start(port, wait, heap, pagecache, csv_import_dir, say)

    def _start(
        self,
        port: int | None,
        wait: float,
        heap: str | None,
        pagecache: str | None,
        csv_import_dir: Path | None,
        say: Callable[[str], None],
    ) -> LocalStatus:
        status = self.status()
        if status.running and status.pid is not None:
            if status.pid != self.pid() or status.port != self.port():
                say(f"Found the database running as process {status.pid}; its pid file is written again.")
                self.remember(status.pid, status.port)
            if status.port and not bolt_answers(status.port):
                self._wait_for_bolt(status.pid, status.port, wait)
            return LocalStatus(self.home, True, status.pid, status.port, already_running=True)
        stale = status.stale_pid
        if stale is not None:
            say(f"Removing a stale pid file (process {stale} is not running).")
            self.pid_file.unlink(missing_ok=True)

        classpath = launcher.classpath()
        java = launcher.java()
        self.prepare()
        chosen = self._choose_port(port)
        heap = heap or os.environ.get("EXPLORER_NEO4J_HEAP", "1g")
        pagecache = pagecache or os.environ.get("EXPLORER_NEO4J_PAGECACHE", "256m")
        parse_size(heap)
        say(f"Starting Neo4j on 127.0.0.1:{chosen} (data in {self.data}) ...")
        for attempt in range(2):
            pid = self._spawn(java, classpath, chosen, heap, parse_size(pagecache), csv_import_dir)
            try:
                self._wait_for_bolt(pid, chosen, wait)
                break
            except _PortTaken:
                if attempt or port is not None:
                    raise DatabaseUnavailable(
                        f"port {chosen} is taken", "choose another with --port"
                    ) from None
                chosen = free_port()
                say(f"Port taken meanwhile; trying {chosen} ...")
        self.port_file.write_text(f"{chosen}\n", encoding="utf-8")
        return LocalStatus(self.home, True, pid, chosen, stale_pid=stale)

    def stop(self, wait: float = 60.0) -> bool:
        """Stop the database (SIGTERM, then SIGKILL after ``wait`` s); False if it was not running.

        Waits for a start of the same home to finish first; a database whose pid file was
        lost is found and stopped all the same.
        """
        with self.turn(wait + 120.0):
            return self._stop(wait)

    def _stop(self, wait: float) -> bool:
        status = self.status()
        pid = status.pid
        if not status.running or pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + wait
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if alive(pid):
            kill_group(pid)
        reap(pid)
        self.pid_file.unlink(missing_ok=True)
        return True

    def kill(self) -> None:
        """Kill the server at once (SIGKILL, its supervisor with it), as a crash would: for failure tests."""
        pid = self.status().pid
        if pid is not None:
            kill_group(pid)
            while alive(pid):
                reap(pid)
                time.sleep(0.05)

    def env_lines(self, database: str = "neo4j") -> list[str]:
        """``export`` lines for ``eval "$(explorer db env)"``."""
        status = self.status()
        port = status.port
        if port is None or not status.running:
            raise DatabaseUnavailable(
                f"the local database in {self.home} is not running", "start it with `explorer db start`"
            )
        return [
            f"export NEO4J_URI={_shell_quote(f'bolt://127.0.0.1:{port}')}",
            "export NEO4J_USERNAME=neo4j",
            f"export NEO4J_PASSWORD={_shell_quote(self.password() or '')}",
            f"export NEO4J_DATABASE={_shell_quote(database)}",
        ]

    def _choose_port(self, requested: int | None) -> int:
        if requested is not None:
            if not port_is_free(requested):
                raise DatabaseUnavailable(f"port {requested} is taken", "choose another with --port")
            return requested
        for candidate in (self.port(), PREFERRED_PORT):
            if candidate and port_is_free(candidate):
                return candidate
        return free_port()

    def _spawn(
        self, java: str, classpath: str, port: int, heap: str, pagecache: int, csv_dir: Path | None
    ) -> int:
        """Start the launcher under its supervisor (:mod:`explorer.localdb.supervisor`); the
        supervisor's pid."""
        command = launcher.command(
            events=self.events_file,
            java=java,
            classpath=classpath,
            heap=heap,
            data=self.data,
            port=port,
            password_file=self.password_file,
            pagecache=pagecache,
            csv_dir=csv_dir,
        )
        with open(self.log_file, "wb") as log:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.home,
                start_new_session=True,
            )
        self.pid_file.write_text(f"{process.pid}\n", encoding="utf-8")
        return process.pid

    def _wait_for_bolt(self, pid: int, port: int, wait: float) -> None:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not alive(pid):
                reap(pid)
                self.pid_file.unlink(missing_ok=True)
                log = launcher.log_tail(self.log_file)
                if "Address already in use" in log or "BindException" in log:
                    raise _PortTaken
                raise DatabaseUnavailable(
                    f"the local database stopped while starting: {launcher.first_error(log)}",
                    f"see {self.log_file}",
                )
            if launcher.ready(self.log_file) and bolt_answers(port):
                return
            time.sleep(0.2)
        raise DatabaseUnavailable(
            f"the local database did not answer on port {port} within {wait:.0f} s",
            f"see {self.log_file}",
        )


class _PortTaken(Exception):
    pass


def _shell_quote(value: str) -> str:
    return "'" + value.replace("'", "'\"'\"'") + "'"
