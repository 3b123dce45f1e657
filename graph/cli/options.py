"""The options the ``carekg`` commands share, each declared once: one name, one meaning, one help.

A command topic registers its subcommands with :func:`command` and adds its options with the
helpers here, one per family (output, views, rankings, periods, stance filters, actor selection,
endpoints, query limits); an option that two commands take is made by one helper, so its
spelling, help, type and choices are the same in both (``tests/cli/test_options.py`` walks the
parser to keep it so).  Conventions every command follows:

- a count that limits what is shown (``--top``) takes 0 for "all";
- a date is written ``2014``, ``2014-06`` or ``2014-06-05``;
- a choice list is the library's own constant (:class:`graph.cli.constants.Choices`), never a copy.

Old spellings of renamed options still work, hidden from the help, with a note on stderr
(:data:`DEPRECATED`).

Examples
--------
>>> import argparse
>>> p = argparse.ArgumentParser(prog="demo")
>>> _ = top_option(p, default=20)
>>> p.parse_args(["--top", "5"]).top, p.parse_args([]).top
(5, 20)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.cli.constants import Choices, Constant
from graph.errors import ParameterError
from graph.sparql.limits import DEFAULT_MAX_MEMORY, DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT

REPORT_FORMATS = ("table", "json")  # the reports of stats and the analysis commands: for people, or JSON

# old spelling -> the option that replaced it (hidden, still accepted, with a note)
DEPRECATED = {"--from": "--start", "--to": "--end", "--timeout-s": "--timeout", "--max-nodes": "--top",
              "--limit": "--top", "--endpoint": "--store"}


class Deprecated(argparse.Action):
    """An old spelling: stores into the new option's ``dest`` and says which spelling to use."""

    def __init__(self, option_strings, dest, use: str = "", **kwargs):
        super().__init__(option_strings, dest, **kwargs)
        self.use = use

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"carekg: note: {option_string} is deprecated; use {self.use}", file=sys.stderr)
        setattr(namespace, self.dest, values)


