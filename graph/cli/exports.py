"""The commands that move the graph to and from other tools: ``export`` (stance tables, network
views for Gephi and friends, Discourse Network Analyzer files) and ``import`` (a DNA file as a
dataset folder)."""

from __future__ import annotations

import sys
from pathlib import Path

from graph.cli.console import emit, target
from graph.cli.constants import Choices
from graph.cli.options import (
    coalitions_option,
    command,
    dynamic_option,
    endpoint_options,
    folder_option,
    format_option,
    output_option,
    raw_option,
    view_option,
)
from graph.errors import ParameterError

EXPORTS = ("stances", "stance-details", "network", "dna")
IMPORTS = ("dna",)


def register(sub) -> None:
    s = command(sub, "export", cmd_export, "export stances as a table (stance-details: with every qualifier), a "
                "network view for Gephi and friends, or a Discourse Network Analyzer file (dna: open it in DNA 3, "
                "coder password carekg)", "carekg export network --view network -f graphml -o network.graphml")
    s.add_argument("what", choices=EXPORTS)
    format_option(s, Choices("graph.exchange.tables:TABLE_FORMATS", "graph.exchange.networks:NETWORK_FORMATS"), None,
                  "output format (stances, stance-details: a table, csv by default; network: graphml by default, or csv "
                  "as two tables: -o NAME.csv writes NAME-nodes.csv and NAME-edges.csv)")
    view_option(s, "network")
    s.add_argument("--layout", choices=Choices("graph.exchange.networks:CSV_LAYOUTS"), default="gephi", metavar="LAYOUT",
                   help="network -f csv: the columns, one of %(choices)s: those Gephi's spreadsheet import reads (Id, "
                        "Label / Source, Target, Type; the default) or Kumu's (Label, Type / From, To, Type, Direction)")
    s.add_argument("--iris", action="store_true", help="stances, stance-details: IRIs instead of labels for actor, proposal and source")
    dynamic_option(s)
    coalitions_option(s)
    raw_option(s)
    output_option(s)
    endpoint_options(s)

    s = command(sub, "import", cmd_import, "import a Discourse Network Analyzer (DNA 3) file as a dataset folder "
                "(then: carekg --data FOLDER discourse two-mode)", "carekg import dna coded.dna -o coded")
    s.add_argument("what", choices=IMPORTS)
    s.add_argument("file", type=Path, help="the .dna file (DNA 3; read only)")
    folder_option(s, "the dataset folder to create (new or empty; its parent must exist)")


def cmd_export(args, ctx) -> int:
    from graph.exchange.networks import network_text
    from graph.exchange.tables import format_table, stance_details_table, stances_table

    if args.what == "dna":
        from graph.exchange.dna.exporter import export_dna

        if args.output is None:
            raise ParameterError("export dna writes a binary file: give it with -o FILE.dna")
        where = target(args)
        report = export_dna(ctx.kg(), where)
        # The report is the command's output, unless the file itself goes to standard output.
        print("\n".join([f"wrote {where.path}"] + report), file=sys.stderr if where.how == "stdout" else sys.stdout)
        return 0
    if args.what == "network" and args.format == "csv":
        return _export_tables(args, ctx)
    where = target(args)
    kg = ctx.kg()
    if args.what in ("stances", "stance-details"):
        table = stances_table if args.what == "stances" else stance_details_table
        header, rows = table(kg, iris=args.iris)
        text = format_table(header, rows, args.format or "csv", raw=args.raw)
    else:
        fmt = args.format or "graphml"
        if args.dynamic and fmt != "gexf":
            raise ParameterError(f"--dynamic writes Gephi's timeline, which only GEXF holds: give -f gexf (not {fmt})")
        text = network_text(_network(args, kg, facts=(fmt == "json")), fmt, raw=args.raw)
    emit(text, where)
    return 0


def _network(args, kg, facts: bool):
    """The view to export, with each actor's coalition (unless --no-coalitions) and, with
    --dynamic, Gephi's timeline (graph.exchange.attributes)."""
    from graph.analysis.views import build_view
    from graph.exchange.attributes import with_coalitions, with_spells

    G = build_view(kg, args.view, facts=facts)
    if args.coalitions:
        from graph.analysis.checked import for_map
        from graph.analysis.stances import stance_records

        G = with_coalitions(G, for_map(stance_records(kg))["summaries"])
    return with_spells(G) if args.dynamic else G


def _export_tables(args, ctx) -> int:
    """``export network -f csv -o NAME.csv``: NAME-nodes.csv and NAME-edges.csv, both checked
    before any work and each written whole (graph.rdf.outputs)."""
    from graph.exchange.networks import network_tables, table_paths
    from graph.exchange.tables import format_table
    from graph.rdf.outputs import output_target, write_text

    if args.output is None or str(args.output) == "-":
        raise ParameterError("export network -f csv writes two tables (nodes and edges): give -o NAME.csv, "
                             "which writes NAME-nodes.csv and NAME-edges.csv")
    targets = [output_target(p) for p in table_paths(str(args.output))]
    if args.dynamic:
        raise ParameterError("--dynamic writes Gephi's timeline, which only GEXF holds: give -f gexf (not csv)")
    tables = network_tables(_network(args, ctx.kg(), facts=False), args.layout)
    for where, part in zip(targets, ("nodes", "edges")):
        header, rows = tables[part]
        write_text(where, format_table(header, rows, "csv", raw=args.raw))
        print(f"wrote {where.path} ({len(rows)} {part}, {args.layout} layout)", file=sys.stderr)
    return 0


def cmd_import(args, ctx) -> int:
    from graph.exchange.dna.importer import import_dna

    print("\n".join([f"wrote {args.output}"] + import_dna(args.file, args.output)))
    return 0


__all__ = ["register", "cmd_export", "cmd_import", "EXPORTS", "IMPORTS"]
