"""The brokers section of the paths page: who bridges the two sides of a question, and how."""

from __future__ import annotations

import neo4j
import streamlit as st

from explorer import defaults, i18n
from explorer.app.connection import cache_key, guard
from explorer.app.state import Context
from explorer.config import Settings
from explorer.introductions.answers import BrokerSearch, Group, PathSearch
from explorer.introductions.brokers import find_brokers, groups_between
from explorer.introductions.explain import bridge_sentence, readable_route
from explorer.model import Lang

__all__ = ["group_name", "show_brokers"]

#: Brokers listed under the paths.
BROKER_TOP = 8


@st.cache_data(max_entries=32, show_spinner=False)
def _brokers(key: tuple, _driver: neo4j.Driver, _settings: Settings) -> BrokerSearch:
    _db, a, b, active, _weights = key
    return find_brokers(
        _driver, _settings, a, b, top=BROKER_TOP, max_hops=defaults.BROKERS_HOPS, active_only=active
    )


def group_name(group: Group, lang: Lang) -> str:
    """A group of a brokers question for people: "France", "Abreos Biosciences and its neighbours"."""
    if group.kind == "neighbourhood":
        return i18n.t("paths.neighbourhood", lang, name=group.display(lang))
    return group.display(lang)


def show_brokers(ctx: Context, found: PathSearch, active: bool, weights_key: str) -> None:
    """The brokers between the two sides: their countries when they differ, else the two entities
    (a cluster and its members, an alliance and its parties, or an entity and its neighbours)."""
    a, b = groups_between(found.source, found.target)
    with guard(stop=False), st.spinner():
        brokers = _brokers((cache_key(ctx), a, b, active, weights_key), ctx.driver, ctx.settings)
        st.subheader(
            ctx.tr("paths.brokers", a=group_name(brokers.a, ctx.lang), b=group_name(brokers.b, ctx.lang))
        )
        st.caption(ctx.tr("paths.brokers.help", hops=defaults.BROKERS_HOPS))
        if not brokers.brokers:
            st.info(ctx.tr("paths.brokers.none"))
            return
        rows = [
            {
                ctx.tr("col.entity"): broker.node.display(ctx.lang),
                ctx.tr("col.kind"): i18n.kind_name(broker.node.kind, ctx.lang),
                ctx.tr("col.count"): broker.count,
                ctx.tr("col.share"): f"{broker.share:.0%}".replace(
                    "%", "\u202f%" if ctx.lang == "fr" else "%"
                ),
                ctx.tr("col.bridge"): bridge_sentence(broker, ctx.lang) or "",
                ctx.tr("col.example"): readable_route(broker.example, ctx.lang) if broker.example else "",
            }
            for broker in brokers.brokers
        ]
        # The sentences that say why (and an example route) take the room; the numbers take little.
        small, large = st.column_config.TextColumn(width="small"), st.column_config.TextColumn(width="large")
        count = st.column_config.NumberColumn(width="small")
        sizes = {"col.entity": None, "col.kind": small, "col.count": count, "col.share": small}
        sizes |= {"col.bridge": large, "col.example": large}
        config = {ctx.tr(key): size for key, size in sizes.items() if size is not None}
        st.dataframe(rows, hide_index=True, width="stretch", column_config=config)
        if brokers.is_sample:
            st.caption(ctx.tr("paths.brokers.sample", a=brokers.sampled[0], b=brokers.sampled[1]))
