"""Brokers and influence (graph.analysis.brokers): centrality, bridges and paths with evidence, by hand
and on the curated influence view."""

from __future__ import annotations

import json

import networkx as nx
import pytest

import graph.analysis.stability as stability_module
from graph.analysis.brokers import bridges, bridging, centrality, influence_paths, pagerank, selected
from graph.analysis.checked import for_map
from graph.analysis.coalitions import detect_coalitions
from graph.analysis.stability import defend
from graph.errors import ParameterError, UnknownNameError

SOURCES = {"ex:s1": {"title": "First article"}, "ex:s2": {"title": "Second article"}}


def hand_graph():
    """ann -> org <- bob; org -> pool (a proposal); ann -> pool; carol unnamed, alone with bob."""
    G = nx.MultiDiGraph(sources=SOURCES)
    for n, label, actor, unnamed in [("ann", "Ann", True, False), ("bob", "Bob", True, False), ("org", "Org", True, False),
                                     ("pool", "Pooling", False, False), ("carol", "Some carers", True, True)]:
        G.add_node(f"ex:{n}", label=label, type="Thing", classes=["Person", "Actor"] if actor else ["Proposal"], unnamed=unnamed)
    for k, (u, v, rel, src) in enumerate([("ann", "org", "holds post in", "ex:s1"), ("bob", "org", "holds post in", "ex:s2"),
                                          ("org", "pool", "supports", "ex:s1"), ("ann", "pool", "opposes", "ex:s2"),
                                          ("carol", "bob", "responded to", "ex:s2")]):
        G.add_edge(f"ex:{u}", f"ex:{v}", key=f"ex:c{k}", relation_label=rel, source=src, evidence=f"{u} {rel} {v}",
                   date="2015", implicit=False)
    return G


def test_pagerank_by_hand():
    # a -> c <- b, c dangling: x = 0.05 + 0.85 y / 3, y = 0.05 + 0.85 (2x + y / 3), 2x + y = 1
    pr = pagerank(nx.DiGraph([("a", "c"), ("b", "c")]))
    assert pr["c"] == pytest.approx(0.9 / (1 + 0.85 * 2 / 3), abs=1e-9)
    assert sum(pr.values()) == pytest.approx(1.0)
    assert pagerank(nx.DiGraph()) == {}


def test_centrality_on_a_hand_graph():
    rows = {r["label"]: r for r in centrality(hand_graph())}
    # betweenness is taken on the undirected graph: the same as networkx's there
    U = nx.Graph([("ann", "org"), ("bob", "org"), ("org", "pool"), ("ann", "pool"), ("carol", "bob")])
    expected = nx.betweenness_centrality(U, normalized=True)
    assert {k: rows[k]["betweenness"] for k in rows} == pytest.approx(
        {"Ann": expected["ann"], "Bob": expected["bob"], "Org": expected["org"], "Pooling": expected["pool"], "Some carers": expected["carol"]})
    assert rows["Org"]["betweenness"] == pytest.approx(4 / 6)   # between bob/carol and ann/pool: 4 of the 6 other pairs
    assert [r["label"] for r in centrality(hand_graph(), actors_only=True, keep=selected(hand_graph(), named_only=True))] == \
        ["Org", "Bob", "Ann"]


def test_bridges():
    G = hand_graph()
    rows = bridges(G, {"ex:ann": 0, "ex:bob": 1})
    assert [(r["label"], r["own"], r["coalitions"], r["participation"]) for r in rows] == [("Org", None, {0: ["Ann"], 1: ["Bob"]}, 0.5)]


def test_paths_carry_the_evidence_of_every_hop():
    G = hand_graph()
    paths = influence_paths(G, "Bob", "Pooling")
    assert [p["labels"] for p in paths] == [["Bob", "Org", "Pooling"]]
    hop = paths[0]["hops"][0]
    assert hop["claims"] == [{"claim": "ex:c1", "forward": True, "relation": "holds post in", "date": "2015", "when": "2015", "article": "ex:s2",
                              "article_title": "Second article", "evidence": "bob holds post in org", "implicit": False}]
    # every simple path, shortest first; against the claims' direction unless --directed
    assert [p["labels"] for p in influence_paths(G, "Bob", "Pooling", mode="all")] == [
        ["Bob", "Org", "Pooling"], ["Bob", "Org", "Ann", "Pooling"]]
    assert influence_paths(G, "Bob", "Ann", directed=True) == []
    assert [p["labels"] for p in influence_paths(G, "Some carers", "Pooling", directed=True, mode="all")] == [
        ["Some carers", "Bob", "Org", "Pooling"]]
    assert influence_paths(G, "Some carers", "Pooling", cutoff=2) == []


