"""What each ``carekg`` command does: read its arguments, call one library function, write.

:mod:`graph.cli.parser` builds the parser and turns errors into messages; each ``cmd_*`` here takes
the parsed arguments and returns the exit code.  Every command that writes a file checks the
output path (:func:`graph.rdf.outputs.output_target`) before it loads anything.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from graph.cli.console import reported
from graph.errors import ParameterError, ValidationFailed

MAP_DEFAULT = Path("build/map.html")

_KG: dict = {}
_DATA: dict = {"dir": None, "endpoint": None}  # the global --data DIR and the --endpoint of this invocation


def use_dataset(folder: Path | None) -> None:
    """Point the commands of this invocation at a dataset folder (``--data``), or the curated one,
    and forget any graph opened before: each command checks its store against the inputs afresh."""
    _DATA["dir"] = folder
    _DATA["endpoint"] = None
    _KG.clear()


def use_endpoint(url: str | None, graph: str | None = None) -> None:
    """Run the reading commands of this invocation on a SPARQL 1.1 endpoint (``--endpoint``);
    the queries, views and the ontology's vocabularies still come from the local files."""
    _DATA["endpoint"] = (url, graph) if url else None


def _paths():
    from graph.rdf.paths import Paths

    return Paths.for_dataset(_DATA["dir"])


def _kg():
    """The graph a command reads: on ``--endpoint`` if given, else the local store."""
    if _DATA["endpoint"]:
        return _kg_remote(*_DATA["endpoint"])
    return _kg_local()


def _kg_remote(url: str, graph: str | None):
    from graph.kg.load import KnowledgeGraph
    from graph.rdf.namespaces import PREFIXES
    from graph.sparql.remote import EndpointEngine

    key = (_paths(), url, graph)
    if key not in _KG:
        _KG.clear()
        _KG[key] = KnowledgeGraph(EndpointEngine(url, PREFIXES, graph=graph), _paths())
    return _KG[key]


def _kg_local():
    """The dataset's graph on its cached store, opened once per command (see graph.kg.store)."""
    from graph.kg.store import open_graph

    paths = _paths()
    if paths not in _KG:
        _KG.clear()
        _KG[paths], note = open_graph(paths)
        if note:
            print(f"carekg: note: {note}", file=sys.stderr)
    return _KG[paths]


def _target(args, default: Path | None = None):
    """The checked -o target (before any expensive work), or None for standard output."""
    from graph.rdf.outputs import output_target

    path = args.output if args.output is not None else default
    if path is None:
        return None
    return output_target(path, create_parent=args.output is None)


def _emit(text: str, target, note: str = "") -> None:
    """Write ``text`` to the checked target (safely, see graph.rdf.paths), or to stdout."""
    if target is None or target.how == "stdout":
        sys.stdout.write(text)
        return
    from graph.rdf.outputs import write_text

    write_text(target, text)
    print(f"wrote {target.path}{note}", file=sys.stderr)


def cmd_build(args) -> int:
    from graph.checks.validate import validate
    from graph.kg.store import build
    from graph.rdf.outputs import output_folder

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
    from graph.checks.validate import ALL_CHECKS, validate

    problems = validate(_kg(), checks=args.check or ALL_CHECKS)
    if problems:
        raise ValidationFailed(problems)
    print("valid: " + ", ".join(args.check or ALL_CHECKS) + " checks pass")
    return 0


def cmd_queries(args) -> int:
    from graph.sparql.catalog import list_queries

    for q in list_queries(_paths()):
        params = " ".join(f"-p {p.name}=…" + ("" if p.default is None and not p.optional else "?") for p in q.params)
        print(f"{q.name:42} {q.title}" + (f"   [{params}]" if params else ""))
    return 0


def _params(pairs) -> dict:
    out: dict[str, str] = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise ParameterError(f"parameter {pair!r} must look like name=value")
        name, value = pair.split("=", 1)
        name = name.strip()
        if name in out:  # one value each: a silent last-wins would answer another question
            raise ParameterError(f"parameter {name!r} given twice (-p {name}={out[name]}, -p {name}={value}); give it once")
        out[name] = value
    return out


