"""Curation's write path on a generated ecosystem of 100,000 relationships, against plain writes.

Measured in the same run and interleaved, on the same facts:

- editing a tie's note with ``edit_tie`` (role check, lock, loaders' row checks, version,
  a hash-chained change record), against a plain ``SET`` of the same property in one
  write transaction;
- retiring an entity with its ties with ``retire`` (every tie kept as a ``RetiredTie``,
  one record), against a plain write that marks the same entity and ties;
- undoing one of the edits (``undo``), against the same plain ``SET``;
- checking the whole history with ``verify`` (every record's hash recomputed in order),
  against reading the same records in the same order;
- sending an article to the review queue as the article page does (the reading it shows is
  queued), against what sending cost when the page read the article a second time.

The curation ratios say what the record, the checks and the chain cost over the bare write.
"""

from __future__ import annotations

from typing import Any

from benchmarks.common import BENCH_DIR, Context, Timer, median, p95, ratio
from explorer.curation import facts, history
from explorer.curation.actors import Actor, local_actor
from explorer.ingest import proposals
from explorer.model.facts import entity_key

FULL_SIZE, QUICK_SIZE = 100_000, 5_000
FULL_EDITS, QUICK_EDITS = 40, 8
FULL_RETIRES, QUICK_RETIRES = 8, 3
FULL_SENDS, QUICK_SENDS = 6, 2
#: The article sent to review (an invented one of the ingest benchmark).
ARTICLE = BENCH_DIR / "articles" / "fr_nice_medtech.txt"

_TIES = (
    "MATCH (a:Entity)-[r:MEMBER_OF]->(b:Entity) RETURN a.id AS start, b.id AS end "
    "ORDER BY start, end LIMIT $n"
)
_BUSY = (
    "MATCH (e:Company) WITH e, COUNT { (e)--(:Entity) } AS ties WHERE ties >= 8 "
    "RETURN e.id AS id, ties ORDER BY id LIMIT $n"
)
_PLAIN_EDIT = "MATCH (:Entity {id: $start})-[r:MEMBER_OF]->(:Entity {id: $end}) SET r.note = $note"
_PLAIN_RETIRE = (
    "MATCH (e:Entity {id: $id}) SET e.bench_mark = $at "
    "WITH e MATCH (e)-[r]-(:Entity) SET r.bench_mark = $at RETURN count(r) AS ties"
)
_PLAIN_READ = "MATCH (c:Change) RETURN c ORDER BY c.id"


def _write(ctx: Context, query: str, **params: Any) -> float:
    with Timer() as t:
        ctx.driver.execute_query(query, params, database_=ctx.settings.database)
    return t.seconds


def _sends(ctx: Context, actor: Actor, n: int) -> tuple[list[float], list[float]]:
    """Seconds to send an article that was read and shown: its reading queued (the page now), and
    read again then queued (the page before), interleaved. Each send is a copy of the text (a
    source of its own), so each proposes the same items."""
    text = ARTICLE.read_text(encoding="utf-8")
    proposals.read(ctx.driver, ctx.settings, proposals.load_article(text.encode()))  # models loaded
    once: list[float] = []
    again: list[float] = []
    for i in range(n):
        for way, samples in (("a", once), ("b", again)):
            article = proposals.load_article(f"{text}\n\n(copie {i}{way})".encode())
            shown = proposals.read(ctx.driver, ctx.settings, article)
            with Timer() as t:
                if samples is again:
                    shown = proposals.read(ctx.driver, ctx.settings, article)
                proposals.queue(ctx.driver, ctx.settings, actor, shown)
            samples.append(t.seconds)
    return once, again


