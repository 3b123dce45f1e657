"""The command-line reference, ``docs/cli.md``, written from the parser itself, and the other
pages of ``docs/`` that are made from the code (:func:`pages`).

Every command and action with its description, usage, arguments and options (help text, with
the default and the choices each names) and its example, and the old spellings still accepted.  The file is
committed, and a test writes it again and fails if the two differ, so it cannot drift from the
parser.  Run ``python -m graph.cli.reference`` to write it with the query reference
(``docs/queries.md``, from the query files' headers) and the package map in
``docs/architecture.md`` (from the subpackages' docstrings); ``-o FILE`` writes the command-line
reference alone to another path, ``-o -`` to standard output.

Examples
--------
>>> from graph.cli.parser import parser
>>> text = reference(parser())
>>> text.splitlines()[0]
'# The carekg command line'
>>> "### `carekg query`" in text and "`--timeout S`" in text
True
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.cli.options import DEPRECATED, Deprecated, example_of

DOC = Path(__file__).resolve().parent.parent.parent / "docs" / "cli.md"
WIDTH = 100  # usage lines are wrapped here, whatever the terminal
# The package map stands between these two lines of docs/architecture.md; the rest of that page is prose.
MAP_START = "<!-- package map: generated from graph/ by graph.package_map(); do not edit by hand -->"
MAP_END = "<!-- end of the package map -->"


def option_help(action: argparse.Action) -> str:
    """An option's help as ``--help`` shows it (``%(default)s`` and the like filled in), on one line.

    >>> p = argparse.ArgumentParser()
    >>> print(option_help(p.add_argument("--n", type=int, default=3, help="how many (default: %(default)s)")))
    how many (default: 3)
    """
    text = argparse.HelpFormatter("carekg")._expand_help(action) if action.help else ""
    return " ".join(text.split())


def reference(p: argparse.ArgumentParser) -> str:
    """The Markdown reference of the parser ``p`` (the ``carekg`` parser)."""
    from graph.cli.parser import subcommands

    lines = ["# The carekg command line", "",
             "<!-- Written by `python -m graph.cli.reference` from the parser; do not edit by hand. -->", "",
             p.description or "", "", "```", _usage(p), "```", ""]
    lines += _options(p)
    lines += ["## Conventions", "",
              "- Every command takes the global `--data DIR` (before the command name).",
              "- A count that limits what is shown (`--top N`) takes 0 for all.",
              "- A date is written `2014`, `2014-06` or `2014-06-05`.",
              "- Bad input is one line on stderr and exit code 2; a graph that fails its checks exits 1 "
              "(each problem listed on stdout); a query stopped by a limit, or a server that fails, exits 3.", "",
              "## Commands", ""]
    lines += [f"- [`{name}`](#carekg-{name}): {s.description}" for name, s in subcommands(p).items()] + [""]
    for name, s in subcommands(p).items():
        lines += _command(f"carekg {name}", s, level=3)
        for action, a in subcommands(s).items():
            lines += _command(f"carekg {name} {action}", a, level=4)
    lines += ["## Old spellings", "",
              "Renamed options still work, hidden from `--help`, with a note on stderr saying which spelling to use:", "",
              "| old | use | in |", "|---|---|---|"]
    lines += [f"| `{old}` | `{DEPRECATED[old]}` | {', '.join(f'`{c}`' for c in commands)} |" for old, commands in old_spellings(p).items()]
    return "\n".join(lines + [""])


def old_spellings(p: argparse.ArgumentParser) -> dict[str, list[str]]:
    """Each deprecated spelling (a key of :data:`DEPRECATED`) and the commands that accept it."""
    from graph.cli.parser import subcommands

    found: dict[str, list[str]] = {old: [] for old in DEPRECATED}
    for name, s in subcommands(p).items():
        for a in s._actions:
            if isinstance(a, Deprecated):
                found[a.option_strings[0]].append(name)
    return found


def _command(title: str, s: argparse.ArgumentParser, level: int) -> list[str]:
    out = ["#" * level + f" `{title}`", "", s.description or "", "", "```", _usage(s), "```", ""]
    out += _options(s)
    return out + ["Example:", "", "```", example_of(s), "```", ""]


def _usage(s: argparse.ArgumentParser) -> str:
    formatter = argparse.HelpFormatter(s.prog, width=WIDTH)
    formatter.add_usage(s.usage, s._actions, s._mutually_exclusive_groups, prefix="")
    return formatter.format_help().strip()


def _options(s: argparse.ArgumentParser) -> list[str]:
    rows = []
    for a in s._actions:
        if a.help == argparse.SUPPRESS or isinstance(a, (argparse._HelpAction, argparse._SubParsersAction, Deprecated)):
            continue
        if a.option_strings:
            value = "" if a.nargs == 0 else f" {a.metavar or a.dest.upper()}"
            names = ", ".join(f"`{o}{value}`" for o in a.option_strings)
        else:
            names = f"`{a.metavar or a.dest}`"
        notes = []
        if a.choices is not None and "%(choices)s" not in (a.help or ""):
            notes.append("one of: " + ", ".join(f"`{c}`" for c in a.choices))
        if a.option_strings and (a.required or any(g.required and a in g._group_actions for g in s._mutually_exclusive_groups)):
            notes.append("required")
        meaning = _cell(option_help(a)) + "".join(f" ({_cell(n)})" for n in notes)
        rows.append(f"| {names} | {meaning} |")
    if not rows:
        return []
    return ["| argument | meaning |", "|---|---|"] + rows + [""]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def with_package_map(text: str) -> str:
    """The architecture page ``text`` with the package map between its two marker lines made
    afresh from ``graph/`` (:func:`graph.package_map`).

    >>> page = with_package_map(f"# Title\\n\\n{MAP_START}\\nold\\n{MAP_END}\\n\\nProse.\\n")
    >>> page.split(MAP_START)[1].splitlines()[2][:23], page.endswith(f"{MAP_END}\\n\\nProse.\\n")
    ('- `graph/errors.py` (be', True)
    """
    from graph import package_map
    from graph.errors import ParameterError

    head, found, rest = text.partition(MAP_START)
    if not found or MAP_END not in rest:
        raise ParameterError(f"the architecture page needs the lines {MAP_START!r} and {MAP_END!r}")
    return f"{head}{MAP_START}\n\n{package_map()}\n{MAP_END}{rest.partition(MAP_END)[2]}"


def pages() -> dict[Path, str]:
    """Every page of ``docs/`` made from the code, with what it should hold now."""
    from graph.cli.parser import parser
    from graph.sparql.catalog import reference as query_reference

    architecture = DOC.with_name("architecture.md")
    return {DOC: reference(parser()), DOC.with_name("queries.md"): query_reference(),
            architecture: with_package_map(architecture.read_text(encoding="utf-8"))}


def main(argv=None) -> int:
    from graph.cli.parser import parser
    from graph.rdf.outputs import output_target, write_text

    ap = argparse.ArgumentParser(prog="python -m graph.cli.reference",
                                 description="Write docs/cli.md from the carekg parser, docs/queries.md from the query files "
                                             "and the package map of docs/architecture.md from graph/.")
    ap.add_argument("-o", "--output", metavar="FILE",
                    help="write only the command-line reference, to FILE; - is standard output")
    args = ap.parse_args(argv)
    if args.output == "-":
        sys.stdout.write(reference(parser()))
        return 0
    if args.output:
        write_text(output_target(args.output), reference(parser()))
        print(f"wrote {args.output}", file=sys.stderr)
        return 0
    for path, text in pages().items():
        if path.read_text(encoding="utf-8") != text:
            write_text(output_target(path), text)
            print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
