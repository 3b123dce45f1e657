"""The ``carekg`` command line: a thin layer over the library.

Each command (in :mod:`graph.cli.commands`) calls one library function.  Errors a user can cause are
:class:`~graph.errors.CareKGError`: they print one line on stderr and exit with the error's
code (2 for bad input, 1 for a graph that fails validation, whose problems are listed one per
line on stdout first), never a traceback.  The options every command shares are made by one
helper each (:func:`format_option`, :func:`output_option`), every command's help ends with an
example (:data:`EXAMPLES`), and an output path is checked before any work is done.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from graph.cli.analysis import cmd_brokers, cmd_coalitions, cmd_discourse, cmd_paths, cmd_polarisation
from graph.cli.coding import cmd_code, cmd_source, cmd_suggest
from graph.cli.commands import (
    MAP_DEFAULT,
    cmd_build,
    cmd_describe,
    cmd_export,
    cmd_import,
    cmd_map,
    cmd_queries,
    cmd_query,
    cmd_stats,
    cmd_validate,
    use_dataset,
    use_endpoint,
)
from graph.cli.console import reported
from graph.cli.scale import cmd_push, cmd_serve, cmd_synth
from graph.errors import ParameterError
from graph.rdf.literals import ill_typed_quietly
from graph.sparql.limits import DEFAULT_MAX_MEMORY, DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT

# One example per command, shown at the end of its --help (and checked by the tests).
EXAMPLES = {
    "build": "carekg build --out build/",
    "validate": "carekg validate --check shacl --check evidence",
    "queries": "carekg queries",
    "query": "carekg query posts-of-person -p person=\"Norman Lamb\" -f csv -o posts.csv",
    "describe": "carekg describe \"King's Fund\" -f md",
    "stats": "carekg stats -f json",
    "export": "carekg export network --view influence -f graphml -o influence.graphml",
    "import": "carekg import dna coded.dna -o coded",
    "discourse": "carekg discourse one-mode --qualifier subtract --normalization average -f gexf -o coalitions.gexf",
    "coalitions": "carekg coalitions --named-only --min-stances 2 --runs 100",
    "polarisation": "carekg polarisation --by-year --named-only",
    "brokers": "carekg brokers --named-only --top 15",
    "paths": "carekg paths \"Norman Lamb\" \"John Oldham\" --max-hops 3 --all",
    "map": "carekg map --view stances -o stances.html",
    "serve": "carekg serve --port 7878",
    "push": "carekg push --endpoint http://127.0.0.1:7878/store",
    "synth": "carekg synth --triples 100000 --seed 1 -o synth-100k",
    "source": "carekg --data my-dataset source add story.txt --title \"Councils back pooling\" --date 2016-03-12",
    "code": "carekg --data my-dataset code check article-000.yaml",
    "suggest": "carekg --data my-dataset suggest story.txt -o article-000.yaml",
}


def command(sub, name: str, func, help: str) -> argparse.ArgumentParser:
    """A subcommand with its help and an example in its epilog."""
    s = sub.add_parser(name, help=help, description=help[:1].upper() + help[1:] + ".",
                       epilog=f"example:\n  {EXAMPLES[name]}", formatter_class=argparse.RawDescriptionHelpFormatter)
    s.set_defaults(func=func)
    return s


def format_option(s, choices, default: str | None, help: str = "output format") -> None:
    """The shared -f/--format option: the command's own choices, its default named in the help."""
    shown = f"{help}: " + ", ".join(choices) + (f" (default: {default})" if default else "")
    s.add_argument("-f", "--format", choices=choices, default=default, help=shown)


def output_option(s, default: str | None = None) -> None:
    """The shared -o/--output option: a file written safely (see graph.rdf.paths), or - for stdout."""
    where = f"default: {default}" if default else "default: standard output"
    s.add_argument("-o", "--output", "--out", dest="output", metavar="FILE", default=None,
                   help=f"write to FILE instead ({where}); - is standard output; never destroys a "
                        "device, FIFO, symlink or hard link, and keeps a file's permissions")


