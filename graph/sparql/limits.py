"""Limits for a user's query: a timeout, a row limit and a memory cap.

The embedded engine has no timeout of its own, and a query can run without end (a cartesian
product over all triples, nested property paths) or fill the memory before it yields a row.
So ``carekg query`` runs in a child process (:func:`supervised`): the child opens the store
read-only, runs the query and streams its output back through pipes; the parent relays it and
kills the child when the time is up.  The memory cap is a resource limit on the child's address
space.  A fork costs a few milliseconds (measured in the report of this change); the child
never uses the parent's store handle: the command's parent process has none open, and the
objects a child inherits are frozen (``gc.freeze``) so that none is finalised in the child.

Examples
--------
>>> rows = limited(iter(range(5)), 3)
>>> next(rows), next(rows), next(rows)
(0, 1, 2)
>>> next(rows)
Traceback (most recent call last):
...
graph.errors.QueryStopped: stopped after 3 rows (--max-rows); the output is incomplete: ...
"""

from __future__ import annotations

import codecs
import gc
import os
import select
import signal
import sys
import time

from graph.errors import QueryStopped

DEFAULT_TIMEOUT = 60.0        # seconds
DEFAULT_MAX_ROWS = 100_000
DEFAULT_MAX_MEMORY = 2048     # MB of address space the query may use beyond the open store
DYING_WORDS = ("memory allocation of", "terminate called", "Anonymous mmap", "stack backtrace:",
               "skipping backtrace printing", "note: run with `RUST_BACKTRACE")


def limited(rows, max_rows: int):
    """Yield at most ``max_rows`` rows (all of them when ``max_rows`` is 0), then stop loudly."""
    for n, row in enumerate(rows):
        if max_rows and n >= max_rows:
            raise QueryStopped(f"stopped after {max_rows} rows (--max-rows); the output is incomplete: "
                               "raise the limit with --max-rows N (0 for none), or narrow the query")
        yield row


def cap_memory(max_mb: int) -> None:
    """Let this process use at most ``max_mb`` MB more address space than it has now (0: no cap).

    Called once the store is open, so the cap is what the query itself may use.
    """
    if not max_mb:
        return
    import resource

    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            now = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        now = 0
    limit = now + max_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def supervised(task, timeout: float = DEFAULT_TIMEOUT, max_memory: int = DEFAULT_MAX_MEMORY, out=None) -> int:
    """Run ``task()`` (which prints and returns an exit code) in a child process, under limits.

    The child's stdout and stderr come back through pipes as they are written, so output is
    streamed (to ``out``, standard output by default).  The task caps its own memory with :func:`cap_memory` once its store is open;
    ``max_memory`` here only says how to report the child's death.  Raises :class:`QueryStopped` when the time runs out or the memory cap is hit.
    ``timeout`` and ``max_memory`` of 0 mean no limit.  Even with neither limit the task runs
    in a child: the engine does not look at signals while it evaluates, so only a parent
    waiting on pipes can answer Ctrl-C at once.  Off POSIX (no ``os.fork``) it runs here.
    """
    if not hasattr(os, "fork"):
        import contextlib

        with contextlib.redirect_stdout(out if out is not None else sys.stdout):
            return task()
    sys.stdout.flush()
    sys.stderr.flush()
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    # Objects the child inherits must never be finalised there (a store's destructor would close
    # the parent's database from the child): frozen, the collector leaves them alone.
    gc.freeze()
    first = ends_with_parent()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        _child(task, out_r, out_w, err_r, err_w, first)
    gc.unfreeze()
    os.close(out_w)
    os.close(err_w)
    try:
        killed_for_time = _relay(pid, {out_r: out if out is not None else sys.stdout, err_r: sys.stderr}, timeout)
    except BaseException:  # Ctrl-C in the parent: the child goes too
        _kill(pid)
        os.waitpid(pid, 0)
        raise
    finally:
        os.close(out_r)
        os.close(err_r)
    _, status = os.waitpid(pid, 0)
    if killed_for_time:
        raise QueryStopped(f"stopped after {timeout:g} s (--timeout); the query may never finish: "
                           "narrow it, or allow more time with --timeout S (0 for none)")
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if max_memory and sig in (signal.SIGABRT, signal.SIGKILL, signal.SIGSEGV, signal.SIGBUS):
            raise QueryStopped(f"stopped: the query needed more than {max_memory} MB of memory (--max-memory); "
                               "narrow it, or allow more with --max-memory MB (0 for none)")
        raise QueryStopped(f"the query's process ended on signal {sig}")
    return os.WEXITSTATUS(status)


def ends_with_parent():
    """A hook for a child process to run first: on Linux, ask for SIGKILL when the parent ends
    (``prctl(PR_SET_PDEATHSIG)``), and end at once if the parent is already gone; None elsewhere.

    A query's child (:func:`supervised`) and the Oxigraph server (:mod:`graph.sparql.server`)
    run it, so neither outlives carekg: not after ``kill -9``, and not after a Ctrl-C that lands
    between the fork and the parent's watch on the child.  The signal comes when the *thread*
    that forked ends, so call this in the thread that waits on the child.

    >>> hook = ends_with_parent()
    >>> hook is None or callable(hook)
    True
    """
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up here: the child only calls it
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def hook():
        prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:
            os._exit(1)

    return hook


def _child(task, out_r, out_w, err_r, err_w, first=None) -> None:
    code = 1
    try:
        if first is not None:
            first()
        os.close(out_r)
        os.close(err_r)
        os.dup2(out_w, 1)
        os.dup2(err_w, 2)
        sys.stdout = open(1, "w", encoding=getattr(sys.stdout, "encoding", None) or "utf-8",
                          errors="strict", closefd=False, newline="")
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
        code = task()
    except KeyboardInterrupt:
        code = 130
    except MemoryError:
        code = 1
        os.kill(os.getpid(), signal.SIGABRT)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # a bug: keep its traceback visible
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:
            pass
        os._exit(code)


def _relay(pid: int, streams: dict, timeout: float) -> bool:
    """Copy the child's output to ours until both pipes close; True if the time ran out."""
    deadline = time.monotonic() + timeout if timeout else None
    decoders = {fd: codecs.getincrementaldecoder("utf-8")("replace") for fd in streams}
    partial = {fd: "" for fd in streams}  # stderr is relayed by whole lines, to filter them
    open_fds = set(streams)
    while open_fds:
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select(list(open_fds), [], [], wait)
        if not ready:
            _kill(pid)
            return True
        for fd in ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                open_fds.discard(fd)
            text = decoders[fd].decode(chunk, final=not chunk)
            if streams[fd] is sys.stderr:
                # The allocators' own last words when the memory cap is hit: the parent says it.
                lines = (partial[fd] + text).splitlines(True)
                partial[fd] = lines.pop() if lines and not lines[-1].endswith("\n") and chunk else ""
                text = "".join(ln for ln in lines if not ln.startswith(DYING_WORDS))
            if text:
                streams[fd].write(text)
                streams[fd].flush()
    return False


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


__all__ = ["cap_memory", "limited", "supervised", "DEFAULT_TIMEOUT", "DEFAULT_MAX_ROWS", "DEFAULT_MAX_MEMORY"]
