"""The domain model: kinds, relationship types with their words and looks, statuses, and the
one ``Entity`` and one ``Tie`` record that every part of the explorer passes around."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

__all__ = [
    "BOOKKEEPING",
    "CROWD_REFERENCE_SIZE",
    "CROWD_TYPES",
    "CURATION_LABELS",
    "DEFAULT_EVIDENCE",
    "DEFAULT_STATUS",
    "ENDED_FACTOR",
    "ENDED_HALF_LIFE",
    "ENTITY",
    "ENTITY_KINDS",
    "EVIDENCE",
    "EVIDENCE_FACTOR",
    "EVIDENCE_NAMES",
    "INTEGER_PROPERTIES",
    "KINDS",
    "LANGS",
    "LINK_RESERVED",
    "LOADED_IN",
    "LOAD_BEFORE",
    "NODE_RESERVED",
    "ORGANIZATION",
    "ORGANIZATION_KINDS",
    "PERSONAL_TYPES",
    "PLACE_KINDS",
    "REL_TYPES",
    "STATUSES",
    "STATUS_FACTOR",
    "STATUS_NAMES",
    "SYMMETRIC_TYPES",
    "Entity",
    "Extra",
    "Kind",
    "Lang",
    "RelType",
    "Tie",
    "Words",
    "crowd_factor",
    "evidence_words",
    "fold",
    "kind_of",
    "kind_words",
    "label",
    "labels_of",
    "parse_evidence",
    "parse_kind",
    "parse_rel_type",
    "parse_status",
    "rel_type",
    "slugify",
    "status_words",
    "tie_defaults",
    "type_words",
]

Lang = Literal["en", "fr"]
LANGS: tuple[Lang, ...] = ("en", "fr")


def fold(text: str) -> str:
    """``text`` without case or accents, for matching names: "Royère" -> "royere"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def slugify(text: str) -> str:
    """A stable id from a name: "Aix-en-Provence" -> "aix-en-provence"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


#: Every drawn node carries this label; its ``id`` is unique across all kinds.
ENTITY = "Entity"
#: Clusters, companies and institutes also carry this label.
ORGANIZATION = "Organization"
#: The one node that counts the changes to the graph (every write moves it on).
DATA_VERSION = "DataVersion"
#: Curation's labels. A retired entity keeps only ``Retired`` (no kind, no ``Entity``: no read of
#: the graph can meet it) and a retired tie becomes a ``RetiredTie`` node linked to nothing; the
#: history is ``Change`` records chained from one ``ChangeLog`` head; the review queue holds
#: ``Proposal`` batches of ``Proposed`` facts.
RETIRED = "Retired"
RETIRED_TIE = "RetiredTie"
CHANGE = "Change"
CHANGE_LOG = "ChangeLog"
PROPOSAL = "Proposal"
PROPOSED = "Proposed"
#: What a load changed, kept so that it can be undone: the state before of each fact it changed
#: (the facts it added carry ``LOADED_IN``, the load's token).
LOAD_BEFORE = "LoadBefore"
CURATION_LABELS = (RETIRED, RETIRED_TIE, CHANGE, CHANGE_LOG, PROPOSAL, PROPOSED, LOAD_BEFORE)
LOADED_IN = "loaded_in"
#: Curation's bookkeeping on entities and ties: not facts (never read from files, shown apart).
BOOKKEEPING = frozenset({"version", "changed_at", "changed_by", "retired_at", "retired_by", LOADED_IN})


# -- kinds of entity ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of node: its label, whether it is an organisation, and how it is drawn."""

    label: str
    en: str
    fr: str
    colour: str
    shape: str
    size: int
    organization: bool = False
    entity: bool = True  # False for Source: cited, never drawn
    place: bool = False  # cities and countries: a path may end there, never pass through
    #: Other words users write for this kind in files (English or French).
    aliases: tuple[str, ...] = ()

    def name(self, lang: Lang = "en") -> str:
        return self.fr if lang == "fr" else self.en


