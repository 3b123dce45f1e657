"""Time windows and kernels: the debate seen through a moving window, as DNA's time slices.

A time slice is centred on a mid-point ``mid`` and covers ``size`` time units (days, weeks,
months or years), half before and half after; mid-points step by ``step`` units from the first
stance's day to the last (``indent=True`` starts and ends them half a window inside, as DNA's
``indentTime``).  A stance counts in a slice by a **kernel** of its distance from the
mid-point, standardised as u = 2 (t - mid) / size (so |u| <= 1 inside the window):

==============  ======================================  =================================
kernel          K(u) for |u| <= 1 (0 outside)           at the mid-point, at the edges
==============  ======================================  =================================
uniform         1/2                                     1/2, 1/2
triangular      1 - |u|                                 1, 0
epanechnikov    3/4 (1 - u^2)                           3/4, 0
gaussian        exp(-u^2 / 2) / sqrt(2 pi), every u     0.3989..., 0.2420... (never 0)
==============  ======================================  =================================

Each kernel is a density (it integrates to 1 over u) and symmetric, K(u) = K(-u).  DNA codes its
triangular kernel as |1 - u|, which is not symmetric (a stance half a window *after* the mid-point
weighs 1.5 times one at the mid-point), and its Epanechnikov kernel was (1 - u)^2 before 3.1;
these are the textbook kernels instead.

**A stance's time is an interval, not a day** (its ``earliest`` to ``latest``; see
:mod:`graph.analysis.stances`): a stance dated "2015" weighs the kernel's *mean* over the days
of 2015, so it is spread over the year rather than placed on 1 January.  A stance with an open
start (a policy recalled without a date) cannot be placed and counts in no slice: each slice
says how many were left out.  Time units: a week is 7 days, a month 365.2425 / 12 days and a
year 365.2425 days (mid-points of months and years fall on calendar months and years).

Without a kernel (``kernel=None``) a window is DNA's moving window: a stance counts, with
weight 1, when its interval overlaps the window (or lies within it, ``dates="within"``).

Examples
--------
>>> kernel_weight("triangular", 0.5), kernel_weight("triangular", -0.5), kernel_weight("uniform", 1.2)
(0.5, 0.5, 0.0)
>>> [s.mid for s in time_slices([dict(actor="ex:a", proposal="ex:p", position="support", date="2014-03")],
...                             size=2, unit="months")]
['2014-03-01']
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from graph.analysis.stances import FILTERS, as_records, check_option, filter_stances, first_day, last_day
from graph.errors import ParameterError
from graph.rdf.progress import track

KERNELS = ("uniform", "triangular", "epanechnikov", "gaussian")
UNITS = ("days", "weeks", "months", "years")
DAYS = {"days": 1.0, "weeks": 7.0, "months": 365.2425 / 12, "years": 365.2425}
SAMPLES = 366  # most days of a stance's interval the kernel is averaged over (evenly spread beyond)


def kernel_weight(kernel: str, u: float) -> float:
    """K(u) of one of :data:`KERNELS` (module docstring).

    >>> [round(kernel_weight(k, 0.0), 4) for k in KERNELS]
    [0.5, 1.0, 0.75, 0.3989]
    """
    check_option("kernel", kernel, KERNELS)
    if kernel == "gaussian":
        return math.exp(-u * u / 2) / math.sqrt(2 * math.pi)
    if abs(u) > 1:
        return 0.0
    return {"uniform": 0.5, "triangular": 1 - abs(u), "epanechnikov": 0.75 * (1 - u * u)}[kernel]


@dataclass(frozen=True)
class Slice:
    """One time slice: its number (from 0), first day, mid-point and last day (ISO dates)."""

    index: int
    start: str
    mid: str
    end: str


def _shift(day: date, n: int, unit: str) -> date:
    """``day`` moved by ``n`` units: calendar months and years, else days."""
    if unit in ("months", "years"):
        months = day.year * 12 + day.month - 1 + n * (12 if unit == "years" else 1)
        return date(months // 12, months % 12 + 1, 1)
    return day + timedelta(days=n * DAYS[unit])


def check_window(size, unit: str, step=1) -> None:
    """A window of a positive size in one of :data:`UNITS`, stepping by a positive whole number.

    >>> check_window(0, "months")
    Traceback (most recent call last):
    graph.errors.ParameterError: window size=0 is not allowed; give a positive number of months
    """
    check_option("unit", unit, UNITS)
    if isinstance(size, bool) or not isinstance(size, (int, float)) or not size > 0:
        shown = f"{size:g}" if isinstance(size, (int, float)) and not isinstance(size, bool) else repr(size)
        raise ParameterError(f"window size={shown} is not allowed; give a positive number of {unit}")
    if isinstance(step, bool) or not isinstance(step, int) or step < 1:
        raise ParameterError(f"window step={step!r} is not allowed; give a whole number of {unit}, at least 1")


def time_slices(records, size, unit: str = "months", step: int = 1, start=None, end=None,
                indent: bool = False) -> list[Slice]:
    """The slices of the range of the placed stances (or ``start`` to ``end``), see the module
    docstring.  Mid-points of months and years fall on the first of the month or year.

    >>> [(s.start, s.mid, s.end) for s in time_slices(
    ...     [dict(actor="ex:a", proposal="ex:p", position="support", date="2015")], 1, "years")]
    [('2014-07-02', '2015-01-01', '2015-07-03')]
    """
    check_window(size, unit, step)
    spans = [r.when.span for r in as_records(records)]
    days: list[date] = [d for s in spans if s and s[0] for d in s if d]
    lo, hi = first_day(start) or (min(days) if days else None), last_day(end) or (max(days) if days else None)
    if lo is None or hi is None:
        return []
    if lo > hi:
        raise ParameterError(f"start={start!r} is after end={end!r}")
    half = timedelta(days=round(size * DAYS[unit] / 2))
    earliest = lo + half if indent else lo
    hi = hi - half if indent else hi
    out: list[Slice] = []
    k = 0
    while (mid := _shift(earliest, k * step, unit)) <= hi:
        if not indent or mid >= earliest:   # a calendar month's first day may fall before the indented start
            out.append(Slice(len(out), (mid - half).isoformat(), mid.isoformat(), (mid + half).isoformat()))
        k += 1
    return out


def stance_weight(record, mid: str, size, unit: str = "months", kernel: str | None = "gaussian",
                  dates: str = "overlap") -> float:
    """The weight of one stance in the slice centred on ``mid``: the kernel's mean over the
    days of the stance's interval, or (``kernel=None``) 1 when the interval overlaps the window
    (``dates="within"``: lies in it) and 0 otherwise.  0 for a stance with an open start.

    >>> rec = dict(actor="ex:a", proposal="ex:p", position="support", date="2015-01-11")
    >>> stance_weight(rec, "2015-01-01", 20, "days", "triangular")    # u = 2 * 10 / 20 = 1
    0.0
    >>> stance_weight(rec, "2015-01-06", 20, "days", "triangular")    # u = 0.5
    0.5
    >>> stance_weight(rec, "2015-01-06", 20, "days", None)
    1
    """
    r = as_records([record])[0]
    span = r.when.span
    if not span or span[0] is None:
        return 0.0
    centre, width = date.fromisoformat(mid), size * DAYS[unit]
    if kernel is None:
        half = timedelta(days=round(width / 2))
        lo, hi = centre - half, centre + half
        inside = (lo <= span[0] and span[1] <= hi) if dates == "within" else (span[0] <= hi and lo <= span[1])
        return 1 if inside else 0
    n = (span[1] - span[0]).days + 1
    points = [span[0] + timedelta(days=round(i * (n - 1) / (SAMPLES - 1))) for i in range(SAMPLES)] if n > SAMPLES else \
        [span[0] + timedelta(days=i) for i in range(n)]
    return sum(kernel_weight(kernel, 2 * (d - centre).days / width) for d in points) / len(points)


def placed(records) -> tuple[list, list]:
    """The records that can be placed in time (their interval has a start), and those that cannot.

    >>> ok, out = placed([dict(actor="ex:a", proposal="ex:p", position="support", latest="2015-12-31")])
    >>> len(ok), len(out)
    (0, 1)
    """
    recs = as_records(records)
    ok = [r for r in recs if r.when.span and r.when.span[0] is not None]
    return ok, [r for r in recs if r not in ok]


def slice_weights(records, piece: Slice, size, unit: str = "months", kernel: str | None = "gaussian",
                  dates: str = "overlap") -> dict:
    """Record -> its :func:`stance_weight` in ``piece``, for the records that weigh anything."""
    out = {}
    for r in as_records(records):
        w = stance_weight(r, piece.mid, size, unit, kernel, dates)
        if w:
            out[r] = w
    return out


def networks_over_time(records, build, size, unit: str = "months", kernel: str | None = "gaussian", step: int = 1,
                       indent: bool = False, **kw) -> list[dict]:
    """One network per time slice: ``build`` (:func:`graph.analysis.discourse.one_mode` or
    ``two_mode``) on the stances weighted by the kernel.  A pair of stances in a one-mode network
    counts sqrt(z z'); a two-mode cell sums z, as in DNA.  With a
    kernel, a one-mode network is normalised by ``average`` activity or not at all (DNA forces
    ``average``): the other normalisations count stances, not weights.  Every slice has the same
    node set (every selected actor), so slices compare cell by cell.

    Each item: ``slice`` (:class:`Slice`), ``graph``, ``stances`` (the IRIs of the stances that
    weigh anything in it) and ``unplaced`` (stances left out of every slice: an open start).

    >>> from graph.analysis.discourse import one_mode
    >>> recs = [dict(actor=a, proposal="ex:p", position="support", date=d, stance=f"ex:{a[3:]}{d}")
    ...         for a, d in [("ex:a", "2015-01-01"), ("ex:b", "2015-01-01"), ("ex:b", "2015-03-01")]]
    >>> out = networks_over_time(recs, one_mode, 1, "months", kernel="uniform", qualifier="congruence")
    >>> [(o["slice"].mid, o["graph"].number_of_edges(), o["stances"]) for o in out]
    [('2015-01-01', 1, ['ex:a2015-01-01', 'ex:b2015-01-01']), ('2015-02-01', 0, []), ('2015-03-01', 0, ['ex:b2015-03-01'])]
    """
    if kernel is not None:
        check_option("kernel", kernel, KERNELS)
        if kw.get("normalization", "no") not in ("no", "average", "activity", "prominence"):
            raise ParameterError(f"normalization={kw['normalization']!r} counts stances, not kernel weights; "
                                 "with a kernel use 'average' or 'no'")
    recs = as_records(records)
    ok, out_of_time = placed(recs)
    dates = kw.get("dates", "overlap")
    out = []
    for piece in track(time_slices(ok, size, unit, step, kw.get("start"), kw.get("end"), indent), "networks of the time slices"):
        z = slice_weights(ok, piece, size, unit, kernel, dates)
        weight = lambda r, z=z: z.get(r, 0.0)
        filters = {k: v for k, v in kw.items() if k not in ("start", "end", "dates")}
        stance_filters = {k: v for k, v in filters.items() if k in FILTERS}
        out.append({"slice": piece, "graph": build(recs, weight=weight, **filters),
                    "stances": sorted(r.stance for r in filter_stances(recs, **stance_filters) if r.stance and z.get(r)),
                    "unplaced": len(out_of_time)})
    return out


__all__ = ["networks_over_time", "slice_weights", "KERNELS", "UNITS", "DAYS", "kernel_weight", "Slice", "check_window", "time_slices",
           "stance_weight", "placed"]
