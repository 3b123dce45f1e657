"""The ``map`` command: the self-contained interactive HTML influence map of a view, cut down to
what a page can show (see graph.map.scope), with the coalitions of ``carekg coalitions``."""

from __future__ import annotations

import re
import sys

from graph.cli.console import target
from graph.cli.constants import Constant
from graph.cli.options import (
    coalitions_option,
    command,
    deprecated,
    endpoint_options,
    output_option,
    period_options,
    selection,
    selection_options,
    top,
    top_option,
    view_option,
)
from graph.errors import ParameterError

MAP_DEFAULT = "map.html"  # in the dataset's build folder (see graph.rdf.paths.Paths)


def register(sub) -> None:
    s = command(sub, "map", cmd_map, "write the self-contained interactive HTML influence map",
                "carekg map --view stances -o stances.html")
    output_option(s, default=f"build/{MAP_DEFAULT} (the dataset's build folder)")
    view_option(s, "network")
    coalitions_option(s)
    s.add_argument("--focus", metavar="ENTITY", help="draw only this node's neighbourhood (a name, kg:slug or IRI)")
    s.add_argument("--depth", type=int, default=1, metavar="K", help="with --focus: steps from it (default: 1)")
    s.add_argument("--type", action="append", metavar="KIND", help="draw only nodes of this map group (person, organisation, "
                   "proposal...) or class (ClinicalCommissioningGroup...); repeatable")
    start, end = period_options(s)
    deprecated(s, "--from", start)
    deprecated(s, "--to", end)
    deprecated(s, "--max-nodes", top_option(s, default=Constant("graph.map.scope:LIMIT")))
    endpoint_options(s)
    selection_options(s)


def year(value: str | None, option: str) -> int | None:
    """A ``--start``/``--end`` date as the year the map filters by (its claims are dated by year).

    >>> year("2015", "--start"), year(None, "--end")
    (2015, None)
    >>> year("2015-06", "--start")
    Traceback (most recent call last):
    graph.errors.ParameterError: --start 2015-06: the map filters claims by year; give a year such as 2015
    """
    if value is None:
        return None
    if re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    raise ParameterError(f"{option} {value}: the map filters claims by year; give a year such as 2015")


def cmd_map(args, ctx) -> int:
    from graph.analysis.views import attach_facts, build_view
    from graph.kg.names import resolve_entity
    from graph.map.render import write_map
    from graph.map.scope import select
    from graph.rdf.progress import stage

    start, end = year(args.start, "--start"), year(args.end, "--end")
    first = top(args)
    where = target(args, default=ctx.paths.build / MAP_DEFAULT)
    kg = ctx.kg()
    with stage(f"view: {args.view}"):
        G = build_view(kg, args.view, facts=False)
    focus = str(resolve_entity(kg, args.focus)) if args.focus else None
    # --top N is select's limit: the N nodes with the most relations when there are more
    G, note = select(G, focus=focus, depth=args.depth, types=args.type, start=start, end=end, limit=first or sys.maxsize)
    if note:
        print(f"carekg: {note}", file=sys.stderr)
    with stage("facts of each node"):
        attach_facts(kg, G)
    if args.coalitions:
        from graph.analysis.checked import for_map
        from graph.analysis.stances import stance_records

        # the same verdicts as `carekg coalitions` with the same actor selection
        with stage("coalitions and their checks (kept in the cache once made)"):
            shown = for_map(stance_records(kg), seed=0, **selection(args))
        G.graph["coalitions"] = shown["membership"]
        G.graph["coalition_summaries"] = shown["summaries"]
        G.graph["coalition_filters"] = shown["filters"]
    with stage("layout and the page"):
        path = write_map(G, where)
    print(f"wrote {path} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)", file=sys.stderr)
    return 0


__all__ = ["register", "cmd_map", "MAP_DEFAULT", "year"]
