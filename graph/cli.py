"""The ``carekg`` command line: a thin layer over the library.

Each command calls one library function.  Errors a user can cause are
:class:`~graph.errors.CareKGError`: they print one line on stderr and exit with the error's
code (2 for bad input, 1 for a graph that fails validation), never a traceback.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path

from .errors import CareKGError, ParameterError, ValidationFailed

FORMAT_HELP = "output format: table (labels, for people), csv, tsv, json (W3C SPARQL results), md"


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


def _emit(text: str, out, note: str = "") -> None:
    """Write ``text`` to ``out`` atomically, or to stdout when no file is given."""
    if out:
        from .files import write_atomic

        write_atomic(out, lambda tmp: Path(tmp).write_text(text, encoding="utf-8", newline=""))
        print(f"wrote {out}{note}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def cmd_build(args) -> int:
    from .store import build
    from .validate import validate

    def check(kg):
        problems = validate(kg)
        if problems:
            _print_problems(problems)
            raise ValidationFailed(problems)

    for path in build(_paths(), args.out, check=check):
        print(f"wrote {path}")
    return 0


def cmd_validate(args) -> int:
    from .validate import ALL_CHECKS, validate

    problems = validate(_kg(), checks=args.check or ALL_CHECKS)
    if problems:
        _print_problems(problems)
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("valid: " + ", ".join(args.check or ALL_CHECKS) + " checks pass")
    return 0


def _print_problems(problems) -> None:
    for p in problems:
        print(f"{p.file or '-'}\t{p.check}\t{p.focus}\t{p.path or '-'}\t{p.message}")


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

    if args.expr is not None:
        if args.name:
            raise ParameterError("give either a query name/file or -e SPARQL, not both")
        query = NamedQuery(name="-e", text=args.expr, path="<-e>")
    elif args.name:
        query = find_query(args.name, _paths())
    else:
        raise ParameterError("give a query name, a .rq file, or -e 'SPARQL'; `carekg queries` lists the names")
    kg = _kg()
    result = run(kg, query, _params(args.param))
    if result.boolean is not None:
        print("true" if result.boolean else "false")
        return 0
    if result.graph is not None:
        from .vocabulary import bind_prefixes

        sys.stdout.write(bind_prefixes(result.graph).serialize(format="turtle"))
        return 0
    if args.format in ("table", "md"):
        labels_of(kg, [t for row in result.rows for t in row])  # one query for every label shown
    sys.stdout.write(format_rows(result.vars, result.rows, args.format, label=lambda t: label_of(kg, t)))
    if args.format == "table":
        print(f"{len(result.rows)} row(s)", file=sys.stderr)
    return 0


def cmd_describe(args) -> int:
    from rdflib import Literal

    from .describe import describe
    from .formats import format_rows
    from .names import resolve_entity

    kg = _kg()
    entity = resolve_entity(kg, args.entity)
    facts = describe(kg, entity)
    names = ["subject", "predicate", "object", "date", "source", "evidence"]
    rows = [tuple(Literal(x) if x is not None else None for x in
                  (f.subject, f.predicate, f.object, f.date, f.source_label, f.evidence)) for f in facts]
    sys.stdout.write(format_rows(names, rows, args.format))
    return 0


def cmd_stats(args) -> int:
    from .describe import stats

    s = stats(_kg())
    if args.format == "json":
        print(json.dumps(s, indent=2))
        return 0
    t = s["triples"]
    print(f"triples: {t['total']} ({t['data']} curated, {t['ontology']} ontology, {t['derived']} derived)")
    print(f"curated things (not counting claims): {s['entities']}")
    for title, key in (("by class", "classes"), ("by property", "properties"), ("claims per source", "sources")):
        print(f"\n{title}:")
        for name, n in s[key].items():
            print(f"  {n:6}  {name}")
    return 0


def cmd_export(args) -> int:
    from .export import format_table, network_text, stances_table
    from .network import build_view

    if args.what == "dna":
        from .dna import export_dna

        if not args.out:
            raise ParameterError("export dna writes a binary file: give it with -o FILE.dna")
        print("\n".join([f"wrote {args.out}"] + export_dna(_kg(), args.out)))
        return 0
    kg = _kg()
    if args.what == "stances":
        header, rows = stances_table(kg, iris=args.iris)
        text = format_table(header, rows, args.format or "csv")
    else:
        fmt = args.format or "graphml"
        text = network_text(build_view(kg, args.view, facts=(fmt == "json")), fmt)
    _emit(text, args.out)
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


def cmd_import(args) -> int:
    from .dnaimport import import_dna

    print("\n".join([f"wrote {args.out}"] + import_dna(args.file, args.out)))
    return 0


def cmd_discourse(args) -> int:
    from .discourse import one_mode, two_mode
    from .export import network_text
    from .network import stance_records

    records = stance_records(_kg())
    filters = _discourse_filters(args)
    if args.mode == "two-mode":
        g = two_mode(records, qualifier=args.qualifier or "subtract", normalization=args.normalization or "no", **filters)
    else:
        g = one_mode(records, qualifier=args.qualifier or "subtract", normalization=args.normalization or "no", **filters)
    _emit(network_text(g, args.format), args.out, f" ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")
    return 0


def cmd_coalitions(args) -> int:
    from .coalitions import coalitions_over_time, detect_coalitions
    from .network import stance_records

    records = stance_records(_kg())
    filters = _discourse_filters(args)
    if args.by_year:
        periods = coalitions_over_time(records, window="year", method=args.method, seed=args.seed, **filters)
    else:
        found = detect_coalitions(records, method=args.method, seed=args.seed, **filters)
        periods = [{"period": "all", "coalitions": found.coalitions, "modularity": found.modularity}]
    if args.format == "json":
        print(json.dumps(periods, indent=2, default=str))
        return 0
    for period in periods:
        print(f"{period['period']}: modularity {period['modularity']:.3f}")
        for c in period["coalitions"]:
            print(f"  coalition {c['id']} ({c['size']}): " + "; ".join(c["labels"]))
    return 0


def cmd_map(args) -> int:
    from .network import build_view
    from .render import write_map

    kg = _kg()
    G = build_view(kg, args.view)
    if args.coalitions:
        from .coalitions import actor_membership, detect_coalitions
        from .network import stance_records

        found = detect_coalitions(stance_records(kg), seed=0)
        G.graph["coalitions"] = actor_membership(found)
        G.graph["coalition_summaries"] = found.coalitions
    path = write_map(G, args.out)
    print(f"wrote {path} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="carekg", description="A sourced knowledge graph of the English health and social care budget-pooling debate, 2014-2017.")
    p.add_argument("--data", metavar="DIR", type=Path, default=None,
                   help="dataset folder: Turtle files plus sources/ with the article texts (default: the curated data/)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("build", help="load, validate and write the merged graph to build/ (Turtle, N-Triples, JSON-LD)")
    s.add_argument("--out", type=Path, default=None, help="output folder (default: build/)")
    s.set_defaults(func=cmd_build)

    s = sub.add_parser("validate", help="run SHACL, QC and evidence checks; exit 1 if any fail")
    s.add_argument("--check", action="append", choices=["shacl", "qc", "evidence", "owl"], help="run only this check (repeatable); default: all")
    s.set_defaults(func=cmd_validate)

    s = sub.add_parser("queries", help="list the named queries")
    s.set_defaults(func=cmd_queries)

    s = sub.add_parser("query", help="run a named query, a .rq file, or -e SPARQL")
    s.add_argument("name", nargs="?", help="query name (see `carekg queries`) or a .rq file")
    s.add_argument("-e", "--expr", help="SPARQL text to run instead of a named query")
    s.add_argument("-p", "--param", action="append", metavar="NAME=VALUE", help="bind a query parameter (repeatable)")
    s.add_argument("-f", "--format", default="table", help=FORMAT_HELP)
    s.set_defaults(func=cmd_query)

    s = sub.add_parser("describe", help="every fact about an entity, with source and evidence")
    s.add_argument("entity", help="kg:slug, slug, full IRI or exact label")
    s.add_argument("-f", "--format", default="table", help=FORMAT_HELP)
    s.set_defaults(func=cmd_describe)

    s = sub.add_parser("stats", help="counts by class, by property and per source article")
    s.add_argument("-f", "--format", default="table", choices=["table", "json"])
    s.set_defaults(func=cmd_stats)

    s = sub.add_parser("export", help="export stances as a table, a network view for Gephi and friends, or a DNA file",
                       epilog="example: carekg export dna -o carekg.dna   (open it in DNA 3; coder password: carekg)")
    s.add_argument("what", choices=["stances", "network", "dna"])
    s.add_argument("-f", "--format", help="stances: csv (default), tsv, json; network: graphml (default), gexf, json, csv")
    s.add_argument("--view", default="influence", help="network view (influence, stances)")
    s.add_argument("--iris", action="store_true", help="stances: IRIs instead of labels for actor, proposal and source")
    s.add_argument("-o", "--out", type=Path, help="write to this file (atomically) instead of stdout; dna: required")
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("import", help="import a Discourse Network Analyzer (DNA 3) file as a dataset folder",
                       epilog="example: carekg import dna coded.dna -o coded && carekg --data coded discourse two-mode")
    s.add_argument("what", choices=["dna"])
    s.add_argument("file", type=Path, help="the .dna file (DNA 3; read only)")
    s.add_argument("-o", "--out", type=Path, required=True, help="the dataset folder to create (new or empty)")
    s.set_defaults(func=cmd_import)

    def discourse_options(s):
        s.add_argument("--start", help="first date (2014, 2014-06 or 2014-06-05); stances whose date overlaps the range count")
        s.add_argument("--end", help="last date, inclusive")
        s.add_argument("--exclude-actor", action="append", metavar="ACTOR", help="leave out an actor (repeatable)")
        s.add_argument("--exclude-proposal", action="append", metavar="PROPOSAL", help="leave out a proposal (repeatable)")
        s.add_argument("--no-implicit", dest="implicit", action="store_false", default=None, help="leave out implicit stances")
        s.add_argument("--duplicates", choices=["include", "document", "year", "acrossrange"], help="count repeated stances: all (include, default), once per article, per year, or once")
        s.add_argument("--conditional", choices=["half", "support", "exclude"], help="conditional support as 0.5 (default), as support, or left out")

    s = sub.add_parser("discourse", help="discourse network (DNA style): two-mode actor x proposal or one-mode actor x actor")
    s.add_argument("mode", choices=["two-mode", "one-mode"])
    s.add_argument("--qualifier", help="two-mode: ignore, subtract (default), combine; one-mode: congruence, conflict, subtract (default), ignore")
    s.add_argument("--normalization", help="two-mode: no, activity, prominence; one-mode: no, average, jaccard, cosine, dna-cosine")
    discourse_options(s)
    s.add_argument("-f", "--format", default="csv", choices=["graphml", "gexf", "json", "csv"])
    s.add_argument("-o", "--out", type=Path, help="write to this file (atomically) instead of stdout")
    s.set_defaults(func=cmd_discourse)

    s = sub.add_parser("coalitions", help="discourse coalitions: who stands with whom, overall or year by year")
    s.add_argument("--method", default="louvain", choices=["louvain", "greedy"])
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--by-year", action="store_true", help="one partition per calendar year")
    discourse_options(s)
    s.add_argument("-f", "--format", default="table", choices=["table", "json"])
    s.set_defaults(func=cmd_coalitions)

    s = sub.add_parser("map", help="write the self-contained interactive HTML influence map")
    s.add_argument("-o", "--out", type=Path, default=Path("build/map.html"), help="output file (default: build/map.html)")
    s.add_argument("--view", default="influence", help="view to draw (influence, stances)")
    s.add_argument("--no-coalitions", dest="coalitions", action="store_false", help="skip the coalition colouring")
    s.set_defaults(func=cmd_map)
    return p


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    _DATA["dir"] = args.data
    _KG.clear()  # each command checks its store against the inputs afresh
    previous = signal.signal(signal.SIGTERM, _interrupt) if _main_thread() else None
    try:
        if args.data is not None and not args.data.is_dir():
            raise ParameterError(f"--data {args.data}: not a folder")
        return args.func(args)
    except ValidationFailed as exc:
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
