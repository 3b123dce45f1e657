"""How good are `carekg suggest`'s drafts?  Leave-one-article-out over the curated articles.

For each of the five articles: the known things are those the *other four* articles attest
(their files only; the held-out article's own file is not read), `suggest` runs on the held-out
text, and its candidates are scored against the curated data for that article.

Entities
    A suggested known thing is right when the article's curated data mentions it.  A suggested
    new thing is right when it names a curated thing the other articles do not know: its label's
    content words are a subset or superset of the curated label's (Jaccard at least 0.5), or its
    span overlaps a curated mention of that thing and its head word is in the curated label.  Each
    curated thing is matched at most once; a second suggestion of it counts as wrong.
Stances
    Sentence level: a curated stance is found when a candidate stance stands in the sentence that
    holds the start of its evidence; a candidate is right when its sentence holds a curated
    stance.  "Exact" counts candidates with the curated actor, proposal and position.

Run: ``.venv/bin/python benchmarks/bench_suggest.py`` (about half a minute).  Prints a Markdown table.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, RDFS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.coding.suggest.draft import KnownIndex, suggest_sheet
from graph.kg.names import fold
from graph.rdf.namespaces import CAREKG, KG
from graph.rdf.parse import parse_turtle
from graph.rdf.paths import Paths
from graph.text.evidence import locate
from graph.text.spans import STOP, body_end, sentences

VERBOSE = "-v" in sys.argv


def content(label: str) -> set:
    return {re.sub(r"s$", "", w) for w in fold(label).split() if w not in STOP and len(w) > 1}


def score_article(paths: Paths, file: Path, graphs: dict, ontology: Graph) -> dict:
    article = KG["article-" + file.name[1:4]]
    everything = Graph()
    for g in graphs.values():
        everything += g
    others = Graph()
    for f, g in graphs.items():
        if f != file:
            others += g
    index = KnownIndex(others, ontology, exclude=article)
    seed = str(everything.value(article, CAREKG.seedFile))
    text = (paths.seeds / seed).read_text(encoding="utf-8")
    sheet = suggest_sheet(text, index, article=f"article-{file.name[1:4]}")

    # Curated things of the article, with the spans of their mentions.
    gold: dict = {}
    for m in everything.subjects(RDF.type, CAREKG.Mention):
        if everything.value(m, CAREKG.source) != article:
            continue
        thing = everything.value(m, CAREKG.about)
        if (thing, RDF.type, CAREKG.SourceArticle) in everything:
            continue
        span = locate(text, str(everything.value(m, CAREKG.evidence)))
        gold.setdefault(thing, []).append(span)
    rows = sheet.get("entities", [])
    pairs = []  # (score, row index, curated thing): every plausible match, best first
    for n, row in enumerate(rows):
        if "label" not in row:  # a known thing: right if the article mentions it
            if KG[row["id"]] in gold:
                pairs.append((2.0, n, KG[row["id"]]))
            continue
        words = content(row["label"])
        head = (fold(row["label"]).split() or [""])[-1].rstrip("s")
        a, b = int(row["at"][0]), int(row["at"][1])
        for thing, spans in gold.items():
            if thing in index.things:
                continue
            theirs = content(str(everything.value(thing, RDFS.label)))
            jaccard = len(words & theirs) / len(words | theirs) if words | theirs else 0
            if words and (words <= theirs or theirs <= words) and jaccard >= 0.5:
                pairs.append((1.0 + jaccard, n, thing))
            elif head in {w.rstrip("s") for w in theirs} and any(s is not None and s.start < b and a < s.end for s in spans):
                pairs.append((jaccard, n, thing))
    matched, used = set(), set()
    for _, n, thing in sorted(pairs, key=lambda p: (-p[0], p[1], str(p[2]))):
        if n not in used and thing not in matched:
            used.add(n)
            matched.add(thing)
    right = len(used)
    if VERBOSE:
        for n, row in enumerate(rows):
            if n not in used:
                print("  wrong:", row.get("class"), row.get("label", row["id"]), file=sys.stderr)
    if VERBOSE:
        for thing in gold:
            if thing not in matched:
                kinds = [str(t).split("#")[-1] for t in everything.objects(thing, RDF.type)]
                print("  missed:", str(everything.value(thing, RDFS.label)), kinds, file=sys.stderr)
    # Stances, by sentence.
    spans = sentences(text, body_end(text))

    def sentence_of(pos):
        return next((i for i, s in enumerate(spans) if s.start <= pos < s.end), None)

    curated = []
    for st in everything.subjects(RDF.type, CAREKG.Stance):
        if everything.value(st, CAREKG.source) != article:
            continue
        span = locate(text, str(everything.value(st, CAREKG.evidence)))
        key = tuple(str(everything.value(st, p)).removeprefix(str(KG)).split("#")[-1]
                    for p in (CAREKG.actor, CAREKG.proposal, CAREKG.position))
        curated.append((sentence_of(span.start) if span else None, key))
    gold_sentences = {s for s, _ in curated}
    candidates = [(sentence_of(int(r["at"][0])), (r["actor"], r["proposal"], r["position"]))
                  for r in sheet.get("stances", [])]
    found_sentences = {s for s, _ in candidates}
    exact = {k for _, k in candidates} & {k for _, k in curated}
    return {
        "article": article.removeprefix(str(KG)),
        "gold_entities": len(gold), "suggested_entities": len(rows), "right_entities": right,
        "gold_stances": len(curated), "found_stances": sum(1 for s, _ in curated if s in found_sentences),
        "candidate_stances": len(candidates), "right_stances": sum(1 for s, _ in candidates if s in gold_sentences),
        "exact": len(exact),
    }


def ratio(a, b) -> str:
    return f"{a / b:.2f}" if b else "-"


def main() -> None:
    paths = Paths()
    files = [f for f in paths.data_files() if re.match(r"a\d{3}-", f.name)]
    graphs = {f: parse_turtle(f) for f in paths.data_files()}
    ontology = parse_turtle(paths.ontology)
    results = [score_article(paths, f, graphs, ontology) for f in files]
    total = {k: sum(r[k] for r in results) for k in results[0] if k != "article"}
    print("| held-out article | entity precision | entity recall | stance-sentence precision "
          "| stance-sentence recall | exact stances (actor, proposal, position) |")
    print("|---|---|---|---|---|---|")
    for r in results + [dict(total, article="all five (micro)")]:
        print(f"| {r['article']} | {ratio(r['right_entities'], r['suggested_entities'])} ({r['right_entities']}/{r['suggested_entities']}) "
              f"| {ratio(r['right_entities'], r['gold_entities'])} ({r['right_entities']}/{r['gold_entities']}) "
              f"| {ratio(r['right_stances'], r['candidate_stances'])} ({r['right_stances']}/{r['candidate_stances']}) "
              f"| {ratio(r['found_stances'], r['gold_stances'])} ({r['found_stances']}/{r['gold_stances']}) "
              f"| {r['exact']}/{r['gold_stances']} |")


if __name__ == "__main__":
    main()
