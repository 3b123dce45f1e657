"""Typed literals from the text people write: decimals, booleans, whole numbers and dates.

Dates are parsed by :func:`graph.rdf.dates.parse_date` (day, month or year precision); any
other value that does not fit its datatype is a :class:`ValueError` whose message says what is
accepted.

rdflib is imported only when a literal is made, so the ``carekg`` command, which runs under
:func:`ill_typed_quietly`, does not load it for the commands that need none of it.

Examples
--------
>>> from rdflib.namespace import XSD
>>> typed("2014-06", XSD.gYearMonth).datatype == XSD.gYearMonth
True
>>> typed("1.5e3", XSD.decimal)
Traceback (most recent call last):
...
ValueError: '1.5e3' is not a plain decimal number (no exponent, no commas)
"""

from __future__ import annotations

import contextlib
import logging
import re
import warnings
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Literal


def parse_decimal(text: str) -> Literal:
    """An ``xsd:decimal`` keeping the lexical form written (``1200000.0`` stays so).

    >>> parse_decimal("1200000.0")
    rdflib.term.Literal('1200000.0', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    """
    from rdflib import Literal
    from rdflib.namespace import XSD

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

    >>> from rdflib.namespace import XSD
    >>> typed("true", XSD.boolean)
    rdflib.term.Literal('true', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#boolean'))
    >>> typed("maybe", XSD.boolean)
    Traceback (most recent call last):
    ...
    ValueError: 'maybe' is not true or false
    """
    from rdflib import Literal
    from rdflib.namespace import XSD

    from graph.rdf.dates import DATE_TYPES, parse_date

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


class _IllTyped(logging.Filter):
    """Drops rdflib's logged traceback for a literal whose text does not fit its datatype."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Failed to convert Literal lexical form to value")


@contextlib.contextmanager
def ill_typed_quietly():
    """Within the block, rdflib neither logs a traceback for an ill-typed literal it reads
    ("Failed to convert Literal lexical form to value") nor warns when it writes one
    ("Serializing weird numerical").  The ``carekg`` command runs under it, because
    ``carekg validate`` reports each such literal with its file and line (the ``terms`` check,
    :mod:`graph.checks.terms`); a library user keeps rdflib's own messages.

    >>> import logging
    >>> with ill_typed_quietly():
    ...     len(logging.getLogger("rdflib.term").filters)
    1
    >>> len(logging.getLogger("rdflib.term").filters)
    0
    """
    log = logging.getLogger("rdflib.term")
    quiet = _IllTyped()
    log.addFilter(quiet)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Serializing weird numerical", category=UserWarning)
            yield
    finally:
        log.removeFilter(quiet)


__all__ = [ "parse_decimal", "typed", "ill_typed_quietly",]
