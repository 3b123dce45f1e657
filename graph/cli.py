"""The ``carekg`` command line: a thin layer over the library.

Each command calls one library function.  Errors a user can cause are
:class:`~graph.errors.CareKGError`: they print one line on stderr and exit with the error's
code (2 for bad input, 1 for a graph that fails validation, whose problems are listed one per
line on stdout first), never a traceback.  The options every command shares are made by one
helper each (:func:`format_option`, :func:`output_option`), every command's help ends with an
example (:data:`EXAMPLES`), and an output path is checked before any work is done.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path

from .errors import CareKGError, ParameterError, ValidationFailed

MAP_DEFAULT = Path("build/map.html")

_KG: dict = {}
_DATA: dict = {"dir": None}  # the global --data DIR of this invocation


def _paths():
    from .files import Paths

    return Paths.for_dataset(_DATA["dir"])


def _kg():
    """The dataset's graph on its cached store, opened once per command (see graph.store)."""
    from .store import open_graph

    paths = _paths()
    if paths not in _KG:
        _KG.clear()
        _KG[paths], note = open_graph(paths)
        if note:
            print(f"carekg: note: {note}", file=sys.stderr)
    return _KG[paths]


def _target(args, default: Path | None = None):
    """The checked -o target (before any expensive work), or None for standard output."""
    from .files import output_target

    path = args.output if args.output is not None else default
    if path is None:
        return None
    return output_target(path, create_parent=args.output is None)


def _emit(text: str, target, note: str = "") -> None:
    """Write ``text`` to the checked target (safely, see graph.files), or to stdout."""
    if target is None or target.how == "stdout":
        sys.stdout.write(text)
        return
    from .files import write_text

    write_text(target, text)
    print(f"wrote {target.path}{note}", file=sys.stderr)


def cmd_build(args) -> int:
    from .files import output_folder
    from .store import build
    from .validate import validate

    if args.out is not None:
        output_folder(args.out, create=False)

    def check(kg):
        problems = validate(kg)
        if problems:
            raise ValidationFailed(problems)

    for path in build(_paths(), args.out, check=check):
        print(f"wrote {path}")
    return 0


def cmd_validate(args) -> int:
    from .validate import ALL_CHECKS, validate

    problems = validate(_kg(), checks=args.check or ALL_CHECKS)
    if problems:
        raise ValidationFailed(problems)
    print("valid: " + ", ".join(args.check or ALL_CHECKS) + " checks pass")
    return 0


def cmd_queries(args) -> int:
    from .catalog import list_queries

    for q in list_queries(_paths()):
        params = " ".join(f"-p {p.name}=…" + ("" if p.default is None and not p.optional else "?") for p in q.params)
        print(f"{q.name:42} {q.title}" + (f"   [{params}]" if params else ""))
    return 0


def _params(pairs) -> dict:
    out = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise ParameterError(f"parameter {pair!r} must look like name=value")
        name, value = pair.split("=", 1)
        out[name.strip()] = value
    return out


def cmd_query(args) -> int:
    from .catalog import NamedQuery, find_query
    from .formats import format_rows
    from .names import label_of, labels_of
    from .query import run
    from .vocabulary import bind_prefixes

    if args.expr is not None:
        if args.name:
            raise ParameterError("give either a query name/file or -e SPARQL, not both")
        query = NamedQuery(name="-e", text=args.expr, path="<-e>")
    elif args.name:
        query = find_query(args.name, _paths())
    else:
        raise ParameterError("give a query name, a .rq file, or -e 'SPARQL'; `carekg queries` lists the names")
    target = _target(args)
    kg = _kg()
    result = run(kg, query, _params(args.param))
    if result.boolean is not None:
        text = "true\n" if result.boolean else "false\n"
    elif result.graph is not None:
        text = bind_prefixes(result.graph).serialize(format="turtle")
    else:
        if args.format in ("table", "md"):
            labels_of(kg, [t for row in result.rows for t in row])  # one query for every label shown
        text = format_rows(result.vars, result.rows, args.format, label=lambda t: label_of(kg, t))
    _emit(text, target)
    if result.boolean is None and result.graph is None and args.format == "table":
        print(f"{len(result.rows)} row(s)", file=sys.stderr)
    return 0


def cmd_describe(args) -> int:
    from rdflib import Literal

    from .describe import describe
    from .formats import format_rows
    from .names import resolve_entity

    target = _target(args)
    kg = _kg()
    facts = describe(kg, resolve_entity(kg, args.entity))
    names = ["subject", "predicate", "object", "date", "source", "evidence"]
    rows = [tuple(Literal(x) if x is not None else None for x in
                  (f.subject, f.predicate, f.object, f.date, f.source_label, f.evidence)) for f in facts]
    _emit(format_rows(names, rows, args.format), target)
    return 0


