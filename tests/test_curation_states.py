"""No sequence of actions breaks curation: a stateful property test on the real local Neo4j.

Random sequences of the library's actions (add, edit, confirm, retire, merge, undo, load,
suggest, propose from an article, accept with corrections, reject, undo an acceptance) by
readers, editors and admins. After every step: the history verifies; every record reads as a
sentence in both languages (the history's CSV and JSON too); a refused action leaves no trace;
every write moves the data version on; an undo gives the facts it touched back as they were
(the whole graph, when it undoes the last change); no retired fact is read by the network,
an entity's details, a saved query, a path or a source's page.

``FUZZ_EXAMPLES`` deepens the search (``make fuzz``).
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import neo4j
import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from explorer import model
from explorer.cli.signing import change_dict
from explorer.config import Settings
from explorer.curation import facts, history, review
from explorer.curation.actors import Actor
from explorer.curation.describe import describe
from explorer.curation.names import item_texts, names_for
from explorer.curation.requests import AddEntity, AddTie, Confirm, EditEntity, EditTie, Merge, Request, Retire
from explorer.database.session import data_version, read_query
from explorer.errors import ExplorerError
from explorer.introductions import paths
from explorer.loaders import load
from explorer.model.facts import entity_key, parse_fact_key, tie_key
from explorer.queries import load_catalogue
from explorer.views import network
from explorer.views.details import entity_details
from explorer.views.sources import read_source
from tests.builders import ingest_article
from tests.conftest import SEEDS, clear

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "400")) // 40 or 1
STEPS = 24 if EXAMPLES > 10 else 18
ACTORS = [Actor("rita", "reader"), Actor("eve", "editor"), Actor("ada", "admin")]
SOURCE = facts.Citation(new=facts.NewSource("Field notes"))
ARTICLES = [
    "Abreos Biosciences a ouvert sa filiale à Marseille en 2025.",
    "La société Vexalis devient membre du pôle Eurobiomed depuis 2024. Son PDG, Jean Marchal, "
    "précise que l'entreprise va ouvrir une filiale à Osaka.",
    "Biocom CEO Joe Panetta said Neuroservices will join the Bio Japan network in 2027.",
]
#: What the actions did, by rule and outcome (printed at the end of the run).
OUTCOMES: Counter[str] = Counter()
_FINGERPRINT = (
    "CALL { MATCH (n) WHERE n:Entity OR n:Retired RETURN collect([labels(n), properties(n)]) AS nodes } "
    "CALL { MATCH (a)-[r]->(b) RETURN collect([a.id, type(r), b.id, properties(r)]) AS ties } "
    "CALL { MATCH (t:RetiredTie) RETURN collect([t.key, t.props]) AS retired } "
    "RETURN nodes, ties, retired"
)


def _sorted(values: list[Any]) -> list[str]:
    """Each value as text, properties without curation's bookkeeping, in a fixed order."""

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: v for k, v in value.items() if k not in model.BOOKKEEPING}
        return sorted(value) if isinstance(value, list) and all(isinstance(v, str) for v in value) else value

    return sorted(json.dumps([plain(v) for v in row], sort_keys=True, default=str) for row in values)


