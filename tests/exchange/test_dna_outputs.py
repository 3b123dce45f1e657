"""What the DNA analyses write: the matrix, time-sliced networks, Gephi's timeline and the
coalition attribute in every network format (graph.exchange.matrices, attributes, discourse_files)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from graph.analysis.discourse import one_mode, two_mode
from graph.errors import ParameterError
from graph.exchange.attributes import over_slices, stance_intervals, with_coalitions, with_spells
from graph.exchange.discourse_files import discourse_text
from graph.exchange.matrices import network_matrix
from graph.exchange.networks import network_tables, network_text

from ..stances import CAMP_A, CLEAN, rec

GEXF = "{http://www.gexf.net/1.2draft}"
# a supports p twice and opposes q; b supports p; c opposes p.
RECS = [rec("a", "p", "support"), rec("a", "p", "support", date="2015-03"), rec("a", "q", "oppose", date="2016"),
        rec("b", "p", "support", date="2014-02-01"), rec("c", "p", "oppose")]


def test_two_mode_matrix_cells():
    # subtract: a-p 2 supports = +2, a-q one opposition = -1, b-p +1, c-p -1, c-q no stance = 0
    header, rows = network_matrix(two_mode(RECS, qualifier="subtract"))
    assert header == ["", "p", "q"]
    assert rows == [["A", 2, -1], ["B", 1, 0], ["C", -1, 0]]


def test_one_mode_matrix_cells_are_symmetric_with_a_zero_diagonal():
    # congruence on p: a-b 2 * 1 = 2; a-c and b-c 0 (they conflict)
    header, rows = network_matrix(one_mode(RECS, qualifier="congruence"))
    assert header == ["", "A", "B", "C"]
    assert rows == [["A", 0, 2, 0], ["B", 2, 0, 0], ["C", 0, 0, 0]]


def test_a_label_two_nodes_share_is_told_apart():
    recs = [rec("a", "p", "support"), dict(rec("b", "p", "support"), actor_label="A")]
    header, rows = network_matrix(one_mode(recs))
    assert header == ["", "A (Person) [ex:a]", "A (Person) [ex:b]"] and rows[0] == ["A (Person) [ex:a]", 0, 1]


def test_spells_come_from_the_stances_dates():
    g = one_mode(RECS, qualifier="congruence")
    H = with_spells(g, stance_intervals(RECS))
    # a-b rests on a's supports (2014-06-05, 2015-03) and b's (2014-02-01): 2014-02-01 to 2015-03-31
    assert (H.edges["ex:a", "ex:b"]["start"], H.edges["ex:a", "ex:b"]["end"]) == ("2014-02-01", "2015-03-31")
    assert (H.nodes["ex:b"]["start"], H.nodes["ex:b"]["end"]) == ("2014-02-01", "2015-03-31")
    assert "start" not in H.nodes["ex:c"]      # no tie, always there
    root = ET.fromstring(network_text(H, "gexf"))
    graph = root.find(f"{GEXF}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    edge = graph.find(f"{GEXF}edges/{GEXF}edge")
    assert (edge.get("start"), edge.get("end")) == ("2014-02-01", "2015-03-31")


def test_an_open_start_stays_open():
    recalled = dict(rec("a", "p", "support", date=None), latest="2015-12-31")
    H = with_spells(one_mode([recalled, rec("b", "p", "support")]), stance_intervals([recalled, rec("b", "p", "support")]))
    assert "start" not in H.edges["ex:a", "ex:b"] and H.edges["ex:a", "ex:b"]["end"] == "2015-12-31"


def test_slices_make_one_dynamic_network_whose_spells_never_overlap():
    text, note = discourse_text(CLEAN + [dict(r, date="2014-09-01", stance=r["stance"] + "-b") for r in CLEAN],
                                "one-mode", "gexf", window_size=2, unit="months", kernel="uniform", coalitions=False)
    H = nx.read_gexf(io.BytesIO(text.encode()))
    assert note == " (4 time slices)"
    root = ET.fromstring(text)
    spells = [(s.get("start"), s.get("end")) for s in root.iter(f"{GEXF}spell")]
    assert spells and all(a[1] < b[0] for a, b in zip(sorted(set(spells)), sorted(set(spells))[1:]))
    assert H.number_of_edges() == 15   # subtract: 6 agreeing pairs within the camps, 9 conflicting across


def test_slices_as_csv_lead_each_row_with_its_slice_and_list_the_stances():
    text, _ = discourse_text(CLEAN, "one-mode", "csv", window_size=1, unit="months", kernel="gaussian", coalitions=False)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["slice_mid"] for r in rows} == {"2014-06-01"} and len(rows) == 15
    a1a2 = next(r for r in rows if {r["source"], r["target"]} == {"ex:a1", "ex:a2"})
    assert a1a2["stances"].split("; ") == sorted(r["stance"] for r in CLEAN if r["actor"] in ("ex:a1", "ex:a2"))


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_every_network_format_carries_the_coalition(fmt):
    text, _ = discourse_text(CLEAN, "one-mode", fmt, qualifier="subtract")
    H = nx.node_link_graph(json.loads(text), edges="edges") if fmt == "json" else \
        (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(io.BytesIO(text.encode()))
    groups = {n: d["coalition"] for n, d in H.nodes(data=True)}
    assert len({groups[a] for a in CAMP_A}) == 1 and len(set(groups.values())) == 2
    assert all(str(d["coalition_supported"]).lower() in ("true", "false") for _, d in H.nodes(data=True))


def test_the_csv_edge_list_carries_both_ends_coalitions():
    text, _ = discourse_text(CLEAN, "one-mode", "csv", qualifier="subtract")
    rows = list(csv.DictReader(io.StringIO(text)))
    inside = [r for r in rows if r["source"] in CAMP_A and r["target"] in CAMP_A]
    assert inside and all(r["source_coalition"] == r["target_coalition"] != "" for r in inside)
    across = [r for r in rows if (r["source"] in CAMP_A) != (r["target"] in CAMP_A)]
    assert across and all(r["source_coalition"] != r["target_coalition"] for r in across)


def test_the_csv_tables_carry_the_coalition():
    g = with_coalitions(one_mode(CLEAN, qualifier="subtract"), [{"id": 1, "members": CAMP_A, "supported": True}])
    header, rows = network_tables(g)["nodes"]
    at = header.index("coalition")
    assert [r[at] for r in rows if r[0] in CAMP_A] == [1, 1, 1]


@pytest.mark.parametrize("kw, message", [
    ({"fmt": "json", "matrix": True}, "--matrix writes a CSV matrix"),
    ({"matrix": True, "window_size": 2}, "--matrix writes one matrix"),
    ({"fmt": "csv", "dynamic": True}, "only GEXF holds"),
    ({"fmt": "graphml", "window_size": 2}, "GraphML holds one network"),
    ({"kernel": "gaussian"}, "give their width with --window-size"),
])
def test_impossible_combinations_are_one_clear_error(kw, message):
    with pytest.raises(ParameterError, match=message):
        discourse_text(CLEAN, "one-mode", **{"fmt": "csv", **kw})


def test_over_slices_of_nothing_is_an_empty_network():
    assert over_slices([]).number_of_nodes() == 0


def test_reports_say_what_each_number_rests_on():
    from graph.analysis.backbone import evaluate
    from graph.analysis.barplot import barplot
    from graph.exchange.dna_reports import backbone_text, barplot_text

    text = backbone_text(evaluate(CLEAN, ["ex:p1"]), "actors: all; stances: all").splitlines()
    assert text[1] == "actor network: 6 actors, 6 positive ties (subtract, average normalisation)"
    assert text[3:5] == ["backbone:", "  p1  (6 stances, 6 actors; 1 article)"] and text[5:] == ["redundant:", "  p2  (6 stances)",
                                                                                                "  p3  (6 stances)"]
    lines = barplot_text(barplot(RECS), "proposal", "actors: all; stances: all").splitlines()
    assert lines[2:] == ["    +3 |  -1  p  (support 3, oppose 1; 1 article)", "    +0 |  -1  q  (oppose 1; 1 article)"]
