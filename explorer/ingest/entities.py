"""From names to entities: the mentions of one article grouped into the entities they name,
each linked to an entity of the graph or proposed as a new one with its kind and country.

A mention links by its name, French name or alias (case and accents ignored); an acronym
that the article defines ("l'Institut Paoli Calmettes (IPC)") by what it stands for; a short
form by the full name the article used before ("Abreos" after "Abreos Biosciences"); a name
written a little differently by similarity. Links that are not certain (a short form only the
graph knows, a similar name, several entities with that name) carry their candidates, for a
person to choose.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from explorer import model
from explorer.ingest.cues import places
from explorer.ingest.gazetteer import Gazetteer, Known, name_key
from explorer.ingest.mentions import Mention, Sentence

__all__ = ["FoundEntity", "link_entities"]

#: How a mention was linked: to an entity of the graph for sure, or not for sure.
#: Legal forms a company's name may carry or not ("Cytoo" and "Cytoo Inc." are one company).
_LEGAL_FORMS = frozenset(
    "inc ltd llc plc corp co sa sas sasu sarl sca ag gmbh bv nv ab as oy kk spa srl se".split()  # noqa: SIM905
)
SURE = ("name", "acronym", "short")
UNSURE = ("similar", "ambiguous", "graph-short")


@dataclass
class FoundEntity:
    """An entity the article names: linked (``id``), or new (``proposed_id``)."""

    index: int
    name: str
    kind: str
    certain: bool
    country: str | None = None
    id: str | None = None
    how: str = "new"
    candidates: tuple[Known, ...] = ()
    mentions: list[Mention] = field(default_factory=list)
    proposed_id: str | None = None
    nouns: set[str] = field(default_factory=set)
    acronym: str | None = None
    #: Whether anything but capitals says it is a name (else proposed only when a tie needs it).
    evidence: bool = True

    @property
    def is_new(self) -> bool:
        return self.id is None

    @property
    def sure(self) -> bool:
        """Linked for sure, or new: no choice is left to the reviewer."""
        return self.how not in UNSURE

    @property
    def ref(self) -> str:
        """What ties name it by: the graph's id when linked for sure, else its proposed id."""
        if self.id is not None and self.sure:
            return self.id
        return self.proposed_id or model.slugify(self.name)

    def first_paragraph(self, sentences: Sequence[Sentence]) -> int:
        return min(sentences[m.sentence].paragraph for m in self.mentions) if self.mentions else 1


_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&]{1,9}")
_POSSESSIVE = ("'s", "’s", "'", "’")


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w)


def _looks_like_acronym(token: str) -> bool:
    return bool(_ACRONYM.fullmatch(token)) and sum(c.isupper() for c in token) >= 2


def _stands_for(acronym: str, mention: Mention) -> bool:
    """Whether ``acronym`` can stand for ``mention``: its initials (some small words skipped),
    or its letters in order, from the same first letter ("MassMEDIC", "DSDBI")."""
    letters = acronym.lower().replace("&", "")
    words = mention.words
    every = _initials(words)
    if not letters or not every or letters[0] != every[0]:
        return False
    if letters == every:
        return True
    capitals = "".join(w[0] for w, t in zip(words, mention.text.split(), strict=False) if t[:1].isupper())
    if letters == capitals.lower() or (len(letters) >= 2 and set(letters) <= set(every) and len(words) > 1):
        return True
    rest = iter(" ".join(words))
    return len(words) >= 2 and all(c in rest for c in letters)


def acronyms(sentences: Sequence[Sentence]) -> dict[str, Mention]:
    """Acronyms the article defines: "Long Name (LN)", "Long Name's (LN's)" or "LN (Long Name)"."""
    found: dict[str, Mention] = {}
    for sentence in sentences:
        doc = sentence.doc
        for mention in sentence.mentions:
            end = mention.end
            if end < len(doc) and doc[end].text in _POSSESSIVE:
                end += 1
            if end + 2 < len(doc) and doc[end].text == "(":
                token = doc[end + 1].text
                close = end + 2 + (doc[end + 2].text in _POSSESSIVE)
                if (
                    close < len(doc)
                    and doc[close].text == ")"
                    and _looks_like_acronym(token)
                    and _stands_for(token, mention)
                ):
                    found.setdefault(token, mention)
            if _looks_like_acronym(mention.text):
                inner = [m for m in sentence.mentions if m.start == mention.end + 1 and m is not mention]
                opens = mention.end < len(doc) and doc[mention.end].text == "("
                if inner and opens and _stands_for(mention.text, inner[0]):
                    found.setdefault(mention.text, inner[0])
    return found


