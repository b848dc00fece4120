"""Golden asks: a small ecosystem where an organisation, a person and a team ask for
introductions, some introducers marked open or reluctant and some with past asks and their
outcomes, and for each ask the introducer and the ``through`` a person would give.

``score`` loads the ecosystem into an empty database, marks the willingness, logs and closes the
past asks (the history's own records, as staff would), then asks ``find_paths`` each question
and compares the first path's introducer and ``through`` with the expected ones. It reports the
share right; ``make bench BENCH_ARGS=paths`` prints it and the tests require all of them right.
"""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import neo4j

from explorer.config import Settings
from explorer.curation.actors import local_actor
from explorer.curation.asks import NewAsk, close_ask, mark_willingness, open_ask
from explorer.introductions.paths import find_paths
from explorer.loaders import load

__all__ = ["CASES", "LINKS", "NODES", "TEAM", "Case", "load_golden", "score"]

#: The team that ``@us`` stands for: our cluster (its director and staff are its people).
TEAM = ("our-cluster",)

_ORGS = {
    "our-cluster": ("Cluster", "Our Cluster"),
    "acme": ("Company", "Acme Bio"),
    "pico": ("Company", "Pico Labs"),
    "beta": ("Company", "Beta Pharma"),
    "gamma": ("Company", "Gamma Devices"),
    "delta": ("Institute", "Delta Institute"),
    "epsilon": ("Cluster", "Epsilon Cluster"),
    "zeta": ("Company", "Zeta Health"),
    "eta": ("Company", "Eta Genomics"),
    **{f"t{n}": ("Company", f"Target {n}") for n in range(1, 9)},
}
_PEOPLE = {
    "ann": "Ann Archer",
    "bob": "Bob Baker",
    "cat": "Cat Carter",
    "pia": "Pia Perez",
    "vic": "Vic Vidal",
    "una": "Una Ulm",
    "bea": "Bea Brun",
    "gus": "Gus Grant",
    "dan": "Dan Duval",
    "eve": "Eve Evans",
    "zoe": "Zoe Zhang",
    "eli": "Eli Ebert",
}
NODES: list[dict[str, Any]] = [{"id": i, "kind": k, "name": n} for i, (k, n) in _ORGS.items()] + [
    {"id": i, "kind": "Person", "name": n} for i, n in _PEOPLE.items()
]
_TIES = [
    # the organisation that asks, its people, and the organisations they lead
    ("ann", "acme", "LEADS"),
    ("bob", "acme", "BOARD_SEAT"),
    ("cat", "acme", "WORKS_AT"),
    ("ann", "beta", "BOARD_SEAT"),
    ("bob", "gamma", "WORKS_AT"),
    ("cat", "zeta", "LEADS"),
    # the person who asks and her company
    ("pia", "pico", "LEADS"),
    ("pia", "delta", "BOARD_SEAT"),
    ("pico", "beta", "RD_PARTNER"),
    # our team
    ("vic", "our-cluster", "LEADS"),
    ("una", "our-cluster", "WORKS_AT"),
    ("vic", "t4", "BOARD_SEAT"),
    ("una", "eta", "BOARD_SEAT"),
    ("our-cluster", "epsilon", "PARTNER_OF"),
    ("acme", "our-cluster", "MEMBER_OF"),
    ("pico", "our-cluster", "MEMBER_OF"),
    # outside: leaders, and the targets' partners
    ("bea", "beta", "LEADS"),
    ("gus", "gamma", "LEADS"),
    ("dan", "delta", "LEADS"),
    ("eve", "epsilon", "LEADS"),
    ("zoe", "zeta", "WORKS_AT"),
    ("eli", "eta", "LEADS"),
    ("beta", "t1", "RD_PARTNER"),
    ("gamma", "t2", "RD_PARTNER"),
    ("delta", "t3", "RD_PARTNER"),
    ("t1", "epsilon", "MEMBER_OF"),
    ("zeta", "t3", "RD_PARTNER"),
    ("eta", "t2", "RD_PARTNER"),
    # two ways to the same targets, for willingness and past asks to choose between
    ("beta", "t5", "RD_PARTNER"),
    ("gamma", "t5", "RD_PARTNER"),
    ("beta", "t6", "RD_PARTNER"),
    ("gamma", "t6", "RD_PARTNER"),
    ("beta", "t7", "RD_PARTNER"),
    ("gamma", "t7", "RD_PARTNER"),
    ("delta", "t8", "RD_PARTNER"),
    ("eta", "t8", "RD_PARTNER"),
]
LINKS: list[dict[str, Any]] = [{"source": a, "target": b, "type": t} for a, b, t in _TIES]

