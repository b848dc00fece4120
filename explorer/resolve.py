"""What users type, turned into what the graph means, for every face alike: entities by id or name,
countries, kinds, statuses, evidence and relationship types in English or French. Anything
unknown or ambiguous is an error that names the closest candidates; never a silent empty answer."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING

from explorer import countries, model
from explorer.config import Settings
from explorer.errors import AmbiguousEntity, UnknownEntity, UnknownValue
from explorer.model import Entity, closest, fold

if TYPE_CHECKING:  # the driver is imported when a name is resolved, not before
    import neo4j

__all__ = [
    "ANY",
    "Resolver",
    "country",
    "evidence",
    "is_any",
    "kind",
    "rel_type",
    "status",
]

#: The value that means "no filter" in saved queries and forms (English or French).
ANY = "any"
_ANY_WORDS = frozenset({"any", "all", "*", "tous", "toutes", "tout", "n'importe"})


def is_any(value: object) -> bool:
    """Whether ``value`` says "any" ("any", "tous", "*"...)."""
    return isinstance(value, str) and fold(value) in _ANY_WORDS


def _closest(given: str, words: Iterable[str], n: int = 3) -> list[str]:
    return closest(given, dict.fromkeys(words), n)


def _word(
    what: str, parse: Callable[[str], str | None], words: Callable[[], list[str]], known: Iterable[str]
):
    def resolve(given: str) -> str:
        found = parse(str(given))
        if found is None:
            close = list(dict.fromkeys(parse(w) or w for w in _closest(str(given), words())))
            raise UnknownValue(what, str(given), close, expected=", ".join(known))
        return found

    resolve.__doc__ = f"The {what} meant by an English or French word; ``UnknownValue`` otherwise."
    return resolve


kind = _word("kind", model.parse_kind, model.kind_words, model.ENTITY_KINDS)
status = _word("status", model.parse_status, model.status_words, model.STATUSES)
evidence = _word("evidence", model.parse_evidence, model.evidence_words, model.EVIDENCE)
rel_type = _word("relationship type", model.parse_rel_type, model.type_words, model.REL_TYPES)


def country(given: str) -> str:
    """The ISO code meant by a code or a name in English or French; ``UnknownValue`` otherwise."""
    code = countries.country_code(str(given))
    if code is None:
        raise UnknownValue(
            "country",
            str(given),
            countries.close_countries(str(given)),
            expected="an ISO code such as FR, or a country's name in English or French",
        )
    return code


# -- entities --------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"\W+", fold(text)) if w]


def _starts(given: list[str], name: list[str]) -> bool:
    """Whether each word given is a word of ``name`` or the start of one."""
    return all(any(w.startswith(g) for w in name) for g in given)


def _names(entity: Entity) -> list[str]:
    """Every name an entity answers to: its name, French name and aliases (folded)."""
    aliases = entity.properties.get("aliases")
    alias_list = aliases if isinstance(aliases, list) else [aliases] if aliases else []
    return [fold(str(n)) for n in (entity.name, entity.name_fr, *alias_list) if n]


class Resolver:
    """Entities by id or name (case and accents ignored), for one database."""

    #: Matches read from the full-text index before deciding.
    HITS = 25
    #: Candidates listed when a name is ambiguous or unknown.
    SHOWN = 8

    def __init__(self, driver: neo4j.Driver, settings: Settings) -> None:
        self.driver = driver
        self.settings = settings

    def entity(self, given: str, kinds: Collection[str] = ()) -> Entity:
        """The one entity meant by ``given`` (of one of ``kinds``, when given).

        An exact id wins; then an exact name, French name or alias; then the one entity whose
        name holds every word given, when no other name starts with them ("royere" is Emilie
        Royère; "bio" is Biocom, Bio Japan or Abreos Biosciences). Several: ``AmbiguousEntity``
        listing them; none: ``UnknownEntity`` with the closest names (misspellings included).
        """
        from explorer.search import find_entities, get_entity, merged_into

        text = " ".join(str(given).split())
        if not text:
            raise UnknownEntity(str(given))
        by_id = get_entity(self.driver, self.settings, text) or merged_into(self.driver, self.settings, text)
        if by_id is not None and (not kinds or by_id.kind in kinds):
            return by_id
        hits = [
            e
            for e in find_entities(self.driver, self.settings, text, self.HITS)
            if not kinds or e.kind in kinds
        ]
        target = fold(text)
        exact = [e for e in hits if target in _names(e)]
        if len(exact) == 1:
            return exact[0]
        if exact:
            raise AmbiguousEntity(text, exact[: self.SHOWN])
        words = _words(text)
        whole = [e for e in hits if any(set(words) <= set(_words(n)) for n in _names(e))]
        loose = [e for e in hits if any(_starts(words, _words(n)) for n in _names(e))]
        if len(whole) == 1 and len(loose) <= 1:
            return whole[0]
        if len(loose) > 1:
            raise AmbiguousEntity(text, loose[: self.SHOWN])
        raise UnknownEntity(text, self.suggestions(text, kinds, also=by_id))

    def suggestions(self, text: str, kinds: Collection[str] = (), also: Entity | None = None) -> list[Entity]:
        """The entities whose names are closest to ``text``, a misspelling included."""
        from explorer.search import find_entities

        found = find_entities(self.driver, self.settings, text, self.HITS, fuzzy=2, every_word=False)
        found = [e for e in found if not kinds or e.kind in kinds]
        if also is not None and also not in found:
            found.append(also)
        by_name = sorted(found, key=lambda e: e.name)
        return closest(text, by_name, self.SHOWN, 0.0, names=lambda e: _names(e) or [e.id])

    def entities(self, given: Iterable[str], kinds: Collection[str] = ()) -> list[Entity]:
        """Each of ``given`` resolved (see :meth:`entity`), in order, each once."""
        found: dict[str, Entity] = {}
        for item in given:
            entity = self.entity(item, kinds)
            found.setdefault(entity.id, entity)
        return list(found.values())
