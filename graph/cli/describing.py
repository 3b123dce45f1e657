"""The commands that show what the graph holds: ``describe`` (every fact about one entity, with
its source and evidence) and ``stats`` (counts by class, property and source article)."""

from __future__ import annotations

import json

from graph.cli.console import emit, target
from graph.cli.constants import Choices
from graph.cli.options import REPORT_FORMATS, command, endpoint_options, format_option, output_option, raw_option

# "when": the date as written, the interval the text allows and the words that give it;
# "qualifiers": former, implicit, recalled, planned, scope, approximation; "at": where the
# evidence stands in the article's text (character offsets, end exclusive).
FACT_COLUMNS = ("subject", "predicate", "object", "when", "qualifiers", "source", "evidence", "at")


def register(sub) -> None:
    s = command(sub, "describe", cmd_describe, "every fact about an entity, with source and evidence",
                "carekg describe \"King's Fund\" -f md")
    s.add_argument("entity", help="a name (exact, alias, any case or accents), kg:slug, slug or full IRI")
    format_option(s, Choices("graph.exchange.results:FORMATS"), "table")
    raw_option(s)
    output_option(s)
    endpoint_options(s)

    s = command(sub, "stats", cmd_stats, "counts by class, by property and per source article", "carekg stats -f json")
    format_option(s, REPORT_FORMATS, "table")
    output_option(s)


def cmd_describe(args, ctx) -> int:
    # pyoxigraph's terms throughout: describing one entity imports no rdflib (a test pins it)
    from pyoxigraph import Literal, NamedNode

    from graph.exchange.results import format_rows
    from graph.kg.describe import describe
    from graph.kg.names import resolve_iri

    where = target(args)
    kg = ctx.kg()
    facts = describe(kg, NamedNode(resolve_iri(kg, args.entity)))
    rows = [tuple(Literal(x) if x else None for x in
                  (f.subject, f.predicate, f.object, f.when, f.qualifiers, f.source_label, f.evidence,
                   f"{f.start}-{f.end}" if f.start is not None else None)) for f in facts]
    emit(format_rows(list(FACT_COLUMNS), rows, args.format, raw=args.raw), where)
    return 0


def cmd_stats(args, ctx) -> int:
    from graph.kg.describe import stats

    where = target(args)
    s = stats(ctx.kg())
    if args.format == "json":
        emit(json.dumps(s, indent=2) + "\n", where)
        return 0
    t = s["triples"]
    lines = [f"triples: {t['total']} ({t['data']} curated, {t['ontology']} ontology, {t['derived']} derived)",
             f"curated things (not counting claims): {s['entities']}"]
    for title, key in (("by class", "classes"), ("by property", "properties"), ("claims per source", "sources")):
        lines += ["", f"{title}:"] + [f"  {n:6}  {name}" for name, n in s[key].items()]
    emit("\n".join(lines) + "\n", where)
    return 0


__all__ = ["register", "cmd_describe", "cmd_stats", "FACT_COLUMNS"]
