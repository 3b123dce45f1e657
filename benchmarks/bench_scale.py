"""Scale benchmark: the carekg commands as a user runs them, at the curated scale and on synthetic
data of 10k, 100k and 1M triples, each step repeated, with the machine's load recorded before it.

One command gives every figure the docs carry (about an hour with 1M on 2 cores; the 1M steps
alone need a few GB of memory)::

    nice .venv/bin/python benchmarks/bench_scale.py --sizes 10000,100000,1000000 --runs 3 --json scale.json

Each step runs ``--runs`` times; the table gives the minimum and the median, the load average
(1 min) before each run, and the verdict against its target.  Run it on an idle machine: a load
average above about 0.5 on 2 cores means another process shared the cores, and the step's
figures say so.

* **curated graph**: ``carekg query`` (a whole-graph query and one with a parameter) and a warm
  ``carekg map`` as new processes, against parsing the curated Turtle in-process with rdflib
  (the map's baseline);
* **build**: ``carekg --data DIR build`` as a new process, with the checks it runs by default,
  twice per run: with an empty cache (HermiT checks the ontology too) and after a change of the
  data (the ontology's verdict kept, the usual case), against ``oxigraph load`` of the build's own
  N-Triples into a new store (the floor); the peak memory is the command's own (``wait4``);
* **validate**: ``carekg --data DIR validate`` as a new process (the default checks);
* **map**: ``carekg --data DIR map`` as a new process with nothing of it kept (layout and
  coalition checks made afresh: a cold map) and again (warm);
* **every named query**: the median of ``--repeat`` runs in one process on the built store,
  parameters chosen from the data (targets: 100 ms with a bound parameter, 1 s for the whole
  graph), and the two network views;
* **rdflib**, up to ``--rdflib-max`` triples: the same queries and validation in rdflib's default
  store, each stopped at ``--rdflib-budget`` seconds (then its figure is a lower bound).

It prints Markdown tables and writes every figure (each run's, with its load) to ``--json``.
"""

from __future__ import annotations

import argparse
import json
import os
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
ENV.pop("CAREKG_CACHE", None)

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
GB = 1024


def now() -> float:
    return time.perf_counter()


def load_now() -> float:
    return os.getloadavg()[0]


def run(cmd, cwd=None, env=None) -> dict:
    """A command as a new process: wall seconds, its peak memory (MB, from wait4) and the load
    average just before it."""
    before = load_now()
    t = now()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    spent = now() - t
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{err[-3000:]}")
    return {"s": spent, "peak_mb": usage.ru_maxrss / 1024, "load": before}


def carekg(*args) -> list[str]:
    return [sys.executable, "-m", "graph", "--quiet", *map(str, args)]


def summary(runs: list[dict]) -> dict:
    times = [r["s"] for r in runs]
    return {"min": min(times), "median": statistics.median(times), "load": [round(r["load"], 2) for r in runs],
            "peak_mb": max(r.get("peak_mb", 0) for r in runs), "runs": runs}


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


# --- the in-process workers (queries on the built store; rdflib for comparison) ---------------

