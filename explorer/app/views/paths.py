"""Introduction paths: who asks and whom to reach, the ranked paths as cards, any one of them
highlighted on one drawing of them all, and the brokers between the two sides."""

from __future__ import annotations

import dataclasses
import functools
import json

import neo4j
import streamlit as st

from explorer import defaults, i18n
from explorer.app import state
from explorer.app.brokers import show_brokers
from explorer.app.changes import show_flash
from explorer.app.connection import cache_key, guard, open_page
from explorer.app.frame import graph, layouts
from explorer.app.path_cards import PATH, card
from explorer.app.state import Context
from explorer.app.widgets import entity_candidates, entity_search
from explorer.config import Settings
from explorer.drawing.document import Highlight
from explorer.drawing.render import draw
from explorer.errors import AmbiguousEntity, UnknownEntity
from explorer.escaping import markdown_text
from explorer.introductions.answers import PathSearch
from explorer.introductions.explain import no_path_sentence
from explorer.introductions.paths import find_paths
from explorer.introductions.reasons import helpers_sentence
from explorer.introductions.side import team_entities
from explorer.introductions.weights import load_weights
from explorer.model import Entity
from explorer.model.asks import TEAM_WORDS, is_team
from explorer.resolve import Resolver
from explorer.views.sources import source_titles

FROM, TO, AVOID = "paths.from", "paths.to", "paths.avoid"
K, HOPS, ACTIVE, BY_SCORE = "paths.k", "paths.hops", "paths.active", "paths.by_score"
#: The question the path highlighted on the drawing belongs to (``PATH``: that path, 1 the first card).
ASKED = "paths.asked"
_FLAGS = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}
_RANKINGS = {"score": True, "distinct": False}
_KNOWN = {"from", "to", "k", "hops", "active", "avoid", "path", "ranking"}


# -- what the page remembers: from, to, avoid, the options and the path shown, seeded from the URL


def arrive() -> list[str]:
    """On arriving at the page, the widgets take the URL's values (or the last ones of this
    session); the values of the URL that cannot be used are returned, to be named in a notice."""
    if K in st.session_state:
        return []
    query = state.url_params()
    ignored = [f"{key}={value}" for key, value in query.items() if key not in _KNOWN]

    def number(key: str, default: int, low: int, high: int) -> int:
        raw = query.get(key, "").strip()
        if not raw:
            return default
        try:
            value = int(raw)
        except ValueError:
            ignored.append(f"{key}={raw}")
            return default
        if not low <= value <= high:
            ignored.append(f"{key}={raw}")
        return min(high, max(low, value))

    def choice(key: str, words: dict[str, bool]) -> bool:
        raw = query.get(key, "").strip().lower()
        if raw and raw not in words:
            ignored.append(f"{key}={query[key]}")
        return words.get(raw, False)

    state.seed_widgets(
        {
            FROM: query.get("from") or None,
            TO: query.get("to") or None,
            AVOID: list(dict.fromkeys(a.strip() for a in query.get("avoid", "").split(",") if a.strip())),
            K: number("k", defaults.PATHS_K, 1, defaults.MAX_PAGE_K),
            HOPS: number("hops", defaults.PATHS_HOPS, 1, defaults.MAX_PATHS_HOPS),
            ACTIVE: choice("active", _FLAGS),
            BY_SCORE: choice("ranking", _RANKINGS),
            PATH: number("path", 1, 1, defaults.MAX_PAGE_K),
        }
    )
    return ignored


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


def replace_avoided(given: str, entity: Entity) -> None:
    """A candidate picked for a name to avoid that was unknown or ambiguous: it takes its place."""
    avoided = [entity.id if a == given else a for a in st.session_state[AVOID]]
    st.session_state[AVOID] = list(dict.fromkeys(avoided))


def resolved(ctx: Context, role: str) -> tuple[Entity | None, UnknownEntity | AmbiguousEntity | None]:
    """The entity chosen for ``role``, given as an id or a name (a link may name it), or why
    none could be: no entity matches, or several do."""
    given = st.session_state.get(role)
    if not given:
        return None, None
    with guard():  # other problems (the database out of reach) end the page with a banner
        try:
            if role == FROM and is_team(given):
                return team(ctx)[0], None
            entity = Resolver(ctx.driver, ctx.settings).entity(str(given))
        except (UnknownEntity, AmbiguousEntity) as error:
            return None, error
    st.session_state[role] = entity.id
    return entity, None


