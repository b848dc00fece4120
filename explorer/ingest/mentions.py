"""Names in sentences: where an article names an organisation, a person or a place, what kind
of thing it is and which country it belongs to, from the words around it.

Known names come first (the graph's, the places the reader knows); then, in French, the
spans the statistical model finds; in both languages, runs of capitalised words. Each span
is cleaned of the words that are not part of the name ("le cluster Biocom" is Biocom, and
"cluster" says it is a cluster; "la californienne Abreos" is Abreos, from the United States).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from explorer import countries
from explorer.ingest.cues import fold_word
from explorer.ingest.gazetteer import Gazetteer, Known, name_key
from explorer.ingest.naming import CONNECTORS, Namer, phrase_before
from explorer.ingest.nlp import name_label
from explorer.ingest.spans import first_word, is_capitalised
from explorer.model import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Mention", "Sentence", "find_mentions"]


@dataclass
class Mention:
    """A name in a sentence (tokens ``start``..``end`` of the sentence's document)."""

    sentence: int
    start: int
    end: int
    text: str
    kind: str | None = None
    certain: bool = False
    #: False when nothing but capitals says this is a name (proposed only if a tie needs it).
    evidence: bool = True
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


def _runs(doc: Doc, taken: set[int]) -> list[tuple[int, int]]:
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
            while k < n and k - j < 3 and fold_word(doc[k].text) in CONNECTORS and k not in taken:
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
    namer: Namer,
    gazetteer: Gazetteer,
    preset: dict[tuple[int, int], list[Known]],
    lowercase: set[str],
    capitalised: set[str],
) -> list[Mention]:
    """The names of ``sentence``: known ones, the language model's, capitalised runs."""
    doc = sentence.doc
    folded = [fold_word(t.text) for t in doc]
    mentions: list[Mention] = []
    taken: set[int] = set()
    for (start, end), knowns in sorted(preset.items()):
        mention = Mention(sentence.index, start, end, doc[start:end].text, known=tuple(knowns))
        mention.kind = knowns[0].kind
        mention.certain = True
        mention.country = knowns[0].country
        if start > 0:
            noun = phrase_before(folded, start, namer.nouns, skip=2)
            mention.noun = noun[0] if noun else None
        mentions.append(mention)
        taken.update(range(start, end))
    spans = _whole_names(doc, namer, taken, preset)
    model_tokens = {i for s, e, _ in spans for i in range(s, e)}
    spans += [(s, e, "") for s, e in _runs(doc, taken | model_tokens)]
    for start, end, label in spans:
        for part in namer.split(doc, start, end):
            read = _mention(sentence, namer, part, label, gazetteer, lowercase, capitalised, taken)
            if read is not None:
                mentions.append(read)
                taken.update(range(read.start, read.end))
    return sorted(mentions, key=lambda m: m.start)


def _whole_names(
    doc: Doc, namer: Namer, taken: set[int], preset: dict[tuple[int, int], list[Known]]
) -> list[tuple[int, int, str]]:
    """The language model's names, each widened to the run of capitalised words it sits in when
    that run is one name: joined by hyphens ("Sanofi-Aventis"), or ending with a kind word
    ("Massachusetts Life Science Center", which the model cuts after the place)."""
    spans = [(e.start, e.end, name_label(e.label_)) for e in doc.ents if (e.start, e.end) not in preset]
    cues = namer.cues
    for run_start, run_end in _runs(doc, taken):
        inside = [s for s in spans if run_start <= s[0] and s[1] <= run_end]
        if not inside or (len(inside) == 1 and inside[0][:2] == (run_start, run_end)):
            continue
        words = name_key(doc[run_start:run_end].text).split()
        joined = all(not doc[i].whitespace_ for i in range(run_start, run_end - 1))
        named = len(words) >= 2 and (words[-1] in cues.kind_suffixes or words[0] in cues.kind_prefixes)
        if (joined or named) and not any(
            namer.role_at([fold_word(t.text) for t in doc], i) for i in range(run_start, run_end)
        ):
            label = next((lab for _, _, lab in inside if lab == "ORG"), inside[0][2])
            spans = [s for s in spans if s not in inside] + [(run_start, run_end, label)]
    return sorted(spans)


def _mention(
    sentence: Sentence,
    namer: Namer,
    span: tuple[int, int],
    label: str,
    gazetteer: Gazetteer,
    lowercase: set[str],
    capitalised: set[str],
    taken: set[int],
) -> Mention | None:
    doc = sentence.doc
    cleaned = namer.clean(doc, *span)
    if cleaned is None:
        return None
    start, end, said = cleaned
    if any(i in taken for i in range(start, end)):
        return None
    text = doc[start:end].text
    if (
        end - start == 1
        and start == first_word(doc)
        and (fold(text) in lowercase or fold(text) in namer.cues.stopwords)
        and not gazetteer.lookup(text, text)
    ):
        return None  # a capitalised first word that the article also writes in lower case
    kind = namer.describe(doc, start, end, said, label)
    if kind.kind is None:
        return None
    if not kind.evidence and not _name_like(doc, start, end, lowercase, capitalised):
        return None
    folded = [fold_word(t.text) for t in doc]
    mention = Mention(sentence.index, start, end, text, kind.kind, kind.certain, kind.evidence)
    mention.noun = said.get("noun") or namer.noun_before(folded, start)
    mention.country = said.get("country") or namer.demonym_near(folded, start)
    if kind.kind == "Country":
        mention.country = countries.country_code(text) or mention.country
    elif kind.kind == "City":
        mention.country = namer.places.city_country(text) or mention.country
    return mention


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
