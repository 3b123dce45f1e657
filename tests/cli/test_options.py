"""Each option is declared once: one name, one meaning, one help, wherever a command takes it;
choice lists are the library's constants; old spellings still work and say so."""

from __future__ import annotations

import argparse
import ast
import re

import pytest

from graph.cli.constants import Choices, Constant, Listing
from graph.cli.options import DEPRECATED, REPORT_FORMATS, Deprecated
from graph.cli.parser import parser, subcommands
from graph.cli.reference import option_help

from ..helpers import ROOT

# Options whose meaning is one but whose details follow the command: the formats a command
# writes (and its default), where -o writes (a file or a folder), and the default count or
# time limit of a command, and the view a command reads by default (the map draws every relation, brokers read influence).
PER_COMMAND = {"format": {"choices", "default", "help"}, "output": {"default", "help", "type", "metavar", "required"},
               "timeout": {"default"}, "top": {"default"}, "view": {"default"}}
DECLARATION = ("option_strings", "help", "type", "choices", "metavar", "nargs", "const", "default", "required", "kind", "listing")
# Spellings that would name one idea twice: at most one of each group may be an option.
SYNONYMS = [{"--from", "--start"}, {"--to", "--end"}, {"--top", "--limit", "--max-nodes"}, {"--timeout", "--timeout-s"},
            {"--seed", "--random-seed"}, {"--view", "--network"}, {"--output", "--out-file"}]


def walk(p: argparse.ArgumentParser) -> list[tuple[str, argparse.Action]]:
    """(command, action) for every option and argument of every command and action."""
    found = []
    for name, s in subcommands(p).items():
        for action, a in subcommands(s).items():
            found += [(f"{name} {action}", x) for x in a._actions]
        found += [(name, x) for x in s._actions]
    return [(c, a) for c, a in found if not isinstance(a, (argparse._HelpAction, argparse._SubParsersAction))]


def declaration(a: argparse.Action) -> dict:
    choices = a.choices.constants if isinstance(a.choices, Constant) else a.choices
    return {"option_strings": tuple(a.option_strings), "help": a.help, "type": a.type, "choices": choices, "metavar": a.metavar,
            "nargs": a.nargs, "const": a.const, "default": repr(a.default), "required": a.required, "kind": type(a).__name__,
            "listing": {k: v.constants for k, v in getattr(a, "listing", {}).items()}}


def problems(p: argparse.ArgumentParser) -> list[str]:
    """What breaks "each option declared once" in the parser ``p``."""
    found = []
    live = [(c, a) for c, a in walk(p) if a.option_strings and not isinstance(a, Deprecated)]
    dests: dict[str, set] = {}
    for _, a in live:
        for o in a.option_strings:
            dests.setdefault(o, set()).add(a.dest)
    found += [f"{o} sets {sorted(d)}" for o, d in dests.items() if len(d) > 1]
    by_dest: dict[str, list] = {}
    for c, a in live:
        by_dest.setdefault(a.dest, []).append((c, a))
    for dest, uses in by_dest.items():
        first_command, first = uses[0]
        for c, a in uses[1:]:
            differ = {k for k in DECLARATION if declaration(a)[k] != declaration(first)[k]} - PER_COMMAND.get(dest, set())
            if differ:
                found.append(f"{dest}: {c} and {first_command} differ in {sorted(differ)}")
    spellings = {o for _, a in live for o in a.option_strings}
    found += [f"one idea, two names: {sorted(g & spellings)}" for g in SYNONYMS if len(g & spellings) > 1]
    stems = {}
    for o in sorted(spellings):
        stem = re.sub(r"-(s|ms|mb|secs?|seconds)$", "", o.removeprefix("--no-").lstrip("-"))
        if stem in stems and o.startswith("--"):
            found.append(f"one idea, two names: {stems[stem]} and {o}")
        stems.setdefault(stem, o)
    return found


def test_each_option_is_declared_once_with_one_name_and_one_meaning():
    assert problems(parser()) == []


