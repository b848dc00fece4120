"""The names an article may mention that the reader already knows: every entity of the graph
(names, French names, aliases) and the places and countries it knows without the graph.

A name is compared by its words without case or accents ("Institut Paoli-Calmettes" is
"institut paoli calmettes"), and also with no spaces or hyphens ("Neuro-Services" is
"neuroservices"); short names and acronyms ("IPC") only as written, so that a common word does
not pass for a name. Names written a little differently are found by similarity.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import neo4j

from explorer import countries, defaults, model
from explorer.config import Settings
from explorer.database.session import data_version, reading
from explorer.ingest.cues import places
from explorer.model import fold

__all__ = [
    "Gazetteer",
    "Known",
    "gazetteer_of",
    "graph_gazetteer",
    "name_key",
]

_WORDS = re.compile(r"\w+")


def name_key(text: str) -> str:
    """A name as the reader compares it: its words, folded ("Aix-en-Provence" -> "aix en provence")."""
    return " ".join(_WORDS.findall(fold(text).replace("_", " ")))


@dataclass(frozen=True, slots=True)
class Known:
    """An entity the reader knows: in the graph, or a place or country it knows by itself."""

    id: str
    kind: str
    name: str
    country: str | None = None
    in_graph: bool = True

    def label(self) -> str:
        return f"{self.name} ({self.kind}, {self.id})"


class Gazetteer:
    """Known names, by key."""

    #: Similarity (0-100) a name written differently needs to be suggested as a known entity.
    FUZZY_CUTOFF = 88

    def __init__(self, entries: Iterable[tuple[Known, Iterable[str]]]) -> None:
        self.by_key: dict[str, list[Known]] = defaultdict(list)
        self.by_compact: dict[str, list[Known]] = defaultdict(list)
        self.exact_case: dict[str, set[str]] = defaultdict(set)
        self.by_first: dict[str, list[Known]] = defaultdict(list)
        self.by_last: dict[str, list[Known]] = defaultdict(list)
        self.known: dict[str, Known] = {}
        self.max_words = 1
        for known, names in entries:
            self.known.setdefault(known.id, known)
            for name in dict.fromkeys(n for n in names if n and str(n).strip()):
                self._add(known, str(name).strip())
        self._choices: list[str] | None = None
        self._choice_known: list[list[Known]] = []

    def _add(self, known: Known, name: str) -> None:
        key = name_key(name)
        if not key:
            return
        words = key.split()
        if known not in self.by_key[key]:
            self.by_key[key].append(known)
        compact = key.replace(" ", "")
        if len(compact) > 5 and known not in self.by_compact[compact]:
            self.by_compact[compact].append(known)
        if len(key) <= 3 or (name.isupper() and len(name) <= 6):
            self.exact_case[key].add(name)
        self.max_words = max(self.max_words, len(words))
        if (
            len(words) >= 2
            and known.kind in model.ORGANIZATION_KINDS
            and known not in self.by_first[words[0]]
        ):
            self.by_first[words[0]].append(known)
        if len(words) >= 2 and known.kind == "Person" and known not in self.by_last[words[-1]]:
            self.by_last[words[-1]].append(known)

    def __len__(self) -> int:
        return len(self.known)

    def lookup(self, text: str, written: str | None = None) -> list[Known]:
        """The entities named exactly ``text`` (case kept for short names and acronyms)."""
        key = name_key(text)
        found = self.by_key.get(key) or self.by_compact.get(key.replace(" ", "")) or []
        if found and key in self.exact_case:
            shown = " ".join((written or text).split())
            if shown not in self.exact_case[key]:
                return []
        return list(found)

    def first_word(self, word: str) -> list[Known]:
        """Organisations whose name starts with the one word given ("Abreos" -> Abreos Biosciences)."""
        return list(self.by_first.get(name_key(word), []))

    def surname(self, word: str) -> list[Known]:
        """People whose name ends with the one word given ("Buisson" -> Bruno Buisson)."""
        return list(self.by_last.get(name_key(word), []))

    def similar(self, text: str, limit: int = 3) -> list[tuple[Known, float]]:
        """Entities of the graph whose names are close to ``text`` (a misspelling, a variant), best first."""
        from rapidfuzz import fuzz, process

        key = name_key(text)
        if len(key) < 4:
            return []
        if self._choices is None:
            self._build_choices()
        assert self._choices is not None
        found: dict[str, tuple[Known, float]] = {}
        for _choice, score, index in process.extract(
            key, self._choices, scorer=fuzz.ratio, limit=limit * 2, score_cutoff=self.FUZZY_CUTOFF
        ):
            for known in self._choice_known[index]:
                if known.in_graph and (known.id not in found or found[known.id][1] < score):
                    found[known.id] = (known, float(score))
        return sorted(found.values(), key=lambda pair: -pair[1])[:limit]

    def _build_choices(self) -> None:
        choices: list[str] = []
        owners: list[list[Known]] = []
        for key, knowns in self.by_key.items():
            if len(key) >= 4:
                choices.append(key)
                owners.append(knowns)
        self._choices, self._choice_known = choices, owners


# -- what the reader knows without the graph ----------------------------------------------------


def static_entries() -> list[tuple[Known, list[str]]]:
    """Countries of the explorer's table and the cities of ``places.toml``, with the ids the
    loaders give them (a country's ISO code in lower case, a city's name as a slug)."""
    entries: list[tuple[Known, list[str]]] = []
    for country in countries.COUNTRIES.values():
        names = [country.en, country.fr, *country.aliases]
        if country.code in ("US", "GB"):
            names.append(country.code)
        entries.append((Known(country.id, "Country", country.name("en"), country.code, False), names))
    known_places = places()
    cities: dict[str, tuple[Known, list[str]]] = {}
    for folded, code in known_places.cities.items():
        name = known_places.names[folded]
        slug = model.slugify(name)
        if slug not in cities:
            cities[slug] = (Known(slug, "City", name, code, False), [name])
        else:
            cities[slug][1].append(name)
    return [*entries, *cities.values()]


_ALL = (
    "MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.name_fr AS name_fr, "
    "n.aliases AS aliases, n.country AS country, n.code AS code LIMIT $cap"
)


def _aliases(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    if isinstance(value, str) and value.strip():
        return [part.strip() for part in re.split(r"[;|]", value) if part.strip()]
    return []


def read_graph(driver: neo4j.Driver, settings: Settings) -> list[tuple[Known, list[str]]]:
    """Every entity of the graph with the names it answers to."""
    with reading(driver, settings) as read:
        rows = read.rows(_ALL, cap=defaults.INGEST_MAX_NAMES)
    entries: list[tuple[Known, list[str]]] = []
    for row in rows:
        kind = model.kind_of(row["labels"]) or ""
        if kind not in model.ENTITY_KINDS:
            continue
        country = row["country"] or (row["code"] if kind == "Country" else None)
        known = Known(str(row["id"]), kind, str(row["name"] or row["id"]), country, True)
        entries.append(
            (known, [known.name, *([row["name_fr"]] if row["name_fr"] else []), *_aliases(row["aliases"])])
        )
    return entries


def gazetteer_of(graph: Iterable[tuple[Known, Iterable[str]]]) -> Gazetteer:
    """The graph's entities, then the places and countries the graph does not hold."""
    entries: list[tuple[Known, list[str]]] = [(known, list(names)) for known, names in graph]
    static = {known.id: (known, names) for known, names in static_entries()}
    for known, names in entries:  # the graph's own France answers to every name of France
        if known.id in static and static[known.id][0].kind == known.kind:
            names += static.pop(known.id)[1]
    ids = {known.id for known, _ in entries}
    return Gazetteer([*entries, *(entry for key, entry in static.items() if key not in ids)])


_CACHE: dict[tuple[str, ...], Gazetteer] = {}
_CACHE_LOCK = threading.Lock()


def graph_gazetteer(driver: neo4j.Driver, settings: Settings, key: tuple[str, ...] = ()) -> Gazetteer:
    """The gazetteer of the graph as it is now: read once per data version (every write moves it)."""
    version = data_version(driver, settings)
    cache_key = (*key, str(settings.uri), str(settings.database), version)
    with _CACHE_LOCK:
        found = _CACHE.get(cache_key)
    if found is not None:
        return found
    built = gazetteer_of(read_graph(driver, settings))
    with _CACHE_LOCK:
        if len(_CACHE) >= 4:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[cache_key] = built
    return built
