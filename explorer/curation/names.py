"""The names a description needs, read once: entities (in the graph or retired) and sources' titles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import neo4j

from explorer import model
from explorer.config import Settings
from explorer.curation.batches import Proposal
from explorer.curation.describe import Names, describe_request, mentioned, recorded_names
from explorer.curation.phrases import REFERENCES
from explorer.curation.requests import Confirm, EditEntity, EditTie, Retire
from explorer.database.results import source_of
from explorer.database.session import reading
from explorer.i18n import t
from explorer.model import Entity, Lang
from explorer.model.changes import Change, FactState
from explorer.model.facts import entity_key, parse_fact_key, tie_key

__all__ = ["current_states", "item_texts", "names_for", "names_of"]

_ENTITIES = (
    "UNWIND $ids AS id OPTIONAL MATCH (e:Entity {id: id}) OPTIONAL MATCH (r:Retired {id: id}) "
    "WITH id, coalesce(e, r) AS n WHERE n IS NOT NULL RETURN id, labels(n) AS labels, properties(n) AS props"
)
_SOURCES = "UNWIND $ids AS id MATCH (s:Source {id: id}) RETURN s"
#: Names read at most per description table (a history page, a review queue).
MAX_NAMES = 20_000


def names_of(
    driver: neo4j.Driver,
    settings: Settings,
    ids: Iterable[str],
    sources: Iterable[str] = (),
    lang: Lang = "en",
) -> Names:
    """The entities ``ids`` (live or retired: a retired one keeps its kind in its properties) and
    the titles of ``sources`` in ``lang``."""
    wanted = sorted(set(ids))[:MAX_NAMES]
    cited = sorted(set(sources))[:MAX_NAMES]
    entities: dict[str, Entity] = {}
    titles: dict[str, str] = {}
    with reading(driver, settings) as read:
        for r in read.rows(_ENTITIES, ids=wanted) if wanted else []:
            props = dict(r["props"])
            labels = list(r["labels"])
            if props.get("kind") and props["kind"] not in labels:
                labels.append(str(props["kind"]))
            entities[str(r["id"])] = Entity.of(str(r["id"]), labels, props)
        for r in read.rows(_SOURCES, ids=cited) if cited else []:
            source = source_of(r["s"])
            titles[source.id] = source.title(lang)
    return Names(entities, titles)


def names_for(
    driver: neo4j.Driver, settings: Settings, changes: Iterable[Change], lang: Lang = "en"
) -> Names:
    """The names every change of ``changes`` mentions (from the graph, else from the records)."""
    changes = list(changes)
    ids, sources = mentioned(changes)
    found = names_of(driver, settings, ids, sources, lang)
    recorded = recorded_names(changes)
    return Names({**recorded, **found.entities}, found.sources)


_FACTS = (
    "UNWIND $keys AS key "
    "OPTIONAL MATCH (e:Entity {id: key[1]}) WHERE key[0] = 'entity' "
    "OPTIONAL MATCH (:Entity {id: key[1]})-[r]->(:Entity {id: key[3]}) "
    "WHERE key[0] = 'tie' AND type(r) = key[2] "
    "RETURN key, labels(e) AS labels, properties(e) AS entity, properties(r) AS tie"
)


def current_states(driver: neo4j.Driver, settings: Settings, keys: Iterable[str]) -> dict[str, FactState]:
    """The live facts among ``keys`` as the graph holds them now (for "before → after")."""
    wanted = []
    for key in sorted(set(keys)):
        try:
            what, a, rtype, b = parse_fact_key(key)
        except ValueError:
            continue
        if what == "tie":
            a, b = model.in_order(str(rtype), a, str(b))
        wanted.append([what, a, rtype or "", b or ""])
    found: dict[str, FactState] = {}
    with reading(driver, settings) as read:
        for r in read.rows(_FACTS, keys=wanted) if wanted else []:
            what, a, rtype, b = r["key"]
            if what == "entity" and r["entity"] is not None:
                found[entity_key(a)] = FactState.entity(
                    a, "live", model.kind_of(r["labels"]) or "", r["entity"]
                )
            elif what == "tie" and r["tie"] is not None:
                found[tie_key(a, rtype, b)] = FactState.tie(a, rtype, b, "live", r["tie"])
    return found


def item_texts(
    driver: neo4j.Driver, settings: Settings, proposals: Sequence[Proposal], lang: Lang = "en"
) -> dict[str, str]:
    """Each item of ``proposals`` in words (by its key ``12#3``), edits as before → after against
    the graph as it is now: the one text the review page and ``explorer review`` show."""
    requests = [(i, i.request) for p in proposals for i in p.items]
    keys = [r.key for _, r in requests if isinstance(r, EditEntity | EditTie | Confirm | Retire)]
    current = current_states(driver, settings, keys)
    ids = {e for _, r in requests if r is not None for e in r.entities}
    ids |= {str(i.proposed.match) for i, _ in requests if i.proposed is not None and i.proposed.match}
    for _, request in requests:  # entities named by properties (on_behalf_of), given or as they stand
        values = [getattr(request, "properties", {}), getattr(request, "changes", {})]
        key = getattr(request, "key", None)
        values += [current[key].props] if key in current else []
        ids |= {str(v[k]) for v in values for k in REFERENCES if v.get(k)}
    names = names_of(driver, settings, ids, [p.source for p in proposals if p.source], lang)
    texts = {}
    for item, request in requests:
        if request is None:
            texts[item.key] = t("review.unreadable", lang, problem=item.problem or "?")
            continue
        now = current.get(request.key) if isinstance(request, EditEntity | EditTie) else None
        texts[item.key] = describe_request(request, lang, names, now)
    return texts
