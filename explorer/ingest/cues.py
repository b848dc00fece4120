"""The cue files: for each language, the words that tell the reader what a name is and which
relationship a sentence states (``explorer/ingest/cues/fr.toml``, ``en.toml``), and the places
it knows (``places.toml``). Data, not code: a new wording is a line in a file.

A cue is a phrase compared word by word without case or accents; ``word*`` matches any word
starting with ``word``, ``_`` any one word, ``=word`` a word or its dictionary form.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explorer import model
from explorer.errors import UsageError
from explorer.model import Lang, fold

__all__ = [
    "CUES_DIR",
    "Cue",
    "Cues",
    "Places",
    "Relation",
    "Word",
    "cues",
    "fold_word",
    "parse_cues",
    "places",
]

CUES_DIR = Path(__file__).resolve().parent / "cues"
#: Kinds a name found in an article may be given (an alliance or initiative only when named so).
NAME_KINDS = ("Cluster", "Company", "Institute", "Person", "City", "Country", "Alliance", "Initiative")
_ELISION = re.compile(r"\b(d|l|s|qu|n|c|j|m|t|jusqu|lorsqu|puisqu|quoiqu)'", re.IGNORECASE)
_EXPANDED = {"d": "de", "l": "le", "s": "se", "qu": "que", "n": "ne", "c": "ce", "j": "je", "m": "me"}
_EXPANDED |= {"t": "te", "jusqu": "jusque", "lorsqu": "lorsque", "puisqu": "puisque", "quoiqu": "quoique"}


def fold_word(text: str) -> str:
    """A word as cues compare it: no case, no accents, elided French words whole ("d'" -> "de")."""
    word = fold(text)
    if word.endswith("'") and word[:-1] in _EXPANDED:
        return _EXPANDED[word[:-1]]
    return word


def expand_elisions(text: str) -> str:
    """ "d'Eurobiomed" -> "de Eurobiomed": so that a cue's words meet the tokens of a sentence."""
    return _ELISION.sub(lambda m: _EXPANDED[m.group(1).lower()] + " ", text)


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a cue: its folded text, and whether it is a prefix or any word."""

    text: str
    prefix: bool = False
    anything: bool = False

    def matches(self, surface: str, lemma: str) -> bool:
        if self.anything:
            return True
        if self.prefix:
            return surface.startswith(self.text) or lemma.startswith(self.text)
        return surface == self.text or lemma == self.text


@dataclass(frozen=True, slots=True)
class Cue:
    """A phrase that states a relationship, and what it says."""

    words: tuple[Word, ...]
    text: str
    relation: Relation

    def match(self, surfaces: Sequence[str], lemmas: Sequence[str], at: int) -> bool:
        if at + len(self.words) > len(surfaces):
            return False
        return all(w.matches(surfaces[at + i], lemmas[at + i]) for i, w in enumerate(self.words))


@dataclass(frozen=True, slots=True)
class Relation:
    """A block of cues for one relationship (or a few, the first whose ends fit)."""

    types: tuple[str, ...]
    cues: tuple[str, ...]
    reverse: bool = False
    many: bool = False
    shape: str = "chain"
    status: str | None = None
    role: str | None = None
    weight: float = 0.7


@dataclass(frozen=True, eq=False)
class Cues:
    """Everything a language's cue file says, checked."""

    lang: Lang
    stopwords: frozenset[str]
    boilerplate: tuple[str, ...]
    abbreviations: frozenset[str]
    determiners: frozenset[str]
    drop: frozenset[str]
    titles: frozenset[str]
    possessives: frozenset[str]
    coordination: tuple[str, ...]
    place_words: tuple[str, ...]
    demonyms: Mapping[str, str]
    kind_nouns: Mapping[str, str]
    kind_prefixes: Mapping[str, str]
    kind_suffixes: Mapping[str, str]
    planned: tuple[str, ...]
    proposed: tuple[str, ...]
    future_planned: bool
    conditional_proposed: bool
    since_words: tuple[str, ...]
    relations: tuple[Relation, ...]
    first_names: frozenset[str] = field(default_factory=frozenset)
    #: Capitalised phrases that are never names (governance bodies, page furniture), folded.
    not_names: frozenset[str] = field(default_factory=frozenset)
    #: Words that make a role a post rather than the head ("adjoint", "deputy"), folded.
    deputies: frozenset[str] = field(default_factory=frozenset)
    #: Words that, first or last in a name, make it an event ("Congrès", "Convention"), folded.
    events: frozenset[str] = field(default_factory=frozenset)
    #: Phrases naming a board ("conseil d'administration", "board of directors"), folded.
    boards: tuple[str, ...] = ()

    @functools.cached_property
    def roles(self) -> frozenset[str]:
        """Role phrases, folded: the role cues and the nouns that make a name a person's."""
        words = {c for r in self.relations if r.shape == "role" for c in r.cues if "_" not in c}
        found = {" ".join(fold_word(w) for w in expand_elisions(c).split()) for c in words}
        found |= {noun for noun, kind in self.kind_nouns.items() if kind == "Person"}
        return frozenset(found)

    @functools.cached_property
    def role_starts(self) -> frozenset[str]:
        """The first words of role phrases (to cut "Biocom CEO Joe Panetta" into its parts)."""
        return frozenset(r.split()[0] for r in self.roles)

    def compile(self, tokenize: Callable[[str], list[str]]) -> list[Cue]:
        """Every relationship cue as words, cut by the language's own tokenizer (so "R&D" or
        "Boston-based" meet a sentence's tokens), longest first."""
        compiled = [
            Cue(phrase_words(text, tokenize), text, relation)
            for relation in self.relations
            for text in relation.cues
        ]
        return sorted(compiled, key=lambda c: -len(c.words))

    def phrases(self, texts: Iterable[str], tokenize: Callable[[str], list[str]]) -> list[tuple[Word, ...]]:
        return sorted((phrase_words(t, tokenize) for t in texts), key=lambda w: -len(w))


