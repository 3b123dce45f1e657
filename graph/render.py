"""The influence map: vis-network data from a networkx graph, as one offline HTML page.

pyvis only builds node and edge dicts (:func:`to_vis`).  :func:`render_html` fills our own
Jinja template, inlining vis-network 9.1.2's JavaScript and CSS from pyvis's package data: no
network request, no ``lib/`` folder.  :func:`layout` places nodes with a fixed seed and physics
stays off, so one graph always gives one picture.  :func:`write_map` writes the page atomically;
:func:`show_in_notebook` shows it inline in Jupyter.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import math
import random
from collections import Counter
from itertools import repeat
from operator import sub, truediv
from pathlib import Path

import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from graph.load import write_atomic

TEMPLATES = Path(__file__).with_name("templates")
VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
STYLES = json.loads((TEMPLATES / "styles.json").read_text(encoding="utf-8"))
_ESCAPES = {ord(c): "\\u%04x" % ord(c) for c in "<>&\u2028\u2029"}


def safe_json(obj) -> str:
    """Serialise ``obj`` as JSON that cannot end a ``<script>`` element or open a tag.

    Examples
    --------
    >>> print(safe_json({"label": "</script><b>&"}))
    {"label": "\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}
    """
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str, allow_nan=False).translate(_ESCAPES)


def _look(degree: int, label: str = "") -> tuple:
    """Size, font, wrap width, and rough (width, height, centre offset) px box of node plus label."""
    font = 21 if degree >= 12 else 17 if degree >= 6 else 13  # hubs read from afar, the rest on zoom
    size, per_line = round(min(26.0, 6.0 + 2.4 * math.sqrt(degree)), 1), 18  # wrap = 10 * font px
    text_h = 1.2 * font * math.ceil(len(label) * 1.1 / per_line) + 4  # 1.1: words do not fit exactly
    box = (max(2 * size, min(len(label), per_line) * 0.55 * font) + 10, 2 * size + text_h + 6, text_h / 2)
    return size, font, 10 * font, box


def _rank(G, node) -> int:
    """How prominent a node is drawn: its degree, but proposals (what is argued over) at least 6."""
    return max(G.degree(node), 6 if G.nodes[node].get("group") == "proposal" else 0)


def layout(G, seed: int = 7, iterations: int = 250) -> dict:
    """Readable positions in pixels: a seeded force layout, then label overlaps pushed apart.

    Repulsion grows with degree (hubs get room), edges pull linearly and gravity keeps the
    map compact and wider than high.  Pure Python (no numpy): about a second for 200 nodes.

    Examples
    --------
    >>> import networkx as nx
    >>> pos = layout(nx.path_graph(3))
    >>> sorted(pos) == [0, 1, 2] and pos == layout(nx.path_graph(3))
    True
    """
    nodes = sorted(G, key=str)  # a fixed order, so a fixed seed gives a fixed picture
    idx = {v: i for i, v in enumerate(nodes)}
    pairs = tuple(sorted({tuple(sorted((idx[u], idx[v]))) for u, v in G.edges() if u != v}))
    labels = tuple(str(G.nodes[v].get("label", v)) for v in nodes)
    return dict(zip(nodes, _layout(labels, pairs, tuple(_rank(G, v) for v in nodes), seed, iterations)))


@functools.lru_cache(maxsize=16)
def _layout(labels, pairs, degrees, seed, iterations) -> list:
    n, mass = len(labels), [1.0 + d for d in degrees]
    if n < 2:
        return [(0.0, 0.0)] * n
    rng, spread = random.Random(seed), 10.0 * math.sqrt(n)
    P = [complex(rng.uniform(-spread, spread), rng.uniform(-spread, spread)) for _ in labels]
    for it in range(iterations):
        D = []
        for i, p in enumerate(P):  # sum of m_j / (p - p_j) is the conjugate of the repulsion
            try:
                rep = (sum(map(truediv, mass[:i], map(sub, repeat(p), P[:i])))
                       + sum(map(truediv, mass[i + 1:], map(sub, repeat(p), P[i + 1:]))))
            except ZeroDivisionError:  # two nodes on one spot: nudge and move on
                P[i], rep = p + complex(rng.random(), rng.random()), 0j
            # gravity grows with distance, twice as fast up and down: a wide map for a wide screen
            D.append(40.0 * mass[i] * rep.conjugate() - 0.1 * mass[i] * complex(p.real, 2 * p.imag))
        for a, b in pairs:  # springs of rest length zero
            D[a], D[b] = D[a] - (P[a] - P[b]), D[b] + (P[a] - P[b])
        step = spread * 0.2 * (1 - it / iterations) + 0.5
        P = [p + (d / abs(d) * min(abs(d), step) if d else 0) for p, d in zip(P, D)]
    boxes = [_look(deg, lab)[3] for lab, deg in zip(labels, degrees)]
    area = (max(p.real for p in P) - min(p.real for p in P)) * (max(p.imag for p in P) - min(p.imag for p in P))
    scale = math.sqrt(sum(w * h for w, h, _ in boxes) / 0.8 / max(area, 1e-9))  # labels fill 80%, then
    pts = [[p.real * scale, p.imag * scale] for p in P]  # untangling makes room: the layout survives
    reach = max(b[0] for b in boxes)  # no box is wider: the sweep below can stop there
    for _ in range(150):  # push overlapping boxes apart, sideways or up/down as they mostly lie
        moved = False
        order = sorted(range(n), key=lambda i: pts[i][0])
        for a, i in enumerate(order):
            for j in order[a + 1:]:
                dx = pts[j][0] - pts[i][0]
                if dx > reach:
                    break
                dy = pts[j][1] + boxes[j][2] - pts[i][1] - boxes[i][2]
                ox = (boxes[i][0] + boxes[j][0]) / 2 + 4 - abs(dx)
                oy = (boxes[i][1] + boxes[j][1]) / 2 + 4 - abs(dy)
                if ox > 0 and oy > 0:
                    sideways = abs(dx) / (boxes[i][0] + boxes[j][0]) > abs(dy) / (boxes[i][1] + boxes[j][1])
                    axis, amount, d = (0, ox, dx) if sideways else (1, oy, dy)
                    shift = (1 if d >= 0 else -1) * amount * 0.55
                    pts[i][axis], pts[j][axis], moved = pts[i][axis] - shift, pts[j][axis] + shift, True
        if not moved:
            break
    return [(round(x, 1), round(y, 1)) for x, y in pts]


def to_vis(G, positions=None):
    """Build vis-network node and edge dicts, and the legend, for ``G``.

    ``G`` is never modified (pyvis gets fresh dicts).  Parallel edges between one pair stay
    separate, bent by different amounts so that each can be seen and clicked.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map graph, with the node and edge attributes of :func:`graph.network.build_view`.
    positions : dict, optional
        ``{node: (x, y)}`` in pixels; by default :func:`layout`.

    Returns
    -------
    nodes, edges : list of dict
        vis DataSet items plus our own fields (``iri``, ``family``, ``facts``, ``evidence``...).
    legend : dict
        ``{"groups": [...], "kinds": [...]}``: the entries that occur, each with a ``count``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="A", group="person"); G.add_node("b", label="B", group="proposal")
    >>> for k in ("c1", "c2"):
    ...     _ = G.add_edge("a", "b", key=k, kind="stance", position="support")
    >>> nodes, edges, legend = to_vis(G)
    >>> [e["id"] for e in edges], [e["smooth"]["type"] for e in edges]
    (['c1', 'c2'], ['curvedCW', 'curvedCCW'])
    >>> legend["kinds"][0]["key"], legend["kinds"][0]["count"]
    ('stance:support', 2)
    """
    groups, kinds, implicit_style = STYLES["groups"], STYLES["kinds"], STYLES["implicit"]
    pos = positions if positions is not None else layout(G)
    net, labels = Network(directed=True), {}
    for n, d in sorted(G.nodes(data=True), key=lambda item: str(item[0])):
        fam = d.get("group") if d.get("group") in groups else "other"
        style, deg = groups[fam], G.degree(n)
        size, font, wrap, _ = _look(_rank(G, n))
        label = labels[n] = str(d.get("label") or n)
        type_label = str(d.get("type_label") or d.get("type") or style["label"])
        hi = {"background": style["color"], "border": "#111111"}  # selected or hovered
        net.add_node(str(n), label=label, shape=style["shape"], size=size, font={"size": font},
                     widthConstraint={"maximum": wrap}, x=pos.get(n, (0, 0))[0], y=pos.get(n, (0, 0))[1],
                     color={"background": style["color"], "border": style["border"], "highlight": hi, "hover": hi},
                     title=f"{label}\n{type_label} · {deg} relation(s)", iri=str(d.get("iri") or n),
                     name=label, type=str(d.get("type") or ""), typeLabel=type_label, family=fam,
                     sources=list(d.get("sources") or []), facts=list(d.get("facts") or []), degree=deg)
    bend, order, seen = {}, (lambda e: (str(e[0]), str(e[1]), str(e[2]))), set()
    for u, v, k in sorted(G.edges(keys=True), key=order):
        bend.setdefault(frozenset((str(u), str(v))), []).append((u, v, k))
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=order):
        kind = str(d.get("kind") or "other")
        legend = f"stance:{d.get('position')}" if kind == "stance" else kind
        legend = legend if legend in kinds else ("stance" if kind == "stance" else "other")
        style, implicit, eid = kinds[legend], bool(d.get("implicit")), str(k)
        eid = eid if eid not in seen else f"{eid}~{len(seen)}"  # vis needs unique ids
        seen.add(eid)
        pair, smooth = bend[frozenset((str(u), str(v)))], {"enabled": False}
        if len(pair) > 1 and u != v:  # alternate sides, each pair of edges bent further out
            i = pair.index((u, v, k))
            smooth = {"enabled": True, "type": "curvedCW" if (i % 2 == 0) == (str(u) <= str(v)) else "curvedCCW",
                      "roundness": round(0.15 + 0.17 * (i // 2), 2)}
        rel = str(d.get("relation_label") or style["label"].lower())
        when = d.get("date") or (str(d["year"]) if d.get("year") else "")
        title = f"{labels[u]} → {rel} → {labels[v]}" + (f" ({when})" if when else "")
        title += f"\n“{d['evidence']}”" if d.get("evidence") else ""
        net.add_edge(str(u), str(v), id=eid, label=str(d.get("label") or rel), title=title,
                     relation=str(d.get("relation") or ""), relationLabel=rel, kind=kind, legend=legend,
                     position=d.get("position"), date=d.get("date"), year=d.get("year"),
                     article=d.get("source"), evidence=str(d.get("evidence") or ""), implicit=implicit,
                     color={"color": style["color"], "highlight": style["color"], "hover": style["color"],
                            "opacity": implicit_style["opacity"] if implicit else style.get("opacity", 1.0)},
                     dashes=style["dashes"], width=implicit_style["width"] if implicit else style["width"],
                     smooth=smooth)
    gcount, kcount = Counter(x["family"] for x in net.nodes), Counter(x["legend"] for x in net.edges)
    legend = {"groups": [dict(groups[g], key=g, count=gcount[g]) for g in groups if g in gcount],
              "kinds": [dict(kinds[k], key=k, count=kcount[k]) for k in kinds if k in kcount]}
    return net.nodes, net.edges, legend


def render_html(G, title: str | None = None) -> str:
    """Return the complete, self-contained HTML page of the map of ``G``.

    Data goes into the page as escaped JSON, and the page's script builds every text with
    ``textContent``; a Content-Security-Policy lets only the page's own two scripts run.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(title="Demo", built="2025-01-01T00:00:00", sources={"ex:a1": {
    ...     "title": "Lamb tells Confed", "publisher": None, "date": "2014-06-05"}})
    >>> G.add_node("ex:lamb", label="Norman Lamb", type="Person", type_label="Person", group="person")
    >>> G.add_node("ex:pool", label="Pool <b>budgets</b>", type="Proposal", group="proposal")
    >>> G.add_edge("ex:lamb", "ex:pool", key="ex:c1", relation_label="supports", kind="stance",
    ...            position="support", source="ex:a1", evidence="pool all budgets", year=2014)
    'ex:c1'
    >>> page = render_html(G, title="Who <backs> pooling & why")
    >>> "<title>Who &lt;backs&gt; pooling &amp; why</title>" in page and "Norman Lamb" in page
    True
    >>> "<b>budgets" in page, "https://cdn" in page
    (False, False)
    """
    title = str(title if title is not None else G.graph.get("title") or "Influence map")
    nodes, edges, legend = to_vis(G)
    sources = {str(k): dict(v or {}) for k, v in (G.graph.get("sources") or {}).items()}
    ids = {str(d.get("iri") or n): str(n) for n, d in G.nodes(data=True)}  # coalitions are keyed by IRI
    members = {ids[str(k)]: v for k, v in (G.graph.get("coalitions") or {}).items() if str(k) in ids}
    data = {"title": title, "built": str(G.graph.get("built") or ""), "view": str(G.graph.get("view") or ""),
            "description": str(G.graph.get("description") or ""), "nodes": nodes, "edges": edges,
            "legend": legend, "sources": sources,
            "coalitions": {"members": members, "summaries": list(G.graph.get("coalition_summaries") or [])} if members else None,
            "years": sorted({e["year"] for e in edges if isinstance(e.get("year"), int)}),
            "coalitionColors": STYLES["coalitionColors"], "implicit": STYLES["implicit"],
            "counts": {"nodes": len(nodes), "edges": len(edges), "sources": len(sources)}}
    read = lambda p: Markup(p.read_text(encoding="utf-8"))  # noqa: E731 - our own package files
    vis_js, map_js = read(VIS_DIR / "vis-network.min.js"), read(TEMPLATES / "map.js")
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in (vis_js, map_js))
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    return env.get_template("map.html").render(
        title=title, data_json=Markup(safe_json(data)), script_hashes=Markup(hashes), vis_js=vis_js, map_js=map_js,
        vis_css=read(VIS_DIR / "vis-network.css"), map_css=read(TEMPLATES / "map.css"))


def write_map(G, path) -> Path:
    """Write the map of ``G`` to ``path`` (UTF-8) atomically, through a temporary file in the
    same folder that then replaces ``path``; a failure leaves no temporary file behind.

    Raises
    ------
    OutputError
        When the folder cannot be created or the file cannot be written.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> out = write_map(nx.MultiDiGraph(title="Demo"), pathlib.Path(tempfile.mkdtemp()) / "map.html")
    >>> out.read_text(encoding="utf-8").count("<!DOCTYPE html>")
    1
    """
    page = render_html(G)
    return write_atomic(path, lambda tmp: Path(tmp).write_text(page, encoding="utf-8", newline="\n"))


def show_in_notebook(G, height: int = 760):
    """Show the map of ``G`` inline in Jupyter: the same page, in a sandboxed ``srcdoc`` iframe.

    Examples
    --------
    >>> import networkx as nx
    >>> view = show_in_notebook(nx.MultiDiGraph(title="Demo"))
    >>> type(view).__name__, "srcdoc=" in view.data
    ('HTML', True)
    """
    from IPython.display import HTML  # noqa: PLC0415 - only notebooks need IPython
    return HTML(f'<div class="carekg-map"><iframe srcdoc="{html.escape(render_html(G), quote=True)}" '
                f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" title="Influence map" '
                'sandbox="allow-scripts allow-downloads allow-popups"></iframe></div>')
