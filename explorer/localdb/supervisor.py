"""``python -m explorer.localdb.supervisor EVENTS -- COMMAND...``: keeps the local database's
launcher running.

The launcher stops itself when a query could not be stopped (status 75) or the heap
ran out (status 3, ``-XX:+ExitOnOutOfMemoryError``): half-alive is worse than a
restart, which loses nothing (an unfinished transaction was never committed). The
supervisor then starts it again, and notes why in EVENTS, where the command that
sent the query finds it and says so. A launcher that stops before it was ever ready
(a bad data folder, a taken port) is not restarted: the start fails, as it should.
SIGTERM and SIGINT are passed on, and end the supervisor with the launcher.
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


def note_restart(events: Path, status: int) -> None:
    """Append ``time status reason`` to ``events``, keeping its last lines only."""
    try:
        lines = events.read_text(encoding="utf-8").splitlines()[-(_KEPT - 1) :]
    except FileNotFoundError:
        lines = []
    lines.append(f"{time.time():.3f} {status} {RESTART.get(status, 'crash')}")
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
    while not stopping:
        child = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
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
        if status not in RESTART or not ready:
            return status
        note_restart(events, status)
        out.write(f"RESTARTING after status {status} ({RESTART[status]})\n".encode())
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