def phrase_words(text: str, tokenize: Callable[[str], list[str]]) -> tuple[Word, ...]:
    """A cue's words, cut by ``tokenize``; ``*`` and ``_`` kept as marks."""
    words: list[Word] = []
    for part in expand_elisions(text).split():
        if part == "_":
            words.append(Word("", anything=True))
            continue
        prefix = part.endswith("*")
        bare = part.strip("=*")
        tokens = [fold_word(t) for t in tokenize(bare)] or [fold_word(bare)]
        words += [Word(t) for t in tokens[:-1]]
        words.append(Word(tokens[-1], prefix=prefix))
    return tuple(words)


# -- reading the files -------------------------------------------------------------------------

_TOP = {
    "language", "stopwords", "boilerplate", "abbreviations", "names", "demonyms", "kinds", "status",
    "since", "relation",
}  # fmt: skip
_NAMES = {
    "determiners", "drop", "titles", "possessives", "coordination", "place_words", "first_names",
    "not_names", "deputies", "boards", "events",
}  # fmt: skip
_RELATION = {"types", "cues", "reverse", "many", "shape", "status", "role", "weight"}


class _Checker:
    def __init__(self, where: str) -> None:
        self.where = where
        self.problems: list[str] = []

    def words(self, table: Mapping[str, Any], key: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problems.append(f"{key} must be a list of words")
            return []
        return value

    def extra(self, table: Mapping[str, Any], allowed: set[str], what: str) -> None:
        unknown = sorted(set(table) - allowed)
        if unknown:
            self.problems.append(f"{what}: unknown keys {unknown} (expected {sorted(allowed)})")

    def done(self) -> None:
        if self.problems:
            raise UsageError(f"{self.where}: " + "; ".join(self.problems))


def _relation(table: Mapping[str, Any], n: int, check: _Checker) -> Relation | None:
    check.extra(table, _RELATION, f"relation {n}")
    types = check.words(table, "types")
    bad = [t for t in types if t not in model.REL_TYPES]
    if bad or not types:
        check.problems.append(f"relation {n}: types {bad or types} are not relationship types of the model")
        return None
    status = table.get("status")
    if status is not None and status not in model.STATUSES:
        check.problems.append(f"relation {n}: status {status!r} is not one of {', '.join(model.STATUSES)}")
    shape = table.get("shape", "chain")
    if shape not in ("chain", "role"):
        check.problems.append(f"relation {n}: shape {shape!r} is chain or role")
    weight = table.get("weight", 0.7)
    if not isinstance(weight, int | float) or not 0 < weight <= 1:
        check.problems.append(f"relation {n}: weight {weight!r} must be above 0 and at most 1")
        weight = 0.7
    cues = check.words(table, "cues")
    if not cues:
        check.problems.append(f"relation {n}: no cues")
    return Relation(
        tuple(types),
        tuple(cues),
        bool(table.get("reverse", False)),
        bool(table.get("many", False)),
        str(shape),
        status,
        table.get("role"),
        float(weight),
    )


def _kinds(table: Mapping[str, Any], check: _Checker) -> tuple[dict[str, str], ...]:
    nouns: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    suffixes: dict[str, str] = {}
    for kind, words in table.items():
        if kind not in NAME_KINDS:
            check.problems.append(f"kinds.{kind}: not a kind of name ({', '.join(NAME_KINDS)})")
            continue
        check.extra(words, {"nouns", "prefixes", "suffixes"}, f"kinds.{kind}")
        for key, target in (("nouns", nouns), ("prefixes", prefixes), ("suffixes", suffixes)):
            for word in check.words(words, key):
                target.setdefault(" ".join(fold_word(w) for w in expand_elisions(word).split()), kind)
    return nouns, prefixes, suffixes


def parse_cues(document: Mapping[str, Any], where: str) -> Cues:
    """A cue file's content, checked; every problem is named with the file."""
    check = _Checker(where)
    check.extra(document, _TOP, "the file")
    lang = document.get("language")
    if lang not in model.LANGS:
        check.problems.append(f"language {lang!r} is not one of {', '.join(model.LANGS)}")
    names = document.get("names", {})
    check.extra(names, _NAMES, "names")
    status = document.get("status", {})
    check.extra(status, {"planned", "proposed", "future_planned", "conditional_proposed"}, "status")
    demonyms = {fold(k): str(v).upper() for k, v in document.get("demonyms", {}).items()}
    nouns, prefixes, suffixes = _kinds(document.get("kinds", {}), check)
    relations = [_relation(r, n, check) for n, r in enumerate(document.get("relation", []), start=1)]
    folded = lambda key, table=names: frozenset(fold_word(w) for w in check.words(table, key))  # noqa: E731
    cues = Cues(
        lang=lang if lang in model.LANGS else "en",
        stopwords=frozenset(fold(w) for w in check.words(document, "stopwords")),
        boilerplate=tuple(check.words(document, "boilerplate")),
        abbreviations=frozenset(fold(w).rstrip(".") for w in check.words(document, "abbreviations")),
        determiners=folded("determiners"),
        drop=frozenset(" ".join(re.findall(r"\w+", fold(w))) for w in check.words(names, "drop")),
        titles=frozenset(fold(w).rstrip(".") for w in check.words(names, "titles")),
        possessives=folded("possessives"),
        coordination=tuple(check.words(names, "coordination")),
        place_words=tuple(check.words(names, "place_words")),
        demonyms=demonyms,
        kind_nouns=nouns,
        kind_prefixes=prefixes,
        kind_suffixes=suffixes,
        planned=tuple(check.words(status, "planned")),
        proposed=tuple(check.words(status, "proposed")),
        future_planned=bool(status.get("future_planned", False)),
        conditional_proposed=bool(status.get("conditional_proposed", False)),
        since_words=tuple(check.words(document.get("since", {}), "words")),
        relations=tuple(r for r in relations if r is not None),
        first_names=folded("first_names"),
        not_names=frozenset(
            form
            for w in check.words(names, "not_names")
            for form in (
                " ".join(re.findall(r"\w+", fold(w))),
                " ".join(map(fold_word, expand_elisions(w).split())),
            )
        ),
        deputies=folded("deputies"),
        events=folded("events"),
        boards=tuple(
            " ".join(fold_word(w) for w in expand_elisions(b).split()) for b in check.words(names, "boards")
        ),
    )
    check.done()
    return cues


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"no cue file {path}", "reinstall Cluster Atlas") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise UsageError(f"{path}: not a readable TOML file: {e}") from None


