"""The influence map in a real headless Chromium: offline, error-free, interactive and safe.

Each page is opened from a file with every request other than file:, data: and blob: recorded
and aborted.  Chromium is Debian's (/usr/bin/chromium); if it is missing these tests fail with
a message saying how to install it, they never skip.
"""

from __future__ import annotations

import json

import networkx as nx
import pytest

from ..browser import ARTIFACTS, KG, hostile_graph, make_graph, open_map, wait_until  # noqa: F401

BAD1 = "<script>window.__pwned=1</script>"
BAD2 = "<img src=x onerror=window.__pwned=2>"


@pytest.fixture(scope="module")
def G():
    return make_graph()


@pytest.fixture(scope="module")
def m(open_map, G):
    return open_map(G)


@pytest.fixture
def fresh(m):
    """The main map, with every filter, focus and selection cleared."""
    m.page.keyboard.press("Escape")
    m.js("carekg.resetAll(); carekg.colourByCoalition(false)")
    return m


def visible(m):
    return m.js("carekg.visible()")


def test_loads_offline_without_errors_and_saves_a_screenshot(m, G):
    assert m.blocked == [], f"the map tried to reach the network: {m.blocked}"
    assert m.errors == [], f"console or page errors: {m.errors}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    m.page.screenshot(path=str(ARTIFACTS / "map.png"))
    # the first view shows the whole graph, big enough to read the hubs' labels
    scale = m.js("carekg.network.getScale()")
    assert 0.3 < scale < 1.5
    assert m.js("carekg.network.getSelectedNodes().length") == 0


def test_counts_match_the_graph(m, G, tmp_path):
    assert m.js("carekg.network.body.data.nodes.length") == G.number_of_nodes()
    assert m.js("carekg.network.body.data.edges.length") == G.number_of_edges()
    assert m.js("Object.keys(carekg.network.getPositions()).length") == G.number_of_nodes()
    # The page adds vis-network's globals (vis, and its build's regeneratorRuntime), maplogic.js's
    # and map.js's, and nothing else.
    empty = tmp_path / "empty.html"
    empty.write_text("<!DOCTYPE html><title>empty</title>", encoding="utf-8")
    blank = m.page.context.new_page()
    blank.goto(empty.as_uri())
    before = set(blank.evaluate("Object.keys(window)"))
    blank.close()
    assert set(m.js("Object.keys(window)")) - before == {"vis", "regeneratorRuntime", "carekgLogic", "carekg"}
    assert m.js("typeof carekg.network.fit") == "function" and m.js("typeof window.network") == "undefined"
    footer = m.page.inner_text("#footer")
    for text in (f"{G.number_of_nodes()} nodes", f"{G.number_of_edges()} edges", "5 source articles",
                 "Built 2025-11-25 09:30"):
        assert text in footer
    assert m.js("carekg.network.physics.physicsEnabled") is False  # a fixed, precomputed layout