def queries_worker(data: Path, repeat: int) -> dict:
    from graph.analysis.views import build_view
    from graph.kg.query import bind_params
    from graph.kg.store import open_graph
    from graph.rdf.paths import Paths
    from graph.sparql.catalog import list_queries

    paths = Paths.for_dataset(data)
    kg, note = open_graph(paths)
    assert not note, note
    out: dict = {"queries": {}, "steps": {}, "triples": len(kg.engine), "load": load_now()}
    for q in list_queries(paths):
        given = params_for(kg, q)
        bindings = bind_params(kg, q, given)
        times = []
        for _ in range(repeat):
            t = now()
            rows = kg.engine.query(q.text, bindings, origin=q.path).rows
            times.append(now() - t)
        out["queries"][q.name] = {"median": statistics.median(times), "min": min(times), "rows": len(rows),
                                  "parameterised": bool(bindings), "params": given}
    for view in ("influence", "stances"):
        t = now()
        G = build_view(kg, view, facts=False)
        out["steps"][f"view: {view}"] = now() - t
        out[f"view {view} size"] = [G.number_of_nodes(), G.number_of_edges()]
    return out


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
    for f in paths.data_files() + [paths.ontology]:
        g.parse(f, format="turtle")
    for rule in catalog("rules", paths):
        for triple in list(g.query(rule.text, initNs=PREFIXES)):
            g.add(triple)
    kg = load(paths)  # only to choose the same parameters and bind them the same way

    def shapes():
        assert pyshacl_violations(kg) == []

    def qc():
        for check in catalog("qc", paths):
            list(g.query(check.text, initNs=PREFIXES))
    for name, fn in (("validate: shapes", shapes), ("validate: QC", qc)):
        spent, ok = within(budget * 4, fn)
        out["steps"][name] = spent
        if not ok:
            out["capped"].append(name)
    for q in list_queries(paths):
        bindings = bind_params(kg, q, params_for(kg, q))
        spent, ok = within(budget, lambda q=q, b=bindings: list(g.query(q.text, initNs=PREFIXES, initBindings=b)))
        out["queries"][q.name] = {"median": spent, "finished": ok}
    return out


def worker(kind: str, data: Path, args) -> dict:
    """Run one worker in its own process; its result as a dict."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        result = Path(f.name)
    cmd = [sys.executable, __file__, "--worker", kind, "--data", str(data), "--repeat", str(args.repeat),
           "--rdflib-budget", str(args.rdflib_budget), "--json", str(result)]
    done = subprocess.run(cmd, capture_output=True, text=True, env=dict(ENV, CAREKG_CACHE=str(data / ".bench-cache")))
    if done.returncode:
        raise SystemExit(f"{kind} worker failed:\n{done.stderr[-3000:]}")
    out = json.loads(result.read_text())
    result.unlink()
    return out


# --- the steps -----------------------------------------------------------------------------------

def floor(nt: Path) -> dict:
    """``oxigraph load`` of the build's N-Triples into a new store."""
    from graph.sparql.server import oxigraph_binary

    target = Path(tempfile.mkdtemp(prefix="carekg-floor-"))
    shutil.rmtree(target)
    try:
        return run([str(oxigraph_binary()), "load", "--location", str(target), "--file", str(nt)])
    finally:
        shutil.rmtree(target, ignore_errors=True)


def measure(size: int, args) -> dict:
    from graph.kg.synth import synthesise

    home = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="carekg-bench-"))
    home.mkdir(parents=True, exist_ok=True)
    data = home / f"synth-{size}"
    if not data.exists():
        synthesise(data, size, seed=1)
    cache = data / ".bench-cache"
    steps: dict[str, list] = {k: [] for k in ("build, empty cache", "build, ontology checked before", "oxigraph load (floor)",
                                              "validate", "map, cold", "map, warm")}
    for n in range(args.runs):
        print(f"  {size:,}: run {n + 1} of {args.runs} (load average {load_now():.2f})", file=sys.stderr)
        env = dict(ENV, CAREKG_CACHE=str(cache))
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(data / "build", ignore_errors=True)
        steps["build, empty cache"].append(run(carekg("--data", data, "build"), env=env))
        steps["oxigraph load (floor)"].append(floor(data / "build" / "carekg.nt"))
        shutil.rmtree(data / "build")
        steps["build, ontology checked before"].append(run(carekg("--data", data, "build"), env=env))
        steps["validate"].append(run(carekg("--data", data, "validate"), env=env))
        shutil.rmtree(cache / "kept", ignore_errors=True)  # no layout, no coalition checks: a cold map
        out = home / f"map-{size}.html"
        steps["map, cold"].append(run(carekg("--data", data, "map", "-o", out), env=env))
        steps["map, warm"].append(run(carekg("--data", data, "map", "-o", out), env=env))
    result = {"size": size, "steps": {k: summary(v) for k, v in steps.items()}}
    print(f"  {size:,}: queries (load average {load_now():.2f})", file=sys.stderr)
    result["oxigraph"] = worker("queries", data, args)
    result["rdflib"] = worker("rdflib", data, args) if size <= args.rdflib_max else None
    if not args.keep:
        shutil.rmtree(home, ignore_errors=True)
    return result


