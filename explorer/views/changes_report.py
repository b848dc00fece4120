"""What changed, said: the JSON of ``explorer changes --format json``, rows for CSV, and the text
and Markdown of a weekly note, in both languages."""

from __future__ import annotations

from typing import Any

from explorer.curation.phrases import diffs, fact_text
from explorer.i18n import t
from explorer.model import FactDate, Lang
from explorer.model.changes import FactState
from explorer.views.changes import PARTS, Item, WhatChanged

__all__ = ["COLUMNS", "changes_json", "changes_markdown", "changes_rows", "changes_text", "window_words"]

#: The columns of ``--format csv`` (and ``table``).
COLUMNS = ("part", "from", "to", "type", "status", "since", "until", "source", "text", "when", "who", "why")
_VALID = ("began", "ended")


def _date(value: Any) -> str | None:
    date = FactDate.read(value)
    return date.iso() if date is not None else None


def _fact(state: FactState) -> dict[str, Any]:
    """A fact as the JSON lists it: its ends (an entity: itself), type, status, dates and source."""
    props = state.props
    if state.fact == "entity":
        return {
            "from": state.id, "to": None, "type": state.kind, "status": None,
            "since": None, "until": None, "source": props.get("source"),
        }  # fmt: skip
    return {
        "from": state.start,
        "to": state.end,
        "type": state.kind,
        "status": props.get("status"),
        "since": _date(props.get("since")),
        "until": _date(props.get("until")),
        "source": props.get("source"),
    }


def _item_json(item: Item, found: WhatChanged, lang: Lang) -> dict[str, Any]:
    out = {**_fact(item.state), "text": fact_text(item.state, lang, found.names)}
    if item.part == "changed" and item.before is not None:
        out["before"] = _fact(item.before)
        out["after"] = _fact(item.state)
        out["differences"] = list(diffs(item.before.props, item.state.props, lang, found.names))
    if item.change is not None:
        out["recorded"] = {
            "change": item.change.id,
            "at": item.change.at,
            "who": item.change.who,
            "action": item.change.action,
            "why": item.change.reason,
        }
    return out


def changes_json(found: WhatChanged, lang: Lang = "en") -> dict[str, Any]:
    """The JSON contract: ``since``, ``until``, then each part's items, and how many each had."""
    window = found.window
    return {
        "since": window.since.iso(),
        "until": window.until.iso() if window.until else None,
        "around": found.focus.id if found.focus and window.around else None,
        "cluster": found.focus.id if found.focus and window.cluster else None,
        **{part: [_item_json(i, found, lang) for i in found.items[part]] for part in PARTS},
        "totals": dict(found.totals),
    }


def changes_rows(found: WhatChanged, lang: Lang = "en") -> list[dict[str, Any]]:
    """One row per item (``COLUMNS``), part by part."""
    rows = []
    for part in PARTS:
        for item in found.items[part]:
            data = _item_json(item, found, lang)
            text = data["text"] + (f" ({'; '.join(data['differences'])})" if data.get("differences") else "")
            rec = data.get("recorded") or {}
            rows.append(
                {
                    "part": part,
                    **{k: data[k] for k in ("from", "to", "type", "status", "since", "until", "source")},
                    "text": text,
                    "when": rec.get("at"),
                    "who": rec.get("who"),
                    "why": rec.get("why"),
                }
            )
    return rows


def window_words(found: WhatChanged, lang: Lang = "en", known_on: FactDate | None = None) -> str:
    """ "since March 2024 around Acme", "de 2019 à 2020 dans le pôle Biocom et ses membres"."""
    window = found.window
    since = window.since.words(lang)
    said = (
        t("changes.window.closed", lang, since=since, until=window.until.words(lang))
        if window.until
        else t("changes.window.open", lang, since=since)
    )
    if found.focus is not None:
        key = "changes.around" if window.around else "changes.cluster"
        said += " " + t(key, lang, name=found.focus.display(lang))
    if known_on is not None:
        said += ", " + t("changes.known_on", lang, date=known_on.words(lang))
    return said


def _lines(found: WhatChanged, item: Item, lang: Lang) -> tuple[str, list[str]]:
    """An item's sentence and what is said under it (differences, source, who and why)."""
    data = _item_json(item, found, lang)
    under = list(data.get("differences") or [])
    source = found.names.source(data.get("source"), lang)
    if source:
        under.append(t("changes.source", lang, source=source))
    rec = data.get("recorded")
    if rec and item.part not in _VALID:
        by = t("changes.by", lang, who=rec["who"], at=str(rec["at"])[:10])
        under.append(by + (" · " + t("changes.why", lang, reason=rec["why"]) if rec["why"] else ""))
    return data["text"], under


def _sections(found: WhatChanged, lang: Lang) -> list[tuple[str, str, list[tuple[str, list[str]]], int]]:
    out = []
    for part in PARTS:
        group = t("changes.valid" if part in _VALID else "changes.record", lang)
        items = [_lines(found, i, lang) for i in found.items[part]]
        out.append((group, t(f"changes.part.{part}", lang), items, found.totals[part] - len(items)))
    return out


def changes_text(found: WhatChanged, lang: Lang = "en", known_on: FactDate | None = None) -> str:
    """The text listing: a title, then each part with its count and its facts in words."""
    lines = [t("changes.title", lang, window=window_words(found, lang, known_on))]
    group_said = ""
    for group, title, items, more in _sections(found, lang):
        if group != group_said:
            lines += ["", group]
            group_said = group
        lines.append(f"  {title} ({len(items) + more}): " + ("" if items else t("changes.none", lang)))
        for text, under in items:
            lines.append(f"    - {text}")
            lines += [f"        {u}" for u in under]
        if more > 0:
            lines.append("    " + t("changes.more", lang, n=more))
    return "\n".join(lines)


def changes_markdown(found: WhatChanged, lang: Lang = "en", known_on: FactDate | None = None) -> str:
    """The weekly note: a heading, a section per part, each fact a bullet."""
    lines = [f"# {t('changes.title', lang, window=window_words(found, lang, known_on))}"]
    group_said = ""
    for group, title, items, more in _sections(found, lang):
        if group != group_said:
            lines += ["", f"## {group}"]
            group_said = group
        lines += ["", f"### {title} ({len(items) + more})", ""]
        if not items:
            lines.append(f"_{t('changes.none', lang)}_")
        for text, under in items:
            lines.append(f"- {_md(text)}" + "".join(f"  \n  {_md(u)}" for u in under))
        if more > 0:
            lines.append(f"- {t('changes.more', lang, n=more)}")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text safe in Markdown: its marks escaped, so a name cannot format or link."""
    return "".join("\\" + c if c in "\\`*_{}[]<>()#+!|" else c for c in text)
