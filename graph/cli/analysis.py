"""The analysis commands: ``discourse`` (DNA's networks), ``coalitions``, ``polarisation``,
``brokers`` and ``paths``.  Each reads its options, calls one library function and writes, like
the commands in :mod:`graph.cli.commands`, whose plumbing (the graph, the output, the actor
selection) they share.
"""

from __future__ import annotations

import json
import sys

from graph.cli.commands import _emit, _kg, _selection, _target
from graph.text.sanitise import visible


def _discourse_filters(args) -> dict:
    return {k: v for k, v in {
        "start": args.start, "end": args.end, "dates": args.dates,
        "exclude_actors": [_iri(a) for a in args.exclude_actor or []],
        "exclude_proposals": [_iri(p) for p in args.exclude_proposal or []],
        "include_implicit": args.implicit, "duplicates": args.duplicates, "conditional": args.conditional,
    }.items() if v not in (None, [])} | _selection(args)


def _iri(value: str) -> str:
    from graph.kg.names import resolve_entity

    return str(resolve_entity(_kg(), value))


def cmd_discourse(args) -> int:
    from graph.analysis.discourse import one_mode, two_mode
    from graph.analysis.stances import stance_records
    from graph.exchange.networks import network_text

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

    from graph.analysis.coalitions import coalitions_over_time, detect_coalitions
    from graph.analysis.stability import defend
    from graph.analysis.stances import stance_records
    from graph.exchange.reports import coalition_text

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
    from graph.analysis.polarisation import polarisation_over_time
    from graph.analysis.stances import stance_records
    from graph.exchange.reports import polarisation_text

    target = _target(args)
    periods = polarisation_over_time(stance_records(_kg()), window="year" if args.by_year else None, **_discourse_filters(args))
    text = json.dumps(periods, indent=2, ensure_ascii=False) + "\n" if args.format == "json" else _shown(polarisation_text(periods))
    _emit(text, target)
    return 0


def cmd_brokers(args) -> int:
    from graph.analysis.brokers import bridges, centrality, selected
    from graph.analysis.coalitions import actor_membership, detect_coalitions
    from graph.analysis.stances import stance_records
    from graph.analysis.views import build_view

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
    from graph.analysis.brokers import influence_paths
    from graph.analysis.views import build_view
    from graph.exchange.reports import paths_text

    target = _target(args)
    G = build_view(_kg(), args.view, facts=False)
    paths = influence_paths(G, args.source, args.target, cutoff=args.max_hops, mode=args.mode,
                            directed=args.directed, limit=args.limit)
    text = json.dumps(paths, indent=2, ensure_ascii=False) + "\n" if args.format == "json" else _shown(paths_text(paths, args.source, args.target))
    _emit(text, target)
    return 0
