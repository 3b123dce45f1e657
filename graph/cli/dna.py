"""DNA's analyses, named as rDNA names them: ``backbone``, ``barplot``, ``phases`` and
``multiclust`` (``polarisation --kernel`` and ``discourse --matrix`` / ``--window-size`` are with
their commands in graph.cli.analysis).  Each reads its options, calls one library function of
graph.analysis and writes a report (graph.exchange.dna_reports) or JSON with every stance IRI.
"""

from __future__ import annotations

import json

from graph.cli.analysis import _records
from graph.cli.console import emit, shown, target
from graph.cli.constants import Choices, Constant
from graph.cli.options import (
    REPORT_FORMATS,
    cluster_method_option,
    command,
    format_option,
    k_max_option,
    output_option,
    raw_option,
    seed_option,
    stance_filter_options,
    stance_filters,
    time_window_options,
)
from graph.errors import ParameterError

BACKBONE_METHODS = ("nested", "fixed", "penalty", "evaluate")
BARPLOT_FORMATS = ("table", "json", "csv")


def register(sub) -> None:
    s = command(sub, "backbone", cmd_backbone, "the proposals that carry the actor network (DNA's backbone): a full nested "
                "ordering, a backbone of fixed size or under a penalty, or the loss of proposals you name",
                "carekg backbone nested --named-only")
    s.add_argument("method", choices=BACKBONE_METHODS, help="nested (deterministic), fixed (--size), penalty (--penalty) or evaluate")
    s.add_argument("proposals", nargs="*", metavar="PROPOSAL", help="evaluate: the proposals of the backbone, by name or IRI")
    s.add_argument("--size", type=int, metavar="N", help="fixed: the number of proposals in the backbone")
    s.add_argument("--penalty", type=float, default=Constant("graph.analysis.backbone:PENALTY"), metavar="P",
                   help="penalty: the cost of each proposal kept, as a share of all (default: %(default)s)")
    s.add_argument("--iterations", type=int, default=Constant("graph.analysis.backbone:ITERATIONS"), metavar="N",
                   help="fixed, penalty: simulated annealing steps (default: %(default)s)")
    seed_option(s)
    stance_filter_options(s)
    format_option(s, REPORT_FORMATS, "table")
    output_option(s)

    s = command(sub, "barplot", cmd_barplot, "agreement and disagreement per proposal or actor, stances counted per position "
                "(DNA's barplot)", "carekg barplot --variable actor --exclude-min 2")
    s.add_argument("--variable", choices=Choices("graph.analysis.barplot:VARIABLES"), default="proposal", metavar="NAME",
                   help="count per %(choices)s (default: %(default)s)")
    s.add_argument("--exclude-min", type=int, default=1, metavar="N", help="leave out entities with fewer than N stances (default: %(default)s)")
    stance_filter_options(s)
    format_option(s, BARPLOT_FORMATS, "table")
    raw_option(s)
    output_option(s)

    s = command(sub, "phases", cmd_phases, "phases of the debate: time slices clustered into states by how alike their actor "
                "networks are (DNA's phase transitions)", "carekg phases --kernel gaussian --window-size 6 --distance spectral")
    time_window_options(s)
    s.add_argument("--distance", choices=Choices("graph.analysis.phases:DISTANCES"), default="absdiff", metavar="NAME",
                   help="how slices differ, one of %(choices)s (default: %(default)s)")
    s.add_argument("--k-min", type=int, default=2, metavar="N", help="the fewest states tried (default: %(default)s)")
    k_max_option(s)
    cluster_method_option(s)
    stance_filter_options(s)
    format_option(s, REPORT_FORMATS, "table")
    output_option(s)

    s = command(sub, "multiclust", cmd_multiclust, "coalitions by many clustering methods, each scored by modularity, the best "
                "kept (DNA's multiclust)", "carekg multiclust --k 2")
    s.add_argument("--k", type=int, default=0, metavar="N",
                   help="the number of clusters: 0 lets each method choose (default), 2 asks for two camps")
    k_max_option(s)
    cluster_method_option(s)
    seed_option(s)
    stance_filter_options(s)
    format_option(s, REPORT_FORMATS, "table")
    output_option(s)


