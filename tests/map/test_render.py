"""Unit tests of the influence map renderer (no browser: see tests/map/test_browser.py for that)."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import os
import re
import stat
from html.parser import HTMLParser

import networkx as nx
import pytest

from graph.errors import CareKGError, OutputError
from graph.map import render
from graph.map.layout import layout, look, rank
from graph.map.render import render_html, safe_json, show_in_notebook, to_vis, write_map

from ..browser import KG, hostile_graph, make_graph


@pytest.fixture(scope="module")
def G():
    return make_graph()


@pytest.fixture(scope="module")
def page(G):
    return render_html(G)


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self._in_script = [], [], None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append([dict(attrs), ""])

    def handle_data(self, data):
        if self._in_script is not None:
            self.scripts[-1][1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def data_of(page):
    """The JSON payload the page carries, parsed back."""
    (attrs, text), = [s for s in Tags(page).scripts if s[0].get("type") == "application/json"]
    return json.loads(text)


# --- self-contained -------------------------------------------------------------------------

def test_page_loads_nothing_from_the_network(page):
    for tag, attrs in Tags(page).tags:
        for name in ("src", "href", "data", "srcset", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, attrs)
            if tag in ("script", "link", "img", "iframe") and name in ("src", "href"):
                assert value == "" or value.startswith("data:"), (tag, attrs)
    low = page.lower()
    for needle in ("bootstrap", "tom-select", "cdnjs", "jsdelivr", "unpkg", "lib/vis"):
        assert needle not in low, needle
    assert "@version 9.1.2" in page  # vis-network inlined, licence header kept
    assert "vis-network" in page and "@license" in page


def test_no_lib_folder_in_the_working_directory(G, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    write_map(G, tmp_path / "out" / "map.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["map.html"]


def test_csp_allows_exactly_the_inline_scripts(page):
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    runnable = [text for attrs, text in Tags(page).scripts if attrs.get("type") != "application/json"]
    # vis-network, then the page's own scripts in order, each exactly as its file holds it
    files = [render.VIS_DIR / "vis-network.min.js", *(render.TEMPLATES / name for name in render.SCRIPTS)]
    assert runnable == [f.read_text(encoding="utf-8") for f in files]
    assert render.SCRIPTS == ("maplogic.js", "map.js", "mapshare.js")
    hashes = ["'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'" for text in runnable]
    script_src = re.search(r"script-src ([^;]+);", csp).group(1).split()
    assert script_src == hashes   # these scripts and nothing else, not even 'self'


def test_vis_network_is_vendored_with_its_licence_and_origin():
    folder = render.VIS_DIR
    assert folder.parent == render.TEMPLATES and not any("pyvis" in str(p) for p in folder.resolve().parents)
    assert sorted(p.name for p in folder.iterdir()) == ["LICENSE-APACHE-2.0", "LICENSE-MIT", "README.md",
                                                        "vis-network.css", "vis-network.min.js"]
    readme = (folder / "README.md").read_text(encoding="utf-8")
    recorded = dict(re.findall(r"\| `([^`]+)` \| `([0-9a-f]{64})` \|", readme))
    assert recorded.keys() == {"vis-network.min.js", "vis-network.css"}
    for name, digest in recorded.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    assert f"# vis-network {render.vis_version()} (vendored)" in readme and "pyvis 0.3.2 wheel" in readme
    head = (folder / "vis-network.min.js").read_text(encoding="utf-8")[:1200]
    assert "@version 9.1.2" in head and "dual licensed" in head and "Apache 2.0" in head and "MIT License" in head
    assert "Apache License" in (folder / "LICENSE-APACHE-2.0").read_text(encoding="utf-8")
    assert "The MIT License (MIT)" in (folder / "LICENSE-MIT").read_text(encoding="utf-8")
    # The renderer takes only pyvis's public Network class, never a file inside the package.
    source = (render.TEMPLATES.parent / "render.py").read_text(encoding="utf-8")
    assert re.findall(r"^(?:from|import) pyvis.*$", source, re.M) == ["from pyvis.network import Network"]
    assert "pyvis.__file__" not in source and "templates" not in source


def test_the_page_names_the_vis_network_it_inlines(page):
    assert render.vis_version() == "9.1.2"
    assert '<meta name="generator" content="carekg (vis-network 9.1.2 inlined; no network access)">' in page
    assert data_of(page)["vis"] == "9.1.2"   # the footer says "drawn with vis-network 9.1.2"


def test_page_is_deterministic(G, page):
    assert render_html(G) == page


# --- safety ---------------------------------------------------------------------------------

def test_hostile_text_is_escaped_everywhere():
    H = hostile_graph()
    page = render_html(H)
    assert "<script>window.__pwned" not in page
    assert "<img" not in page
    assert "</script><script>" not in page
    assert len(Tags(page).scripts) == 5  # data, vis-network, maplogic.js, map.js, mapshare.js: nothing smuggled in
    assert "<title>Evil &lt;/script&gt;&lt;script&gt;window.__pwned=3&lt;/script&gt;</title>" in page
    data = data_of(page)  # ... and the payload still carries the exact text, to be shown literally
    labels = {n["name"] for n in data["nodes"]}
    assert {"<script>window.__pwned=1</script>", "<img src=x onerror=window.__pwned=2>"} <= labels
    assert {e["evidence"] for e in data["edges"]} == {'"</script><img src=x onerror=window.__pwned=5>'}


def test_safe_json_cannot_close_a_script():
    text = safe_json({"a": "</script><!-- & \u2028 \u2029", "b": ["<", ">"]})
    assert not set(text) & set("<>&\u2028\u2029")
    assert json.loads(text) == {"a": "</script><!-- & \u2028 \u2029", "b": ["<", ">"]}


def test_map_js_never_uses_innerhtml():
    js = (render.TEMPLATES / "map.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in js, sink


# --- data -----------------------------------------------------------------------------------

def test_counts(G, page):
    nodes, edges, legend = to_vis(G)
    assert len(nodes) == G.number_of_nodes() and len(edges) == G.number_of_edges()
    assert sum(g["count"] for g in legend["groups"]) == G.number_of_nodes()
    assert sum(k["count"] for k in legend["kinds"]) == G.number_of_edges()
    data = data_of(page)
    assert data["counts"] == {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "sources": 5}
    assert len({e["id"] for e in data["edges"]}) == G.number_of_edges()
    assert data["years"] == sorted({d["year"] for *_, d in G.edges(data=True)})


def test_parallel_edges_are_kept_and_drawn_apart(G):
    lamb, pool = KG + "person-0", KG + "proposal-1"
    _, edges, _ = to_vis(G)
    pair = [e for e in edges if {e["from"], e["to"]} == {lamb, pool}]
    assert len(pair) == G.number_of_edges(lamb, pool) + G.number_of_edges(pool, lamb) >= 4
    # each is bent: a distinct (side as seen from lamb, roundness) for every edge of the pair
    shapes = set()
    for e in pair:
        assert e["smooth"]["enabled"] and e["smooth"]["type"] in ("curvedCW", "curvedCCW")
        flip = {"curvedCW": "curvedCCW", "curvedCCW": "curvedCW"}
        side = e["smooth"]["type"] if e["from"] == lamb else flip[e["smooth"]["type"]]
        shapes.add((side, e["smooth"]["roundness"]))
    assert len(shapes) == len(pair)
    assert sum(1 for e in edges if e["smooth"]["enabled"]) < len(edges) / 4  # the rest stay straight
    assert all(e["arrows"] == "to" for e in edges)


def test_duplicate_claim_keys_on_different_pairs_get_unique_ids():
    H = nx.MultiDiGraph()
    for n in "abc":
        H.add_node(n, label=n.upper(), group="person")
    H.add_edge("a", "b", key="claim-1", kind="post")
    H.add_edge("b", "c", key="claim-1", kind="post")
    _, edges, _ = to_vis(H)
    assert len({e["id"] for e in edges}) == 2


def test_stances_are_distinct_at_a_glance(G):
    _, edges, legend = to_vis(G)
    style = {k["key"]: k for k in legend["kinds"]}
    assert style["stance:support"]["dashes"] is False and style["stance:support"]["color"] == "#2e7d32"
    assert style["stance:oppose"]["dashes"] and style["stance:oppose"]["color"] == "#d32f2f"
    assert style["stance:conditional"]["dashes"] == [2, 4]
    implicit = [e for e in edges if e["implicit"]]
    explicit = [e for e in edges if not e["implicit"] and e["kind"] == "stance"]
    assert implicit and explicit
    assert max(e["width"] for e in implicit) < min(e["width"] for e in explicit)
    assert all(e["color"]["opacity"] < 1 for e in implicit)


def test_to_vis_leaves_the_graph_alone(G):
    before = copy.deepcopy((dict(G.graph), list(G.nodes(data=True)), list(G.edges(keys=True, data=True))))
    to_vis(G)
    render_html(G)
    assert (dict(G.graph), list(G.nodes(data=True)), list(G.edges(keys=True, data=True))) == before


def test_nodes_carry_what_the_details_panel_needs(G):
    nodes, edges, _ = to_vis(G)
    node = next(n for n in nodes if n["id"] == KG + "person-0")
    assert node["name"] == G.nodes[KG + "person-0"]["label"] and node["facts"] and node["sources"]
    assert node["title"].startswith(node["name"] + "\n")  # plain-text tooltip, no markup
    edge = edges[0]
    for field in ("relationLabel", "kind", "legend", "article", "evidence", "date", "year", "implicit"):
        assert field in edge


def test_coalitions_only_when_present():
    H = make_graph(n_people=10, n_reports=3, coalitions=False)
    assert data_of(render_html(H))["coalitions"] is None
    H.graph["coalitions"] = {KG + "person-0": 0, KG + "org-0": 1, "https://elsewhere/x": 1}
    H.graph["coalition_summaries"] = [{"id": 0, "members": [KG + "person-0"], "labels": ["x"], "size": 1}]
    co = data_of(render_html(H))["coalitions"]
    assert co["members"] == {KG + "person-0": 0, KG + "org-0": 1}
    assert co["summaries"][0]["labels"] == ["x"]


def test_layout_is_deterministic_spread_and_readable(G):
    pos = layout(G)
    assert pos == layout(G) and set(pos) == set(G)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert 800 < width < 4000 and 500 < height < 3500 and width >= height
    # labels of neighbouring nodes do not sit on top of each other
    boxes = {v: look(rank(G, v), str(G.nodes[v]["label"]))[3] for v in G}
    clashes = 0
    for i, u in enumerate(sorted(G)):
        for v in sorted(G)[i + 1:]:
            (wu, hu, ou), (wv, hv, ov) = boxes[u], boxes[v]
            if (abs(pos[u][0] - pos[v][0]) < (wu + wv) / 2 - 8
                    and abs(pos[u][1] + ou - pos[v][1] - ov) < (hu + hv) / 2 - 8):
                clashes += 1
    assert clashes <= G.number_of_nodes() // 50


def test_empty_and_tiny_graphs_render():
    assert data_of(render_html(nx.MultiDiGraph()))["counts"] == {"nodes": 0, "edges": 0, "sources": 0}
    H = nx.MultiDiGraph()
    H.add_node("solo")  # no attributes at all
    nodes, edges, _ = to_vis(H)
    assert nodes[0]["label"] == "solo" and nodes[0]["family"] == "other" and edges == []


# --- writing --------------------------------------------------------------------------------

def test_write_map_writes_utf8_atomically(G, tmp_path):
    out = tmp_path / "map.html"
    out.write_text("old", encoding="utf-8")
    assert write_map(G, out) == out
    text = out.read_text(encoding="utf-8")
    assert text == render_html(G) and "→" in text  # non-ASCII survives
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_write_map_failure_leaves_no_temp_file(G, tmp_path, monkeypatch):
    out = tmp_path / "map.html"
    out.write_text("previous map", encoding="utf-8")

    def broken_replace(src, dst):
        assert os.path.exists(src) and os.path.dirname(src) == str(tmp_path)  # same folder
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError, match="No space left on device") as err:
        write_map(G, out)
    assert isinstance(err.value, CareKGError)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]
    assert out.read_text(encoding="utf-8") == "previous map"


def test_write_map_into_a_file_or_a_folder_fails_cleanly(G, tmp_path):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(OutputError):
        write_map(G, tmp_path / "afile" / "map.html")
    (tmp_path / "adir").mkdir()
    with pytest.raises(OutputError):
        write_map(G, tmp_path / "adir")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adir", "afile"]
    assert list((tmp_path / "adir").iterdir()) == []


def test_show_in_notebook_embeds_the_same_page():
    H = hostile_graph()
    view = show_in_notebook(H)
    markup = view.data
    assert markup.count("<iframe") == 1 and 'sandbox="allow-scripts' in markup
    srcdoc = re.search(r'srcdoc="([^"]*)"', markup).group(1)
    assert "<" not in srcdoc  # the whole page is one escaped attribute
    import html as _html
    assert _html.unescape(srcdoc) == render_html(H)
