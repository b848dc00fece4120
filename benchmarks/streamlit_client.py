"""A reader's browser tab reduced to Streamlit's own protocol: the WebSocket ``/_stcore/stream`` and
its protobuf messages (the classes ship with the ``streamlit`` package).

A :class:`Tab` opens a session like a browser does, asks for a page (``page`` is the page's
address, ``""`` for the network; ``query`` its URL parameters), sets widgets by their key, and
times each action from the request sent to the server's *script finished*: the answer settled,
every element of the page sent. Like a browser, it tells the server which cacheable messages it
already holds, so that they are not sent again. What the page showed as an error (an
exception, an error banner) and what it offered (widgets by key, with their options) come
back with the answer.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

__all__ = ["Answer", "Tab", "Widget"]

#: Streamlit's widget ids end with the widget's key: ``$$ID-<digest>-<key>``.
_ID_PREFIX = "$$ID-"
_RERUN = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
_FINISHED = (
    ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY,
    ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
)


@dataclass(frozen=True)
class Widget:
    """A widget the page drew: its id, its element type and, for a list, its options."""

    id: str
    kind: str
    options: tuple[str, ...] = ()


@dataclass
class Answer:
    """What one action brought: time to the answer settled, messages and bytes, errors shown."""

    seconds: float = 0.0
    messages: int = 0
    bytes: int = 0
    errors: list[str] = field(default_factory=list)
    widgets: dict[str, Widget] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)


def _key(widget_id: str) -> str:
    """The key a widget was given (``net.search.text``), from its id."""
    if widget_id.startswith(_ID_PREFIX):
        return widget_id[len(_ID_PREFIX) :].split("-", 1)[1]
    return widget_id


def _read_element(msg: ForwardMsg, answer: Answer) -> None:
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    if kind is None:
        return
    body = getattr(element, kind)
    if kind == "exception":
        answer.errors.append(f"exception: {body.type}: {body.message}"[:300])
    elif kind == "alert":
        if body.format == Alert.Format.ERROR:
            answer.errors.append(f"error banner: {body.body}"[:300])
        answer.texts.append(body.body)
    elif kind == "markdown":
        answer.texts.append(body.body)
    widget_id = getattr(body, "id", "") if kind != "markdown" else ""
    if widget_id:
        options = tuple(getattr(body, "options", ()) or ())
        answer.widgets[_key(widget_id)] = Widget(widget_id, kind, tuple(str(o) for o in options))


class Tab:
    """One reader's session on a running explorer (``url``: ``http://127.0.0.1:PORT``)."""

    def __init__(self, url: str, *, timeout: float = 180.0) -> None:
        self.url = url.rstrip("/").replace("http://", "ws://", 1) + "/_stcore/stream"
        self.timeout = timeout
        self.widgets: dict[str, Widget] = {}
        self._cached: set[str] = set()
        self._socket: Any = None

    async def open(self) -> None:
        self._socket = await websockets.connect(
            self.url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout
        )

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
            self._socket = None

    async def visit(
        self, page: str = "", query: str = "", widgets: Mapping[str, Any] | None = None
    ) -> Answer:
        """Ask for ``page`` with ``query`` and the widgets ``widgets`` (key -> value) set; the answer
        once the page is settled."""
        message = BackMsg()
        state = message.rerun_script
        state.page_name = page
        state.query_string = query
        state.cached_message_hashes.extend(sorted(self._cached))
        for key, value in (widgets or {}).items():
            _set_widget(state.widget_states.widgets.add(), self.widgets[key], value)
        answer = Answer()
        started = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        try:
            await asyncio.wait_for(self._until_finished(answer), self.timeout)
        except TimeoutError:
            answer.errors.append(f"no answer within {self.timeout:g} s")
        answer.seconds = time.perf_counter() - started
        self.widgets = answer.widgets
        return answer

    async def _until_finished(self, answer: Answer) -> None:
        while True:
            raw = await self._socket.recv()
            answer.messages += 1
            answer.bytes += len(raw)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            if msg.metadata.cacheable and msg.hash:
                self._cached.add(msg.hash)
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                _read_element(msg, answer)
            elif kind == "page_not_found":
                answer.errors.append("page not found")
            elif kind == "script_finished":
                if msg.script_finished == _RERUN:
                    continue  # the page asked for another run (a page switch, a rerun): wait for it
                if msg.script_finished not in _FINISHED:
                    answer.errors.append(f"script finished with status {msg.script_finished}")
                return


def _set_widget(state: WidgetState, widget: Widget, value: Any) -> None:
    state.id = widget.id
    if widget.kind == "button":
        state.trigger_value = True
    elif isinstance(value, bool):
        state.bool_value = value
    elif isinstance(value, int):
        state.int_value = value
    elif isinstance(value, float):
        state.double_value = value
    else:
        state.string_value = str(value)
