"""End to end: `carekg map` on the curated graph opens offline in Chromium and explains its edges."""

from __future__ import annotations

from graph.network import build_view

from .browser import ARTIFACTS, wait_until
from .helpers import run_carekg


def test_cli_map_of_the_curated_graph(chromium, kg, tmp_path):
    out = tmp_path / "map.html"
    proc = run_carekg("map", "-o", out, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "lib").exists(), "no lib/ folder beside the map"
    assert list(tmp_path.iterdir()) == [out], "one file, nothing else"
    G = build_view(kg, "influence", facts=False)

    page = chromium.new_page(viewport={"width": 1440, "height": 900})
    blocked, errors = [], []
    page.route("**/*", lambda r: r.continue_() if r.request.url.split(":", 1)[0] in ("file", "data", "blob")
               else (blocked.append(r.request.url), r.abort()))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(out.as_uri())
    wait_until(page, "window.carekg && window.carekg.ready === true", timeout=20)

    assert page.evaluate("network.body.data.nodes.length") == G.number_of_nodes()
    assert page.evaluate("network.body.data.edges.length") == G.number_of_edges()
    # Every edge in the page carries its article and evidence; pick Kell's opposition to a mandate.
    edge = next(k for u, v, k, d in G.edges(keys=True, data=True)
                if u.endswith("/steve-kell") and v.endswith("/proposal-national-mandate"))
    page.evaluate("id => carekg.showEdge(id)", edge)
    assert "said a top-down diktat on this was wrong" in page.inner_text("#details-evidence")
    assert "Lamb tells Confed" in page.inner_text("#details-source")
    footer = page.inner_text("footer")
    assert str(G.number_of_nodes()) in footer and "5 source" in footer
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "curated-map.png"))
    assert blocked == [] and errors == []
    page.close()
