"""The model's tables are complete: every relationship type has its words in both languages, its
look and its weight; every label and type a Cypher text names is one of the model's."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from explorer import model, wording
from explorer.model import Entity, Tie
from explorer.resources import cypher_dir

ROOT = Path(__file__).resolve().parent.parent
TYPES = list(model.REL_TYPES.values())


@pytest.mark.parametrize("rtype", TYPES, ids=[t.name for t in TYPES])
@pytest.mark.parametrize("lang", model.LANGS)
def test_every_type_says_itself_in_both_languages(rtype: model.RelType, lang: model.Lang) -> None:
    words = rtype.words(lang)
    assert words.phrase.strip() and all(noun.strip() for noun in words.crowd)
    assert "{x}" in words.sentence and ("{y}" in words.sentence or "_y}" in words.sentence)
    start = Entity("a", next(iter(sorted(rtype.sources))), "Alpha")
    end = Entity("b", next(iter(sorted(rtype.targets))), "Omega")
    props = {extra.property: "Some value" for extra in words.extras if extra.property not in rtype.references}
    sentence, details = wording.tie_sentence(Tie(rtype.name, "a", "b", props), start, end, lang)
    assert "Alpha" in sentence and "Omega" in sentence and "{" not in sentence + "".join(details)
    if rtype.personal:  # a person's tie can be the reason to ask them
        person = start if start.kind == "Person" else end
        other = end if person is start else start
        clause = wording.ask_clause(Tie(rtype.name, "a", "b"), person, other, lang)
        assert clause and "Omega" in clause + "Alpha"


def test_types_differ_in_colour_and_have_a_weight() -> None:
    colours = [t.colour for t in TYPES]
    assert len(set(colours)) == len(colours)
    assert all(0 < t.strength <= 1 for t in TYPES)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)


def test_the_french_and_english_type_phrases_parse_back() -> None:
    for rtype in TYPES:
        for lang in model.LANGS:
            phrase = rtype.phrase(lang)
            if phrase in ("in", "en/au"):  # only linking words: the type is written by its name
                assert model.parse_rel_type(rtype.name) == rtype.name
            else:
                assert model.parse_rel_type(phrase) == rtype.name


def _cypher_texts() -> list[tuple[str, str]]:
    """Every string in the code that reads like Cypher, and every saved query."""
    found = []
    for folder in ("explorer", "loaders"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                text = node.value if isinstance(node, ast.Constant) else None
                if isinstance(text, str) and re.search(r"\b(MATCH|MERGE|UNWIND|RETURN)\b", text):
                    found.append((f"{path.relative_to(ROOT)}:{node.lineno}", text))
    for path in cypher_dir().rglob("*.cypher"):
        found.append((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")))
    return found


#: Labels are CamelCase (``Entity``), types UPPER_SNAKE (``MEMBER_OF``).
_LABEL = re.compile(r"(?<![\w$.])[a-z_][\w]*\s*:\s*`?([A-Z][a-z][A-Za-z]*)")
_BARE_LABEL = re.compile(r"\(\s*:`?([A-Z][a-z][A-Za-z]*)")
_TYPE = re.compile(r"\[\s*\w*\s*:\s*([A-Z_|`]+)\s*[\]{*]")


def test_every_label_and_type_in_cypher_is_the_models() -> None:
    labels = set(model.KINDS) | {model.ENTITY, model.ORGANIZATION, model.DATA_VERSION, *model.CURATION_LABELS}
    labels |= set(model.LOAD_LABELS)  # a load under way
    texts = _cypher_texts()
    assert len(texts) > 30
    for where, text in texts:
        code = re.sub(r"//[^\n]*", "", text)  # comments of saved queries
        for found in _LABEL.findall(code) + _BARE_LABEL.findall(code):
            assert found in labels, f"{where}: label {found} is not in the model"
        for found in _TYPE.findall(code):
            for name in found.strip("`").split("|"):
                assert name in model.REL_TYPES, f"{where}: type {name} is not in the model"
