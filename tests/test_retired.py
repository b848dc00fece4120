"""Retired facts are out of every face (network, details, search, paths, brokers, alliance, saved
queries) because they are out of the graph the reads walk, and come back on undo; no read outside
curation looks at them by accident."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import neo4j

from explorer import search
from explorer.config import Settings
from explorer.curation import facts, history
from explorer.curation.actors import Actor
from explorer.database import session as db
from explorer.introductions import brokers, paths
from explorer.queries import load_catalogue
from explorer.resources import cypher_dir
from explorer.views import alliance, network
from explorer.views.details import entity_details

ROOT = Path(__file__).resolve().parent.parent
EDITOR = Actor("eve@example.org", "editor")


def faces(driver: neo4j.Driver, settings: Settings) -> dict[str, bool]:
    """Whether Bio Japan (its twinning with Biocom, the alliance), and Bruno Buisson as a broker
    between France and the United States, show on each face."""
    twin = ("bio-japan", "PARTNER_OF", "biocom")
    view = network.fetch_view(driver, settings, network.View())
    details = entity_details(driver, settings, "biocom")
    found = paths.find_paths(driver, settings, "eurobiomed", "us-france-japan-alliance", k=10)
    broker = brokers.find_brokers(driver, settings, "FR", "US")
    the_alliance = alliance.alliance_view(driver, settings, "us-france-japan-alliance")
    queries = load_catalogue()
    links = db.read_query(
        driver, settings, queries["alliance_links"].text, {"alliance": "us-france-japan-alliance"}
    ).rows
    return {
        "network": "bio-japan" in view.graph.nodes,
        "details": any(f.other.id == "bio-japan" for f in details.facts),
        "search": any(e.id == "bio-japan" for e in search.find_entities(driver, settings, "Bio Japan")),
        "paths": any("bio-japan" in p.ids for p in found.paths),
        "brokers": any(b.node.id == "bruno-buisson" for b in broker.brokers),
        "alliance": any(p.entity.id == "bio-japan" for p in the_alliance.parties)
        or any(t.identity == twin for link in the_alliance.links for t in link.ties),
        "saved query": any("Bio Japan" in (r["party"], r["with"]) for r in links),
    }


def test_a_retired_entity_leaves_every_face_and_comes_back_on_undo(
    seeded_db: neo4j.Driver, settings: Settings
) -> None:
    before = faces(seeded_db, settings)
    assert before["network"] and before["details"] and before["search"] and before["alliance"]
    assert before["saved query"] and before["paths"]
    assert before["brokers"]
    change = facts.retire(seeded_db, settings, EDITOR, "entity:bio-japan", reason="dissolved")
    person = facts.retire(seeded_db, settings, EDITOR, "entity:bruno-buisson", reason="retired")
    assert not any(faces(seeded_db, settings).values())
    retired = {f.state.key for f in history.retired_near(seeded_db, settings, ["biocom"])}
    assert {"entity:bio-japan", "tie:bio-japan|PARTNER_OF|biocom"} <= retired
    listed = db.read_query(
        seeded_db, settings, load_catalogue()["retired_facts"].text, {"entity": "any"}
    ).rows
    assert {r["from"] for r in listed if r["fact"] == "entity"} == {"bio-japan", "bruno-buisson"}
    facts.undo(seeded_db, settings, EDITOR, person.id)
    facts.undo(seeded_db, settings, EDITOR, change.id)
    assert faces(seeded_db, settings) == before


#: Where curation's own labels may be read: curation itself, the id an entity was merged into
#: (search), the loader that refuses to reuse a retired id (its load and its publishing step), and
#: the saved query that lists them.
_ALLOWED = {
    "explorer/curation",
    "explorer/search.py",
    "loaders/load.py",
    "loaders/transactions.py",
    "explorer/database/writing.py",
    "explorer/database/changelog.py",
    "cypher/retired_facts.cypher",
}
_CURATION = re.compile(r":\s*`?(Retired|RetiredTie|Change|ChangeLog|Proposal|Proposed)\b")


def test_no_read_outside_curation_meets_retired_facts() -> None:
    texts: list[tuple[str, str]] = []
    for folder in ("explorer", "loaders"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    texts.append((str(path.relative_to(ROOT)), node.value))
    texts += [
        (str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in cypher_dir().glob("*.cypher")
    ]
    for where, text in texts:
        if _CURATION.search(text) and re.search(r"\b(MATCH|MERGE|CREATE)\b", text):
            assert any(where.startswith(a) for a in _ALLOWED), f"{where} reads curation's records"
