"""What the browser tests wait for, instead of fixed pauses: a page whose reruns are over."""

from __future__ import annotations

from typing import Any

#: The longest a page may take to settle on a slow machine (milliseconds).
WAIT = 60_000


def quiet(page: Any, timeout: int = WAIT) -> None:
    """Wait until Streamlit's running indicator has been gone for a second in a row: the page's
    reruns are over (a drawing reports its layout once it settles, which causes one more)."""
    page.wait_for_function(
        """() => {
            const busy = document.querySelector('[data-testid=stStatusWidget]') !== null;
            window.__quiet = busy ? 0 : (window.__quiet || 0) + 1;
            return window.__quiet >= 10;
        }""",
        polling=100,
        timeout=timeout,
    )
