"""Stance table and network exports: stable columns, and files that tools read back."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from graph.analysis.coalitions import actor_membership, detect_coalitions
from graph.analysis.stances import stance_records
from graph.analysis.views import build_view
from graph.exchange.networks import network_tables, network_text
from graph.exchange.tables import STANCE_COLUMNS
from graph.map.layout import layout, look, rank
from graph.map.styles import STYLES, family, legend_key, rgb


def test_stances_csv_has_the_stable_columns_and_every_article(cli, kg):
    code, out, err = cli("export", "stances", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0].keys()) == ["actor", "actor_type", "proposal", "position", "implicit", "date", "source", "evidence"]
    assert STANCE_COLUMNS == list(rows[0].keys())
    assert len(rows) >= 40
    assert all(r["source"] and r["evidence"] and r["date"] for r in rows)
    # 000: "a key policy of the former health minister": recalled, no date written, so the
    # interval in EDTF form (no start, ending with the 2015 article).
    recalled = {(r["actor"], r["proposal"], r["date"]) for r in rows if r["date"].startswith("../")}
    assert ("Norman Lamb", "National mandate to pool budgets", "../2015-12-31") in recalled
    # 000: Hunt "has paid lip service to the importance of commissioner integration".
    assert {r["position"] for r in rows} == {"supports", "opposes", "conditionally supports", "supports in words only"}
    assert {r["implicit"] for r in rows} == {"true", "false"}
    # Every article with stances is represented.
    sources = {r["source"] for r in rows}
    assert len(sources) == 5
    lamb = [r for r in rows if r["actor"] == "Norman Lamb" and r["proposal"] == "National mandate to pool budgets"]
    assert lamb and lamb[0]["actor_type"] == "Person"


def test_stances_export_with_iris_and_other_formats(cli, tmp_path):
    code, out, _ = cli("export", "stances", "--iris", "-f", "json")
    data = json.loads(out)
    assert data[0]["actor"].startswith("https://w3id.org/carekg/id/")
    assert {type(r["implicit"]) for r in data} == {bool}   # a real boolean, never the string "false"
    code, out, _ = cli("export", "stances", "-f", "tsv")
    assert out.splitlines()[0].split("\t") == STANCE_COLUMNS
    target = tmp_path / "stances.csv"
    code, out, err = cli("export", "stances", "-o", target)
    assert code == 0 and target.read_text(encoding="utf-8").startswith("actor,actor_type,")


@pytest.mark.parametrize("fmt, reader", [
    ("graphml", nx.read_graphml),
    ("gexf", nx.read_gexf),
])
def test_network_files_round_trip_through_networkx(cli, kg, tmp_path, fmt, reader):
    G = build_view(kg, "network", facts=False)
    target = tmp_path / f"influence.{fmt}"
    code, out, err = cli("export", "network", "--view", "network", "--format", fmt, "-o", target)
    assert code == 0, err
    H = reader(target)
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    u, v, key, d = next(iter(G.edges(keys=True, data=True)))
    back = H.get_edge_data(u, v)
    # Parallel edges survive, and attributes are kept.
    assert len(back) == G.number_of_edges(u, v)
    assert any(e.get("evidence") == d["evidence"] and e.get("kind") == d["kind"] for e in back.values())
    assert H.nodes[u]["label"] == G.nodes[u]["label"]


def test_node_link_json_round_trip(cli, kg):
    code, out, _ = cli("export", "network", "--view", "stances", "--format", "json")
    H = nx.node_link_graph(json.loads(out), edges="edges")
    G = build_view(kg, "stances")
    assert type(H) is nx.MultiDiGraph
    # facts of the panel included; each actor in the coalition analysis also carries its coalition,
    # as `carekg coalitions` numbers it; an actor whose only stances are on consensus proposals
    # (left out of that analysis) carries none, as the map draws it grey
    coalition = ("coalition", "coalition_supported", "coalition_robust")
    assert {n: {k: v for k, v in d.items() if k not in coalition} for n, d in H.nodes(data=True)} == dict(G.nodes(data=True))
    marked = {n: d["coalition"] for n, d in H.nodes(data=True) if "coalition" in d}
    assert marked == actor_membership(detect_coalitions(stance_records(kg)))
    with_stance = {u for u, _, d in G.edges(data=True) if d["kind"] == "stance"}
    consensus = {c["proposal"] for c in detect_coalitions(stance_records(kg)).consensus}
    assert set(marked) < with_stance
    assert all(v in consensus for u, v, d in G.edges(data=True) if d["kind"] == "stance" and u not in marked)
    assert all(isinstance(H.nodes[n]["coalition"], int) and isinstance(H.nodes[n]["coalition_supported"], bool) for n in marked)
    # robust as the map's legend and `carekg coalitions` say: coalition 1 (Lamb's) is supported but not robust
    lamb = next(n for n in H if str(n).endswith("/norman-lamb"))
    assert (H.nodes[lamb]["coalition"], H.nodes[lamb]["coalition_supported"], H.nodes[lamb]["coalition_robust"]) == (1, True, False)
    # The article of each edge survives as source_article (node-link's "source" is the start node).
    assert {(u, v, k): d for u, v, k, d in H.edges(keys=True, data=True)} == \
        {(u, v, k): {**{a: x for a, x in d.items() if a != "source"}, "source_article": d["source"]}
         for u, v, k, d in G.edges(keys=True, data=True)}
    # Everything but the build time, which differs between the two runs.
    assert {k: v for k, v in H.graph.items() if k != "built"} == {k: v for k, v in G.graph.items() if k != "built"}
    assert all(d["facts"] for _, d in H.nodes(data=True) if d["group"] != "other")


def test_csv_edge_list(kg):
    text = network_text(build_view(kg, "stances", facts=False), "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {"source", "source_label", "target", "target_label", "position", "evidence", "source_article"} <= set(rows[0])
    assert len(rows) == build_view(kg, "stances", facts=False).number_of_edges()


@pytest.mark.parametrize("mode, fmt, reader", [
    ("two-mode", "graphml", nx.read_graphml),
    ("one-mode", "gexf", nx.read_gexf),
])
def test_discourse_network_exports(cli, tmp_path, mode, fmt, reader):
    target = tmp_path / f"net.{fmt}"
    code, out, err = cli("discourse", mode, "--normalization", "average" if mode == "one-mode" else "no",
                         "--start", "2014", "--end", "2017", "-f", fmt, "-o", target)
    assert code == 0, err
    H = reader(target)
    assert H.number_of_nodes() > 5 and H.number_of_edges() > 5
    assert all("weight" in d for *_, d in H.edges(data=True))


def test_discourse_bad_option_is_a_clear_error(cli):
    code, out, err = cli("discourse", "one-mode", "--qualifier", "congruent")
    assert code == 2 and "congruent" in err and "congruence" in err


def test_coalitions_command(cli):
    code, out, err = cli("coalitions", "--runs", "5")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "filters: actors: all; stances: consensus proposals left out"
    assert lines[2].startswith("all: ") and "groupings are supported by the evidence" in lines[2]
    assert lines[3].startswith("  robust under every check: ")
    assert lines[4].startswith("  left out as consensus (cannot tell camps apart): ")
    assert lines[5].startswith("  modularity ") and "adjusted Rand" in lines[5]
    # Kell and NHS Clinical Commissioners stand together against a mandate (001).
    line = next(ln for ln in out.splitlines() if "Steve Kell" in ln)
    assert "NHS Clinical Commissioners" in line
    code, out, err = cli("coalitions", "--by-year", "-f", "json")
    periods = json.loads(out)
    assert [p["period"] for p in periods][:2] == ["2014", "2015"]


def test_node_link_json_has_real_booleans_and_numbers(cli):
    code, out, _ = cli("export", "network", "--view", "stances", "-f", "json")
    data = json.loads(out)
    assert {type(e["implicit"]) for e in data["edges"]} == {bool}
    assert {type(e["year"]) for e in data["edges"] if e["year"] is not None} == {int}
    assert {type(n["unnamed"]) for n in data["nodes"]} == {bool}


@pytest.mark.parametrize("layout_name, ends, ident", [("gephi", ("Source", "Target"), "Id"), ("kumu", ("From", "To"), "Label")])
def test_network_csv_is_a_nodes_table_and_an_edges_table(cli, kg, tmp_path, layout_name, ends, ident):
    G = build_view(kg, "network", facts=False)
    code, out, err = cli("export", "network", "-f", "csv", "--layout", layout_name, "-o", tmp_path / "influence.csv")
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["influence-edges.csv", "influence-nodes.csv"]
    nodes = list(csv.DictReader(io.StringIO((tmp_path / "influence-nodes.csv").read_text(encoding="utf-8"))))
    edges = list(csv.DictReader(io.StringIO((tmp_path / "influence-edges.csv").read_text(encoding="utf-8"))))
    assert len(nodes) == G.number_of_nodes() and len(edges) == G.number_of_edges()
    ids = [n[ident] for n in nodes]
    assert len(set(ids)) == len(ids)                              # every node once, by a unique key
    assert all(e[ends[0]] in ids and e[ends[1]] in ids for e in edges)  # every edge joins two of them
    if layout_name == "gephi":
        assert list(nodes[0])[:2] == ["Id", "Label"] and list(edges[0])[:6] == ["Source", "Target", "Type", "Id", "Label", "Weight"]
        assert {e["Type"] for e in edges} == {"Directed"}
    else:
        assert list(nodes[0])[:3] == ["Label", "Type", "IRI"] and list(edges[0])[:4] == ["From", "To", "Type", "Direction"]
    lamb = next(n for n in nodes if n["IRI" if layout_name == "kumu" else "Id"].endswith("/norman-lamb"))
    assert lamb["color"] == STYLES["groups"]["person"]["color"] and lamb["unnamed"] == "false"


def test_network_csv_needs_a_file_name(cli):
    code, out, err = cli("export", "network", "-f", "csv")
    assert code == 2 and "-o NAME.csv" in err and out == ""


def test_kumu_labels_are_unique():
    G = nx.MultiDiGraph()
    G.add_node("ex:a", label="Better Care Fund", type_label="Fund")
    G.add_node("ex:b", label="Better Care Fund", type_label="Proposal")
    G.add_edge("ex:a", "ex:b", key="ex:c")
    t = network_tables(G, "kumu")
    assert [r[0] for r in t["nodes"][1]] == ["Better Care Fund (Fund)", "Better Care Fund (Proposal)"]
    assert t["edges"][1][0][:2] == ["Better Care Fund (Fund)", "Better Care Fund (Proposal)"]


def test_gexf_carries_the_maps_colours_and_positions(kg):
    G = build_view(kg, "network", facts=False)
    text = network_text(G, "gexf")
    # Every node and edge carries its viz elements, in GEXF's viz namespace, with the map's
    # colours, sizes and thicknesses (styles.json) and its layout (y turned up).
    root = ET.fromstring(text.encode("utf-8"))
    gexf, viz = "{http://www.gexf.net/1.2draft}", "{http://www.gexf.net/1.2draft/viz}"
    pos = layout(G)
    nodes = root.findall(f"{gexf}graph/{gexf}nodes/{gexf}node")
    assert sorted(n.get("id") for n in nodes) == sorted(G.nodes)
    for node in nodes:
        d, iri = G.nodes[node.get("id")], node.get("id")
        colour = node.find(f"{viz}color").attrib
        assert (int(colour["r"]), int(colour["g"]), int(colour["b"])) == rgb(STYLES["groups"][family(d)]["color"]), iri
        assert float(node.find(f"{viz}size").get("value")) == pytest.approx(look(rank(G, iri))[0]), iri
        at = node.find(f"{viz}position").attrib
        assert (float(at["x"]), float(at["y"])) == pytest.approx((pos[iri][0], -pos[iri][1])), iri
    claim = next(a.get("id") for a in root.iter(f"{gexf}attribute") if a.get("title") == "claim")
    by_claim = {k: d for *_, k, d in G.edges(keys=True, data=True)}
    edges = root.findall(f"{gexf}graph/{gexf}edges/{gexf}edge")
    assert len(edges) == G.number_of_edges()
    for edge in edges:
        key = next(v.get("value") for v in edge.iter(f"{gexf}attvalue") if v.get("for") == claim)
        style = STYLES["kinds"][legend_key(by_claim[key])]
        colour = edge.find(f"{viz}color").attrib
        assert (int(colour["r"]), int(colour["g"]), int(colour["b"])) == rgb(style["color"]), key
        assert float(edge.find(f"{viz}thickness").get("value")) == style["width"], key
    # And networkx reads them back: Norman Lamb, a person, in the person colour, where the map has him.
    H = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    lamb = "https://w3id.org/carekg/id/norman-lamb"
    assert (H.nodes[lamb]["viz"]["color"]["r"], H.nodes[lamb]["viz"]["color"]["g"], H.nodes[lamb]["viz"]["color"]["b"]) == \
        rgb(STYLES["groups"]["person"]["color"])
    assert (H.nodes[lamb]["viz"]["position"]["x"], H.nodes[lamb]["viz"]["position"]["y"]) == pytest.approx((pos[lamb][0], -pos[lamb][1]))
