"""Scale benchmark: carekg on Oxigraph against rdflib's default store, at 10k, 100k and 1M triples.

For each size a synthetic dataset (``carekg synth``, seed 1) goes through the same steps in two
worker processes (so each has its own peak memory), and the floor is measured in the same run:

* **load + build**: carekg's build (store, derived triples, Turtle, N-Triples and JSON-LD) against
  ``oxigraph load`` of the build's own N-Triples (the floor: the target is within 2x), and against
  rdflib parsing the Turtle and applying the same rules;
* **validation**: the shapes as SPARQL (``graph.sparql.shacl``), the QC queries and the evidence check,
  against pyshacl and the QC queries in rdflib;
* **every named query**: the median of ``--repeat`` runs, parameters chosen from the data; the
  targets are 100 ms for a query with a bound parameter and 1 s for a whole-graph aggregate;
  rdflib runs each once, stopped at ``--rdflib-budget`` seconds (then the ratio is a lower bound);
* **views**: the influence and stance networks; **map**: ``carekg map`` (the 400 most connected
  nodes above that size).

First, at the curated scale, ``carekg map`` and ``carekg query`` end to end (new processes, store
already built) against rdflib parsing the curated Turtle (targets: map within 4x, query within 1 s).

It prints a Markdown table of times and ratios and writes everything to ``--json FILE``.  Only the
ratios compare across machines.  Run (well over 30 minutes with 1M on 2 cores; the 1M build alone
needs about 5 GB of memory)::

    .venv/bin/python benchmarks/bench_scale.py --sizes 10000,100000,1000000 --json bench.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ENV = dict(os.environ, PYTHONPATH=str(ROOT))  # subprocesses run this checkout's carekg

# Parameters for the named queries, found in whatever dataset is loaded (name -> SPARQL).
PICK = {
    "person": "SELECT ?x WHERE { ?t a carekg:Tenure ; carekg:holder ?x } GROUP BY ?x ORDER BY DESC(COUNT(*)) ?x LIMIT 1",
    "organisation": "SELECT ?x WHERE { ?p carekg:postIn ?x . ?t carekg:post ?p } GROUP BY ?x ORDER BY DESC(COUNT(*)) ?x LIMIT 1",
    "proposal": "SELECT ?x WHERE { ?s carekg:proposal ?x } GROUP BY ?x ORDER BY DESC(COUNT(*)) ?x LIMIT 1",
    "actor": "SELECT ?x WHERE { ?s carekg:actor ?x } GROUP BY ?x ORDER BY DESC(COUNT(*)) ?x LIMIT 1",
    "entity": "SELECT ?x WHERE { ?s carekg:actor ?x } GROUP BY ?x ORDER BY DESC(COUNT(*)) ?x LIMIT 1",
    "place": "SELECT ?x WHERE { ?r carekg:relation carekg:locatedIn ; carekg:object ?x } GROUP BY ?x ORDER BY DESC(COUNT(*)) ?x LIMIT 1",
    "article": "SELECT ?x WHERE { ?x a carekg:SourceArticle } ORDER BY ?x LIMIT 1",
}
FIXED = {"kind": "carekg:PoolingKind", "from": "2015", "to": "2015"}
RELATION_KIND = "carekg:CommissioningRelation"


def now() -> float:
    return time.perf_counter()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def params_for(kg, q) -> dict:
    """Example parameters for query ``q`` from the data (every declared one, so each query with
    parameters runs with them bound)."""
    out = {}
    for p in q.params:
        if p.name in PICK:
            rows = kg.engine.query(PICK[p.name], origin="<bench>").rows
            if rows:
                out[p.name] = str(rows[0][0])
        elif p.name == "kind":
            out[p.name] = RELATION_KIND if q.name == "relationships-of-kind" else FIXED["kind"]
        elif p.name in FIXED:
            out[p.name] = FIXED[p.name]
    return out


# --- the Oxigraph worker ---------------------------------------------------------------------

def oxigraph_worker(data: Path, work: Path, repeat: int) -> dict:
    from graph.analysis.views import build_view
    from graph.checks.validate import check_evidence, check_qc, check_shacl
    from graph.kg.query import bind_params
    from graph.kg.store import build, open_graph
    from graph.rdf.paths import Paths
    from graph.sparql.catalog import find_query, list_queries

    os.environ["CAREKG_CACHE"] = str(work / "cache")
    paths = Paths.for_dataset(data)
    out: dict = {"steps": {}, "queries": {}}
    t = now()
    build(paths, work / "build")
    out["steps"]["load + build"] = now() - t
    paths = Paths(root=paths.root, ontology=paths.ontology, shapes=paths.shapes, data=paths.data,
                  queries=paths.queries, build=work / "build", seeds=paths.seeds)
    t = now()
    kg, note = open_graph(paths)
    out["steps"]["open the built store"] = now() - t
    assert not note, note
    out["triples"] = len(kg.engine)
    for name, fn in (("validate: shapes", check_shacl), ("validate: QC", check_qc), ("validate: evidence", check_evidence)):
        t = now()
        problems = fn(kg)
        out["steps"][name] = now() - t
        assert problems == [], problems[:3]
    out["steps"]["validation"] = sum(out["steps"][k] for k in ("validate: shapes", "validate: QC", "validate: evidence"))
    for q in list_queries(paths):
        given = params_for(kg, q)
        bindings = bind_params(kg, q, given)
        times = []
        for _ in range(repeat):
            t = now()
            rows = kg.engine.query(q.text, bindings, origin=q.path).rows
            times.append(now() - t)
        out["queries"][q.name] = {"median": statistics.median(times), "rows": len(rows),
                                  "parameterised": bool(bindings), "params": given}
    for view in ("influence", "stances"):
        t = now()
        G = build_view(kg, view, facts=False)
        out["steps"][f"view: {view}"] = now() - t
        out[f"view {view} size"] = [G.number_of_nodes(), G.number_of_edges()]
    del kg, find_query
    t = now()
    done = subprocess.run([sys.executable, "-m", "graph", "--data", str(data), "map", "-o", str(work / "map.html")],
                          cwd=work, env=dict(ENV, CAREKG_CACHE=str(work / "cache")), capture_output=True, text=True)
    out["steps"]["map (carekg map, end to end)"] = now() - t
    assert done.returncode == 0, done.stderr
    out["map"] = done.stderr.strip().splitlines()[-1]
    out["peak_mb"] = peak_mb()
    return out


# --- the rdflib worker -------------------------------------------------------------------------

def within(budget: float, fn):
    """Run ``fn()`` in a forked child for at most ``budget`` seconds: (seconds, finished)."""
    r, w = os.pipe()
    t = now()
    pid = os.fork()
    if pid == 0:  # the child shares the parent's graph, copy on write
        os.close(r)
        try:
            fn()
            os.write(w, b"ok")
        finally:
            os._exit(0)
    os.close(w)
    deadline = t + budget
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            ok = os.read(r, 2) == b"ok"
            os.close(r)
            return now() - t, ok
        if now() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(r)
            return budget, False
        time.sleep(0.02)


def rdflib_worker(data: Path, budget: float) -> dict:
    from rdflib import Graph

    from graph.kg.load import load
    from graph.kg.query import bind_params
    from graph.rdf.namespaces import PREFIXES
    from graph.rdf.paths import Paths
    from graph.sparql.catalog import catalog, list_queries
    from graph.sparql.shacl import pyshacl_violations

    paths = Paths.for_dataset(data)
    out: dict = {"steps": {}, "queries": {}, "capped": []}
    g = Graph()
    t = now()
    for f in paths.data_files() + [paths.ontology]:
        g.parse(f, format="turtle")
    out["steps"]["parse"] = now() - t

    def rules():
        for rule in catalog("rules", paths):
            for triple in list(g.query(rule.text, initNs=PREFIXES)):
                g.add(triple)
    spent, ok = within(budget * 4, rules)
    out["steps"]["load + build"] = out["steps"]["parse"] + spent
    if not ok:
        out["capped"].append("load + build")
    kg = load(paths)  # only to choose the same parameters and bind them the same way

    def shapes():
        assert pyshacl_violations(kg) == []
    spent, ok = within(budget * 4, shapes)
    out["steps"]["validate: shapes"] = spent
    if not ok:
        out["capped"].append("validate: shapes")

    def qc():
        for check in catalog("qc", paths):
            list(g.query(check.text, initNs=PREFIXES))
    spent, ok = within(budget * 4, qc)
    out["steps"]["validate: QC"] = spent
    if not ok:
        out["capped"].append("validate: QC")
    for q in list_queries(paths):
        bindings = bind_params(kg, q, params_for(kg, q))
        spent, ok = within(budget, lambda q=q, b=bindings: list(g.query(q.text, initNs=PREFIXES, initBindings=b)))
        out["queries"][q.name] = {"median": spent, "finished": ok}
    for view in ("influence", "stances"):
        text = next(v for v in catalog("views", paths) if v.name == view).text
        spent, ok = within(budget * 4, lambda text=text: list(g.query(text, initNs=PREFIXES)))
        out["steps"][f"view: {view}"] = spent
        if not ok:
            out["capped"].append(f"view: {view}")
    out["peak_mb"] = peak_mb()
    return out


# --- the driver --------------------------------------------------------------------------------

def worker(kind: str, data: Path, work: Path, args) -> dict:
    """Run one worker in its own process (its own peak memory); its result as a dict."""
    result = work / f"{kind}.json"
    cmd = [sys.executable, __file__, "--worker", kind, "--data", str(data), "--work", str(work),
           "--repeat", str(args.repeat), "--rdflib-budget", str(args.rdflib_budget), "--json", str(result)]
    done = subprocess.run(cmd, capture_output=True, text=True, env=ENV)
    if done.returncode:
        raise SystemExit(f"{kind} worker failed:\n{done.stderr[-3000:]}")
    return json.loads(result.read_text())


def floor(work: Path) -> float:
    """``oxigraph load`` of the build's N-Triples into a new store: wall seconds."""
    from graph.sparql.server import oxigraph_binary

    target = work / "floor-store"
    shutil.rmtree(target, ignore_errors=True)
    t = now()
    subprocess.run([str(oxigraph_binary()), "load", "--location", str(target), "--file", str(work / "build" / "carekg.nt")],
                   check=True, capture_output=True)
    spent = now() - t
    shutil.rmtree(target, ignore_errors=True)
    return spent


