"""The influence map: vis-network data from a networkx graph, as one offline HTML page.

pyvis only builds node and edge dicts (:func:`to_vis`).  :func:`render_html` fills our own
Jinja template, inlining vis-network's JavaScript and CSS (vendored in ``static/vis-network/``,
with its licence and origin) and the page's own scripts: no network request, no ``lib/`` folder.  :func:`graph.map.layout.layout` places nodes with a fixed
seed and physics stays off, so one graph always gives one picture.  The styles of node families
and edge kinds are data (``static/styles.json``, keyed by the ontology's map groups and
notations), and so is the search index (:func:`names_index`).  :func:`write_map` writes the page atomically;
:func:`show_in_notebook` shows it inline in Jupyter.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from graph.kg.names import Entry, Names
from graph.map.layout import layout, look, rank
from graph.map.styles import STYLES, kind_label
from graph.map.styles import family as _family
from graph.map.styles import legend_key as _legend_key
from graph.rdf.dates import date_interval
from graph.rdf.namespaces import PREFIXES
from graph.rdf.outputs import Target, output_target, write_atomic
from graph.text.fuzzy import APOSTROPHES, FUZZY

TEMPLATES = Path(__file__).with_name("static")
VIS_DIR = TEMPLATES / "vis-network"   # vis-network's standalone build, as released (see its README.md)
SCRIPTS = ("maplogic.js", "map.js", "mapshare.js")   # the page's own, run in this order after vis-network
_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"}


def safe_json(obj) -> str:
    """Serialise ``obj`` as JSON that cannot end a ``<script>`` element or open a tag.

    Examples
    --------
    >>> print(safe_json({"label": "</script><b>&"}))
    {"label": "\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}
    """
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str, allow_nan=False).translate(_ESCAPES)


def to_vis(G, positions=None):
    """Build vis-network node and edge dicts, and the legend, for ``G``.

    ``G`` is never modified (pyvis gets fresh dicts).  Parallel edges between one pair stay
    separate, bent by different amounts so that each can be seen and clicked.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map graph, with the node and edge attributes of :func:`graph.analysis.views.build_view`.
    positions : dict, optional
        ``{node: (x, y)}`` in pixels; by default :func:`graph.map.layout.layout`.

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
    pos = positions if positions is not None else layout(G)
    net = Network(directed=True)
    for n, d in sorted(G.nodes(data=True), key=lambda item: str(item[0])):
        net.add_node(str(n), **_node_item(G, n, d, pos.get(n, (0, 0))))
    labels = {n: str(d.get("label") or n) for n, d in G.nodes(data=True)}
    bends, seen = _bends(G), set[str]()
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=_edge_order):
        eid = str(k) if str(k) not in seen else f"{k}~{len(seen)}"  # vis needs unique ids
        seen.add(eid)
        net.add_edge(str(u), str(v), id=eid, smooth=bends.get((u, v, k), {"enabled": False}),
                     **_edge_item(d, labels[u], labels[v]))
    return net.nodes, net.edges, _legend(net.nodes, net.edges)


def _node_item(G, n, d, xy) -> dict:
    """One vis node: drawn by its family's style, sized by its rank, with the panel's data."""
    fam = _family(d)
    style, deg = STYLES["groups"][fam], G.degree(n)
    size, font, wrap, _ = look(rank(G, n))
    label = str(d.get("label") or n)
    type_label = str(d.get("type_label") or d.get("type") or style["label"])
    hi = {"background": style["color"], "border": "#111111"}  # selected or hovered
    return dict(label=label, shape=style["shape"], size=size, font={"size": font},
                widthConstraint={"maximum": wrap}, x=xy[0], y=xy[1],
                color={"background": style["color"], "border": style["border"], "highlight": hi, "hover": hi},
                title=f"{label}\n{type_label} · {deg} relation(s)", iri=str(d.get("iri") or n),
                name=label, type=str(d.get("type") or ""), typeLabel=type_label, family=fam,
                sources=list(d.get("sources") or []), facts=list(d.get("facts") or []), degree=deg)


def _edge_order(e) -> tuple:
    return str(e[0]), str(e[1]), str(e[2])


