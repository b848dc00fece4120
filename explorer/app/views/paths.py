"""Introduction paths: who asks and whom to reach, the ranked paths as cards, drawn together, brokers."""

from __future__ import annotations

import functools
import json

import neo4j
import streamlit as st

from explorer import countries, defaults, i18n
from explorer.app import state
from explorer.app.connection import cache_key, guard, open_page
from explorer.app.frame import graph, layouts
from explorer.app.state import Context
from explorer.app.widgets import entity_label, entity_search
from explorer.config import Settings
from explorer.document import Highlight
from explorer.errors import AmbiguousEntity, UnknownEntity
from explorer.escaping import markdown_text
from explorer.introductions.answers import BrokerSearch, IntroPath, PathSearch
from explorer.introductions.brokers import find_brokers
from explorer.introductions.explain import explain, format_score, no_path_sentence, route_line, source_summary
from explorer.introductions.paths import find_paths
from explorer.introductions.weights import load_weights
from explorer.model import Entity, Lang
from explorer.render import draw
from explorer.resolve import Resolver

FROM, TO, AVOID = "paths.from", "paths.to", "paths.avoid"
K, HOPS, ACTIVE = "paths.k", "paths.hops", "paths.active"
BROKER_TOP = 8


# -- what the page remembers: from, to, avoid and the options, seeded from the URL ----------


