"""The managed local Neo4j: start, stop and locate the embedded server under ``EXPLORER_HOME``."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from explorer.errors import DatabaseUnavailable, UsageError

__all__ = [
    "LocalDatabase",
    "LocalStatus",
    "bolt_answers",
    "free_port",
    "launcher_dir",
    "parse_size",
    "port_is_free",
]

LAUNCHER_CLASS = "atlas.local.LocalNeo4j"
PREFERRED_PORT = 7687
#: Written into a data folder created by Cluster Atlas; a folder without it is not ours.
MARKER = ".cluster-atlas"


def launcher_dir() -> Path:
    """The ``neo4j-local`` Maven project (``EXPLORER_NEO4J_LOCAL`` overrides)."""
    value = os.environ.get("EXPLORER_NEO4J_LOCAL")
    return Path(value) if value else Path(__file__).resolve().parent.parent / "neo4j-local"


def parse_size(value: str) -> int:
    """Bytes in "512m", "1g", "65536k" or a plain number."""
    match = re.fullmatch(r"\s*(\d+)\s*([kmg]?)b?\s*", value.lower())
    if not match:
        raise UsageError(f"not a memory size: {value!r}", "write it like 512m or 1g")
    number, unit = int(match.group(1)), match.group(2)
    return number * {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[unit]


def port_is_free(port: int) -> bool:
    """Whether a server could listen on ``port`` (connections closing there do not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bolt_answers(port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


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


class LocalDatabase:
    """The embedded Neo4j of one ``EXPLORER_HOME``; several homes run side by side."""

    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self.data = self.home / "neo4j"
        self.pid_file = self.home / "neo4j.pid"
        self.port_file = self.home / "neo4j.port"
        self.password_file = self.home / "neo4j.password"
        self.log_file = self.home / "neo4j.log"

    # -- reading the state -------------------------------------------------------------

    def port(self) -> int | None:
        return _read_int(self.port_file)

    def password(self) -> str | None:
        try:
            return self.password_file.read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None
        except PermissionError:
            raise DatabaseUnavailable(
                f"cannot read the password file {self.password_file}",
                "run the explorer as the user who started the database",
            ) from None

    def pid(self) -> int | None:
        return _read_int(self.pid_file)

    def is_running(self) -> bool:
        pid = self.pid()
        return pid is not None and self._is_ours(pid)

    def status(self) -> LocalStatus:
        pid = self.pid()
        if pid is not None and self._is_ours(pid):
            return LocalStatus(self.home, True, pid, self.port())
        return LocalStatus(self.home, False, None, self.port(), stale_pid=pid)

    def _is_ours(self, pid: int) -> bool:
        """Whether ``pid`` is alive and is the launcher for this home (not a reused pid)."""
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            return _alive(pid) and not Path("/proc").is_dir()
        args = [a.decode(errors="replace") for a in cmdline]
        return LAUNCHER_CLASS in args and str(self.data) in args

    # -- starting and stopping ---------------------------------------------------------

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

        Idempotent: a running database is left alone. A pid file whose process
        is gone is reported as stale and replaced.
        """
        status = self.status()
        if status.running:
            if status.port and not bolt_answers(status.port):
                self._wait_for_bolt(status.pid or 0, status.port, wait)
            return LocalStatus(self.home, True, status.pid, status.port, already_running=True)
        stale = status.stale_pid
        if stale is not None:
            say(f"Removing a stale pid file (process {stale} is not running).")
            self.pid_file.unlink(missing_ok=True)

        classpath = self._classpath()
        java = _java()
        self._prepare_home()
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
        """Stop the database (SIGTERM, then SIGKILL after ``wait`` s); False if it was not running."""
        pid = self.pid()
        if pid is None or not self._is_ours(pid):
            self.pid_file.unlink(missing_ok=True)
            return False
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + wait
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _reap(pid)
        self.pid_file.unlink(missing_ok=True)
        return True

    def kill(self) -> None:
        """Kill the server at once (SIGKILL), as a crash would: for failure tests."""
        pid = self.pid()
        if pid is not None and self._is_ours(pid):
            os.kill(pid, signal.SIGKILL)
            while _alive(pid):
                _reap(pid)
                time.sleep(0.05)

    def env_lines(self, database: str = "neo4j") -> list[str]:
        """``export`` lines for ``eval "$(explorer db env)"``."""
        port = self.port()
        if port is None or not self.is_running():
            raise DatabaseUnavailable(
                f"the local database in {self.home} is not running", "start it with `explorer db start`"
            )
        return [
            f"export NEO4J_URI={_shell_quote(f'bolt://127.0.0.1:{port}')}",
            "export NEO4J_USERNAME=neo4j",
            f"export NEO4J_PASSWORD={_shell_quote(self.password() or '')}",
            f"export NEO4J_DATABASE={_shell_quote(database)}",
        ]

    # -- helpers -----------------------------------------------------------------------

    def _classpath(self) -> str:
        root = launcher_dir()
        classes, lib = root / "target" / "classes", root / "target" / "lib"
        if not (classes / "atlas" / "local" / "LocalNeo4j.class").exists() or not lib.is_dir():
            raise DatabaseUnavailable(
                f"the local database is not built ({root}/target is missing)", "run `make setup`"
            )
        return f"{classes}{os.pathsep}{lib}/*"

    def _prepare_home(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True, mode=0o700)
        if self.data.exists() and any(self.data.iterdir()) and not (self.data / MARKER).exists():
            raise DatabaseUnavailable(
                f"{self.data} holds data that Cluster Atlas did not create",
                "point EXPLORER_HOME at another folder, or move that folder away",
            )
        self.data.mkdir(exist_ok=True, mode=0o700)
        (self.data / MARKER).touch()
        if self.password() is None:
            _write_private(self.password_file, secrets.token_urlsafe(24))

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
        command = [
            java,
            f"-Xmx{heap}",
            "-XX:+UseG1GC",
            "-XX:+ExitOnOutOfMemoryError",
            "-Dfile.encoding=UTF-8",
            "-cp",
            classpath,
            LAUNCHER_CLASS,
            "--home",
            str(self.data),
            "--port",
            str(port),
            "--password-file",
            str(self.password_file),
            "--pagecache",
            str(pagecache),
        ]
        if csv_dir is not None:
            command += ["--csv-import-dir", str(csv_dir)]
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
            if not _alive(pid):
                _reap(pid)
                self.pid_file.unlink(missing_ok=True)
                log = self._log_tail()
                if "Address already in use" in log or "BindException" in log:
                    raise _PortTaken
                raise DatabaseUnavailable(
                    f"the local database stopped while starting: {_first_error(log)}",
                    f"see {self.log_file}",
                )
            if _ready(self.log_file) and bolt_answers(port):
                return
            time.sleep(0.2)
        raise DatabaseUnavailable(
            f"the local database did not answer on port {port} within {wait:.0f} s",
            f"see {self.log_file}",
        )

    def _log_tail(self, size: int = 20000) -> str:
        try:
            with open(self.log_file, "rb") as f:
                f.seek(max(0, f.seek(0, 2) - size))
                return f.read().decode(errors="replace")
        except FileNotFoundError:
            return ""


class _PortTaken(Exception):
    pass


def _ready(log_file: Path) -> bool:
    try:
        with open(log_file, "rb") as f:
            return b"READY bolt://" in f.read()
    except FileNotFoundError:
        return False


def _first_error(log: str) -> str:
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    for line in lines:
        if re.search(r"(Exception|Error)\b.*:", line) and not line.startswith("at "):
            return line[:300]
    return lines[-1][:300] if lines else "no output"


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home) / "bin" / "java" if java_home else None
    if candidate and candidate.exists():
        return str(candidate)
    found = shutil.which("java")
    if not found:
        raise DatabaseUnavailable("Java is not installed", "install Java 17 or newer (OpenJDK)")
    return found


def _read_int(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="utf-8").strip())
    except (FileNotFoundError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child is not alive
        return "Z" not in Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except (FileNotFoundError, IndexError):
        return True


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to a new file readable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    os.chmod(path, 0o600)


def _shell_quote(value: str) -> str:
    return "'" + value.replace("'", "'\"'\"'") + "'"