def test_search_selects_and_focuses_an_actor(fresh, G):
    target = KG + "org-0"
    label = G.nodes[target]["label"]  # "King's Fund"
    fresh.page.fill("#search", "king's fu")
    fresh.page.press("#search", "Enter")
    # Only the start of a name: nothing is picked silently, the candidates are offered.
    assert fresh.js("carekg.network.getSelectedNodes()") == []
    first = fresh.page.locator("#search-results .choice").first
    assert first.get_attribute("data-id") == target and first.inner_text().startswith(label)
    first.click()
    wait_until(fresh.page, "carekg.network.getSelectedNodes().length === 1")
    assert fresh.page.locator("#search-results").is_hidden()
    assert fresh.js("carekg.network.getSelectedNodes()") == [target]
    assert fresh.page.inner_text("#details-title") == label
    # after the focus animation the actor sits in the visible part of the canvas, zoomed in
    wait_until(fresh.page, f"""(() => {{ const p = carekg.network.getPositions([{json.dumps(target)}])[{json.dumps(target)}];
        return Math.abs(carekg.network.canvasToDOM(p).y - carekg.network.canvas.frame.clientHeight / 2) < 5
               && carekg.network.getScale() >= 0.99; }})()""")
    box = fresh.page.locator("#map canvas").bounding_box()
    panel = fresh.page.locator("#details").bounding_box()
    at = fresh.js("id => carekg.network.canvasToDOM(carekg.network.getPositions([id])[id])", target)
    assert 0 < at["x"] < panel["x"] - box["x"] and 0 < at["y"] < box["height"]
    assert abs(at["y"] - box["height"] / 2) < 5 and fresh.js("carekg.network.getScale()") >= 0.99
    # the neighbourhood stays bright, the rest is dimmed
    opacity = fresh.js("id => carekg.nodes.get(id).opacity", target)
    assert opacity == 1
    assert fresh.js("carekg.nodes.get().filter(n => n.opacity < 1).length") > G.number_of_nodes() / 2
    fresh.page.fill("#search", "nobody of that name")
    fresh.page.press("#search", "Enter")
    assert "No match" in fresh.page.inner_text("#search-status")


def test_legend_entries_hide_and_show_relations_and_types(fresh, G):
    total = visible(fresh)
    support = sum(1 for *_, d in G.edges(data=True) if d["kind"] == "stance" and d["position"] == "support")
    item = fresh.page.locator('#legend-kinds li[data-key="stance:support"]')
    item.click()
    assert visible(fresh)["edges"] == total["edges"] - support
    assert item.get_attribute("aria-pressed") == "false"
    item.click()
    assert visible(fresh) == total
    people = [n for n, d in G.nodes(data=True) if d["group"] == "person"]
    touching = sum(1 for u, v in G.edges() if u in people or v in people)
    fresh.page.locator('#legend-groups li[data-key="person"]').click()
    assert visible(fresh) == {"nodes": total["nodes"] - len(people), "edges": total["edges"] - touching}
    fresh.page.locator('#legend-groups li[data-key="person"]').press("Enter")  # keyboard works too
    assert visible(fresh) == total


def test_source_and_year_filters(fresh, G):
    article = KG + "article-002"
    fresh.page.select_option("#source-filter", article)
    assert visible(fresh)["edges"] == sum(1 for *_, d in G.edges(data=True) if d["source"] == article)
    fresh.page.select_option("#source-filter", "")
    fresh.page.select_option("#year-filter", "2017")
    assert visible(fresh)["edges"] == sum(1 for *_, d in G.edges(data=True) if d["year"] == 2017)
    assert "showing" in fresh.page.inner_text("#footer")


def test_focus_on_a_neighbourhood(fresh, G):
    target = KG + "org-3"
    U = nx.Graph(G.to_undirected())
    fresh.page.fill("#focus-node", G.nodes[target]["label"])
    fresh.page.fill("#focus-steps", "1")
    fresh.page.click("#focus-apply")
    assert visible(fresh)["nodes"] == len(nx.single_source_shortest_path_length(U, target, cutoff=1))
    fresh.page.fill("#focus-steps", "2")
    fresh.page.click("#focus-apply")
    assert visible(fresh)["nodes"] == len(nx.single_source_shortest_path_length(U, target, cutoff=2))
    fresh.page.click("#focus-reset")
    assert visible(fresh)["nodes"] == G.number_of_nodes()


