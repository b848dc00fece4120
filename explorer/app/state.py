"""What a reader's session holds: the language, the URL of the view, the pages, and the page context."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import neo4j
import streamlit as st

from explorer import i18n
from explorer.config import Settings
from explorer.model import Lang

__all__ = [
    "Context",
    "lang",
    "language_switch",
    "open_in_network",
    "page",
    "register_pages",
    "seed_widgets",
    "set_url",
    "tr",
    "url_params",
]

LANG_KEY = "atlas.lang"
PAGES_KEY = "atlas.pages"


@dataclass(frozen=True)
class Context:
    """What a page works with: the reader's language, the shared driver and the settings."""

    lang: Lang
    driver: neo4j.Driver
    settings: Settings
    #: The graph's data version when this rerun began: answers cached under it are current.
    version: str = ""

    def tr(self, key: str, **values: Any) -> str:
        """The message ``key`` in the reader's language."""
        return i18n.t(key, self.lang, **values)


# -- language -----------------------------------------------------------------------------


def lang() -> Lang:
    """The language chosen in the sidebar (or by ``?lang=fr`` when the session began)."""
    value = st.session_state.get(LANG_KEY)
    return value if value in i18n.LANGS else "en"


def tr(key: str, **values: Any) -> str:
    """The message ``key`` in the current language."""
    return i18n.t(key, lang(), **values)


def language_switch() -> None:
    """The English/French switch, in the sidebar; the choice goes into the URL (``lang=fr``)."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = i18n.parse_lang(st.query_params.get("lang"))
    st.sidebar.segmented_control(
        i18n.t("app.language", lang()),
        i18n.LANGS,
        key=LANG_KEY,
        format_func=lambda code: i18n.LANGUAGE_NAMES[code],
        selection_mode="single",
        required=True,
    )


# -- the URL ------------------------------------------------------------------------------


def url_params() -> dict[str, str]:
    """The page's URL parameters (the language left out)."""
    return {k: st.query_params[k] for k in st.query_params if k != "lang"}


def set_url(params: Mapping[str, str]) -> None:
    """Put the view's state in the URL (so that it can be shared), with the language if not English."""
    wanted = {k: str(v) for k, v in params.items() if v not in (None, "")}
    if lang() != "en":
        wanted["lang"] = lang()
    current = {k: st.query_params[k] for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def seed_widgets(values: Mapping[str, Any]) -> None:
    """Give widgets their first values (from the URL or the last view) unless they already have one."""
    for key, value in values.items():
        if key not in st.session_state:
            st.session_state[key] = value


# -- the pages ------------------------------------------------------------------------------


def register_pages(pages: Mapping[str, Any]) -> None:
    """Remember the app's pages by name (``main.py`` calls this), for links between pages."""
    st.session_state[PAGES_KEY] = dict(pages)


def page(name: str) -> Any:
    """The page called ``name`` (network, queries...), for ``st.page_link`` and ``st.switch_page``."""
    return st.session_state[PAGES_KEY][name]


def open_in_network(entity_id: str) -> None:
    """Go to the network page centred on ``entity_id`` (from a graph on another page)."""
    st.switch_page(page("network"), query_params={"focus": entity_id, "depth": "1"})
