"""Dates as the articles give them: the date at the precision written, and the interval it allows.

A claim's ``carekg:date`` keeps the precision of the text ("2015", "2017-02", "2014-06-05").
Beside it, ``carekg:earliest`` and ``carekg:latest`` give the first and last day the text allows;
a rule derives them from the date, and the data states them where they are a judgement.  A past
that the text recalls without dating it ("the former health minister") has a ``latest`` and no
``earliest``: its start is open.  Compare and filter on the interval, never on the date: "2015"
is not before "2015-06" in any useful sense, but 2015-12-31 is after 2015-06-01.

:class:`When` holds the three together with the words as written, and says whether the interval
overlaps a period (could fall in it) or lies within it (certainly falls in it).

Examples
--------
>>> w = When(latest="2015-12-31", text="the former health minister")
>>> w.overlaps("2014", "2014"), w.within("2014", "2015"), w.is_open
(True, False, True)
>>> str(w)
'no later than 2015-12-31 (“the former health minister”)'
>>> str(When(date="2015", earliest="2015-06-01", latest="2015-08-31", estimate=True,
...          text="In the summer of 2015"))
'2015: 2015-06-01 to 2015-08-31, estimated (“In the summer of 2015”)'
>>> str(When(date="2014-06-05")), str(When())
('2014-06-05', '')
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graph.errors import ParameterError

if TYPE_CHECKING:  # rdflib is imported only where it is used: `carekg describe` needs none of it
    from rdflib import Literal, URIRef

    DATE_TYPES: tuple[URIRef, URIRef, URIRef]  # made on first use by the module's __getattr__

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_interval(text) -> tuple[dt.date, dt.date] | None:
    """First and last day covered by an ISO date at year, month or day precision.

    >>> date_interval("2016-02")
    (datetime.date(2016, 2, 1), datetime.date(2016, 2, 29))
    >>> date_interval("2015")[1], date_interval(None)
    (datetime.date(2015, 12, 31), None)
    """
    if text is None or str(text).strip() == "":
        return None
    s = str(text).strip()
    s = s[:10] if len(s) > 10 and s[10] in "T " else s
    m = _DATE.match(s)
    if not m:
        raise ParameterError(f"date {text!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = m.groups()
    y = int(year)
    try:
        if month and day:
            return dt.date(y, int(month), int(day)), dt.date(y, int(month), int(day))
        if month:
            mo = int(month)
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    except ValueError as exc:
        raise ParameterError(f"date {text!r}: {exc}") from None
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _day(text) -> dt.date | None:
    span = date_interval(text)
    return span[0] if span else None


@dataclass(frozen=True)
class When:
    """When a claim held: its date as written, its interval, the words, and whether estimated.

    ``span`` is ``(first, last)`` with ``first`` None for an open start, or None when the claim
    has neither an interval nor a date.  An interval given without a date is used as it is; a
    date without an interval stands for its own first and last day.
    """

    date: str | None = None
    earliest: str | None = None
    latest: str | None = None
    text: str = ""
    estimate: bool = False

    @property
    def span(self) -> tuple[dt.date | None, dt.date] | None:
        last = _day(self.latest)
        if last is not None:
            return (_day(self.earliest) if self.earliest else None), last
        return date_interval(self.date)

    @property
    def is_open(self) -> bool:
        """True when the interval has an end but no start (a past recalled without a date)."""
        span = self.span
        return span is not None and span[0] is None

    def overlaps(self, start=None, end=None) -> bool:
        """Whether the interval could fall in [start, end] (ISO bounds at any precision,
        inclusive; a start bound is its first day, an end bound its last).  An undated claim
        passes only when no bound is given."""
        lo, hi = _bounds(start, end)
        span = self.span
        if span is None:
            return lo is None and hi is None
        first, last = span
        return (lo is None or last >= lo) and (hi is None or first is None or first <= hi)

    def within(self, start=None, end=None) -> bool:
        """Whether the interval certainly lies in [start, end]: an open start never does,
        unless there is no start bound."""
        lo, hi = _bounds(start, end)
        span = self.span
        if span is None:
            return lo is None and hi is None
        first, last = span
        return (lo is None or (first is not None and first >= lo)) and (hi is None or last <= hi)

    def __str__(self) -> str:
        span = self.span
        if span is None:
            when = ""
        elif self.date and span == date_interval(self.date):
            when = self.date
        elif span[0] is None:
            when = f"no later than {span[1].isoformat()}"
        else:
            rng = span[0].isoformat() if span[0] == span[1] else f"{span[0].isoformat()} to {span[1].isoformat()}"
            when = f"{self.date}: {rng}" if self.date else rng
        if self.estimate and when:
            when += ", estimated"
        if self.text:
            when = f"{when} (“{self.text}”)" if when else f"“{self.text}”"
        return when


def _bounds(start, end) -> tuple[dt.date | None, dt.date | None]:
    first, last = date_interval(start), date_interval(end)
    lo = first[0] if first else None
    hi = last[1] if last else None
    if lo and hi and lo > hi:
        raise ParameterError(f"start={start!r} is after end={end!r}")
    return lo, hi


def _date_types() -> tuple:
    from rdflib.namespace import XSD

    return (XSD.date, XSD.gYearMonth, XSD.gYear)  # by precision: day, month, year


def __getattr__(name: str) -> Any:
    if name == "DATE_TYPES":  # rdflib terms, made when first asked for
        return _date_types()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def parse_date(text: str) -> Literal:
    """The typed literal for a date written at day, month or year precision.

    >>> from rdflib.namespace import XSD
    >>> parse_date("2014-06").datatype == XSD.gYearMonth
    True
    >>> parse_date("2014-13-45")
    Traceback (most recent call last):
    ...
    ValueError: '2014-13-45' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY
    """
    text = str(text).strip()
    m = _DATE.match(text)
    try:
        if m is None or date_interval(text) is None:
            raise ValueError
    except (ValueError, ParameterError):
        raise ValueError(f"{text!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY") from None
    from rdflib import Literal

    year, month, day = m.groups()
    types = _date_types()
    return Literal(text, datatype=types[0] if day else types[1] if month else types[2])


__all__ = ["DATE_TYPES", "When", "date_interval", "parse_date"]
