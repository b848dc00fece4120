"""Relationships stated by sentences: for each cue of the cue file found in a sentence, the
nearest entities of the kinds the relationship allows on each side, with the status the
wording gives ("va ouvrir", "will open": planned; "proposée", "would": proposed), the year it
began when one is stated, and how sure the reader is.

The rule is deliberately simple (a cue and its nearest fitting neighbours): on business press
it beats a dependency parse, which cuts long French sentences in the wrong places. Two small
kinds of reference are followed: "le pôle" or "the company" (the entity last named with that
word, or of that kind) and a possessive before a role ("son PDG": the organisation the
article was speaking of).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from explorer import model
from explorer.ingest.cues import Cue, Cues, fold_word
from explorer.ingest.entities import FoundEntity
from explorer.ingest.mentions import Sentence
from explorer.ingest.roles import RoleReader
from explorer.ingest.slots import Slot, fits, relative_clauses
from explorer.ingest.status import Wording
from explorer.ingest.ties import FoundTie, settle

__all__ = ["find_ties"]

#: Tokens the reader looks across, before a cue for its start and after it for its end.
_BEFORE = 40
_AFTER = 14
_START_AFTER = 10


class _Reader:
    def __init__(
        self,
        sentences: Sequence[Sentence],
        entities: Sequence[FoundEntity],
        cues: Cues,
        compiled: Sequence[Cue],
        wording: Wording,
    ) -> None:
        self.sentences = sentences
        self.entities = entities
        self.cues = cues
        self.compiled = compiled
        self.wording = wording
        self.ties: list[FoundTie] = []
        #: Entities named so far, most recent last (for "le pôle", "the company", "son PDG"), with
        #: where: (sentence, token).
        self.history: list[tuple[tuple[int, int], FoundEntity]] = []
        self.at: tuple[int, int] = (0, 0)
        self.current = 0
        self.headline = False
        #: The last organisation that did something, whatever the paragraph (for "son PDG").
        self.last_actor: FoundEntity | None = None
        self.topic: FoundEntity | None = None
        self.last_subject: FoundEntity | None = None
        self.nouns_of: dict[str, list[int]] = {}
        self.roles = RoleReader(cues, compiled, self.resolve, self.add)

    # -- words that stand for an entity -----------------------------------------------------

    def referent(self, noun: str | None, kind: str | None, avoid: set[int]) -> FoundEntity | None:
        """The entity a word such as "le pôle" stands for: named before it with that word, else
        the last one of its kind named before it."""
        before = [(where, e) for where, e in self.history if where < self.at and e.index not in avoid]
        named = {e.index for _, e in before}
        by_noun = [e for e in reversed(self.nouns_of.get(noun or "", [])) if e in named]
        if by_noun:
            return self.entities[by_noun[0]]
        for _, entity in reversed(before):
            if entity.kind == kind:
                return entity
        return None

    def anaphors(self, sentence: Sentence, surfaces: list[str]) -> list[Slot]:
        """ "le pôle", "du cluster", "the company": a definite word for an entity named before."""
        slots: list[Slot] = []
        taken = {i for m in sentence.mentions for i in range(m.start, m.end)}
        definite = {"le", "la", "de", "du", "au", "the", "this", "that"}
        nouns = sorted(self.cues.kind_nouns, key=lambda n: -len(n.split()))
        i = 1
        while i < len(surfaces):
            for noun in nouns:
                words = noun.split()
                end = i + len(words)
                if surfaces[i:end] != words or any(k in taken for k in range(i, end)):
                    continue
                if surfaces[i - 1] not in definite:
                    continue
                following = [
                    m
                    for m in sentence.mentions
                    if m.start == end
                    or (
                        m.start == end + 1
                        and (surfaces[end] in self.cues.demonyms or sentence.doc[end].pos_ == "ADJ")
                    )
                ]
                if following:  # "le pôle Eurobiomed": a name follows, nothing to stand for
                    continue
                kind = self.cues.kind_nouns[noun]
                if kind in ("Person",):
                    continue
                named = self.apposed(sentence, end, kind)
                slots.append(Slot(i, end, named, kind, noun, referent=named is None))
                i = end - 1
                break
            i += 1
        return slots

    def apposed(self, sentence: Sentence, end: int, kind: str) -> int | None:
        """ "la biotech basée à Aix-en-Provence, Neuroservices,": the name set after the word."""
        doc = sentence.doc
        for mention in sentence.mentions:
            if (
                mention.entity is None
                or not 0 < mention.start - end <= 8
                or doc[mention.start - 1].text != ","
            ):
                continue
            entity = self.entities[mention.entity]
            if entity.kind == kind or (not entity.certain and kind in model.ORGANIZATION_KINDS):
                return entity.index
        return None

    # -- one sentence ---------------------------------------------------------------------------

    def sentence(self, sentence: Sentence) -> None:
        self.current = sentence.index
        self.headline = sentence.paragraph == 1 and sentence.index == 0
        doc = sentence.doc
        surfaces = [fold_word(t.text) for t in doc]
        lemmas = [fold_word(t.lemma_) if t.lemma_ else s for t, s in zip(doc, surfaces, strict=True)]
        slots = [Slot(m.start, m.end, m.entity, None) for m in sentence.mentions if m.entity is not None]
        slots += self.anaphors(sentence, surfaces)
        slots.sort(key=lambda s: s.start)
        self.remember(sentence, slots)
        inside = {i for s in slots for i in range(s.start, s.end)}
        inside |= self.roles.read(sentence, slots, self.entities, self.last_actor or self.topic)
        used: set[tuple[int, int, str]] = set()
        for at in range(len(doc)):
            if at in inside:
                continue
            for cue in self.compiled:
                if cue.relation.shape == "role" or not cue.match(surfaces, lemmas, at):
                    continue
                end = at + len(cue.words)
                if any(k in inside for k in range(at, end)) or (at, end, cue.relation.types[0]) in used:
                    continue
                used.add((at, end, cue.relation.types[0]))
                self.chain(sentence, slots, cue, at, end)
        orgs = [
            self.entities[s.entity]
            for s in slots
            if s.entity is not None and self.entities[s.entity].kind in model.ORGANIZATION_KINDS
        ]
        if orgs:
            self.topic = orgs[0]

    def remember(self, sentence: Sentence, slots: Sequence[Slot]) -> None:
        """The entities this sentence names, for the words that stand for them (in order, so
        "le réseau" after "Bio Japan" in the same sentence finds it)."""
        for slot in slots:
            if slot.entity is None:
                continue
            entity = self.entities[slot.entity]
            self.history.append(((sentence.index, slot.start), entity))
            for mention in entity.mentions:
                if mention.sentence == sentence.index and mention.noun:
                    for noun in {mention.noun, mention.noun.split()[0]}:
                        self.nouns_of.setdefault(noun, []).append(entity.index)

    def resolve(self, slot: Slot, avoid: set[int]) -> FoundEntity | None:
        if slot.entity is not None:
            return self.entities[slot.entity]
        self.at = (self.current, slot.start)
        return self.referent(slot.noun, slot.kind, avoid)

    def chain(self, sentence: Sentence, slots: list[Slot], cue: Cue, at: int, end: int) -> None:
        relation = cue.relation
        types = [model.REL_TYPES[t] for t in relation.types]
        sources = frozenset().union(*(t.sources for t in types))
        targets = frozenset().union(*(t.targets for t in types))
        before = [s for s in slots if s.end <= at and at - s.end <= _BEFORE]
        nested = relative_clauses(sentence, at)
        if not relation.reverse:  # "X, which joined Y in 2022, opened...": X opened, not Y
            before = [s for s in before if not any(a <= s.start and s.end <= b for a, b in nested)] or before
        after = [s for s in slots if s.start >= end and s.start - end <= _AFTER]
        if relation.many:  # a list goes on as long as its items follow each other closely
            for slot in slots:
                if after and slot.start > after[-1].end and slot.start - after[-1].end <= _AFTER:
                    after.append(slot)
        if relation.reverse:
            starts_side, ends_side = after, list(reversed(before))
        else:
            starts_side, ends_side = list(reversed(before)), after
        options: list[tuple[FoundEntity | None, float, bool]] = [
            (self.pick(starts_side, sources, set()), 1.0, False)
        ]
        if not relation.reverse:  # "Son PDG, Jean Marchal, a signé un partenariat": his company signed
            led = [self.led_by(s.entity) for s in reversed(before) if s.entity is not None]
            options.append((next((e for e in led if e is not None and fits(e, sources)), None), 0.8, False))
        if not relation.reverse:
            near = [s for s in after if s.start - end <= _START_AFTER]
            options.append((self.pick(near, sources, set()), 0.85, False))
            if not any(s.entity is not None and fits(self.entities[s.entity], sources) for s in before):
                last = self.last_subject if self.last_subject and fits(self.last_subject, sources) else None
                options.append((last, 0.7, True))
        for start, factor, carried in options:
            if start is None:
                continue
            ends = self.picks(ends_side, targets, {start.index}, many=relation.many)
            if not ends and any(t.symmetric for t in types):
                ends = self.partner_before(sentence, before, start, targets)
            found = False
            for target, distance in ends:
                rtype = next((t for t in types if fits(start, t.sources) and fits(target, t.targets)), None)
                if rtype is None:
                    continue
                spread = abs(distance) + 1
                confidence = relation.weight * factor * max(0.55, 1 - 0.012 * spread)
                self.add(sentence, rtype.name, start, target, cue, at, end, confidence)
                found = True
            if found:
                if not carried:
                    self.last_subject = self.last_actor = start
                return

    def partner_before(
        self, sentence: Sentence, before: Sequence[Slot], start: FoundEntity, kinds: frozenset[str]
    ) -> list[tuple[FoundEntity, int]]:
        """ "Eurobiomed et Biocom ont signé un partenariat": two parties named together first."""
        fitting = [s for s in before if s.entity is not None and fits(self.entities[s.entity], kinds)]
        for first, second in itertools.pairwise(fitting):
            if self.entities[second.entity].index != start.index:  # type: ignore[index]
                continue
            between = [fold_word(t.text) for t in sentence.doc[first.end : second.start]]
            words = {fold_word(w) for w in self.cues.coordination} | {"with", "avec"}
            if between and all(
                w in words or w in self.cues.determiners or w in self.cues.kind_nouns for w in between
            ):
                return [(self.entities[first.entity], 0)]  # type: ignore[index]
        return []

    def led_by(self, person: int) -> FoundEntity | None:
        """The organisation a person of the article leads, when a tie says so already."""
        if self.entities[person].kind != "Person":
            return None
        leads = [t for t in self.ties if t.type == "LEADS" and t.start == person]
        return self.entities[leads[-1].end] if leads else None

    def pick(self, side: Sequence[Slot], kinds: frozenset[str], avoid: set[int]) -> FoundEntity | None:
        for slot in side:
            found = self.resolve(slot, avoid)
            if found is not None and found.index not in avoid and fits(found, kinds):
                return found
        return None

    def picks(
        self, side: Sequence[Slot], kinds: frozenset[str], avoid: set[int], *, many: bool
    ) -> list[tuple[FoundEntity, int]]:
        chosen: list[tuple[FoundEntity, int]] = []
        for distance, slot in enumerate(side):
            found = self.resolve(slot, avoid)
            if found is None or found.index in avoid:
                continue
            if fits(found, kinds):
                chosen.append((found, distance))
                avoid = avoid | {found.index}
                if not many:
                    break
            elif chosen:
                break  # a list ends at an entity of another kind
        return chosen

    def add(
        self,
        sentence: Sentence,
        rtype: str,
        start: FoundEntity,
        end: FoundEntity,
        cue: Cue,
        at: int,
        stop: int,
        confidence: float,
        properties: dict[str, Any] | None = None,
    ) -> None:
        if start.index == end.index:
            return
        spans = [m for m in start.mentions + end.mentions if m.sentence == sentence.index]
        lo = min([at, *(m.start for m in spans)]) - 3
        hi = max([stop, *(m.end for m in spans)]) + 3
        status = self.wording.status(sentence, min(lo, at - 6), hi, cue.relation.status)
        certainty = 1.0 if start.sure and end.sure else 0.85
        if self.headline:  # a headline is telegraphic: the body says it better
            certainty *= 0.95
        if start.is_new and end.is_new:
            certainty *= 0.95
        self.ties.append(
            FoundTie(
                rtype,
                start.index,
                end.index,
                sentence.index,
                sentence.paragraph,
                sentence.text,
                round(min(0.99, confidence * certainty), 2),
                status,
                self.wording.since(sentence, lo, hi)
                if status == "active" or rtype in ("PARTNER_OF", "MEMBER_OF")
                else None,
                cue=cue.text,
                properties=dict(properties or {}),
            )
        )


def find_ties(
    sentences: Sequence[Sentence],
    entities: Sequence[FoundEntity],
    cues: Cues,
    compiled: Sequence[Cue],
    tokenize: Any,
) -> list[FoundTie]:
    """Every relationship the article states between the entities it names."""
    reader = _Reader(sentences, entities, cues, compiled, Wording.of(cues, tokenize))
    paragraph = 0
    for sentence in sentences:
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            reader.last_subject = None  # a sentence with no subject continues its own paragraph only
        reader.sentence(sentence)
    return settle(reader.ties, entities)
