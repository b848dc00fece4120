"""``python -m explorer.localdb.supervisor EVENTS -- COMMAND...``: keeps the local database's
launcher running.

The launcher stops itself when a query could not be stopped (status 75) or the heap
ran out (status 3, ``-XX:+ExitOnOutOfMemoryError``): half-alive is worse than a
restart, which loses nothing (an unfinished transaction was never committed). The
supervisor then starts it again, and notes why in EVENTS, where the command that
sent the query finds it and says so. So it does after any other death of a launcher
that was ready (``kill -9``, the kernel's out-of-memory killer, a crash), at most
:data:`BURST` times a minute. A launcher that stops before it was ever ready
(a bad data folder, a taken port) is not restarted: the start fails, as it should.
SIGTERM and SIGINT are passed on, and end the supervisor with the launcher; and the
launcher is stopped (SIGTERM) when the supervisor dies, however it dies (Linux).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

__all__ = ["RESTART", "main", "note_restart", "restarts_since"]

#: Exit statuses of the launcher that call for a restart, and what they mean.
RESTART = {3: "memory", 75: "stuck"}
#: Lines an events file keeps (older ones are dropped).
_KEPT = 100
#: Restarts within a minute after which the supervisor gives up (the database keeps dying).
BURST = 5


def _reason(status: int) -> str:
    if status in RESTART:
        return RESTART[status]
    return "killed" if status < 0 else "crash"


def _end_with_parent() -> None:  # pragma: no cover - runs in the child, between fork and exec
    """Have the kernel stop this process (SIGTERM) when its parent, the supervisor, dies."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def note_restart(events: Path, status: int) -> None:
    """Append ``time status reason`` to ``events``, keeping its last lines only."""
    try:
        lines = events.read_text(encoding="utf-8").splitlines()[-(_KEPT - 1) :]
    except FileNotFoundError:
        lines = []
    lines.append(f"{time.time():.3f} {status} {_reason(status)}")
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")


def restarts_since(events: Path, since: float) -> list[str]:
    """Why the database restarted after ``since`` (a time.time()), oldest first."""
    try:
        lines = events.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, UnicodeDecodeError):
        return []
    found = []
    for line in lines:
        parts = line.split()
        try:
            if len(parts) == 3 and float(parts[0]) >= since:
                found.append(parts[2])
        except ValueError:
            continue
    return found


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print("usage: python -m explorer.localdb.supervisor EVENTS -- COMMAND...", file=sys.stderr)
        return 2
    events, command = Path(argv[0]), argv[2:]
    child: subprocess.Popen[bytes] | None = None
    stopping = False

    def pass_on(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    signal.signal(signal.SIGTERM, pass_on)
    signal.signal(signal.SIGINT, pass_on)
    out = sys.stdout.buffer
    recent: list[float] = []
    while not stopping:
        child = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            preexec_fn=_end_with_parent if sys.platform == "linux" else None,
        )
        assert child.stdout is not None
        ready = False
        for line in child.stdout:  # the launcher's output goes on to the log
            out.write(line)
            out.flush()
            ready = ready or line.startswith(b"READY ")
        status = child.wait()
        if stopping:
            return 0
        recent = [t for t in recent if time.monotonic() - t < 60] + [time.monotonic()]
        if not ready or len(recent) > BURST:
            return status if status > 0 else 1
        note_restart(events, status)
        out.write(f"RESTARTING after status {status} ({_reason(status)})\n".encode())
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
