"""The load's progress bar: click's, quiet for small loads, started once rows are written."""

from __future__ import annotations

import io

import pytest

from explorer.cli.progress import LABEL, ProgressBar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_off_a_terminal_the_bar_says_its_label_once_when_the_first_rows_are_written() -> None:
    out = io.StringIO()
    with ProgressBar(threshold=10, stream=out) as bar:
        assert out.getvalue() == ""  # nothing before the first batch is in the database
        for done in (250, 500, 1000):
            bar(done, 1000)
    assert out.getvalue() == f"{LABEL}\n"


def test_on_a_terminal_the_bar_counts_rows_and_ends_its_line() -> None:
    out = Terminal()
    with ProgressBar(threshold=10, stream=out) as bar:
        bar(500, 1000)
        assert "500/1000" in out.getvalue() and "50%" in out.getvalue()
        bar(1000, 1000)
    shown = out.getvalue()
    assert "1000/1000" in shown and "100%" in shown and shown.endswith("\n")


@pytest.mark.parametrize(("done", "total"), [(5, 5), (0, 0)])
def test_a_small_load_shows_no_bar(done: int, total: int) -> None:
    out = Terminal()
    with ProgressBar(threshold=10, stream=out) as bar:
        bar(done, total)
    assert out.getvalue() == ""


def test_a_load_that_fails_midway_leaves_the_line_finished() -> None:
    out = Terminal()
    with pytest.raises(RuntimeError), ProgressBar(threshold=10, stream=out) as bar:
        bar(300, 1000)
        raise RuntimeError("the database went away")
    assert out.getvalue().endswith("\n")
    bar(600, 1000)  # a late call draws nothing more
    assert "600/1000" not in out.getvalue()