_KINDS = (
    Kind("Cluster", "Cluster", "Pôle / cluster", "#0072b2", "hexagon", 30, organization=True,
         aliases=("pole", "pole de competitivite", "network", "reseau")),
    Kind("Company", "Company", "Entreprise", "#e69f00", "dot", 20, organization=True,
         aliases=("societe", "firm", "startup", "biotech")),
    Kind("Institute", "Institute", "Institut", "#009e73", "square", 20, organization=True,
         aliases=("institution", "hospital", "hopital", "university", "universite", "lab")),
    Kind("Person", "Person", "Personne", "#cc79a7", "triangle", 16, aliases=("people", "personnes")),
    Kind("Alliance", "Alliance", "Alliance", "#d55e00", "diamond", 28),
    Kind("Initiative", "Initiative", "Initiative", "#56b4e9", "triangleDown", 18,
         aliases=("programme", "program", "projet", "project")),
    Kind("City", "City", "Ville", "#7f7f7f", "dot", 12, place=True, aliases=("ville",)),
    Kind("Country", "Country", "Pays", "#3f3f3f", "star", 16, place=True),
    Kind("Source", "Source", "Source", "#a3a3a3", "box", 16, entity=False, aliases=("article", "document")),
)  # fmt: skip
KINDS: MappingProxyType[str, Kind] = MappingProxyType({k.label: k for k in _KINDS})
ORGANIZATION_KINDS = frozenset(k.label for k in _KINDS if k.organization)
ENTITY_KINDS = frozenset(k.label for k in _KINDS if k.entity)
PLACE_KINDS = frozenset(k.label for k in _KINDS if k.place)

_KIND_WORDS = {fold(word): k.label for k in _KINDS for word in (k.label, k.en, k.fr, *k.aliases)}
_KIND_WORDS |= {fold(part): k.label for k in _KINDS for part in k.fr.split(" / ")}


def parse_kind(value: str) -> str | None:
    """The kind a user means by "company", "Entreprise", "Pôle"...; ``None`` if none."""
    return _KIND_WORDS.get(fold(value))


def kind_words() -> list[str]:
    """Every word :func:`parse_kind` knows (for suggestions)."""
    return list(_KIND_WORDS)


def labels_of(kind: str) -> tuple[str, ...]:
    """Every label a node of ``kind`` carries, the kind's own first."""
    k = KINDS[kind]
    extra: tuple[str, ...] = (ENTITY,) if k.entity else ()
    if k.organization:
        extra += (ORGANIZATION,)
    return (kind, *extra)


def kind_of(labels: object) -> str | None:
    """The kind among a node's labels (``None`` if it has none of ours)."""
    for lab in labels if isinstance(labels, list | tuple | set | frozenset) else ():
        if lab in KINDS:
            return str(lab)
    return None


# -- relationship types: ends, strength, looks and words -------------------------------------


@dataclass(frozen=True, slots=True)
class Extra:
    """A property that adds to a tie's sentence: ``"role"`` -> " as CEO".

    ``template`` takes ``{value}`` (``{value:lower}`` lower-cases a capital that starts a
    phrase, ``{de_value}`` gives French "de"/"d'" before it); ``main`` extras continue the
    sentence, the others go in brackets after it. ``unless`` names an extra that replaces
    this one when both are known; ``words`` translates stored values ("twinning").
    """

    property: str
    template: str
    main: bool = False
    unless: str | None = None
    words: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Words:
    """How one language says a relationship type.

    Templates take ``{x}`` (the start), ``{y}`` (the end) and their grammatical forms:
    ``{de_y}`` (French "de Biocom", "d'Eurobiomed"), ``{y_s}`` (English "Biocom's") and
    ``{in_y}`` (a place after "in": "the United States", "en France", "à Marseille").
    """

    #: The type as a short phrase, for legends, filters and tables: "member of".
    phrase: str
    #: The tie as a sentence: "{x} is a member of {y}".
    sentence: str
    #: What a crowd of such ties is made of: (ties going out of the start, coming into the end).
    crowd: tuple[str, str]
    #: Who to ask, as a clause about the introducer: (when they are the tie's start, its end).
    ask: tuple[str | None, str | None] = (None, None)
    extras: tuple[Extra, ...] = ()
    #: The tie as a noun: (with "a", with "the", plural): "a board seat", "the board seat", "board seats".
    noun: tuple[str, str, str] = ("", "", "")


