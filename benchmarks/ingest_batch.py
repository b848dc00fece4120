"""A batch of articles against one article, both read by ``explorer ingest --preview`` as a
user runs it (a process each time, against the benchmark's own database): the batch reads all
its articles in one process with one load of the language models, so ten articles should cost
less than twice one.

The articles are the invented ones, and the real annotated ones when their folder is known
(copied for the run into the benchmark's scratch folder, never into the repository), French
and English: the single article is a French one (the language whose model takes longer to
load), the batch loads both models.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.common import BENCH_DIR, Context, median
from benchmarks.ingest_real import real_folder, real_report
from explorer.ingest.language import detect_language

__all__ = ["batch_report", "other_reports"]

BATCH = 10
#: The batch may cost at most this many times one article.
LIMIT = 2.0


def _articles(ctx: Context) -> list[Path]:
    real = real_folder()
    sources = sorted(real.glob("*.txt")) if real is not None else []
    sources += sorted((BENCH_DIR / "articles").glob("*.txt"))
    # the single article is a French one: its model is the heavier to load, as every batch's is
    sources.sort(key=lambda p: detect_language(p.read_text(encoding="utf-8")) != "fr")
    folder = ctx.work / "batch"
    folder.mkdir(parents=True, exist_ok=True)
    chosen = []
    for n in range(BATCH):
        source = sources[n % len(sources)]
        copy = folder / f"{n:02d}-{source.name}"
        shutil.copyfile(source, copy)
        chosen.append(copy)
    return chosen


def _timed(ctx: Context, files: list[Path]) -> float:
    command = [str(Path(sys.executable).with_name("explorer")), "ingest", *map(str, files), "--preview"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=ctx.env, timeout=900)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"explorer ingest failed: {done.stderr.strip()[-300:]}")
    return seconds


def batch_report(ctx: Context) -> dict[str, Any]:
    """Time one article and a batch of ten, alternately; the ratio of their medians."""
    files = _articles(ctx)
    ctx.database  # noqa: B018 (started before the clock runs)
    singles, batches = [], []
    for _ in range(1 if ctx.quick else 2):
        singles.append(_timed(ctx, files[:1]))
        batches.append(_timed(ctx, files))
        ctx.log(f"one article {singles[-1]:.1f} s, {len(files)} articles {batches[-1]:.1f} s")
    one, ten = median(singles), median(batches)
    ratio = ten / one
    return {
        "summary": [
            f"`explorer ingest --preview`: one article {one:.1f} s, a batch of {len(files)} articles "
            f"{ten:.1f} s ({ratio:.2f}× one French article; both languages in the batch; "
            f"medians of {len(singles)} runs each).",
        ],
        "targets": [
            {
                "target": f"a batch of {len(files)} articles costs < {LIMIT:.0f}× one article",
                "met": ratio < LIMIT,
                "detail": f"{ratio:.2f}× ({ten:.1f} s against {one:.1f} s)",
            }
        ],
        "seconds": {"one": round(one, 2), "batch": round(ten, 2), "articles": len(files)},
    }


def other_reports(ctx: Context) -> dict[str, Any]:
    """The real articles' report (when their folder is known) and the batch's, for the ingest
    benchmark: their summary lines, targets and figures."""
    folder = real_folder()
    real = real_report(folder, ctx.log) if folder is not None else None
    for line in real["errors"] if real else []:
        ctx.log(line)  # the real articles' sentences: on the console, never in the results
    batch = batch_report(ctx)
    hint = "(no real articles: set EXPLORER_REAL_ARTICLES to a folder of annotated real articles)"
    return {
        "summary": ["", *(real["summary"] if real else [hint]), "", *batch["summary"]],
        "targets": [*(real["targets"] if real else []), *batch["targets"]],
        "real": {k: v for k, v in real.items() if k not in ("summary", "errors")} if real else None,
        "batch": batch["seconds"],
    }
