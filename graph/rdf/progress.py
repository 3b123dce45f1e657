"""Progress on long work: each stage of a build, a validation, a map or an analysis, with a count
where there is one, shown on a terminal and nowhere else.

Library code marks its stages with :func:`stage` (and counts with :meth:`Stage.advance` or
:func:`track`); they cost nothing unless a display is on.  Only the command line turns one on
(:func:`shown`), for a command whose standard error is a terminal and that was not given
``--quiet``: piped or redirected output, and every caller of the library, see nothing.  The
display is `rich <https://rich.readthedocs.io>`_'s progress display on standard error; it runs
only while a stage is open, so no thread is left running between stages (a query's supervised
child process is forked between them).

Examples
--------
>>> with stage("loading", total=3) as s:  # no display: nothing is shown
...     s.advance()
>>> [x for x in track(range(3), "counting")]
[0, 1, 2]
"""

from __future__ import annotations

import contextlib
import os
import sys
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

_DISPLAY: ContextVar[Display | None] = ContextVar("carekg_progress", default=None)


def wanted(stream=None, quiet: bool = False) -> bool:
    """Whether a display belongs on ``stream`` (standard error by default): a terminal that is
    not a dumb one, and no ``--quiet``."""
    stream = stream if stream is not None else sys.stderr
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        return False
    return tty and not quiet and os.environ.get("TERM") != "dumb"


@contextlib.contextmanager
def shown(enabled: bool, stream=None):
    """Show the stages opened inside this block on ``stream`` (standard error) when ``enabled``."""
    if not enabled:
        yield
        return
    token = _DISPLAY.set(Display(stream if stream is not None else sys.stderr))
    try:
        yield
    finally:
        display = _DISPLAY.get()
        if display is not None:
            display.stop()
        _DISPLAY.reset(token)


@dataclass
class Display:
    """The progress display: started when the first stage opens, stopped when the last closes."""

    stream: Any
    progress: Any = None
    depth: int = 0
    tasks: list = field(default_factory=list)

    def open(self, name: str, total: int | None) -> Any:
        if self.progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            console = Console(file=self.stream, force_terminal=True, highlight=False)
            # a count only for the stages that have one ("8/8 rules"), never "1/1"
            self.progress = Progress(SpinnerColumn(finished_text="[green]✓"), TextColumn("{task.description}"), BarColumn(),
                                     TextColumn("{task.fields[count]}"), TimeElapsedColumn(), console=console,
                                     redirect_stdout=False, redirect_stderr=False)
            self.progress.start()
        self.depth += 1
        return self.progress.add_task(("  " * (self.depth - 1)) + name, total=total, count=_count(0, total))

    def advance(self, task, n: int) -> None:
        self.progress.advance(task, n)
        t = self._task(task)
        self.progress.update(task, count=_count(t.completed, t.total))

    def close(self, task) -> None:
        t = self._task(task)
        done = t.total if t.total is not None else 1
        self.progress.update(task, total=done, completed=done, count=_count(t.completed, t.total))
        self.progress.stop_task(task)
        self.depth -= 1
        if self.depth == 0:
            self.stop()

    def _task(self, task):
        return next(t for t in self.progress.tasks if t.id == task)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None
            self.depth = 0


class Stage:
    """One open stage: :meth:`advance` counts its work done, :meth:`total` sets how much there is."""

    def __init__(self, display: Display | None, task=None):
        self._display, self._task = display, task

    def advance(self, n: int = 1) -> None:
        if self._display is not None and self._display.progress is not None:
            self._display.advance(self._task, n)

    def total(self, n: int | None) -> None:
        if self._display is not None and self._display.progress is not None:
            self._display.progress.update(self._task, total=n)
            self._display.advance(self._task, 0)


def _count(done, total) -> str:
    return f"{int(done):,}/{int(total):,}" if total else ""


@contextlib.contextmanager
def stage(name: str, total: int | None = None):
    """A stage of long work, shown while it runs (when a display is on), with a count out of
    ``total`` if one is given; the :class:`Stage` it yields counts the work done."""
    display = _DISPLAY.get()
    if display is None:
        yield Stage(None)
        return
    task = display.open(name, total)
    try:
        yield Stage(display, task)
    finally:
        display.close(task)


def track(items, name: str, total: int | None = None):
    """The items of ``items``, one by one, shown as a stage counting them."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)
    with stage(name, total) as s:
        for item in items:
            yield item
            s.advance()


__all__ = ["wanted", "shown", "stage", "track", "Stage", "Display"]
