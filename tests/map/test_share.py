"""The map's date range, layout after filtering, SVG and high-resolution PNG export, and the link
that restores a view, in a real headless Chromium (Debian's; no download, no network).

Cost: one synthetic map page, one page for the link and one hostile page: about 20 seconds.
"""

from __future__ import annotations

import base64
import struct
import xml.etree.ElementTree as ET

import pytest

from ..browser import KG, hostile_graph, in_range, make_graph, open_map, wait_until  # noqa: F401

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def G():
    return make_graph()


@pytest.fixture(scope="module")
def m(open_map, G):
    return open_map(G, name="share.html")


@pytest.fixture
def fresh(m):
    m.page.keyboard.press("Escape")
    m.js("carekg.resetAll(); carekg.colourByCoalition(false); carekg.resetLayout()")
    return m


def test_date_range_fades_what_falls_outside(fresh, G):
    fresh.js("carekg.setRange('2014', '2014')")
    assert fresh.js("carekg.state.range") == {"from": "2014-01-01", "to": "2014-12-31"}
    assert fresh.page.input_value("#range-from") == "2014-01" and fresh.page.input_value("#range-to") == "2014-12"
    want = {k for *_, k, d in G.edges(keys=True, data=True) if in_range(d, "2014-01-01", "2014-12-31")}
    opacity = dict(fresh.js("carekg.edges.get().map(e => [e.id, e.color.opacity])"))
    assert {k for k, o in opacity.items() if o > 0.1} == want   # outside: faded to 0.1 or less
    assert fresh.js("carekg.visible()")["edges"] == G.number_of_edges()   # fading hides nothing
    dated = {n for u, v, k in G.edges(keys=True) if k in want for n in (u, v)}
    faded = {n for n, o in fresh.js("carekg.nodes.get().map(n => [n.id, n.opacity])") if o < 1}
    assert faded == set(G) - dated
    assert fresh.page.inner_text("#range-status") == f"{G.number_of_edges() - len(want)} of {G.number_of_edges()} relations outside"
    # "Hide it instead": what falls outside goes, and so do nodes left without a relation
    fresh.page.check("#range-hide")
    assert fresh.js("carekg.visible()") == {"nodes": len(dated), "edges": len(want)}
    # the month inputs drive the same range (a month stands for all its days)
    fresh.page.fill("#range-from", "2015-01")
    fresh.page.fill("#range-to", "2015-02")
    fresh.page.dispatch_event("#range-to", "change")
    assert fresh.js("carekg.state.range") == {"from": "2015-01-01", "to": "2015-02-28"}
    fresh.page.click("#range-clear")
    assert fresh.js("carekg.state.range") is None and fresh.js("carekg.visible()")["edges"] == G.number_of_edges()


def test_filters_close_a_stale_details_panel_and_can_hide_isolated_nodes(fresh, G):
    person = next(n for n, d in G.nodes(data=True) if d["group"] == "person")
    fresh.js("id => { carekg.highlight(id); carekg.showNode(id); }", person)
    assert fresh.page.locator("#details").is_visible()
    fresh.page.locator('#legend-kinds li[data-key="post"]').click()    # the person is still shown: panel stays
    assert fresh.page.locator("#details").is_visible()
    fresh.page.locator('#legend-groups li[data-key="person"]').click()  # now it is not: the panel closes
    assert fresh.page.locator("#details").is_hidden() and fresh.js("carekg.state.highlight") is None
    fresh.page.check("#hide-isolated")
    kept = fresh.js("carekg.edgesView.get().filter(e => e.from !== e.to).flatMap(e => [e.from, e.to])")
    assert fresh.js("carekg.visible()")["nodes"] == len(set(kept))


def test_relayout_and_back(fresh, G):
    fresh.page.locator('#legend-groups li[data-key="person"]').click()
    ids = fresh.js("carekg.nodesView.getIds()")
    before = fresh.js("ids => carekg.network.getPositions(ids)", ids)
    fresh.page.evaluate("() => new Promise(done => carekg.relayout(done))")
    after = fresh.js("ids => carekg.network.getPositions(ids)", ids)
    assert sum(1 for i in ids if before[i] != after[i]) > len(ids) / 2
    assert fresh.js("carekg.network.physics.physicsEnabled") is False   # still again afterwards
    fresh.page.click("#layout-reset")
    original = {n["id"]: (n["x"], n["y"]) for n in fresh.js("carekg.data.nodes")}
    back = fresh.js("ids => carekg.network.getPositions(ids)", ids)   # vis rounds positions to whole pixels
    assert all(abs(back[i]["x"] - original[i][0]) <= 0.5 and abs(back[i]["y"] - original[i][1]) <= 0.5 for i in ids)


def svg_of(m):
    root = ET.fromstring(m.js("carekg.exportSvg(false)").split("\n", 1)[1])
    nodes = root.findall(f".//{SVG}g[@class='node']")
    edges = root.findall(f".//{SVG}g[@class='edge']")
    return root, nodes, edges


def test_svg_export_draws_the_current_view(fresh, G):
    article = KG + "article-002"
    fresh.js("a => carekg.setSource(a)", article)
    root, nodes, edges = svg_of(fresh)
    shown = fresh.js("carekg.visible()")
    assert (len(nodes), len(edges)) == (shown["nodes"], shown["edges"])
    assert {g.get("data-id") for g in nodes} == set(fresh.js("carekg.nodesView.getIds()"))
    assert root.find(f"{SVG}title").text == G.graph["title"]
    someone = nodes[0].get("data-id")
    words = " ".join(t.text for t in nodes[0].iter(f"{SVG}tspan"))
    assert words == " ".join(G.nodes[someone]["label"].split())
    with fresh.page.expect_download() as download:
        fresh.page.click("#export-svg")
    assert download.value.suggested_filename.endswith(".svg")


