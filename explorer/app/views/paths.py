"""Introduction paths: who asks and whom to reach, the ranked paths as cards, drawn together, brokers."""

from __future__ import annotations

import json
from collections.abc import Callable

import neo4j
import streamlit as st

from explorer import i18n, model
from explorer.analytics import BrokerSearch, find_brokers
from explorer.app import common
from explorer.app.common import tr
from explorer.config import Settings
from explorer.explain import explain, format_score, no_path_sentence, route_line, source_summary
from explorer.paths import DEFAULT_K, DEFAULT_MAX_HOPS, MAX_HOPS, IntroPath, PathSearch, find_paths
from explorer.render import Highlight, draw, markdown_text
from explorer.search import Entity, get_entity
from explorer.weights import load_weights

FROM, TO, AVOID = "paths.from", "paths.to", "paths.avoid"
K, HOPS, ACTIVE = "paths.k", "paths.hops", "paths.active"
MAX_K = 20
BROKER_HOPS, BROKER_TOP = 4, 8


# -- what the page remembers: from, to, avoid and the options, seeded from the URL ----------


def arrive() -> None:
    """On arriving at the page, the widgets take the URL's values (or the last ones of this session)."""
    if K in st.session_state:
        return
    query = common.url_params()
    avoid = [a for a in query.get("avoid", "").split(",") if a]
    common.seed_widgets(
        {
            FROM: query.get("from") or None,
            TO: query.get("to") or None,
            AVOID: avoid,
            K: _bounded(query.get("k"), DEFAULT_K, 1, MAX_K),
            HOPS: _bounded(query.get("hops"), DEFAULT_MAX_HOPS, 1, MAX_HOPS),
            ACTIVE: query.get("active") in ("1", "true", "yes"),
        }
    )


def route(path: IntroPath) -> str:
    """The path for people: "Neuroservices ← *leads* · Bruno Buisson → *sits on the board of* · Biocom"."""
    parts = [f"**{markdown_text(path.nodes[0].display(lang))}**"]
    for hop, before, after in zip(path.hops, path.nodes[:-1], path.nodes[1:], strict=True):
        symmetric = hop.type in model.SYMMETRIC_TYPES
        arrow = "—" if symmetric else ("→" if hop.start == before.id else "←")
        phrase = markdown_text(i18n.type_phrase(hop.type, lang))
        name = markdown_text(after.display(lang))
        parts.append(f" {arrow} *{phrase}*{' —' if symmetric else ''} **{name}**")
    return "".join(parts)