def cmd_stats(args) -> int:
    from .describe import stats

    target = _target(args)
    s = stats(_kg())
    if args.format == "json":
        _emit(json.dumps(s, indent=2) + "\n", target)
        return 0
    t = s["triples"]
    lines = [f"triples: {t['total']} ({t['data']} curated, {t['ontology']} ontology, {t['derived']} derived)",
             f"curated things (not counting claims): {s['entities']}"]
    for title, key in (("by class", "classes"), ("by property", "properties"), ("claims per source", "sources")):
        lines += ["", f"{title}:"] + [f"  {n:6}  {name}" for name, n in s[key].items()]
    _emit("\n".join(lines) + "\n", target)
    return 0


def cmd_export(args) -> int:
    from .export import format_table, network_text, stances_table
    from .network import build_view

    if args.what == "dna":
        from .dna import export_dna

        if args.output is None:
            raise ParameterError("export dna writes a binary file: give it with -o FILE.dna")
        target = _target(args)
        report = export_dna(_kg(), target)
        print("\n".join([f"wrote {target.path}"] + report), file=sys.stderr)
        return 0
    target = _target(args)
    kg = _kg()
    if args.what == "stances":
        header, rows = stances_table(kg, iris=args.iris)
        text = format_table(header, rows, args.format or "csv")
    else:
        fmt = args.format or "graphml"
        text = network_text(build_view(kg, args.view, facts=(fmt == "json")), fmt)
    _emit(text, target)
    return 0


def cmd_import(args) -> int:
    from .dnaimport import import_dna

    print("\n".join([f"wrote {args.output}"] + import_dna(args.file, args.output)), file=sys.stderr)
    return 0


def _discourse_filters(args) -> dict:
    return {k: v for k, v in {
        "start": args.start, "end": args.end,
        "exclude_actors": [_iri(a) for a in args.exclude_actor or []],
        "exclude_proposals": [_iri(p) for p in args.exclude_proposal or []],
        "include_implicit": args.implicit, "duplicates": args.duplicates, "conditional": args.conditional,
    }.items() if v not in (None, [])}


def _iri(value: str) -> str:
    from .names import resolve_entity

    return str(resolve_entity(_kg(), value))


def cmd_discourse(args) -> int:
    from .discourse import one_mode, two_mode
    from .export import network_text
    from .network import stance_records

    target = _target(args)
    records = stance_records(_kg())
    filters = _discourse_filters(args)
    build = two_mode if args.mode == "two-mode" else one_mode
    g = build(records, qualifier=args.qualifier or "subtract", normalization=args.normalization or "no", **filters)
    _emit(network_text(g, args.format), target, f" ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")
    return 0


def cmd_coalitions(args) -> int:
    from .coalitions import coalitions_over_time, detect_coalitions
    from .network import stance_records

    target = _target(args)
    records = stance_records(_kg())
    filters = _discourse_filters(args)
    if args.by_year:
        periods = coalitions_over_time(records, window="year", method=args.method, seed=args.seed, **filters)
    else:
        found = detect_coalitions(records, method=args.method, seed=args.seed, **filters)
        periods = [{"period": "all", "coalitions": found.coalitions, "modularity": found.modularity}]
    if args.format == "json":
        _emit(json.dumps(periods, indent=2, default=str) + "\n", target)
        return 0
    lines = []
    for period in periods:
        lines.append(f"{period['period']}: modularity {period['modularity']:.3f}")
        lines += [f"  coalition {c['id']} ({c['size']}): " + "; ".join(c["labels"]) for c in period["coalitions"]]
    _emit("\n".join(lines) + "\n", target)
    return 0


def cmd_map(args) -> int:
    from .network import build_view
    from .render import write_map

    target = _target(args, default=MAP_DEFAULT)
    kg = _kg()
    G = build_view(kg, args.view)
    if args.coalitions:
        from .coalitions import actor_membership, detect_coalitions
        from .network import stance_records

        found = detect_coalitions(stance_records(kg), seed=0)
        G.graph["coalitions"] = actor_membership(found)
        G.graph["coalition_summaries"] = found.coalitions
    path = write_map(G, target)
    print(f"wrote {path} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)", file=sys.stderr)
    return 0


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
    "coalitions": "carekg coalitions --by-year --exclude-actor \"Norman Lamb\"",
    "map": "carekg map --view stances -o stances.html",
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
    """The shared -o/--output option: a file written safely (see graph.files), or - for stdout."""
    where = f"default: {default}" if default else "default: standard output"
    s.add_argument("-o", "--output", "--out", dest="output", metavar="FILE", default=None,
                   help=f"write to FILE instead ({where}); - is standard output; never destroys a "
                        "device, FIFO, symlink or hard link, and keeps a file's permissions")


