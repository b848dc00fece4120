"""Time on the generated ecosystem of 100,000 relationships, dates spread over twenty years.

The generator gives seven ties in ten a ``since`` year from 2003 to 2025; this benchmark then
gives a third of those an ``until`` four years later, and a fifth a month (``2015-06``), in its
own database. Measured in the same run and interleaved, each against the same request without
a date:

- the network view (the overview, and the neighbourhood of a busy entity) as of a date, against
  the same view today;
- ``find_paths`` as of a date, against the same pairs today;
- "what changed" over one year (valid and record time), against the undated network overview.

Targets (the issue's): an as-of view and an as-of path search each within 1.3× the undated
request (median); a "what changed" over one year within 2 s.
"""

from __future__ import annotations

import dataclasses
import random
import time
from collections.abc import Callable
from typing import Any

from benchmarks.common import Context, median, p95, ratio
from explorer.database.session import read_query
from explorer.errors import QueryTimeout
from explorer.introductions.paths import find_paths
from explorer.introductions.weights import load_weights
from explorer.model import FactDate, Moment
from explorer.views import network
from explorer.views.changes import Window, what_changed

SIZE = 100_000
FULL_REPS, QUICK_REPS = 15, 3
FULL_PAIRS, QUICK_PAIRS = 20, 4
AS_OF = FactDate(2015, 6)
TARGET_RATIO, TARGET_CHANGES = 1.3, 2.0

_DATES = (
    "MATCH ()-[r]->() WHERE r.since IS NOT NULL AND r.since % 3 = 0 SET r.until = r.since + 4 "
    "WITH count(*) AS ended "
    "MATCH ()-[r]->() WHERE r.since IS NOT NULL AND r.since % 5 = 1 "
    "SET r.since = toString(r.since) + '-06' RETURN ended, count(*) AS months"
)
_BUSY = "MATCH (n:Entity:Company) RETURN n.id AS id ORDER BY COUNT { (n)--() } DESC LIMIT 1"
_PEOPLE = "MATCH (n:Entity) WHERE n:Company OR n:Person RETURN n.id AS id ORDER BY id"


def _timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def _pairwise(
    reps: int, dated: Callable[[], Any], today: Callable[[], Any]
) -> tuple[list[float], list[float]]:
    """``reps`` interleaved runs of each (one warm-up of each first)."""
    dated(), today()
    a, b = [], []
    for _ in range(reps):
        a.append(_timed(dated))
        b.append(_timed(today))
    return a, b


def run(ctx: Context) -> dict[str, Any]:
    data = ctx.load_dataset(SIZE)
    # The same generous time limit for both series: a busy machine must not cut one of them short.
    settings = dataclasses.replace(ctx.settings, cli_timeout=600.0, ui_timeout=600.0)
    with ctx.driver.session(database=settings.database) as session:
        spread = session.run(_DATES).single()
    ctx.log(
        f"{data.relationships:,} relationships; {spread['ended']:,} given an until, "
        f"{spread['months']:,} a month"
    )
    reps = QUICK_REPS if ctx.quick else FULL_REPS
    busy = read_query(ctx.driver, settings, _BUSY).rows[0]["id"]
    at = Moment(AS_OF)
    views = {}
    for name, view in (("overview", network.View()), ("neighbourhood", network.View(focus=busy, depth=2))):
        views[name] = _pairwise(
            reps,
            lambda v=view: network.fetch_view(ctx.driver, settings, dataclasses.replace(v, moment=at)),
            lambda v=view: network.fetch_view(ctx.driver, settings, v),
        )
    ids = [r["id"] for r in read_query(ctx.driver, settings, _PEOPLE, row_cap=10**7, check=False).rows]
    rnd = random.Random(ctx.seed)
    pairs = [tuple(rnd.sample(ids, 2)) for _ in range(QUICK_PAIRS if ctx.quick else FULL_PAIRS)]
    weights = load_weights(None, env={})
    dated_weights = dataclasses.replace(weights, as_of=AS_OF)
    path_dated, path_today = [], []
    for a, b in pairs:
        try:
            d, t = _pairwise(
                1,
                lambda a=a, b=b: find_paths(ctx.driver, settings, a, b, k=5, weights=dated_weights),
                lambda a=a, b=b: find_paths(ctx.driver, settings, a, b, k=5, weights=weights),
            )
        except QueryTimeout:
            ctx.log(f"  {a} -> {b}: stopped by the time limit, left out of both series")
            continue
        path_dated += d
        path_today += t
    window = Window(FactDate(2015), FactDate(2015))
    changes = [_timed(lambda: what_changed(ctx.driver, settings, window)) for _ in range(reps)]
    return _report(data.relationships, views, path_dated, path_today, changes)


def _report(
    relationships: int,
    views: dict[str, tuple[list[float], list[float]]],
    path_dated: list[float],
    path_today: list[float],
    changes: list[float],
) -> dict[str, Any]:
    figures: dict[str, Any] = {
        name: {
            "as_of_median": median(d),
            "today_median": median(t),
            "ratio_median": ratio(median(d), median(t)),
            "as_of_p95": p95(d),
            "today_p95": p95(t),
        }
        for name, (d, t) in views.items()
    }
    figures["paths"] = {
        "as_of_median": median(path_dated),
        "today_median": median(path_today),
        "ratio_median": ratio(median(path_dated), median(path_today)),
        "as_of_p95": p95(path_dated),
        "today_p95": p95(path_today),
    }
    overview_today = figures["overview"]["today_median"]
    figures["changes"] = {
        "median": median(changes),
        "p95": p95(changes),
        "ratio_to_overview": ratio(median(changes), overview_today),
    }
    changed = figures["changes"]
    lines = [
        f"{relationships:,} relationships, dates 2003–2029 (years, months, ends); as of {AS_OF.iso()}.",
        "",
        "| Request | as of a date (median) | today (median) | Ratio |",
        "| --- | ---: | ---: | ---: |",
        *(
            f"| {name} | {f['as_of_median']:.3f} s | {f['today_median']:.3f} s | {f['ratio_median']:.2f}× |"
            for name, f in figures.items()
            if name != "changes"
        ),
        "",
        f"What changed in 2015: median {changed['median']:.3f} s, p95 {changed['p95']:.3f} s "
        f"({changed['ratio_to_overview']:.2f}× the undated overview).",
    ]
    targets = [
        {
            "target": f"as-of {name} within {TARGET_RATIO}× the undated request (median)",
            "met": figures[name]["ratio_median"] <= TARGET_RATIO,
            "detail": f"{figures[name]['ratio_median']:.2f}×",
        }
        for name in ("overview", "neighbourhood", "paths")
    ]
    targets.append(
        {
            "target": f"what changed over one year within {TARGET_CHANGES:.0f} s (median)",
            "met": figures["changes"]["median"] <= TARGET_CHANGES,
            "detail": f"{figures['changes']['median']:.3f} s",
        }
    )
    return {"figures": figures, "summary": lines, "targets": targets}