def run(ctx: Context) -> dict[str, Any]:
    size = QUICK_SIZE if ctx.quick else FULL_SIZE
    n_edits = QUICK_EDITS if ctx.quick else FULL_EDITS
    n_retires = QUICK_RETIRES if ctx.quick else FULL_RETIRES
    data = ctx.load_dataset(size)
    actor = local_actor("bench")
    db = ctx.settings.database
    ties = [(r["start"], r["end"]) for r in ctx.driver.execute_query(_TIES, n=n_edits, database_=db).records]
    busy = [(r["id"], r["ties"]) for r in ctx.driver.execute_query(_BUSY, n=n_retires, database_=db).records]
    ctx.log(f"{len(ties)} ties to edit, {len(busy)} entities to retire")

    edit, plain_edit, undo, plain_undo, numbers = [], [], [], [], []
    for i, (start, end) in enumerate(ties):
        plain_edit.append(_write(ctx, _PLAIN_EDIT, start=start, end=end, note=f"plain {i}"))
        with Timer() as t:
            change = facts.edit_tie(
                ctx.driver, ctx.settings, actor, start, "MEMBER_OF", end,
                {"note": f"curated {i}"}, reason="benchmark edit",
            )  # fmt: skip
        edit.append(t.seconds)
        numbers.append(change.id)
    for number, (start, end) in zip(numbers, ties, strict=True):
        with Timer() as t:
            facts.undo(ctx.driver, ctx.settings, actor, number, reason="benchmark undo")
        undo.append(t.seconds)
        plain_undo.append(_write(ctx, _PLAIN_EDIT, start=start, end=end, note=None))

    retire, plain_retire, retired_ties = [], [], []
    for entity_id, count in busy:
        plain_retire.append(_write(ctx, _PLAIN_RETIRE, id=entity_id, at="bench"))
        with Timer() as t:
            facts.retire(ctx.driver, ctx.settings, actor, entity_key(entity_id), reason="benchmark retire")
        retire.append(t.seconds)
        retired_ties.append(count)

    verify_runs, read_runs, records = [], [], 0
    for _ in range(3):
        with Timer() as t:
            checked = ctx.driver.execute_query(_PLAIN_READ, database_=db).records
        read_runs.append(t.seconds)
        with Timer() as t:
            result = history.verify(ctx.driver, ctx.settings)
        verify_runs.append(t.seconds)
        records = result.records
        if not result.ok or len(checked) != records:
            raise RuntimeError(f"the history does not verify: {result.problem}")

    once, again = _sends(ctx, actor, QUICK_SENDS if ctx.quick else FULL_SENDS)
    send = {
        "queue_what_was_read_median_ms": round(median(once) * 1000, 1),
        "read_again_then_queue_median_ms": round(median(again) * 1000, 1),
        "ratio": round(ratio(median(once), median(again)), 3),
        "samples": len(once),
    }

    rows = [
        ("edit a tie's note", edit, plain_edit),
        ("undo that edit", undo, plain_undo),
        (f"retire an entity and its ties (median {median(retired_ties):.0f} ties)", retire, plain_retire),
        (f"verify the history ({records} records)", verify_runs, read_runs),
    ]
    table = [
        {
            "what": what,
            "curation_median_ms": round(median(mine) * 1000, 1),
            "curation_p95_ms": round(p95(mine) * 1000, 1),
            "plain_median_ms": round(median(plain) * 1000, 1),
            "ratio": round(ratio(median(mine), median(plain)), 2),
            "samples": len(mine),
        }
        for what, mine, plain in rows
    ]
    edit_ratio = table[0]["ratio"]
    summary = [
        f"Generated ecosystem of {data.relationships:,} relationships ({data.nodes:,} entities); "
        "curation calls against plain Cypher writes of the same facts, interleaved.",
        "",
        "| | Curation (median) | p95 | Plain write or read (median) | Ratio | Samples |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        *(
            f"| {r['what']} | {r['curation_median_ms']} ms | {r['curation_p95_ms']} ms "
            f"| {r['plain_median_ms']} ms | {r['ratio']}× | {r['samples']} |"
            for r in table
        ),
        "",
        f"Sending an article to the review queue ({ARTICLE.name}, {send['samples']} sends each, "
        "interleaved): the reading the page shows is queued in "
        f"{send['queue_what_was_read_median_ms']} ms (median); reading it again first, as the page "
        f"did before, took {send['read_again_then_queue_median_ms']} ms: {send['ratio']}× of that.",
    ]
    return {
        "relationships": data.relationships,
        "rows": table,
        "send_article": send,
        "summary": summary,
        "targets": [
            {
                "target": "an edit answers at once for a person (median under 0.5 s)",
                "met": table[0]["curation_median_ms"] < 500,
                "detail": f"{table[0]['curation_median_ms']} ms, {edit_ratio}× a plain SET",
            }
        ],
    }
