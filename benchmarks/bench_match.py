"""How fast and how well "did you mean" finds a misspelt name: ``model.closest`` (rapidfuzz),
against the standard library's ``difflib.get_close_matches`` it replaced.

On invented entity names (a few words each, accents included), each query one of the names
misspelt (a letter dropped, two swapped or one changed, capitals and accents lost), both asked
for the three closest names at the same cutoff (0.6), interleaved, in the same run:

- the median and 95th percentile time of one question, and their ratio;
- how often the misspelt name's own entity comes first (both should find it as often).

No database: the matcher alone, as resolving a name, a saved query's name or a country uses it.
"""

from __future__ import annotations

import difflib
import random
from typing import Any

from benchmarks.common import Context, Timer, median, p95, ratio
from explorer.model import closest, fold

FULL_NAMES, QUICK_NAMES = 5_000, 1_000
FULL_QUERIES, QUICK_QUERIES = 60, 15
SEED = 20

_SYLLABLES = ("bio", "gen", "thé", "ra", "pha", "med", "lyo", "nov", "cel", "tis", "immu", "onc", "vé", "ro")
_TAILS = ("SA", "SAS", "Labs", "Therapeutics", "Santé", "Institut", "Biotech", "Pôle", "Cluster")


def names(n: int, rng: random.Random) -> list[str]:
    """``n`` distinct invented names: "Génrathé Labs", "Immuonc Santé"..."""
    made: dict[str, None] = {}
    while len(made) < n:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        made[f"{word} {rng.choice(_TAILS)}"] = None
    return list(made)


def misspelt(name: str, rng: random.Random) -> str:
    """``name`` in lower case without accents, one letter dropped, two swapped or one changed."""
    text = list(fold(name))
    at = rng.randrange(1, len(text) - 1)
    how = rng.choice(("drop", "swap", "change"))
    if how == "drop":
        del text[at]
    elif how == "swap":
        text[at], text[at + 1] = text[at + 1], text[at]
    else:
        text[at] = rng.choice("aeiourst")
    return "".join(text)


def run(ctx: Context) -> dict[str, Any]:
    rng = random.Random(SEED)
    pool = names(QUICK_NAMES if ctx.quick else FULL_NAMES, rng)
    asked = rng.sample(pool, QUICK_QUERIES if ctx.quick else FULL_QUERIES)
    folded = [fold(n) for n in pool]
    ours: list[float] = []
    theirs: list[float] = []
    found = {"closest": 0, "difflib": 0}
    for name in asked:
        typed = misspelt(name, rng)
        with Timer() as t:
            best = closest(typed, pool, 3)
        ours.append(t.seconds)
        found["closest"] += bool(best) and best[0] == name
        with Timer() as t:
            best_folded = difflib.get_close_matches(fold(typed), folded, n=3, cutoff=0.6)
        theirs.append(t.seconds)
        found["difflib"] += bool(best_folded) and best_folded[0] == fold(name)
    result = {
        "names": len(pool),
        "queries": len(asked),
        "closest_median_ms": round(median(ours) * 1000, 2),
        "closest_p95_ms": round(p95(ours) * 1000, 2),
        "difflib_median_ms": round(median(theirs) * 1000, 2),
        "difflib_p95_ms": round(p95(theirs) * 1000, 2),
        "ratio": round(ratio(median(ours), median(theirs)), 4),
        "closest_first_right": found["closest"],
        "difflib_first_right": found["difflib"],
    }
    result["summary"] = (
        f'"Did you mean" among {result["names"]:,} names ({result["queries"]} misspelt names asked): '
        f"`closest` (rapidfuzz) answers in {result['closest_median_ms']} ms (median, p95 "
        f"{result['closest_p95_ms']} ms), difflib in {result['difflib_median_ms']} ms (p95 "
        f"{result['difflib_p95_ms']} ms): {result['ratio']}× of that. The right name first: "
        f"{result['closest_first_right']} of {result['queries']} (closest), "
        f"{result['difflib_first_right']} (difflib)."
    )
    return result
