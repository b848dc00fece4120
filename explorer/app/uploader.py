"""The article's file uploader in the explorer's words (Streamlit's are English only), with the real limit."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import streamlit as st

from explorer import defaults
from explorer.app.state import Context

#: The size Streamlit lets through, in its megabytes (2**20 bytes); the reader refuses above
#: ``INGEST_MAX_BYTES`` with its own message.
UPLOAD_MB = math.ceil(defaults.INGEST_MAX_BYTES / 2**20)
_ZONE = '[data-testid="stFileUploaderDropzone"]'
_BUTTON = f'{_ZONE} button[kind="secondary"] [data-testid="stMarkdownContainer"]'


def css_string(text: str) -> str:
    """``text`` as a CSS string: quotes, backslashes, line ends and ``<`` escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    return f'"{escaped}"'


def uploader_style(drop: str, browse: str) -> str:
    """The page style that puts ``drop`` (what to do, what is taken, up to what size) and ``browse`` (the
    button) in place of Streamlit's instructions and button label, hidden (and so not read either); the
    words "add icon" of the button that replaces a chosen file are hidden too (it keeps its own name)."""
    return f"""<style>
{_ZONE} [data-testid="stFileUploaderDropzoneInstructions"] span {{ display: none; }}
{_ZONE} [data-testid="stFileUploaderDropzoneInstructions"] > div::after {{
  content: {css_string(drop)}; font-size: 14px; line-height: 1.6; color: rgba(47, 45, 43, 0.7);
}}
{_BUTTON} p {{ display: none; }}
{_BUTTON}::after {{ content: {css_string(browse)}; }}
{_ZONE} [data-testid="stBaseButton-borderlessIcon"] [data-has-shortcut] > span:not(:has([data-testid])) {{
  display: none;
}}
</style>"""


def article_uploader(ctx: Context, label: str, types: Sequence[str], key: str) -> Any:
    """``st.file_uploader`` for one article, saying in the page's language how to give it and up to
    what size (the reader's own limit)."""
    size = defaults.INGEST_MAX_BYTES / 1_000_000
    kinds = ctx.tr("ingest.upload.kinds")
    st.html(
        uploader_style(ctx.tr("ingest.upload.drop", size=size, kinds=kinds), ctx.tr("ingest.upload.browse"))
    )
    return st.file_uploader(label, type=list(types), key=key, max_upload_size=UPLOAD_MB)