def curated(args) -> dict:
    """The curated graph: whole commands as new processes, against rdflib parsing its Turtle."""
    from rdflib import Graph

    from graph.rdf.paths import Paths

    tmp = Path(tempfile.mkdtemp(prefix="carekg-curated-"))
    env = dict(ENV, CAREKG_CACHE=str(tmp / "cache"))
    commands = {"carekg query documents -f csv": carekg("query", "documents", "-f", "csv"),
                "carekg query posts-of-person -p person=Norman Lamb": carekg("query", "posts-of-person", "-p", "person=Norman Lamb"),
                "carekg map (warm)": carekg("map", "-o", tmp / "map.html")}
    run(carekg("build", "-o", tmp / "build"), env=env)  # the store, made once
    run(commands["carekg map (warm)"], env=env)  # the layout and the coalition checks, made once
    out: dict[str, list] = {"parse the curated Turtle (rdflib, in-process)": []}
    for _ in range(args.runs * args.repeat):
        before = load_now()
        t = now()
        g = Graph()
        for f in Paths().data_files():
            g.parse(f, format="turtle")
        out["parse the curated Turtle (rdflib, in-process)"].append({"s": now() - t, "load": before})
        for name, cmd in commands.items():
            out.setdefault(name, []).append(run(cmd, env=env))
    shutil.rmtree(tmp, ignore_errors=True)
    return {k: summary(v) for k, v in out.items()}


# --- the tables ----------------------------------------------------------------------------------

def secs(x: float | None, capped: bool = False) -> str:
    return "—" if x is None else (">" if capped else "") + (f"{x * 1000:.0f} ms" if x < 1 else f"{x:.1f} s")


def verdict(value: float, target: float, unit: str = "") -> str:
    return "met" if value <= target else f"missed by {value / target:.1f}×{unit}"


def loads(s: dict) -> str:
    return f"{min(s['load']):.1f}-{max(s['load']):.1f}"


def curated_table(c: dict) -> str:
    base = c["parse the curated Turtle (rdflib, in-process)"]["median"]
    lines = ["| curated graph | min | median | load before | × parse | target | verdict |", "|---|---|---|---|---|---|---|"]
    for name, s in c.items():
        if name.startswith("parse"):
            lines.append(f"| {name} | {secs(s['min'])} | {secs(s['median'])} | {loads(s)} | 1.0× | baseline | |")
        elif name.startswith("carekg map"):
            ratio = s["median"] / base
            lines.append(f"| {name} | {secs(s['min'])} | {secs(s['median'])} | {loads(s)} | {ratio:.1f}× | ≤ 4× parse | {verdict(ratio, 4)} |")
        else:
            lines.append(f"| {name} | {secs(s['min'])} | {secs(s['median'])} | {loads(s)} | | ≤ 0.15 s | {verdict(s['median'], 0.15)} |")
    return "\n".join(lines)


