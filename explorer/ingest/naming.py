"""What a span of capitalised words names: the name inside it (titles, roles, determiners and kind
nouns around it set aside) and what kind of thing it is, with how the reader knows.

Evidence of a kind comes, surest first, from the places and countries the reader knows, the
name's own first or last word ("Abreos Biosciences", "Institut Curie"), a title ("Dr", "Mme"),
a kind noun before it ("la biotech Neuroservices"), the language model's label (a person, an
organisation, a place), a first name, and a kind noun after it (", a biotech"). A name with
none of these is kept as an organisation of unknown kind, proposed only when a tie needs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer import countries
from explorer.ingest.cues import Cues, Places, fold_word
from explorer.ingest.gazetteer import name_key
from explorer.ingest.spans import is_capitalised
from explorer.model import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["CONNECTORS", "Kind", "Namer", "phrase_before"]

CONNECTORS = frozenset(
    [
        "of",
        "de",
        "du",
        "des",
        "d'",
        "d",
        "&",
        "-",
        "for",
        "la",
        "le",
        "les",
        "lès",
        "en",
        "sur",
        "sous",
        "von",
        "van",
        "der",
        "den",
        "di",
        "da",
        "del",
        "al",
        "el",
        "y",
        "und",
        "and'",
    ]
)
#: Parts of speech that a one-word name never has (when the language's model tells them).
_NOT_NAMES = frozenset({"VERB", "AUX", "ADV", "ADJ", "PRON", "DET", "ADP", "CCONJ", "SCONJ", "NUM", "INTJ"})


@dataclass(frozen=True)
class Kind:
    """A name's kind: ``certain`` when the reader has evidence of it; ``evidence`` false when
    nothing but its capitals says it is a name at all."""

    kind: str | None
    certain: bool
    evidence: bool = True


_NOT_BETWEEN = CONNECTORS | {"and", "et", "or", "ou", "with", "avec", "the", "a", "an", "un", "une"}


def phrase_before(
    tokens: Sequence[str], end: int, phrases: Iterable[str], skip: int = 2
) -> tuple[str, int] | None:
    """The longest phrase among ``phrases`` that ends at token ``end`` (a few adjectives may sit
    between, such as "le cluster américain"), with where it starts."""
    best: tuple[str, int] | None = None
    for phrase in phrases:
        words = phrase.split()
        for gap in range(skip + 1):
            if gap and (not tokens[end - gap].isalpha() or tokens[end - gap] in _NOT_BETWEEN):
                break  # only adjectives between: "du pôle, Emilie Royère" is not "le pôle Emilie Royère"
            stop = end - gap
            begin = stop - len(words)
            if begin < 0:
                continue
            if list(tokens[begin:stop]) == words and (best is None or len(words) > len(best[0].split())):
                best = (phrase, begin)
    return best


class Namer:
    """Cleans and describes the names of one language."""

    def __init__(self, cues: Cues, places: Places) -> None:
        self.cues, self.places = cues, places
        self.nouns = sorted(cues.kind_nouns, key=lambda n: -len(n.split()))
        self.roles = sorted(cues.roles, key=lambda n: -len(n.split()))

    def role_at(self, folded: Sequence[str], at: int) -> int:
        """How many tokens a role phrase ("General Manager", "CEO") takes from ``at`` (0: none)."""
        if folded[at] not in self.cues.role_starts:
            return 0
        for role in self.roles:
            words = role.split()
            if list(folded[at : at + len(words)]) == words:
                return len(words)
        return 0

    def role_before(self, folded: Sequence[str], start: int) -> bool:
        """Whether a role phrase ends right before ``start`` ("CEO Joe Panetta", "General Manager Iles")."""
        return any(self.role_at(folded, k) == start - k for k in range(max(0, start - 4), start))

    def role_of_before(self, folded: Sequence[str], start: int) -> bool:
        """Whether a role and a linking word come right before ``start`` ("CEO of", "président du")."""
        k = start
        while (
            k > 0
            and start - k < 3
            and (folded[k - 1] in self.cues.determiners or folded[k - 1] in CONNECTORS)
        ):
            k -= 1
        return k < start and self.role_before(folded, k)

    def split(self, doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
        """``start``..``end`` cut at role words: "Biocom CEO Joe Panetta" -> Biocom, Joe Panetta."""
        folded = [fold_word(t.text) for t in doc]
        parts: list[tuple[int, int]] = []
        i = begin = start
        while i < end:
            taken = self.role_at(folded, i)
            if taken:
                if i > begin:
                    parts.append((begin, i))
                i = begin = i + taken
                continue
            i += 1
        if begin < end:
            parts.append((begin, end))
        return parts

    def clean(self, doc: Doc, start: int, end: int) -> tuple[int, int, dict[str, str]] | None:
        """The name inside ``start``..``end`` (leading and trailing words that are not part of
        it dropped) and what the dropped words said: a kind noun, a country, a title."""
        said: dict[str, str] = {}
        cues = self.cues
        folded = [fold_word(t.text) for t in doc]
        while start < end:
            word, text = folded[start], doc[start].text
            noun = phrase_before(folded, start + 1, self.nouns, skip=0)
            if noun and noun[1] >= start - 1 and not is_capitalised(text):
                said.setdefault("noun", noun[0])
                start += 1
            elif word in cues.demonyms and (end - start > 1):
                said.setdefault("country", cues.demonyms[word])
                start += 1
            elif word.rstrip(".") in cues.titles and end - start > 1:
                said["title"] = word
                start += 1
            elif word in cues.determiners or not is_capitalised(text) or doc[start].is_punct:
                start += 1
            elif end - start > 1 and self._not_name_at(folded, start, end):
                start += self._not_name_at(folded, start, end)  # "Faculty of Medicine, Lund University"
            elif end - start > 1 and (name_key(text) in cues.drop or self.role_at(folded, start)):
                role = self.role_at(folded, start)
                start += max(1, role)
                if role and start < end and folded[start] in cues.determiners | CONNECTORS:
                    said["of_role"] = word  # "Président du Grand Lyon": what the role is of
            else:
                break
        while end > start and (
            folded[end - 1] in CONNECTORS or doc[end - 1].is_punct or not is_capitalised(doc[end - 1].text)
        ):
            if doc[end - 1].text in (".",) and end - start > 1 and len(doc[end - 2].text) <= 4:
                break  # "Inc." keeps its stop
            end -= 1
        if start >= end or not self._name_like(doc, start, end, folded):
            return None
        return start, end, said

    def _not_name_at(self, folded: Sequence[str], start: int, end: int) -> int:
        """How many tokens from ``start`` a phrase that is never a name takes (0: none)."""
        for phrase in self.cues.not_names:
            words = phrase.split()
            if len(words) < end - start and [w for w in folded[start : start + len(words)]] == words:
                return len(words)
        return 0

    def _name_like(self, doc: Doc, start: int, end: int, folded: Sequence[str]) -> bool:
        cues = self.cues
        key = name_key(doc[start:end].text)
        words = key.split()
        if not key or len(key) < 2 or end - start > 10 or key in cues.not_names:
            return False
        if key in cues.drop or all(w in cues.drop or w in cues.demonyms or w in cues.titles for w in words):
            return False  # "Board", "Several European", "North American", "Dr"
        if words[-1] in cues.events or words[0] in cues.events:
            return False  # an event ("BIO International Convention", "Salon Pollutec"), not an entity
        if self.role_at(list(folded), start) == end - start:
            return False  # a role alone: "General Manager", "Président"
        return not (end - start == 1 and (folded[start] in cues.demonyms or doc[start].pos_ in _NOT_NAMES))

    # -- kinds --------------------------------------------------------------------------------

    def describe(self, doc: Doc, start: int, end: int, said: dict[str, str], label: str) -> Kind:
        """Kind of a name the reader does not know, from the name and its context."""
        text = doc[start:end].text
        folded = [fold_word(t.text) for t in doc]
        words = name_key(text).split()
        cues = self.cues
        if self.places.region_country(text) is not None and not said.get("noun"):
            return Kind(None, True)  # a region: a place, but no entity of the model
        if countries.country_code(text) and len(text) > 2:
            return Kind("Country", True)
        if self.places.city_country(text):
            return Kind("City", True)
        for kinds, word in ((cues.kind_suffixes, words[-1]), (cues.kind_prefixes, words[0])):
            if len(words) >= 2 and word in kinds:
                return Kind(kinds[word], True)
        if len(words) >= 2 and " ".join(words[-2:]) in cues.kind_suffixes:
            return Kind(cues.kind_suffixes[" ".join(words[-2:])], True)
        glued = [x for x in cues.kind_suffixes if len(x) >= 6 and words[-1].endswith(x) and words[-1] != x]
        if glued:  # "Alsace BioValley", "Genopharma"
            return Kind(cues.kind_suffixes[max(glued, key=len)], True)
        person_sized = 2 <= len(words) <= 4
        if said.get("of_role") or self.role_of_before(folded, start):
            label = "ORG" if label in ("PER", "") else label  # "Président du Grand Lyon"
        first_name = self._first_name(doc, start, words)
        if said.get("title") and 1 <= len(words) <= 4 and label in ("PER", ""):
            return Kind("Person", True)
        if self.role_before(folded, start) and person_sized and (label == "PER" or first_name):
            return Kind("Person", True)
        noun = said.get("noun") or self.noun_before(folded, start)
        if noun is not None:
            kind = cues.kind_nouns[noun]
            if kind != "Person" or person_sized:
                return Kind(kind, True)
        if person_sized and first_name:
            return Kind("Person", True)
        if label == "PER" and person_sized:
            return Kind("Person", False)  # the model takes many companies for people
        after = self._noun_after(folded, end)
        if after is not None and (cues.kind_nouns[after] != "Person" or person_sized):
            return Kind(cues.kind_nouns[after], True)
        return self._guess(folded, start, words, label)

    def _guess(self, folded: Sequence[str], start: int, words: Sequence[str], label: str) -> Kind:
        place_word = start > 0 and folded[start - 1] in {
            fold_word(w) for w in self.cues.place_words if " " not in w
        }
        if label == "NORP":
            return Kind(None, True)
        if label == "LOC" and place_word and len(words) <= 2 and self.cues.lang == "en":
            return Kind("City", False)  # "an office in Westport": a town the reader does not know
        # The model's label says it is a name, not of what kind (it takes many companies for
        # people or places): an organisation of unknown kind.
        return Kind("Company", False, evidence=label in ("ORG", "PER", "LOC", "MISC"))

    def noun_before(self, folded: Sequence[str], start: int) -> str | None:
        before = phrase_before(folded, start, self.nouns, skip=2)
        if before is None:
            return None
        if self.cues.kind_nouns[before[0]] == "Person" and before[1] + len(before[0].split()) != start:
            return None  # "Professor of Oral Biology": a role, and then its subject
        return before[0]

    def _first_name(self, doc: Doc, start: int, words: Sequence[str]) -> bool:
        first = doc[start].text
        return words[0] in self.cues.first_names or (
            first.count("-") == 1 and all(fold(part) in self.cues.first_names for part in first.split("-"))
        )

    def _noun_after(self, folded: Sequence[str], end: int) -> str | None:
        if end < len(folded) and folded[end] == ",":
            window = list(folded[end + 1 : end + 8])
            for phrase in self.nouns:
                words = phrase.split()
                for k in range(len(window) - len(words) + 1):
                    if window[k : k + len(words)] == words and k <= 4 and window[0] in self.cues.determiners:
                        return phrase
        return None

    def demonym_near(self, folded: Sequence[str], start: int) -> str | None:
        for word in folded[max(0, start - 4) : start]:
            if word in self.cues.demonyms:
                return self.cues.demonyms[word]
        return None
