"""One fact as a card that wraps: its link, the other entity, status, evidence, years, note, and its
source as a link to the source's page."""

from __future__ import annotations

import streamlit as st

from explorer import i18n, model, wording
from explorer.app.state import lang, page, tr
from explorer.curation.texts import cited_sentence
from explorer.escaping import markdown_text
from explorer.model import Entity, Source, Tie
from explorer.views.sources import citation_label, cited_at

__all__ = ["FIRST_CARDS", "fact_card", "fact_lines", "more_button", "shown_count", "source_link"]

#: Cards drawn before a "show all" button (a hub's hundreds of links would slow the page).
FIRST_CARDS = 30
#: Properties a card shows in lines of their own (the rest are listed after the years).
_OWN_LINES = {"status", "evidence", "since", "until", "source", "paragraph", "page", "quote", "note"}
_OWN_LINES |= {"note_fr", "on_behalf_of"} | model.BOOKKEEPING


def _arrow(tie: Tie, from_id: str) -> str:
    return {"both": "—", "out": "→", "in": "←"}[tie.direction_from(from_id)]


def fact_lines(
    tie: Tie, from_id: str, other: Entity, *, on_behalf_of: Entity | None = None, retired: str | None = None
) -> list[str]:
    """The card's text as Markdown lines, every value from the data escaped: "**→ member of**
    Eurobiomed", "active · stated · since 2012", the other properties, the note, the sentence."""
    code = lang()
    head = f"**{markdown_text(_arrow(tie, from_id) + ' ' + i18n.type_phrase(tie.type, code))}** · "
    head += f"**{markdown_text(other.display(code))}**"
    if retired is not None:
        head = f"~~{head}~~ · {markdown_text(retired)}"
    lines = [head, markdown_text(" · ".join(wording.tie_state(tie, code, always=("status", "evidence"))))]
    extra = _extra(tie, code)
    if on_behalf_of is not None:
        extra.insert(0, tr("fact.on_behalf_of", name=on_behalf_of.display(code)))
    if extra:
        lines.append(markdown_text(" · ".join(extra)))
    note = i18n.localized(tie.properties, "note", code)
    if note not in (None, ""):
        lines.append(f"*{markdown_text(note)}*")
    quote = tie.properties.get("quote")
    if quote not in (None, ""):
        lines.append(markdown_text(tr("fact.quote", quote=quote)))
    return lines


def _extra(tie: Tie, code: model.Lang) -> list[str]:
    """ "role: CEO", « type : jumelage »: the tie's other properties, each in the reader's language
    when it has one (a stored value the type's wording translates, translated)."""
    props = tie.properties
    rtype = model.REL_TYPES.get(tie.type)
    words = {e.property: e.words for e in rtype.words(code).extras} if rtype else {}
    colon = "\u00a0: " if code == "fr" else ": "
    lines = []
    for key in sorted(props):
        if key in _OWN_LINES or key.endswith("_fr") or props[key] in (None, ""):
            continue
        value = i18n.localized(props, key, code)
        said = words.get(key, {}).get(model.fold(str(value)), value)
        lines.append(f"{i18n.property_name(key, code)}{colon}{said}")
    return lines


def source_link(tie: Tie, source: Source | None) -> None:
    """The tie's source (title, publisher, date, paragraph or page) in words that wrap, and one click
    to its page."""
    source_id = source.id if source is not None else tie.source
    n = tie.properties.get("paragraph")
    st.caption(markdown_text(tr("fact.source", citation=citation_label(tie, source, lang()))))
    if source_id is None:
        return
    st.page_link(
        page("sources"),
        label=tr("fact.open_source"),
        icon=":material/description:",
        query_params={"id": source_id, **({"paragraph": str(n)} if isinstance(n, int) and n > 0 else {})},
        help=markdown_text(source_id),
    )


def fact_card(
    tie: Tie,
    from_id: str,
    other: Entity,
    source: Source | None,
    *,
    on_behalf_of: Entity | None = None,
    retired: str | None = None,
    with_source: bool = True,
) -> None:
    """One fact in a bordered box whose lines wrap; its source as a link to the source page."""
    with st.container(border=True):
        lines = fact_lines(tie, from_id, other, on_behalf_of=on_behalf_of, retired=retired)
        sentence = _attached_sentence(tie, other, source)
        if sentence:
            lines.append(markdown_text(tr("fact.quote", quote=sentence)))
        where = cited_at(tie, lang())
        if not with_source and where:  # on the source's own page: where in it
            lines.append(markdown_text(where))
        st.markdown("  \n".join(lines))
        if with_source:
            source_link(tie, source)


def _attached_sentence(tie: Tie, other: Entity, source: Source | None) -> str | None:
    """For a fact without its sentence, the one of the cited paragraph (of a source whose text is
    attached) that names the other entity."""
    n = tie.properties.get("paragraph")
    if tie.properties.get("quote") or source is None or not isinstance(n, int):
        return None
    paragraphs = source.paragraphs
    if not 1 <= n <= len(paragraphs):
        return None
    names = [other.display("en"), other.display("fr"), str(other.properties.get("name") or "")]
    return cited_sentence(paragraphs[n - 1], names)


def shown_count(key: str, total: int, first: int = FIRST_CARDS) -> int:
    """How many of ``total`` cards to draw: ``first``, until the reader asked for all of them."""
    return total if st.session_state.get(f"{key}.all") else min(total, first)


def more_button(key: str, total: int, shown: int, label: str = "fact.more") -> None:
    """Below the cards drawn, when some are not: a button that draws all ``total`` of them."""
    if shown < total:
        st.button(tr(label, n=total), key=f"{key}.more", on_click=_show_all, args=(key,))


def _show_all(key: str) -> None:
    st.session_state[f"{key}.all"] = True
