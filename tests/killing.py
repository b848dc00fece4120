"""A load that is stopped at a chosen point, for ``tests/test_load_kills.py``:

    python -m tests.killing WHEN AT HOW FOLDER

``WHEN`` is ``rows`` (while rows are written) or ``publish`` (while the load is published);
at the first progress report at or past ``AT``, ``HOW`` is ``loader`` (the loader kills itself
with SIGKILL), ``database`` (it kills the local database with SIGKILL, and goes on until it
fails) or ``pause`` (it writes ``FOLDER/paused`` and waits until ``FOLDER/go`` exists). The
files loaded are in ``FOLDER/in``.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from explorer.errors import ExplorerError
from explorer.loaders import load
from explorer.localdb.connecting import connect, local_settings
from explorer.localdb.server import LocalDatabase

BATCH = 100
CHUNK = 600


def main(argv: list[str]) -> int:
    when, at, how, folder = argv[0], int(argv[1]), argv[2], Path(argv[3])
    settings = local_settings()
    driver = connect(settings)
    fired = False

    def hit(done: int, _total: int) -> None:
        nonlocal fired
        if fired or done < at:
            return
        fired = True
        if how == "loader":
            os.kill(os.getpid(), signal.SIGKILL)
        elif how == "database":
            LocalDatabase(settings.home).kill()
        else:
            (folder / "paused").touch()
            while not (folder / "go").exists():
                time.sleep(0.05)

    try:
        load(
            driver,
            settings,
            [folder / "in"],
            batch_size=BATCH,
            chunk_rows=CHUNK,
            progress=hit if when == "rows" else None,
            publishing=hit if when == "publish" else None,
        )
    except ExplorerError as e:
        print(e.one_line(), file=sys.stderr)
        return e.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
