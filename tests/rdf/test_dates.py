"""Dates and typed literals (graph.rdf.dates, graph.rdf.literals): the interval a date allows,
When's overlap and containment, and the literals a sheet or an import writes."""

from __future__ import annotations

import datetime as dt
import logging
import warnings

import pytest
from rdflib import Literal
from rdflib.namespace import XSD

from graph.errors import ParameterError
from graph.rdf.dates import When, date_interval, parse_date
from graph.rdf.literals import ill_typed_quietly, parse_decimal, typed

D = dt.date


@pytest.mark.parametrize("text, first, last", [
    ("2014-06-05", D(2014, 6, 5), D(2014, 6, 5)),
    ("2015", D(2015, 1, 1), D(2015, 12, 31)),
    ("2016-02", D(2016, 2, 1), D(2016, 2, 29)),   # a leap year
    ("2017-02", D(2017, 2, 1), D(2017, 2, 28)),
    (" 2014-12 ", D(2014, 12, 1), D(2014, 12, 31)),
    ("2017-03-06T09:30:00", D(2017, 3, 6), D(2017, 3, 6)),   # a timestamp's day
])
def test_the_days_a_date_allows(text, first, last):
    assert date_interval(text) == (first, last)


@pytest.mark.parametrize("text", [None, "", "  "])
def test_no_date_no_interval(text):
    assert date_interval(text) is None


@pytest.mark.parametrize("text, message", [
    ("June 2015", "is not an ISO date"), ("2015-6", "is not an ISO date"), ("2015-02-30", "day is out of range"),
    ("2015-13", "month must be in 1..12"),
])
def test_a_date_that_is_no_date_is_one_clear_error(text, message):
    with pytest.raises(ParameterError, match=message):
        date_interval(text)


# The three kinds of claim time the articles give: a day (001), a season estimated (003, "In the
# summer of 2015") and a past recalled without a start (000, "the former health minister").
DAY = When(date="2014-06-05")
SUMMER = When(date="2015", earliest="2015-06-01", latest="2015-08-31", estimate=True, text="In the summer of 2015")
FORMER = When(latest="2015-12-31", text="the former health minister")


@pytest.mark.parametrize("when, span, is_open", [
    (DAY, (D(2014, 6, 5), D(2014, 6, 5)), False), (SUMMER, (D(2015, 6, 1), D(2015, 8, 31)), False),
    (FORMER, (None, D(2015, 12, 31)), True), (When(), None, False),
])
def test_span(when, span, is_open):
    assert when.span == span and when.is_open is is_open


@pytest.mark.parametrize("when, start, end, overlaps, within", [
    (DAY, "2014", "2014", True, True),
    (DAY, "2014-07", None, False, False),
    (SUMMER, "2015-08", "2015-12", True, False),      # overlaps August, does not lie within
    (SUMMER, "2015", "2015", True, True),
    (SUMMER, None, "2015-05", False, False),
    (FORMER, "2010", "2010", True, False),            # an open start may fall in any earlier year...
    (FORMER, None, "2016", True, True),               # ...and lies within a range with no start
    (FORMER, "2016", None, False, False),
    (When(), None, None, True, True),                 # undated: only without bounds
    (When(), "2015", None, False, False),
])
def test_overlaps_and_within(when, start, end, overlaps, within):
    assert when.overlaps(start, end) is overlaps
    assert when.within(start, end) is within


def test_reversed_bounds_are_refused():
    with pytest.raises(ParameterError, match="start='2016' is after end='2015'"):
        DAY.overlaps("2016", "2015")


@pytest.mark.parametrize("when, text", [
    (DAY, "2014-06-05"), (SUMMER, "2015: 2015-06-01 to 2015-08-31, estimated (“In the summer of 2015”)"),
    (FORMER, "no later than 2015-12-31 (“the former health minister”)"), (When(), ""),
    (When(earliest="2017-02-02", latest="2017-03-13", text="next week"), "2017-02-02 to 2017-03-13 (“next week”)"),
    (When(text="undated"), "“undated”"),
])
def test_when_in_words(when, text):
    assert str(when) == text


@pytest.mark.parametrize("text, datatype", [("2014-06-05", XSD.date), ("2014-06", XSD.gYearMonth), ("2014", XSD.gYear)])
def test_a_date_keeps_its_precision(text, datatype):
    assert parse_date(text) == Literal(text, datatype=datatype)


@pytest.mark.parametrize("text", ["2014-13-45", "2014-02-30", "14-06-05", "5 June 2014", ""])
def test_parse_date_refuses_what_is_no_date(text):
    with pytest.raises(ValueError, match="is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"):
        parse_date(text)


@pytest.mark.parametrize("text", ["1200000.0", "90000", "-3.5"])
def test_decimal_keeps_the_form_written(text):
    assert parse_decimal(text) == Literal(text, datatype=XSD.decimal) and str(parse_decimal(f" {text} ")) == text


@pytest.mark.parametrize("text, form", [(".5", "0.5"), ("+7", "7")])
def test_decimal_in_another_form_keeps_its_value(text, form):
    """rdflib writes a decimal that has no leading digit, or a sign, in its canonical form."""
    assert str(parse_decimal(text)) == form and parse_decimal(text).toPython() == parse_decimal(form).toPython()


@pytest.mark.parametrize("text, message", [("1.2m", "is not a number"), ("1e9", "not a plain decimal"), ("1,200", "is not a number")])
def test_decimal_refuses_what_a_reader_could_misread(text, message):
    with pytest.raises(ValueError, match=message):
        parse_decimal(text)


@pytest.mark.parametrize("text, datatype, expected", [
    ("2014-06", XSD.gYearMonth, Literal("2014-06", datatype=XSD.gYearMonth)),
    ("12", XSD.integer, Literal("12", datatype=XSD.integer)),
    ("false", XSD.boolean, Literal("false", datatype=XSD.boolean)),
    ("plain", None, Literal("plain")), ("plain", XSD.string, Literal("plain")),
    ("https://example.org", XSD.anyURI, Literal("https://example.org", datatype=XSD.anyURI)),
])
def test_typed(text, datatype, expected):
    assert typed(text, datatype) == expected


@pytest.mark.parametrize("text, datatype, message", [
    ("2014", XSD.date, "is not an date"), ("1.5", XSD.integer, "not a whole number"), ("-1x", XSD.nonNegativeInteger, "not a whole number"),
    ("yes", XSD.boolean, "not true or false"), ("1.2m", XSD.decimal, "is not a number"),
])
def test_typed_refuses_text_of_another_type(text, datatype, message):
    with pytest.raises(ValueError, match=message):
        typed(text, datatype)


def test_ill_typed_literals_are_quiet_only_inside_the_block(caplog):
    """rdflib logs a traceback for an ill-typed literal it reads and warns when it writes one;
    the carekg command runs under ill_typed_quietly (validate reports them with file and line)."""
    def read_and_write():
        bad = Literal("1.2m", datatype=XSD.decimal)   # rdflib logs when it converts the lexical form
        bad.n3()
        return bad

    with caplog.at_level(logging.WARNING, logger="rdflib.term"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with ill_typed_quietly():
                read_and_write()
        inside = [r for r in caplog.records if "Failed to convert" in r.getMessage()]
        caplog.clear()
        with warnings.catch_warnings(record=True) as loud:
            warnings.simplefilter("always")
            read_and_write()
        outside = [r for r in caplog.records if "Failed to convert" in r.getMessage()]
    assert inside == [] and outside != []
    assert [str(w.message) for w in caught] == [] and loud != []
    assert logging.getLogger("rdflib.term").filters == []