@dataclass(frozen=True, slots=True)
class RelType:
    """A relationship type: allowed ends, symmetry, strength, looks and its words in both languages."""

    name: str
    sources: frozenset[str]
    targets: frozenset[str]
    en: Words
    fr: Words
    colour: str
    strength: float
    symmetric: bool = False
    #: Collective ties: strength decays with how many such ties an end has (a member among 850).
    crowd: bool = False
    #: Ties one can ask a person about (they know the other end personally).
    personal: bool = False
    #: Properties whose value must be the id of an entity (checked by the loaders).
    references: tuple[str, ...] = ()

    def words(self, lang: Lang = "en") -> Words:
        return self.fr if lang == "fr" else self.en

    def phrase(self, lang: Lang = "en") -> str:
        return self.words(lang).phrase


_ORGS = ORGANIZATION_KINDS
_ROLE_EN = Extra("role", " as {value:lower}", main=True)
_ROLE_FR = Extra("role", " en tant que {value:lower}", main=True)
_REL_TYPES = (
    RelType(
        "MEMBER_OF", _ORGS, frozenset({"Cluster"}),
        Words("member of", "{x} is a member of {y}", ("memberships", "members"),
              ("a member of {y}", "which counts {y} among its members"),
              noun=("a membership", "the membership", "memberships")),
        Words("membre de", "{x} est membre {de_y}", ("adhésions", "membres"),
              ("membre {de_y}", "qui compte {y} parmi ses membres"),
              noun=("une adhésion", "l'adhésion", "adhésions")),
        "#888888", 0.5, crowd=True,
    ),
    RelType(
        "SUBSIDIARY_IN", frozenset({"Company", "Institute"}), frozenset({"City", "Country"}),
        Words("has a subsidiary in", "{x} has a subsidiary in {in_y}", ("subsidiaries", "subsidiaries there"),
              ("which has a subsidiary in {in_y}", None),
              noun=("a subsidiary", "the subsidiary", "subsidiaries")),
        Words("a une filiale à", "{x} a une filiale {in_y}", ("filiales", "filiales sur place"),
              ("qui a une filiale {in_y}", None),
              noun=("une filiale", "la filiale", "filiales")),
        "#004488", 0.5,
    ),
    RelType(
        "RD_PARTNER", _ORGS, _ORGS,
        Words("R&D partner of", "{x} and {y} are R&D partners", ("R&D partners", "R&D partners"),
              ("an R&D partner of {y}", "an R&D partner of {y}"),
              (Extra("topic", " on {value:lower}", main=True),),
              noun=("an R&D partnership", "the R&D partnership", "R&D partnerships")),
        Words("partenaire R&D de", "{x} et {y} sont partenaires R&D", ("partenaires R&D", "partenaires R&D"),
              ("partenaire R&D {de_y}", "partenaire R&D {de_y}"),
              (Extra("topic", "thème : {value:lower}"),),
              noun=("un partenariat R&D", "le partenariat R&D", "partenariats R&D")),
        "#117733", 0.85, symmetric=True,
    ),
    RelType(
        "BOARD_SEAT", frozenset({"Person"}), _ORGS,
        Words("sits on the board of", "{x} sits on the board of {y}", ("board seats", "board members"),
              ("who sits on {y_s} board", "which has {y} on its board"),
              (Extra("on_behalf_of", " on behalf of {value}", main=True),
               Extra("role", "{value}", unless="on_behalf_of")),
              noun=("a board seat", "the board seat", "board seats")),
        Words("siège au conseil de", "{x} siège au conseil {de_y}",
              ("sièges d'administrateur", "administrateurs"),
              ("qui siège au conseil {de_y}", "dont {y} est administrateur"),
              (Extra("on_behalf_of", " au nom {de_value}", main=True),
               Extra("role", "{value}", unless="on_behalf_of")),
              noun=("un siège au conseil", "le siège au conseil", "sièges au conseil")),
        "#ee3377", 0.9, personal=True, references=("on_behalf_of",),
    ),
    RelType(
        "LEADS", frozenset({"Person"}), _ORGS | {"Alliance", "Initiative"},
        Words("leads", "{x} leads {y}", ("organisations led", "leaders"),
              ("who leads {y}", "which {y} leads"), (_ROLE_EN,),
              noun=("a leadership role", "the leadership role", "leadership roles")),
        Words("dirige", "{x} dirige {y}", ("organisations dirigées", "dirigeants"),
              ("qui dirige {y}", "que dirige {y}"), (_ROLE_FR,),
              noun=("une fonction de direction", "la fonction de direction", "fonctions de direction")),
        "#332288", 0.95, personal=True,
    ),
    RelType(
        "WORKS_AT", frozenset({"Person"}), _ORGS | {"Initiative"},
        Words("works at", "{x} works at {y}", ("employers", "people working there"),
              ("who works at {y}", "where {y} works"), (_ROLE_EN,),
              noun=("a job", "the job", "jobs")),
        Words("travaille chez", "{x} travaille chez {y}", ("employeurs", "personnes qui y travaillent"),
              ("qui travaille chez {y}", "où travaille {y}"), (_ROLE_FR,),
              noun=("un emploi", "l'emploi", "emplois")),
        "#882255", 0.7, crowd=True, personal=True,
    ),
    RelType(
        "REPRESENTS", frozenset({"Person"}), _ORGS,
        Words("represents", "{x} represents {y}", ("organisations represented", "representatives"),
              ("who represents {y}", "which {y} represents"), (Extra("role", "{value}"),),
              noun=("a representative role", "the representative role", "representative roles")),
        Words("représente", "{x} représente {y}", ("organisations représentées", "représentants"),
              ("qui représente {y}", "que représente {y}"), (Extra("role", "{value}"),),
              noun=("un rôle de représentant", "le rôle de représentant", "rôles de représentant")),
        "#6699cc", 0.85, personal=True,
    ),
    RelType(
        "PARTNER_OF", frozenset({"Cluster"}), frozenset({"Cluster"}),
        Words("partner of", "{x} and {y} are partners", ("partners", "partners"),
              ("a partner of {y}", "a partner of {y}"), (Extra("kind", "{value:lower}"),),
              noun=("a partnership", "the partnership", "partnerships")),
        Words("partenaire de", "{x} et {y} sont partenaires", ("partenaires", "partenaires"),
              ("partenaire {de_y}", "partenaire {de_y}"),
              (Extra("kind", "{value:lower}",
                     words={"twinning": "jumelage", "partnership": "partenariat", "agreement": "accord"}),),
              noun=("un partenariat", "le partenariat", "partenariats")),
        "#0072b2", 0.6, symmetric=True,
    ),
    RelType(
        "PARTY_TO", _ORGS, frozenset({"Alliance", "Initiative"}),
        Words("party to", "{x} is a party to {y}", ("alliances", "parties"),
              ("a party to {y}", "to which {y} is a party"),
              noun=("an alliance tie", "the alliance tie", "alliance ties")),
        Words("partie à", "{x} est partie prenante {de_y}", ("alliances", "parties prenantes"),
              ("partie prenante {de_y}", "dont {y} est partie prenante"),
              noun=("une participation à une alliance", "la participation à l'alliance",
                    "participations à une alliance")),
        "#d55e00", 0.55, crowd=True,
    ),
    RelType(
        "SUPPORTED_BY", _ORGS | {"Initiative"}, _ORGS,
        Words("supported by", "{x} is supported by {y}", ("supporters", "organisations supported"),
              ("which is supported by {y}", "which supports {y}"), (Extra("what", "{value:lower}"),),
              noun=("a support tie", "the support tie", "support ties")),
        Words("soutenu par", "{y} soutient {x}", ("soutiens", "organisations soutenues"),
              ("que soutient {y}", "qui soutient {y}"), (Extra("what", "{value:lower}"),),
              noun=("un soutien", "le soutien", "soutiens")),
        "#e69f00", 0.7, crowd=True,
    ),
    RelType(
        "LOCATED_IN", _ORGS | {"Person", "Initiative"}, frozenset({"City"}),
        Words("located in", "{x} is located in {y}", ("places", "entities located there"),
              ("located in {y}", None),
              noun=("a location", "the location", "locations")),
        Words("situé à", "{x} se trouve {in_y}", ("lieux", "entités qui s'y trouvent"),
              ("qui se trouve {in_y}", None),
              noun=("une implantation", "l'implantation", "implantations")),
        "#bbbbbb", 0.1,
    ),
    RelType(
        "IN_COUNTRY", frozenset({"City"}), frozenset({"Country"}),
        Words("in", "{x} is in {in_y}", ("countries", "cities"),
              noun=("a country", "the country", "countries")),
        Words("en/au", "{x} se trouve {in_y}", ("pays", "villes"),
              noun=("un pays", "le pays", "pays")),
        "#88ccee", 0.05,
    ),
)  # fmt: skip
REL_TYPES: MappingProxyType[str, RelType] = MappingProxyType({t.name: t for t in _REL_TYPES})
SYMMETRIC_TYPES = frozenset(t.name for t in _REL_TYPES if t.symmetric)
CROWD_TYPES = frozenset(t.name for t in _REL_TYPES if t.crowd)
PERSONAL_TYPES = frozenset(t.name for t in _REL_TYPES if t.personal)


