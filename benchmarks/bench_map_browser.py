"""How long a 5,000-node map takes to become interactive in headless Chromium.

A synthetic dataset big enough for 5,000 nodes (``carekg synth``) is drawn with ``carekg map
--top 5000`` (positions precomputed, physics off), and Debian's Chromium (through Playwright,
never downloading a browser) opens the page offline.  The time from navigation to the page's
``carekg.ready`` flag (the network drawn, search and filters wired) is the median of
``--repeat`` loads, with the curated map (about 150 nodes) timed the same way as the baseline.

    .venv/bin/python benchmarks/bench_map_browser.py [--nodes 5000] [--triples 250000] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = os.environ.get("CAREKG_CHROMIUM", "/usr/bin/chromium")
ENV = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))  # this checkout's carekg
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def draw(*args) -> tuple:
    """Run ``carekg ARGS`` (a map command); the map's (nodes, edges)."""
    done = subprocess.run([sys.executable, "-m", "graph", *args], capture_output=True, text=True, env=ENV)
    if done.returncode:
        raise SystemExit(done.stderr)
    return re.findall(r"\((\d+) nodes, (\d+) edges\)", done.stderr)[-1]


def time_to_ready(browser, page_path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        ctx = browser.new_context(viewport={"width": 1600, "height": 1000})
        page = ctx.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.split(":", 1)[0] in ("file", "data", "blob") else r.abort())
        start = time.perf_counter()
        page.goto(page_path.resolve().as_uri())
        page.wait_for_function("window.carekg && window.carekg.ready === true", timeout=600_000)
        times.append(time.perf_counter() - start)
        ctx.close()
    return statistics.median(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--triples", type=int, default=250000, help="size of the synthetic dataset to draw from")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="write the figures to this file")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="carekg-mapbench-"))
    data = tmp / "synth"
    subprocess.run([sys.executable, "-m", "graph", "synth", "--triples", str(args.triples), "--seed", "1", "-o", str(data)],
                   check=True, capture_output=True, env=ENV)
    t = time.perf_counter()
    big = draw("--data", str(data), "map", "-o", str(tmp / "big.html"), "--no-coalitions",
               "--top", str(args.nodes))
    generate = time.perf_counter() - t
    small = draw("map", "-o", str(tmp / "curated.html"), "--no-coalitions")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        base = time_to_ready(browser, tmp / "curated.html", args.repeat)
        ready = time_to_ready(browser, tmp / "big.html", args.repeat)
        browser.close()
    result = {"nodes": int(big[0]), "edges": int(big[1]), "generate_s": generate, "ready_s": ready,
              "curated_nodes": int(small[0]), "curated_ready_s": base, "ratio": ready / base,
              "page_mb": (tmp / "big.html").stat().st_size / 2**20, "load": os.getloadavg()[0]}
    shutil.rmtree(tmp, ignore_errors=True)  # the synthetic dataset and both pages
    print(f"| map | nodes | edges | page | carekg map | load to interactive | × curated map |\n|---|---|---|---|---|---|---|\n"
          f"| curated | {result['curated_nodes']} | | | | {base:.2f} s | 1.0× |\n"
          f"| synthetic | {result['nodes']:,} | {result['edges']:,} | {result['page_mb']:.1f} MB | {generate:.1f} s "
          f"| {ready:.2f} s | {result['ratio']:.1f}× |")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
