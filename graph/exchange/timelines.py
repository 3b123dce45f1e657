"""The charts of the timeline notebook: stances and events over the interval their dates allow.

Each claim is drawn exactly over the interval its text allows (``carekg:earliest`` to
``carekg:latest``): a day is a point, a month, a season or a year a bar across it, and a past the
article recalls without a start an open bar that runs in from the left edge and stops at the last
day the text allows.  Nothing is placed at a false point in time.  Each function returns a figure
with a legend, full labels and a title, for :func:`graph.exchange.figures.show`.

- :func:`stance_timeline`: one row per actor on each proposal, under the proposal's name, the
  mark coloured by the position (hollow or hatched when read from the text);
- :func:`event_timeline`: the dated claims about events and programmes;
- :func:`stances_per_year`: how many stances certainly, or only possibly, fall in each year.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from graph.exchange.figures import problems
>>> problems(stances_per_year({2014: (3, 1), 2015: (0, 2)}, "Stances per year"))
[]
"""

from __future__ import annotations

from datetime import date, timedelta

from graph.exchange.charts import POSITIONS, position_colour
from graph.exchange.figures import wrap
from graph.map.styles import kind_label

START, END = date(2013, 1, 1), date(2017, 12, 31)
EVENT = "#e9b949"


def _plt():
    import matplotlib.pyplot as plt

    return plt


def precision(earliest, latest) -> str:
    """How precisely a claim is dated, from its interval.

    >>> precision(None, date(2015, 12, 31)), precision(date(2014, 6, 5), date(2014, 6, 5)), precision(date(2015, 6, 1), date(2015, 8, 31))
    ('open start (recalled)', 'day', 'season')
    """
    if earliest is None:
        return "open start (recalled)"
    days = (latest - earliest).days + 1
    return "day" if days == 1 else "month" if days <= 31 else "season" if days < 365 else "year" if days <= 366 else "longer"


def _mark(ax, y, earliest, latest, colour, hollow: bool, left=START, height: float = 0.55):
    """One claim's interval at height ``y``, a bar ``height`` thick."""
    kind = precision(earliest, latest)
    face = "white" if hollow else colour
    if kind == "day":
        ax.plot(latest, y, "o", color=colour, mfc=face, ms=6, mec=colour if hollow else "black", mew=1 if hollow else 0.5, zorder=3)
    elif kind == "open start (recalled)":
        ax.plot([left, latest], [y, y], color=colour, lw=3, alpha=0.3, solid_capstyle="butt")
        ax.plot(latest, y, "<", color=colour, mfc=face, ms=6, mec=colour if hollow else "black", mew=1 if hollow else 0.5, zorder=3)
    else:
        ax.barh(y, (latest - earliest).days + 1, left=earliest, height=height, color=face, edgecolor=colour,
                hatch="////" if hollow else None, linewidth=1)


def _legend_handles(positions, hollow_label: str, bar_label: str):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list = [Patch(facecolor=position_colour(p), edgecolor="black", label=kind_label(f"stance:{p}")) for p in positions]
    handles += [Patch(facecolor="white", edgecolor="#555555", hatch="////", label=hollow_label),
                Line2D([], [], marker="o", ls="", color="#777777", mec="black", label="dated to the day"),
                Patch(facecolor="#777777", label=bar_label),
                Line2D([], [], marker="<", color="#777777", lw=3, alpha=0.6, label="recalled: no start, ends by this date")]
    return handles


