"""Serving many readers: answers kept once for everyone, closed tabs' sessions ended on time."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import pytest
from streamlit.runtime.memory_session_storage import MemorySessionStorage

from explorer.app.recycling import sweep
from explorer.app.serving import streamlit_command
from explorer.app.shared import Shared
from explorer.config import session_grace
from explorer.errors import UsageError


def test_a_shared_value_is_made_once_while_many_readers_ask_at_the_same_time() -> None:
    shared: Shared[list[int]] = Shared(4)
    made: list[int] = []

    def make() -> list[int]:
        made.append(1)
        time.sleep(0.2)
        return [len(made)]

    answers: list[list[int]] = []
    readers = [threading.Thread(target=lambda: answers.append(shared.get("view", make))) for _ in range(8)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert made == [1]
    assert len(answers) == 8 and all(answer is answers[0] for answer in answers)


def test_the_least_recently_used_value_is_let_go_first() -> None:
    shared: Shared[str] = Shared(2)
    shared.get("a", lambda: "A")
    shared.get("b", lambda: "B")
    shared.get("a", lambda: "never")  # a is used again
    shared.get("c", lambda: "C")  # b goes
    assert len(shared) == 2
    assert shared.get("a", lambda: "again") == "A"
    assert shared.get("b", lambda: "again") == "again"


def test_a_kept_value_that_is_no_longer_good_is_made_again() -> None:
    shared: Shared[str] = Shared(2)
    shared.get("view", lambda: "drawn without a layout")
    assert shared.get("view", lambda: "drawn with it", good=lambda v: "without" not in v) == "drawn with it"


class _Session:
    def __init__(self, name: str) -> None:
        self.id, self.ended = name, False

    def shutdown(self) -> None:
        self.ended = True


def test_sessions_of_tabs_closed_longer_than_the_grace_are_ended() -> None:
    storage = MemorySessionStorage(ttl_seconds=3)
    old, recent = _Session("old"), _Session("recent")
    storage.save(SimpleNamespace(session=old))  # type: ignore[arg-type]
    time.sleep(2.0)
    storage.save(SimpleNamespace(session=recent))  # type: ignore[arg-type]
    time.sleep(1.2)  # old closed 3.2 s ago, past the grace; recent 1.2 s ago
    runtime = SimpleNamespace(_session_mgr=SimpleNamespace(_session_storage=storage))
    assert sweep(runtime) == 1
    assert old.ended and not recent.ended
    assert storage.get("old") is None


def test_a_streamlit_that_keeps_its_sessions_elsewhere_is_said_out_of_reach() -> None:
    assert sweep(SimpleNamespace()) is None


def test_the_grace_of_a_closed_tab_is_a_setting_passed_to_the_server() -> None:
    assert session_grace({}) == 120
    assert session_grace({"EXPLORER_SESSION_GRACE": "30"}) == 30
    with pytest.raises(UsageError, match="EXPLORER_SESSION_GRACE"):
        session_grace({"EXPLORER_SESSION_GRACE": "soon"})
    command = streamlit_command(8600, env={"EXPLORER_SESSION_GRACE": "45"})
    assert "--server.disconnectedSessionTTL=45" in command
