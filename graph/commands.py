"""What each ``carekg`` command does: read its arguments, call one library function, write.

:mod:`graph.cli` builds the parser and turns errors into messages; each ``cmd_*`` here takes
the parsed arguments and returns the exit code.  Every command that writes a file checks the
output path (:func:`graph.files.output_target`) before it loads anything.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .errors import CareKGError, OutputError, ParameterError, ValidationFailed
from .safetext import visible

MAP_DEFAULT = Path("build/map.html")

_KG: dict = {}
_DATA: dict = {"dir": None, "endpoint": None}  # the global --data DIR and the --endpoint of this invocation


class StdoutError(OutputError):
    """Standard output refused the text: a full disk or device, or an encoding that cannot show it."""


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
    from .files import Paths

    return Paths.for_dataset(_DATA["dir"])


def _kg():
    """The graph a command reads: on ``--endpoint`` if given, else the local store."""
    if _DATA["endpoint"]:
        return _kg_remote(*_DATA["endpoint"])
    return _kg_local()


def _kg_remote(url: str, graph: str | None):
    from .load import KnowledgeGraph
    from .remote import EndpointEngine
    from .vocabulary import PREFIXES

    key = (_paths(), url, graph)
    if key not in _KG:
        _KG.clear()
        _KG[key] = KnowledgeGraph(EndpointEngine(url, PREFIXES, graph=graph), _paths())
    return _KG[key]


def _kg_local():
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

    from .catalog import NamedQuery, find_query
    from .guard import supervised
    from .store import locate, open_store

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
    from .formats import stream_rows
    from .guard import cap_memory, limited
    from .names import label_of, labels_of
    from .query import bind_params

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

        from .vocabulary import bind_prefixes

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

    from .describe import describe
    from .formats import format_rows
    from .names import resolve_entity

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
    from .export import format_table, network_text, stance_details_table, stances_table
    from .network import build_view

    if args.what == "dna":
        from .dna import export_dna

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
    before any work and each written whole (graph.files)."""
    from .export import format_table, network_tables, table_paths
    from .files import output_target, write_text
    from .network import build_view

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
    from .dnaimport import import_dna

    print("\n".join([f"wrote {args.output}"] + import_dna(args.file, args.output)))
    return 0


def _selection(args) -> dict:
    """The actor selection options (graph.selection) as filters."""
    return {k: v for k, v in {"actor_types": args.actor_type, "min_stances": args.min_stances,
                              "named_only": args.named_only}.items() if v not in (None, [])}


def _discourse_filters(args) -> dict:
    return {k: v for k, v in {
        "start": args.start, "end": args.end, "dates": args.dates,
        "exclude_actors": [_iri(a) for a in args.exclude_actor or []],
        "exclude_proposals": [_iri(p) for p in args.exclude_proposal or []],
        "include_implicit": args.implicit, "duplicates": args.duplicates, "conditional": args.conditional,
    }.items() if v not in (None, [])} | _selection(args)


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
    _emit(network_text(g, args.format, raw=args.raw), target, f" ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")
    # GraphML, GEXF and JSON carry the filters as a graph attribute; a CSV edge list cannot
    print(f"carekg: filters: {visible(g.graph['filters'])}", file=sys.stderr)
    return 0


def cmd_coalitions(args) -> int:
    from functools import partial

    from .coalitions import coalitions_over_time, detect_coalitions
    from .network import stance_records
    from .report import coalition_text
    from .stability import defend

    target = _target(args)
    records = stance_records(_kg())
    filters = _discourse_filters(args)
    detect = partial(defend, runs=args.runs) if args.runs else detect_coalitions
    if args.by_year:
        periods = coalitions_over_time(records, window="year", detect=detect, method=args.method, seed=args.seed, **filters)
    else:
        periods = [dict(detect(records, method=args.method, seed=args.seed, **filters).as_dict(), period="all")]
    if args.format == "json":
        _emit(json.dumps(periods, indent=2, ensure_ascii=False, default=str) + "\n", target)
    else:
        _emit(_shown(coalition_text(periods)), target)
    return 0


def cmd_polarisation(args) -> int:
    from .network import stance_records
    from .polarisation import polarisation_over_time
    from .report import polarisation_text

    target = _target(args)
    periods = polarisation_over_time(stance_records(_kg()), window="year" if args.by_year else None, **_discourse_filters(args))
    text = json.dumps(periods, indent=2, ensure_ascii=False) + "\n" if args.format == "json" else _shown(polarisation_text(periods))
    _emit(text, target)
    return 0


