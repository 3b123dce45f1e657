"""The analysis commands: ``discourse`` (DNA's networks), ``coalitions``, ``polarisation``,
``brokers`` and ``paths``.  Each reads its options, calls one library function and writes; the
stance filters and the actor selection are the shared ones (graph.cli.options).
"""

from __future__ import annotations

import json
import sys

from graph.cli.console import emit, shown, target
from graph.cli.constants import Choices, Constant, Listing
from graph.cli.options import (
    REPORT_FORMATS,
    by_year_option,
    camps_options,
    checks_option,
    coalitions_option,
    command,
    deprecated,
    dynamic_option,
    endpoint_options,
    format_option,
    output_option,
    raw_option,
    seed_option,
    stance_filter_options,
    stance_filters,
    time_window_options,
    top,
    top_option,
    view_option,
)
from graph.errors import ParameterError
from graph.text.sanitise import visible

MODES = ("two-mode", "one-mode")


def register(sub) -> None:
    s = command(sub, "discourse", cmd_discourse, "discourse network (DNA style): two-mode actor x proposal or one-mode actor x actor",
                "carekg discourse one-mode --qualifier subtract --normalization average -f gexf -o coalitions.gexf")
    s.add_argument("mode", choices=MODES)
    s.add_argument("--qualifier", action=Listing, metavar="NAME", listing={
        "two_mode": Constant("graph.analysis.discourse:TWO_MODE_QUALIFIERS"),
        "one_mode": Constant("graph.analysis.discourse:ONE_MODE_QUALIFIERS")},
        help="how a stance's qualifier counts; two-mode: one of %(two_mode)s; one-mode: one of %(one_mode)s (default: subtract)")
    s.add_argument("--normalization", action=Listing, metavar="NAME", listing={
        "two_mode": Constant("graph.analysis.discourse:TWO_MODE_NORMALIZATIONS"),
        "one_mode": Constant("graph.analysis.discourse:ONE_MODE_NORMALIZATIONS")},
        help="how edge weights are scaled; two-mode: one of %(two_mode)s; one-mode: one of %(one_mode)s (default: no)")
    s.add_argument("--matrix", action="store_true",
                   help="write the actor x proposal (two-mode) or actor x actor (one-mode) matrix as CSV, as DNA does")
    dynamic_option(s)
    time_window_options(s)
    coalitions_option(s)
    stance_filter_options(s)
    format_option(s, Choices("graph.exchange.networks:NETWORK_FORMATS"), "csv")
    raw_option(s)
    output_option(s)
    endpoint_options(s)

    s = command(sub, "coalitions", cmd_coalitions, "discourse coalitions: who stands with whom, on what evidence, how stably, "
                "and where the data is too thin to say", "carekg coalitions --named-only --min-stances 2 --runs 100")
    s.add_argument("--method", action=Listing, default="louvain", metavar="NAME",
                   listing={"methods": Constant("graph.analysis.coalitions:METHODS")},
                   help="community detection, one of %(methods)s (default: %(default)s)")
    seed_option(s)
    s.add_argument("--runs", type=int, default=None, metavar="N",
                   help="stability check: N other seeds and N resamplings of the stances (default: the library's, "
                        "graph.analysis.stability.RUNS; 0 skips it and judges support by the evidence alone)")
    by_year_option(s)
    checks_option(s)
    stance_filter_options(s)
    format_option(s, REPORT_FORMATS, "table")
    output_option(s)
    endpoint_options(s)

    s = command(sub, "polarisation", cmd_polarisation, "polarisation of the debate and of each proposal, overall or year by year; "
                "with --kernel (or --window-size), DNA's score of the best split into camps in every time slice",
                "carekg polarisation --kernel gaussian --window-size 12 --window-step 3")
    by_year_option(s)
    checks_option(s)
    time_window_options(s)
    camps_options(s)
    seed_option(s)
    stance_filter_options(s)
    format_option(s, REPORT_FORMATS, "table")
    output_option(s)

    s = command(sub, "brokers", cmd_brokers, "central actors (betweenness, PageRank) of a view, and the actors who bridge coalitions",
                "carekg brokers --named-only --top 15")
    view_option(s, "influence")
    top_option(s, default=20)
    s.add_argument("--all-nodes", action="store_true", help="rank every node, not only actors")
    checks_option(s)
    stance_filter_options(s)
    format_option(s, REPORT_FORMATS, "table")
    output_option(s)

    s = command(sub, "paths", cmd_paths, "paths of influence between two actors, or an actor and a proposal, with the evidence of every hop",
                "carekg paths \"Norman Lamb\" \"John Oldham\" --max-hops 3 --all")
    s.add_argument("source", help="where the paths start: a name, alias or IRI")
    s.add_argument("target", help="where they end")
    s.add_argument("--max-hops", type=int, default=4, metavar="N", help="longest path, in hops (1-8; default: 4)")
    s.add_argument("--all", dest="mode", action="store_const", const="all", default="shortest",
                   help="every simple path up to --max-hops (default: only the shortest)")
    s.add_argument("--directed", action="store_true", help="follow claims only from subject to object")
    deprecated(s, "--limit", top_option(s, default=20))
    view_option(s, "influence")
    format_option(s, REPORT_FORMATS, "table")
    output_option(s)


