"""Typed literals from the text people write: decimals, booleans, whole numbers and dates.

Dates are parsed by :func:`graph.rdf.dates.parse_date` (day, month or year precision); any
other value that does not fit its datatype is a :class:`ValueError` whose message says what is
accepted.

Examples
--------
>>> typed("2014-06", XSD.gYearMonth).datatype == XSD.gYearMonth
True
>>> typed("1.5e3", XSD.decimal)
Traceback (most recent call last):
...
ValueError: '1.5e3' is not a plain decimal number (no exponent, no commas)
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from rdflib import Literal
from rdflib.namespace import XSD

from graph.rdf.dates import DATE_TYPES, parse_date


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


__all__ = ["parse_decimal", "typed"]
