"""Text from the data made safe for where it goes: inside a ``<script>`` element, or Streamlit Markdown."""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["clip", "markdown_text", "script_json", "web_address"]


def script_json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``</script>``, ``<!--`` or ``]]>`` can form."""
    text = json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&])")


def markdown_text(value: Any) -> str:
    """``value`` as literal text inside Streamlit Markdown: no markup, link, LaTeX or HTML."""
    text = "" if value is None else str(value)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


#: An address a page may link to: ``http(s)://`` and no space, quote, angle bracket or control character.
_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'`\\\x00-\x1f\x7f]+", re.IGNORECASE)


def web_address(value: Any) -> str | None:
    """``value`` when it is a web address safe to link to (``http`` or ``https``), else ``None``."""
    text = "" if value is None else str(value).strip()
    return text if _WEB_ADDRESS.fullmatch(text) else None


def clip(text: str, length: int) -> str:
    """``text`` on one line, cut to ``length`` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1] + "…"
