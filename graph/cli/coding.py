"""The commands for coding new articles: ``source add`` (register a text), ``code`` (check,
apply or export a coding sheet) and ``suggest`` (draft a sheet from a text).  The workflow
and the sheet format are in docs/coding.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from graph.cli.console import emit, target
from graph.cli.options import command, output_option
from graph.errors import SheetInvalid


def register(sub) -> None:
    example = "carekg --data my-dataset source add story.txt --title \"Councils back pooling\" --date 2016-03-12"
    s = command(sub, "source", None, "register an article text in the dataset (source add)", example)
    actions = s.add_subparsers(dest="source_command", required=True, metavar="ACTION")
    a = command(actions, "add", cmd_source_add, "copy a text into the dataset's sources folder and register it", example)
    a.add_argument("file", type=Path, help="the article text (UTF-8)")
    a.add_argument("--title", required=True, help="the headline")
    a.add_argument("--date", required=True, help="the article's date: YYYY-MM-DD, YYYY-MM or YYYY; a coding sheet's "
                   "rows take it from the sheet's header (date:), so it is said once")
    a.add_argument("--date-text", metavar="WORDS", help="the words that give the date, as the article prints them")
    a.add_argument("--date-estimate", action="store_true",
                   help="the article prints no date: --date is an estimate (say why in --date-text or a comment)")
    a.add_argument("--publisher", help="publisher's name (catalogue metadata: dcterms:publisher, shown by the map "
                   "and the source-articles query)")
    a.add_argument("--url", help="where the article was published (http or https)")
    a.add_argument("--author", help="author's name (catalogue metadata: dcterms:creator)")

    example = "carekg --data my-dataset code check article-000.yaml"
    s = command(sub, "code", None, "coding sheets: check, apply (write the article's Turtle), export", example)
    actions = s.add_subparsers(dest="code_command", required=True, metavar="ACTION")
    c = command(actions, "check", cmd_code_check, "run every check on a sheet; problems as sheet:line: message", example)
    c.add_argument("sheet", type=Path)
    c.add_argument("-v", "--verbose", action="store_true", help="also list where each evidence phrase stands")
    c = command(actions, "apply", cmd_code_apply, "check a sheet and, if it passes, write its article's Turtle",
                "carekg --data my-dataset code apply article-000.yaml")
    c.add_argument("sheet", type=Path)
    c = command(actions, "export", cmd_code_export, "write an article's data as a coding sheet",
                "carekg code export article-001 -o article-001.yaml")
    c.add_argument("article", help="the article: kg slug (article-001) or its title")
    output_option(c)

    s = command(sub, "suggest", cmd_suggest, "draft a coding sheet for an article text: every row a candidate",
                "carekg --data my-dataset suggest story.txt -o article-000.yaml")
    s.add_argument("file", type=Path, help="the article text (UTF-8); register it first with `source add`")
    output_option(s)


def cmd_source_add(args, ctx) -> int:
    from graph.text.sources import add_source

    info = add_source(ctx.paths, args.file, args.title, args.date, publisher=args.publisher,
                      url=args.url, author=args.author, date_text=args.date_text, estimate=args.date_estimate)
    print(f"registered kg:{info.article.split('/')[-1]}: {ctx.paths.seeds / info.seed_file} "
          f"(SHA-256 {(info.sha256 or '')[:12]}…) in {ctx.paths.data / 'sources.ttl'}")
    return 0


def cmd_code_export(args, ctx) -> int:
    from graph.coding.check import export_article

    where = target(args)
    emit(export_article(args.article, ctx.paths), where)
    return 0


def cmd_code_apply(args, ctx) -> int:
    from graph.coding.check import apply_sheet

    try:
        written, report = apply_sheet(args.sheet, ctx.paths)
    except SheetInvalid as exc:
        print("\n".join(exc.problems))
        raise
    print(f"wrote {written} ({len(report.converted.graph) if report.converted else 0} triples"
          + (f"; {report.skipped} candidate or rejected row(s) left out" if report.skipped else "") + ")")
    return 0


def cmd_code_check(args, ctx) -> int:
    from graph.coding.check import check_sheet

    report = check_sheet(args.sheet, ctx.paths)
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


def cmd_suggest(args, ctx) -> int:
    import re

    from graph.coding.suggest.draft import suggest_file

    where = target(args)
    text = suggest_file(ctx.paths, args.file)
    rows = len(re.findall(r"^ *(?:- )?status: candidate$", text, flags=re.M))
    emit(text, where, f" ({rows} candidate rows)")
    return 0


__all__ = ["register", "cmd_source_add", "cmd_code_check", "cmd_code_apply", "cmd_code_export", "cmd_suggest"]
