"""Benchmark of the carekg pipeline, reported as ratios against baselines measured in the same run.

Two tables:

1. **Stages** on the curated graph, each as a multiple of the *baseline*: parsing the curated
   Turtle files into an rdflib graph (the least any use of the data costs).
2. **Scaling**: the curated data copied k times with disjoint IRIs (k = 1, 4, 16); each stage's
   time as a multiple of its own time at k = 1, next to k itself (the linear expectation).
   A ratio well above k flags a stage that scales worse than linearly.

Absolute seconds are printed too, but only the ratios are comparable across machines.

Run::

    .venv/bin/python benchmarks/bench_pipeline.py [--repeat 3] [--scales 1,4,16]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from rdflib import Graph, URIRef

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.catalog import list_queries
from graph.coalitions import detect_coalitions
from graph.discourse import one_mode
from graph.engine import OxigraphEngine
from graph.files import Paths
from graph.load import KnowledgeGraph, derive_triples, load
from graph.network import build_view, stance_records
from graph.query import run
from graph.validate import check_qc, check_shacl
from graph.vocabulary import KG, PREFIXES, bind_prefixes


def timed(fn, repeat: int) -> float:
    """Median wall time of ``fn()`` over ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def parse_only(paths: Paths) -> Graph:
    g = Graph()
    for f in paths.data_files():
        g.parse(f, format="turtle")
    return g


def query_suite(kg: KnowledgeGraph) -> None:
    examples = {"person": "kg:norman-lamb", "organisation": "kg:department-of-health",
                "proposal": "kg:proposal-national-mandate", "actor": "kg:kings-fund", "entity": "kg:kings-fund",
                "place": "kg:liverpool", "article": "kg:article-001"}
    for q in list_queries(kg.paths):
        params = {name: examples[name] for name in q.required}
        run(kg, q, params)


def scaled(kg: KnowledgeGraph, k: int) -> KnowledgeGraph:
    """The curated data copied ``k`` times, each copy's kg: IRIs suffixed so copies are disjoint."""
    prefix = str(KG)

    def rename(term, i):
        if i and isinstance(term, URIRef) and str(term).startswith(prefix):
            return URIRef(f"{term}-copy{i}")
        return term

    data = bind_prefixes(Graph())
    for i in range(k):
        for s, p, o in kg.data:
            data.add((rename(s, i), p, rename(o, i)))
    engine = OxigraphEngine.memory(PREFIXES)
    engine.load_text(kg.ontology.serialize(format="nt") + data.serialize(format="nt"), "<scaled>")
    derive_triples(engine, kg.paths)
    big = KnowledgeGraph(engine, kg.paths)
    big.derived["rdflib:data"] = data
    return big


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scales", default="1,4,16")
    args = ap.parse_args(argv)
    paths = Paths()
    kg = load(paths)
    records = stance_records(kg)

    baseline = timed(lambda: parse_only(paths), args.repeat)
    stages = {
        "load + derive (rules)": lambda: load(paths),
        "SHACL validation": lambda: check_shacl(kg),
        "QC queries": lambda: check_qc(kg),
        f"all {len(list_queries(paths))} named queries": lambda: query_suite(kg),
        "influence view -> networkx": lambda: build_view(kg, "influence"),
        "one-mode subtract/average": lambda: one_mode(records, qualifier="subtract", normalization="average"),
        "coalitions (Louvain)": lambda: detect_coalitions(records, seed=0),
    }
    try:
        from graph.render import render_html

        G = build_view(kg, "influence")
        stages["render HTML map"] = lambda: render_html(G)
    except ImportError:  # pragma: no cover - render is part of the package
        pass

    print(f"carekg pipeline benchmark ({len(kg.data)} curated triples, median of {args.repeat})")
    print(f"baseline: parse curated Turtle = {baseline * 1000:.1f} ms  (ratio 1.00)\n")
    print(f"{'stage':34} {'ratio':>8} {'ms':>10}")
    for name, fn in stages.items():
        t = timed(fn, args.repeat)
        print(f"{name:34} {t / baseline:8.2f} {t * 1000:10.1f}")

    scales = [int(x) for x in args.scales.split(",")]
    print(f"\nscaling: time at k copies / time at k={scales[0]} (linear would equal k)")
    print(f"{'k':>4} {'triples':>9} {'derive':>8} {'queries':>8} {'view':>8}")
    base = None
    for k in scales:
        start = time.perf_counter()
        big = scaled(kg, k)
        t_derive = time.perf_counter() - start
        t_query = timed(lambda big=big: query_suite(big), 1)
        t_view = timed(lambda big=big: build_view(big, "influence", facts=False), 1)
        if base is None:
            base = (t_derive, t_query, t_view)
        print(f"{k:4} {len(big.data):9} {t_derive / base[0]:8.2f} {t_query / base[1]:8.2f} {t_view / base[2]:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
