"""A fact's date with its precision: reading, storing, saying, and when a fact holds (pure)."""

import datetime as dt

import pytest

from explorer.model import FactDate, Moment, Tie
from explorer.model.dates import ended, holds
from explorer.model.facts import RawRow, build_link


@pytest.mark.parametrize(
    ("given", "iso", "stored"),
    [
        (2015, "2015", 2015),
        ("2015", "2015", 2015),
        (2015.0, "2015", 2015),
        ("2015.0", "2015", 2015),
        ("2015-03", "2015-03", "2015-03"),
        ("2015-3", "2015-03", "2015-03"),
        ("03/2015", "2015-03", "2015-03"),
        ("mars 2015", "2015-03", "2015-03"),
        ("Sept 2019", "2019-09", "2019-09"),
        ("2015-03-03", "2015-03-03", "2015-03-03"),
        ("03/03/2015", "2015-03-03", "2015-03-03"),
        ("3 March 2015", "2015-03-03", "2015-03-03"),
        ("1er février 2016", "2016-02-01", "2016-02-01"),
        (dt.date(2015, 3, 3), "2015-03-03", "2015-03-03"),
        ("2015-03-03T10:20:00Z", "2015-03-03", "2015-03-03"),
    ],
)
def test_a_date_keeps_the_precision_it_was_given(given, iso, stored):
    date = FactDate.parse(given)
    assert date.iso() == iso
    assert date.stored() == stored
    assert FactDate.parse(date.stored()) == date


BAD = ["soon", "15", "2015-13", "2015-02-30", "abc 2015", "2015 abc", True, "20150"]


@pytest.mark.parametrize("bad", BAD)
def test_what_is_not_a_date_is_refused_with_what_to_write(bad):
    with pytest.raises(ValueError, match=r"is not a date; write a year \(2015\), a month"):
        FactDate.parse(bad)


def test_a_date_is_said_with_its_precision_in_both_languages():
    year, month, day = FactDate(2015), FactDate(2015, 3), FactDate(2015, 3, 3)
    assert year.since_words("en") == "since 2015"
    assert month.since_words("fr") == "depuis mars 2015"
    assert day.since_words("en") == "since 3 March 2015"
    assert day.since_words("fr") == "depuis le 3 mars 2015"
    assert FactDate(2015, 3, 1).words("fr") == "1er mars 2015"
    assert month.until_words("fr") == "jusqu'en mars 2015"
    assert day.until_words("fr") == "jusqu'au 3 mars 2015"
    assert year.ended_words("en") == "ended in 2015"
    assert day.ended_words("en") == "ended on 3 March 2015"
    assert month.as_of_words("fr") == "en mars 2015"
    assert year.known_on_words("en") == "as recorded by the end of 2015"


def test_since_and_until_2015_both_hold_on_1_june_2015_and_not_in_2016():
    june = FactDate(2015, 6, 1)
    assert holds(FactDate(2015), None, june)
    assert holds(None, FactDate(2015), june)
    assert not holds(None, FactDate(2015), FactDate(2016, 1, 1))
    assert not holds(FactDate(2015, 7), None, june)
    assert holds(FactDate(2015, 6), FactDate(2015, 6), june)
    # a date stands for its span: "as of 2015" meets a fact that began in December 2015
    assert holds(FactDate(2015, 12, 24), None, FactDate(2015))
    assert ended(FactDate(2015), FactDate(2016)) and not ended(FactDate(2015), FactDate(2015, 12))
    assert ended(FactDate(2014), 2015) and not ended(FactDate(2015), 2015)


def test_a_moment_keeps_what_held_and_undated_facts_unless_hidden():
    dated = Tie("BOARD_SEAT", "p", "o", {"since": 2012, "until": "2016-06"})
    undated = Tie("BOARD_SEAT", "q", "o", {})
    place = Tie("LOCATED_IN", "o", "marseille", {})
    assert Moment(FactDate(2015)).keeps(dated) and not Moment(FactDate(2017)).keeps(dated)
    assert not Moment(FactDate(2011)).keeps(dated)
    assert undated.undated and not place.undated
    assert Moment(FactDate(2015)).keeps(undated)
    assert not Moment(FactDate(2015), undated=False).keeps(undated)
    assert Moment(FactDate(2015), undated=False).keeps(place)  # where a place lies has no date
    assert Moment().keeps(dated) and not Moment()


def test_a_moment_round_trips_through_its_url_and_says_what_it_ignored():
    moment = Moment(FactDate(2015, 3), FactDate(2020, 1, 2), undated=False)
    assert moment.to_query() == {"as_of": "2015-03", "known_on": "2020-01-02", "undated": "hide"}
    assert Moment.from_query(moment.to_query()) == (moment, [])
    again, ignored = Moment.from_query({"as_of": "lately", "known_on": "2020"})
    assert again == Moment(None, FactDate(2020)) and ignored == ["as_of=lately"]
    assert moment.words("en") == "as of March 2015, as recorded on 2 January 2020"
    assert moment.words("fr") == "en mars 2015, selon les faits enregistrés au 2 janvier 2020"


def test_a_tie_reads_its_dates_with_their_precision():
    tie = Tie("MEMBER_OF", "a", "c", {"since": "2015-03", "until": 2020})
    assert tie.since == FactDate(2015, 3) and tie.until == FactDate(2020)
    assert Tie("MEMBER_OF", "a", "c", {"since": "lately"}).since is None


def test_a_link_row_stores_each_precision_as_the_graph_keeps_it():
    def row(**fields):
        found, errors = build_link(RawRow(3, "link", {"source": "a", "target": "c", **fields}), "f")
        assert errors == []
        return found.tie.properties

    assert row(type="MEMBER_OF", since="2015")["since"] == 2015
    assert row(type="MEMBER_OF", since="03/2015")["since"] == "2015-03"
    assert row(type="MEMBER_OF", since=dt.date(2015, 3, 3), until="2019-12")["until"] == "2019-12"
    assert "since" not in row(type="MEMBER_OF", since="")