class Curation(RuleBasedStateMachine):
    driver: neo4j.Driver
    settings: Settings
    folder: Path

    def __init__(self) -> None:
        super().__init__()
        clear(self.driver, self.settings)
        load(self.driver, self.settings, [SEEDS])
        self.before: dict[int, tuple[Any, ...]] = {}  # the graph before each change, by number
        self.version = data_version(self.driver, self.settings)
        self.loads = 0
        self.read_up_to = 0
        self.retired_ids: set[str] = set()
        self.retired_ties: set[tuple[str, str, str | None, str | None]] = set()

    # -- reading the state ------------------------------------------------------------------------

    def rows(self, text: str, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = self.driver.execute_query(text, params, database_=self.settings.database)
        return [dict(r) for r in records]

    def fingerprint(self) -> tuple[Any, ...]:
        (r,) = self.rows(_FINGERPRINT)
        return (_sorted(r["nodes"]), _sorted(r["ties"]), _sorted(r["retired"]))

    def changes_count(self) -> int:
        return int(self.rows("MATCH (c:Change) RETURN count(c) AS n")[0]["n"])

    def entities(self, kind: str | frozenset[str] | None = None) -> list[str]:
        kinds = [kind] if isinstance(kind, str) else sorted(kind) if kind else None
        query = (
            "MATCH (n:Entity) WHERE $kinds IS NULL OR any(k IN labels(n) WHERE k IN $kinds) "
            "RETURN n.id AS id ORDER BY id"
        )
        return [r["id"] for r in self.rows(query, kinds=kinds)]

    def ties(self) -> list[tuple[str, str, str]]:
        rows = self.rows(
            "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS a, type(r) AS t, b.id AS b ORDER BY a, t, b"
        )
        return [(r["a"], r["t"], r["b"]) for r in rows]

    def pick(self, data: st.DataObject, values: list[Any], what: str) -> Any:
        return data.draw(st.sampled_from(values), label=what) if values else None

    # -- doing ------------------------------------------------------------------------------------

    def attempt(self, action: Any, name: str | None = None) -> Any:
        """Run one action; a refusal (an explorer error) must leave no trace."""
        fingerprint, version, changes = (
            self.fingerprint(),
            data_version(self.driver, self.settings),
            self.changes_count(),
        )
        caller = sys._getframe(1)
        name = name or (
            caller.f_code.co_name if caller.f_code.co_name != "submit" else sys._getframe(2).f_code.co_name
        )
        try:
            done = action()
        except ExplorerError as error:
            OUTCOMES[f"{name}: {type(error).__name__}"] += 1
            assert error.one_line()
            assert self.fingerprint() == fingerprint, f"a refused action changed the graph: {error}"
            assert data_version(self.driver, self.settings) == version
            assert self.changes_count() == changes
            return None
        OUTCOMES[f"{name}: done"] += 1
        after = self.changes_count()
        if after > changes:
            assert data_version(self.driver, self.settings) != version, (
                "a write did not move the data version"
            )
            for number in range(changes + 1, after + 1):
                self.before.setdefault(number, fingerprint)
        return done

    def submit(self, data: st.DataObject, request: Request, reason: str | None = "checked") -> None:
        actor = data.draw(st.sampled_from(ACTORS), label="actor")
        done = self.attempt(lambda: facts.submit(self.driver, self.settings, actor, request, reason=reason))
        if done is not None and not actor.may(request.action):
            assert isinstance(done, review.Proposal), f"{actor} changed the map directly"

    @rule(data=st.data(), kind=st.sampled_from(["Company", "Person", "Institute", "Cluster"]),
          name=st.sampled_from(["Helixia", "Nordic Bio", "Anna Berg", "Cytoo", "Biocom"]))  # fmt: skip
    def add_entity(self, data: st.DataObject, kind: str, name: str) -> None:
        country = data.draw(st.sampled_from([None, "FR", "US", "Japon"]), label="country")
        self.submit(
            data,
            AddEntity(kind, name, country=country, citation=SOURCE if data.draw(st.booleans()) else None),
        )

    @rule(
        data=st.data(),
        rtype=st.sampled_from(["MEMBER_OF", "LEADS", "BOARD_SEAT", "RD_PARTNER", "PARTNER_OF"]),
    )
    def add_tie(self, data: st.DataObject, rtype: str) -> None:
        fitting = data.draw(st.booleans(), label="ends of the right kinds")
        allowed = model.REL_TYPES[rtype]
        a = self.pick(data, self.entities(allowed.sources if fitting else None), "start")
        b = self.pick(data, self.entities(allowed.targets if fitting else None), "end")
        status = data.draw(st.sampled_from([None, "active", "planned", "proposed"]), label="status")
        evidence = data.draw(st.sampled_from([None, "stated", "inferred"]), label="evidence")
        since = data.draw(st.sampled_from([None, 2012, 2024]), label="since")
        if a and b:
            self.submit(
                data,
                AddTie(
                    a,
                    rtype,
                    b,
                    status,
                    evidence,
                    since,
                    None,
                    {"role": "CEO"} if rtype == "LEADS" else {},
                    SOURCE,
                ),
            )

    @rule(data=st.data())
    def edit_tie(self, data: st.DataObject) -> None:
        tie = self.pick(data, self.ties(), "tie")
        if tie:
            changes = data.draw(
                st.sampled_from([{"status": "active"}, {"until": 2020}, {"since": None}, {"note": "checked"}])
            )
            reverse = data.draw(st.booleans(), label="reverse")
            self.submit(data, EditTie(*tie, changes, reverse=reverse and tie[1] not in model.SYMMETRIC_TYPES))

    @rule(data=st.data())
    def edit_entity(self, data: st.DataObject) -> None:
        entity = self.pick(data, self.entities(), "entity")
        if entity:
            changes = data.draw(
                st.sampled_from(
                    [{"country": "SE"}, {"name": "Renamed"}, {"description": None}, {"kind": "Institute"}]
                )
            )
            self.submit(data, EditEntity(entity, changes))

    @rule(data=st.data())
    def confirm(self, data: st.DataObject) -> None:
        inferred = self.rows(
            "MATCH (a:Entity)-[r {evidence: 'inferred'}]->(b:Entity) "
            "RETURN a.id AS a, type(r) AS t, b.id AS b"
        )
        tie = self.pick(data, [(r["a"], r["t"], r["b"]) for r in inferred], "inferred tie")
        if tie:
            self.submit(data, Confirm(*tie, citation=SOURCE))

    @rule(data=st.data())
    def retire(self, data: st.DataObject) -> None:
        facts_ = [entity_key(e) for e in self.entities()] + [tie_key(*t) for t in self.ties()]
        fact = self.pick(data, facts_, "fact")
        if fact:
            self.submit(data, Retire(fact), reason=data.draw(st.sampled_from([None, "wrong"])))

    @rule(data=st.data(), kind=st.sampled_from(["Company", "Person", "Cluster"]))
    def merge(self, data: st.DataObject, kind: str) -> None:
        ids = self.entities(kind)
        if len(ids) >= 2:
            keep = self.pick(data, ids, "keep")
            dup = self.pick(data, [i for i in ids if i != keep], "duplicate")
            self.submit(data, Merge(keep, dup), reason="duplicate")

    @rule(data=st.data())
    def undo(self, data: st.DataObject) -> None:
        numbers = [r["id"] for r in self.rows("MATCH (c:Change) RETURN c.id AS id ORDER BY id")]
        recent = data.draw(st.booleans(), label="a recent change")
        number = self.pick(data, numbers[-3:] if recent else numbers, "change")
        actor = data.draw(st.sampled_from([*ACTORS, ACTORS[2], ACTORS[2]]), label="actor")
        if number is None:
            return
        latest = number == max(numbers)
        original = history.get_change(self.driver, self.settings, number)
        done = self.attempt(lambda: facts.undo(self.driver, self.settings, actor, number))
        if done is None:
            return
        for before, _ in original.pairs():
            if before is not None and original.action != "load":
                now = facts.read_fact(self.driver, self.settings, before.key)
                assert now.same_as(before), f"undo of #{number} did not give back {before.key}"
        if latest and number in self.before:
            assert self.fingerprint() == self.before[number], f"undo of #{number} did not give back the graph"

    @rule(data=st.data())
    def load_file(self, data: st.DataObject) -> None:
        self.loads += 1
        folder = self.folder / f"load{self.loads}"
        folder.mkdir(parents=True, exist_ok=True)
        members = data.draw(st.sampled_from([850, 900]), label="members")
        new = data.draw(st.sampled_from(["gamma", "helixia", "nordic-bio"]), label="new id")
        (folder / "nodes.csv").write_text(
            f"id,kind,name,members\nbiocom,Cluster,Biocom,{members}\n{new},Company,{new.title()},\n",
            encoding="utf-8",
        )
        (folder / "links.csv").write_text(
            f"source,target,type,status\n{new},biocom,MEMBER_OF,planned\n", encoding="utf-8"
        )
        self.attempt(lambda: load(self.driver, self.settings, [folder], who="ada"))

    @rule(data=st.data())
    def read_an_article(self, data: st.DataObject) -> None:
        text = data.draw(st.sampled_from(ARTICLES), label="article")
        actor = data.draw(st.sampled_from(ACTORS), label="actor")
        self.attempt(lambda: ingest_article(self.driver, self.settings, actor, text))

    def open_items(self) -> list[review.Item]:
        return [i for p in review.open_proposals(self.driver, self.settings) for i in p.open_items]

    @precondition(
        lambda self: self.rows("MATCH (i:Proposed {state: 'open'}) RETURN count(i) AS n")[0]["n"] > 0
    )
    @rule(data=st.data())
    def decide(self, data: st.DataObject) -> None:
        item = self.pick(data, self.open_items(), "item")
        actor = data.draw(st.sampled_from(ACTORS), label="reviewer")
        whole = data.draw(st.booleans(), label="whole proposal")
        chosen = None if whole else [item.n]
        if data.draw(st.booleans(), label="reject"):
            self.attempt(
                lambda: review.reject(self.driver, self.settings, actor, item.proposal, chosen, reason="no")
            )
            return
        fix = data.draw(st.sampled_from([
            {}, {"since": 2019}, {"since": None}, {"country": "US"}, {"role": "CEO"}, {"status": "active"},
        ]), label="correction")  # fmt: skip
        decisions = {item.n: review.Decision(set=fix)}
        self.attempt(
            lambda: review.accept(
                self.driver, self.settings, actor, item.proposal, chosen, decisions=decisions, reason="ok"
            ),
            "accept",
        )

    @precondition(
        lambda self: self.rows("MATCH (i:Proposed {state: 'accepted'}) RETURN count(i) AS n")[0]["n"] > 0
    )
    @rule(data=st.data())
    def undo_an_acceptance(self, data: st.DataObject) -> None:
        rows = self.rows(
            "MATCH (i:Proposed {state: 'accepted'}) RETURN i.key AS key, i.change AS change ORDER BY key"
        )
        row = self.pick(data, rows, "accepted item")
        actor = data.draw(st.sampled_from([*ACTORS, ACTORS[2]]), label="actor")
        self.attempt(
            lambda: facts.undo(self.driver, self.settings, actor, int(row["change"]), items=[row["key"]])
        )

    # -- what must hold after every step ---------------------------------------------------------------

    @invariant()
    def the_history_verifies_and_reads(self) -> None:
        check = history.verify(self.driver, self.settings)
        assert check.ok, check.problem
        new = [c for c in history.changes(self.driver, self.settings, limit=50) if c.id > self.read_up_to]
        self.read_up_to = max([self.read_up_to, *(c.id for c in new)])
        for lang in ("en", "fr"):
            names = names_for(self.driver, self.settings, new, lang)
            for change in new:
                sentence = describe(change, lang, names).sentence
                assert sentence and "{" not in sentence and "None" not in sentence, sentence
                json.dumps(change_dict(change, names, lang))
            assert history.to_csv(new, names, lang)
        if new:
            texts = item_texts(
                self.driver, self.settings, review.open_proposals(self.driver, self.settings), "fr"
            )
            assert all(texts.values())

    @invariant()
    def no_retired_fact_is_read(self) -> None:
        retired_ids = {r["id"] for r in self.rows("MATCH (n:Retired) RETURN n.id AS id")}
        retired_ties = {
            parse_fact_key(r["key"]) for r in self.rows("MATCH (t:RetiredTie) RETURN t.key AS key")
        }
        fresh_ties = retired_ties - self.retired_ties
        if retired_ids == self.retired_ids and not fresh_ties:
            return
        self.retired_ids, self.retired_ties = retired_ids, retired_ties
        view = network.fetch_view(self.driver, self.settings, network.View(limit=1000))
        drawn = set(view.graph.nodes)
        assert not drawn & retired_ids
        live = {(t.start, t.type, t.end) for t in view.graph.rels.values()}
        for _, a, rtype, b in fresh_ties:
            assert (a, rtype, b) not in live
            if a in drawn and b in drawn:
                found = paths.find_paths(self.driver, self.settings, a, str(b), k=3, max_hops=1)
                assert not any(h.tie.type == rtype for p in found.paths for h in p.hops), (
                    "a retired tie in a path"
                )
                details = entity_details(self.driver, self.settings, a)
                assert not any(f.tie.type == rtype and f.other.id == b for f in details.facts)
        saved = load_catalogue()["board_seats"]
        rows = read_query(self.driver, self.settings, saved.text, saved.bind({}), check=False).rows
        seats = self.rows("MATCH (:Person)-[b:BOARD_SEAT]->(:Organization) RETURN count(b) AS n")[0]["n"]
        assert len(rows) == seats, "the saved query read a board seat the graph does not hold"
        if not self.rows("MATCH (s:Source {id: 'article-eurobiomed-biocom'}) RETURN s.id AS id"):
            return  # the seeds' load was undone
        source = read_source(self.driver, self.settings, "article-eurobiomed-biocom")
        cited = {(f.tie.start, f.tie.type, f.tie.end) for g in source.groups for f in g.facts}
        assert not cited & {(a, str(t), str(b)) for _, a, t, b in retired_ties}


@pytest.mark.timeout(max(300, EXAMPLES * 40))
def test_no_sequence_of_actions_breaks_curation(
    driver: neo4j.Driver, settings: Settings, tmp_path: Path
) -> None:
    Curation.driver, Curation.settings, Curation.folder = driver, settings, tmp_path
    runner = Curation.TestCase()
    runner.settings = settings_for_run()
    runner.runTest()
    print("\n".join(f"{n:5}  {what}" for what, n in sorted(OUTCOMES.items())))


def settings_for_run() -> Any:
    return hypothesis_settings(
        max_examples=EXAMPLES,
        stateful_step_count=STEPS,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
