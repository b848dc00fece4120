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
from explorer.introductions.explain import (
    no_path_sentence,
)
from explorer.introductions.reasons import helpers_sentence
from explorer.introductions.side import team_entities
from explorer.introductions.weights import load_weights
from explorer.model import Entity, FactDate, Moment
from explorer.model.asks import TEAM_WORDS, is_team
from explorer.resolve import Resolver
from explorer.views.paths import PathQuestion

FROM, TO, AVOID = "paths.from", "paths.to", "paths.avoid"
K, HOPS, ACTIVE, BY_SCORE = "paths.k", "paths.hops", "paths.active", "paths.by_score"
#: The question the path highlighted on the drawing belongs to (``PATH``: that path, 1 the first card).
ASKED = "paths.asked"
AS_OF, UNDATED = "paths.as_of", "paths.undated"


# -- what the page remembers: from, to, avoid, the options and the path shown, seeded from the URL


def arrive() -> list[str]:
    """On arriving at the page, the widgets take the URL's values (or the last ones of this
    session); the values of the URL that cannot be used are returned, to be named in a notice."""
    if K in st.session_state:
        return []
    question, ignored = PathQuestion.from_query(state.url_params())
    state.seed_widgets(
        {
            FROM: question.source,
            TO: question.target,
            AVOID: list(question.avoid),
            K: question.k,
            HOPS: question.hops,
            ACTIVE: question.active,
            BY_SCORE: question.ranking == "score",
            PATH: question.path,
        }
    )
    at = question.moment
    state.seed_widgets({AS_OF: at.as_of.iso() if at.as_of else "", UNDATED: at.undated})
    return ignored


def moment() -> Moment:
    """The date typed in the sidebar (none when empty or not a date: the sidebar says so)."""
    try:
        as_of = FactDate.optional(st.session_state.get(AS_OF))
    except ValueError:
        as_of = None
    return Moment(as_of, undated=bool(st.session_state.get(UNDATED, True)))


def question() -> PathQuestion:
    """The question the widgets ask now (the ends and the entities to avoid as given)."""
    return PathQuestion(
        source=st.session_state.get(FROM) or None,
        target=st.session_state.get(TO) or None,
        avoid=tuple(st.session_state[AVOID]),
        k=st.session_state[K],
        hops=st.session_state[HOPS],
        active=st.session_state[ACTIVE],
        ranking="score" if st.session_state[BY_SCORE] else "distinct",
        path=int(st.session_state.get(PATH) or 1),
        moment=moment(),
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
def _paths(key: tuple, _question: PathQuestion, _driver: neo4j.Driver, _settings: Settings) -> PathSearch:
    return _question.search(_driver, _settings)


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
        st.text_input(ctx.tr("time.as_of"), key=AS_OF, placeholder="2015-03", help=ctx.tr("time.as_of.help"))
        if st.session_state.get(AS_OF) and moment().as_of is None:
            st.warning(ctx.tr("time.as_of.bad", text=st.session_state[AS_OF]))
        st.toggle(ctx.tr("time.undated"), key=UNDATED, help=ctx.tr("time.undated.help"))


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
        titles = {i: s.title(ctx.lang) for i, s in found.sources.items()}
        page = draw(found.as_graph(), lang=ctx.lang, highlight=highlight, sources=titles, layouts=layouts())
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
    asked = dataclasses.replace(question(), path=1)
    if source is None or target is None:
        state.set_url(asked.to_query())
        st.info(ctx.tr("paths.pick_both"), icon=":material/route:")
        return
    if source.id == target.id:
        state.set_url(asked.to_query())
        st.warning(ctx.tr("paths.same"))
        return
    weights_key = _weights_key()
    # The question searched: the ends and the entities to avoid as the ids they resolved to.
    # The team asks as the team ("us"), not as the first of its entities.
    asker = TEAM_WORDS[0] if is_team(st.session_state.get(FROM)) else source.id
    searched = dataclasses.replace(asked, source=asker, target=target.id, avoid=tuple(e.id for e in avoid))
    with guard(), st.spinner():
        found = _paths((cache_key(ctx), searched.key(), weights_key), searched, ctx.driver, ctx.settings)
    shown = shown_path(ctx, found, searched.asked()) if found.paths else 1
    state.set_url(dataclasses.replace(asked, path=shown).to_query())
    a, b = found.source.display(ctx.lang), found.target.display(ctx.lang)
    if not found.paths:
        st.info(markdown_text(no_path_sentence(found, ctx.lang)), icon=":material/route:")
    else:
        st.markdown(
            ctx.tr(
                "paths.found",
                paths=i18n.count_of(len(found.paths), "path", ctx.lang),
                a=markdown_text(a),
                b=markdown_text(b),
            )
        )
        st.markdown(markdown_text(helpers_sentence(found, ctx.lang)))
    if found.as_of is not None:
        said = found.as_of.as_of_words(ctx.lang)
        undated = sum(1 for p in found.paths for h in p.hops if h.tie.undated)
        message = "time.showing" if st.session_state.get(UNDATED, True) else "time.showing.hidden"
        st.caption(ctx.tr(message, when=said[:1].upper() + said[1:], undated=undated))
    if not found.complete:
        st.warning(ctx.tr("paths.incomplete", n=found.relationships_read))
    origin = load_weights().origin
    if origin is not None:
        st.caption(ctx.tr("paths.weights", file=markdown_text(origin)))
    if found.paths:
        show_paths(ctx, found, shown)
    show_brokers(ctx, found, searched.active, weights_key)


main(open_page())