# An edge whose middle is well away from every node and every other edge, so that a real mouse
# click there can only hit it.
CLEAR_EDGE = """() => {
  const body = carekg.network.body, ids = carekg.network.body.edgeIndices;
  const pts = {};
  for (const id of ids) {
    const e = body.edges[id];
    pts[id] = Array.from({length: 21}, (_, i) => e.edgeType.getPoint(i / 20));
  }
  const nodes = Object.values(carekg.network.getPositions());
  let best = null, bestGap = -1;
  for (const id of ids) {
    const e = carekg.edges.get(id);
    if (e.kind !== "stance" || e.from === e.to) continue;
    const mid = pts[id][10];
    let gap = Math.min(...nodes.map(p => Math.hypot(p.x - mid.x, p.y - mid.y) - 30));
    for (const other of ids) if (other !== id)
      for (const p of pts[other]) gap = Math.min(gap, Math.hypot(p.x - mid.x, p.y - mid.y));
    if (gap > bestGap) { bestGap = gap; best = id; }
  }
  return [best, bestGap];
}"""


def click_edge(m, edge_id):
    mid = m.js("id => carekg.network.body.edges[id].edgeType.getPoint(0.5)", edge_id)
    m.js("p => carekg.network.moveTo({position: p, scale: 1.5, animation: false})", mid)
    box = m.page.locator("#map canvas").bounding_box()
    at = m.js("id => carekg.edgeMidpoint(id)", edge_id)
    m.page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])


def test_clicking_an_edge_shows_its_source_and_evidence(fresh, G):
    edge_id, gap = fresh.js(CLEAR_EDGE)
    assert gap > 8, "no clear edge to click in the test graph"
    click_edge(fresh, edge_id)
    wait_until(fresh.page, "carekg.network.getSelectedEdges().length > 0")
    assert fresh.js("carekg.network.getSelectedEdges()") == [edge_id]
    u, v, d = next((u, v, d) for u, v, k, d in G.edges(keys=True, data=True) if k == edge_id)
    src = G.graph["sources"][d["source"]]
    assert fresh.page.inner_text("#details-evidence") == f"\u201c{d['evidence']}\u201d"
    source = fresh.page.inner_text("#details-source")
    assert src["title"] in source and src["date"] in source
    assert (src["publisher"] or "publisher not stated") in source
    title = fresh.page.inner_text("#details-title")
    assert title == f"{G.nodes[u]['label']} \u2192 {d['relation_label']} \u2192 {G.nodes[v]['label']}"
    assert d["position"] in fresh.page.inner_text("#details-body")
    fresh.page.screenshot(path=str(ARTIFACTS / "map-edge-details.png"))


def test_coalition_colouring(fresh, G):
    toggle = fresh.page.locator("#coalition-toggle")
    assert toggle.is_enabled()
    member = min(G.graph["coalitions"])
    # three coalitions (numbered from 1, as the command line numbers them) and the nodes outside
    assert fresh.page.locator("#coalition-legend li").count() == 4
    assert fresh.page.locator("#coalition-legend li .co-name").first.inner_text().startswith("Coalition 1")
    before = fresh.js("id => carekg.nodes.get(id).color.background", member)
    toggle.check()
    after = fresh.js("id => carekg.nodes.get(id).color.background", member)
    assert after != before and fresh.page.locator("#coalition-legend").is_visible()
    toggle.uncheck()
    assert fresh.js("id => carekg.nodes.get(id).color.background", member) == before


def test_the_coalition_legend_says_which_coalitions_are_robust(fresh):
    """The legend gives each coalition's verdicts as `carekg coalitions` prints them: supported
    and robust, supported but broken by a check (which, on hover), or too thin."""
    fresh.js("carekg.colourByCoalition(true)")
    items = fresh.page.locator("#coalition-legend li")
    names = [items.nth(i).locator(".co-name").inner_text().split("\n")[0] for i in range(3)]
    assert names == ["Coalition 1 (supported, robust)", "Coalition 2 (supported, not robust)", "Coalition 3 (too thin)"]
    assert items.nth(1).get_attribute("title").endswith("\nnot robust: without implicit stances: its members agree with nobody")
    assert items.nth(1).locator(".thin").count() == 1 and items.nth(0).locator(".thin").count() == 0
    assert [c["note"] for c in fresh.js("carekg.coalitionLegend()")][:3] == ["supported, robust", "supported, not robust", "too thin"]