_LINKING_WORDS = {"of", "in", "by", "to", "at", "de", "du", "a", "au", "en", "par", "chez"}


def _phrase_key(text: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", fold(text).replace("&", "")).split()
    while words and words[-1] in _LINKING_WORDS:
        words.pop()
    return " ".join(words)


_TYPE_WORDS = {
    key: t.name for t in _REL_TYPES for w in (t.name, t.en.phrase, t.fr.phrase) if (key := _phrase_key(w))
}


def parse_rel_type(value: str) -> str | None:
    """The type a user means by "member of", "Partenaire R&D", "PARTNER_OF"...; ``None`` if none."""
    return _TYPE_WORDS.get(_phrase_key(value)) if _phrase_key(value) else None


def type_words() -> list[str]:
    """Every phrase :func:`parse_rel_type` knows (for suggestions)."""
    return list(_TYPE_WORDS)


# -- status and evidence of every fact -------------------------------------------------------

STATUSES = ("active", "planned", "proposed")
EVIDENCE = ("stated", "inferred")
DEFAULT_STATUS = "active"
DEFAULT_EVIDENCE = "stated"
STATUS_NAMES: MappingProxyType[str, dict[Lang, str]] = MappingProxyType(
    {
        "active": {"en": "active", "fr": "en cours"},
        "planned": {"en": "planned", "fr": "prévu"},
        "proposed": {"en": "proposed", "fr": "proposé"},
    }
)
EVIDENCE_NAMES: MappingProxyType[str, dict[Lang, str]] = MappingProxyType(
    {
        "stated": {"en": "stated", "fr": "affirmé"},
        "inferred": {"en": "inferred", "fr": "déduit"},
    }
)
_STATUS_WORDS = {fold(w): k for k, names in STATUS_NAMES.items() for w in (k, *names.values())}
_STATUS_WORDS |= {"current": "active", "actif": "active", "prevue": "planned", "proposee": "proposed"}
_EVIDENCE_WORDS = {fold(w): k for k, names in EVIDENCE_NAMES.items() for w in (k, *names.values())}
_EVIDENCE_WORDS |= {"affirmee": "stated", "deduite": "inferred"}


def parse_status(value: str) -> str | None:
    """``active``/``planned``/``proposed`` from English or French words; ``None`` if none."""
    return _STATUS_WORDS.get(fold(value))


def parse_evidence(value: str) -> str | None:
    """``stated``/``inferred`` from English or French words; ``None`` if none."""
    return _EVIDENCE_WORDS.get(fold(value))


def status_words() -> list[str]:
    return list(_STATUS_WORDS)


def evidence_words() -> list[str]:
    return list(_EVIDENCE_WORDS)


def tie_defaults(props: Mapping[str, Any]) -> tuple[str, str]:
    """A tie's status and evidence, with the defaults for what is not recorded (the one place)."""
    return (str(props.get("status") or DEFAULT_STATUS), str(props.get("evidence") or DEFAULT_EVIDENCE))


#: A tie not yet in force, or only inferred, is a weaker route to an introduction.
STATUS_FACTOR = MappingProxyType({"active": 1.0, "planned": 0.6, "proposed": 0.4})
EVIDENCE_FACTOR = MappingProxyType({"stated": 1.0, "inferred": 0.7})
#: A tie that has ended (an ``until`` year before this one) keeps this much of its strength, halved
#: again every ``ENDED_HALF_LIFE`` years since it ended; a tie in force keeps all of it, however old.
ENDED_FACTOR = 0.6
ENDED_HALF_LIFE = 5.0
#: A collective tie keeps its full strength in a crowd of this many or fewer.
CROWD_REFERENCE_SIZE = 20


def crowd_factor(size: int | None, reference: int = CROWD_REFERENCE_SIZE) -> float:
    """How much of a collective tie's strength is left in a crowd of ``size``.

    Square-root decay past the reference size: 20 or fewer keep 1.0, 80 keep 0.5,
    850 keep about 0.15.
    """
    if not size or size <= reference:
        return 1.0
    return math.sqrt(reference / size)


#: Properties stored as integers whatever the file writes.
INTEGER_PROPERTIES = frozenset({"since", "opened", "members", "paragraph", "until"})
#: Columns and keys that are not stored as plain properties.
NODE_RESERVED = frozenset({"id", "kind", "name", "city", "source_ref"}) | BOOKKEEPING
LINK_RESERVED = frozenset({"source", "target", "type", "source_ref"}) | BOOKKEEPING


# -- identifiers in Cypher -------------------------------------------------------------------

_IDENTIFIER = re.compile(r"[A-Z][A-Za-z_]*")


def label(kind: str) -> str:
    """``kind`` quoted as a Cypher label; only kinds and labels of the model pass."""
    if kind not in KINDS and kind not in (ENTITY, ORGANIZATION):
        raise ValueError(f"not a label of the model: {kind!r}")
    return _quote(kind)


def rel_type(name: str) -> str:
    """``name`` quoted as a Cypher relationship type; only the model's types pass."""
    if name not in REL_TYPES:
        raise ValueError(f"not a relationship type of the model: {name!r}")
    return _quote(name)


def _quote(identifier: str) -> str:
    if not _IDENTIFIER.fullmatch(identifier):  # pragma: no cover - the tables above are clean
        raise ValueError(f"unsafe identifier {identifier!r}")
    return f"`{identifier}`"


# -- the records ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity (or any drawn node): id, kind, names, country and the properties stored on it."""

    id: str
    kind: str
    name: str
    name_fr: str | None = None
    country: str | None = None
    properties: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, key: str, labels: Iterable[str], props: Mapping[str, Any] | None) -> Entity:
        """The entity stored under ``key`` with ``labels`` and ``props``: the one way a database
        node becomes an ``Entity``."""
        props = props or {}
        name, name_fr = props.get("name"), props.get("name_fr")
        country = props.get("country") or (props.get("code") if "Country" in labels else None)
        return cls(
            key,
            kind_of(list(labels)) or "",
            str(name) if name not in (None, "") else key,
            str(name_fr) if name_fr not in (None, "") else None,
            str(country) if country not in (None, "") else None,
            dict(props),
        )

    def display(self, lang: Lang = "en") -> str:
        """The name to show in ``lang`` (the French name when there is one)."""
        return self.name_fr if lang == "fr" and self.name_fr else self.name

    def label(self) -> str:
        """ "Biocom (Cluster, biocom)": the entity for messages."""
        return f"{self.name} ({self.kind}, {self.id})"

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "kind": self.kind}

    @property
    def is_place(self) -> bool:
        return self.kind in PLACE_KINDS


