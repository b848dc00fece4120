"""People's roles: who leads, works at or sits on the board of which organisation, read around
each person a sentence names rather than from the nearest names.

The shapes read, in both languages: a role set after the person ("Bill Sharp, president of
Cytoo"; "Matthew Iles, General Manager, AbbVie"; "Emilie Romeo (Lyonbiopole) - coordinator"),
before the person ("Biocom CEO Joe Panetta", "Cytoo's president Bill Sharp", "président de
Genopole, Pierre Tambourin", "son PDG, Bruno Buisson"), inside brackets after an organisation
("BioMedical Alliance (70 adhérents, président : Jean Dupont)"), after a heading that names the
organisation ("Les dirigeants du pôle : A directeur adjoint, B président"), and lists of people
after a board cue ("Board of Directors: Trine Winterø, University of Copenhagen, ..."): each a
board seat, held for the organisation written with the person.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from explorer import model
from explorer.ingest.cues import Cue, Cues, fold_word
from explorer.ingest.entities import FoundEntity
from explorer.ingest.mentions import Sentence
from explorer.ingest.slots import Slot, fits

__all__ = ["Role", "RoleReader"]

#: Words a role and its organisation may have between them ("CEO of", "PDG de la société").
_LINKS = frozenset(
    "of at de du des d' d chez from for with for the a an la le les l' l , : - ( à au aux".split()  # noqa: SIM905
)
#: Words that end what is said of a person (a clause starts).
_STOPS = frozenset('qui who which whose dont que that « » “ ” " ; said says a dit'.split())  # noqa: SIM905
_ZONE = 22


@dataclass
class Role:
    """A role phrase in a sentence and what it states."""

    start: int
    end: int
    cue: Cue
    text: str
    deputy: bool = False
    board: bool = False

    @property
    def types(self) -> tuple[str, ...]:
        if self.board:
            return ("BOARD_SEAT",)
        return ("WORKS_AT",) if self.deputy else self.cue.relation.types


class RoleReader:
    """Reads the roles of one sentence; ``resolve`` gives a slot's entity, ``add`` records a tie."""

    def __init__(
        self,
        cues: Cues,
        compiled: Sequence[Cue],
        resolve: Callable[[Slot, set[int]], FoundEntity | None],
        add: Callable[..., None],
    ) -> None:
        self.cues = cues
        self.cues_of_roles = [c for c in compiled if c.relation.shape == "role"]
        self.resolve, self.add = resolve, add
        self.board_of: FoundEntity | None = None

    # -- role phrases ------------------------------------------------------------------------

    def phrases(self, sentence: Sentence, inside: set[int]) -> list[Role]:
        doc = sentence.doc
        surfaces = [fold_word(t.text) for t in doc]
        lemmas = [fold_word(t.lemma_) if t.lemma_ else s for t, s in zip(doc, surfaces, strict=True)]
        found: list[Role] = []
        at = 0
        while at < len(doc):
            cue = next(
                (c for c in self.cues_of_roles if c.match(surfaces, lemmas, at) and at not in inside), None
            )
            if cue is None:
                at += 1
                continue
            end = at + len(cue.words)
            deputy = any(w in self.cues.deputies for w in surfaces[max(0, at - 1) : end + 1])
            board = "BOARD_SEAT" in cue.relation.types or self._of_board(surfaces, end)
            start = at - 1 if at and surfaces[at - 1] in self.cues.deputies else at
            found.append(Role(start, end, cue, doc[start:end].text, deputy and not board, board))
            at = end
        return found

    def _of_board(self, surfaces: Sequence[str], end: int) -> bool:
        """ "chairman of the board", "vice-président du conseil d'administration"."""
        window = " ".join(surfaces[end : end + 6])
        return any(f" {b} " in f" {window} " for b in self.cues.boards) and surfaces[end : end + 1] != [","]

    # -- one sentence ---------------------------------------------------------------------------

    def read(
        self, sentence: Sentence, slots: Sequence[Slot], entities: Sequence[FoundEntity], spoken_of: Any
    ) -> set[int]:
        """Ties of people's roles in ``sentence``; the tokens of the role phrases it used."""
        inside = {i for s in slots for i in range(s.start, s.end)}
        roles = self.phrases(sentence, inside)
        people = [
            s
            for s in slots
            if s.entity is not None and entities[s.entity].kind == "Person" and entities[s.entity].certain
        ]
        if not people:
            self._remember_board(sentence, slots, roles)
            return set()
        board = self._board(sentence, slots, roles, spoken_of)
        heading = self._heading(sentence, slots, people[0])
        used: set[int] = set()
        for n, slot in enumerate(people):
            person = entities[slot.entity]  # type: ignore[index]
            low = people[n - 1].end if n else 0
            high = people[n + 1].start if n + 1 < len(people) else len(sentence.doc)
            affiliation = self._person(sentence, slots, roles, slot, person, (low, high), heading, spoken_of)
            if board is not None:
                self._seat(sentence, slot, person, board, roles, affiliation)
            used |= {i for r in roles for i in range(r.start, r.end)}
        return used

    def _person(
        self,
        sentence: Sentence,
        slots: Sequence[Slot],
        roles: Sequence[Role],
        slot: Slot,
        person: FoundEntity,
        bounds: tuple[int, int],
        heading: Slot | None,
        spoken_of: Any,
    ) -> FoundEntity | None:
        """The roles said of one person; the organisation written with them (their affiliation)."""
        doc = sentence.doc
        after_end = self._zone_end(sentence, slot.end, bounds[1])
        before_start = max(bounds[0], slot.start - 8)
        orgs = [s for s in slots if s.entity is None or s is not slot]
        orgs = [s for s in orgs if not (s.entity is not None and s.entity == slot.entity)]
        after = [s for s in orgs if slot.end <= s.start < after_end]
        after_roles = [r for r in roles if slot.end <= r.start < after_end]
        before_roles = [r for r in roles if before_start <= r.start and r.end <= slot.start]
        affiliation: FoundEntity | None = None
        paired: set[int] = set()
        pending: list[Role] = []
        items: list[Role | Slot] = sorted([*after, *after_roles], key=lambda x: x.start)
        for item in items:
            if isinstance(item, Role):
                org = self._org_right_after(doc, orgs, item.end, after_end)
                if org is not None:
                    self._tie(sentence, person, item, org, slot)
                    paired.add(org.start)
                    affiliation = affiliation or self.resolve(org, {person.index})
                else:
                    pending.append(item)
            elif item.start not in paired:
                found = self.resolve(item, {person.index})
                if found is None or found.kind not in model.ORGANIZATION_KINDS | {"Initiative", "Alliance"}:
                    continue
                if pending:
                    self._tie(sentence, person, pending.pop(0), item, slot)
                affiliation = affiliation or found
                paired.add(item.start)
        for role in before_roles:
            owner = self._org_of_role_before(doc, orgs, role, slot, spoken_of)
            if isinstance(owner, FoundEntity):
                if owner.index != person.index:
                    self._tie_entity(sentence, person, role, owner)
            elif owner is not None:
                self._tie(sentence, person, role, owner, slot)
                affiliation = affiliation or self.resolve(owner, {person.index})
            elif (affiliation is None and after) or role.end >= slot.start - 1:
                pending.append(role)
        owner = self._bracket_owner(doc, slots, slot) or heading
        if owner is not None:
            for role in pending:
                self._tie(sentence, person, role, owner, slot)
        elif pending and affiliation is not None:
            for role in pending:
                self._tie_entity(sentence, person, role, affiliation)
        return affiliation

    def _zone_end(self, sentence: Sentence, start: int, high: int) -> int:
        doc = sentence.doc
        for i in range(start, min(high, start + _ZONE)):
            token = doc[i]
            if fold_word(token.text) in _STOPS or (token.pos_ in ("VERB", "AUX") and token.dep_ != "amod"):
                return i
        return min(high, start + _ZONE)

    def _org_right_after(self, doc: Any, orgs: Sequence[Slot], end: int, limit: int) -> Slot | None:
        """An organisation written right after a role: "CEO of Cytoo", "PDG de la société X"."""
        for slot in orgs:
            if end <= slot.start < limit and slot.start - end <= 6:
                between = [fold_word(t.text) for t in doc[end : slot.start]]
                linked = all(
                    w in _LINKS or w in self.cues.kind_nouns or not doc[end + k].text[:1].isupper()
                    for k, w in enumerate(between)
                )
                if linked and ("," not in between[1:] or between[:1] == [","]):
                    return slot
            if slot.start >= end:
                break
        return None

    def _org_of_role_before(
        self, doc: Any, orgs: Sequence[Slot], role: Role, person: Slot, spoken_of: Any
    ) -> Slot | FoundEntity | None:
        """The organisation of a role written before the person: "Biocom CEO", "Cytoo's president",
        "président de Genopole, Pierre X", "son PDG"."""
        for slot in orgs:
            if slot.end <= role.start and role.start - slot.end <= 2:
                between = [t.text for t in doc[slot.end : role.start]]
                if all(w in ("'s", "’s", "'", "’") for w in between):
                    return slot
        inner = self._org_right_after(doc, orgs, role.end, person.start)
        if inner is not None:
            return inner
        owner = [fold_word(t.text) for t in doc[max(0, role.start - 2) : role.start]]
        if any(w in self.cues.possessives for w in owner) and spoken_of is not None:
            return spoken_of  # type: ignore[no-any-return]
        return None

    def _bracket_owner(self, doc: Any, slots: Sequence[Slot], person: Slot) -> Slot | None:
        """ "BioMedical Alliance (70 adhérents, président : Jean Dupont)": the organisation the
        bracket the person stands in belongs to."""
        depth = 0
        for i in range(person.start - 1, max(-1, person.start - 14), -1):
            text = doc[i].text
            if text == ")":
                depth += 1
            elif text == "(":
                if depth == 0:
                    return next((s for s in slots if s.end == i), None)
                depth -= 1
        return None

    def _heading(self, sentence: Sentence, slots: Sequence[Slot], first: Slot) -> Slot | None:
        """ "Les dirigeants du pôle : A, B et C": the organisation named before a colon that opens a
        list of people."""
        doc = sentence.doc
        colon = next((i for i in range(first.start) if doc[i].text == ":"), None)
        if colon is None:
            return None
        return next((s for s in reversed(slots) if s.end <= colon and s is not first), None)

    def _tie(self, sentence: Sentence, person: FoundEntity, role: Role, org: Slot, slot: Slot) -> None:
        found = self.resolve(org, {person.index})
        if found is not None:
            self._tie_entity(sentence, person, role, found)

    def _tie_entity(self, sentence: Sentence, person: FoundEntity, role: Role, org: FoundEntity) -> None:
        if role.board:
            return  # a board seat: read with the board (see _seat)
        rtype = next((t for t in role.types if fits(org, model.REL_TYPES[t].targets)), None)
        if rtype is None:
            return
        label = role.cue.relation.role if rtype == "LEADS" and role.cue.relation.role else role.text
        weight = role.cue.relation.weight * (0.9 if role.deputy else 1.0)
        self.add(sentence, rtype, person, org, role.cue, role.start, role.end, weight, {"role": label})

    # -- boards ---------------------------------------------------------------------------------

    def _board_words(self, sentence: Sentence) -> list[tuple[int, int]]:
        surfaces = [fold_word(t.text) for t in sentence.doc]
        found: list[tuple[int, int]] = []
        for board in sorted(self.cues.boards, key=lambda b: -len(b.split())):
            words = board.split()
            for i in range(len(surfaces) - len(words) + 1):
                if surfaces[i : i + len(words)] == words and not any(a <= i < b for a, b in found):
                    found.append((i, i + len(words)))
        return sorted(found)

    def _remember_board(self, sentence: Sentence, slots: Sequence[Slot], roles: Sequence[Role]) -> None:
        self._board(sentence, slots, roles)

    def _board(
        self, sentence: Sentence, slots: Sequence[Slot], roles: Sequence[Role], spoken_of: Any = None
    ) -> FoundEntity | None:
        """The organisation whose board the sentence speaks of ("MVA's Board of Directors", "le
        Bureau de X"; "the board": the one spoken of before, else the organisation the article
        speaks of)."""
        words = self._board_words(sentence)
        if not words:
            return None
        doc = sentence.doc
        for start, end in words:
            for slot in slots:
                gap = [t.text for t in doc[slot.end : start]]
                owner = (
                    slot.end <= start
                    and len(gap) <= 4
                    and all(not w[:1].isalpha() or w in ("'s", "’s") for w in gap)
                )
                of = end <= slot.start <= end + 2 and all(
                    fold_word(t.text) in _LINKS for t in doc[end : slot.start]
                )
                if owner or of:
                    found = self.resolve(slot, set())
                    if found is not None and found.kind in model.ORGANIZATION_KINDS:
                        self.board_of = found
                        return found
        organisation = isinstance(spoken_of, FoundEntity) and spoken_of.kind in model.ORGANIZATION_KINDS
        if self.board_of is None and organisation:
            self.board_of = spoken_of
        return self.board_of

    def _seat(
        self,
        sentence: Sentence,
        slot: Slot,
        person: FoundEntity,
        board: FoundEntity,
        roles: Sequence[Role],
        affiliation: FoundEntity | None,
    ) -> None:
        near = [
            r for r in roles if r.board and (0 <= slot.start - r.end <= 6 or 0 <= r.start - slot.end <= 2)
        ]
        cue = (
            near[0].cue
            if near
            else next((c for c in self.cues_of_roles if "BOARD_SEAT" in c.relation.types), None)
        )
        if cue is None or board.index == person.index:
            return
        properties: dict[str, Any] = {}
        if near and "BOARD_SEAT" not in near[0].cue.relation.types:
            properties["role"] = near[0].text
        if affiliation is not None and affiliation.index != board.index:
            properties["on_behalf_of"] = affiliation.ref
        at = near[0].start if near else slot.start
        self.add(sentence, "BOARD_SEAT", person, board, cue, at, slot.end, 0.8, properties)