def cmd_query(args) -> int:
    import io

    from graph.kg.store import locate, open_store
    from graph.sparql.catalog import NamedQuery, find_query
    from graph.sparql.limits import supervised

    if args.expr is not None:
        if args.name:
            raise ParameterError("give either a query name/file or -e SPARQL, not both")
        query = NamedQuery(name="-e", text=args.expr, path="<-e>")
    elif args.name:
        query = find_query(args.name, _paths())
    else:
        raise ParameterError("give a query name, a .rq file, or -e 'SPARQL'; `carekg queries` lists the names")
    for name in ("timeout", "max_rows", "max_memory"):
        if getattr(args, name) < 0:
            raise ParameterError(f"--{name.replace('_', '-')} must be 0 (no limit) or more")
    target = _target(args)
    paths = _paths()
    folder = manifest = None
    if not _DATA["endpoint"]:  # on --endpoint there is no local store to open
        folder, manifest, note = locate(paths)  # a missing or stale store is made now, untimed
        if note:
            print(f"carekg: note: {note}", file=sys.stderr)

    def task():  # in the supervised process, which opens the store read-only itself
        if folder is not None and manifest is not None:
            _KG[paths] = open_store(folder, paths, manifest)
        return reported(lambda: _run_query(args, query))

    if target is None or target.how == "stdout":
        return supervised(task, args.timeout, args.max_memory)
    whole = io.StringIO()  # a file is written whole, or not at all
    code = supervised(task, args.timeout, args.max_memory, out=whole)
    if code == 0:
        _emit(whole.getvalue(), target)
    return code


def _run_query(args, query) -> int:
    """The query itself, in the supervised process: rows are written as they are read."""
    from graph.exchange.results import stream_rows
    from graph.kg.names import label_of, labels_of
    from graph.kg.query import bind_params
    from graph.sparql.limits import cap_memory, limited

    kg = _kg()
    cap_memory(args.max_memory)
    bindings = bind_params(kg, query, _params(args.param))
    answer = kg.engine.stream(query.text, bindings, origin=query.path, allow_service=args.allow_service)
    if answer.kind == "ask":
        print("true" if answer.boolean else "false")
        return 0
    rows = limited(answer.rows, args.max_rows)
    if answer.kind == "graph":
        from rdflib import Graph

        from graph.rdf.namespaces import bind_prefixes

        graph = bind_prefixes(Graph())
        for triple in rows:
            graph.add(triple)
        sys.stdout.write(graph.serialize(format="turtle"))
        return 0
    if args.format == "table":
        rows = list(rows)
        labels_of(kg, [t for row in rows for t in row])  # one query for every label shown
    count = [0]

    def counted(rows):
        for row in rows:
            count[0] += 1
            yield row

    for piece in stream_rows(answer.vars, counted(rows), args.format, label=lambda t: label_of(kg, t), raw=args.raw):
        sys.stdout.write(piece)
    if args.format == "table":
        print(f"{count[0]} row(s)", file=sys.stderr)
    return 0


def cmd_describe(args) -> int:
    from rdflib import Literal

    from graph.exchange.results import format_rows
    from graph.kg.describe import describe
    from graph.kg.names import resolve_entity

    target = _target(args)
    kg = _kg()
    facts = describe(kg, resolve_entity(kg, args.entity))
    # "when": the date as written, the interval the text allows and the words that give it;
    # "qualifiers": former, implicit, recalled, planned, scope, approximation; "at": where the
    # evidence stands in the article's text (character offsets, end exclusive).
    names = ["subject", "predicate", "object", "when", "qualifiers", "source", "evidence", "at"]
    rows = [tuple(Literal(x) if x else None for x in
                  (f.subject, f.predicate, f.object, f.when, f.qualifiers, f.source_label, f.evidence,
                   f"{f.start}-{f.end}" if f.start is not None else None)) for f in facts]
    _emit(format_rows(names, rows, args.format, raw=args.raw), target)
    return 0