def measure(size: int, args) -> dict:
    from graph.kg.synth import synthesise

    home = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="carekg-bench-"))
    home.mkdir(parents=True, exist_ok=True)
    data = home / f"synth-{size}"
    if not data.exists():
        t = now()
        synthesise(data, size, seed=1)
        print(f"  synthesised {size:,} triples in {now() - t:.1f} s", file=sys.stderr)
    work = home / f"work-{size}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    print(f"  oxigraph worker ({size:,})", file=sys.stderr)
    ox = worker("oxigraph", data, work, args)
    print(f"  oxigraph load floor ({size:,})", file=sys.stderr)
    ox["steps"]["oxigraph load (floor)"] = floor(work)
    print(f"  rdflib worker ({size:,})", file=sys.stderr)
    rd = worker("rdflib", data, work, args) if size <= args.rdflib_max else None
    if not args.keep:
        shutil.rmtree(home, ignore_errors=True)
    return {"size": size, "oxigraph": ox, "rdflib": rd, "load": os.getloadavg()}


def curated(repeat: int) -> dict:
    """The curated graph: parse time (rdflib) and whole commands, each a median of ``repeat``."""
    from rdflib import Graph

    from graph.rdf.paths import Paths

    def parse():
        g = Graph()
        for f in Paths().data_files():
            g.parse(f, format="turtle")

    def command(*args):
        def go():
            done = subprocess.run([sys.executable, "-m", "graph", *args], cwd=tmp, capture_output=True, text=True, env=ENV)
            assert done.returncode == 0, done.stderr
        return go

    tmp = tempfile.mkdtemp(prefix="carekg-curated-")
    steps = {"parse the curated Turtle (rdflib)": parse,
             "carekg map": command("map", "-o", str(Path(tmp) / "map.html")),
             "carekg query documents": command("query", "documents", "-f", "csv"),
             "carekg query posts-of-person": command("query", "posts-of-person", "-p", "person=Norman Lamb")}
    out = {}
    command("map", "-o", str(Path(tmp) / "map.html"))()  # the store and the layout, made once
    for name, fn in steps.items():
        times = []
        for _ in range(repeat):
            t = now()
            fn()
            times.append(now() - t)
        out[name] = statistics.median(times)
    shutil.rmtree(tmp, ignore_errors=True)
    return out