@dataclass(frozen=True, slots=True)
class Tie:
    """A relationship as stored (``start`` -> ``end``), with its properties and provenance.

    ``key`` identifies it: the database's element id when read from there, else
    ``start|type|end`` (one relationship per type and pair of entities).
    """

    type: str
    start: str
    end: str
    properties: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", f"{self.start}|{self.type}|{self.end}")

    @property
    def status(self) -> str:
        return tie_defaults(self.properties)[0]

    @property
    def evidence(self) -> str:
        return tie_defaults(self.properties)[1]

    @property
    def source(self) -> str | None:
        value = self.properties.get("source")
        return str(value) if value not in (None, "") else None

    @property
    def since(self) -> int | None:
        value = self.properties.get("since")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def until(self) -> int | None:
        value = self.properties.get("until")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def paragraph(self) -> Any:
        return self.properties.get("paragraph")

    @property
    def symmetric(self) -> bool:
        return self.type in SYMMETRIC_TYPES

    @property
    def identity(self) -> tuple[str, str, str]:
        """(start, type, end): the same relationship whichever way it was read."""
        return (self.start, self.type, self.end)

    def other(self, entity_id: str) -> str:
        """The end of the tie that is not ``entity_id``."""
        return self.end if entity_id == self.start else self.start

    def direction_from(self, entity_id: str) -> Literal["out", "in", "both"]:
        """How the tie reads from ``entity_id``: out of it, into it, or both ways (symmetric)."""
        if self.symmetric:
            return "both"
        return "out" if entity_id == self.start else "in"

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "from": self.start,
            "to": self.end,
            "status": self.status,
            "source": self.source,
        }