def _bounded(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(high, max(low, int(value))) if value else default
    except ValueError:
        return default


def choose(role: str) -> Callable[[Entity], None]:
    """What picking an entity in the ``role`` search does: it becomes that end of the paths."""

    def pick(entity: Entity) -> None:
        st.session_state[role] = entity.id

    return pick


def clear(role: str) -> None:
    st.session_state[role] = None


def swap() -> None:
    st.session_state[FROM], st.session_state[TO] = st.session_state.get(TO), st.session_state.get(FROM)


def avoid_entity(entity: Entity) -> None:
    if entity.id not in st.session_state[AVOID]:
        st.session_state[AVOID] = [*st.session_state[AVOID], entity.id]


# -- reading, cached for a while (a rerun for every click must not search again) ------------


def _weights_key() -> str:
    weights = load_weights()
    return json.dumps([weights.rows(), sorted(weights.crowd_types)], default=str)


@st.cache_data(ttl=120, max_entries=64, show_spinner=False)
def _paths(key: tuple, _driver: neo4j.Driver, _settings: Settings) -> PathSearch:
    _db, source, target, k, avoid, hops, active, _weights = key
    return find_paths(_driver, _settings, source, target, k=k, avoid=avoid, max_hops=hops,
                      active_only=active, timeout=_settings.ui_timeout)  # fmt: skip


@st.cache_data(ttl=300, max_entries=32, show_spinner=False)
def _brokers(key: tuple, _driver: neo4j.Driver, _settings: Settings) -> BrokerSearch:
    _db, a, b, active, _weights = key
    return find_brokers(_driver, _settings, a, b, top=BROKER_TOP, max_hops=BROKER_HOPS,
                        active_only=active, timeout=_settings.ui_timeout)  # fmt: skip


def entity(entity_id: str | None) -> Entity | None:
    if not entity_id:
        return None
    with common.guard(stop=False):
        return get_entity(driver, settings, entity_id)
    return None


# -- the page -----------------------------------------------------------------------------------

lang = common.lang()
driver, settings = common.connection_or_stop()
common.require_data(driver, settings)
arrive()

st.title(tr("paths.title"))
st.caption(tr("paths.intro"))

ends = st.columns([5, 1, 5], vertical_alignment="center")
for column, role, search_label in ((ends[0], FROM, "paths.search_from"), (ends[2], TO, "paths.search_to")):
    with column:
        chosen = entity(st.session_state.get(role))
        if chosen is not None:
            kind = i18n.kind_name(chosen.kind, lang)
            said = tr("paths.chosen", name=markdown_text(chosen.name), kind=kind, id=markdown_text(chosen.id))
            st.markdown(f"{tr(role)} · {said}")
            st.button(tr("paths.clear"), key=f"{role}.clear", on_click=clear, args=(role,),
                      icon=":material/close:")  # fmt: skip
        common.entity_search(role + ".search", choose(role), label=tr(search_label))
ends[1].button("⇄", key="paths.swap", on_click=swap, help=tr("paths.swap"), width="stretch")

with st.sidebar:
    st.subheader(tr("paths.options"))
    st.slider(tr("paths.k"), 1, MAX_K, key=K)
    st.slider(tr("paths.max_hops"), 1, MAX_HOPS, key=HOPS)
    st.toggle(tr("paths.active_only"), key=ACTIVE, help=tr("paths.active_only.help"))
    avoided = {a: e.name for a in st.session_state[AVOID] if (e := entity(a)) is not None}
    st.multiselect(
        tr("paths.avoid"),
        list(st.session_state[AVOID]),
        key=AVOID,
        format_func=lambda a: avoided.get(a, a),
        help=tr("paths.avoid.help"),
    )
    common.entity_search("paths.avoid.search", avoid_entity, label=tr("paths.avoid_search"))

source, target = st.session_state.get(FROM), st.session_state.get(TO)
avoid = tuple(st.session_state[AVOID])
k, hops, active = st.session_state[K], st.session_state[HOPS], st.session_state[ACTIVE]
common.set_url(
    {
        "from": source or "",
        "to": target or "",
        "k": str(k) if k != DEFAULT_K else "",
        "hops": str(hops) if hops != DEFAULT_MAX_HOPS else "",
        "active": "1" if active else "",
        "avoid": ",".join(avoid),
    }
)
if not source or not target:
    st.info(tr("paths.pick_both"), icon=":material/route:")
    st.stop()
if source == target:
    st.warning(tr("paths.same"))
    st.stop()

db = common.database_key(settings)
with common.guard(), st.spinner():
    weights_key = _weights_key()
    found = _paths((db, source, target, k, avoid, hops, active, weights_key), driver, settings)

a_name, b_name = found.source.display(lang), found.target.display(lang)
if not found.paths:
    st.info(markdown_text(no_path_sentence(found, lang)), icon=":material/route:")
else:
    st.markdown(tr("paths.found", n=len(found.paths), a=markdown_text(a_name), b=markdown_text(b_name)))
if not found.complete:
    st.warning(tr("paths.incomplete", n=f"{found.relationships_read:,}"))
origin = load_weights().origin
if origin is not None:
    st.caption(tr("paths.weights", file=markdown_text(origin)))

if found.paths:
    cards, drawing = st.columns([1, 1])
    with cards:
        for rank, path in enumerate(found.paths, start=1):
            with st.container(border=True):
                head = tr("paths.card", rank=rank, score=format_score(path.score), hops=path.hop_count)
                st.markdown(f"**{head}**" + (f" · :green-badge[{tr('paths.best')}]" if rank == 1 else ""))
                st.markdown(route(path))
                st.markdown(markdown_text(explain(path, lang)))
                cited = source_summary(path, found, lang)
                if cited:
                    st.caption(tr("paths.sources", sources=markdown_text("; ".join(cited))))
    with drawing:
        best = found.paths[0]
        highlight = Highlight.of((n.id for n in best.nodes), (h.key for h in best.hops))
        page = draw(
            found.as_graph(), lang=lang, highlight=highlight, sources=found.sources, layouts=common.layouts()
        )
        event = common.graph(page, key="paths.graph", height=560)
        if event.focus:
            common.open_in_network(event.focus)
        st.caption(tr("paths.graph") + " " + tr("graph.open_hint"))

# -- brokers between the two entities' countries --------------------------------------------
countries = (found.source.country, found.target.country)
if not all(countries):
    st.caption(tr("paths.brokers.no_country"))
elif countries[0] == countries[1]:
    st.caption(tr("paths.brokers.same", country=model.country_name(str(countries[0]), lang)))
else:
    a, b = (str(c) for c in countries)
    st.subheader(tr("paths.brokers", a=model.country_name(a, lang), b=model.country_name(b, lang)))
    st.caption(tr("paths.brokers.help", hops=BROKER_HOPS))
    with common.guard(stop=False), st.spinner():
        brokers = _brokers((db, a, b, active, weights_key), driver, settings)
        if not brokers.brokers:
            st.info(tr("paths.brokers.none"))
        else:
            rows = [
                {
                    tr("col.entity"): broker.node.display(lang),
                    tr("col.kind"): i18n.kind_name(broker.node.kind, lang),
                    tr("col.count"): broker.count,
                    tr("col.share"): f"{broker.share:.0%}",
                    tr("col.example"): route_line(broker.example, lang) if broker.example else "",
                }
                for broker in brokers.brokers
            ]
            st.dataframe(rows, hide_index=True, width="stretch")
            if brokers.is_sample:
                st.caption(tr("paths.brokers.sample", a=brokers.sampled[0], b=brokers.sampled[1]))