#: Marks of willingness: (introducer, level, reason).
MARKS = [
    ("bea", "reluctant", "said no to the last two requests"),
    ("eli", "open", "offered to help at the annual meeting"),
]
#: Past asks, closed: (asker, target, introducer, outcome).
PAST = [
    ("pia", "t6", "gus", "introduced"),
    ("pia", "t6", "gus", "met"),
    ("pia", "t8", "dan", "declined"),
    ("pia", "t8", "dan", "declined"),
]


@dataclass(frozen=True)
class Case:
    """One golden ask: who asks whom, the expected introducer of the first path and the asker's
    own person or organisation it goes through (``None``: none)."""

    asker: str
    target: str
    introducer: str | None
    through: str | None
    note: str = ""


CASES: list[Case] = [
    # an organisation asking is never told to ask its own people; it goes through them
    Case("acme", "t1", "gus", "bob", "Bea is reluctant; Gus made two introductions: his way first"),
    Case("acme", "t2", "gus", "bob", "through our board member's job at Gamma"),
    Case("acme", "t3", None, "zeta", "Zeta, which our employee Cat leads, is T3's partner"),
    Case("acme", "beta", None, "ann", "our CEO sits on Beta's board: contact directly"),
    Case("acme", "gamma", None, "bob", "our board member works there"),
    Case("acme", "t5", "gus", "bob", "Bea is reluctant: Gamma's way first"),
    Case("acme", "t6", "gus", "bob", "Gus made two introductions"),
    Case("acme", "t7", "gus", "bob", "Bea is reluctant"),
    Case("acme", "zoe", None, "zeta", "Zoe works at Zeta, which Cat leads"),
    Case("acme", "eli", "gus", "bob", "Gus's two successes beat the way through our cluster"),
    # a person asking: herself, her company
    Case("pia", "t1", "bea", "pico", "her company's R&D partner"),
    Case("pia", "t3", None, "delta", "she sits on Delta's board, T3's partner"),
    Case("pia", "t5", "t8", "delta", "Bea is reluctant: the long way through Delta first"),
    Case("pia", "t8", None, "delta", "Dan declined twice, but Delta is hers: contact directly"),
    Case("pia", "bea", None, "pico", "Pico is Beta's partner"),
    Case("pia", "gus", "t8", "delta", "Bea is reluctant"),
    Case("pia", "eve", "vic", "pico", "Pico is a member of our cluster"),
    Case("pia", "t2", "t8", "delta", ""),
    Case("pia", "t6", "t8", "delta", "Bea is reluctant"),
    Case("pia", "t7", "t8", "delta", "Bea is reluctant"),
    # our team: the cluster, its director and staff
    Case("@us", "t4", None, "vic", "our director sits on Target 4's board"),
    Case("@us", "t2", "eli", "una", "through our staff's board seat at Eta"),
    Case("@us", "t8", "eli", "una", "Eli is open"),
    Case("@us", "t1", "ann", None, "a member's CEO sits on Beta's board"),
    Case("@us", "eta", None, "una", ""),
    Case("@us", "eve", None, None, ""),
    Case("@us", "acme", None, None, "a member"),
    Case("@us", "t3", "eli", "una", "Eli is open"),
    Case("@us", "t5", "eli", "una", "Eli is open"),
    Case("@us", "t6", "eli", "una", "Eli is open"),
]


def load_golden(driver: neo4j.Driver, settings: Settings) -> None:
    """Load the golden ecosystem, mark the willingness and log and close the past asks."""
    with tempfile.TemporaryDirectory() as folder:
        files = [_csv(Path(folder) / "nodes.csv", NODES), _csv(Path(folder) / "links.csv", LINKS)]
        load(driver, settings, files)
    actor = local_actor("golden")
    for who, level, reason in MARKS:
        mark_willingness(driver, settings, actor, who, level, reason)
    for asker, target, introducer, outcome in PAST:
        new = NewAsk(asker=asker, asker_kind="person", target=target, introducer=introducer)
        ask = open_ask(driver, settings, actor, new)
        close_ask(driver, settings, actor, ask.id, outcome, None)


def _csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def score(driver: neo4j.Driver, settings: Settings, *, timeout: float | None = None) -> dict[str, Any]:
    """Each golden case asked of ``find_paths`` (the golden ecosystem loaded): the share right and
    the cases found wrong (``timeout``: seconds per search, the settings' own by default)."""
    wrong: list[dict[str, Any]] = []
    for case in CASES:
        found = find_paths(driver, settings, case.asker, case.target, k=5, timeout=timeout)
        got: tuple[str | None, str | None] = (None, None)
        if found.paths:
            intro = found.paths[0].introducer
            asked, through = intro.asked, intro.through
            got = (asked.id if asked else None, through.id if through else None)
        if got != (case.introducer, case.through):
            wrong.append(
                {"asker": case.asker, "target": case.target, "expected": [case.introducer, case.through]}
                | {"got": list(got)}
            )
    right = len(CASES) - len(wrong)
    return {"cases": len(CASES), "right": right, "share": right / len(CASES), "wrong": wrong}
