"""Names in sentences: where an article names an organisation, a person or a place, what kind
of thing it is and which country it belongs to, from the words around it.

Known names come first (the graph's, the places the reader knows); then, in French, the
spans the statistical model finds; in both languages, runs of capitalised words. Each span
is cleaned of the words that are not part of the name ("le cluster Biocom" is Biocom, and
"cluster" says it is a cluster; "la californienne Abreos" is Abreos, from the United States).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from explorer import countries
from explorer.ingest.cues import Cues, Places, fold_word
from explorer.ingest.gazetteer import Gazetteer, Known, name_key
from explorer.ingest.nlp import name_label
from explorer.ingest.spans import first_word, is_capitalised
from explorer.model import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Mention", "Sentence", "find_mentions"]

_CONNECTORS = frozenset(
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


@dataclass
class Mention:
    """A name in a sentence (tokens ``start``..``end`` of the sentence's document)."""

    sentence: int
    start: int
    end: int
    text: str
    kind: str | None = None
    certain: bool = False
    known: tuple[Known, ...] = ()
    country: str | None = None
    noun: str | None = None
    anaphor: bool = False
    #: The entity of the article it names, once linked (an index into the reading's entities).
    entity: int | None = None

    @property
    def key(self) -> str:
        return name_key(self.text)

    @property
    def words(self) -> list[str]:
        return self.key.split()


@dataclass
class Sentence:
    """A sentence of the article: its paragraph (1-based), text, document and names."""

    index: int
    paragraph: int
    text: str
    doc: Doc
    title_case: bool = False
    mentions: list[Mention] = field(default_factory=list)


# -- cleaning a span -------------------------------------------------------------------------


def _phrase_before(
    tokens: Sequence[str], end: int, phrases: Iterable[str], skip: int = 2
) -> tuple[str, int] | None:
    """The longest phrase among ``phrases`` that ends at token ``end`` (a few adjectives may sit
    between, such as "le cluster américain"), with where it starts."""
    best: tuple[str, int] | None = None
    for phrase in phrases:
        words = phrase.split()
        for gap in range(skip + 1):
            if gap and not tokens[end - gap].isalpha():
                break  # only words between: "du pôle, Emilie Royère" is not "le pôle Emilie Royère"
            stop = end - gap
            begin = stop - len(words)
            if begin < 0:
                continue
            if list(tokens[begin:stop]) == words and (best is None or len(words) > len(best[0].split())):
                best = (phrase, begin)
    return best


class _Finder:
    """Finds and describes the names of one sentence."""

    def __init__(self, cues: Cues, places: Places, gazetteer: Gazetteer, lowercase: set[str]) -> None:
        self.cues, self.places, self.gazetteer = cues, places, gazetteer
        self.lowercase = lowercase
        self.nouns = sorted(cues.kind_nouns, key=lambda n: -len(n.split()))

    def clean(self, doc: Doc, start: int, end: int) -> tuple[int, int, dict[str, str]] | None:
        """The name inside ``start``..``end`` (leading and trailing words that are not part of
        it dropped) and what the dropped words said: a kind noun, a country, a title."""
        said: dict[str, str] = {}
        folded = [fold_word(t.text) for t in doc]
        while start < end:
            word, text = folded[start], doc[start].text
            noun = _phrase_before(folded, start + 1, self.nouns, skip=0)
            if noun and noun[1] >= start - 1 and not is_capitalised(text):
                said.setdefault("noun", noun[0])
                start += 1
            elif word in self.cues.demonyms and (end - start > 1):
                said.setdefault("country", self.cues.demonyms[word])
                start += 1
            elif word.rstrip(".") in self.cues.titles:
                said["title"] = word
                start += 1
            elif word in self.cues.determiners or not is_capitalised(text) or doc[start].is_punct:
                start += 1
            elif end - start > 1 and name_key(text) in self.cues.drop:
                start += 1  # "Board de Biocom" is Biocom
            else:
                break
        while end > start and (
            folded[end - 1] in _CONNECTORS or doc[end - 1].is_punct or not is_capitalised(doc[end - 1].text)
        ):
            if doc[end - 1].text in (".",) and end - start > 1 and len(doc[end - 2].text) <= 4:
                break  # "Inc." keeps its stop
            end -= 1
        if start >= end:
            return None
        text = doc[start:end].text
        key = name_key(text)
        if not key or key in self.cues.drop or all(w in self.cues.drop for w in key.split()):
            return None
        if end - start == 1 and (fold_word(text) in self.cues.demonyms or doc[start].pos_ in _NOT_NAMES):
            return None
        if len(key) < 2 or len(doc[start:end]) > 10:
            return None
        return start, end, said

    def describe(self, doc: Doc, mention: Mention, said: dict[str, str], label: str) -> None:
        """Kind and country of a name the reader does not know, from the name and its context."""
        folded = [fold_word(t.text) for t in doc]
        words = mention.words
        region = self.places.region_country(mention.text)
        country = said.get("country")
        noun = said.get("noun")
        before = _phrase_before(folded, mention.start, self.nouns, skip=2)
        if noun is None and before is not None:
            noun = before[0]
        after = self._noun_after(folded, mention.end)
        mention.noun = noun
        if country is None:
            country = self._demonym_near(folded, mention.start)
        mention.country = country
        kind, certain = self._kind(doc, mention, words, noun, after, said, label, folded)
        if region is not None and kind in (None, "City"):
            mention.kind = None  # a region: a place, but no entity of the model
            return
        mention.kind, mention.certain = kind, certain
        if kind == "Country":
            code = countries.country_code(mention.text)
            mention.country = code or mention.country

    def _noun_after(self, folded: Sequence[str], end: int) -> str | None:
        if end < len(folded) and folded[end] == ",":
            window = list(folded[end + 1 : end + 8])
            for phrase in self.nouns:
                words = phrase.split()
                for k in range(len(window) - len(words) + 1):
                    if window[k : k + len(words)] == words and k <= 4 and window[0] in self.cues.determiners:
                        return phrase
        return None

    def _demonym_near(self, folded: Sequence[str], start: int) -> str | None:
        for word in folded[max(0, start - 4) : start]:
            if word in self.cues.demonyms:
                return self.cues.demonyms[word]
        return None

    def _kind(
        self,
        doc: Doc,
        mention: Mention,
        words: list[str],
        noun: str | None,
        after: str | None,
        said: dict[str, str],
        label: str,
        folded: Sequence[str],
    ) -> tuple[str | None, bool]:
        cues = self.cues
        if countries.country_code(mention.text) and len(mention.text) > 2:
            return "Country", True
        if self.places.city_country(mention.text):
            return "City", True
        for kinds, word in ((cues.kind_suffixes, words[-1]), (cues.kind_prefixes, words[0])):
            if len(words) >= 2 and word in kinds:
                return kinds[word], True
        if len(words) >= 2 and " ".join(words[-2:]) in cues.kind_suffixes:
            return cues.kind_suffixes[" ".join(words[-2:])], True
        if said.get("title") and 1 <= len(words) <= 4:
            return "Person", True
        for phrase in (noun, after):
            if phrase and cues.kind_nouns[phrase] == "Person" and 2 <= len(words) <= 4:
                return "Person", True
            if phrase and cues.kind_nouns[phrase] != "Person":
                return cues.kind_nouns[phrase], True
        first_name = words[0] in cues.first_names or (
            doc[mention.start].text.count("-") == 1
            and all(fold(part) in cues.first_names for part in doc[mention.start].text.split("-"))
        )
        if 2 <= len(words) <= 4 and first_name:
            return "Person", True
        if label == "PER" and 2 <= len(words) <= 4:
            return "Person", False
        place_word = mention.start > 0 and folded[mention.start - 1] in {
            fold_word(w) for w in cues.place_words if " " not in w
        }
        if label == "LOC" and place_word and len(words) <= 3:
            return "City", False
        if cues.lang == "en" and place_word and folded[mention.start - 1] in ("in", "at") and len(words) <= 2:
            return "City", False
        return "Company", False

    def runs(self, doc: Doc, taken: set[int]) -> list[tuple[int, int]]:
        """Runs of capitalised words (with "of", "de", "&" inside), outside ``taken`` tokens."""
        found: list[tuple[int, int]] = []
        n = len(doc)
        i = 0
        while i < n:
            if i in taken or not is_capitalised(doc[i].text) or doc[i].is_punct:
                i += 1
                continue
            j = i + 1
            while j < n and j not in taken:
                if is_capitalised(doc[j].text) and not doc[j].is_punct:
                    j += 1
                    continue
                k = j
                while k < n and k - j < 3 and fold_word(doc[k].text) in _CONNECTORS and k not in taken:
                    k += 1
                if k > j and k < n and k not in taken and is_capitalised(doc[k].text):
                    if doc[j].text == "-" and k == j + 1 and fold(doc[k].text) == "based":
                        break
                    j = k
                    continue
                break
            found.append((i, j))
            i = j
        return found


def find_mentions(
    sentence: Sentence,
    *,
    cues: Cues,
    places: Places,
    gazetteer: Gazetteer,
    preset: dict[tuple[int, int], list[Known]],
    lowercase: set[str],
    capitalised: set[str],
    use_model: bool,
) -> list[Mention]:
    """The names of ``sentence``: known ones, the model's (French), capitalised runs."""
    doc = sentence.doc
    finder = _Finder(cues, places, gazetteer, lowercase)
    mentions: list[Mention] = []
    taken: set[int] = set()
    for (start, end), knowns in sorted(preset.items()):
        mention = Mention(sentence.index, start, end, doc[start:end].text, known=tuple(knowns))
        mention.kind = knowns[0].kind
        mention.certain = True
        mention.country = knowns[0].country
        if start > 0:
            folded = [fold_word(t.text) for t in doc]
            noun = _phrase_before(folded, start, finder.nouns, skip=2)
            mention.noun = noun[0] if noun else None
        mentions.append(mention)
        taken.update(range(start, end))
    spans: list[tuple[int, int, str]] = []
    if use_model:
        spans += [(e.start, e.end, name_label(e.label_)) for e in doc.ents if (e.start, e.end) not in preset]
    model_tokens = {i for s, e, _ in spans for i in range(s, e)}
    spans += [(s, e, "") for s, e in finder.runs(doc, taken | model_tokens)]
    for start, end, label in spans:
        cleaned = finder.clean(doc, start, end)
        if cleaned is None:
            continue
        start, end, said = cleaned
        if any(i in taken for i in range(start, end)):
            continue
        text = doc[start:end].text
        mention = Mention(sentence.index, start, end, text)
        if (
            end - start == 1
            and start == first_word(doc)
            and (fold(text) in lowercase or fold(text) in cues.stopwords)
            and not gazetteer.lookup(text, text)
        ):
            continue  # a capitalised first word that the article also writes in lower case
        finder.describe(doc, mention, said, label)
        if mention.kind is None:
            continue
        from_rules = not use_model or label == ""
        guessed = mention.kind == "Company" and not mention.certain
        if from_rules and guessed and not _name_like(doc, start, end, lowercase, capitalised):
            continue
        mentions.append(mention)
        taken.update(range(start, end))
    return sorted(mentions, key=lambda m: m.start)


def _name_like(doc: Doc, start: int, end: int, lowercase: set[str], capitalised: set[str]) -> bool:
    """A capitalised run the rules cannot explain is kept when it does not read as ordinary words:
    not written in lower case elsewhere in the article and, at the start of a sentence, longer
    than a word or capitalised elsewhere too."""
    words = [fold(t.text) for t in doc[start:end] if not t.is_punct]
    if start != first_word(doc):
        return not all(w in lowercase for w in words)
    if words[:1] and words[0] in lowercase:
        return False
    return len(words) > 1 or words[0] in capitalised
