"""Cluster Atlas in the browser: the list of pages and the language switch (``explorer serve`` runs it)."""

from pathlib import Path

import streamlit as st

from explorer.app import auth, queue, state

VIEWS = Path(__file__).resolve().parent / "views"

st.set_page_config(page_title="Cluster Atlas", page_icon="🕸️", layout="wide")
state.language_switch()
# Every page passes here first: with sign-in, nothing else runs until the reader is let in.
actor = auth.gate()

# Every page, in the order of the navigation: its file, title, icon and address ("" is /).
pages = {
    "network": st.Page(
        VIEWS / "network.py", title=state.tr("page.network"), icon=":material/hub:", default=True
    ),
    "paths": st.Page(
        VIEWS / "paths.py", title=state.tr("page.paths"), icon=":material/route:", url_path="paths"
    ),
    "asks": st.Page(
        VIEWS / "asks.py", title=state.tr("page.asks"), icon=":material/outgoing_mail:", url_path="asks"
    ),
    "queries": st.Page(
        VIEWS / "queries.py",
        title=state.tr("page.queries"),
        icon=":material/manage_search:",
        url_path="queries",
    ),
    "alliance": st.Page(
        VIEWS / "alliance.py",
        title=state.tr("page.alliance"),
        icon=":material/handshake:",
        url_path="alliance",
    ),
    "sources": st.Page(
        VIEWS / "sources.py",
        title=state.tr("page.sources"),
        icon=":material/description:",
        url_path="sources",
    ),
    "history": st.Page(
        VIEWS / "history.py", title=state.tr("page.history"), icon=":material/history:", url_path="history"
    ),
    "changed": st.Page(
        VIEWS / "changed.py", title=state.tr("page.changed"), icon=":material/difference:", url_path="changed"
    ),
    "review": st.Page(
        VIEWS / "review.py", title=state.tr("page.review"), icon=":material/fact_check:", url_path="review"
    ),
    "ingest": st.Page(
        VIEWS / "ingest.py", title=state.tr("page.ingest"), icon=":material/newspaper:", url_path="article"
    ),
}

state.register_pages(pages)
navigation = st.navigation(list(pages.values()))
queue.waiting(actor, pages["review"])
navigation.run()
