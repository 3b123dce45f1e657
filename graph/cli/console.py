"""How a command meets the terminal: where its output goes (:func:`target`, :func:`emit`),
standard output guarded, and a user's error turned into one line on stderr and an exit code
(:func:`reported`), never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

from graph.errors import CareKGError, StdoutError, ValidationFailed
from graph.text.sanitise import visible


class _GuardedStdout:
    """Standard output, with a failed write turned into a :class:`StdoutError` saying so.

    A write can fail on ``> /dev/full`` or under ``PYTHONIOENCODING=ascii``; only writes to
    standard output are turned into that error, so a bug elsewhere still shows its traceback.
    A closed pipe stays a ``BrokenPipeError`` (see :func:`reported`)."""

    def __init__(self, stream):
        self._stream = stream

    def _guarded(self, action, *args):
        try:
            return action(*args)
        except BrokenPipeError:
            raise
        except UnicodeEncodeError as exc:
            raise StdoutError(f"standard output cannot show {exc.object[exc.start:exc.end]!r} in its encoding "
                              f"({exc.encoding}): set PYTHONIOENCODING=utf-8 or a UTF-8 locale, or write a file with -o FILE") from None
        except OSError as exc:
            raise StdoutError(f"cannot write to standard output: {exc.strerror or exc}") from None

    def write(self, text: str) -> int:
        return self._guarded(self._stream.write, text)

    def flush(self) -> None:
        self._guarded(self._stream.flush)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def target(args, default: Path | None = None):
    """The checked ``-o`` target (checked before any expensive work), or None for standard output."""
    from graph.rdf.outputs import output_target

    path = args.output if args.output is not None else default
    if path is None:
        return None
    return output_target(path, create_parent=args.output is None)


def emit(text: str, where, note: str = "") -> None:
    """Write ``text`` to a checked target, whole or not at all (see graph.rdf.outputs), or to stdout."""
    if where is None or where.how == "stdout":
        sys.stdout.write(text)
        return
    from graph.rdf.outputs import write_text

    write_text(where, text)
    print(f"wrote {where.path}{note}", file=sys.stderr)


def shown(text: str) -> str:
    r"""A report for people: control characters from the data shown as escapes, line by line.

    >>> print(shown("red " + chr(27) + "[31m"), end="")
    red \x1b[31m
    """
    return "".join(visible(line) + "\n" for line in text.splitlines())


def reported(command) -> int:
    """Run ``command()``; a user's error becomes one line on stderr and its exit code.

    Standard output is guarded and flushed here, so a full disk (``> /dev/full``) or an encoding
    that cannot show the text (``PYTHONIOENCODING=ascii``) is one error line (exit 2) rather than
    a traceback or a failure at exit; a closed pipe (``| head``) ends the command quietly; Ctrl-C
    and SIGTERM exit 130.
    """
    stdout = sys.stdout
    sys.stdout = stdout if isinstance(stdout, _GuardedStdout) else _GuardedStdout(stdout)
    try:
        code = command()
        sys.stdout.flush()
        return code
    except ValidationFailed as exc:  # build and validate alike: every problem, then the count
        try:
            for p in exc.problems:  # data can hold control characters: shown, never sent raw
                print("\t".join(visible(str(x)) for x in (p.where or "-", p.check, p.focus, p.path or "-", p.message)))
            sys.stdout.flush()
        except (StdoutError, BrokenPipeError) as err:
            _silence(stdout)
            if isinstance(err, StdoutError):
                print(f"carekg: error: {err}", file=sys.stderr)
        print(f"carekg: {exc}", file=sys.stderr)
        return exc.exit_code
    except CareKGError as exc:
        if isinstance(exc, StdoutError):
            _silence(stdout)
        print(f"carekg: error: {visible(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # `carekg query … | head` closed the pipe: not an error
        _silence(stdout)
        return 0
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: temporary files are gone by now
        print("carekg: interrupted", file=sys.stderr)
        return 130
    finally:
        sys.stdout = stdout


def _silence(stdout) -> None:
    """Point standard output at /dev/null, so the interpreter's last flush cannot fail again."""
    import io
    import os

    try:
        fd = stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):  # not a real file (a test's capture)
        pass