def table(results: list[dict]) -> str:
    lines = ["| triples | step | min | median | load before | peak memory | target | verdict |", "|---|---|---|---|---|---|---|---|"]
    for r in results:
        n, st = f"{r['size']:,}", r["steps"]
        fl = st["oxigraph load (floor)"]["median"]
        limit = 2 if r["size"] >= 1_000_000 else 3
        for name, s in st.items():
            target = verdict_text = ""
            if name.startswith("build"):
                ratio = s["median"] / fl
                target, verdict_text = f"≤ {limit}× floor, < 2 GB", f"{ratio:.1f}× floor: {verdict(ratio, limit)}" + (
                    "" if s["peak_mb"] < 2 * GB else f"; memory {verdict(s['peak_mb'], 2 * GB)}")
            elif name == "validate":
                target, verdict_text = "≤ 60 s", verdict(s["median"], 60)
            elif name == "map, cold" and r["size"] >= 1_000_000:
                target, verdict_text = "≤ 60 s", verdict(s["median"], 60)
            lines.append(f"| {n} | {name} | {secs(s['min'])} | {secs(s['median'])} | {loads(s)} | {s['peak_mb']:.0f} MB | "
                         f"{target} | {verdict_text} |")
        ox, rd = r["oxigraph"], r["rdflib"] or {"queries": {}, "steps": {}, "capped": []}
        qs = ox["queries"]
        for kind, limit_s, label in ((True, 0.1, "with a parameter"), (False, 1.0, "whole-graph")):
            chosen = {k: v for k, v in qs.items() if v["parameterised"] == kind}
            slow = max((v["median"], k) for k, v in chosen.items())
            over = sorted(k for k, v in chosen.items() if v["median"] > limit_s)
            lines.append(f"| {n} | slowest of {len(chosen)} queries {label}: {slow[1]} | | {secs(slow[0])} | {ox['load']:.1f} | | "
                         f"≤ {secs(limit_s)} | {verdict(slow[0], limit_s)}" + (f" ({len(over)}: {', '.join(over)})" if over else "") + " |")
        total = sum(v["median"] for v in qs.values())
        if rd["queries"]:
            rtotal = sum(v["median"] for v in rd["queries"].values())
            capped = any(not v["finished"] for v in rd["queries"].values())
            lines.append(f"| {n} | {len(qs)} named queries, total of medians (rdflib: {secs(rtotal, capped)}) | | {secs(total)} | | | "
                         f"≥ 10× rdflib | {'≥ ' if capped else ''}{rtotal / total:.0f}× |")
        for view in ("influence", "stances"):
            lines.append(f"| {n} | view: {view} ({ox[f'view {view} size'][0]:,} nodes) | | {secs(ox['steps'][f'view: {view}'])} | | | | |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--runs", type=int, default=3, help="runs of each step (the minimum and the median are reported)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per named query in one process (the median is reported)")
    ap.add_argument("--rdflib-budget", type=float, default=30.0, help="seconds an rdflib query may take (validation: 4x)")
    ap.add_argument("--rdflib-max", type=int, default=100_000, help="skip rdflib above this many triples")
    ap.add_argument("--keep", help="keep datasets and builds in this folder (and reuse the datasets)")
    ap.add_argument("--json", help="write every figure to this file")
    ap.add_argument("--worker", choices=["queries", "rdflib"], help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        result = queries_worker(args.data, args.repeat) if args.worker == "queries" else rdflib_worker(args.data, args.rdflib_budget)
        Path(args.json).write_text(json.dumps(result, indent=1))
        return 0
    started = time.strftime("%Y-%m-%d %H:%M")
    print(f"curated graph (load average {load_now():.2f})", file=sys.stderr)
    small = curated(args)
    results = []
    for size in (int(x) for x in args.sizes.split(",")):
        print(f"{size:,} triples (load average {load_now():.2f})", file=sys.stderr)
        results.append(measure(size, args))
    head = (f"carekg scale benchmark, {started}; {os.cpu_count()} cores; {args.runs} runs of each step; "
            f"`python benchmarks/bench_scale.py --sizes {args.sizes} --runs {args.runs}`")
    print(head + "\n\n" + curated_table(small) + "\n\n" + table(results))
    if args.json:
        Path(args.json).write_text(json.dumps({"command": sys.argv, "started": started, "cores": os.cpu_count(),
                                               "curated": small, "sizes": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