@functools.cache
def cues(lang: Lang, folder: Path = CUES_DIR) -> Cues:
    """The cue file of ``lang`` (read once per process), with the first names all languages share."""
    path = folder / f"{lang}.toml"
    document = _read(path)
    shared = _read(folder / "names.toml")
    names = document.setdefault("names", {})
    names["first_names"] = [*names.get("first_names", []), *shared.get("first_names", [])]
    return parse_cues(document, str(path))


@dataclass(frozen=True)
class Places:
    """Cities the reader knows without the graph (name -> ISO country code), and regions, which
    are places but neither a city nor a country (never proposed as entities)."""

    cities: Mapping[str, str]
    regions: Mapping[str, str]
    names: Mapping[str, str]

    def city_country(self, name: str) -> str | None:
        return self.cities.get(fold(name))

    def region_country(self, name: str) -> str | None:
        return self.regions.get(fold(name)) or self.regions.get(_words(name))


def _words(name: str) -> str:
    """A place's name by its words alone ("Auvergne-Rhone Alpes" is "auvergne rhone alpes")."""
    return " ".join(re.findall(r"\w+", fold(name)))


@functools.cache
def places(folder: Path = CUES_DIR) -> Places:
    """``places.toml``: ``[cities.FR] names = [...]`` and ``[regions.US] names = [...]``."""
    path = folder / "places.toml"
    document = _read(path)
    check = _Checker(str(path))
    check.extra(document, {"cities", "regions"}, "the file")
    tables: dict[str, dict[str, str]] = {"cities": {}, "regions": {}}
    shown: dict[str, str] = {}
    for part, found in tables.items():
        for code, table in document.get(part, {}).items():
            if not re.fullmatch(r"[A-Z]{2}", code):
                check.problems.append(f"{part}.{code}: not a two-letter ISO country code")
                continue
            for name in check.words(table, "names"):
                found.setdefault(fold(name), code)
                shown.setdefault(fold(name), name)
                if part == "regions":
                    found.setdefault(_words(name), code)
    check.done()
    return Places(tables["cities"], tables["regions"], shown)