def test_every_export_carries_the_legend_the_filters_and_the_dates(fresh, G):
    """A figure cut from the map says what it shows: below the drawing, the legend of the families
    and relations it draws, and a caption with what is shown of what, every filter, and the dates."""
    article = KG + "article-002"
    fresh.js("a => carekg.setSource(a)", article)
    fresh.js("carekg.setRange('2014-01', '2015-12', false)")
    fresh.page.locator('#legend-kinds li[data-key="response"]').click()
    root, nodes, edges = svg_of(fresh)
    band = root.find(f".//{SVG}g[@class='legend-caption']")
    labels = [t.text for t in band.iter(f"{SVG}text") if t.get("class") != "caption"]
    families = {G.nodes[g.get("data-id")]["group"] for g in nodes}
    legend = fresh.js("carekg.data.legend")
    assert labels[0] == "Legend"
    assert {x["label"] for x in legend["groups"] if x["key"] in families} <= set(labels)
    assert "Responds to" not in labels   # hidden, so not in the legend either
    caption = [" ".join(t.text for t in line_group) for line_group in [band.find(f".//{SVG}text[@class='caption']")]][0]
    shown = fresh.js("carekg.visible()")
    assert f"Showing {shown['nodes']} of {G.number_of_nodes()} nodes and {shown['edges']} of {G.number_of_edges()} relations" in caption
    title = G.graph["sources"][article]["title"]
    assert f"Filters: only the claims of {title}" in caption and "hidden: Responds to" in caption
    assert "Dates: claims dated 2014-01 to 2015-12 shown; the others faded." in caption
    # the screen's PNG: what the screen shows, with the same legend and caption below it
    url = fresh.page.evaluate("() => carekg.exportPng(false)")
    width, height = struct.unpack(">II", base64.b64decode(url.split(",", 1)[1])[16:24])
    canvas = fresh.js("({w: document.querySelector('#map canvas').width, h: document.querySelector('#map canvas').height})")
    assert width == canvas["w"] and height > canvas["h"] + 60


def test_high_resolution_png(fresh):
    url = fresh.page.evaluate("() => carekg.exportPngHiRes(3, false)")
    assert url.startswith("data:image/png;base64,")
    width, height = struct.unpack(">II", base64.b64decode(url.split(",", 1)[1])[16:24])
    root, _, _ = svg_of(fresh)
    assert (width, height) == (round(3 * int(root.get("width"))), round(3 * int(root.get("height"))))
    canvas = fresh.js("document.querySelector('#map canvas').width")
    assert width > 2 * canvas


@pytest.mark.slow
def test_a_link_restores_the_view(fresh, G, chromium):
    person = next(n for n, d in G.nodes(data=True) if d["group"] == "person" and G.degree(n) >= 3)
    fresh.page.locator('#legend-kinds li[data-key="response"]').click()
    fresh.js("carekg.setRange('2014-01', '2015-12', true)")
    fresh.js("id => carekg.focusOn(id, 2)", person)
    fresh.js("carekg.colourByCoalition(true)")
    wait_until(fresh.page, "location.hash.indexOf('focus=') >= 0")
    link = fresh.js("carekg.permalink()")
    assert link.startswith("file://") and "#" in link
    fresh.page.click("#share-link")
    assert fresh.page.input_value("#share-url") == link
    expected = fresh.js("({v: carekg.visible(), range: carekg.state.range, hide: carekg.state.rangeHide, "
                        "focus: carekg.state.focus, panel: carekg.panelItem(), off: Array.from(carekg.state.kindsOff)})")
    ctx = chromium.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = ctx.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(link)
        wait_until(page, "window.carekg && window.carekg.ready === true", timeout=15)
        got = page.evaluate("({v: carekg.visible(), range: carekg.state.range, hide: carekg.state.rangeHide, "
                            "focus: carekg.state.focus, panel: carekg.panelItem(), off: Array.from(carekg.state.kindsOff)})")
        assert got == expected
        assert page.is_checked("#coalition-toggle") and page.inner_text("#details-title") == G.nodes[person]["label"]
        assert page.evaluate("location.href") == link and errors == []
        # a link with names the map does not hold opens the plain map, without an error
        page.goto(link.split("#")[0] + "#focus=nobody&source=nowhere&off=k:nothing&from=bad")
        wait_until(page, "window.carekg && window.carekg.ready === true", timeout=15)
        assert page.evaluate("carekg.visible()") == {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
        assert errors == []
    finally:
        ctx.close()


def test_hostile_labels_stay_text_in_the_svg(open_map):
    h = open_map(hostile_graph(), name="hostile-share.html")
    text = h.js("carekg.exportSvg(false)")
    root = ET.fromstring(text.split("\n", 1)[1])   # well-formed: every label escaped
    assert root.findall(f".//{SVG}script") == [] and "<script" not in text and "<img" not in text
    labels = {" ".join(t.text for t in g.iter(f"{SVG}tspan")) for g in root.findall(f".//{SVG}g[@class='node']")}
    assert "<script>window.__pwned=1</script>" in labels
    assert h.js("typeof window.__pwned") == "undefined" and h.errors == []