def deprecated(s, old: str, new: argparse.Action) -> None:
    """Accept ``old`` (a key of :data:`DEPRECATED`) as a hidden alias of the option ``new``, on
    the commands that took it before it was renamed."""
    assert DEPRECATED[old] in new.option_strings, (old, new.option_strings)
    s.add_argument(old, dest=new.dest, type=new.type, metavar=new.metavar, action=Deprecated, use=DEPRECATED[old],
                   default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def command(sub, name: str, func, help: str, example: str) -> argparse.ArgumentParser:
    """A subcommand (or a subcommand's action) with its help, run by ``func(args, ctx)``, and an
    example at the end of its help."""
    s = sub.add_parser(name, help=help, description=help[:1].upper() + help[1:] + ".",
                       epilog=f"example:\n  {example}", formatter_class=argparse.RawDescriptionHelpFormatter)
    s.set_defaults(func=func)
    return s


def example_of(s: argparse.ArgumentParser) -> str:
    """The example a subcommand's help ends with (see :func:`command`)."""
    return (s.epilog or "").split("example:\n  ", 1)[1]


# --- what a command writes --------------------------------------------------------------------

def format_option(s, choices, default: str | None, help: str = "output format") -> None:
    """-f/--format: the command's own choices (a library constant), its default named in the help."""
    shown = f"{help}: one of %(choices)s" + (" (default: %(default)s)" if default else "")
    s.add_argument("-f", "--format", choices=choices, default=default, metavar="FORMAT", help=shown)


def output_option(s, default: str | None = None) -> None:
    """-o/--output: a file written safely (see graph.rdf.outputs), or - for standard output."""
    where = f"default: {default}" if default else "default: standard output"
    s.add_argument("-o", "--output", "--out", dest="output", metavar="FILE", default=None,
                   help=f"write to FILE instead ({where}); - is standard output; never destroys a "
                        "device, FIFO, symlink or hard link, and keeps a file's permissions")


def folder_option(s, help: str, required: bool = True) -> None:
    """-o/--output for the commands that write a folder (build, import, synth)."""
    s.add_argument("-o", "--output", "--out", dest="output", type=Path, required=required, default=None,
                   metavar="FOLDER", help=help)


def raw_option(s) -> None:
    """--raw, for every command that can write CSV or TSV (see graph.text.sanitise)."""
    s.add_argument("--raw", action="store_true",
                   help="csv/tsv: write values exactly; by default a cell a spreadsheet would run as a formula "
                        "(starting =, +, -, @, tab or CR) gets a leading ' (CSV injection)")


# --- networks and rankings --------------------------------------------------------------------

def view_option(s, default: str) -> None:
    """--view: the network a command reads, a query in queries/views/ (the map and exports draw the
    whole network; brokers and paths read what carries influence)."""
    s.add_argument("--view", default=default, metavar="NAME",
                   help="the network view, a query in queries/views/: network (every relation, posts held included), "
                        "influence (only what carries influence: said, proposed, funded, commissioned, advised, held to "
                        "account) or stances (default: %(default)s)")


def top_option(s, default: int | Constant) -> argparse.Action:
    """--top N: only the first N of the command's ranking; 0 for all."""
    top = s.add_argument("--top", type=int, default=default, metavar="N",
                         help="show only the first N (brokers: the most central; paths: the shortest; map: the nodes with "
                              "the most relations); 0 for all (default: %(default)s)")
    return top


def top(args) -> int:
    """The --top count, checked: 0 means all.

    >>> import argparse
    >>> top(argparse.Namespace(top=-1))
    Traceback (most recent call last):
    graph.errors.ParameterError: --top must be 0 (all) or more
    """
    first = int(args.top)
    if first < 0:
        raise ParameterError("--top must be 0 (all) or more")
    return first


def seed_option(s) -> None:
    """--seed: one seed, one result."""
    s.add_argument("--seed", type=int, default=0, metavar="N",
                   help="random seed: the same seed gives the same result (default: %(default)s)")


def by_year_option(s) -> None:
    s.add_argument("--by-year", action="store_true", help="one result per calendar year")


def checks_option(s) -> None:
    """--no-checks: skip the robustness checks of coalitions, polarisation and brokers."""
    s.add_argument("--no-checks", dest="checks", action="store_const", const=[], default=None,
                   help="skip the robustness checks (by default every finding is rerun without implicit stances, without "
                        "concepts nobody opposes, leaving out each article and year by year, and marked robust or not)")


def coalitions_option(s) -> None:
    """--no-coalitions: leave out the coalitions a command adds (the map's colouring, the exports' attribute)."""
    s.add_argument("--no-coalitions", dest="coalitions", action="store_false",
                   help="leave out the coalitions (map: the colouring; discourse and export network: each actor's coalition, "
                        "coalition_supported and coalition_robust attributes), which saves their checks")


def time_window_options(s) -> None:
    """--kernel, --window-size, --window-unit, --window-step and --indent: time slices (see
    graph.analysis.timeslices)."""
    s.add_argument("--kernel", choices=Choices("graph.analysis.timeslices:KERNELS"), metavar="NAME",
                   help="weigh each stance by its distance from a time slice's mid-point, one of %(choices)s (discourse and "
                        "polarisation: none unless given; phases: gaussian)")
    s.add_argument("--window-size", type=float, metavar="N",
                   help="time slices N --window-unit wide (discourse: moving windows, or kernel slices with --kernel; "
                        "polarisation with --kernel and phases: 12 unless given)")
    s.add_argument("--window-unit", choices=Choices("graph.analysis.timeslices:UNITS"), default="months", metavar="UNIT",
                   help="the unit of --window-size and --window-step, one of %(choices)s (default: %(default)s)")
    s.add_argument("--window-step", type=int, default=1, metavar="N",
                   help="mid-points of the slices N units apart (default: %(default)s)")
    s.add_argument("--indent", action="store_true",
                   help="start and end the mid-points half a window inside the period, so every slice lies in it")


def dynamic_option(s) -> None:
    """--dynamic: Gephi's timeline in a GEXF file."""
    s.add_argument("--dynamic", action="store_true",
                   help="-f gexf: a dynamic network for Gephi's timeline, each edge living over the dates of its claims or stances")


def camps_options(s) -> None:
    """--camps and --optimiser: the split into camps that polarisation searches for."""
    s.add_argument("--camps", type=int, metavar="K", help="with --kernel: split the actors into K camps (default: 2)")
    s.add_argument("--optimiser", choices=Choices("graph.analysis.polarisation_time:OPTIMISERS"), metavar="NAME",
                   help="with --kernel: how the best split is searched for, one of %(choices)s (default: greedy)")


def k_max_option(s) -> None:
    """--k-max: the most clusters or states tried."""
    s.add_argument("--k-max", type=int, default=5, metavar="N",
                   help="try 2 to N clusters (multiclust) or states (phases) and keep the solution of highest "
                        "modularity (default: %(default)s)")


def cluster_method_option(s) -> None:
    """--cluster-method: which clustering methods run (multiclust, phases)."""
    s.add_argument("--cluster-method", action="append", metavar="NAME",
                   help="run only this clustering method (repeatable; default: all the command offers, listed in docs/analysis.md)")


# --- which stances and actors count -------------------------------------------------------------

def period_options(s) -> tuple[argparse.Action, argparse.Action]:
    """--start/--end: the period a command looks at (the map: whole years)."""
    start = s.add_argument("--start", metavar="DATE",
                           help="first date of the period: 2014, 2014-06 or 2014-06-05 (the map takes a year); a claim "
                                "counts when its date interval overlaps the period (or, with --dates within, lies in it)")
    end = s.add_argument("--end", metavar="DATE", help="last date of the period, inclusive, written like --start")
    return start, end


def selection_options(s) -> None:
    """The actor selection of discourse, coalitions, polarisation, brokers and the map's
    coalition colouring (see graph.analysis.selection)."""
    s.add_argument("--actor-type", action="append", metavar="TYPE",
                   help="keep actors of this class or its subclasses, e.g. Person, Organisation, GovernmentBody, ThinkTank (repeatable)")
    s.add_argument("--min-stances", type=int, metavar="N", help="keep actors with at least N stances after the other filters")
    s.add_argument("--named-only", action="store_true", default=None,
                   help="leave out unnamed actors (carekg:UnnamedActor: collectives such as 'Many delegates', people named only by a post)")


def stance_filter_options(s) -> None:
    """The stance filters (and actor selection) of discourse, coalitions, polarisation and brokers
    (see graph.analysis.stances)."""
    selection_options(s)
    period_options(s)
    s.add_argument("--dates", choices=Choices("graph.analysis.stances:DATES"), metavar="RULE",
                   help="when a stance counts as in the period, one of %(choices)s: overlap, when its interval overlaps the period "
                        "(it may fall in it; the default), or within, when it lies in it (it certainly does; a past recalled "
                        "without a date never does); coalitions --by-year uses within")
    s.add_argument("--exclude-actor", action="append", metavar="ACTOR", help="leave out an actor, by name or IRI (repeatable)")
    s.add_argument("--exclude-proposal", action="append", metavar="PROPOSAL", help="leave out a proposal, by name or IRI (repeatable)")
    s.add_argument("--no-implicit", dest="implicit", action="store_false", default=None, help="leave out implicit stances")
    s.add_argument("--duplicates", choices=Choices("graph.analysis.stances:DUPLICATES"), metavar="RULE",
                   help="how repeated stances count, one of %(choices)s: all of them (the default), once per article, once "
                        "per year, or once")
    s.add_argument("--conditional", choices=Choices("graph.analysis.stances:CONDITIONAL"), metavar="RULE",
                   help="how conditional support counts, one of %(choices)s: as its ontology score (the default), as "
                        "support, or not at all")
    s.add_argument("--exclude-article", action="append", metavar="ARTICLE",
                   help="leave out the stances of an article, by title or IRI (repeatable)")
    s.add_argument("--agreement", choices=Choices("graph.analysis.stances:AGREEMENT"), metavar="RULE",
                   help="when two stances on a proposal agree, one of %(choices)s: level, at the same position, and "
                        "otherwise conflict by the distance of their scores, never both (the default); subtract, one "
                        "signed value 1 - 2 x distance; distance, DNA's integer rule (1 - distance agreement and "
                        "distance conflict at once)")
    s.add_argument("--consensus", choices=Choices("graph.analysis.stances:CONSENSUS"), metavar="RULE",
                   help="the proposals left out, one of %(choices)s: keep them all; exclude those every actor who speaks "
                        "takes one position on (coalitions, brokers' coalitions and the debate's split do by default); "
                        "unopposed, also those nobody opposes")


def selection(args) -> dict:
    """The actor selection options as filters (graph.analysis.selection), those given only."""
    return {k: v for k, v in {"actor_types": args.actor_type, "min_stances": args.min_stances,
                              "named_only": args.named_only}.items() if v not in (None, [])}


def stance_filters(args, iri) -> dict:
    """The stance filters and actor selection as filters (graph.analysis.stances), those given
    only; ``iri`` resolves a name given to --exclude-actor or --exclude-proposal."""
    return {k: v for k, v in {
        "start": args.start, "end": args.end, "dates": args.dates,
        "exclude_actors": [iri(a) for a in args.exclude_actor or []],
        "exclude_proposals": [iri(p) for p in args.exclude_proposal or []],
        "exclude_sources": [iri(a) for a in args.exclude_article or []],
        "include_implicit": args.implicit, "duplicates": args.duplicates, "conditional": args.conditional,
        "agreement": args.agreement, "consensus": args.consensus,
    }.items() if v not in (None, [])} | selection(args)


# --- where the graph is, and how long a query may run -------------------------------------------

def graph_option(s) -> None:
    """--graph IRI: the named graph at a server (read with --endpoint, replaced by push)."""
    s.add_argument("--graph", metavar="IRI", help="work on this named graph at the server instead of its default graph "
                   "(the graph --endpoint reads, or the one push replaces)")


def endpoint_options(s) -> None:
    """--endpoint URL (and --graph IRI): run a reading command on any SPARQL 1.1 query endpoint,
    each call to it under --timeout, --max-rows and --max-memory (:func:`query_limit_options`), as
    a query run here is."""
    s.add_argument("--endpoint", metavar="URL", help="run on this SPARQL 1.1 query endpoint instead of the local "
                   "store (e.g. http://127.0.0.1:7878/query after carekg serve); nothing else goes over the network")
    graph_option(s)
    query_limit_options(s)


def store_options(s) -> None:
    """--store URL (and --graph IRI): the Graph Store Protocol endpoint push writes to."""
    # a required group, so that push's old spelling (--endpoint) counts as giving it
    one = s.add_mutually_exclusive_group(required=True)
    store = one.add_argument("--store", metavar="URL",
                             help="the Graph Store Protocol endpoint to write to (Oxigraph: http://HOST:PORT/store)")
    deprecated(one, "--endpoint", store)
    graph_option(s)


def timeout_option(s, default: float) -> argparse.Action:
    """--timeout S: how long one query may run; 0 for no limit."""
    return s.add_argument("--timeout", type=float, default=default, metavar="S",
                          help="stop a query after S seconds, and a call to --endpoint whose whole answer is not in by "
                               "then; 0 for no limit (default: %(default)g)")


def query_limit_options(s) -> None:
    """--timeout, --max-rows and --max-memory of a query run here (see graph.sparql.limits), and
    of each call to an endpoint (see graph.sparql.remote)."""
    timeout_option(s, DEFAULT_TIMEOUT)
    s.add_argument("--max-rows", type=int, default=DEFAULT_MAX_ROWS, metavar="N",
                   help="stop after N rows, here or in an endpoint's answer; 0 for no limit (default: %(default)s)")
    s.add_argument("--max-memory", type=int, default=DEFAULT_MAX_MEMORY, metavar="MB",
                   help="stop a query that needs more memory, and refuse an endpoint's answer over an eighth of it; "
                        "0 for no limit (default: %(default)s MB)")


def allow_service_option(s) -> None:
    """--allow-service: SERVICE, refused by default (a query, or the server's queries, would reach other servers)."""
    s.add_argument("--allow-service", action="store_true",
                   help="let SERVICE send parts of a query (and local values) to other servers; refused by default")


def query_limits(args) -> dict:
    """--timeout, --max-rows and --max-memory, checked: each 0 (no limit) or more.

    >>> import argparse
    >>> query_limits(argparse.Namespace(timeout=5, max_rows=-1, max_memory=0))
    Traceback (most recent call last):
    graph.errors.ParameterError: --max-rows must be 0 (no limit) or more
    """
    limits = {name: getattr(args, name) for name in ("timeout", "max_rows", "max_memory")}
    for name, value in limits.items():
        if value < 0:
            raise ParameterError(f"--{name.replace('_', '-')} must be 0 (no limit) or more")
    return limits


__all__ = ["DEPRECATED", "Deprecated", "deprecated", "REPORT_FORMATS", "command", "example_of", "format_option", "output_option",
           "folder_option", "raw_option", "view_option", "top_option", "top", "seed_option", "by_year_option", "checks_option", "period_options",
           "selection_options", "stance_filter_options", "coalitions_option", "time_window_options", "dynamic_option", "camps_options",
           "k_max_option", "cluster_method_option", "selection", "stance_filters", "graph_option", "endpoint_options",
           "store_options", "timeout_option", "query_limit_options", "query_limits", "allow_service_option"]
