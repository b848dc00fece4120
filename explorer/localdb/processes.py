"""Process helpers: pid files, liveness, killing and reaping, command lines, ports, and file locks."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = [
    "alive",
    "bolt_answers",
    "command_line",
    "free_port",
    "kill_group",
    "option",
    "parent_pid",
    "port_is_free",
    "read_int",
    "reap",
    "taking_turns",
    "topmost",
    "write_private",
]


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


def command_line(pid: int) -> list[str] | None:
    """The arguments a process was started with (``None`` when they cannot be read)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return [a.decode(errors="replace") for a in raw.split(b"\0")]


def option(args: list[str], name: str) -> str | None:
    """The value after ``name`` in a command line."""
    with contextlib.suppress(ValueError, IndexError):
        return args[args.index(name) + 1]
    return None


def parent_pid(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def kill_group(pid: int) -> None:
    """SIGKILL ``pid`` and the processes of its group (a supervisor and its launcher)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if os.getpgid(pid) == pid:
            os.killpg(pid, signal.SIGKILL)
            return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def read_int(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="utf-8").strip())
    except (FileNotFoundError, ValueError):
        return None


def alive(pid: int) -> bool:
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


def reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to a new file readable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    os.chmod(path, 0o600)


@contextlib.contextmanager
def taking_turns(lock_file: Path, wait: float, busy: Exception) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_file`` (made private), waiting up to ``wait`` seconds
    for whoever holds it; ``busy`` is raised when the wait is over."""
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise busy from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # releases the lock


def topmost(matches: Callable[[list[str]], bool]) -> int | None:
    """Among the running processes whose command line ``matches``, the one that is no other's
    child (the lowest pid if several)."""
    found: dict[int, int] = {}  # pid -> parent pid
    with contextlib.suppress(OSError):
        for entry in Path("/proc").iterdir():
            pid = int(entry.name) if entry.name.isdigit() else 0
            args = command_line(pid) if pid else None
            if args is not None and matches(args) and alive(pid):
                found[pid] = parent_pid(pid)
    tops = [pid for pid, parent in found.items() if parent not in found]
    return min(tops) if tops else None
