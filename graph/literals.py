"""Typed literals from the text people write: dates at their precision, decimals, booleans.

A date is written at the precision the source gives: ``2014-06-05`` (``xsd:date``),
``2014-06`` (``xsd:gYearMonth``) or ``2014`` (``xsd:gYear``).  Anything else, or an
impossible day such as ``2014-02-30``, is a :class:`ValueError` whose message says what is
accepted.

Examples
--------
>>> parse_date("2014-06").datatype == XSD.gYearMonth
True
>>> parse_date("2014-13-45")
Traceback (most recent call last):
...
ValueError: '2014-13-45' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from rdflib import Literal
from rdflib.namespace import XSD

_DATE_FORMS = ((re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date, "%Y-%m-%d"),
               (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth, "%Y-%m"),
               (re.compile(r"\d{4}"), XSD.gYear, "%Y"))
DATE_TYPES = (XSD.date, XSD.gYearMonth, XSD.gYear)


def parse_date(text: str) -> Literal:
    """The typed literal for a date written at day, month or year precision."""
    text = str(text).strip()
    for pattern, datatype, fmt in _DATE_FORMS:
        if pattern.fullmatch(text):
            try:
                dt.datetime.strptime(text, fmt)
            except ValueError:
                break
            return Literal(text, datatype=datatype)
    raise ValueError(f"{text!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")


def parse_decimal(text: str) -> Literal:
    """An ``xsd:decimal`` keeping the lexical form written (``1200000.0`` stays so).

    >>> parse_decimal("1200000.0")
    rdflib.term.Literal('1200000.0', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    """
    text = str(text).strip()
    try:
        Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number") from None
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", text):
        raise ValueError(f"{text!r} is not a plain decimal number (no exponent, no commas)")
    return Literal(text, datatype=XSD.decimal)


def typed(text: str, datatype) -> Literal:
    """A literal of ``datatype`` from ``text``, checked where the type is one we know.

    >>> typed("true", XSD.boolean)
    rdflib.term.Literal('true', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#boolean'))
    >>> typed("maybe", XSD.boolean)
    Traceback (most recent call last):
    ...
    ValueError: 'maybe' is not true or false
    """
    text = str(text)
    if datatype in DATE_TYPES:
        lit = parse_date(text)
        if lit.datatype != datatype:
            raise ValueError(f"{text!r} is not an {datatype.split('#')[-1]}")
        return lit
    if datatype == XSD.decimal:
        return parse_decimal(text)
    if datatype == XSD.boolean and text not in ("true", "false"):
        raise ValueError(f"{text!r} is not true or false")
    if datatype in (XSD.integer, XSD.nonNegativeInteger) and not re.fullmatch(r"[+-]?\d+", text):
        raise ValueError(f"{text!r} is not a whole number")
    if datatype is None or datatype == XSD.string:
        return Literal(text)
    return Literal(text, datatype=datatype)


__all__ = ["parse_date", "parse_decimal", "typed", "DATE_TYPES"]