def _bounded(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(high, max(low, int(value))) if value else default
    except ValueError:
        return default


def arrive() -> None:
    """On arriving at the page, the widgets take the URL's values (or the last ones of this session)."""
    if K in st.session_state:
        return
    query = state.url_params()
    state.seed_widgets(
        {
            FROM: query.get("from") or None,
            TO: query.get("to") or None,
            AVOID: [a for a in query.get("avoid", "").split(",") if a],
            K: _bounded(query.get("k"), defaults.PATHS_K, 1, defaults.MAX_PAGE_K),
            HOPS: _bounded(query.get("hops"), defaults.PATHS_HOPS, 1, defaults.MAX_PATHS_HOPS),
            ACTIVE: query.get("active") in ("1", "true", "yes"),
        }
    )


def choose(role: str, entity: Entity) -> None:
    """An entity picked for ``role`` (from, to): it becomes that end of the paths."""
    st.session_state[role] = entity.id


def clear(role: str) -> None:
    st.session_state[role] = None


def swap() -> None:
    st.session_state[FROM], st.session_state[TO] = st.session_state.get(TO), st.session_state.get(FROM)


def avoid_entity(entity: Entity) -> None:
    if entity.id not in st.session_state[AVOID]:
        st.session_state[AVOID] = [*st.session_state[AVOID], entity.id]


def resolved(ctx: Context, role: str) -> tuple[Entity | None, UnknownEntity | AmbiguousEntity | None]:
    """The entity chosen for ``role``, given as an id or a name (a link may name it), or why
    none could be: no entity matches, or several do."""
    given = st.session_state.get(role)
    if not given:
        return None, None
    with guard():  # other problems (the database out of reach) end the page with a banner
        try:
            entity = Resolver(ctx.driver, ctx.settings).entity(str(given))
        except (UnknownEntity, AmbiguousEntity) as error:
            return None, error
    st.session_state[role] = entity.id
    return entity, None


def candidates(ctx: Context, role: str, error: UnknownEntity | AmbiguousEntity) -> None:
    """What was given matches no entity, or several: say so, with the closest as buttons."""
    given = markdown_text(st.session_state.get(role))
    unknown = isinstance(error, UnknownEntity)
    st.warning(ctx.tr("paths.unknown" if unknown else "paths.ambiguous", given=given), icon=":material/help:")
    if error.entities:
        st.caption(ctx.tr("paths.closest" if unknown else "paths.which"))
    for i, candidate in enumerate(error.entities):
        st.button(
            entity_label(candidate), key=f"{role}.candidate.{i}", on_click=choose, args=(role, candidate)
        )


def route(path: IntroPath, lang: Lang) -> str:
    """The path for people: "Neuroservices ← *leads* · Bruno Buisson → *sits on the board of* · Biocom"."""
    parts = [f"**{markdown_text(path.nodes[0].display(lang))}**"]
    for hop, before, after in zip(path.hops, path.nodes[:-1], path.nodes[1:], strict=True):
        arrow = {"both": "—", "out": "→", "in": "←"}[hop.tie.direction_from(before.id)]
        phrase = markdown_text(i18n.type_phrase(hop.type, lang))
        name = markdown_text(after.display(lang))
        parts.append(f" {arrow} *{phrase}*{' —' if hop.tie.symmetric else ''} **{name}**")
    return "".join(parts)


# -- reading, cached until the data changes (a rerun for every click must not search again) ---


def _weights_key() -> str:
    weights = load_weights()
    return json.dumps([weights.rows(), sorted(weights.crowd_types)], default=str)


@st.cache_data(max_entries=64, show_spinner=False)
def _paths(key: tuple, _driver: neo4j.Driver, _settings: Settings) -> PathSearch:
    _db, source, target, k, avoid, hops, active, _weights = key
    return find_paths(_driver, _settings, source, target, k=k, avoid=avoid, max_hops=hops, active_only=active)


@st.cache_data(max_entries=32, show_spinner=False)
def _brokers(key: tuple, _driver: neo4j.Driver, _settings: Settings) -> BrokerSearch:
    _db, a, b, active, _weights = key
    return find_brokers(
        _driver, _settings, a, b, top=BROKER_TOP, max_hops=defaults.BROKERS_HOPS, active_only=active
    )


# -- the page -------------------------------------------------------------------------------


def ends(ctx: Context) -> tuple[Entity | None, Entity | None]:
    """Who asks and whom to reach: each chosen, with a search to change it."""
    columns = st.columns([5, 1, 5], vertical_alignment="center")
    chosen: dict[str, Entity | None] = {}
    for column, role, search_label in (
        (columns[0], FROM, "paths.search_from"),
        (columns[2], TO, "paths.search_to"),
    ):
        with column:
            entity, problem = resolved(ctx, role)
            chosen[role] = entity
            if problem is not None:
                candidates(ctx, role, problem)
            if entity is not None:
                kind = i18n.kind_name(entity.kind, ctx.lang)
                said = ctx.tr(
                    "paths.chosen",
                    name=markdown_text(entity.display(ctx.lang)),
                    kind=kind,
                    id=markdown_text(entity.id),
                )
                st.markdown(f"{ctx.tr(role)} · {said}")
                st.button(
                    ctx.tr("paths.clear"),
                    key=f"{role}.clear",
                    on_click=clear,
                    args=(role,),
                    icon=":material/close:",
                )
            entity_search(role + ".search", functools.partial(choose, role), label=ctx.tr(search_label))
    columns[1].button("⇄", key="paths.swap", on_click=swap, help=ctx.tr("paths.swap"), width="stretch")
    return chosen[FROM], chosen[TO]


def sidebar(ctx: Context) -> None:
    with st.sidebar:
        st.subheader(ctx.tr("paths.options"))
        st.slider(ctx.tr("paths.k"), 1, defaults.MAX_PAGE_K, key=K)
        st.slider(ctx.tr("paths.max_hops"), 1, defaults.MAX_PATHS_HOPS, key=HOPS)
        st.toggle(ctx.tr("paths.active_only"), key=ACTIVE, help=ctx.tr("paths.active_only.help"))
        names = {}
        with guard(stop=False):
            resolver = Resolver(ctx.driver, ctx.settings)
            for given in st.session_state[AVOID]:
                try:
                    names[given] = resolver.entity(given).display(ctx.lang)
                except (UnknownEntity, AmbiguousEntity):
                    names[given] = given
        st.multiselect(
            ctx.tr("paths.avoid"),
            list(st.session_state[AVOID]),
            key=AVOID,
            format_func=lambda a: names.get(a, a),
            help=ctx.tr("paths.avoid.help"),
        )
        entity_search("paths.avoid.search", avoid_entity, label=ctx.tr("paths.avoid_search"))


def show_paths(ctx: Context, found: PathSearch) -> None:
    """The paths as cards beside one drawing of them all, the best highlighted."""
    cards, drawing = st.columns([1, 1])
    with cards:
        for rank, path in enumerate(found.paths, start=1):
            with st.container(border=True):
                head = ctx.tr("paths.card", rank=rank, score=format_score(path.score), hops=path.hop_count)
                st.markdown(f"**{head}**" + (f" · :green-badge[{ctx.tr('paths.best')}]" if rank == 1 else ""))
                st.markdown(route(path, ctx.lang))
                st.markdown(markdown_text(explain(path, ctx.lang)))
                cited = source_summary(path, found, ctx.lang)
                if cited:
                    st.caption(ctx.tr("paths.sources", sources=markdown_text("; ".join(cited))))
    with drawing:
        best = found.paths[0]
        highlight = Highlight.of(best.ids, (h.key for h in best.hops))
        page = draw(
            found.as_graph(), lang=ctx.lang, highlight=highlight, sources=found.sources, layouts=layouts()
        )
        event = graph(page, key="paths.graph", height=560)
        if event.focus:
            state.open_in_network(event.focus)
        st.caption(ctx.tr("paths.graph") + " " + ctx.tr("graph.open_hint"))


def show_brokers(ctx: Context, found: PathSearch, active: bool, weights_key: str) -> None:
    """The brokers between the two entities' countries."""
    a, b = found.source.country, found.target.country
    if not a or not b:
        st.caption(ctx.tr("paths.brokers.no_country"))
        return
    if a == b:
        st.caption(ctx.tr("paths.brokers.same", country=countries.country_name(a, ctx.lang)))
        return
    st.subheader(
        ctx.tr("paths.brokers", a=countries.country_name(a, ctx.lang), b=countries.country_name(b, ctx.lang))
    )
    st.caption(ctx.tr("paths.brokers.help", hops=defaults.BROKERS_HOPS))
    with guard(stop=False), st.spinner():
        brokers = _brokers((cache_key(ctx), a, b, active, weights_key), ctx.driver, ctx.settings)
        if not brokers.brokers:
            st.info(ctx.tr("paths.brokers.none"))
            return
        rows = [
            {
                ctx.tr("col.entity"): broker.node.display(ctx.lang),
                ctx.tr("col.kind"): i18n.kind_name(broker.node.kind, ctx.lang),
                ctx.tr("col.count"): broker.count,
                ctx.tr("col.share"): f"{broker.share:.0%}",
                ctx.tr("col.example"): route_line(broker.example, ctx.lang) if broker.example else "",
            }
            for broker in brokers.brokers
        ]
        st.dataframe(rows, hide_index=True, width="stretch")
        if brokers.is_sample:
            st.caption(ctx.tr("paths.brokers.sample", a=brokers.sampled[0], b=brokers.sampled[1]))


def main(ctx: Context) -> None:
    arrive()
    st.title(ctx.tr("paths.title"))
    st.caption(ctx.tr("paths.intro"))
    source, target = ends(ctx)
    sidebar(ctx)
    avoid = tuple(st.session_state[AVOID])
    k, hops, active = st.session_state[K], st.session_state[HOPS], st.session_state[ACTIVE]
    state.set_url(
        {
            "from": st.session_state.get(FROM) or "",
            "to": st.session_state.get(TO) or "",
            "k": str(k) if k != defaults.PATHS_K else "",
            "hops": str(hops) if hops != defaults.PATHS_HOPS else "",
            "active": "1" if active else "",
            "avoid": ",".join(avoid),
        }
    )
    if source is None or target is None:
        st.info(ctx.tr("paths.pick_both"), icon=":material/route:")
        return
    if source.id == target.id:
        st.warning(ctx.tr("paths.same"))
        return
    weights_key = _weights_key()
    with guard(), st.spinner():
        key = (cache_key(ctx), source.id, target.id, k, avoid, hops, active, weights_key)
        found = _paths(key, ctx.driver, ctx.settings)
    a, b = found.source.display(ctx.lang), found.target.display(ctx.lang)
    if not found.paths:
        st.info(markdown_text(no_path_sentence(found, ctx.lang)), icon=":material/route:")
    else:
        st.markdown(ctx.tr("paths.found", n=len(found.paths), a=markdown_text(a), b=markdown_text(b)))
    if not found.complete:
        st.warning(ctx.tr("paths.incomplete", n=f"{found.relationships_read:,}"))
    origin = load_weights().origin
    if origin is not None:
        st.caption(ctx.tr("paths.weights", file=markdown_text(origin)))
    if found.paths:
        show_paths(ctx, found)
    show_brokers(ctx, found, active, weights_key)


main(open_page())