def cmd_stats(args) -> int:
    from graph.kg.describe import stats

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
    from graph.analysis.views import build_view
    from graph.exchange.networks import network_text
    from graph.exchange.tables import format_table, stance_details_table, stances_table

    if args.what == "dna":
        from graph.exchange.dna.exporter import export_dna

        if args.output is None:
            raise ParameterError("export dna writes a binary file: give it with -o FILE.dna")
        target = _target(args)
        report = export_dna(_kg(), target)
        # The report is the command's output, unless the file itself goes to standard output.
        print("\n".join([f"wrote {target.path}"] + report), file=sys.stderr if target.how == "stdout" else sys.stdout)
        return 0
    if args.what == "network" and args.format == "csv":
        return _export_tables(args)
    target = _target(args)
    kg = _kg()
    if args.what in ("stances", "stance-details"):
        table = stances_table if args.what == "stances" else stance_details_table
        header, rows = table(kg, iris=args.iris)
        text = format_table(header, rows, args.format or "csv", raw=args.raw)
    else:
        fmt = args.format or "graphml"
        text = network_text(build_view(kg, args.view, facts=(fmt == "json")), fmt, raw=args.raw)
    _emit(text, target)
    return 0


def _export_tables(args) -> int:
    """``export network -f csv -o NAME.csv``: NAME-nodes.csv and NAME-edges.csv, both checked
    before any work and each written whole (graph.rdf.paths)."""
    from graph.analysis.views import build_view
    from graph.exchange.networks import network_tables, table_paths
    from graph.exchange.tables import format_table
    from graph.rdf.outputs import output_target, write_text

    if args.output is None or str(args.output) == "-":
        raise ParameterError("export network -f csv writes two tables (nodes and edges): give -o NAME.csv, "
                             "which writes NAME-nodes.csv and NAME-edges.csv")
    targets = [output_target(p) for p in table_paths(str(args.output))]
    tables = network_tables(build_view(_kg(), args.view, facts=False), args.layout)
    for target, part in zip(targets, ("nodes", "edges")):
        header, rows = tables[part]
        write_text(target, format_table(header, rows, "csv", raw=args.raw))
        print(f"wrote {target.path} ({len(rows)} {part}, {args.layout} layout)", file=sys.stderr)
    return 0


def cmd_import(args) -> int:
    from graph.exchange.dna.importer import import_dna

    print("\n".join([f"wrote {args.output}"] + import_dna(args.file, args.output)))
    return 0


def _selection(args) -> dict:
    """The actor selection options (graph.analysis.selection) as filters."""
    return {k: v for k, v in {"actor_types": args.actor_type, "min_stances": args.min_stances,
                              "named_only": args.named_only}.items() if v not in (None, [])}


def cmd_map(args) -> int:
    from graph.analysis.views import attach_facts, build_view
    from graph.kg.names import resolve_entity
    from graph.map.render import write_map
    from graph.map.scope import select

    target = _target(args, default=MAP_DEFAULT)
    kg = _kg()
    G = build_view(kg, args.view, facts=False)
    focus = str(resolve_entity(kg, args.focus)) if args.focus else None
    G, note = select(G, focus=focus, depth=args.depth, top=args.top, types=args.type,
                     start=args.start, end=args.end, limit=args.max_nodes)
    if note:
        print(f"carekg: {note}", file=sys.stderr)
    attach_facts(kg, G)
    if args.coalitions:
        from graph.analysis.stability import for_map
        from graph.analysis.stances import stance_records

        # the same verdicts as `carekg coalitions` with the same actor selection
        shown = for_map(stance_records(kg), seed=0, **_selection(args))
        G.graph["coalitions"] = shown["membership"]
        G.graph["coalition_summaries"] = shown["summaries"]
        G.graph["coalition_filters"] = shown["filters"]
    path = write_map(G, target)
    print(f"wrote {path} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)", file=sys.stderr)
    return 0
