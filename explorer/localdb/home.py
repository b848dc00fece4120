"""The local database's home folder: its files kept private, its password, its start-and-stop lock."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

from explorer.errors import DatabaseUnavailable
from explorer.localdb.processes import read_int, taking_turns, write_private

__all__ = ["MARKER", "MIN_PASSWORD", "LocalHome"]

#: Written into a data folder created by Cluster Atlas; a folder without it is not ours.
MARKER = ".cluster-atlas"
#: The shortest password the local database takes: it never locks its user out after failed
#: logins (any web page can send logins to Bolt), so its password must be beyond guessing.
MIN_PASSWORD = 24


class LocalHome:
    """The files of one ``EXPLORER_HOME``: data, pid, port, password, log, lock and events."""

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

    def port(self) -> int | None:
        return read_int(self.port_file)

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
        return read_int(self.pid_file)

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

    @contextlib.contextmanager
    def turn(self, wait: float) -> Iterator[None]:
        """Hold this home's lock: a second start or stop waits until the first is done."""
        self.home.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.check_private()
        busy = DatabaseUnavailable(
            f"another `explorer db` command is starting or stopping the database in {self.home}",
            "wait for it to finish, then try again",
        )
        with taking_turns(self.lock_file, wait, busy):
            yield

    def remember(self, pid: int, port: int | None) -> None:
        """Write the pid and port files for a launcher found running."""
        self.pid_file.write_text(f"{pid}\n", encoding="utf-8")
        if port is not None:
            self.port_file.write_text(f"{port}\n", encoding="utf-8")

    def prepare(self) -> None:
        """Make the home and its data folder (refusing one Cluster Atlas did not make), and the
        password (refusing one too short)."""
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
            write_private(self.password_file, secrets.token_urlsafe(24))
        elif len(password) < MIN_PASSWORD:
            raise DatabaseUnavailable(
                f"the password in {self.password_file} is shorter than {MIN_PASSWORD} characters: "
                "too easy to guess for a database that never locks its user out",
                "delete the file: a new random password is made at the next start",
            )