def team(ctx: Context) -> tuple[Entity, ...]:
    """The team that "us" stands for (``UsageError`` when none is set: the page says so)."""
    return team_entities(Resolver(ctx.driver, ctx.settings).entity, ctx.settings.team)


def choose_team() -> None:
    st.session_state[FROM] = TEAM_WORDS[0]


def avoided(ctx: Context) -> list[Entity]:
    """The entities to avoid, each given as an id or a name; one that matches no entity, or
    several, is left out of the search and said so, with the closest as buttons."""
    found: list[Entity] = []
    kept: list[str] = []
    with guard():
        resolver = Resolver(ctx.driver, ctx.settings)
        for given in list(st.session_state[AVOID]):
            try:
                entity = resolver.entity(given)
            except (UnknownEntity, AmbiguousEntity) as error:
                pick = functools.partial(replace_avoided, given)
                entity_candidates(f"paths.avoid.{given}", given, error, pick, what=ctx.tr("paths.avoid"))
                kept.append(given)
            else:
                found.append(entity)
                kept.append(entity.id)
    st.session_state[AVOID] = list(dict.fromkeys(kept))
    return found


# -- reading, cached until the data changes (a rerun for every click must not search again) ---


def _weights_key() -> str:
    weights = load_weights()
    return json.dumps([weights.rows(), sorted(weights.crowd_types)], default=str)


