"""Run the benchmarks: ``python -m benchmarks.run [NAME ...] [--quick]`` (``make bench`` runs all).

Each ``benchmarks/bench_NAME.py`` runs in a process of its own with a fresh ``Context``
(see ``benchmarks.common``);
its result goes to ``benchmarks/results/NAME.json`` and ``SUMMARY.md`` is rebuilt
from every result file, so running one benchmark keeps the others' last figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import math
import os
import platform
import re
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

import psutil

from benchmarks.common import BENCH_DIR, RESULTS_DIR, Context

__all__ = ["available", "machine", "main", "run_one", "write_summary"]


def available() -> list[str]:
    """The benchmarks' names, from ``benchmarks/bench_*.py``."""
    return sorted(p.stem.removeprefix("bench_") for p in BENCH_DIR.glob("bench_*.py"))


def machine() -> dict[str, Any]:
    """CPU count, RAM, and the Python and Java versions of this run."""
    memory = psutil.virtual_memory().total
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": round(memory / 2**30, 1),
        "python": platform.python_version(),
        "java": _java_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def _java_version() -> str:
    try:
        out = subprocess.run(["java", "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    first = (out.stderr or out.stdout).strip().splitlines()
    match = re.search(r'"([^"]+)"', first[0]) if first else None
    return match.group(1) if match else (first[0] if first else "unknown")


def run_one(name: str, *, quick: bool, info: dict[str, Any]) -> dict[str, Any]:
    """Run ``bench_NAME.run`` in a fresh context; write and return its result document."""
    module = importlib.import_module(f"benchmarks.bench_{name}")
    ctx = Context(name=name, quick=quick)
    started = time.perf_counter()
    document: dict[str, Any] = {
        "name": name,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "quick": quick,
        "machine": info,
    }
    try:
        document["results"] = module.run(ctx)
        document["ok"] = True
    except Exception as e:  # one failing benchmark must not hide the others' figures
        traceback.print_exc()
        document["ok"] = False
        document["error"] = f"{type(e).__name__}: {e}"
    finally:
        ctx.close()
    document["seconds"] = round(time.perf_counter() - started, 1)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    target = RESULTS_DIR / f"{name}.json"
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(_clean(document), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(target)
    return document


def _clean(value: Any) -> Any:
    """JSON without NaN: ``null`` instead."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def write_summary() -> Path:
    """``SUMMARY.md`` from every ``results/*.json``."""
    documents = []
    for path in sorted(RESULTS_DIR.glob("*.json")):
        try:
            documents.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError):
            continue
    lines = ["# Benchmark summary", ""]
    if documents:
        newest = max(documents, key=lambda d: d.get("date", ""))
        m = newest.get("machine", {})
        lines += [
            f"Last run: {newest.get('date', '?')} on {m.get('cpus', '?')} CPUs "
            f"({m.get('cpu', '?')}), {m.get('ram_gb', '?')} GB RAM, Python {m.get('python', '?')}, "
            f"Java {m.get('java', '?')}, {m.get('system', '?')}.",
            "",
            "Every figure is a ratio against a baseline measured in the same run; "
            "absolute times on a shared machine are only indicative.",
            "",
        ]
    targets = []
    for d in documents:
        results = d.get("results") or {}
        quick = " (quick run)" if d.get("quick") else ""
        lines += [
            f"## {d.get('name')}{quick}",
            "",
            f"Run {d.get('date', '?')}, {d.get('seconds', '?')} s.",
            "",
        ]
        if not d.get("ok", True):
            lines += [f"**Failed**: {d.get('error', 'unknown error')}", ""]
            continue
        summary = results.get("summary")
        if isinstance(summary, str):
            summary = summary.splitlines()
        lines += [*(summary or ["(no summary)"]), ""]
        for t in results.get("targets") or []:
            targets.append((d.get("name"), t))
    if targets:
        lines += [
            "## Targets",
            "",
            "| Benchmark | Target | Met | Measured |",
            "| --- | --- | --- | --- |",
        ]
        for name, t in targets:
            met = "yes" if t.get("met") else "**no**"
            lines.append(f"| {name} | {t.get('target', '')} | {met} | {t.get('detail', '')} |")
        lines.append("")
    path = RESULTS_DIR / "SUMMARY.md"
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    names = available()
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"benchmarks to run (all: {', '.join(names)})"
    )
    parser.add_argument("--quick", action="store_true", help="small sizes and few repetitions (a smoke run)")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in names]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(names)}")
    chosen = args.names or names
    failed = []
    if len(chosen) == 1:
        print(f"== {chosen[0]}", file=sys.stderr, flush=True)
        if not run_one(chosen[0], quick=args.quick, info=machine())["ok"]:
            failed.append(chosen[0])
    else:
        # Each benchmark in a process of its own: what one leaves in memory (a million rows
        # read, caches, threads) must not slow the next one down.
        for name in chosen:
            command = [sys.executable, "-m", "benchmarks.run", name, *(["--quick"] if args.quick else [])]
            if subprocess.run(command, stdout=subprocess.DEVNULL, cwd=BENCH_DIR.parent).returncode != 0:
                failed.append(name)
    summary = write_summary()
    print(summary.read_text(encoding="utf-8"))
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
