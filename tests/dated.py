"""A dated ecosystem and its history, for the tests of time: facts with since/until in the three
precisions, loaded and then curated at set moments (the clock of the writes is set, nothing else).

The golden cases it holds:
- Bruno Buisson sat on Biocom's board from 2014 to 2019: as of 2016 Neuroservices reaches Abreos
  through that seat; as of 2022 it no longer does.
- Acme became a member of Biocom in March 2021 (a membership that began).
- The Eurobiomed–Biocom partnership (since 2012) was retired from the records on 2024-03-05:
  known on 2024-02 it is there, known on 2024-04 it is not.
- A correction on 2024-04-02 moved Neuroservices' membership of Eurobiomed from 2008 to May 2009.
- A tie added on 2024-05-06 (Abreos supported by Biocom since February 2024) stays; one added on
  2024-06-01 was undone the next day (it changed nothing).
- The Abreos–Acme R&D partnership carries no date (undated).
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from explorer.config import Settings
from explorer.curation import facts
from explorer.curation.actors import Actor
from explorer.curation.citations import Citation, NewSource
from explorer.curation.undo import undo
from explorer.model.facts import tie_key
from tests.builders import link, load_graph, node

ADMIN = Actor("ada@example.org", "admin")
LOADED_AT = "2024-01-10T09:00:00Z"

NODES = [
    node("eurobiomed", "Cluster", "Eurobiomed", country="FR"),
    node("biocom", "Cluster", "Biocom", country="US"),
    node("bio-japan", "Cluster", "Bio Japan", country="JP"),
    node("neuroservices", "Company", "Neuroservices", country="FR"),
    node("bruno-buisson", "Person", "Bruno Buisson", country="FR"),
    node("acme", "Company", "Acme", country="FR"),
    node("abreos", "Company", "Abreos Biosciences", country="US"),
    node("alliance", "Alliance", "US–France–Japan alliance"),
]
LINKS = [
    link("bruno-buisson", "neuroservices", "LEADS", since=2010, role="CEO"),
    link("bruno-buisson", "biocom", "BOARD_SEAT", since=2014, until=2019, on_behalf_of="eurobiomed"),
    link("neuroservices", "eurobiomed", "MEMBER_OF", since=2008),
    link("acme", "biocom", "MEMBER_OF", since="2021-03"),
    link("eurobiomed", "biocom", "PARTNER_OF", since=2012),
    link("abreos", "biocom", "MEMBER_OF", since="2015"),
    link("eurobiomed", "alliance", "PARTY_TO", since=2023),
    link("biocom", "alliance", "PARTY_TO", since=2023),
    link("bio-japan", "alliance", "PARTY_TO", since="2024-06-15", status="planned"),
    link("abreos", "acme", "RD_PARTNER"),
]
PARTNERS = tie_key("eurobiomed", "PARTNER_OF", "biocom")
MEMBERSHIP = tie_key("neuroservices", "MEMBER_OF", "eurobiomed")
SUPPORT = tie_key("abreos", "SUPPORTED_BY", "biocom")
UNDONE = tie_key("acme", "SUPPORTED_BY", "eurobiomed")
MINUTES = Citation(new=NewSource("Board minutes"))


@contextlib.contextmanager
def clock(monkeypatch: pytest.MonkeyPatch, at: str) -> Iterator[None]:
    """Writes made inside are recorded at ``at`` (the history's clock, nothing else)."""
    with monkeypatch.context() as patch:
        for module in (
            "explorer.curation.store",
            "explorer.curation.decisions",
            "explorer.curation.batches",
            "explorer.loaders.load",
        ):
            patch.setattr(importlib.import_module(module), "now", lambda: at)
        yield


def build(driver: neo4j.Driver, settings: Settings, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Load the ecosystem on 2024-01-10 and make its history (module doc)."""
    with clock(monkeypatch, LOADED_AT):
        load_graph(driver, settings, folder, NODES, LINKS)
    with clock(monkeypatch, "2024-03-05T10:00:00Z"):
        facts.retire(driver, settings, ADMIN, PARTNERS, reason="the twinning lapsed")
    with clock(monkeypatch, "2024-04-02T10:00:00Z"):
        facts.edit_tie(
            driver, settings, ADMIN, "neuroservices", "MEMBER_OF", "eurobiomed",
            {"since": "2009-05"}, reason="the register says May 2009",
        )  # fmt: skip
    with clock(monkeypatch, "2024-05-06T10:00:00Z"):
        facts.add_tie(
            driver, settings, ADMIN, "abreos", "SUPPORTED_BY", "biocom",
            citation=MINUTES, since="2024-02", reason="minutes of May",
        )  # fmt: skip
    with clock(monkeypatch, "2024-06-01T10:00:00Z"):
        added = facts.add_tie(
            driver, settings, ADMIN, "acme", "SUPPORTED_BY", "eurobiomed", citation=MINUTES, reason="a guess"
        )
    with clock(monkeypatch, "2024-06-02T10:00:00Z"):
        undo(driver, settings, ADMIN, added.id, reason="it was not so")
