"""Big maps stay usable: a neighbourhood, a top-N, a type or a period, positions precomputed,
and the page says what it left out.  CI cost: about 15 s (a 30,000-triple synthetic dataset,
one map of it in Chromium)."""

from __future__ import annotations

import re

import pytest

from graph.map.layout import CORE, layout

from ..browser import open_map  # noqa: F401  (the fixture)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    from graph.kg.synth import synthesise

    out = tmp_path_factory.mktemp("bigmap") / "ds"
    synthesise(out, 30000, seed=5)
    return out


@pytest.mark.slow
def test_a_big_map_draws_the_most_connected_and_says_so(big, cli, tmp_path):
    code, _, err = cli("--data", big, "map", "-o", tmp_path / "m.html", "--no-coalitions")
    assert code == 0, err
    shown = re.search(r"Showing (\d+) of ([\d,]+) nodes and ([\d,]+) of ([\d,]+) relations: the 400 with the most relations\.", err)
    assert shown and 350 < int(shown.group(1)) <= 400 < int(shown.group(2).replace(",", ""))
    assert f"({shown.group(1)} nodes" in err  # nodes whose every neighbour was left out go too


def test_focus_type_period_and_top(cli, tmp_path):
    code, _, err = cli("map", "-o", tmp_path / "lamb.html", "--focus", "Norman Lamb", "--depth", "1", "--no-coalitions")
    assert code == 0 and "within 1 step of Norman Lamb." in err, err
    code, _, err = cli("map", "-o", tmp_path / "people.html", "--type", "person", "--type", "proposal", "--start", "2014",
                       "--end", "2014", "--no-coalitions")
    assert code == 0 and "only person, proposal; claims dated 2014–2014." in err, err
    code, _, err = cli("map", "-o", tmp_path / "top.html", "--top", "10", "--no-coalitions")
    assert code == 0 and "the 10 with the most relations." in err and re.search(r"\((10|9|8) nodes", err), err
    code, _, err = cli("map", "-o", tmp_path / "bad.html", "--start", "2016", "--end", "2015")
    assert code == 2 and "--start 2016 is after --end 2015" in err


def test_big_layouts_are_linear_and_spread_out():
    import math

    import networkx as nx

    G = nx.MultiDiGraph(nx.barabasi_albert_graph(CORE * 4, 2, seed=1))
    for n in G:
        G.nodes[n]["label"] = f"Node {n}"
    pos = layout(G)
    assert len(pos) == G.number_of_nodes() and pos == layout(G)
    pts = list(pos.values())
    crowded = sum(1 for i, p in enumerate(pts) for q in pts[i + 1:] if math.dist(p, q) < 5)
    assert crowded < len(pts) // 50


def test_the_page_shows_what_was_left_out(big, cli, tmp_path, open_map):
    import networkx as nx

    from graph.analysis.views import build_view
    from graph.kg.store import open_graph
    from graph.map.scope import select
    from graph.rdf.paths import Paths

    kg, _ = open_graph(Paths.for_dataset(big))
    G, note = select(build_view(kg, "network", facts=False), top=300)
    m = open_map(nx.MultiDiGraph(G))
    assert m.errors == [] and m.blocked == []
    assert m.js("document.getElementById('scope').hidden") is False
    assert m.js("document.getElementById('scope').textContent") == note
