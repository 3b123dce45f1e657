"""The commands that run SPARQL: ``queries`` (list the named queries) and ``query`` (run one, a
``.rq`` file or ``-e`` text, under a time, row and memory limit, locally or on an endpoint, whose
options come with ``--endpoint``)."""

from __future__ import annotations

import sys

from graph.cli.console import emit, reported, target
from graph.cli.constants import Choices
from graph.cli.options import allow_service_option, command, endpoint_options, format_option, output_option, query_limits, raw_option
from graph.errors import ParameterError


def register(sub) -> None:
    command(sub, "queries", cmd_queries, "list the named queries", "carekg queries")

    s = command(sub, "query", cmd_query, "run a named query, a .rq file, or -e SPARQL; a query stopped by a limit exits 3",
                "carekg query posts-of-person -p person=\"Norman Lamb\" -f csv -o posts.csv")
    s.add_argument("name", nargs="?", help="query name (see `carekg queries`) or a .rq file")
    s.add_argument("-e", "--expr", help="SPARQL text to run instead of a named query")
    s.add_argument("-p", "--param", action="append", metavar="NAME=VALUE", help="bind a query parameter (repeatable)")
    format_option(s, Choices("graph.exchange.results:FORMATS"), "table",
                  "output format (table and md show labels; csv, tsv and json are the W3C SPARQL results formats)")
    raw_option(s)
    output_option(s)
    allow_service_option(s)
    endpoint_options(s)


def cmd_queries(args, ctx) -> int:
    from graph.sparql.catalog import list_queries

    for q in list_queries(ctx.paths):
        params = " ".join(f"-p {p.name}=…" + ("" if p.default is None and not p.optional else "?") for p in q.params)
        print(f"{q.name:42} {q.title}" + (f"   [{params}]" if params else ""))
    return 0


def params(pairs) -> dict:
    """``-p NAME=VALUE`` options as a dict; each name once (a silent last-wins would answer another question).

    >>> params(["person=Norman Lamb", "from=2015"])
    {'person': 'Norman Lamb', 'from': '2015'}
    """
    out: dict[str, str] = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise ParameterError(f"parameter {pair!r} must look like name=value")
        name, value = pair.split("=", 1)
        name = name.strip()
        if name in out:
            raise ParameterError(f"parameter {name!r} given twice (-p {name}={out[name]}, -p {name}={value}); give it once")
        out[name] = value
    return out


def cmd_query(args, ctx) -> int:
    import io

    from graph.kg.store import locate, open_store
    from graph.sparql.catalog import NamedQuery, find_query
    from graph.sparql.limits import supervised

    if args.expr is not None:
        if args.name:
            raise ParameterError("give either a query name/file or -e SPARQL, not both")
        query = NamedQuery(name="-e", text=args.expr, path="<-e>")
    elif args.name:
        query = find_query(args.name, ctx.paths)
    else:
        raise ParameterError("give a query name, a .rq file, or -e 'SPARQL'; `carekg queries` lists the names")
    query_limits(args)
    where = target(args)
    folder = manifest = None
    if not ctx.on_endpoint:  # on --endpoint there is no local store to open
        folder, manifest, note = locate(ctx.paths)  # a missing or stale store is made now, untimed
        if note:
            print(f"carekg: note: {note}", file=sys.stderr)

    def task():  # in the supervised process, which opens the store read-only itself
        if folder is not None and manifest is not None:
            ctx.use(open_store(folder, ctx.paths, manifest))
        return reported(lambda: _run_query(args, ctx, query))

    if where is None or where.how == "stdout":
        return supervised(task, args.timeout, args.max_memory)
    whole = io.StringIO()  # a file is written whole, or not at all
    code = supervised(task, args.timeout, args.max_memory, out=whole)
    if code == 0:
        emit(whole.getvalue(), where)
    return code


def _run_query(args, ctx, query) -> int:
    """The query itself, in the supervised process: rows are written as they are read, straight
    from pyoxigraph's terms on the local store (rdflib is imported only to bind parameters, which
    may name things, and to write a CONSTRUCT's Turtle)."""
    from graph.exchange.results import stream_rows
    from graph.kg.labels import label_of, labels_of
    from graph.sparql.limits import cap_memory, limited

    kg = ctx.kg()
    cap_memory(args.max_memory)
    given = params(args.param)
    bindings: dict = {}
    if given or query.params:
        from graph.kg.query import bind_params

        bindings = bind_params(kg, query, given)
    native = {} if ctx.on_endpoint else {"native": True}
    answer = kg.engine.stream(query.text, bindings, origin=query.path, allow_service=args.allow_service, **native)
    if answer.kind == "ask":
        print("true" if answer.boolean else "false")
        return 0
    rows = limited(answer.rows, args.max_rows)
    if answer.kind == "graph":
        from rdflib import Graph

        from graph.rdf.namespaces import bind_prefixes
        from graph.sparql.engine import to_rdflib

        graph = bind_prefixes(Graph())
        for triple in rows:
            graph.add(tuple(map(to_rdflib, triple)) if native else triple)
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


__all__ = ["register", "cmd_queries", "cmd_query", "params"]
