"""The progress display (graph.rdf.progress): nothing unless a display is on; with one, each
stage's name and count on the stream it was given."""

from __future__ import annotations

import io

from graph.rdf import progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_stages_cost_nothing_and_show_nothing_without_a_display():
    with progress.stage("loading", total=3) as s:
        s.advance(3)
    assert list(progress.track([1, 2], "counting")) == [1, 2]


def test_a_display_shows_each_stage_with_its_count():
    out = _Terminal()
    with progress.shown(True, out):
        with progress.stage("build"):
            for _ in progress.track(range(8), "derive: rules"):
                pass
            with progress.stage("check: shacl"):
                pass
    shown = out.getvalue()
    assert "build" in shown and "derive: rules" in shown and "8/8" in shown and "check: shacl" in shown
    assert "1/1" not in shown  # a stage without a count shows none


def test_wanted_only_on_a_terminal_and_without_quiet(monkeypatch):
    monkeypatch.setenv("TERM", "xterm")
    assert progress.wanted(_Terminal()) and not progress.wanted(_Terminal(), quiet=True)
    assert not progress.wanted(io.StringIO())
    monkeypatch.setenv("TERM", "dumb")
    assert not progress.wanted(_Terminal())
