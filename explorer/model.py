"""The domain model: kinds of entity, relationship types, statuses, tie strengths and looks."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

__all__ = [
    "COUNTRIES",
    "ENTITY",
    "EVIDENCE",
    "KINDS",
    "ORGANIZATION",
    "REL_TYPES",
    "STATUSES",
    "Kind",
    "RelType",
    "country_code",
    "fold",
    "label",
    "rel_type",
    "slugify",
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


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of node: its label, whether it is an organisation, and how it is drawn."""

    label: str
    en: str
    fr: str
    colour: str
    shape: str
    organization: bool = False
    entity: bool = True  # False for Source: cited, never drawn
    #: Other words users write for this kind in files (English or French).
    aliases: tuple[str, ...] = ()

    def name(self, lang: Lang = "en") -> str:
        return self.fr if lang == "fr" else self.en


# fmt: off
_KINDS = (
    Kind("Cluster", "Cluster", "Pôle / cluster", "#2563eb", "hexagon", organization=True,
         aliases=("pole", "pole de competitivite", "network", "reseau")),
    Kind("Company", "Company", "Entreprise", "#ea580c", "dot", organization=True,
         aliases=("societe", "firm", "startup", "biotech")),
    Kind("Institute", "Institute", "Institut", "#16a34a", "square", organization=True,
         aliases=("institution", "hospital", "hopital", "university", "universite", "lab")),
    Kind("Person", "Person", "Personne", "#9333ea", "triangle", aliases=("people", "personnes")),
    Kind("Alliance", "Alliance", "Alliance", "#dc2626", "diamond"),
    Kind("Initiative", "Initiative", "Initiative", "#0d9488", "triangleDown",
         aliases=("programme", "program", "projet", "project")),
    Kind("City", "City", "Ville", "#64748b", "dot"),
    Kind("Country", "Country", "Pays", "#334155", "star"),
    Kind("Source", "Source", "Source", "#a3a3a3", "box", entity=False,
         aliases=("article", "document")),
)
# fmt: on
KINDS: MappingProxyType[str, Kind] = MappingProxyType({k.label: k for k in _KINDS})
ORGANIZATION_KINDS = frozenset(k.label for k in _KINDS if k.organization)
ENTITY_KINDS = frozenset(k.label for k in _KINDS if k.entity)


_KIND_WORDS = {fold(word): k.label for k in _KINDS for word in (k.label, k.en, k.fr, *k.aliases)}


def parse_kind(value: str) -> str | None:
    """The kind a user means by "company", "Entreprise", "Pôle"...; ``None`` if none."""
    return _KIND_WORDS.get(fold(value))


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


@dataclass(frozen=True, slots=True)
class RelType:
    """A relationship type: allowed ends, symmetry, tie strength and how it is drawn and said."""

    name: str
    sources: frozenset[str]
    targets: frozenset[str]
    en: str
    fr: str
    colour: str
    strength: float
    symmetric: bool = False
    #: Properties whose value must be the id of an entity (checked by the loaders).
    references: tuple[str, ...] = ()

    def phrase(self, lang: Lang = "en") -> str:
        return self.fr if lang == "fr" else self.en


_ORGS = ORGANIZATION_KINDS
# fmt: off
_REL_TYPES = (
    RelType("MEMBER_OF", _ORGS, frozenset({"Cluster"}), "member of", "membre de", "#94a3b8", 0.5),
    RelType("SUBSIDIARY_IN", frozenset({"Company", "Institute"}), frozenset({"City", "Country"}),
            "has a subsidiary in", "a une filiale à", "#f59e0b", 0.5),
    RelType("RD_PARTNER", _ORGS, _ORGS, "R&D partner of", "partenaire R&D de", "#16a34a", 0.85,
            symmetric=True),
    RelType("BOARD_SEAT", frozenset({"Person"}), _ORGS, "sits on the board of",
            "siège au conseil de", "#9333ea", 0.9, references=("on_behalf_of",)),
    RelType("LEADS", frozenset({"Person"}), _ORGS | {"Alliance", "Initiative"}, "leads", "dirige",
            "#7c3aed", 0.95),
    RelType("WORKS_AT", frozenset({"Person"}), _ORGS | {"Initiative"}, "works at",
            "travaille chez", "#a855f7", 0.7),
    RelType("REPRESENTS", frozenset({"Person"}), _ORGS, "represents", "représente", "#c084fc",
            0.85),
    RelType("PARTNER_OF", frozenset({"Cluster"}), frozenset({"Cluster"}), "partner of",
            "partenaire de", "#2563eb", 0.6, symmetric=True),
    RelType("PARTY_TO", _ORGS, frozenset({"Alliance", "Initiative"}), "party to", "partie à",
            "#dc2626", 0.55),
    RelType("SUPPORTED_BY", _ORGS | {"Initiative"}, _ORGS, "supported by", "soutenu par",
            "#0ea5e9", 0.7),
    RelType("LOCATED_IN", _ORGS | {"Person", "Initiative"}, frozenset({"City"}), "located in",
            "situé à", "#cbd5e1", 0.1),
    RelType("IN_COUNTRY", frozenset({"City"}), frozenset({"Country"}), "in", "en/au",
            "#e2e8f0", 0.05),
)
# fmt: on
REL_TYPES: MappingProxyType[str, RelType] = MappingProxyType({t.name: t for t in _REL_TYPES})
SYMMETRIC_TYPES = frozenset(t.name for t in _REL_TYPES if t.symmetric)


_LINKING_WORDS = {"of", "in", "by", "to", "at", "de", "du", "a", "au", "en", "par", "chez"}


