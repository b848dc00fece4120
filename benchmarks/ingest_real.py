"""Real press articles, annotated by hand, as a benchmark of the article reader.

The articles are third-party text kept outside the repository (never copied into it): a folder
of ``<slug>.txt`` files with an ``expected.json`` that maps each slug to ``{lang, entities,
ties}``. Each entity has ``name``, ``kind`` and maybe ``aliases``; each tie ``from``, ``to``
(entity names), ``type``, ``status`` and ``sentence``; anything marked ``optional`` may be
proposed or not: it is neither a miss nor a false proposal.

The folder is given by ``EXPLORER_REAL_ARTICLES``; without it, ``../shared/articles-real``
beside the checkout (or beside its folder) is used when present. Each article is read from its file as
``explorer ingest`` reads it, against a graph that knows nothing (an empty database).

Scoring: a proposed entity is right when its name (or a name of the gold entity, accents and
case ignored) matches a gold entity not already taken; a second entity for the same gold
entity is a false proposal (one company read as two). A proposed tie is right when its two
ends match gold entities and its type is the gold type (either way round for symmetric
types). Status is scored among the ties found.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT
from explorer import model
from explorer.ingest.gazetteer import gazetteer_of, name_key
from explorer.ingest.proposals import load_article
from explorer.ingest.reader import Reading, read

__all__ = ["RealScore", "real_articles", "real_folder", "score_real"]

VARIABLE = "EXPLORER_REAL_ARTICLES"


def real_folder() -> Path | None:
    """The folder of real annotated articles, when there is one."""
    given = os.environ.get(VARIABLE)
    if given:
        path = Path(given)
        if not (path / "expected.json").is_file():
            raise SystemExit(f"{VARIABLE}={given}: no expected.json there")
        return path
    for beside in (ROOT.parent / "shared" / "articles-real", ROOT.parent.parent / "shared" / "articles-real"):
        if (beside / "expected.json").is_file():
            return beside
    return None


@dataclass
class RealArticle:
    slug: str
    lang: str
    data: bytes
    entities: list[dict[str, Any]]
    ties: list[dict[str, Any]]


def real_articles(folder: Path) -> list[RealArticle]:
    """The annotated articles of ``folder`` (French first, then English)."""
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    found = []
    for slug, gold in expected.items():
        path = folder / f"{slug}.txt"
        if path.is_file():
            found.append(RealArticle(slug, gold["lang"], path.read_bytes(), gold["entities"], gold["ties"]))
    return sorted(found, key=lambda a: (a.lang != "fr", a.slug))


@dataclass
class RealScore:
    """Counts by key ("all", a kind or a type): proposed (optional ones left out), right, gold, found."""

    proposed: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    status_right: int = 0
    status_of: int = 0
    wrong: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: RealScore) -> None:
        for mine, theirs in (
            (self.proposed, other.proposed),
            (self.right, other.right),
            (self.gold, other.gold),
            (self.found, other.found),
        ):
            mine.update(theirs)
        self.status_right += other.status_right
        self.status_of += other.status_of
        self.wrong += other.wrong
        self.missed += other.missed

    def figures(self, key: str = "all") -> dict[str, Any]:
        proposed, right, gold, found = self.proposed[key], self.right[key], self.gold[key], self.found[key]
        return {
            "proposed": proposed,
            "correct": right,
            "gold": gold,
            "recalled": found,
            "precision": round(right / proposed, 3) if proposed else None,
            "recall": round(found / gold, 3) if gold else None,
        }


def _keys(gold: dict[str, Any]) -> list[str]:
    return [name_key(n) for n in [gold["name"], *gold.get("aliases", [])] if name_key(n)]


def _match(name: str, golds: list[dict[str, Any]], taken: set[int]) -> int | None:
    """The gold entity ``name`` names: the same words, or the same without spaces; else one name
    inside the other by whole words (the shorter of two words or more)."""
    ours = name_key(name)
    for loose in (False, True):
        for n, gold in enumerate(golds):
            for theirs in _keys(gold):
                same = ours == theirs or ours.replace(" ", "") == theirs.replace(" ", "")
                inside = False
                if loose:
                    short, long_ = sorted((ours, theirs), key=len)
                    inside = len(short.split()) >= 2 and f" {short} " in f" {long_} "
                if same or inside:
                    if n not in taken:
                        return n
                    if same:
                        return -1  # a second entity for one gold entity
    return None


def score_real(article: RealArticle, reading: Reading) -> tuple[RealScore, RealScore]:
    """The entities and ties of ``reading`` against the article's gold."""
    entities, ties = RealScore(), RealScore()
    golds = article.entities
    taken: set[int] = set()
    which: dict[int, int] = {}
    for entity in reading.entities:
        n = _match(entity.name, golds, taken)
        if n is None or n < 0:
            entities.proposed.update(["all", entity.kind])
            entities.wrong.append(
                {
                    "article": article.slug,
                    "what": f"{entity.name} ({entity.kind})",
                    "sentence": reading.sentences[entity.mentions[0].sentence].text
                    if entity.mentions
                    else "",
                    "weight": 1.0 if entity.certain else 0.5,
                }
            )
            continue
        taken.add(n)
        which[entity.index] = n
        if not golds[n].get("optional"):
            entities.proposed.update(["all", entity.kind])
            entities.right.update(["all", entity.kind])
    for n, gold in enumerate(golds):
        if gold.get("optional"):
            continue
        entities.gold.update(["all", gold["kind"]])
        if n in taken:
            entities.found.update(["all", gold["kind"]])
        else:
            entities.missed.append({"article": article.slug, "what": f"{gold['name']} ({gold['kind']})"})
    by_name = {g["name"]: n for n, g in enumerate(golds)}

    def identity(rtype: str, a: int, b: int) -> tuple[str, int, int]:
        return (rtype, *model.in_order(rtype, a, b))  # type: ignore[return-value]

    gold_ties = {}
    for tie in article.ties:
        a, b = by_name.get(tie["from"]), by_name.get(tie["to"])
        if a is not None and b is not None:
            gold_ties[identity(tie["type"], a, b)] = tie
    seen: set[tuple[str, int, int]] = set()
    for tie in reading.ties:
        a, b = which.get(tie.start), which.get(tie.end)
        ident = identity(tie.type, a, b) if a is not None and b is not None else None
        gold = gold_ties.get(ident) if ident is not None else None
        if gold is None or ident in seen:
            ties.proposed.update(["all", tie.type])
            start, end = reading.entities[tie.start], reading.entities[tie.end]
            ties.wrong.append(
                {
                    "article": article.slug,
                    "what": f"{start.name} -{tie.type}-> {end.name} [{tie.status}]",
                    "sentence": tie.quote,
                    "weight": tie.confidence,
                }
            )
            continue
        seen.add(ident)  # type: ignore[arg-type]
        ties.status_of += 1
        ties.status_right += tie.status == gold["status"]
        if not gold.get("optional"):
            ties.proposed.update(["all", tie.type])
            ties.right.update(["all", tie.type])
    for ident, gold in gold_ties.items():
        if gold.get("optional"):
            continue
        ties.gold.update(["all", gold["type"]])
        if ident in seen:
            ties.found.update(["all", gold["type"]])
        else:
            ties.missed.append(
                {
                    "article": article.slug,
                    "what": f"{gold['from']} -{gold['type']}-> {gold['to']} [{gold['status']}]",
                    "sentence": gold.get("sentence", ""),
                }
            )
    return entities, ties


