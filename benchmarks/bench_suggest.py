"""How good are `carekg suggest`'s drafts?  Scored against careful codings of three sets of text.

``--set curated`` (the default)
    Leave-one-article-out over the five curated articles: the known things are those the
    *other four* articles attest (their files only; the held-out article's own file is not
    read), `suggest` drafts the fifth, and the draft is scored against its curated data.
``--set dev``
    The development set, ``benchmarks/dev/``: invented articles with gold codings written by
    hand, which the rules may be tuned on.  Everything curated is known.
``--set heldout``
    The first held-out set, ``benchmarks/heldout/``: invented articles written and coded before
    the rules were tuned.  Once measured and its errors read it became development text, which
    the rules may be tuned on.  Everything curated is known.
``--set heldout2``
    The second held-out set, ``benchmarks/heldout2/``: invented articles written and coded by an
    annotator who had not read the rules nor the other sets' texts, after ``heldout`` had been
    used to measure the tuned rules: the held-out measure.  No rule is tuned on them, and only
    the summary table is read (not ``-v``).  Everything curated is known.

How a draft is scored (entities, stances exact and by sentence, posts) is in
``benchmarks/suggest_gold.py``.  ``-v`` lists, on standard error, the suggestions that are
wrong and the gold things and stances missed.

Run: ``.venv/bin/python benchmarks/bench_suggest.py [--set curated|dev|heldout|heldout2] [-v]``
(about half a minute a set).  Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from rdflib import Graph

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from suggest_gold import Gold, from_graph, from_yaml, match_entities, score

from graph.coding.suggest.draft import KnownIndex, suggest_sheet
from graph.rdf.namespaces import CAREKG, KG
from graph.rdf.parse import parse_turtle
from graph.rdf.paths import Paths

HERE = Path(__file__).resolve().parent


def curated(paths: Paths, ontology: Graph):
    """(gold, sheet) for each curated article, leave-one-article-out."""
    graphs = {f: parse_turtle(f) for f in paths.data_files()}
    everything = Graph()
    for g in graphs.values():
        everything += g
    for file in (f for f in graphs if re.match(r"a\d{3}-", f.name)):
        article = KG["article-" + file.name[1:4]]
        others = Graph()
        for f, g in graphs.items():
            if f != file:
                others += g
        index = KnownIndex(others, ontology, exclude=article)
        text = (paths.seeds / str(everything.value(article, CAREKG.seedFile))).read_text(encoding="utf-8")
        gold = from_graph(everything, article, text, set(index.things))
        yield gold, suggest_sheet(text, index, article=gold.name)


def written(folder: Path, paths: Paths, ontology: Graph):
    """(gold, sheet) for each article of a hand-coded set; everything curated is known."""
    data = Graph()
    for f in paths.data_files():
        data += parse_turtle(f)
    index = KnownIndex(data, ontology)
    for path in sorted(folder.glob("*.yaml")):
        gold = from_yaml(path, data)
        yield gold, suggest_sheet(gold.text, index, article=gold.name, date=gold.date)


def explain(gold: Gold, sheet: dict, ontology: Graph) -> None:
    """What was wrong and what was missed, on standard error."""
    rows = sheet.get("entities", [])
    matched = match_entities(rows, gold, ontology)
    say = lambda *a: print(f"  {gold.name}:", *a, file=sys.stderr)
    for n, row in enumerate(rows):
        if n not in matched:
            say("wrong entity:", row.get("class", "known"), row.get("label", row["id"]))
    for thing in gold.things.values():
        if thing.id not in matched.values():
            say("missed entity:", thing.cls, thing.label)
    as_gold = {rows[n]["id"]: t for n, t in matched.items()}
    for r in sheet.get("stances", []):
        key = (as_gold.get(r["actor"], "?" + r["actor"]), as_gold.get(r["proposal"], "?" + r["proposal"]), r["position"])
        mark = "right" if (*key, gold.sentence(int(r["at"][0]))) in gold.stances else "WRONG"
        say(f"stance {mark}:", *key, "|", r["evidence"])
    for s in gold.stances:
        say("gold stance:", *s)


def ratio(a, b) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "-"


def table(results: list[dict]) -> str:
    total = {k: sum(r[k] for r in results) for k in results[0] if k != "article"}
    lines = ["| article | entity precision | entity recall | stance exact precision | stance exact recall "
             "| stance sentence precision | stance sentence recall | post precision | post recall |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in results + [dict(total, article="all (micro)")]:
        lines.append(f"| {r['article']} | {ratio(r['right_entities'], r['suggested_entities'])} "
                     f"| {ratio(r['right_entities'], r['gold_entities'])} "
                     f"| {ratio(r['exact'], r['candidate_stances'])} | {ratio(r['exact'], r['gold_stances'])} "
                     f"| {ratio(r['right_sentences'], r['candidate_stances'])} "
                     f"| {ratio(r['found_sentences'], r['gold_stances'])} "
                     f"| {ratio(r['right_posts'], r['suggested_posts'])} | {ratio(r['right_posts'], r['gold_posts'])} |")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("curated", "dev", "heldout", "heldout2"), default="curated")
    parser.add_argument("-v", action="store_true", help="list wrong suggestions and missed gold on stderr")
    args = parser.parse_args(argv)
    paths = Paths()
    ontology = parse_turtle(paths.ontology)
    pairs = curated(paths, ontology) if args.set == "curated" else written(HERE / args.set, paths, ontology)
    results = []
    for gold, sheet in pairs:
        if args.v:
            explain(gold, sheet, ontology)
        results.append(score(sheet, gold, ontology))
    print(table(results))


if __name__ == "__main__":
    main()