def _phrase_key(text: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", fold(text).replace("&", "")).split()
    while words and words[-1] in _LINKING_WORDS:
        words.pop()
    return " ".join(words)


_TYPE_WORDS = {key: t.name for t in _REL_TYPES for w in (t.name, t.en, t.fr) if (key := _phrase_key(w))}


def parse_rel_type(value: str) -> str | None:
    """The type a user means by "member of", "Partenaire R&D", "PARTNER_OF"...; ``None`` if none."""
    return _TYPE_WORDS.get(_phrase_key(value)) if _phrase_key(value) else None


# Status and evidence of every fact.
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


def parse_status(value: str) -> str | None:
    """``active``/``planned``/``proposed`` from English or French words; ``None`` if none."""
    return _STATUS_WORDS.get(fold(value))


def parse_evidence(value: str) -> str | None:
    """``stated``/``inferred`` from English or French words; ``None`` if none."""
    return _EVIDENCE_WORDS.get(fold(value))


_STATUS_WORDS = {fold(w): k for k, names in STATUS_NAMES.items() for w in (k, *names.values())}
_STATUS_WORDS |= {
    "current": "active",
    "actif": "active",
    "active": "active",
    "prevue": "planned",
    "proposee": "proposed",
}
_EVIDENCE_WORDS = {fold(w): k for k, names in EVIDENCE_NAMES.items() for w in (k, *names.values())}
_EVIDENCE_WORDS |= {"affirmee": "stated", "deduite": "inferred"}

#: A tie not yet in force, or only inferred, is a weaker route to an introduction.
STATUS_FACTOR = MappingProxyType({"active": 1.0, "planned": 0.6, "proposed": 0.4})
EVIDENCE_FACTOR = MappingProxyType({"stated": 1.0, "inferred": 0.7})
#: Membership of a cluster of this many members or fewer keeps its full strength.
MEMBERSHIP_REFERENCE_SIZE = 20


def membership_factor(members: int | None, reference: int = MEMBERSHIP_REFERENCE_SIZE) -> float:
    """How much of MEMBER_OF's strength is left in a cluster of ``members`` members.

    Square-root decay past the reference size: 20 members or fewer keep 1.0,
    80 keep 0.5, 850 keep about 0.15.
    """
    if not members or members <= reference:
        return 1.0
    return math.sqrt(reference / members)


#: Properties stored as integers whatever the file writes.
INTEGER_PROPERTIES = frozenset({"since", "opened", "members", "paragraph", "until"})
#: Columns and keys that are not stored as plain properties.
NODE_RESERVED = frozenset({"id", "kind", "name", "city", "source_ref"})
LINK_RESERVED = frozenset({"source", "target", "type", "source_ref"})

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


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    en: str
    fr: str
    aliases: tuple[str, ...] = field(default=())

    @property
    def id(self) -> str:
        return self.code.lower()

    def name(self, lang: Lang = "en") -> str:
        return self.fr if lang == "fr" else self.en


# fmt: off
_COUNTRIES = (
    Country("FR", "France", "France"),
    Country("US", "United States", "États-Unis",
            ("USA", "U.S.", "U.S.A.", "United States of America", "Etats-Unis d'Amerique", "Amerique")),
    Country("JP", "Japan", "Japon", ("Nippon",)),
    Country("GB", "United Kingdom", "Royaume-Uni", ("UK", "Great Britain", "England", "Angleterre")),
    Country("DE", "Germany", "Allemagne", ("Deutschland",)),
    Country("CH", "Switzerland", "Suisse", ("Schweiz",)),
    Country("BE", "Belgium", "Belgique"),
    Country("NL", "Netherlands", "Pays-Bas", ("Holland",)),
    Country("IT", "Italy", "Italie", ("Italia",)),
    Country("ES", "Spain", "Espagne", ("España",)),
    Country("PT", "Portugal", "Portugal"),
    Country("IE", "Ireland", "Irlande"),
    Country("DK", "Denmark", "Danemark"),
    Country("SE", "Sweden", "Suède"),
    Country("NO", "Norway", "Norvège"),
    Country("FI", "Finland", "Finlande"),
    Country("AT", "Austria", "Autriche"),
    Country("PL", "Poland", "Pologne"),
    Country("IL", "Israel", "Israël"),
    Country("CA", "Canada", "Canada"),
    Country("MX", "Mexico", "Mexique"),
    Country("BR", "Brazil", "Brésil"),
    Country("CN", "China", "Chine"),
    Country("KR", "South Korea", "Corée du Sud", ("Korea", "Republic of Korea")),
    Country("TW", "Taiwan", "Taïwan"),
    Country("SG", "Singapore", "Singapour"),
    Country("IN", "India", "Inde"),
    Country("AU", "Australia", "Australie"),
    Country("NZ", "New Zealand", "Nouvelle-Zélande"),
    Country("MA", "Morocco", "Maroc"),
    Country("TN", "Tunisia", "Tunisie"),
    Country("ZA", "South Africa", "Afrique du Sud"),
)
# fmt: on
COUNTRIES: MappingProxyType[str, Country] = MappingProxyType({c.code: c for c in _COUNTRIES})
_COUNTRY_NAMES = {fold(name): c.code for c in _COUNTRIES for name in (c.code, c.en, c.fr, *c.aliases)}


def country_code(value: str) -> str | None:
    """The ISO code for a country code or name in English or French; ``None`` if unknown.

    Any two-letter code is accepted as given (upper-cased), so countries outside
    the table still load.
    """
    folded = fold(value)
    if folded in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[folded]
    if re.fullmatch(r"[a-z]{2}", folded):
        return folded.upper()
    return None


def country_name(code: str, lang: Lang = "en") -> str:
    country = COUNTRIES.get(code)
    return country.name(lang) if country else code