def test_the_most_connected_nodes_are_labelled_at_every_zoom(fresh, G):
    """vis hides a label drawn below a size; the most connected shown nodes (25, or 15% of a big
    view) keep theirs at any zoom, and a narrowed view (a focus) labels every node it shows."""
    labelled = fresh.js("Array.from(carekg.labelled())")
    assert len(labelled) == max(25, -(-15 * G.number_of_nodes() // 100))
    degree = {n: G.degree(n) for n in G}
    assert min(degree[n] for n in labelled) >= sorted(degree.values(), reverse=True)[len(labelled) - 1]
    threshold = "id => carekg.network.body.nodes[id].options.scaling.label.drawThreshold"
    assert {fresh.js(threshold, n) for n in labelled} == {1}
    other = next(n for n in G if n not in labelled)
    assert fresh.js(threshold, other) == 8
    quiet = min((n for n in G if G.degree(n) >= 2), key=lambda n: (G.degree(n), n))
    fresh.js("id => carekg.focusOn(id, 1)", quiet)   # a narrow view: every node in it is labelled
    shown = fresh.js("Array.from(carekg.shown())")
    assert 0 < len(shown) <= 25 and set(shown) == set(fresh.js("Array.from(carekg.labelled())"))


def test_export_png(fresh):
    with fresh.page.expect_download() as download:
        fresh.page.click("#export-png")
    assert download.value.suggested_filename.endswith(".png")
    url = fresh.js("carekg.exportPng(false)")
    assert url.startswith("data:image/png;base64,iVBORw0KGgo")
    corner = fresh.js("Array.from(document.querySelector('#map canvas').getContext('2d')"
                      ".getImageData(1, 1, 1, 1).data)")
    assert corner == [255, 255, 255, 255]  # white, not transparent


def test_still_offline_and_error_free_after_all_that(m):
    assert m.blocked == [] and m.errors == []


def test_hostile_labels_stay_text(open_map):
    h = open_map(hostile_graph(), name="hostile.html")
    assert h.js("typeof window.__pwned") == "undefined"
    assert h.blocked == [] and h.errors == []
    assert h.page.inner_text("#map-title") == "Evil </script><script>window.__pwned=3</script>"
    assert h.page.title() == "Evil </script><script>window.__pwned=3</script>"
    assert BAD1 in h.js("Array.from(document.querySelectorAll('#node-names option')).map(o => o.value)")
    for bad in (BAD1, BAD2):
        h.page.fill("#search", bad)
        h.page.press("#search", "Enter")
        assert h.page.inner_text("#details-title") == bad
    # a hostile evidence phrase and source title, shown literally in the edge panel
    edge = h.js("carekg.edges.getIds()[0]")
    h.js("id => carekg.showEdge(id)", edge)
    assert h.page.inner_text("#details-evidence") == '\u201c"</script><img src=x onerror=window.__pwned=5>\u201d'
    assert "<img src=x onerror=window.__pwned=4>" in h.page.inner_text("#details-source")
    # hovering shows the plain-text tooltip, not markup
    h.page.keyboard.press("Escape")
    h.js("carekg.network.fit({animation: false})")
    box = h.page.locator("#map canvas").bounding_box()
    at = h.js("id => carekg.network.canvasToDOM(carekg.network.getPositions([id])[id])", KG + "bad-2")
    h.page.mouse.move(box["x"] + at["x"], box["y"] + at["y"])
    h.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=3000)
    assert h.page.inner_text("div.vis-tooltip").startswith(BAD2)
    assert h.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert h.js("document.querySelectorAll('script').length") == 5  # the data, vis-network, maplogic.js, map.js, mapshare.js
    assert h.js("typeof window.__pwned") == "undefined"
    assert h.page.locator("#coalition-toggle").is_disabled()
    assert h.blocked == [] and h.errors == []