def cmd_brokers(args) -> int:
    from .brokers import bridges, centrality, selected
    from .coalitions import actor_membership, detect_coalitions
    from .network import build_view, stance_records

    target = _target(args)
    kg = _kg()
    G = build_view(kg, args.view, facts=False)
    filters = _discourse_filters(args)
    keep = selected(G, **filters) if filters.get("actor_types") or filters.get("named_only") else None
    rows = centrality(G, actors_only=not args.all_nodes, keep=keep)
    rows = rows[:args.top] if args.top else rows
    found = detect_coalitions(stance_records(kg), **filters)
    grouped = [c for c in found.coalitions if c["size"] > 1]
    links = bridges(G, actor_membership(grouped))
    if args.format == "json":
        _emit(json.dumps({"view": args.view, "central": rows, "coalitions": [
            {k: c[k] for k in ("id", "members", "labels", "supported")} for c in grouped],
            "bridges": links, "filters": found.filters}, indent=2, ensure_ascii=False) + "\n", target)
        return 0
    names = {c["id"]: f"coalition {c['id']}" + ("" if c["supported"] else " (too thin)") for c in grouped}
    lines = [f"{'actors' if not args.all_nodes else 'nodes'} of the {args.view} view, most between first "
             "(betweenness: on shortest paths between others; PageRank: claims pointing at it; reach: reverse PageRank)",
             f"{'betweenness':>11} {'pagerank':>8} {'reach':>7} {'degree':>6}  name (type)"]
    lines += [f"{r['betweenness']:11.3f} {r['pagerank']:8.4f} {r['reach']:7.4f} {r['degree']:6}  {r['label']} ({r['type']})" for r in rows]
    lines += ["", f"coalitions ({found.filters}):"] + [f"  coalition {c['id']}: " + "; ".join(c["labels"])
                                                     + ("" if c["supported"] else " (too thin)") for c in grouped]
    lines += ["", "actors linked to members of two or more coalitions:" if links else "no actor links members of two coalitions"]
    lines += [f"  {b['label']} (participation {b['participation']:.2f}): "
              + "; ".join(f"{names.get(c, c)}: {', '.join(who)}" for c, who in b["coalitions"].items()) for b in links]
    _emit(_shown("\n".join(lines) + "\n"), target)
    return 0


def _shown(text: str) -> str:
    """A report for people: control characters from the data shown as escapes, line by line."""
    return "".join(visible(line) + "\n" for line in text.splitlines())


def cmd_paths(args) -> int:
    from .brokers import influence_paths
    from .network import build_view
    from .report import paths_text

    target = _target(args)
    G = build_view(_kg(), args.view, facts=False)
    paths = influence_paths(G, args.source, args.target, cutoff=args.max_hops, mode=args.mode,
                            directed=args.directed, limit=args.limit)
    text = json.dumps(paths, indent=2, ensure_ascii=False) + "\n" if args.format == "json" else _shown(paths_text(paths, args.source, args.target))
    _emit(text, target)
    return 0


def cmd_map(args) -> int:
    from .mapscope import select
    from .names import resolve_entity
    from .network import attach_facts, build_view
    from .render import write_map

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
        from .coalitions import actor_membership
        from .network import stance_records
        from .stability import defend

        # the same verdicts as `carekg coalitions` with the same actor selection
        found = defend(stance_records(kg), seed=0, **_selection(args))
        G.graph["coalitions"] = actor_membership(found)
        G.graph["coalition_summaries"] = [{k: c[k] for k in ("id", "members", "labels", "size", "supported", "reasons")}
                                          for c in found.coalitions]
        G.graph["coalition_filters"] = found.filters
    path = write_map(G, target)
    print(f"wrote {path} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)", file=sys.stderr)
    return 0


def cmd_source(args) -> int:
    from .sources import add_source

    paths = _paths()
    info = add_source(paths, args.file, args.title, args.date, publisher=args.publisher,
                      url=args.url, author=args.author)
    print(f"registered kg:{info.article.split('/')[-1]}: {paths.seeds / info.seed_file} "
          f"(SHA-256 {(info.sha256 or '')[:12]}…) in {paths.data / 'sources.ttl'}")
    return 0


def cmd_code(args) -> int:
    from .sheetcheck import SheetInvalid, apply_sheet, check_sheet, export_article

    paths = _paths()
    if args.code_command == "export":
        target = _target(args)
        _emit(export_article(args.article, paths), target)
        return 0
    if args.code_command == "apply":
        try:
            written, report = apply_sheet(args.sheet, paths)
        except SheetInvalid as exc:
            print("\n".join(exc.problems))
            raise
        print(f"wrote {written} ({len(report.converted.graph) if report.converted else 0} triples"
              + (f"; {report.skipped} candidate or rejected row(s) left out" if report.skipped else "") + ")")
        return 0
    report = check_sheet(args.sheet, paths)
    if args.verbose and report.converted is not None:
        for node, span in sorted(report.offsets.items(), key=lambda kv: kv[1].start):
            line = report.converted.lines.get(node)
            print(f"{args.sheet}:{line}: evidence at {span.start}-{span.end}: {span.exact!r}")
    if report.problems:
        print("\n".join(report.messages()))
        print(f"{len(report.problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"{args.sheet}: ok ({len(report.offsets)} evidence phrases found"
          + (f"; {report.skipped} candidate or rejected row(s) not checked" if report.skipped else "") + ")")
    return 0


def cmd_suggest(args) -> int:
    import re

    from .suggest import suggest_file

    target = _target(args)
    text = suggest_file(_paths(), args.file)
    rows = len(re.findall(r"^ *(?:- )?status: candidate$", text, flags=re.M))
    _emit(text, target, f" ({rows} candidate rows)")
    return 0
