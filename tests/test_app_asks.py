"""Asks in AppTest: a path logged as an ask in one click, then closed on the Asks page with its
outcome, which proposes a contact for review; both languages."""

from __future__ import annotations

import neo4j
import pytest

from explorer.config import Settings
from explorer.curation import asks
from tests.app_helpers import open_page, texts, unescape


def test_a_path_becomes_an_ask_then_closes_with_its_outcome(
    seeded_db: neo4j.Driver, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPLORER_ACCESS", "local")  # the local explorer: its user may log asks
    at = open_page("paths", **{"from": "neuroservices", "to": "bio-japan"})
    assert not at.exception
    shown = unescape(texts(at))
    assert "Evidence:" in shown
    at.button(key="paths.ask.2").click().run()
    assert not at.exception
    logged = asks.list_asks(seeded_db, settings)
    assert [(a.asker, a.target, a.introducer, a.through) for a in logged] == [
        ("neuroservices", "bio-japan", "emilie-royere", "bruno-buisson")
    ]
    number = logged[0].id
    assert f"Ask #{number} logged" in unescape(texts(at))

    page = open_page("asks", ask=str(number))
    assert not page.exception
    said = unescape(texts(page))
    assert (
        f"Ask #{number}" in said
        and "Neuroservices → Bio Japan, ask Emilie Royère, through Bruno Buisson" in said
    )
    page.selectbox(key=f"asks.outcome.{number}").set_value("met")
    next(b for b in page.button if b.label == "Close the ask").click().run()
    assert not page.exception
    closed = asks.get_ask(seeded_db, settings, number)
    assert (closed.state, closed.outcome) == ("closed", "met") and closed.proposal is not None
    assert "A contact between Neuroservices and Bio Japan waits in the review queue" in unescape(texts(page))


def test_the_asks_page_in_french(seeded_db: neo4j.Driver) -> None:
    page = open_page("asks", lang="fr")
    assert not page.exception
    said = unescape(texts(page))
    assert "Demandes d'introduction" in said
    assert "Aucune demande ici pour l'instant." in said
