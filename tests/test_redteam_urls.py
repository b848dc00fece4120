"""Red team, URLs: whatever a shared link carries in its parameters, every page shows itself or a
one-line message, never a traceback."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.app_helpers import open_page, texts, unescape

ODD = st.one_of(
    st.sampled_from(
        [
            "99999999999999999999",
            "-99999999999999999999",
            "nan",
            "inf",
            "-1",
            "0",
            "1e309",
            "",
            " ",
            ",,,",
            "biocom",
            "eurobiomed,biocom",
            "<img src=x onerror=alert(1)>",
            "\x1b[31m",
            "\u202e",
            "é" * 300,
            "[" * 50,
            "constructor",
            "__proto__",
            "fr",
            "FR,US,JP",
            "MEMBER_OF",
            "planned",
            "true",
            "1",
            "12",
        ]
    ),
    st.text(max_size=20),
).filter(lambda v: "\x00" not in v)
PAGES = {
    "network": ["focus", "depth", "limit", "kind", "country", "type", "status", "evidence", "lang"],
    "paths": ["from", "to", "k", "hops", "active", "avoid", "path", "lang"],
    "queries": ["name", "cluster", "min_countries", "entity", "status", "country", "kind", "lang"],
    "alliance": ["lang", "id"],
}
EXAMPLES = int(os.environ.get("REDTEAM_URL_EXAMPLES", "20"))


def _params(page: str) -> st.SearchStrategy[dict[str, str]]:
    name = st.sampled_from(["multi_country_companies", "cluster_members", "entity_facts", "nope"])
    fixed = {"name": name} if page == "queries" else {}
    return st.fixed_dictionaries(fixed, optional={k: ODD for k in PAGES[page] if k not in fixed})


def _shows_no_traceback(page: str, params: dict[str, str]) -> None:
    at = open_page(page, **params)
    assert not at.exception, (page, params, [e.value for e in at.exception])
    assert "Traceback" not in texts(at), (page, params)


@pytest.mark.parametrize("page", PAGES)
def test_any_url_parameters_give_a_page_without_a_traceback(seeded_db, page):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(params=_params(page))
    def check(params: dict[str, str]) -> None:
        _shows_no_traceback(page, params)

    check()


def test_a_saved_query_deep_link_with_a_number_beyond_64_bits_says_so(seeded_db):
    at = open_page("queries", name="multi_country_companies", min_countries="99999999999999999999")
    assert not at.exception
    assert "min_countries must be a whole number of at most 19 digits" in unescape(texts(at))


@pytest.mark.parametrize("param", ["entity", "who"])
def test_a_very_long_history_filter_gives_a_page_without_a_traceback(seeded_db, param):
    _shows_no_traceback("history", {param: "x" * 200_000})
    _shows_no_traceback("history", {param: "é|`'\"" * 50_000})