def raw_option(s) -> None:
    """The shared --raw option of every command that can write CSV or TSV (see graph.text.sanitise)."""
    s.add_argument("--raw", action="store_true",
                   help="csv/tsv: write values exactly; by default a cell a spreadsheet would run as a formula "
                        "(starting =, +, -, @, tab or CR) gets a leading ' (CSV injection)")


def endpoint_option(s) -> None:
    """The shared --endpoint URL (and --graph IRI): run the command on any SPARQL 1.1 endpoint."""
    s.add_argument("--endpoint", metavar="URL", help="run on this SPARQL 1.1 query endpoint instead of the local "
                   "store (e.g. http://127.0.0.1:7878/query after carekg serve); nothing else goes over the network")
    s.add_argument("--graph", metavar="IRI", help="with --endpoint: query this named graph as the default graph")


def parser() -> argparse.ArgumentParser:
    from graph import __version__
    from graph.exchange.results import FORMATS

    p = argparse.ArgumentParser(prog="carekg", description="A sourced knowledge graph of the English health and social care budget-pooling debate, 2014-2017.",
                                epilog="examples:\n" + "\n".join(f"  {e}" for e in EXAMPLES.values()),
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"carekg {__version__}")
    p.add_argument("--data", metavar="DIR", type=Path, default=None,
                   help="dataset folder: Turtle files plus sources/ with the article texts (default: the curated data/)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = command(sub, "build", cmd_build, "load, validate and write the merged graph (Turtle, N-Triples, JSON-LD); exit 1 if invalid")
    s.add_argument("--out", type=Path, default=None, metavar="DIR", help="output folder (default: build/); created if its parent exists")

    s = command(sub, "validate", cmd_validate, "run SHACL, QC and evidence checks; exit 1 if any fail")
    s.add_argument("--check", action="append", choices=["terms", "shacl", "qc", "evidence", "owl"],
                   help="run only this check (repeatable); default: all")

    command(sub, "queries", cmd_queries, "list the named queries")

    s = command(sub, "query", cmd_query, "run a named query, a .rq file, or -e SPARQL")
    s.add_argument("name", nargs="?", help="query name (see `carekg queries`) or a .rq file")
    s.add_argument("-e", "--expr", help="SPARQL text to run instead of a named query")
    s.add_argument("-p", "--param", action="append", metavar="NAME=VALUE", help="bind a query parameter (repeatable)")
    format_option(s, FORMATS, "table", "output format (table and md show labels; csv, tsv, json are the W3C SPARQL results formats)")
    raw_option(s)
    output_option(s)
    s.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                   help=f"stop the query after S seconds, exit 3 (default {DEFAULT_TIMEOUT:g}; 0: no limit)")
    s.add_argument("--max-rows", type=int, default=DEFAULT_MAX_ROWS, metavar="N",
                   help=f"stop after N rows, exit 3 (default {DEFAULT_MAX_ROWS}; 0: no limit)")
    s.add_argument("--max-memory", type=int, default=DEFAULT_MAX_MEMORY, metavar="MB",
                   help=f"stop a query that needs more memory, exit 3 (default {DEFAULT_MAX_MEMORY} MB; 0: no limit)")
    s.add_argument("--allow-service", action="store_true",
                   help="let SERVICE send parts of the query (and local values) to other servers")
    endpoint_option(s)

    s = command(sub, "describe", cmd_describe, "every fact about an entity, with source and evidence")
    s.add_argument("entity", help="a name (exact, alias, any case or accents), kg:slug, slug or full IRI")
    format_option(s, FORMATS, "table")
    raw_option(s)
    output_option(s)
    endpoint_option(s)

    s = command(sub, "stats", cmd_stats, "counts by class, by property and per source article")
    format_option(s, ("table", "json"), "table")
    output_option(s)

    s = command(sub, "export", cmd_export, "export stances as a table (stance-details: with every qualifier), a "
                "network view for Gephi and friends, or a Discourse Network Analyzer file (dna: open it in DNA 3, "
                "coder password carekg)")
    s.add_argument("what", choices=["stances", "stance-details", "network", "dna"])
    format_option(s, ("csv", "tsv", "json", "graphml", "gexf"), None,
                  "stances, stance-details: csv (default), tsv, json; network: graphml (default), gexf, json, csv (two tables: "
                  "-o NAME.csv writes NAME-nodes.csv and NAME-edges.csv)")
    s.add_argument("--view", default="influence", help="network view (influence, stances)")
    s.add_argument("--layout", choices=["gephi", "kumu"], default="gephi",
                   help="network -f csv: the columns Gephi's spreadsheet import reads (Id, Label / Source, Target, Type; default) "
                        "or Kumu's (Label, Type / From, To, Type, Direction)")
    s.add_argument("--iris", action="store_true", help="stances, stance-details: IRIs instead of labels for actor, proposal and source")
    raw_option(s)
    output_option(s)
    endpoint_option(s)

    s = command(sub, "import", cmd_import, "import a Discourse Network Analyzer (DNA 3) file as a dataset folder "
                "(then: carekg --data FOLDER discourse two-mode)")
    s.add_argument("what", choices=["dna"])
    s.add_argument("file", type=Path, help="the .dna file (DNA 3; read only)")
    s.add_argument("-o", "--output", "--out", dest="output", type=Path, required=True, metavar="FOLDER",
                   help="the dataset folder to create (new or empty; its parent must exist)")

    s = command(sub, "discourse", cmd_discourse, "discourse network (DNA style): two-mode actor x proposal or one-mode actor x actor")
    s.add_argument("mode", choices=["two-mode", "one-mode"])
    s.add_argument("--qualifier", help="two-mode: ignore, subtract (default), combine; one-mode: congruence, conflict, subtract (default), ignore")
    s.add_argument("--normalization", help="two-mode: no, activity, prominence; one-mode: no, average, jaccard, cosine, dna-cosine")
    discourse_options(s)
    format_option(s, ("csv", "graphml", "gexf", "json"), "csv")
    raw_option(s)
    output_option(s)
    endpoint_option(s)

    s = command(sub, "coalitions", cmd_coalitions, "discourse coalitions: who stands with whom, on what evidence, how stably, "
                "and where the data is too thin to say")
    s.add_argument("--method", default="louvain", help="community detection: louvain (default), greedy, label-propagation")
    s.add_argument("--seed", type=int, default=0, help="seed of louvain and label propagation (default: 0)")
    s.add_argument("--runs", type=int, default=50, metavar="N",
                   help="stability check: N other seeds and N resamplings of the stances (default: 50; 0 skips it)")
    s.add_argument("--by-year", action="store_true", help="one partition per calendar year")
    discourse_options(s)
    format_option(s, ("table", "json"), "table")
    output_option(s)
    endpoint_option(s)

    s = command(sub, "source", cmd_source, "register an article text in the dataset (source add)")
    ssub = s.add_subparsers(dest="source_command", required=True, metavar="ACTION")
    a = ssub.add_parser("add", help="copy a text into the dataset's sources folder and register it",
                        epilog=f"example:\n  {EXAMPLES['source']}", formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("file", type=Path, help="the article text (UTF-8)")
    a.add_argument("--title", required=True, help="the headline")
    a.add_argument("--date", required=True, help="the article's date: YYYY-MM-DD, YYYY-MM or YYYY")
    a.add_argument("--publisher", help="publisher's name (catalogue metadata)")
    a.add_argument("--url", help="where the article was published (http or https)")
    a.add_argument("--author", help="author's name (catalogue metadata)")

    s = command(sub, "code", cmd_code, "coding sheets: check, apply (write the article's Turtle), export")
    csub = s.add_subparsers(dest="code_command", required=True, metavar="ACTION")
    c = csub.add_parser("check", help="run every check on a sheet; problems as sheet:line: message",
                        epilog=f"example:\n  {EXAMPLES['code']}", formatter_class=argparse.RawDescriptionHelpFormatter)
    c.add_argument("sheet", type=Path)
    c.add_argument("-v", "--verbose", action="store_true", help="also list where each evidence phrase stands")
    c = csub.add_parser("apply", help="check a sheet and, if it passes, write its article's Turtle",
                        epilog="example:\n  carekg --data my-dataset code apply article-000.yaml",
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    c.add_argument("sheet", type=Path)
    c = csub.add_parser("export", help="write an article's data as a coding sheet",
                        epilog="example:\n  carekg code export article-001 -o article-001.yaml",
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    c.add_argument("article", help="the article: kg slug (article-001) or its title")
    output_option(c)

    s = command(sub, "suggest", cmd_suggest, "draft a coding sheet for an article text: every row a candidate")
    s.add_argument("file", type=Path, help="the article text (UTF-8); register it first with `source add`")
    output_option(s)

    s = command(sub, "polarisation", cmd_polarisation, "polarisation of the debate and of each proposal, overall or year by year")
    s.add_argument("--by-year", action="store_true", help="one row set per calendar year")
    discourse_options(s)
    format_option(s, ("table", "json"), "table")
    output_option(s)

    s = command(sub, "brokers", cmd_brokers, "central actors (betweenness, PageRank) of a view, and the actors who bridge coalitions")
    s.add_argument("--view", default="influence", help="view to measure (influence, stances)")
    s.add_argument("--top", type=int, default=20, metavar="N", help="show the N most central (default: 20; 0 for all)")
    s.add_argument("--all-nodes", action="store_true", help="rank every node, not only actors")
    discourse_options(s)
    format_option(s, ("table", "json"), "table")
    output_option(s)

    s = command(sub, "paths", cmd_paths, "paths of influence between two actors, or an actor and a proposal, with the evidence of every hop")
    s.add_argument("source", help="where the paths start: a name, alias or IRI")
    s.add_argument("target", help="where they end")
    s.add_argument("--max-hops", type=int, default=4, metavar="N", help="longest path, in hops (1-8; default: 4)")
    s.add_argument("--all", dest="mode", action="store_const", const="all", default="shortest",
                   help="every simple path up to --max-hops (default: only the shortest)")
    s.add_argument("--directed", action="store_true", help="follow claims only from subject to object")
    s.add_argument("--limit", type=int, default=20, metavar="N", help="at most N paths, shortest first (default: 20)")
    s.add_argument("--view", default="influence", help="view to walk (influence, stances)")
    format_option(s, ("table", "json"), "table")
    output_option(s)

    s = command(sub, "map", cmd_map, "write the self-contained interactive HTML influence map")
    output_option(s, default=str(MAP_DEFAULT))
    s.add_argument("--view", default="influence", help="view to draw (influence, stances)")
    s.add_argument("--no-coalitions", dest="coalitions", action="store_false", help="skip the coalition colouring")
    s.add_argument("--focus", metavar="ENTITY", help="draw only this node's neighbourhood (a name, kg:slug or IRI)")
    s.add_argument("--depth", type=int, default=1, metavar="K", help="with --focus: steps from it (default: 1)")
    s.add_argument("--type", action="append", metavar="KIND", help="draw only nodes of this map group (person, organisation, "
                   "proposal...) or class (ClinicalCommissioningGroup...); repeatable")
    s.add_argument("--from", dest="start", type=int, metavar="YEAR", help="draw only claims dated in or after this year")
    s.add_argument("--to", dest="end", type=int, metavar="YEAR", help="draw only claims dated in or before this year")
    s.add_argument("--top", type=int, metavar="N", help="draw only the N nodes with the most relations")
    s.add_argument("--max-nodes", type=int, default=400, metavar="N",
                   help="above N nodes, draw the N with the most relations (default: 400); the page says what was left out")
    endpoint_option(s)
    selection_options(s)

    s = command(sub, "serve", cmd_serve, "serve the built graph read-only over SPARQL 1.1 (the Oxigraph server) "
                "on this machine; Ctrl-C stops it")
    s.add_argument("--port", type=int, default=7878, help="TCP port (default: 7878; 0 picks a free one)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    s.add_argument("--timeout-s", type=int, default=None, metavar="S", help="stop any query after S seconds")

    s = command(sub, "push", cmd_push, "upload the built graph to a SPARQL server with the Graph Store Protocol, "
                "replacing the graph there")
    s.add_argument("--endpoint", metavar="URL", required=True, help="the Graph Store endpoint (Oxigraph: http://HOST:PORT/store)")
    s.add_argument("--graph", metavar="IRI", help="replace this named graph (default: the default graph)")

    s = command(sub, "synth", cmd_synth, "write a synthetic dataset of about N triples with the shape of the curated "
                "data (then: carekg --data DIR ...)")
    s.add_argument("--triples", type=int, required=True, metavar="N", help="how many curated triples (at least)")
    s.add_argument("--seed", type=int, default=0, help="random seed (one seed, one dataset)")
    s.add_argument("-o", "--output", "--out", dest="output", type=Path, required=True, metavar="FOLDER",
                   help="the dataset folder to create (new or empty; its parent must exist)")
    return p


def selection_options(s) -> None:
    """The actor selection shared by discourse, coalitions, polarisation, brokers and the map
    (see graph.analysis.selection)."""
    s.add_argument("--actor-type", action="append", metavar="TYPE",
                   help="keep actors of this class or its subclasses, e.g. Person, Organisation, GovernmentBody, ThinkTank (repeatable)")
    s.add_argument("--min-stances", type=int, metavar="N", help="keep actors with at least N stances after the other filters")
    s.add_argument("--named-only", action="store_true", default=None,
                   help="leave out unnamed actors (carekg:UnnamedActor: collectives such as 'Many delegates', people named only by a post)")


def discourse_options(s) -> None:
    """The stance filters and actor selection shared by discourse, coalitions, polarisation and
    brokers (see graph.analysis.stances)."""
    selection_options(s)
    s.add_argument("--start", help="first date (2014, 2014-06 or 2014-06-05); stances whose interval overlaps the range count")
    s.add_argument("--end", help="last date, inclusive")
    s.add_argument("--dates", choices=["overlap", "within"],
                   help="a stance counts when its interval overlaps the range (may fall in it; default) or lies within it "
                        "(certainly does; a past recalled without a date never does); coalitions --by-year uses within")
    s.add_argument("--exclude-actor", action="append", metavar="ACTOR", help="leave out an actor, by name or IRI (repeatable)")
    s.add_argument("--exclude-proposal", action="append", metavar="PROPOSAL", help="leave out a proposal, by name or IRI (repeatable)")
    s.add_argument("--no-implicit", dest="implicit", action="store_false", default=None, help="leave out implicit stances")
    s.add_argument("--duplicates", choices=["include", "document", "year", "acrossrange"],
                   help="count repeated stances: all (include, default), once per article, per year, or once")
    s.add_argument("--conditional", choices=["half", "support", "exclude"],
                   help="conditional support as its ontology score (half, default), as support, or left out")


def main(argv=None) -> int:
    """Run one ``carekg`` command; return its exit code.  Everything after the interpreter has
    started (parsing the options included) runs under :func:`graph.cli.console.reported`, so a
    Ctrl-C at any point exits 130 with one line, never a traceback."""
    previous = signal.signal(signal.SIGTERM, _interrupt) if _main_thread() else None
    try:
        with ill_typed_quietly():
            return reported(lambda: _command(argv))
    finally:
        use_dataset(None)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _command(argv) -> int:
    for arg in sys.argv[1:] if argv is None else argv:
        try:
            str(arg).encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8 arrive as lone surrogates
            raise ParameterError(f"argument {os.fsencode(arg)!r} is not valid UTF-8") from None
    args = parser().parse_args(argv)
    use_dataset(args.data)  # each command checks its store against the inputs afresh
    if args.command != "push":
        use_endpoint(getattr(args, "endpoint", None), getattr(args, "graph", None))
    if args.data is not None and not args.data.is_dir():
        raise ParameterError(f"--data {args.data}: not a folder")
    return args.func(args)


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
