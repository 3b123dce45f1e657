"""Result formats (graph.exchange.results) and the notebooks' DataFrames (graph.exchange.frames),
called directly: the W3C SPARQL results formats, the people's formats, and streaming."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from graph.errors import UnknownNameError
from graph.exchange.frames import coalition_frame, query_frame, stance_frame
from graph.exchange.results import FORMATS, format_rows, stream_rows

LAMB = URIRef("https://w3id.org/carekg/id/norman-lamb")
NAMES = ["who", "said", "amount", "when", "note"]
ROWS = [
    (LAMB, Literal("his talk of a “legal obligation”\nto pool", lang="en"), Literal("1200000.0", datatype=XSD.decimal),
     Literal("2014-06-05", datatype=XSD.date), None),
    (BNode("b1"), Literal("=HYPERLINK(\"x\")"), Literal(-3), Literal("true", datatype=XSD.boolean), Literal("tab\there|pipe\x1b[31m")),
]


def test_csv_is_the_w3c_format_with_formulas_neutralised():
    text = format_rows(NAMES, ROWS, "csv")
    assert text.count("\r\n") == 3 + text.count("\n\r\n") and text.startswith("who,said,amount,when,note\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == [str(LAMB), "his talk of a “legal obligation”\nto pool", "1200000.0", "2014-06-05", ""]
    assert rows[2][1] == "'=HYPERLINK(\"x\")" and rows[2][2] == "-3"   # a formula never runs; a number stays a number
    assert list(csv.reader(io.StringIO(format_rows(NAMES, ROWS, "csv", raw=True), newline="")))[2][1] == '=HYPERLINK("x")'


def test_tsv_is_the_w3c_format_one_row_per_line():
    lines = format_rows(NAMES, ROWS, "tsv").split("\n")
    assert lines[0] == "?who\t?said\t?amount\t?when\t?note" and lines[-1] == "" and len(lines) == 4
    first = lines[1].split("\t")
    assert first == [f"<{LAMB}>", '"his talk of a “legal obligation”\\nto pool"@en', "1200000.0",
                     f'"2014-06-05"^^<{XSD.date}>', ""]
    second = lines[2].split("\t")
    assert second[1] == '"\'=HYPERLINK(\\"x\\")"' and second[2:4] == ["-3", "true"] and second[4] == '"tab\\there|pipe\\u001B[31m"'


def test_json_is_the_w3c_format():
    data = json.loads(format_rows(NAMES, ROWS, "json"))
    assert data["head"]["vars"] == NAMES
    first, second = data["results"]["bindings"]
    assert first["who"] == {"type": "uri", "value": str(LAMB)}
    assert first["said"] == {"type": "literal", "value": "his talk of a “legal obligation”\nto pool", "xml:lang": "en"}
    assert first["amount"] == {"type": "literal", "value": "1200000.0", "datatype": str(XSD.decimal)}
    assert "note" not in first                      # unbound: left out
    assert second["who"]["type"] == "bnode" and second["said"] == {"type": "literal", "value": '=HYPERLINK("x")'}


def test_table_and_markdown_are_for_people():
    label = lambda t: "Norman Lamb" if t == LAMB else str(t)
    table = format_rows(NAMES, ROWS, "table", label=label).splitlines()
    assert table[0].split(" | ")[0].strip() == "who" and set(table[1]) <= {"-", "+"}
    assert table[2].startswith("Norman Lamb | his talk of a “legal obligation” to pool")   # one line per row
    assert table[3].endswith("| tab here|pipe\\x1b[31m")                                   # white space one space, controls escaped
    md = format_rows(NAMES, ROWS, "md", label=label).splitlines()
    assert md[:2] == ["| who | said | amount | when | note |", "|---|---|---|---|---|"]
    assert md[2] == "| Norman Lamb | his talk of a “legal obligation” to pool | 1200000.0 | 2014-06-05 |  |"
    assert md[3].endswith("| tab here\\|pipe\\x1b[31m |")                                   # a pipe cannot end a cell


def test_a_long_cell_is_clipped_in_a_table():
    line = format_rows(["x"], [(Literal("y" * 100),)], "table").splitlines()[2]
    assert len(line) == 60 and line.endswith("…")


def test_streams_row_by_row_except_the_table():
    def rows():
        yield ROWS[0]
        raise RuntimeError("read no further")

    for fmt in ("csv", "tsv", "json", "md"):
        pieces = stream_rows(NAMES, rows(), fmt)
        next(pieces)   # the header
        second = next(pieces)
        assert "Norman" in second or str(LAMB) in second or "legal" in second, fmt   # the first row, before the second is read
    with pytest.raises(RuntimeError):
        next(stream_rows(NAMES, rows(), "table"))


def test_an_unknown_format_is_one_clear_error():
    with pytest.raises(UnknownNameError, match="unknown format 'jsn'; did you mean: json"):
        format_rows(NAMES, ROWS, "jsn")
    assert FORMATS == ("table", "csv", "tsv", "json", "md")


# --- the notebooks' frames -------------------------------------------------------------------

def test_query_frame_gives_labels_and_python_values(kg):
    df = query_frame(kg, "better-care-fund-amounts")
    assert sorted(df["value"]) == [1.5e9, 3.8e9, 5.3e9] and df["value"].dtype == float
    assert set(df["source"]) == {"Health and care integration will not happen unless budgets are pooled"}
    iris = query_frame(kg, "posts-of-person", labels=False, person="kg:norman-lamb")
    assert set(iris["organisation"]) == {"https://w3id.org/carekg/id/government"}


def test_stance_frame_scores_and_dates(records):
    df = stance_frame(records)
    assert len(df) == len(records)
    lamb = df[(df["actor"] == "Norman Lamb") & (df["proposal"] == "National mandate to pool budgets")]
    assert sorted(lamb["recalled"]) == [False, True] and set(lamb["score"]) == {1.0}
    recalled = lamb[lamb["recalled"]].iloc[0]
    assert recalled["earliest"] is None or str(recalled["earliest"]) == "NaT"
    assert str(recalled["latest"].date()) == "2015-12-31"
    assert set(df[df["position"] == "conditional"]["score"]) == {0.5}


def test_coalition_frame_has_one_row_per_grouping_of_two_or_more():
    from graph.analysis.coalitions import detect_coalitions

    from ..stances import CLEAN, rec

    partition = detect_coalitions(CLEAN + [rec("loner", "p9", "support")])
    df = coalition_frame(partition)
    assert list(df["size"]) == [3, 3] and list(df["members"]) == ["A1; A2; A3", "B1; B2; B3"]
    assert list(df.columns[:4]) == ["id", "size", "members", "supported"]