def test_the_checker_sees_two_declarations_of_one_option():
    # Guard the guard: the parser before this change broke the rule in each of these ways.
    p = argparse.ArgumentParser(prog="carekg")
    sub = p.add_subparsers(dest="command")
    a, b, c = sub.add_parser("brokers"), sub.add_parser("map"), sub.add_parser("serve")
    a.add_argument("--top", type=int, default=20, help="show the N most central (default: 20; 0 for all)")
    b.add_argument("--top", type=int, help="draw only the N nodes with the most relations")
    b.add_argument("--from", dest="start", type=int)
    a.add_argument("--start", help="first date")
    a.add_argument("--timeout", type=float)
    c.add_argument("--timeout-s", type=int)
    assert problems(p) == ["top: map and brokers differ in ['help']",
                           "start: map and brokers differ in ['help', 'option_strings', 'type']",
                           "one idea, two names: ['--from', '--start']",
                           "one idea, two names: ['--timeout', '--timeout-s']",
                           "one idea, two names: --timeout and --timeout-s"]


def test_options_shared_by_several_commands_are_the_shared_ones():
    uses: dict[str, set] = {}
    for c, a in walk(parser()):
        if a.option_strings and not isinstance(a, Deprecated):
            uses.setdefault(a.dest, set()).add(c.split()[0])
    assert uses["view"] == {"export", "brokers", "paths", "map"}
    assert uses["top"] == {"brokers", "paths", "map"}
    assert uses["seed"] == {"coalitions", "synth", "polarisation", "backbone", "multiclust"}
    assert uses["start"] == uses["end"] == {"discourse", "coalitions", "polarisation", "brokers", "map", "backbone", "barplot",
                                            "phases", "multiclust"}
    assert uses["kernel"] == uses["window_size"] == {"discourse", "polarisation", "phases"}
    assert uses["coalitions"] == {"discourse", "export", "map"} and uses["dynamic"] == {"discourse", "export"}
    assert uses["endpoint"] == {"query", "describe", "export", "discourse", "coalitions", "map"}
    # Every command that can read an endpoint bounds each call to it as a query here is bounded.
    assert uses["timeout"] == uses["endpoint"] | {"serve"} and uses["max_rows"] == uses["max_memory"] == uses["endpoint"]
    assert uses["store"] == {"push"} and uses["graph"] == uses["endpoint"] | {"push"}


def _choices(command: str, dest: str):
    found = [a for c, a in walk(parser()) if c == command and a.dest == dest and not isinstance(a, Deprecated)]
    assert len(found) == 1, (command, dest)
    return found[0]


def test_choice_lists_are_the_library_constants():
    from graph.analysis import coalitions, discourse, stances
    from graph.checks.validate import ALL_CHECKS
    from graph.exchange import networks, results, tables
    from graph.map.scope import LIMIT

    assert _choices("validate", "check").choices.value is ALL_CHECKS
    assert _choices("export", "layout").choices.value is networks.CSV_LAYOUTS
    for command in ("discourse", "coalitions", "polarisation", "brokers"):
        assert _choices(command, "dates").choices.value is stances.DATES
        assert _choices(command, "duplicates").choices.value is stances.DUPLICATES
        assert _choices(command, "conditional").choices.value is stances.CONDITIONAL
    assert _choices("query", "format").choices.value is _choices("describe", "format").choices.value is results.FORMATS
    assert _choices("discourse", "format").choices.value is networks.NETWORK_FORMATS
    assert list(_choices("export", "format").choices) == list(dict.fromkeys(tables.TABLE_FORMATS + networks.NETWORK_FORMATS))
    for command in ("stats", "coalitions", "polarisation", "brokers", "paths"):
        assert _choices(command, "format").choices is REPORT_FORMATS
    assert _choices("coalitions", "method").listing["methods"].value is coalitions.METHODS
    qualifier, normalization = _choices("discourse", "qualifier").listing, _choices("discourse", "normalization").listing
    assert (qualifier["two_mode"].value, qualifier["one_mode"].value) == (discourse.TWO_MODE_QUALIFIERS, discourse.ONE_MODE_QUALIFIERS)
    assert (normalization["two_mode"].value, normalization["one_mode"].value) == (discourse.TWO_MODE_NORMALIZATIONS,
                                                                                  discourse.ONE_MODE_NORMALIZATIONS)
    assert int(_choices("map", "top").default) == LIMIT
    for values in (coalitions.METHODS, discourse.ONE_MODE_NORMALIZATIONS, stances.DUPLICATES):
        assert ", ".join(values) in option_help(_choices("coalitions", "method")) + option_help(_choices("discourse", "normalization")) \
            + option_help(_choices("coalitions", "duplicates"))


