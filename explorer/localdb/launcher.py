"""The local Neo4j's launcher: where it is built, the command that starts it, what its log says."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

from explorer.errors import DatabaseUnavailable, UsageError
from explorer.localdb.processes import option

__all__ = [
    "LAUNCHER_CLASS",
    "classpath",
    "command",
    "first_error",
    "java",
    "launcher_dir",
    "launches",
    "log_tail",
    "parse_size",
    "ready",
]

LAUNCHER_CLASS = "atlas.local.LocalNeo4j"


def launcher_dir() -> Path:
    """The ``neo4j-local`` Maven project (``EXPLORER_NEO4J_LOCAL`` overrides)."""
    value = os.environ.get("EXPLORER_NEO4J_LOCAL")
    return Path(value) if value else Path(__file__).resolve().parents[2] / "neo4j-local"


def parse_size(value: str) -> int:
    """Bytes in "512m", "1g", "65536k" or a plain number."""
    match = re.fullmatch(r"\s*(\d+)\s*([kmg]?)b?\s*", value.lower())
    if not match:
        raise UsageError(f"not a memory size: {value!r}", "write it like 512m or 1g")
    number, unit = int(match.group(1)), match.group(2)
    return number * {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[unit]


def classpath() -> str:
    """The built launcher's classes and libraries (refused when it is not built)."""
    root = launcher_dir()
    classes, lib = root / "target" / "classes", root / "target" / "lib"
    if not (classes / "atlas" / "local" / "LocalNeo4j.class").exists() or not lib.is_dir():
        raise DatabaseUnavailable(
            f"the local database is not built ({root}/target is missing)", "run `make setup`"
        )
    return f"{classes}{os.pathsep}{lib}/*"


def java() -> str:
    """The ``java`` of ``JAVA_HOME``, else the one on the ``PATH``."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home) / "bin" / "java" if java_home else None
    if candidate and candidate.exists():
        return str(candidate)
    found = shutil.which("java")
    if not found:
        raise DatabaseUnavailable("Java is not installed", "install Java 17 or newer (OpenJDK)")
    return found


def command(
    *,
    events: Path,
    java: str,
    classpath: str,
    heap: str,
    data: Path,
    port: int,
    password_file: Path,
    pagecache: int,
    csv_dir: Path | None,
) -> list[str]:
    """The command line that runs the launcher under its supervisor (:mod:`explorer.localdb.supervisor`)."""
    args = [
        sys.executable,
        "-m",
        "explorer.localdb.supervisor",
        str(events),
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
        str(data),
        "--port",
        str(port),
        "--password-file",
        str(password_file),
        "--pagecache",
        str(pagecache),
    ]
    if csv_dir is not None:
        args += ["--csv-import-dir", str(csv_dir)]
    return args


def launches(args: list[str], data: Path) -> bool:
    """Whether a command line runs the launcher on the data folder ``data``."""
    return LAUNCHER_CLASS in args and option(args, "--home") == str(data)


def log_tail(log_file: Path, size: int = 20000) -> str:
    """The last ``size`` bytes of the launcher's log, as text ("" before its first start)."""
    try:
        with open(log_file, "rb") as f:
            f.seek(max(0, f.seek(0, 2) - size))
            return f.read().decode(errors="replace")
    except FileNotFoundError:
        return ""


def ready(log_file: Path) -> bool:
    """Whether the log says the launcher is ready."""
    try:
        with open(log_file, "rb") as f:
            return b"READY bolt://" in f.read()
    except FileNotFoundError:
        return False


def first_error(log: str) -> str:
    """The line of the log that says why the launcher stopped."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    for line in lines:
        if re.search(r"(Exception|Error)\b.*:", line) and not line.startswith("at "):
            return line[:300]
    return lines[-1][:300] if lines else "no output"
