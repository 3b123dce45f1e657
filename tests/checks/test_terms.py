"""The terms check (graph.checks.terms) called directly: which lexical forms each XSD datatype
allows, forbidden characters, and the line a literal is written on."""

from __future__ import annotations

import pytest

from graph.checks.terms import XSD, check_turtle, lexical_problem


@pytest.mark.parametrize("datatype, good, bad", [
    ("decimal", ["1200000.0", "-3.5", ".5", "+7", "90000"], ["1.2m", "1,200", "1e9", "", " 1"]),
    ("integer", ["14", "-3", "+0"], ["1.0", "fourteen", "1 000"]),
    ("boolean", ["true", "false", "1", "0"], ["yes", "True", "FALSE"]),
    ("date", ["2014-06-05", "2016-02-29", "2014-06-05Z", "2014-06-05+01:00"], ["2015-02-29", "2014-13-01", "2014-6-5", "05/06/2014"]),
    ("gYear", ["2015", "-0044", "12015"], ["197x", "15", "2015-01"]),
    ("gYearMonth", ["2017-02"], ["2017-2", "2017-13", "2017"]),
    ("dateTime", ["2025-11-25T09:30:00", "2025-11-25T09:30:00.5+00:00", "2025-11-25T24:00:00"],
     ["2025-11-25 09:30:00", "2025-11-25T25:00:00", "2025-11-25"]),
    ("double", ["1e9", "-INF", "NaN", "3.5E-2"], ["1e", "inf", "1.2.3"]),
    ("nonNegativeInteger", ["0", "+12", "-0"], ["-1"]),
    ("positiveInteger", ["1", "007"], ["0", "-1"]),
    ("byte", ["127", "-128"], ["128", "-129"]),
    ("int", ["2147483647"], ["2147483648"]),
    ("duration", ["P1Y2M", "PT5M", "-P3D"], ["P", "PT", "1Y"]),
])
def test_each_datatype_takes_its_lexical_forms_only(datatype, good, bad):
    for text in good:
        assert lexical_problem(text, XSD + datatype) is None, text
    for text in bad:
        assert lexical_problem(text, XSD + datatype) is not None, text


def test_the_message_names_the_text_and_the_type():
    assert lexical_problem("128", XSD + "byte") == "'128' is not a valid xsd:byte (out of range)"
    assert lexical_problem("x\x07" * 40, XSD + "integer") == "'" + "x\\x07" * 30 + "' is not a valid xsd:integer"
    assert lexical_problem("anything", XSD + "string") is None and lexical_problem("1.2m", "http://example.org/t") is None


TTL = """@prefix ex: <http://ex/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:a ex:value "1.2m"^^xsd:decimal ;
    ex:label "fine" ;
    ex:date "2015-13-45"^^xsd:date .
ex:b ex:label "bell\\u0007 and escape\\u001b" ,
    "a\\ttab is text" .
_:c ex:year "197x"^^xsd:gYear .
"""


def test_check_turtle_gives_file_line_subject_predicate_and_why():
    problems = check_turtle("data.ttl", text=TTL)
    blank = lambda s: "_:" if s.startswith("_:") else s   # a blank node's label is the parser's
    assert sorted((p.line, blank(p.subject), p.predicate, p.message) for p in problems) == [
        (4, "http://ex/a", "http://ex/value", "'1.2m' is not a valid xsd:decimal"),
        (6, "http://ex/a", "http://ex/date", "'2015-13-45' is not a valid xsd:date"),
        (7, "http://ex/b", "http://ex/label", "has control characters (\\x07, \\x1b): text may hold none"),
        (9, "_:", "http://ex/year", "'197x' is not a valid xsd:gYear")]
    assert {p.file for p in problems} == {"data.ttl"}


def test_check_turtle_reads_the_file(tmp_path):
    path = tmp_path / "one.ttl"
    path.write_text('<http://ex/a> <http://ex/n> "x"^^<http://www.w3.org/2001/XMLSchema#integer> .\n', encoding="utf-8")
    assert [(p.file, p.line, p.message) for p in check_turtle(path)] == [(str(path), 1, "'x' is not a valid xsd:integer")]