def test_no_choice_list_is_written_out_in_the_cli():
    """A literal list of strings in graph/cli is the CLI's own (a command's modes), never a copy
    of a library constant."""
    from graph.analysis import coalitions, discourse, stances
    from graph.checks.validate import ALL_CHECKS
    from graph.exchange import networks, results, tables

    library = {tuple(v) for v in (ALL_CHECKS, networks.CSV_LAYOUTS, networks.NETWORK_FORMATS, tables.TABLE_FORMATS, results.FORMATS,
                                  stances.DATES, stances.DUPLICATES, stances.CONDITIONAL, coalitions.METHODS,
                                  discourse.TWO_MODE_QUALIFIERS, discourse.ONE_MODE_QUALIFIERS, discourse.TWO_MODE_NORMALIZATIONS,
                                  discourse.ONE_MODE_NORMALIZATIONS, tables.TABLE_FORMATS + networks.NETWORK_FORMATS)}
    for path in sorted((ROOT / "graph" / "cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Tuple, ast.List)) and node.elts and all(isinstance(e, ast.Constant) and isinstance(e.value, str)
                                                                             for e in node.elts):
                values = tuple(e.value for e in node.elts)
                assert not any(set(values) == set(lib) for lib in library), (path.name, values)


@pytest.mark.parametrize("command, action", [(c, a) for c, a in walk(parser()) if a.default not in (None, False, [], argparse.SUPPRESS)
                                             and a.nargs != 0 and a.option_strings],
                         ids=lambda x: x if isinstance(x, str) else x.dest)
def test_every_default_is_named_in_the_help(command, action):
    assert "default" in option_help(action)


@pytest.mark.parametrize("old, new", sorted(DEPRECATED.items()))
def test_old_spellings_are_hidden_and_set_the_new_option(old, new):
    aliases = [(c, a) for c, a in walk(parser()) if isinstance(a, Deprecated) and a.option_strings == [old]]
    assert aliases, f"{old} is accepted nowhere: drop it from DEPRECATED"
    for command, alias in aliases:
        assert alias.help == argparse.SUPPRESS and alias.use == new
        assert [a.dest for c, a in walk(parser()) if c == command and new in a.option_strings] == [alias.dest]


@pytest.mark.parametrize("old, new", [
    (["map", "--from", "2015", "--to", "2016", "--max-nodes", "50"], ["map", "--start", "2015", "--end", "2016", "--top", "50"]),
    (["paths", "a", "b", "--limit", "3"], ["paths", "a", "b", "--top", "3"]),
    (["serve", "--timeout-s", "30"], ["serve", "--timeout", "30"]),
    (["push", "--endpoint", "http://127.0.0.1:7878/store"], ["push", "--store", "http://127.0.0.1:7878/store"]),
])
def test_an_old_spelling_parses_as_the_new_one_with_a_note(old, new, capsys):
    parsed, wanted = vars(parser().parse_args(old)), vars(parser().parse_args(new))
    assert parsed == wanted
    notes = capsys.readouterr().err.splitlines()
    assert notes and all(re.fullmatch(r"carekg: note: --[a-z-]+ is deprecated; use --[a-z]+", n) for n in notes)
    assert {n.split()[2] for n in notes} == {o for o in old if o in DEPRECATED}


def test_the_commands_keep_no_state_between_invocations():
    """No module-level mutable state in graph/cli: what an invocation works on is its Context."""
    for path in sorted((ROOT / "graph" / "cli").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not any(isinstance(n, (ast.Global, ast.Nonlocal)) for n in ast.walk(tree)), path.name
        for node in tree.body:
            names = [t.id for t in getattr(node, "targets", [getattr(node, "target", None)]) if isinstance(t, ast.Name)]
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and names not in (["__all__"], ["DEPRECATED"]):
                assert not isinstance(node.value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)), \
                    f"{path.name}:{node.lineno}: module-level mutable state"


def test_choices_read_their_constant_only_when_asked():
    import subprocess
    import sys

    code = ("import sys; from graph.cli.parser import parser; parser().parse_args(['query', 'documents']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'networkx' or m.startswith('graph.analysis')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert isinstance(_choices("validate", "check").choices, Choices) and isinstance(_choices("coalitions", "method"), Listing)
