"""The managed local Neo4j: start, stop and locate the embedded server under ``EXPLORER_HOME``."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from explorer.errors import DatabaseUnavailable, UsageError
from explorer.supervisor import restarts_since

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
#: The shortest password the local database takes: it never locks its user out after failed
#: logins (any web page can send logins to Bolt), so its password must be beyond guessing.
MIN_PASSWORD = 24


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
        #: Held while a start or a stop runs, so that two at once take turns.
        self.lock_file = self.home / "neo4j.lock"
        #: Why the supervisor restarted the database, one line a restart.
        self.events_file = self.home / "neo4j.events"

    # -- reading the state -------------------------------------------------------------

    def port(self) -> int | None:
        return _read_int(self.port_file)

    def password(self) -> str | None:
        self.check_private()
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

    def check_private(self) -> None:
        """Refuse a home that other users can write, or a password file they can read.

        Someone who can write the home can plant a password they know (the database takes
        the file's password at every start) or a database of their own.
        """
        for path, mask, fix, what in (
            (self.home, 0o022, "chmod 700", "can be written by other users"),
            (self.password_file, 0o077, "chmod 600", "can be read by other users"),
        ):
            try:
                info = path.stat()
            except FileNotFoundError:
                continue
            if info.st_uid != os.getuid():
                raise DatabaseUnavailable(
                    f"{path} belongs to another user (uid {info.st_uid})",
                    "point EXPLORER_HOME at a folder of your own",
                )
            if stat.S_IMODE(info.st_mode) & mask:
                hint = f"make it yours alone with `{fix} {path}`"
                if path == self.password_file:
                    hint += ", or delete it: a new password is made at the next start"
                else:
                    hint += " and remove anything you did not put there"
                raise DatabaseUnavailable(f"{path} {what}", hint)

    def _is_ours(self, pid: int) -> bool:
        """Whether ``pid`` is alive and is the launcher for this home (not a reused pid)."""
        args = _command_line(pid)
        if args is None:
            return _alive(pid) and not Path("/proc").is_dir()
        return self._launches_here(args)

    def _launches_here(self, args: list[str]) -> bool:
        return LAUNCHER_CLASS in args and _option(args, "--home") == str(self.data)

    def _find_launcher(self) -> int | None:
        """The database running for this home, found among the processes (its pid file lost):
        its supervisor, or a launcher running on its own."""
        found: dict[int, int] = {}  # pid -> parent pid
        with contextlib.suppress(OSError):
            for entry in Path("/proc").iterdir():
                pid = int(entry.name) if entry.name.isdigit() else 0
                args = _command_line(pid) if pid else None
                if args is not None and self._launches_here(args) and _alive(pid):
                    found[pid] = _parent(pid)
        tops = [pid for pid, parent in found.items() if parent not in found]
        return min(tops) if tops else None

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
        log = self._log_tail(200_000)
        restarted = log.rfind("RESTARTING after")
        return log.rfind("READY bolt://") > restarted

    def _port_of(self, pid: int) -> int | None:
        """The Bolt port a launcher was started with."""
        value = _option(_command_line(pid) or [], "--port")
        return int(value) if value and value.isdigit() else None

    @contextlib.contextmanager
    def _turn(self, wait: float) -> Iterator[None]:
        """Hold this home's lock: a second start or stop waits until the first is done."""
        self.home.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.check_private()
        fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise DatabaseUnavailable(
                            f"another `explorer db` command is starting or stopping the database "
                            f"in {self.home}",
                            "wait for it to finish, then try again",
                        ) from None
                    time.sleep(0.1)
            yield
        finally:
            os.close(fd)  # releases the lock

    def _remember(self, pid: int, port: int | None) -> None:
        """Write the pid and port files for a launcher found running."""
        self.pid_file.write_text(f"{pid}\n", encoding="utf-8")
        if port is not None:
            self.port_file.write_text(f"{port}\n", encoding="utf-8")

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

        Idempotent: a running database is left alone. Starts of one home take turns (a
        lock), so two at once leave one database running. A pid file whose process is
        gone is reported as stale and replaced; a running database whose pid file was
        lost is found and its pid file written again.
        """
        with self._turn(wait):
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
                self._remember(status.pid, status.port)
            if status.port and not bolt_answers(status.port):
                self._wait_for_bolt(status.pid, status.port, wait)
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
        """Stop the database (SIGTERM, then SIGKILL after ``wait`` s); False if it was not running.

        Waits for a start of the same home to finish first; a database whose pid file was
        lost is found and stopped all the same.
        """
        with self._turn(wait + 120.0):
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
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _alive(pid):
            _kill_group(pid)
        _reap(pid)
        self.pid_file.unlink(missing_ok=True)
        return True

    def kill(self) -> None:
        """Kill the server at once (SIGKILL, its supervisor with it), as a crash would: for failure tests."""
        pid = self.status().pid
        if pid is not None:
            _kill_group(pid)
            while _alive(pid):
                _reap(pid)
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
        self.check_private()
        if self.data.exists() and any(self.data.iterdir()) and not (self.data / MARKER).exists():
            raise DatabaseUnavailable(
                f"{self.data} holds data that Cluster Atlas did not create",
                "point EXPLORER_HOME at another folder, or move that folder away",
            )
        self.data.mkdir(exist_ok=True, mode=0o700)
        (self.data / MARKER).touch()
        password = self.password()
        if password is None:
            _write_private(self.password_file, secrets.token_urlsafe(24))
        elif len(password) < MIN_PASSWORD:
            raise DatabaseUnavailable(
                f"the password in {self.password_file} is shorter than {MIN_PASSWORD} characters: "
                "too easy to guess for a database that never locks its user out",
                "delete the file: a new random password is made at the next start",
            )

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
        """Start the launcher under its supervisor (:mod:`explorer.supervisor`); the supervisor's pid."""
        command = [
            sys.executable,
            "-m",
            "explorer.supervisor",
            str(self.events_file),
            "--",
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


def _command_line(pid: int) -> list[str] | None:
    """The arguments a process was started with (``None`` when they cannot be read)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return [a.decode(errors="replace") for a in raw.split(b"\0")]


def _option(args: list[str], name: str) -> str | None:
    """The value after ``name`` in a command line."""
    with contextlib.suppress(ValueError, IndexError):
        return args[args.index(name) + 1]
    return None


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _kill_group(pid: int) -> None:
    """SIGKILL ``pid`` and the processes of its group (a supervisor and its launcher)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if os.getpgid(pid) == pid:
            os.killpg(pid, signal.SIGKILL)
            return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


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