def _bends(G) -> dict:
    """``(u, v, key) -> smooth`` for edges that share their pair of ends: alternate sides, each
    pair of edges bent further out.  Single edges stay straight (absent here)."""
    by_pair: dict = {}
    for u, v, k in sorted(G.edges(keys=True), key=_edge_order):
        by_pair.setdefault(frozenset((str(u), str(v))), []).append((u, v, k))
    out = {}
    for pair in by_pair.values():
        for i, (u, v, k) in enumerate(pair):
            if len(pair) > 1 and u != v:
                out[(u, v, k)] = {"enabled": True, "roundness": round(0.15 + 0.17 * (i // 2), 2),
                                  "type": "curvedCW" if (i % 2 == 0) == (str(u) <= str(v)) else "curvedCCW"}
    return out


def _edge_item(d, from_label: str, to_label: str) -> dict:
    """One vis edge (without ends, id and bend): styled by its legend key, with its evidence."""
    legend = _legend_key(d)
    style, implicit, look_implicit = STYLES["kinds"][legend], bool(d.get("implicit")), STYLES["implicit"]
    rel = str(d.get("relation_label") or kind_label(legend).lower())
    when = d.get("when") or d.get("date") or (str(d["year"]) if d.get("year") else "")
    title = f"{from_label} → {rel} → {to_label}" + (f" ({when})" if when else "")
    title += f"\n“{d['evidence']}”" if d.get("evidence") else ""
    # Years the edge may fall in, for the map's year filter: a view edge gives its first and
    # last possible years (first None: a past recalled without a start); others give one year.
    first, last = (d.get("first_year"), d.get("last_year")) if "last_year" in d else (d.get("year"), d.get("year"))
    earliest, latest = _interval(d)
    return dict(label=str(d.get("label") or rel), title=title, relation=str(d.get("relation") or ""),
                relationLabel=rel, kind=str(d.get("kind") or "other"), legend=legend,
                position=d.get("position"), date=d.get("date"), year=d.get("year"), when=when or None,
                firstYear=first, lastYear=last, earliest=earliest, latest=latest,
                recalled=bool(d.get("recalled")), scope=d.get("scope"),
                article=d.get("source"), evidence=str(d.get("evidence") or ""), implicit=implicit,
                color={"color": style["color"], "highlight": style["color"], "hover": style["color"],
                       "opacity": look_implicit["opacity"] if implicit else style.get("opacity", 1.0)},
                dashes=style["dashes"], width=look_implicit["width"] if implicit else style["width"])


def _interval(d) -> tuple[str | None, str | None]:
    """The first and last day (ISO) a claim's text allows, for the map's date range: its
    ``earliest``/``latest`` (no ``earliest``: a past recalled without a start), else the days its
    date covers, else none.

    >>> _interval({"date": "2015"}), _interval({"latest": "2015-12-31"}), _interval({})
    (('2015-01-01', '2015-12-31'), (None, '2015-12-31'), (None, None))
    """
    if d.get("latest"):
        return (str(d["earliest"]) if d.get("earliest") else None), str(d["latest"])
    span = date_interval(d.get("date"))
    return (span[0].isoformat(), span[1].isoformat()) if span else (None, None)


def _months(edges) -> dict | None:
    """The date range control's bounds, ``{"min": "YYYY-MM", "max": "YYYY-MM"}``, or None."""
    days = [e[k] for e in edges for k in ("earliest", "latest") if e.get(k)]
    return {"min": min(days)[:7], "max": max(days)[:7]} if days else None


def _years(edges) -> list[int]:
    """The years the year filter offers: every year an edge's interval covers (only the last
    year of an interval with an open start, which would otherwise reach back without end).

    >>> _years([{"firstYear": 2014, "lastYear": 2016}, {"firstYear": None, "lastYear": 2013}, {}])
    [2013, 2014, 2015, 2016]
    """
    years: set[int] = set()
    for e in edges:
        last = e.get("lastYear")
        if isinstance(last, int):
            first = e.get("firstYear")
            years.update(range(first if isinstance(first, int) else last, last + 1))
    return sorted(years)


def _legend(nodes, edges) -> dict:
    """The legend entries that occur, in the styles' order, each with its count."""
    groups, kinds = STYLES["groups"], STYLES["kinds"]
    gcount, kcount = Counter(x["family"] for x in nodes), Counter(x["legend"] for x in edges)
    return {"groups": [dict(groups[g], key=g, count=gcount[g]) for g in groups if g in gcount],
            "kinds": [dict(kinds[k], key=k, label=kind_label(k), count=kcount[k]) for k in kinds if k in kcount]}


def names_index(G) -> list:
    """The map's search index: the shared ranking of :class:`graph.kg.names.Names` over the
    drawn nodes, as ``[id, label, type, aliases, instance]`` rows that ``map.js`` ranks."""
    return Names(Entry(str(n), str(d.get("label") or n), str(d.get("type_label") or d.get("type") or "Thing"),
                       tuple(d.get("aliases") or ()), bool(d.get("instance", True)))
                 for n, d in G.nodes(data=True)).as_json()


@cache
def vis_version() -> str:
    """The vendored vis-network's version, from the ``@version`` line of its licence header.

    >>> vis_version()
    '9.1.2'
    """
    head = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")[:2000]
    found = re.search(r"@version\s+(\S+)", head)
    if not found:
        raise ValueError(f"{VIS_DIR / 'vis-network.min.js'}: no @version line in its header")
    return found.group(1)


def script_hash(text: str) -> str:
    """A Content-Security-Policy source that lets exactly this inline script run.

    >>> script_hash("alert(1)")
    "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    """
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode()}'"


def search_settings() -> dict:
    """What ``maplogic.js`` needs to rank names as :class:`graph.kg.names.Names` does: the
    prefixes a CURIE may use, the apostrophes folding drops and the fuzzy cut-off."""
    return {"prefixes": {p: str(ns) for p, ns in PREFIXES.items()}, "apostrophes": APOSTROPHES, "fuzzy": FUZZY}


def render_html(G, title: str | None = None) -> str:
    """Return the complete, self-contained HTML page of the map of ``G``.

    Data goes into the page as escaped JSON, and the page's script builds every text with
    ``textContent``; a Content-Security-Policy lets only vis-network and the page's own scripts
    (:data:`SCRIPTS`) run, each by the hash of its text.

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
            "legend": legend, "sources": sources, "names": names_index(G),
            "search": search_settings(),
            "coalitions": {"members": members, "summaries": list(G.graph.get("coalition_summaries") or []),
                           "filters": str(G.graph.get("coalition_filters") or "")} if members else None,
            "years": _years(edges), "months": _months(edges),
            "coalitionColors": STYLES["coalitionColors"], "implicit": STYLES["implicit"],
            "counts": {"nodes": len(nodes), "edges": len(edges), "sources": len(sources)},
            "scope": str(G.graph.get("scope") or ""), "vis": vis_version()}
    read = lambda p: Markup(p.read_text(encoding="utf-8"))
    scripts = [read(VIS_DIR / "vis-network.min.js"), *(read(TEMPLATES / name) for name in SCRIPTS)]
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    return env.get_template("map.html").render(
        title=title, data_json=Markup(safe_json(data)), script_hashes=Markup(" ".join(map(script_hash, scripts))),
        scripts=scripts, vis_version=vis_version(),
        vis_css=read(VIS_DIR / "vis-network.css"), map_css=read(TEMPLATES / "map.css"))


def write_map(G, path, create_parent: bool = False) -> Path:
    """Write the map of ``G`` to ``path`` (UTF-8) by :func:`graph.rdf.outputs.write_atomic`: checked
    before the page is drawn, complete before it replaces anything, and never destroying what
    the path is (see there for devices, FIFOs, symlinks and hard links; ``-`` is stdout).

    Raises
    ------
    OutputError
        When the path cannot be written (checked first, before any drawing).

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> out = write_map(nx.MultiDiGraph(title="Demo"), pathlib.Path(tempfile.mkdtemp()) / "map.html")
    >>> out.read_text(encoding="utf-8").count("<!DOCTYPE html>")
    1
    """
    target = output_target(path, create_parent) if not isinstance(path, Target) else path
    page = render_html(G)
    return write_atomic(target, lambda tmp: Path(tmp).write_text(page, encoding="utf-8", newline="\n"))


def show_in_notebook(G, height: int = 760):
    """Show the map of ``G`` inline in Jupyter: the same page, in a sandboxed ``srcdoc`` iframe.

    Examples
    --------
    >>> import networkx as nx
    >>> view = show_in_notebook(nx.MultiDiGraph(title="Demo"))
    >>> type(view).__name__, "srcdoc=" in view.data
    ('HTML', True)
    """
    from IPython.display import HTML
    return HTML(f'<div class="carekg-map"><iframe srcdoc="{html.escape(render_html(G), quote=True)}" '
                f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" title="Influence map" '
                'sandbox="allow-scripts allow-downloads allow-popups"></iframe></div>')