@st.cache_data(max_entries=64, show_spinner=False)
def _paths(key: tuple, _driver: neo4j.Driver, _settings: Settings) -> PathSearch:
    _db, source, target, k, avoid, hops, active, by_score, _weights = key
    return find_paths(
        _driver,
        _settings,
        source,
        target,
        k=k,
        avoid=avoid,
        max_hops=hops,
        active_only=active,
        ranking="score" if by_score else "distinct",
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
                given = str(st.session_state.get(role))
                entity_candidates(role, given, problem, functools.partial(choose, role), what=ctx.tr(role))
            if entity is not None:
                kind = i18n.kind_name(entity.kind, ctx.lang)
                said = ctx.tr(
                    "paths.chosen",
                    name=markdown_text(entity.display(ctx.lang)),
                    kind=kind,
                    id=markdown_text(entity.id),
                )
                if role == FROM and is_team(st.session_state.get(FROM)):
                    names = ", ".join(e.display(ctx.lang) for e in team(ctx))
                    said = ctx.tr("paths.team_chosen", names=markdown_text(names))
                st.markdown(f"{ctx.tr(role)} · {said}")
                st.button(
                    ctx.tr("paths.clear"),
                    key=f"{role}.clear",
                    on_click=clear,
                    args=(role,),
                    icon=":material/close:",
                )
            entity_search(role + ".search", functools.partial(choose, role), label=ctx.tr(search_label))
            if role == FROM and ctx.settings.team and not is_team(st.session_state.get(FROM)):
                st.button(
                    ctx.tr("paths.team", name=markdown_text(", ".join(ctx.settings.team))),
                    key="paths.team",
                    on_click=choose_team,
                    help=ctx.tr("paths.team.help"),
                    icon=":material/groups:",
                )
    columns[1].button("⇄", key="paths.swap", on_click=swap, help=ctx.tr("paths.swap"), width="stretch")
    return chosen[FROM], chosen[TO]


def sidebar(ctx: Context, avoid: list[Entity]) -> None:
    with st.sidebar:
        st.subheader(ctx.tr("paths.options"))
        st.slider(ctx.tr("paths.k"), 1, defaults.MAX_PAGE_K, key=K)
        st.slider(ctx.tr("paths.max_hops"), 1, defaults.MAX_PATHS_HOPS, key=HOPS)
        st.toggle(ctx.tr("paths.active_only"), key=ACTIVE, help=ctx.tr("paths.active_only.help"))
        st.toggle(ctx.tr("paths.by_score"), key=BY_SCORE, help=ctx.tr("paths.by_score.help"))
        names = {e.id: e.display(ctx.lang) for e in avoid}
        st.multiselect(
            ctx.tr("paths.avoid"),
            list(st.session_state[AVOID]),
            key=AVOID,
            select_all=False,  # Streamlit's own "Select all" has no French
            placeholder=ctx.tr("paths.avoid.none"),
            format_func=lambda a: names.get(a, a),
            help=ctx.tr("paths.avoid.help"),
        )
        entity_search("paths.avoid.search", avoid_entity, label=ctx.tr("paths.avoid_search"))


def shown_path(ctx: Context, found: PathSearch, asked: tuple) -> int:
    """The path highlighted: the one picked for this question (the first after a new question),
    the first when the link names one that is not there."""
    if st.session_state.get(ASKED) not in (None, asked):
        st.session_state[PATH] = 1
    st.session_state[ASKED] = asked
    chosen = int(st.session_state.get(PATH) or 1)
    if chosen > len(found.paths):
        st.warning(ctx.tr("paths.no_such_path", n=chosen, count=len(found.paths)))
        st.session_state[PATH] = chosen = 1
    return chosen


def show_paths(ctx: Context, found: PathSearch, shown: int) -> None:
    """The paths as cards beside one drawing of them all, the one picked highlighted."""
    cards, drawing = st.columns([1, 1])
    with cards:
        for index in range(len(found.paths)):
            card(ctx, found, index, shown)
    with drawing:
        path = found.paths[shown - 1]
        highlight = Highlight.of(path.ids, (h.key for h in path.hops))
        page = draw(
            found.as_graph(), lang=ctx.lang, highlight=highlight, sources=found.sources, layouts=layouts()
        )
        event = graph(page, key="paths.graph", height=560)
        if event.focus:
            state.open_in_network(event.focus)
        st.caption(ctx.tr("paths.graph", n=shown) + " " + ctx.tr("graph.open_hint"))


def main(ctx: Context) -> None:
    ignored = arrive()
    st.title(ctx.tr("paths.title"))
    st.caption(ctx.tr("paths.intro"))
    show_flash("paths")
    if ignored:
        st.warning(ctx.tr("paths.url_ignored", what=markdown_text(", ".join(ignored))))
    source, target = ends(ctx)
    avoid = avoided(ctx)
    sidebar(ctx, avoid)
    k, hops, active = st.session_state[K], st.session_state[HOPS], st.session_state[ACTIVE]
    by_score = st.session_state[BY_SCORE]
    avoid_ids = tuple(e.id for e in avoid)
    url = {
        "from": st.session_state.get(FROM) or "",
        "to": st.session_state.get(TO) or "",
        "k": str(k) if k != defaults.PATHS_K else "",
        "hops": str(hops) if hops != defaults.PATHS_HOPS else "",
        "active": "1" if active else "",
        "ranking": "score" if by_score else "",
        "avoid": ",".join(st.session_state[AVOID]),
    }
    if source is None or target is None:
        state.set_url(url)
        st.info(ctx.tr("paths.pick_both"), icon=":material/route:")
        return
    if source.id == target.id:
        state.set_url(url)
        st.warning(ctx.tr("paths.same"))
        return
    weights_key = _weights_key()
    with guard(), st.spinner():
        asker = TEAM_WORDS[0] if is_team(st.session_state.get(FROM)) else source.id
        key = (cache_key(ctx), asker, target.id, k, avoid_ids, hops, active, by_score, weights_key)
        found = _paths(key, ctx.driver, ctx.settings)
    if ctx.lang != "en" and found.sources:
        with guard(stop=False):
            titles = source_titles(ctx.driver, ctx.settings, found.sources, ctx.lang)
            found = dataclasses.replace(found, sources={**found.sources, **titles})
    asked = (asker, target.id, avoid_ids, hops, active, by_score)
    shown = shown_path(ctx, found, asked) if found.paths else 1
    state.set_url({**url, "path": str(shown) if shown != 1 else ""})
    a, b = found.source.display(ctx.lang), found.target.display(ctx.lang)
    if not found.paths:
        st.info(markdown_text(no_path_sentence(found, ctx.lang)), icon=":material/route:")
    else:
        st.markdown(ctx.tr("paths.found", n=len(found.paths), a=markdown_text(a), b=markdown_text(b)))
        st.markdown(markdown_text(helpers_sentence(found, ctx.lang)))
    if not found.complete:
        st.warning(ctx.tr("paths.incomplete", n=found.relationships_read))
    origin = load_weights().origin
    if origin is not None:
        st.caption(ctx.tr("paths.weights", file=markdown_text(origin)))
    if found.paths:
        show_paths(ctx, found, shown)
    show_brokers(ctx, found, active, weights_key)


main(open_page())
