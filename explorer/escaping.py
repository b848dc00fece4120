"""Text from the data made safe for where it goes: inside a ``<script>`` element, or Streamlit Markdown."""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["clip", "markdown_text", "script_json"]


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


def clip(text: str, length: int) -> str:
    """``text`` on one line, cut to ``length`` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1] + "…"
