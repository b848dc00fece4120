"""The sidebar's word to editors on every page: how many items wait in the review queue, with a link."""

from __future__ import annotations

from typing import Any

import streamlit as st

from explorer.app.connection import connection
from explorer.app.state import lang, tr
from explorer.curation.actors import Actor
from explorer.curation.phrases import count_of
from explorer.curation.review import open_count
from explorer.errors import ExplorerError

__all__ = ["waiting"]


def waiting(actor: Actor | None, review_page: Any) -> None:
    """For those who may review: "3 items to review" (in how many proposals), a link to the queue."""
    if actor is None or not actor.may("review"):
        return
    try:
        driver, settings = connection()
        items, batches = open_count(driver, settings)
    except ExplorerError:
        return  # the page itself says that the database cannot be used, and what to do
    label = tr("queue.waiting" if items else "queue.empty", items=count_of(items, "item", lang()))
    help = tr("queue.help", proposals=count_of(batches, "proposal", lang()))
    st.sidebar.page_link(review_page, label=label, icon=":material/fact_check:", help=help)
