"""Process helpers: pid files, liveness, ending and reaping, command lines (psutil), ports, and file
locks (filelock)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import filelock
import psutil

__all__ = [
    "alive",
    "bolt_answers",
    "command_line",
    "end",
    "free_port",
    "kill_group",
    "option",
    "port_is_free",
    "read_int",
    "taking_turns",
    "topmost",
    "wait_ended",
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
    """The arguments a process was started with (``None`` when it is gone, ended or not ours to read)."""
    try:
        return psutil.Process(pid).cmdline()
    except psutil.Error:
        return None


def option(args: list[str], name: str) -> str | None:
    """The value after ``name`` in a command line."""
    with contextlib.suppress(ValueError, IndexError):
        return args[args.index(name) + 1]
    return None


def kill_group(pid: int) -> None:
    """SIGKILL ``pid`` and the processes of its group (a supervisor and its launcher)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if os.getpgid(pid) == pid:
            os.killpg(pid, signal.SIGKILL)
            return
    with contextlib.suppress(psutil.Error):
        psutil.Process(pid).kill()


def read_int(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="utf-8").strip())
    except (FileNotFoundError, ValueError):
        return None


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a process that ended but was not reaped yet does not)."""
    try:
        return bool(psutil.Process(pid).status() != psutil.STATUS_ZOMBIE)
    except psutil.NoSuchProcess:
        return False
    except psutil.AccessDenied:
        return True


def wait_ended(pids: Iterable[int], wait: float) -> list[int]:
    """Wait up to ``wait`` seconds for ``pids`` to end (our children are reaped); those still running."""
    left: list[psutil.Process] = []
    for pid in pids:
        with contextlib.suppress(psutil.NoSuchProcess):
            left.append(psutil.Process(pid))
    deadline = time.monotonic() + wait
    while left:
        _, left = psutil.wait_procs(left, timeout=0.1)
        left = [p for p in left if alive(p.pid)]  # ended, its parent not ours to make reap it
        if time.monotonic() >= deadline:
            break
    return [p.pid for p in left]


def end(pids: Iterable[int], wait: float) -> list[int]:
    """Ask ``pids`` to end (SIGTERM, as a service manager would) and wait up to ``wait`` seconds;
    those still running."""
    asked = []
    for pid in pids:
        with contextlib.suppress(psutil.NoSuchProcess):
            psutil.Process(pid).terminate()
            asked.append(pid)
    return wait_ended(asked, wait)


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
    lock = filelock.FileLock(lock_file, mode=0o600)
    try:
        lock.acquire(timeout=wait, poll_interval=0.1)
    except filelock.Timeout:
        raise busy from None
    try:
        yield
    finally:
        lock.release()


def topmost(matches: Callable[[list[str]], bool]) -> int | None:
    """Among the running processes whose command line ``matches``, the one that is no other's
    child (the lowest pid if several)."""
    found: dict[int, int] = {}  # pid -> parent pid
    for process in psutil.process_iter(["pid", "ppid", "cmdline", "status"]):
        info = process.info
        args, status = info.get("cmdline"), info.get("status")
        if args and status not in (None, psutil.STATUS_ZOMBIE) and matches(args):
            found[info["pid"]] = info["ppid"]
    tops = [pid for pid, parent in found.items() if parent not in found]
    return min(tops) if tops else None
