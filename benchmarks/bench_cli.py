"""How fast the command line starts, against ``python -c "import click"`` in the same run.

Each command runs as a user runs it (the installed ``explorer`` script, a process of its
own), rounds interleaved with the baseline so that both meet the same load on the machine.
The commands timed do not touch the database: ``--help``, a command's help, the saved
queries' list, the tie strengths, the local database's status. Targets: under 0.3 s and at
most 3x the baseline.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks.common import Context, Timer, median, p95, ratio

COMMANDS: tuple[tuple[str, ...], ...] = (
    ("--help",),
    ("--version",),
    ("paths", "--help"),
    ("load", "--help"),
    ("query", "--list"),
    ("weights",),
    ("db", "status"),
)
BASELINE = (sys.executable, "-c", "import click")
TARGET_SECONDS = 0.3
TARGET_RATIO = 3.0


def _time(command: tuple[str, ...], env: dict[str, str]) -> float:
    with Timer() as t:
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return t.seconds


def run(ctx: Context) -> dict[str, Any]:
    rounds = 5 if ctx.quick else 15
    explorer = str(Path(sys.executable).with_name("explorer"))
    env = ctx.env  # a home of its own; no database is started
    ctx.home.mkdir(parents=True, exist_ok=True)
    ctx.home.chmod(0o700)
    baseline: list[float] = []
    times: dict[str, list[float]] = {" ".join(c): [] for c in COMMANDS}
    for _ in range(rounds):
        baseline.append(_time(BASELINE, env))
        for command in COMMANDS:
            times[" ".join(command)].append(_time((explorer, *command), env))
    base = median(baseline)
    rows: dict[str, dict[str, float]] = {}
    for name, samples in times.items():
        rows[name] = {"median": median(samples), "p95": p95(samples), "ratio": ratio(median(samples), base)}
        ctx.log(f"explorer {name}: {rows[name]['median'] * 1000:.0f} ms ({rows[name]['ratio']:.2f}x)")
    worst = max(r["ratio"] for r in rows.values())
    slowest = max(r["median"] for r in rows.values())
    result: dict[str, Any] = {
        "rounds": rounds,
        "baseline": {"median": base, "p95": p95(baseline)},
        "commands": rows,
        "worst_ratio": worst,
        "slowest": slowest,
        "targets": [
            {
                "target": f"every command at most {TARGET_RATIO:.0f}× python -c 'import click'",
                "met": worst <= TARGET_RATIO,
                "detail": f"{worst:.2f}× at worst",
            },
            {
                "target": f"every command under {TARGET_SECONDS * 1000:.0f} ms",
                "met": slowest < TARGET_SECONDS,
                "detail": f"{slowest * 1000:.0f} ms at worst (import click: {base * 1000:.0f} ms)",
            },
        ],
    }
    result["summary"] = [
        f'Median of {rounds} rounds; baseline `python -c "import click"` {base * 1000:.0f} ms. '
        f"Targets: under {TARGET_SECONDS * 1000:.0f} ms and at most {TARGET_RATIO:.0f}× the baseline.",
        "",
        "| Command | Median | p95 | Ratio |",
        "| --- | ---: | ---: | ---: |",
        *(
            f"| `explorer {name}` | {r['median'] * 1000:.0f} ms | {r['p95'] * 1000:.0f} ms "
            f"| {r['ratio']:.2f}× |"
            for name, r in rows.items()
        ),
    ]
    return result