def stance_timeline(records, title: str, least: int = 2):
    """The stances on each proposal with at least ``least`` stances, one row per actor under the
    proposal's name (proposals with the most stances first), each over its interval."""
    plt = _plt()
    from graph.analysis.stances import as_records

    recs = as_records(records)
    by_prop: dict = {}
    for r in recs:
        if r.when.span:
            by_prop.setdefault(r.proposal, []).append(r)
    props = sorted((p for p, rs in by_prop.items() if len(rs) >= least), key=lambda p: (-len(by_prop[p]), by_prop[p][0].proposal_label))
    rows: list = []
    for p in props:
        rows.append(("proposal", by_prop[p][0].proposal_label))
        for actor in sorted({r.actor_label for r in by_prop[p]}):
            rows.append(("actor", actor, [r for r in by_prop[p] if r.actor_label == actor]))
    fig, ax = plt.subplots(figsize=(13, 0.24 * len(rows) + 2.2))
    for y, row in enumerate(rows):
        if row[0] == "proposal":
            ax.axhline(y + 0.5, color="#cccccc", lw=0.6)
            continue
        # an actor's stances on one proposal share the row in lanes of their own, so a season
        # inside a year (or two claims on one day) stays visible beside the other
        lanes = sorted(row[2], key=lambda r: (r.when.span[0] or START, r.when.span[1] or END))
        k = len(lanes)
        for i, r in enumerate(lanes):
            first, last = r.when.span
            _mark(ax, y + (i - (k - 1) / 2) * 0.62 / k, first, last, position_colour(r.position), r.implicit, height=0.55 / k)
    labels = [wrap(row[1], 90) if row[0] == "proposal" else "   " + row[1] for row in rows]
    ax.set_yticks(range(len(rows)), labels, fontsize=7)
    for tick, row in zip(ax.get_yticklabels(), rows):
        if row[0] == "proposal":
            tick.set_fontweight("bold")
    ax.set_ylim(len(rows) - 0.5, -0.7)
    ax.set_xlim(START, END + timedelta(days=1))
    ax.grid(axis="x", color="#dddddd")
    ax.legend(handles=_legend_handles(POSITIONS, "read from the text (implicit): hollow or hatched", "month, season or year: the whole interval"),
              loc="lower left", bbox_to_anchor=(0, 1.0), ncol=4, fontsize=7, frameon=False)
    ax.set_title(title, fontsize=10, pad=48)
    return fig


def event_timeline(spans: list[tuple], title: str):
    """``spans``: (event label, earliest or None, latest) per distinct interval of a claim about an
    event or programme, within the chart's years; one row per event, the first dated first."""
    plt = _plt()
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    order = sorted({e for e, _, _ in spans}, key=lambda e: (min(last for x, _, last in spans if x == e), e))
    fig, ax = plt.subplots(figsize=(13, 0.42 * len(order) + 2))
    for event, first, last in spans:
        _mark(ax, order.index(event), first, last, EVENT, False)
    ax.set_yticks(range(len(order)), [wrap(e, 70) for e in order], fontsize=7)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlim(START, END + timedelta(days=1))
    ax.grid(axis="x", color="#dddddd")
    ax.legend(handles=[Line2D([], [], marker="o", ls="", color=EVENT, mec="black", label="a claim dated to the day"),
                       Patch(facecolor=EVENT, label="to a month or a year: the whole interval"),
                       Line2D([], [], marker="<", color=EVENT, lw=3, alpha=0.6, label="recalled: no start, ends by this date")],
              loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, fontsize=8, frameon=False)
    ax.set_title(title, fontsize=10, pad=24)
    return fig


def stances_per_year(counts: dict, title: str):
    """``counts``: year -> (stances certainly in it, stances only possibly in it), as stacked bars."""
    plt = _plt()
    years = sorted(counts)
    certain, possible = [counts[y][0] for y in years], [counts[y][1] for y in years]
    fig, ax = plt.subplots(figsize=(7, 3.8))
    ax.bar([str(y) for y in years], certain, color="#4e79a7", label="dated wholly within the year: certainly in it")
    ax.bar([str(y) for y in years], possible, bottom=certain, color="#c9d6e6", edgecolor="#4e79a7",
           label="interval only overlapping the year: possibly in it")
    for i, (c, p) in enumerate(zip(certain, possible)):
        ax.text(i, c + p + 0.5, f"{c} + {p}", ha="center", fontsize=7)
    ax.set_ylabel("stances")
    ax.set_ylim(0, max(c + p for c, p in zip(certain, possible)) * 1.15 + 1)
    ax.legend(fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False)
    ax.set_title(title, fontsize=10, pad=40)
    return fig


__all__ = ["START", "END", "precision", "stance_timeline", "event_timeline", "stances_per_year"]
