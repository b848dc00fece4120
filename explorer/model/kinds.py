"""Kinds of node and the labels they carry, curation's labels and bookkeeping."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from explorer.model.text import Lang, fold

__all__ = [
    "ASK",
    "BOOKKEEPING",
    "CHANGE",
    "CHANGE_LOG",
    "CURATION_LABELS",
    "DATA_VERSION",
    "ENTITY",
    "ENTITY_KINDS",
    "KINDS",
    "LOADED_IN",
    "LOADING",
    "LOADING_LABELS",
    "LOAD_BEFORE",
    "LOAD_LABELS",
    "LOAD_MARK",
    "LOAD_STEP",
    "ORGANIZATION",
    "ORGANIZATION_KINDS",
    "PLACE_KINDS",
    "PROPOSAL",
    "PROPOSED",
    "RETIRED",
    "RETIRED_TIE",
    "WILLINGNESS",
    "Kind",
    "kind_of",
    "kind_words",
    "labels_of",
    "parse_kind",
]

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
#: The introduction workflow's records: asks for introductions, and introducers' willingness.
ASK = "Ask"
WILLINGNESS = "Willingness"
CURATION_LABELS = (
    RETIRED,
    RETIRED_TIE,
    CHANGE,
    CHANGE_LOG,
    PROPOSAL,
    PROPOSED,
    LOAD_BEFORE,
    ASK,
    WILLINGNESS,
)
LOADED_IN = "loaded_in"
#: A load under way (``loaders.transactions``): the nodes it adds carry only ``Loading`` (their
#: labels to come in ``LOADING_LABELS``) until it is published, so that no read of the graph can
#: meet them; ``LoadStep`` records hold the rows it will write on facts already there, and the one
#: ``LoadMark`` says where the load stands.
LOADING = "Loading"
LOADING_LABELS = "loading_labels"
LOAD_STEP = "LoadStep"
LOAD_MARK = "LoadMark"
LOAD_LABELS = (LOADING, LOAD_STEP, LOAD_MARK)
#: Curation's bookkeeping on entities and ties: not facts (never read from files, shown apart).
BOOKKEEPING = frozenset({"version", "changed_at", "changed_by", "retired_at", "retired_by", LOADED_IN})


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
