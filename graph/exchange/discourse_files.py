"""What ``carekg discourse`` writes: one network, its matrix, or one network per time slice.

:func:`discourse_text` builds DNA's two-mode or one-mode network
(:mod:`graph.analysis.discourse`) and writes it as :func:`graph.exchange.networks.network_text`
does, with three additions:

- ``matrix=True``: the actor x proposal (or actor x actor) matrix as CSV
  (:mod:`graph.exchange.matrices`);
- ``window_size``: one network per time slice (:mod:`graph.analysis.timeslices`), moving
  windows or, with a ``kernel``, kernel-weighted slices: CSV is one edge list led by each
  slice, JSON a list of slices each with its node-link network, GEXF one dynamic network whose
  edges live in the slices they are in (:func:`graph.exchange.attributes.over_slices`); GraphML
  holds one network, so it is refused;
- ``dynamic=True`` (GEXF): Gephi's timeline, each edge living over its stances' dates.

With ``coalitions`` (the default) every actor carries its coalition
(:func:`graph.analysis.stability.defend` with the same filters, over the whole period) and
whether the evidence supports it.

Examples
--------
>>> recs = [dict(actor=a, proposal="ex:p", position="support", date="2015", stance=f"ex:s{a[-1]}")
...         for a in ("ex:a", "ex:b")]
>>> text, note = discourse_text(recs, "one-mode", matrix=True, coalitions=False)
>>> text.splitlines()
[',ex:a,ex:b', 'ex:a,0,1', 'ex:b,1,0']
"""

from __future__ import annotations

import json

import networkx as nx

from graph.analysis.discourse import one_mode, two_mode
from graph.analysis.timeslices import networks_over_time
from graph.errors import ParameterError
from graph.exchange.attributes import over_slices, stance_intervals, with_coalitions, with_spells
from graph.exchange.matrices import matrix_text, slices_table
from graph.exchange.networks import network_text

MODES = ("two-mode", "one-mode")


def _check(fmt, matrix, dynamic, window_size, kernel) -> None:
    if kernel and window_size is None:
        raise ParameterError("--kernel weighs stances within time slices: give their width with --window-size")
    if matrix and fmt != "csv":
        raise ParameterError(f"--matrix writes a CSV matrix, not {fmt}: leave out -f or give -f csv")
    if matrix and window_size is not None:
        raise ParameterError("--matrix writes one matrix: leave out --window-size, or write the slices with -f csv or json")
    if dynamic and fmt != "gexf":
        raise ParameterError(f"--dynamic writes Gephi's timeline, which only GEXF holds: give -f gexf (not {fmt})")
    if window_size is not None and fmt == "graphml":
        raise ParameterError("GraphML holds one network, not one per time slice: give -f gexf (a dynamic network), json or csv")


def discourse_text(records, mode: str = "two-mode", fmt: str = "csv", qualifier: str | None = None,
                   normalization: str | None = None, matrix: bool = False, dynamic: bool = False,
                   window_size=None, unit: str = "months", kernel: str | None = None, step: int = 1, indent: bool = False,
                   coalitions: bool = True, raw: bool = False, **filters) -> tuple[str, str]:
    """The file ``carekg discourse`` writes, and a note on its size (module docstring)."""
    if mode not in MODES:
        raise ParameterError(f"mode={mode!r} is not allowed; choose one of: " + ", ".join(MODES))
    _check(fmt, matrix, dynamic, window_size, kernel)
    build = two_mode if mode == "two-mode" else one_mode
    options = {"qualifier": qualifier or "subtract",
               "normalization": normalization or ("average" if kernel and mode == "one-mode" else "no")}
    found = None
    if coalitions:
        from graph.analysis.checked import for_map

        # the coalitions as the map shows them: checked, and kept in the cache
        found = for_map(records, **filters)["summaries"]
    mark = (lambda g: with_coalitions(g, found)) if found is not None else (lambda g: g)
    if window_size is None:
        g = mark(build(records, **options, **filters))
        if matrix:
            return matrix_text(g, raw), f" ({g.number_of_nodes()} nodes, a matrix)"
        if dynamic:
            g = with_spells(g, stance_intervals(records))
        return network_text(g, fmt, raw=raw), f" ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)"
    items = networks_over_time(records, build, window_size, unit, kernel, step, indent, **options, **filters)
    for it in items:
        it["graph"] = mark(it["graph"])
    note = f" ({len(items)} time slices)"
    if fmt == "csv":
        return slices_table(items, raw), note
    if fmt == "gexf":
        return network_text(over_slices(items), "gexf"), note
    data = [{"slice": vars(it["slice"]), "stances": it["stances"], "unplaced": it["unplaced"],
             "network": nx.node_link_data(it["graph"], edges="edges")} for it in items]
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", note


__all__ = ["MODES", "discourse_text"]