def _filters(args, ctx) -> dict:
    from graph.kg.names import resolve_entity

    return stance_filters(args, lambda name: str(resolve_entity(ctx.kg(), name)))


def _write(args, where, data, text) -> None:
    emit(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n" if args.format == "json" else shown(text), where)


def cmd_backbone(args, ctx) -> int:
    from graph.analysis.backbone import anneal, evaluate, nested
    from graph.analysis.selection import describe_filters
    from graph.exchange.dna_reports import backbone_text
    from graph.kg.names import resolve_entity

    where = target(args)
    if (args.method == "evaluate") != bool(args.proposals):
        raise ParameterError("name the proposals to evaluate (backbone evaluate PROPOSAL ...), and only with evaluate")
    if (args.method == "fixed") != (args.size is not None):
        raise ParameterError("fixed needs the backbone's size (--size N), and --size goes only with fixed")
    records, filters = _records(ctx.kg()), _filters(args, ctx)
    if args.method == "nested":
        result = nested(records, **filters)
    elif args.method == "evaluate":
        result = evaluate(records, [str(resolve_entity(ctx.kg(), p)) for p in args.proposals], **filters)
    else:
        penalty = args.penalty.value if isinstance(args.penalty, Constant) else args.penalty
        result = anneal(records, size=args.size, penalty=float(penalty) if args.method == "penalty" else None,
                        iterations=int(args.iterations), seed=args.seed, **filters)
    _write(args, where, result, backbone_text(result, describe_filters(filters)))
    return 0


def cmd_barplot(args, ctx) -> int:
    from graph.analysis.barplot import barplot
    from graph.analysis.selection import describe_filters
    from graph.analysis.stances import positions
    from graph.exchange.dna_reports import barplot_text
    from graph.text.sanitise import csv_text

    where = target(args)
    filters = _filters(args, ctx)
    rows = barplot(_records(ctx.kg()), args.variable, args.exclude_min, **filters)
    if args.format == "csv":
        head = [args.variable, "label"] + list(positions()) + ["agree", "disagree", "total", "stances", "articles"]
        table = [[r["entity"], r["label"]] + [r["counts"][p] for p in positions()] + [r["agree"], r["disagree"], r["total"],
                 "; ".join(s for p in positions() for s in r["stances"][p]), "; ".join(r["articles"])] for r in rows]
        emit(csv_text([head] + table, args.raw), where)
        return 0
    _write(args, where, rows, barplot_text(rows, args.variable, describe_filters(filters)))
    return 0


def cmd_phases(args, ctx) -> int:
    from graph.analysis.phases import METHODS, phases
    from graph.analysis.selection import describe_filters
    from graph.exchange.dna_reports import phases_text

    where = target(args)
    filters = _filters(args, ctx)
    size = 12 if args.window_size is None else args.window_size
    result = phases(_records(ctx.kg()), size=size, unit=args.window_unit, kernel=args.kernel or "gaussian",
                    step=args.window_step, indent=args.indent, distance=args.distance, k_min=args.k_min, k_max=args.k_max,
                    methods=args.cluster_method or METHODS, **filters)
    _write(args, where, result, phases_text(result, describe_filters(filters)))
    return 0


def cmd_multiclust(args, ctx) -> int:
    from graph.analysis.multiclust import METHODS, multiclust
    from graph.analysis.selection import describe_filters
    from graph.exchange.dna_reports import multiclust_text

    where = target(args)
    filters = _filters(args, ctx)
    result = multiclust(_records(ctx.kg()), k=args.k, k_max=args.k_max, methods=args.cluster_method or METHODS,
                        seed=args.seed, **filters)
    _write(args, where, result, multiclust_text(result, describe_filters(filters)))
    return 0


__all__ = ["register", "cmd_backbone", "cmd_barplot", "cmd_phases", "cmd_multiclust", "BACKBONE_METHODS", "BARPLOT_FORMATS"]
