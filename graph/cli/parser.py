"""The ``carekg`` command line: a thin layer over the library.

Each command calls one library function; the commands live in one module per topic, each
registering its own subcommands (:data:`TOPICS`), with the shared options of
:mod:`graph.cli.options`.  Errors a user can cause are :class:`~graph.errors.CareKGError`: they
print one line on stderr and exit with the error's code (2 for bad input, 1 for a graph that
fails validation, whose problems are listed one per line on stdout first, 3 for a limit or a
server), never a traceback.  Every command's help ends with an example, and an output path is
checked before any work is done.  ``docs/cli.md`` is this parser written out
(:mod:`graph.cli.reference`).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from graph.cli import analysis, building, coding, datasets, describing, dna, exports, querying, scale
from graph.cli import map as drawing
from graph.cli.console import reported
from graph.cli.context import Context
from graph.cli.options import example_of
from graph.errors import ParameterError
from graph.rdf.literals import ill_typed_quietly

# The topics, in the order the help lists their commands: a dataset of one's own, making the graph,
# reading it, taking it to other tools, drawing it, analysing it (then DNA's analyses), coding new
# articles, and running it at scale.
TOPICS = (datasets, building, querying, describing, exports, drawing, analysis, dna, coding, scale)
# The commands that can run for long: each is one stage of the progress display on a terminal,
# with the stages of its work inside (see graph.rdf.progress).
LONG = ("build", "validate", "map", "synth", "import", "export", "discourse", "coalitions", "polarisation", "brokers", "paths",
        "backbone", "barplot", "phases", "multiclust")


def parser() -> argparse.ArgumentParser:
    """The ``carekg`` parser: the global options, then each topic's subcommands."""
    from graph import __version__

    p = argparse.ArgumentParser(prog="carekg", description="A sourced knowledge graph of the English health and social care "
                                "budget-pooling debate, 2014-2017.", formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"carekg {__version__}")
    p.add_argument("--data", metavar="DIR", type=Path, default=None,
                   help="dataset folder: Turtle files plus sources/ with the article texts, made by carekg init; its "
                        "build goes in DIR/build/ (default: the curated data/, built in build/ beside it)")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress display (long commands show their stages on a terminal, never when piped)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for topic in TOPICS:
        topic.register(sub)
    p.epilog = "examples:\n" + "\n".join(f"  {e}" for e in examples(p).values())
    return p


def subcommands(p: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """A parser's subcommands (or a command's actions) by name, in the order of the help."""
    found = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(found[0].choices) if found else {}


def examples(p: argparse.ArgumentParser) -> dict[str, str]:
    """Each command's example, by command name."""
    return {name: example_of(s) for name, s in subcommands(p).items()}


def main(argv=None) -> int:
    """Run one ``carekg`` command; return its exit code.  Everything after the interpreter has
    started (parsing the options included) runs under :func:`graph.cli.console.reported`, so a
    Ctrl-C at any point exits 130 with one line, never a traceback."""
    previous = signal.signal(signal.SIGTERM, _interrupt) if _main_thread() else None
    try:
        with ill_typed_quietly():
            return reported(lambda: _command(argv))
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _command(argv) -> int:
    for arg in sys.argv[1:] if argv is None else argv:
        try:
            str(arg).encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8 arrive as lone surrogates
            raise ParameterError(f"argument {os.fsencode(arg)!r} is not valid UTF-8") from None
    args = parser().parse_args(argv)
    if args.data is not None and args.command != "init":
        if not args.data.exists() and not args.data.is_symlink():
            raise ParameterError(f"--data {args.data}: no such folder: make a dataset there first with carekg init {args.data}")
        if not args.data.is_dir():
            raise ParameterError(f"--data {args.data}: not a folder")
    from graph.rdf.progress import shown, stage, wanted

    with shown(wanted(quiet=args.quiet)):
        if args.command not in LONG:
            return args.func(args, Context.from_args(args))
        with stage(args.command):
            return args.func(args, Context.from_args(args))


def run() -> None:
    """The ``carekg`` program: :func:`main`, then exit with its code.  Once the work is done a
    late Ctrl-C changes nothing, so it is ignored while the interpreter shuts down."""
    code = main()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if code == 130:
        _forget_unhandled_interrupt()
    sys.exit(code)


def _forget_unhandled_interrupt() -> None:
    """Make an interrupted run exit 130 every time.  A Ctrl-C that lands while an extension runs
    Python code through the C API (pyoxigraph does as it is imported) leaves CPython's flag for an
    unhandled KeyboardInterrupt set although we handled it, and at exit the interpreter would kill
    itself with SIGINT instead.  Running any code through that API clears the flag."""
    import ctypes

    ctypes.pythonapi.PyRun_SimpleString(b"pass")


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


if __name__ == "__main__":
    run()
