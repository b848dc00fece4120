"""What changed: from a date (to a date), around an entity or in a cluster, the facts that began
and ended (valid time) and what the records gained, corrected or retired (record time), each part
marked by an icon and a word as well as a colour, with the note as Markdown to download."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from explorer.app import state
from explorer.app.connection import guard, open_page
from explorer.app.state import Context
from explorer.escaping import markdown_text
from explorer.model import FactDate
from explorer.views.changes import PARTS, WhatChanged, Window, what_changed
from explorer.views.changes_report import changes_markdown, changes_rows, window_words

SINCE, UNTIL, AROUND, CLUSTER = "changed.since", "changed.until", "changed.around", "changed.cluster"
#: Each part's badge: a colour and an icon (the second cue: the colour is never alone).
BADGES = {
    "began": ("green", ":material/add_circle:"),
    "ended": ("orange", ":material/do_not_disturb_on:"),
    "changed": ("blue", ":material/edit:"),
    "recorded": ("violet", ":material/library_add:"),
    "retired": ("gray", ":material/delete:"),
}


def arrive() -> list[str]:
    """The fields take the URL's window (a week back when it names none); what was not understood."""
    if SINCE in st.session_state:
        return []
    week_ago = FactDate.of_day(dt.date.today() - dt.timedelta(days=7))
    window, ignored = Window.from_query(state.url_params(), week_ago)
    state.seed_widgets(
        {
            SINCE: window.since.iso(),
            UNTIL: window.until.iso() if window.until else "",
            AROUND: window.around or "",
            CLUSTER: window.cluster or "",
        }
    )
    return ignored


def window(ctx: Context) -> Window | None:
    """The window the fields describe (``None``, said, when a date is not one)."""
    try:
        since = FactDate.parse(st.session_state[SINCE])
        until = FactDate.optional(st.session_state[UNTIL])
        return Window(since, until, st.session_state[AROUND] or None, st.session_state[CLUSTER] or None)
    except ValueError as e:
        st.warning(ctx.tr("changed.bad", problem=markdown_text(str(e))))
    except Exception as e:  # a window backwards
        st.warning(markdown_text(str(e)))
    return None


def fields(ctx: Context) -> None:
    left, right = st.columns(2)
    left.text_input(ctx.tr("changed.since"), key=SINCE, help=ctx.tr("time.as_of.help"))
    right.text_input(ctx.tr("changed.until"), key=UNTIL, help=ctx.tr("changed.until.help"))
    left.text_input(ctx.tr("changed.around"), key=AROUND, help=ctx.tr("changed.around.help"))
    right.text_input(ctx.tr("changed.cluster"), key=CLUSTER, help=ctx.tr("changed.cluster.help"))


def show(ctx: Context, found: WhatChanged) -> None:
    rows = changes_rows(found, ctx.lang)
    for part in PARTS:
        colour, icon = BADGES[part]
        title = ctx.tr(f"changes.part.{part}")
        st.markdown(f":{colour}-badge[{icon} {title}] **{found.totals[part]}**")
        for row in (r for r in rows if r["part"] == part):
            who = (
                f" — {markdown_text(row['who'])}, {markdown_text(str(row['when'])[:10])}"
                if row["who"]
                else ""
            )
            why = f" · *{markdown_text(row['why'])}*" if row["why"] else ""
            st.markdown(f"- {icon} {markdown_text(row['text'])}{who}{why}")
    note = changes_markdown(found, ctx.lang)
    st.download_button(
        ctx.tr("changed.download"),
        note.encode("utf-8"),
        file_name=f"what-changed-{found.window.since.iso()}.md",
        mime="text/markdown",
        icon=":material/download:",
    )


def main(ctx: Context) -> None:
    ignored = arrive()
    st.title(ctx.tr("changed.title"))
    st.caption(ctx.tr("changed.intro"))
    if ignored:
        st.warning(ctx.tr("paths.url_ignored", what=markdown_text(", ".join(ignored))))
    fields(ctx)
    asked = window(ctx)
    if asked is None:
        return
    state.set_url(asked.to_query())
    with guard(), st.spinner():
        found = what_changed(ctx.driver, ctx.settings, asked, limit=500)
    st.subheader(window_words(found, ctx.lang)[:1].upper() + window_words(found, ctx.lang)[1:])
    show(ctx, found)


main(open_page())
