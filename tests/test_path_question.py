"""The paths question as a record: the URL it writes and reads back, what a link gets wrong."""

from __future__ import annotations

import pytest

from explorer import defaults
from explorer.model import FactDate, Moment
from explorer.views.paths import KEYS, PathQuestion


def test_the_default_question_writes_an_empty_link() -> None:
    assert PathQuestion().to_query() == {}
    assert PathQuestion.from_query({}) == (PathQuestion(), [])


def test_every_field_goes_into_the_link_and_comes_back() -> None:
    asked = PathQuestion(
        "neuroservices",
        "bio-japan",
        ("bruno-buisson", "Biocom"),
        k=2,
        hops=3,
        active=True,
        ranking="score",
        path=2,
        moment=Moment(FactDate.parse("2015-03"), undated=False),
    )
    query = asked.to_query()
    assert query == {
        "from": "neuroservices",
        "to": "bio-japan",
        "k": "2",
        "hops": "3",
        "active": "1",
        "ranking": "score",
        "avoid": "bruno-buisson,Biocom",
        "path": "2",
        "as_of": "2015-03",
        "undated": "hide",
    }
    assert list(query) == list(KEYS)
    assert PathQuestion.from_query(query) == (asked, [])


def test_defaults_are_left_out_of_the_link() -> None:
    asked = PathQuestion("a", "b", k=defaults.PATHS_K, hops=defaults.PATHS_HOPS, ranking="distinct", path=1)
    assert asked.to_query() == {"from": "a", "to": "b"}


def test_unknown_keys_come_first_then_values_not_understood() -> None:
    query = {"from": "neuroservices", "to": "bio-japan", "k": "many", "active": "maybe", "x": "1"}
    asked, ignored = PathQuestion.from_query(query)
    assert ignored == ["x=1", "k=many", "active=maybe"]
    assert asked == PathQuestion("neuroservices", "bio-japan")


@pytest.mark.parametrize(
    ("key", "raw", "field", "kept"),
    [
        ("k", "0", "k", 1),
        ("k", "500", "k", defaults.MAX_PAGE_K),
        ("hops", "99", "hops", defaults.MAX_PATHS_HOPS),
        ("hops", "-2", "hops", 1),
        ("path", "40", "path", defaults.MAX_PAGE_K),
    ],
)
def test_numbers_out_of_range_are_named_and_brought_within_it(key, raw, field, kept) -> None:
    asked, ignored = PathQuestion.from_query({key: raw})
    assert ignored == [f"{key}={raw}"]
    assert getattr(asked, field) == kept


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"active": "YES"}, PathQuestion(active=True)),
        ({"active": "0"}, PathQuestion()),
        ({"ranking": "Score"}, PathQuestion(ranking="score")),
        ({"ranking": "distinct"}, PathQuestion()),
        ({"avoid": " a , b,,a "}, PathQuestion(avoid=("a", "b"))),
        ({"from": ["old", "new"]}, PathQuestion(source="new")),
    ],
)
def test_words_and_lists_a_link_may_use(query, expected) -> None:
    assert PathQuestion.from_query(query) == (expected, [])


def test_a_ranking_not_known_is_named() -> None:
    asked, ignored = PathQuestion.from_query({"ranking": "best"})
    assert ignored == ["ranking=best"] and asked.ranking == "distinct"


def test_asking_for_more_paths_keeps_the_question_a_new_end_changes_it() -> None:
    asked = PathQuestion("a", "b", path=3)
    assert PathQuestion("a", "b", k=9).asked() == asked.asked()
    assert PathQuestion("b", "a").asked() != asked.asked()
    assert PathQuestion("a", "b", k=9).key() != asked.key()
    assert PathQuestion("a", "b", path=1).key() == asked.key()


def test_a_question_without_both_ends_cannot_be_searched() -> None:
    with pytest.raises(ValueError, match="both ends"):
        PathQuestion("a").search(None, None)  # type: ignore[arg-type]


def test_a_date_not_understood_is_named_after_the_other_values() -> None:
    asked, ignored = PathQuestion.from_query({"from": "a", "to": "b", "k": "x", "as_of": "someday"})
    assert ignored[0] == "k=x" and ignored[1].startswith("as_of=")
    assert asked.moment == Moment()