class _Linker:
    def __init__(self, sentences: Sequence[Sentence], gazetteer: Gazetteer) -> None:
        self.sentences = sentences
        self.gazetteer = gazetteer
        self.entities: list[FoundEntity] = []
        self.by_id: dict[str, FoundEntity] = {}
        self.by_key: dict[str, FoundEntity] = {}

    def add(self, mention: Mention, **values: object) -> FoundEntity:
        entity = FoundEntity(len(self.entities), mention.text, mention.kind or "Company", mention.certain)
        for key, value in values.items():
            setattr(entity, key, value)
        self.entities.append(entity)
        return entity

    def join(self, entity: FoundEntity, mention: Mention) -> None:
        entity.mentions.append(mention)
        mention.entity = entity.index
        if mention.noun:
            entity.nouns.add(mention.noun)
        self.by_key.setdefault(mention.key, entity)

    def known(self, knowns: Sequence[Known], mention: Mention, how: str) -> FoundEntity:
        """The entity for a mention the gazetteer knows (one or several candidates)."""
        choices = list(knowns)
        if len(choices) > 1 and mention.noun:
            hinted = [k for k in choices if k.kind == _noun_kind(mention)]
            choices = hinted or choices
        if len(choices) > 1:
            in_graph = [k for k in choices if k.in_graph]
            choices = in_graph or choices
        if len(choices) == 1:
            known = choices[0]
            if known.id in self.by_id:
                return self.by_id[known.id]
            entity = self.add(
                mention,
                name=known.name,
                kind=known.kind,
                certain=True,
                country=known.country,
                id=known.id if known.in_graph else None,
                proposed_id=None if known.in_graph else known.id,
                how=how if known.in_graph else "place",
            )
            self.by_id[known.id] = entity
            return entity
        key = f"?{mention.key}"
        if key in self.by_key:
            return self.by_key[key]
        entity = self.add(
            mention, how="ambiguous", candidates=tuple(choices), kind=choices[0].kind, certain=True
        )
        self.by_key[key] = entity
        return entity

    def shorter(self, mention: Mention) -> FoundEntity | None:
        """An entity the article named in full before, of which ``mention`` is a short form."""
        words = mention.words
        if not words:
            return None
        matches = []
        known = places()
        bare = _bare(words)
        for entity in self.entities:
            full = name_key(entity.name).split()
            organisation = entity.kind in model.ORGANIZATION_KINDS and mention.kind != "Person"
            if organisation and _bare(full) == bare and full != words:
                matches.append(entity)  # "Cytoo Inc." and "Cytoo": one company
                continue
            if organisation and len(words) > len(bare) and full[: len(bare)] == bare:
                matches.append(entity)  # "Cytoo Inc." after "Cytoo Cell Architects"
                continue
            if len(full) <= len(words):
                if entity.kind == "Person" and mention.kind == "Person" and _same_person(full, words):
                    matches.append(entity)  # "Mathhew Iles" after "Matthew Iles"
                continue
            surname = entity.kind == "Person" and len(words) <= 2 and full[-len(words) :] == words
            lead = " ".join(full[: len(full) - len(words)])
            placed = known.region_country(lead) or known.city_country(lead)
            if surname or (
                organisation and (full[: len(words)] == words or (full[-len(words) :] == words and placed))
            ):
                matches.append(
                    entity
                )  # "Abreos" after "Abreos Biosciences"; "BioValley" after "Alsace BioValley"
        return matches[0] if len(matches) == 1 else None

    def link(self, mention: Mention, acronym_of: dict[str, Mention]) -> None:
        if mention.known:
            self.join(self.known(mention.known, mention, "name"), mention)
            return
        if mention.text in acronym_of and acronym_of[mention.text] is not mention:
            long_form = acronym_of[mention.text]
            if long_form.entity is not None:
                target = self.entities[long_form.entity]
                target.acronym = mention.text
                self.join(target, mention)
                return
        if mention.key in self.by_key:
            self.join(self.by_key[mention.key], mention)
            return
        found = self.gazetteer.lookup(mention.text, mention.text)
        if found:
            self.join(self.known(found, mention, "name"), mention)
            return
        short = self.shorter(mention)
        if short is not None:
            self.join(short, mention)
            return
        if mention.kind == "Person":
            partial = self.gazetteer.surname(mention.text) if len(mention.words) == 1 else []
        elif mention.kind in model.ORGANIZATION_KINDS and len(mention.words) == 1:
            partial = [k for k in self.gazetteer.first_word(mention.text) if k.in_graph]
        else:
            partial = []
        similar = [k for k, _ in self.gazetteer.similar(mention.text)] if not partial else []
        candidates = partial or similar
        if candidates:
            kinds_fit = [k for k in candidates if not mention.certain or k.kind == mention.kind]
            candidates = kinds_fit or candidates
            how = "graph-short" if partial else "similar"
            entity = self.add(mention, how=how, candidates=tuple(candidates), id=candidates[0].id)
            entity.kind = candidates[0].kind
            entity.country = candidates[0].country
            entity.certain = True
            self.join(entity, mention)
            return
        entity = self.add(mention, country=mention.country)
        self.join(entity, mention)