def _records(kg):
    """The stance records of the graph, read as a stage of the progress display."""
    from graph.analysis.stances import stance_records
    from graph.rdf.progress import stage

    with stage("read the stances"):
        return stance_records(kg)


def _filters(args, ctx) -> dict:
    from graph.kg.names import resolve_entity

    return stance_filters(args, lambda name: str(resolve_entity(ctx.kg(), name)))


def cmd_discourse(args, ctx) -> int:
    from graph.analysis.selection import describe_filters
    from graph.exchange.discourse_files import discourse_text

    where = target(args)
    records = _records(ctx.kg())
    filters = _filters(args, ctx)
    text, note = discourse_text(records, args.mode, args.format, args.qualifier, args.normalization, matrix=args.matrix,
                                dynamic=args.dynamic, window_size=args.window_size, unit=args.window_unit, kernel=args.kernel,
                                step=args.window_step, indent=args.indent, coalitions=args.coalitions, raw=args.raw, **filters)
    emit(text, where, note)
    # GraphML, GEXF and JSON carry the filters as a graph attribute; a CSV edge list cannot
    print(f"carekg: filters: {visible(describe_filters(filters))}", file=sys.stderr)
    return 0


def cmd_coalitions(args, ctx) -> int:
    from graph.analysis.checked import checked_coalitions, namer
    from graph.analysis.stability import RUNS
    from graph.exchange.reports import coalition_text

    where = target(args)
    records = _records(ctx.kg())
    periods = checked_coalitions(records, window="year" if args.by_year else None, method=args.method, seed=args.seed,
                                 runs=RUNS if args.runs is None else args.runs, checks=args.checks,
                                 names=namer(records), **_filters(args, ctx))
    if args.format == "json":
        emit(json.dumps(periods, indent=2, ensure_ascii=False, default=str) + "\n", where)
    else:
        emit(shown(coalition_text(periods)), where)
    return 0


def cmd_polarisation(args, ctx) -> int:
    from graph.analysis.checked import checked_polarisation, namer
    from graph.exchange.reports import polarisation_text

    where = target(args)
    if args.kernel or args.window_size is not None:
        return _polarisation_slices(args, ctx, where)
    if args.optimiser or args.camps:
        raise ParameterError("--optimiser and --camps search the best split of each time slice: give --kernel or --window-size")
    records = _records(ctx.kg())
    periods = checked_polarisation(records, window="year" if args.by_year else None, checks=args.checks,
                                   names=namer(records), **_filters(args, ctx))
    text = json.dumps(periods, indent=2, ensure_ascii=False) + "\n" if args.format == "json" else shown(polarisation_text(periods))
    emit(text, where)
    return 0


def _polarisation_slices(args, ctx, where) -> int:
    """``polarisation --kernel``: DNA's 2025 score in every time slice (graph.analysis.polarisation_time)."""
    from graph.analysis.polarisation_time import polarisation_over_time
    from graph.analysis.selection import describe_filters
    from graph.exchange.dna_reports import polarisation_slices_text

    if args.by_year:
        raise ParameterError("--by-year and time slices (--kernel, --window-size) are two ways of cutting time: give one")
    filters = _filters(args, ctx)
    size = 12 if args.window_size is None else args.window_size
    periods = polarisation_over_time(_records(ctx.kg()), size=size, unit=args.window_unit, kernel=args.kernel,
                                     step=args.window_step, indent=args.indent, k=args.camps or 2,
                                     optimiser=args.optimiser or "greedy", seed=args.seed, **filters)
    if args.format == "json":
        text = json.dumps([dict(p, slice=vars(p["slice"])) for p in periods], indent=2, ensure_ascii=False) + "\n"
    else:
        text = shown(polarisation_slices_text(periods, describe_filters(filters)))
    emit(text, where)
    return 0


def cmd_brokers(args, ctx) -> int:
    from graph.analysis.checked import checked_brokers, namer
    from graph.analysis.views import build_view
    from graph.exchange.reports import brokers_text

    where = target(args)
    kg = ctx.kg()
    records = _records(kg)
    report = checked_brokers(build_view(kg, args.view, facts=False), records, top=top(args), all_nodes=args.all_nodes,
                             checks=args.checks, names=namer(records), **_filters(args, ctx))
    report["view"] = args.view
    if args.format == "json":
        emit(json.dumps(report, indent=2, ensure_ascii=False) + "\n", where)
    else:
        emit(shown(brokers_text(report, all_nodes=args.all_nodes)), where)
    return 0


def cmd_paths(args, ctx) -> int:
    from graph.analysis.brokers import influence_paths
    from graph.analysis.views import build_view
    from graph.exchange.reports import paths_text

    where, first = target(args), top(args)
    G = build_view(ctx.kg(), args.view, facts=False)
    paths = influence_paths(G, args.source, args.target, cutoff=args.max_hops, mode=args.mode,
                            directed=args.directed, limit=first or sys.maxsize)
    text = json.dumps(paths, indent=2, ensure_ascii=False) + "\n" if args.format == "json" else shown(paths_text(paths, args.source, args.target))
    emit(text, where)
    return 0