def test_paths_errors():
    G = hand_graph()
    with pytest.raises(UnknownNameError):
        influence_paths(G, "Nobody at all", "Org")
    with pytest.raises(ParameterError, match="cutoff=9"):
        influence_paths(G, "Ann", "Org", cutoff=9)
    with pytest.raises(ParameterError, match="same node"):
        influence_paths(G, "Ann", "ex:ann")


def test_curated_path_from_lamb_to_a_proposal(influence):
    """Lamb's stance on pooling, straight from the Confed article."""
    paths = influence_paths(influence, "Norman Lamb", "Pool health and social care budgets", cutoff=1)
    claims = paths[0]["hops"][0]["claims"]
    assert any(c["relation"] == "supports" and "ultimately the whole health a" in c["evidence"] and c["forward"] for c in claims)


def test_curated_brokers_cli(cli):
    code, out, _ = cli("brokers", "--named-only", "--top", "5", "-f", "json")
    data = json.loads(out)
    assert code == 0 and data["filters"] == "actors: named only; stances: consensus proposals left out" and len(data["central"]) == 5
    assert all(r["actor"] for r in data["central"]) and "Councils (local authorities)" not in {r["label"] for r in data["central"]}
    code, out, _ = cli("paths", "Norman Lamb", "John Oldham", "--max-hops", "2", "--top", "1")
    assert code == 0 and out.startswith("1 path from Norman Lamb to John Oldham\n")
    assert "“" in out  # evidence quoted


def verdicts(coalitions) -> list[tuple]:
    return [(c["members"], c["supported"], c["reasons"]) for c in coalitions if c["size"] > 1]


@pytest.mark.parametrize("selection", [{}, {"named_only": True}, {"named_only": True, "min_stances": 2}])
def test_brokers_coalitions_and_the_map_find_the_same_coalitions(influence, records, selection, tmp_path):
    """One coalition detection: brokers' bridging, the coalitions and the map's colouring share the
    partition and every too-thin verdict, with its reasons."""
    found, links = bridging(influence, records, **selection)
    assert verdicts(found.coalitions) == verdicts(defend(records, **selection).coalitions)
    assert verdicts(found.coalitions) == verdicts(for_map(records, cache=tmp_path, **selection)["summaries"])
    assert found.coalitions and {b["node"] for b in links} <= set(influence)


def test_bridging_judges_coalitions_by_their_stability_too(influence, records, monkeypatch):
    """A coalition the stability check withdraws is too thin for brokers as for the coalitions."""
    first = detect_coalitions(records, named_only=True).coalitions[0]
    assert first["supported"]
    real = stability_module.stability
    monkeypatch.setattr(stability_module, "stability", lambda *a, **k: dict(real(*a, **k), together={1: 0.3}))
    found, _ = bridging(influence, records, named_only=True, runs=2)
    assert not found.coalitions[0]["supported"]
    assert found.coalitions[0]["reasons"][-1] == "its members stay together in only 30% of 2 resampled runs"


def test_brokers_and_coalitions_commands_agree_on_the_curated_data(cli):
    code, out, _ = cli("brokers", "--named-only", "-f", "json")
    brokers = [(c["members"], c["supported"]) for c in json.loads(out)["coalitions"]]
    code2, out, _ = cli("coalitions", "--named-only", "-f", "json")
    coalitions = [(c["members"], c["supported"]) for c in json.loads(out)[0]["coalitions"] if c["size"] > 1]
    assert (code, code2) == (0, 0) and brokers == coalitions and any(s for _, s in brokers) and not all(s for _, s in brokers)