def _bare(words: Sequence[str]) -> list[str]:
    """A company's name without its legal form ("cytoo inc" -> "cytoo")."""
    return list(words[:-1]) if len(words) > 1 and words[-1] in _LEGAL_FORMS else list(words)


def _same_person(full: Sequence[str], words: Sequence[str]) -> bool:
    """Two spellings of one person's name: the same surname, and first names a letter apart."""
    from rapidfuzz.distance import Levenshtein

    return (
        len(full) == len(words) >= 2
        and full[-1] == words[-1]
        and full != list(words)
        and Levenshtein.distance(" ".join(full[:-1]), " ".join(words[:-1])) <= 1
    )


def _noun_kind(mention: Mention) -> str | None:
    from explorer.ingest.cues import cues

    for lang in model.LANGS:
        kind = cues(lang).kind_nouns.get(mention.noun or "")
        if kind:
            return kind
    return None


def _settle(entity: FoundEntity, taken: set[str], gazetteer: Gazetteer) -> None:
    """A new entity's kind and country from its mentions, and an id no other entity has."""
    if entity.how in ("new",):
        sure = [m.kind for m in entity.mentions if m.certain and m.kind]
        votes = Counter(sure or [m.kind for m in entity.mentions if m.kind])
        if votes:
            entity.kind = votes.most_common(1)[0][0]
        entity.certain = bool(sure)
        entity.evidence = any(m.evidence for m in entity.mentions)
        longest = max(entity.mentions, key=lambda m: (len(m.words), -m.sentence))
        entity.name = longest.text
        countries = [m.country for m in entity.mentions if m.country]
        entity.country = entity.country or (countries[0] if countries else None)
    if entity.is_new or not entity.sure:
        base = entity.proposed_id or model.slugify(entity.name) or "entity"
        candidate = base
        if candidate in taken or (entity.how != "place" and candidate in gazetteer.known):
            candidate = f"{base}-{entity.kind.lower()}"
        n = 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        entity.proposed_id = candidate
        taken.add(candidate)


def link_entities(sentences: Sequence[Sentence], gazetteer: Gazetteer) -> list[FoundEntity]:
    """The entities the article names, each with its mentions (whose ``entity`` is set)."""
    linker = _Linker(sentences, gazetteer)
    defined = acronyms(sentences)
    mentions = [m for s in sentences for m in s.mentions if not m.anaphor]
    ordered = sorted(mentions, key=lambda m: (-len(m.words), bool(m.known) is False, m.sentence, m.start))
    for mention in ordered:
        linker.link(mention, defined)
    taken: set[str] = set()
    for entity in linker.entities:
        _settle(entity, taken, gazetteer)
    order = {e.index: min((m.sentence, m.start) for m in e.mentions) for e in linker.entities}
    entities = sorted(linker.entities, key=lambda e: order[e.index])
    renumber = {e.index: n for n, e in enumerate(entities)}
    for entity in entities:
        entity.index = renumber[entity.index]
        for mention in entity.mentions:
            mention.entity = entity.index
    return entities
