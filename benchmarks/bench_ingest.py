"""How well and how fast articles are read: precision and recall of the entities and ties the
reader proposes, against what a careful reader records, per language and per type; the time
per article once the language model is loaded, and the load itself (once per process).

The articles are invented ones in the style of the regional business press
(``benchmarks/articles/*.txt``, each with a ``.yaml`` that lists the graph before the article
and the facts it states). The seed article is scored against ``seeds/`` when its path is
given in ``EXPLORER_SEED_ARTICLE``: its gold ties are the relationships of ``seeds/`` between
the entities the article names (by name, French name or alias), read once against a graph
holding the seed entities without their ties, and once against an empty graph.

An entity is found when linked to the right id or proposed new under its name (kind, country
apart); a tie when its ends and type are right (either way round when symmetric; status apart).
Real articles: ``ingest_real``; a batch of articles against one: ``ingest_batch``.
"""

from __future__ import annotations

import os
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from benchmarks.common import BENCH_DIR, ROOT, Context, median
from benchmarks.ingest_batch import other_reports
from explorer import model
from explorer.ingest.gazetteer import Gazetteer, Known, gazetteer_of, name_key
from explorer.ingest.nlp import loads, pipeline
from explorer.ingest.proposals import load_article
from explorer.ingest.reader import Reading, read

ARTICLES = BENCH_DIR / "articles"
SEED_VARIABLE = "EXPLORER_SEED_ARTICLE"


@dataclass
class Gold:
    """An article and what it states."""

    name: str
    lang: str
    text: bytes
    graph: list[tuple[Known, list[str]]]
    entities: list[dict[str, Any]]
    ties: list[tuple[str, str, str, str]]
    notes: list[str] = field(default_factory=list)


@dataclass
class Score:
    """Counts for precision and recall, by language and by type or kind."""

    found: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    hit: Counter[str] = field(default_factory=Counter)

    def add(self, other: Score) -> None:
        for mine, theirs in (
            (self.found, other.found),
            (self.right, other.right),
            (self.gold, other.gold),
            (self.hit, other.hit),
        ):
            mine.update(theirs)

    def figures(self, key: str = "all") -> dict[str, Any]:
        found, right, gold, hit = self.found[key], self.right[key], self.gold[key], self.hit[key]
        return {
            "proposed": found,
            "correct": right,
            "gold": gold,
            "recalled": hit,
            "precision": round(right / found, 3) if found else None,
            "recall": round(hit / gold, 3) if gold else None,
        }


# -- gold files -----------------------------------------------------------------------------------


def _known(row: dict[str, Any]) -> tuple[Known, list[str]]:
    names = [row["name"], *([row["name_fr"]] if row.get("name_fr") else [])]
    aliases = row.get("aliases")
    names += [aliases] if isinstance(aliases, str) else list(aliases or [])
    return Known(row["id"], row["kind"], row["name"], row.get("country") or row.get("code")), names


def invented() -> list[Gold]:
    """The annotated articles of ``benchmarks/articles``."""
    found = []
    for text in sorted(ARTICLES.glob("*.txt")):
        spec = yaml.safe_load(text.with_suffix(".yaml").read_text(encoding="utf-8"))
        found.append(
            Gold(
                text.stem,
                spec["lang"],
                text.read_bytes(),
                [_known(row) for row in spec.get("graph", [])],
                spec["entities"],
                [tuple(t) for t in spec["ties"]],  # type: ignore[misc]
            )
        )
    return found


