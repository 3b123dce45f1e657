"""The commands for coding new articles: ``source add`` (register a text), ``code`` (check,
apply or export a coding sheet) and ``suggest`` (draft a sheet from a text).  See README,
"Coding a new article", and data/CURATION.md for the sheet format.
"""

from __future__ import annotations

import sys

from graph.cli.commands import _emit, _paths, _target
from graph.errors import SheetInvalid


def cmd_source(args) -> int:
    from graph.text.sources import add_source

    paths = _paths()
    info = add_source(paths, args.file, args.title, args.date, publisher=args.publisher,
                      url=args.url, author=args.author)
    print(f"registered kg:{info.article.split('/')[-1]}: {paths.seeds / info.seed_file} "
          f"(SHA-256 {(info.sha256 or '')[:12]}…) in {paths.data / 'sources.ttl'}")
    return 0


def cmd_code(args) -> int:
    from graph.coding.check import apply_sheet, check_sheet, export_article

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

    from graph.coding.suggest.draft import suggest_file

    target = _target(args)
    text = suggest_file(_paths(), args.file)
    rows = len(re.findall(r"^ *(?:- )?status: candidate$", text, flags=re.M))
    _emit(text, target, f" ({rows} candidate rows)")
    return 0