def parser() -> argparse.ArgumentParser:
    from . import __version__
    from .formats import FORMATS

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
    s.add_argument("--check", action="append", choices=["shacl", "qc", "evidence", "owl"], help="run only this check (repeatable); default: all")

    command(sub, "queries", cmd_queries, "list the named queries")

    s = command(sub, "query", cmd_query, "run a named query, a .rq file, or -e SPARQL")
    s.add_argument("name", nargs="?", help="query name (see `carekg queries`) or a .rq file")
    s.add_argument("-e", "--expr", help="SPARQL text to run instead of a named query")
    s.add_argument("-p", "--param", action="append", metavar="NAME=VALUE", help="bind a query parameter (repeatable)")
    format_option(s, FORMATS, "table", "output format (table and md show labels; csv, tsv, json are the W3C SPARQL results formats)")
    output_option(s)

    s = command(sub, "describe", cmd_describe, "every fact about an entity, with source and evidence")
    s.add_argument("entity", help="a name (exact, alias, any case or accents), kg:slug, slug or full IRI")
    format_option(s, FORMATS, "table")
    output_option(s)

    s = command(sub, "stats", cmd_stats, "counts by class, by property and per source article")
    format_option(s, ("table", "json"), "table")
    output_option(s)

    s = command(sub, "export", cmd_export, "export stances as a table, a network view for Gephi and friends, "
                "or a Discourse Network Analyzer file (dna: open it in DNA 3, coder password carekg)")
    s.add_argument("what", choices=["stances", "network", "dna"])
    format_option(s, ("csv", "tsv", "json", "graphml", "gexf"), None,
                  "stances: csv (default), tsv, json; network: graphml (default), gexf, json, csv")
    s.add_argument("--view", default="influence", help="network view (influence, stances)")
    s.add_argument("--iris", action="store_true", help="stances: IRIs instead of labels for actor, proposal and source")
    output_option(s)

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
    output_option(s)

    s = command(sub, "coalitions", cmd_coalitions, "discourse coalitions: who stands with whom, overall or year by year")
    s.add_argument("--method", default="louvain", choices=["louvain", "greedy"])
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--by-year", action="store_true", help="one partition per calendar year")
    discourse_options(s)
    format_option(s, ("table", "json"), "table")
    output_option(s)

    s = command(sub, "map", cmd_map, "write the self-contained interactive HTML influence map")
    output_option(s, default=str(MAP_DEFAULT))
    s.add_argument("--view", default="influence", help="view to draw (influence, stances)")
    s.add_argument("--no-coalitions", dest="coalitions", action="store_false", help="skip the coalition colouring")
    return p


def discourse_options(s) -> None:
    """The stance filters shared by discourse and coalitions (see graph.stances)."""
    s.add_argument("--start", help="first date (2014, 2014-06 or 2014-06-05); stances whose date overlaps the range count")
    s.add_argument("--end", help="last date, inclusive")
    s.add_argument("--exclude-actor", action="append", metavar="ACTOR", help="leave out an actor, by name or IRI (repeatable)")
    s.add_argument("--exclude-proposal", action="append", metavar="PROPOSAL", help="leave out a proposal, by name or IRI (repeatable)")
    s.add_argument("--no-implicit", dest="implicit", action="store_false", default=None, help="leave out implicit stances")
    s.add_argument("--duplicates", choices=["include", "document", "year", "acrossrange"],
                   help="count repeated stances: all (include, default), once per article, per year, or once")
    s.add_argument("--conditional", choices=["half", "support", "exclude"],
                   help="conditional support as its ontology score (half, default), as support, or left out")


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    _DATA["dir"] = args.data
    _KG.clear()  # each command checks its store against the inputs afresh
    previous = signal.signal(signal.SIGTERM, _interrupt) if _main_thread() else None
    try:
        if args.data is not None and not args.data.is_dir():
            raise ParameterError(f"--data {args.data}: not a folder")
        return args.func(args)
    except ValidationFailed as exc:  # build and validate alike: every problem, then the count
        for p in exc.problems:
            print(f"{p.file or '-'}\t{p.check}\t{p.focus}\t{p.path or '-'}\t{p.message}")
        print(f"carekg: {exc}", file=sys.stderr)
        return exc.exit_code
    except CareKGError as exc:
        print(f"carekg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # `carekg query … | head` closed the pipe: not an error
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: temporary files are gone by now
        print("carekg: interrupted", file=sys.stderr)
        return 130
    finally:
        _KG.clear()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


if __name__ == "__main__":
    sys.exit(main())