def read_real(article: RealArticle) -> Reading:
    """``article`` read as ``explorer ingest FILE`` reads it, against an empty graph."""
    loaded = load_article(article.data, name=f"{article.slug}.txt")
    return read(loaded, gazetteer_of([]), article.lang)  # type: ignore[arg-type]


# -- the report ---------------------------------------------------------------------------------

#: The targets on real text, each language apart.
TARGETS = {"entities": (0.75, 0.75), "ties": (0.70, 0.55), "status": 0.90}


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _rows(title: str, scores: dict[str, RealScore]) -> list[str]:
    lines = [
        f"| {title} | proposed | correct | precision | gold | recalled | recall |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for lang, s in scores.items():
        keys = ["all", *sorted(set(s.proposed) | set(s.gold) - {"all"})]
        for key in dict.fromkeys(keys):
            f = s.figures(key)
            lines.append(
                f"| real {lang} · {key} | {f['proposed']} | {f['correct']} | {_pct(f['precision'])} "
                f"| {f['gold']} | {f['recalled']} | {_pct(f['recall'])} |"
            )
    return lines


def _worst(label: str, items: list[dict[str, Any]], limit: int) -> list[str]:
    lines = [f"{label}:", ""]
    ranked = sorted(items, key=lambda i: -i.get("weight", 0))[:limit]
    for item in ranked:
        sentence = " ".join(item.get("sentence", "").split())
        quoted = f" — “{sentence[:220]}{'…' if len(sentence) > 220 else ''}”" if sentence else ""
        lines.append(f"- {item['article']}: {item['what']}{quoted}")
    return [*lines, ""] if ranked else []


def real_report(folder: Path, log: Any) -> dict[str, Any]:
    """Read and score every real article of ``folder``: tables, targets, worst errors."""
    per_entities: dict[str, RealScore] = {}
    per_ties: dict[str, RealScore] = {}
    articles = []
    for article in real_articles(folder):
        reading = read_real(article)
        entities, ties = score_real(article, reading)
        per_entities.setdefault(article.lang, RealScore()).add(entities)
        per_ties.setdefault(article.lang, RealScore()).add(ties)
        e, t = entities.figures(), ties.figures()
        articles.append({"article": article.slug, "lang": article.lang, "entities": e, "ties": t})
        log(
            f"{article.slug}: entities {_pct(e['precision'])} / {_pct(e['recall'])}, "
            f"ties {_pct(t['precision'])} / {_pct(t['recall'])}"
        )
    targets = []
    for lang in per_ties:
        e, t, s = per_entities[lang].figures(), per_ties[lang].figures(), per_ties[lang]
        status = s.status_right / s.status_of if s.status_of else None
        for what, f, (p, r) in (("entities", e, TARGETS["entities"]), ("ties", t, TARGETS["ties"])):
            targets.append(
                {
                    "target": f"real {lang} {what}: precision ≥ {p:.0%} and recall ≥ {r:.0%}",
                    "met": (f["precision"] or 0) >= p and (f["recall"] or 0) >= r,
                    "detail": f"P {_pct(f['precision'])} ({f['correct']}/{f['proposed']}), "
                    f"R {_pct(f['recall'])} ({f['recalled']}/{f['gold']})",
                }
            )
        targets.append(
            {
                "target": f"real {lang}: status right on ≥ {TARGETS['status']:.0%} of the ties found",
                "met": (status or 0) >= TARGETS["status"],
                "detail": f"{s.status_right}/{s.status_of} ({_pct(status)})",
            }
        )
    errors: list[str] = []
    summary = [
        f"Real articles ({len(articles)}, read from {folder.name}/, against an empty graph):",
        "",
        *_rows("Real entities", per_entities),
        "",
        *_rows("Real ties", per_ties),
        "",
    ]
    for lang in per_ties:
        errors += _worst(f"Worst false tie proposals ({lang})", per_ties[lang].wrong, 8)
        errors += _worst(f"Missed ties ({lang})", per_ties[lang].missed, 12)
        errors += _worst(f"False entities ({lang})", per_entities[lang].wrong, 10)
        errors += _worst(f"Missed entities ({lang})", per_entities[lang].missed, 10)
    return {
        "summary": summary,
        #: With the articles' sentences: shown during the run, never kept in the results files.
        "errors": errors,
        "targets": targets,
        "articles": articles,
        "entities": {lang: s.figures() for lang, s in per_entities.items()},
        "ties": {
            lang: {**s.figures(), "status": [s.status_right, s.status_of]} for lang, s in per_ties.items()
        },
    }
