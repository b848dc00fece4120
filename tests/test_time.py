"""Time in the records: the graph as known on a date (the history rewound) and what changed in a
window, on a dated ecosystem with its own history (tests/dated.py), against the real Neo4j."""

from __future__ import annotations

import neo4j
import pytest

from explorer.config import Settings
from explorer.curation.rewind import recorded_on
from explorer.model import FactDate
from explorer.model.facts import tie_key
from explorer.views.changes import Window, what_changed
from tests import dated
from tests.conftest import fingerprint

#: The dated ecosystem is built once per module, with its history: slow on a busy machine.
pytestmark = pytest.mark.timeout(900)


def test_known_on_a_date_rewinds_later_retirements_edits_and_additions(
    dated_db: neo4j.Driver, settings: Settings
) -> None:
    before = fingerprint(dated_db, settings)
    february = recorded_on(dated_db, settings, FactDate(2024, 2))
    assert february.states[dated.PARTNERS].live  # retired in March: back
    assert february.states[dated.MEMBERSHIP].props["since"] == 2008  # corrected in April: as it was
    assert not february.states[dated.SUPPORT].live  # added in May: gone
    assert not february.states[dated.UNDONE].live
    assert dated.PARTNERS[4:] in february.hidden()  # today's version (none) is not shown...
    assert [t.key for t in february.ties() if t.type == "PARTNER_OF"] == [
        dated.PARTNERS[4:]
    ]  # ...that one is
    april = recorded_on(dated_db, settings, FactDate(2024, 4, 15))
    assert dated.PARTNERS not in april.states  # retired before: as the graph holds it today
    assert dated.MEMBERSHIP not in april.states  # corrected on 2 April: as it stands today
    assert not april.states[dated.SUPPORT].live
    first_of_june = recorded_on(dated_db, settings, FactDate(2024, 6, 1))
    assert first_of_june.states[dated.UNDONE].live  # undone on 2 June: still there on the 1st
    assert dated.SUPPORT not in first_of_june.states  # added in May: as it stands today
    before_the_load = recorded_on(dated_db, settings, FactDate(2023))
    assert "neuroservices" in before_the_load.gone() and before_the_load.ties() == []
    assert recorded_on(dated_db, settings, FactDate(2030)).states == {}
    assert fingerprint(dated_db, settings) == before  # nothing was written


def _keys(found, part):
    return {item.state.key for item in found.items[part]}


def test_what_changed_lists_each_fact_once_and_an_undone_addition_not_at_all(
    dated_db: neo4j.Driver, settings: Settings
) -> None:
    found = what_changed(dated_db, settings, Window(FactDate(2024, 2, 1)))
    assert _keys(found, "retired") == {dated.PARTNERS}
    assert _keys(found, "recorded") == {dated.SUPPORT}
    assert _keys(found, "changed") == {dated.MEMBERSHIP}
    changed = found.items["changed"][0]
    assert changed.before.props["since"] == 2008 and changed.state.props["since"] == "2009-05"
    assert changed.change.reason == "the register says May 2009" and changed.change.who == "ada@example.org"
    assert found.items["retired"][0].change.reason == "the twinning lapsed"
    june = what_changed(dated_db, settings, Window(FactDate(2024, 6, 1), FactDate(2024, 6, 1)))
    assert _keys(june, "recorded") == {dated.UNDONE} and _keys(june, "retired") == set()
    both = what_changed(dated_db, settings, Window(FactDate(2024, 6)))
    assert not any(_keys(both, p) for p in ("recorded", "retired", "changed"))  # added, then undone


def test_a_load_in_the_window_is_listed_fact_by_fact_with_its_loader(
    dated_db: neo4j.Driver, settings: Settings
) -> None:
    found = what_changed(dated_db, settings, Window(FactDate(2024, 1), FactDate(2024, 1)))
    recorded = _keys(found, "recorded")
    assert tie_key("bruno-buisson", "BOARD_SEAT", "biocom") in recorded and dated.PARTNERS in recorded
    assert "entity:acme" in recorded
    assert all(item.change is not None and item.change.action == "load" for item in found.items["recorded"])


def test_valid_time_lists_what_began_and_ended_in_the_window_as_recorded_today(
    dated_db: neo4j.Driver, settings: Settings
) -> None:
    ended = what_changed(dated_db, settings, Window(FactDate(2019), FactDate(2019)))
    assert _keys(ended, "ended") == {tie_key("bruno-buisson", "BOARD_SEAT", "biocom")}
    assert _keys(ended, "began") == set()
    began = what_changed(dated_db, settings, Window(FactDate(2021, 1), FactDate(2021, 12)))
    assert _keys(began, "began") == {tie_key("acme", "MEMBER_OF", "biocom")}
    corrected = what_changed(dated_db, settings, Window(FactDate(2009), FactDate(2009)))
    assert _keys(corrected, "began") == {dated.MEMBERSHIP}  # as corrected: May 2009
    known = what_changed(
        dated_db, settings, Window(FactDate(2008), FactDate(2008)), known_on=FactDate(2024, 3)
    )
    assert _keys(known, "began") == {dated.MEMBERSHIP}  # as known in March 2024: 2008
    around = what_changed(dated_db, settings, Window(FactDate(2012), FactDate(2024)), known_on=None)
    assert dated.PARTNERS not in _keys(around, "began")  # retired: no longer in the records
    acme = what_changed(dated_db, settings, Window(FactDate(2010), FactDate(2024), around="acme"))
    assert _keys(acme, "began") == {tie_key("acme", "MEMBER_OF", "biocom")}
    cluster = what_changed(dated_db, settings, Window(FactDate(2009), FactDate(2024), cluster="eurobiomed"))
    assert tie_key("neuroservices", "MEMBER_OF", "eurobiomed") in _keys(cluster, "began")
    assert tie_key("acme", "MEMBER_OF", "biocom") not in _keys(cluster, "began")