def curated_table(c: dict) -> str:
    base = c["parse the curated Turtle (rdflib)"]
    targets = {"carekg map": "≤ 4× parse", "carekg query documents": "≤ 1 s", "carekg query posts-of-person": "≤ 1 s"}
    lines = ["| curated graph | seconds | × parse | target |", "|---|---|---|---|"]
    for name, t in c.items():
        lines.append(f"| {name} | {t:.2f} | {t / base:.1f}× | {targets.get(name, 'baseline')} |")
    return "\n".join(lines)


def table(results: list[dict]) -> str:
    """The Markdown table: each step's time on Oxigraph and rdflib, their ratio, and the targets."""
    lines = ["| triples | step | carekg (Oxigraph) | rdflib | rdflib / carekg | target |", "|---|---|---|---|---|---|"]

    def secs(x, capped=False):
        return "—" if x is None else (">" if capped else "") + (f"{x * 1000:.0f} ms" if x < 1 else f"{x:.1f} s")

    for r in results:
        ox, rd, n = r["oxigraph"], r["rdflib"] or {"steps": {}, "queries": {}, "capped": []}, f"{r['size']:,}"
        floor_s = ox["steps"]["oxigraph load (floor)"]
        rows = [("load + build", "load + build", f"≤ 2× floor: {ox['steps']['load + build'] / floor_s:.1f}×"),
                ("oxigraph load (floor)", None, ""), ("open the built store", None, ""),
                ("validation", None, "≤ 60 s"), ("validate: shapes", "validate: shapes", ""),
                ("validate: QC", "validate: QC", ""), ("validate: evidence", None, ""),
                ("view: influence", "view: influence", ""), ("view: stances", "view: stances", ""),
                ("map (carekg map, end to end)", None, "")]
        for step, other, target in rows:
            a = ox["steps"][step]
            b = rd["steps"].get(other) if other else None
            capped = other in rd["capped"]
            ratio = f"{'≥ ' if capped else ''}{b / a:.0f}×" if b is not None else ""
            lines.append(f"| {n} | {step} | {secs(a)} | {secs(b, capped)} | {ratio} | {target} |")
        qs = ox["queries"]
        param = [v["median"] for v in qs.values() if v["parameterised"]]
        whole = [v["median"] for v in qs.values() if not v["parameterised"]]
        total = sum(v["median"] for v in qs.values())
        rtotal = sum(v["median"] for v in rd["queries"].values()) if rd["queries"] else None
        rcapped = any(not v["finished"] for v in rd["queries"].values())
        slowest_p = max((v["median"], k) for k, v in qs.items() if v["parameterised"])
        slowest_w = max((v["median"], k) for k, v in qs.items() if not v["parameterised"])
        lines.append(f"| {n} | {len(qs)} named queries, total of medians | {secs(total)} | {secs(rtotal, rcapped)} | "
                     + (f"{'≥ ' if rcapped else ''}{rtotal / total:.0f}×" if rtotal else "") + " | ≥ 10× rdflib |")
        lines.append(f"| {n} | slowest with a parameter ({len(param)}): {slowest_p[1]} | {secs(slowest_p[0])} | | | ≤ 100 ms |")
        lines.append(f"| {n} | slowest whole-graph ({len(whole)}): {slowest_w[1]} | {secs(slowest_w[0])} | | | ≤ 1 s |")
        lines.append(f"| {n} | peak memory | {ox['peak_mb']:.0f} MB | "
                     + (f"{rd['peak_mb']:.0f} MB" if r["rdflib"] else "—") + " | | < 2 GB |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--repeat", type=int, default=5, help="runs per named query (the median is reported)")
    ap.add_argument("--rdflib-budget", type=float, default=30.0, help="seconds an rdflib query may take (steps: 4x)")
    ap.add_argument("--rdflib-max", type=int, default=10**9, help="skip rdflib above this many triples")
    ap.add_argument("--keep", help="keep datasets and builds in this folder (and reuse the datasets)")
    ap.add_argument("--json", help="write every figure to this file")
    ap.add_argument("--worker", choices=["oxigraph", "rdflib"], help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        result = (oxigraph_worker(args.data, args.work, args.repeat) if args.worker == "oxigraph"
                  else rdflib_worker(args.data, args.rdflib_budget))
        Path(args.json).write_text(json.dumps(result, indent=1))
        return 0
    print(f"curated graph (load average {os.getloadavg()[0]:.1f})", file=sys.stderr)
    small = curated(args.repeat)
    results = []
    for size in (int(x) for x in args.sizes.split(",")):
        print(f"{size:,} triples (load average {os.getloadavg()[0]:.1f})", file=sys.stderr)
        results.append(measure(size, args))
    print(f"carekg scale benchmark; {os.cpu_count()} cores; load average at each size: "
          + ", ".join(f"{r['load'][0]:.1f}" for r in results)
          + "".join(f"; rdflib not run above {args.rdflib_max:,} triples (--rdflib-max)" for r in results[-1:] if not r["rdflib"]) + "\n")
    print(curated_table(small) + "\n")
    print(table(results))
    if args.json:
        Path(args.json).write_text(json.dumps({"curated": small, "sizes": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
