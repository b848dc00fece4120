"""``python -m explorer.ingest.worker``: reads articles for another process, one at a time.

The process that starts it (:mod:`explorer.ingest.bounded`) sends jobs on standard input and
reads the answers on standard output, each a frame: 8 bytes of length, then a pickle. A job
holds the article, its language (or ``None``) and the graph's names when they changed since
the last job; the answers are the phase reached (``preparing``, ``reading``), then the
:class:`~explorer.ingest.reader.Reading` (without the language model's documents) or the
error. The worker never touches the database and is stopped from outside when its time is up:
nothing it reads can hold the explorer.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import struct
import sys
from typing import Any, BinaryIO

__all__ = ["main", "read_frame", "write_frame"]

_LENGTH = struct.Struct(">Q")


def write_frame(out: BinaryIO, message: Any) -> None:
    """Send ``message`` as one frame."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_LENGTH.pack(len(data)) + data)
    out.flush()


def read_frame(source: BinaryIO) -> Any:
    """The next frame's message; ``EOFError`` when the other side is gone."""
    head = source.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError("closed")
    (size,) = _LENGTH.unpack(head)
    data = source.read(size)
    if len(data) < size:
        raise EOFError("closed")
    return pickle.loads(data)


def _answer(job: dict[str, Any], state: dict[str, Any], out: BinaryIO) -> None:
    from explorer.errors import ExplorerError
    from explorer.ingest.gazetteer import gazetteer_of
    from explorer.ingest.language import detect_language
    from explorer.ingest.nlp import pipeline
    from explorer.ingest.reader import compiled_cues, read

    write_frame(out, ("phase", "preparing"))
    try:
        if job.get("entries") is not None:
            state["gazetteer"] = gazetteer_of(job["entries"])
            state["key"] = job["key"]
        article = job["article"]
        lang = job.get("lang") or detect_language(article.text)
        pipeline(lang)
        compiled_cues(lang)
        write_frame(out, ("phase", "reading"))
        reading = read(article, state["gazetteer"], lang)
    except ExplorerError as e:
        write_frame(out, ("refused", type(e).__name__, e.message, e.hint))
        return
    for sentence in reading.sentences:
        sentence.doc = None  # type: ignore[assignment]  # the caller needs the words found, not the model's
    write_frame(out, ("done", reading))


def _end_with_parent() -> None:
    """Be stopped when the process that started this one ends (Linux), whatever it was doing."""
    parent = os.environ.get("EXPLORER_WORKER_PARENT", "")
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    except (OSError, AttributeError):  # pragma: no cover - not Linux: standard input closing stops it
        pass
    if parent.isdigit() and os.getppid() != int(parent):
        sys.exit(0)  # the parent ended before the line above took effect


def main() -> int:
    """Answer jobs until standard input closes."""
    _end_with_parent()
    jobs = sys.stdin.buffer
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints must not break a frame
    sys.stdout = sys.stderr
    with contextlib.suppress(OSError):  # not allowed here: it reads at the usual priority
        os.nice(5)  # the pages and the database come first
    state: dict[str, Any] = {"gazetteer": None, "key": None}
    while True:
        try:
            job = read_frame(jobs)
        except EOFError:
            return 0
        try:
            _answer(job, state, out)
        except Exception as e:
            write_frame(out, ("crashed", f"{type(e).__name__}: {e}"[:500]))


if __name__ == "__main__":
    sys.exit(main())
