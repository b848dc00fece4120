"""Cluster Atlas in the browser: the list of pages and the language switch (``explorer serve`` runs it)."""

from pathlib import Path

import streamlit as st

from explorer.app import common

PAGES = Path(__file__).resolve().parent / "pages"

st.set_page_config(page_title="Cluster Atlas", page_icon="🕸️", layout="wide")
common.language_switch()

# Every page, in the order of the navigation; url_path is the page's address ("" is /).
pages = [
    st.Page(PAGES / "network.py", title=common.tr("page.network"), icon=":material/hub:", default=True),
    st.Page(
        PAGES / "queries.py",
        title=common.tr("page.queries"),
        icon=":material/manage_search:",
        url_path="queries",
    ),
    st.Page(
        PAGES / "alliance.py",
        title=common.tr("page.alliance"),
        icon=":material/handshake:",
        url_path="alliance",
    ),
]

st.navigation(pages).run()