def _seed_rows() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    nodes: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for path in sorted((ROOT / "seeds").glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        nodes += document.get("nodes", [])
        links += document.get("links", [])
    return nodes, links


def seed(path: Path, with_entities: bool) -> Gold:
    """The seed article, scored against the relationships of ``seeds/`` between the entities it names."""
    nodes, links = _seed_rows()
    text = path.read_bytes()
    words = f" {name_key(text.decode('utf-8'))} "
    named = {}
    for row in nodes:
        known, names = _known(row)
        if any(f" {name_key(n)} " in words for n in names if name_key(n)):
            named[known.id] = (row, known)
    entities = [
        {"name": row["name"], "id": i}
        if with_entities
        else {
            "name": row["name"],
            "kind": row["kind"],
            "country": row.get("country") or row.get("code"),
            "also": [row.get("name_fr")] if row.get("name_fr") else [],
        }
        for i, (row, _) in named.items()
    ]
    ties = []
    for link in links:
        if link["source"] in named and link["target"] in named:
            if with_entities and link["type"] == "IN_COUNTRY":
                continue  # a city of the graph has its country already
            status = link.get("status", "active")
            ends = (
                [link["source"], link["target"]]
                if with_entities
                else [named[link["source"]][0]["name"], named[link["target"]][0]["name"]]
            )
            ties.append((ends[0], link["type"], ends[1], status))
    graph = [_known(row) for row in nodes] if with_entities else []
    label = "seed article, seed entities in the graph" if with_entities else "seed article, empty graph"
    return Gold(label, "fr", text, graph, entities, ties)


# -- scoring ------------------------------------------------------------------------------------


def _matches(name: str, gold: dict[str, Any]) -> bool:
    ours, theirs = name_key(name), [name_key(gold["name"]), *(name_key(a) for a in gold.get("also", []) if a)]
    return ours in theirs or any(t.startswith(ours + " ") or ours.startswith(t + " ") for t in theirs if t)


def score(gold: Gold, reading: Reading) -> tuple[Score, Score, dict[str, Any]]:
    """Entities and ties of ``reading`` against ``gold``; the ties' statuses and new entities' kinds."""
    entities, ties = Score(), Score()
    keys: dict[int, str] = {}
    gold_keys = {g.get("id") or g["name"]: g for g in gold.entities}
    taken: set[str] = set()
    for entity in reading.entities:
        kind = entity.kind
        entities.found.update(["all", kind])
        match = None
        if entity.id and entity.sure and entity.id in gold_keys:
            match = entity.id
        else:
            for key, g in gold_keys.items():
                if "id" not in g and _matches(entity.name, g) and key not in taken:
                    match = key
                    break
            if (
                match is None
                and entity.proposed_id in gold_keys
                and "id" not in gold_keys[entity.proposed_id]
            ):
                match = entity.proposed_id
        if match is not None and match not in taken:
            taken.add(match)
            keys[entity.index] = match
            entities.right.update(["all", kind])
    kinds = {"right": 0, "of": 0}
    countries = {"right": 0, "of": 0}
    for index, key in keys.items():
        g, entity = gold_keys[key], reading.entities[index]
        if "id" not in g:
            kinds["of"] += 1
            kinds["right"] += entity.kind == g["kind"]
            if g.get("country"):
                countries["of"] += 1
                countries["right"] += entity.country == g["country"]
    for g in gold.entities:
        kind = g.get("kind") or next((k.kind for k, _ in gold.graph if k.id == g.get("id")), "?")
        entities.gold.update(["all", kind])
        if (g.get("id") or g["name"]) in taken:
            entities.hit.update(["all", kind])

    def identity(rtype: str, a: str, b: str) -> tuple[str, str, str]:
        return (rtype, *sorted((a, b))) if rtype in model.SYMMETRIC_TYPES else (rtype, a, b)  # type: ignore[return-value]

    gold_ties = {identity(t[1], t[0], t[2]): t[3] for t in gold.ties}
    status = {"right": 0, "of": 0}
    proposed = list(reading.ties)
    implied = []
    if not gold.graph:  # a new city proposed with its country brings its IN_COUNTRY tie along
        for entity in reading.entities:
            country = next(
                (e for e in reading.entities if e.kind == "Country" and e.country == entity.country), None
            )
            if entity.kind == "City" and entity.country and country is not None:
                implied.append((entity.index, country.index))
    seen: set[tuple[str, str, str]] = set()
    for tie in proposed:
        ties.found.update(["all", tie.type])
        a, b = keys.get(tie.start), keys.get(tie.end)
        ident = identity(tie.type, a or "?", b or "?")
        if a and b and ident in gold_ties and ident not in seen:
            seen.add(ident)
            ties.right.update(["all", tie.type])
            status["of"] += 1
            status["right"] += tie.status == gold_ties[ident]
    for start, end in implied:
        a, b = keys.get(start), keys.get(end)
        ident = identity("IN_COUNTRY", a or "?", b or "?")
        if a and b and ident in gold_ties and ident not in seen:
            seen.add(ident)
            ties.found.update(["all", "IN_COUNTRY"])
            ties.right.update(["all", "IN_COUNTRY"])
            status["of"] += 1
            status["right"] += gold_ties[ident] == "active"
    for ident in gold_ties:
        ties.gold.update(["all", ident[0]])
        if ident in seen:
            ties.hit.update(["all", ident[0]])
    missed = [f"{i[1]} -{i[0]}-> {i[2]}" for i in gold_ties if i not in seen]
    wrong = [
        f"{reading.entities[t.start].name} -{t.type}-> {reading.entities[t.end].name}"
        for t in proposed
        if identity(t.type, keys.get(t.start) or "?", keys.get(t.end) or "?") not in gold_ties
    ]
    extra = {"status": status, "kinds": kinds, "countries": countries, "missed": missed, "wrong": wrong}
    return entities, ties, extra


# -- the run --------------------------------------------------------------------------------------


def _read(gold: Gold, gazetteer: Gazetteer) -> tuple[Reading, float]:
    article = load_article(gold.text)
    read(article, gazetteer, gold.lang)  # type: ignore[arg-type]
    times = []
    reading = None
    for _ in range(3):
        started = time.perf_counter()
        reading = read(article, gazetteer, gold.lang)  # type: ignore[arg-type]
        times.append(time.perf_counter() - started)
    assert reading is not None
    return reading, median(times)


def _table(title: str, scores: dict[str, Score], keys: Iterable[str]) -> list[str]:
    lines = [
        f"| {title} | proposed | correct | precision | gold | recalled | recall |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for lang, s in scores.items():
        for key in keys:
            f = s.figures(key)
            if not f["proposed"] and not f["gold"]:
                continue
            p = "–" if f["precision"] is None else f"{f['precision']:.0%}"
            r = "–" if f["recall"] is None else f"{f['recall']:.0%}"
            counts = f"{f['proposed']} | {f['correct']} | {p} | {f['gold']} | {f['recalled']} | {r}"
            lines.append(f"| {lang} · {key} | {counts} |")
    return lines


def run(ctx: Context) -> dict[str, Any]:
    started = time.perf_counter()
    pipeline("fr")
    pipeline("en")
    load_seconds = time.perf_counter() - started
    golds = invented()
    seed_path = os.environ.get(SEED_VARIABLE)
    seeds = [seed(Path(seed_path), True), seed(Path(seed_path), False)] if seed_path else []
    per_lang_entities: dict[str, Score] = defaultdict(Score)
    per_lang_ties: dict[str, Score] = defaultdict(Score)
    articles: list[dict[str, Any]] = []
    timings: list[tuple[int, float]] = []
    targets: list[dict[str, Any]] = []
    for gold in [*golds, *seeds]:
        gazetteer = gazetteer_of(gold.graph)
        reading, seconds = _read(gold, gazetteer)
        entities, ties, extra = score(gold, reading)
        group = f"{gold.lang} (seed)" if gold in seeds else gold.lang
        per_lang_entities[group].add(entities)
        per_lang_ties[group].add(ties)
        characters = reading.article.characters
        timings.append((characters, seconds))
        articles.append(
            {
                "article": gold.name,
                "lang": gold.lang,
                "characters": characters,
                "seconds": round(seconds, 3),
                "entities": entities.figures(),
                "ties": ties.figures(),
                **extra,
            }
        )
        ctx.log(
            f"{gold.name}: ties {ties.figures()['precision']} / {ties.figures()['recall']} in {seconds:.2f} s"
        )
        if gold in seeds:
            f = ties.figures()
            targets.append(
                {
                    "target": f"{gold.name}: ≥ 80 % of the seed ties proposed",
                    "met": (f["recall"] or 0) >= 0.8,
                    "detail": f"{f['recalled']}/{f['gold']} ({f['recall']:.0%})",
                }
            )
            targets.append(
                {
                    "target": f"{gold.name}: ≥ 60 % of the proposals correct",
                    "met": (f["precision"] or 0) >= 0.6,
                    "detail": f"{f['correct']}/{f['proposed']} ({f['precision']:.0%})",
                }
            )
    targets += (others := other_reports(ctx))["targets"]
    per_5000 = [seconds * 5000 / max(1, characters) for characters, seconds in timings]
    slowest = max(per_5000) if per_5000 else 0.0
    targets.append(
        {
            "target": "5,000 characters read in < 3 s once the model is loaded",
            "met": slowest < 3,
            "detail": f"median {median(per_5000):.2f} s, slowest {slowest:.2f} s per 5,000 characters",
        }
    )
    targets.append(
        {
            "target": "the language models are loaded once per process",
            "met": loads() == {"en": 1, "fr": 1},
            "detail": f"loads: {loads()}; {load_seconds:.1f} s",
        }
    )
    kinds = sorted({k for s in per_lang_entities.values() for k in s.gold} - {"all"})
    types = sorted({k for s in per_lang_ties.values() for k in s.gold | s.found} - {"all"})
    summary = [
        f"{len(golds)} invented articles"
        + (
            f" and the seed article ({len(seeds)} readings)"
            if seeds
            else f" (the seed article too when {SEED_VARIABLE} names it)"
        )
        + f"; models loaded in {load_seconds:.1f} s, once.",
        "",
        *_table("Entities", per_lang_entities, ["all", *kinds]),
        "",
        *_table("Ties", per_lang_ties, ["all", *types]),
        "",
        "| Article | characters | seconds | entities P / R | ties P / R | status right | new kinds right |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for a in articles:
        e, t = a["entities"], a["ties"]
        fmt = lambda v: "–" if v is None else f"{v:.0%}"  # noqa: E731
        summary.append(
            f"| {a['article']} | {a['characters']:,} | {a['seconds']:.2f} "
            f"| {fmt(e['precision'])} / {fmt(e['recall'])} | {fmt(t['precision'])} / {fmt(t['recall'])} "
            f"| {a['status']['right']}/{a['status']['of']} | {a['kinds']['right']}/{a['kinds']['of']} |"
        )
    summary += others["summary"]
    return {
        "summary": summary,
        "targets": targets,
        "real": others["real"],
        "batch": others["batch"],
        "articles": articles,
        "load_seconds": round(load_seconds, 2),
        "seconds_per_5000_characters": {"median": round(median(per_5000), 3), "max": round(slowest, 3)},
        "entities": {
            lang: {k: s.figures(k) for k in ["all", *kinds]} for lang, s in per_lang_entities.items()
        },
        "ties": {lang: {k: s.figures(k) for k in ["all", *types]} for lang, s in per_lang_ties.items()},
    }
