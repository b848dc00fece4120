"""The local database's start time and memory, against a bare JVM started the same way.

Each round starts the embedded Neo4j in a fresh ``EXPLORER_HOME`` (first start: store
and system database created), stops it, starts it again on the same store (a
restart), and times the first query. The baseline is a JVM with the same flags
running a class that prints one line and idles: what any Java process costs here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import Context, Timer, median, process_rss, ratio, stats
from explorer.localdb.connecting import connect, local_settings
from explorer.localdb.server import LocalDatabase, free_port

_IDLE = """public class Idle {
    public static void main(String[] args) throws Exception {
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
"""


def run(ctx: Context) -> dict[str, Any]:
    rounds = 1 if ctx.quick else 3
    heap = os.environ.get("EXPLORER_NEO4J_HEAP", "1g")
    pagecache = os.environ.get("EXPLORER_NEO4J_PAGECACHE", "256m")
    jvm = [_bare_jvm(ctx, heap) for _ in range(rounds)]
    first, restart, query, rss = [], [], [], []
    for i in range(rounds):
        home = ctx.root / f"db-{i}"
        database = LocalDatabase(home)
        try:
            with Timer() as t:
                database.start(port=free_port(), wait=240, heap=heap, pagecache=pagecache)
            first.append(t.seconds)
            database.stop()
            with Timer() as t:
                status = database.start(port=free_port(), wait=240, heap=heap, pagecache=pagecache)
            restart.append(t.seconds)
            driver = connect(local_settings({"EXPLORER_HOME": str(home)}))
            try:
                with Timer() as t:
                    driver.execute_query("RETURN 1")
                query.append(t.seconds)
            finally:
                driver.close()
            time.sleep(2)  # let start-up garbage settle before reading the memory
            rss.append(process_rss(status.pid or 0))
        finally:
            database.stop()
            shutil.rmtree(home, ignore_errors=True)
        ctx.log(
            f"round {i + 1}: first start {first[-1]:.1f} s, restart {restart[-1]:.1f} s, "
            f"RSS {rss[-1] / 2**20:.0f} MB"
        )
    jvm_start = median([s for s, _ in jvm])
    jvm_rss = median([r for _, r in jvm])
    result = {
        "heap": heap,
        "pagecache": pagecache,
        "jvm": {"start": stats([s for s, _ in jvm]), "rss": jvm_rss},
        "first_start": stats(first),
        "restart": stats(restart),
        "first_query": stats(query),
        "rss": median(rss),
        "start_vs_jvm": ratio(median(first), jvm_start),
        "restart_vs_jvm": ratio(median(restart), jvm_start),
        "rss_vs_jvm": ratio(median(rss), jvm_rss),
    }
    result["summary"] = [
        f"Heap {heap}, page cache {pagecache}; median of {rounds} round{'s' if rounds > 1 else ''}.",
        "",
        "| | Local Neo4j | Bare JVM (same flags) | Ratio |",
        "| --- | ---: | ---: | ---: |",
        f"| first start (new store), until Bolt answers | {median(first):.1f} s | {jvm_start:.2f} s "
        f"| {result['start_vs_jvm']:.0f}× |",
        f"| restart (existing store) | {median(restart):.1f} s | {jvm_start:.2f} s "
        f"| {result['restart_vs_jvm']:.0f}× |",
        f"| resident memory after start | {median(rss) / 2**20:.0f} MB | {jvm_rss / 2**20:.0f} MB "
        f"| {result['rss_vs_jvm']:.0f}× |",
        f"| first query (`RETURN 1`, new connection) | {median(query) * 1000:.0f} ms | | |",
    ]
    return result


def _java() -> str:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java") or "java"


def _bare_jvm(ctx: Context, heap: str) -> tuple[float, int]:
    """Seconds until a bare JVM (same flags as the database) prints a line, and its RSS then."""
    folder = ctx.work / "idle"
    if not (folder / "Idle.class").exists():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "Idle.java").write_text(_IDLE, encoding="utf-8")
        javac = Path(_java()).with_name("javac")
        subprocess.run([str(javac), "-d", str(folder), str(folder / "Idle.java")], check=True)
    command = [_java(), f"-Xmx{heap}", "-XX:+UseG1GC", "-Dfile.encoding=UTF-8", "-cp", str(folder), "Idle"]
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err, text=True)
        try:
            assert process.stdout is not None
            process.stdout.readline()
            seconds = time.perf_counter() - started
            time.sleep(2)
            return seconds, process_rss(process.pid)
        finally:
            process.kill()
            process.wait()
