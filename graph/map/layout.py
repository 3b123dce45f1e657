"""Where the map's nodes go: a seeded force layout, then label overlaps pushed apart.

The layout is pure Python (no numpy) and deterministic: one graph and one seed always give one
picture, so the map's positions can be computed once and reused (for the HTML page, and for
exports that carry positions).  :func:`look` sizes a node and its label by how prominent the
node is (:func:`rank`); the layout leaves room for exactly those boxes.

The force layout costs the square of the number of nodes, so a big map (more than :data:`CORE`
nodes) lays out only its :data:`CORE` most prominent nodes that way; every other node is placed
around the node that reaches it first from the core (breadth first, in a sunflower pattern), and
nodes that still crowd one spot are pushed apart on a grid of cells.  That is linear in the size
of the map: a 5,000-node map takes a few seconds (most of them for the core's forces), not hours.
"""

from __future__ import annotations

import functools
import math
import random
from itertools import repeat
from operator import sub, truediv

from graph.kg.cache import code_digest, kept


def look(degree: int, label: str = "") -> tuple:
    """Size, font, wrap width, and rough (width, height, centre offset) px box of node plus label."""
    font = 21 if degree >= 12 else 17 if degree >= 6 else 13  # hubs read from afar, the rest on zoom
    size, per_line = round(min(26.0, 6.0 + 2.4 * math.sqrt(degree)), 1), 18  # wrap = 10 * font px
    text_h = 1.2 * font * math.ceil(len(label) * 1.1 / per_line) + 4  # 1.1: words do not fit exactly
    box = (max(2 * size, min(len(label), per_line) * 0.55 * font) + 10, 2 * size + text_h + 6, text_h / 2)
    return size, font, 10 * font, box


def rank(G, node) -> int:
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
    >>> max(abs(x) for x, _ in layout(nx.path_graph(2)).values()) < 500  # a line has no area, yet stays on screen
    True
    """
    nodes = sorted(G, key=str)  # a fixed order, so a fixed seed gives a fixed picture
    idx = {v: i for i, v in enumerate(nodes)}
    pairs = tuple(sorted({tuple(sorted((idx[u], idx[v]))) for u, v in G.edges() if u != v}))
    labels = tuple(str(G.nodes[v].get("label", v)) for v in nodes)
    degrees = tuple(rank(G, v) for v in nodes)
    if len(nodes) > CORE:
        return dict(zip(nodes, _big_layout(labels, pairs, degrees, seed, iterations)))
    # The positions depend only on these inputs: kept in the cache, a map is drawn once.
    # (and on this code: the cache is shared by every checkout and branch)
    found = kept("layout", [labels, pairs, degrees, seed, iterations, code_digest(__name__)],
                 lambda: _layout(labels, pairs, degrees, seed, iterations))
    return dict(zip(nodes, [tuple(p) for p in found]))


CORE = 200  # nodes laid out by forces; the rest are placed beside their neighbours


def _big_layout(labels, pairs, degrees, seed, iterations) -> list:
    """Forces for the :data:`CORE` most prominent nodes, then every other node beside its placed
    neighbours, breadth first; crowded spots spread over a grid of cells."""
    n = len(labels)
    core = sorted(range(n), key=lambda i: (-degrees[i], labels[i]))[:CORE]
    index = {old: new for new, old in enumerate(core)}
    core_pairs = tuple(sorted({tuple(sorted((index[a], index[b]))) for a, b in pairs if a in index and b in index}))
    found = kept("layout", [[labels[i] for i in core], core_pairs, [degrees[i] for i in core], seed, iterations, code_digest(__name__)],
                 lambda: _layout(tuple(labels[i] for i in core), core_pairs, tuple(degrees[i] for i in core), seed, iterations))
    pos: dict = {i: tuple(found[index[i]]) for i in core}
    neighbours: list = [[] for _ in range(n)]
    for a, b in pairs:
        neighbours[a].append(b)
        neighbours[b].append(a)
    step = 60.0  # px between neighbours placed around one node
    parent: dict = {}
    queue, seen = list(core), set(core)
    order = []
    while queue:  # breadth first from the core: each node goes beside the node that reached it
        nxt = []
        for i in queue:
            for j in sorted(neighbours[i]):
                if j not in seen:
                    seen.add(j)
                    parent[j] = i
                    nxt.append(j)
                    order.append(j)
        queue = nxt
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    right, top = max(xs) + 4 * step, min(ys)
    order += [i for i in range(n) if i not in seen]  # not connected to the core: a block of their own
    children: dict = {}
    row = 0
    golden = math.pi * (3 - math.sqrt(5))
    for i in order:
        if i in parent:  # a sunflower around the parent: the k-th child at radius ~ sqrt(k)
            k = children[parent[i]] = children.get(parent[i], 0) + 1
            px, py = pos[parent[i]]
            r = step * math.sqrt(k + 0.5)
            pos[i] = (px + r * math.cos(k * golden + seed), py + r * math.sin(k * golden + seed))
        else:
            pos[i] = (right + (row % 40) * step, top + (row // 40) * step)
            row += 1
    return _spread(pos, n, step / 2)


def _spread(pos: dict, n: int, gap: float, passes: int = 4) -> list:
    """Push apart nodes closer than ``gap``, looking only at neighbouring grid cells (linear)."""
    pts = [list(pos[i]) for i in range(n)]
    for _ in range(passes):
        cells: dict = {}
        for i, (x, y) in enumerate(pts):
            cells.setdefault((int(x // gap), int(y // gap)), []).append(i)
        moved = False
        for (cx, cy), members in cells.items():
            near = [j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in cells.get((cx + dx, cy + dy), ())]
            for i in members:
                for j in near:
                    if j <= i:
                        continue
                    dx, dy = pts[j][0] - pts[i][0], pts[j][1] - pts[i][1]
                    d = math.hypot(dx, dy)
                    if d < gap:
                        if d < 1e-6:
                            dx, dy, d = 1.0, 0.0, 1.0
                        push = (gap - d) / 2 / d
                        pts[i][0] -= dx * push
                        pts[i][1] -= dy * push
                        pts[j][0] += dx * push
                        pts[j][1] += dy * push
                        moved = True
        if not moved:
            break
    return [(round(x, 1), round(y, 1)) for x, y in pts]


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
    boxes = [look(deg, lab)[3] for lab, deg in zip(labels, degrees)]
    # Each side at least one box: nodes in a line (two nodes, a path) have no area to fill.
    width = max(max(p.real for p in P) - min(p.real for p in P), max(b[0] for b in boxes) / 10)
    height = max(max(p.imag for p in P) - min(p.imag for p in P), max(b[1] for b in boxes) / 10)
    area = width * height
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


__all__ = ["layout", "look", "rank", "CORE"]
