"""Simulated readers for ``bench_serve``: what they open, in what order, and how long they think.

Each reader is a :class:`benchmarks.streamlit_client.Tab` doing rounds of a daily user's mix on
the generated ecosystem: open the network, find an entity by name (one match: the view
centres on it), run a saved query, ask for introduction paths, open a source's page, then
centre the network on an entity from there (a link such as a fact card's). Between two
actions the reader thinks for a while, as people read a page before the next click.
"""

from __future__ import annotations

import asyncio
import random
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import neo4j

from benchmarks.streamlit_client import Answer, Tab
from explorer.config import Settings
from explorer.database.session import reading
from explorer.search import find_entities

__all__ = ["ACTIONS", "Sample", "Targets", "pick_targets", "reader"]

#: The mix, in the order a reader does it.
ACTIONS = ("network", "search", "query", "paths", "source", "focus")

_ORGANISATIONS = (
    "MATCH (o:Organization) WHERE NOT o:Cluster AND o.id STARTS WITH $prefix "
    "RETURN o.id AS id, o.name AS name ORDER BY o.id LIMIT $cap"
)
_CLUSTERS = "MATCH (c:Cluster) RETURN c.id AS id ORDER BY c.id LIMIT $cap"
_SOURCES = "MATCH (s:Source) RETURN s.id AS id ORDER BY s.id LIMIT $cap"


@dataclass(frozen=True)
class Targets:
    """What the readers open: names that find one entity, entity ids, pairs, clusters, sources."""

    names: tuple[str, ...]
    entities: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]
    clusters: tuple[str, ...]
    sources: tuple[str, ...]


def pick_targets(driver: neo4j.Driver, settings: Settings, seed: int, count: int = 40) -> Targets:
    """Targets read from the database, the same for the same data and ``seed``."""
    rnd = random.Random(seed)
    with reading(driver, settings) as read:
        organisations = [(r["id"], r["name"]) for r in read.rows(_ORGANISATIONS, prefix="", cap=5000)]
        clusters = [r["id"] for r in read.rows(_CLUSTERS, cap=50)]
        sources = [r["id"] for r in read.rows(_SOURCES, cap=50)]
    rnd.shuffle(organisations)
    names: list[str] = []
    for _, name in organisations[: count * 3]:
        if len(names) < count and len(find_entities(driver, settings, name, limit=3)) == 1:
            names.append(name)
    ids = [i for i, _ in organisations]
    pairs = tuple((ids[2 * i], ids[2 * i + 1]) for i in range(count))
    return Targets(tuple(names), tuple(ids[:count]), pairs, tuple(clusters), tuple(sources))


@dataclass
class Sample:
    """One action of one reader: which, when, how long, and what went wrong."""

    action: str
    started: float
    seconds: float
    errors: list[str] = field(default_factory=list)
    bytes: int = 0


def _merge(first: Answer, second: Answer) -> Answer:
    first.seconds += second.seconds
    first.bytes += second.bytes
    first.errors += second.errors
    return first


async def _search(tab: Tab, name: str) -> Answer:
    """Type a name in the network's search box; pick the first match if a list is offered."""
    answer = await tab.visit("", "", {"net.search.text": name})
    pick = tab.widgets.get("net.search.pick")
    if pick is not None and pick.options:
        answer = _merge(answer, await tab.visit("", "", {"net.search.pick": pick.options[0]}))
    return answer


def _steps(targets: Targets, rnd: random.Random) -> dict[str, Callable[[Tab], Any]]:
    """Each action of the mix, with its targets drawn at random."""
    name = rnd.choice(targets.names) if targets.names else "Biocom"
    a, b = rnd.choice(targets.pairs)
    cluster = rnd.choice(targets.clusters) if targets.clusters else "biocom"
    source = rnd.choice(targets.sources)
    entity = rnd.choice(targets.entities)
    query = urllib.parse.urlencode
    return {
        "network": lambda tab: tab.visit("", ""),
        "search": lambda tab: _search(tab, name),
        "query": lambda tab: tab.visit("queries", query({"name": "cluster_members", "cluster": cluster})),
        "paths": lambda tab: tab.visit("paths", query({"from": a, "to": b})),
        "source": lambda tab: tab.visit("sources", query({"id": source})),
        "focus": lambda tab: tab.visit("", query({"focus": entity, "depth": "1"})),
    }


async def reader(
    url: str,
    targets: Targets,
    *,
    seed: int,
    rounds: int,
    think: tuple[float, float],
    arrive_after: float,
    arrived: asyncio.Barrier,
    go: asyncio.Event,
    samples: list[Sample],
) -> None:
    """One reader: arrives after ``arrive_after`` seconds and opens the network (its first page),
    waits at ``arrived`` with the others until ``go``, then does ``rounds`` of the mix with
    thinking times drawn from ``think`` and closes its tab."""
    rnd = random.Random(seed)
    await asyncio.sleep(arrive_after)
    tab = Tab(url)
    try:
        opened = await _first_page(tab, samples)
        await arrived.wait()
        await go.wait()
        for round_ in range(rounds if opened else 0):
            steps = _steps(targets, rnd)
            for action in ACTIONS:
                if round_ == 0 and action == "network":
                    continue  # the first page was this round's network
                await asyncio.sleep(rnd.uniform(*think))
                samples.append(_sample(action, await steps[action](tab)))
    except Exception as error:  # any failure is a figure of the run, not the end of it
        samples.append(Sample("connection", time.perf_counter(), 0.0, [f"{type(error).__name__}: {error}"]))
    finally:
        await tab.close()


async def _first_page(tab: Tab, samples: list[Sample]) -> bool:
    try:
        await tab.open()
        samples.append(_sample("network", await tab.visit("", "")))
        return True
    except Exception as error:
        samples.append(Sample("connection", time.perf_counter(), 0.0, [f"{type(error).__name__}: {error}"]))
        return False


def _sample(action: str, answer: Answer) -> Sample:
    return Sample(action, time.perf_counter() - answer.seconds, answer.seconds, answer.errors, answer.bytes)
