"""The charts of the coalitions and influence notebooks, each fit to publish as drawn.

Each function takes what the library returns (stance records, a checked period of
:func:`graph.analysis.checked.checked_coalitions`, polarisation periods, centrality rows...) and
returns a matplotlib figure with a legend, full labels (wrapped, never cut) and a title, ready
for :func:`graph.exchange.figures.show` with its alternative text.  Colours are the map's
(:data:`graph.map.styles.STYLES`): one colour per stance position, so conditional support and
support in words only never share one; a stance read from the text (implicit) is hatched.

- :func:`stance_heat_map`: each actor's position on each proposal, actors grouped by coalition;
- :func:`agreement_networks`: who agrees and who conflicts, side by side on one layout;
- :func:`robustness_matrix`: each finding against each check (holds, breaks, cannot tell);
- :func:`stability_bars`, :func:`polarisation_bars`, :func:`polarisation_years`;
- :func:`centrality_bars` and :func:`flows` (who is linked to whom, for posts and money).

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from graph.exchange.figures import problems
>>> fig = polarisation_bars([{"label": "Pool health and social care budgets", "polarisation": 0.5, "support": 4,
...                           "oppose": 2, "conditional": 2, "robust": False}], "Polarisation per proposal")
>>> problems(fig)
[]
"""

from __future__ import annotations

from collections.abc import Callable

from graph.analysis.coalitions import LONE, coalition_name
from graph.analysis.stances import as_records
from graph.exchange.figures import wrap
from graph.map.styles import STYLES, kind_label

POSITIONS = ("support", "conditional", "nominal", "oppose")
MIXED = "#7b1fa2"           # more than one position on one proposal
STATUS = {"holds": "#2e7d32", "breaks": "#d32f2f", "n/a": "#d0d0d0"}
ROBUST, FRAGILE, UNCHECKED = "#1f78b4", "#d95f02", "#b0b0b0"   # blue and orange: no stance's green or red
SUPPORTED = "#4d4d4d"       # a grouping the evidence supports (dark), against too thin (light)


def _plt():
    import matplotlib.pyplot as plt

    return plt


def position_colour(position: str) -> str:
    """The map's colour of a stance position.

    >>> position_colour("conditional") != position_colour("nominal")
    True
    """
    return STYLES["kinds"][f"stance:{position}"]["color"]


def _patch(colour, label, hatch=None):
    from matplotlib.patches import Patch

    return Patch(facecolor=colour, edgecolor="#555555", hatch=hatch, label=label)


def coalition_colours(period: dict) -> dict:
    """Coalition id -> colour, as the map colours them (groupings of two or more in order, the
    actors alone white)."""
    groups = [c for c in period["coalitions"] if c["size"] > 1]
    colours = {c["id"]: STYLES["coalitionColors"][i % len(STYLES["coalitionColors"])] for i, c in enumerate(groups)}
    return colours | {c["id"]: "#ffffff" for c in period["coalitions"] if c["size"] == 1}


def _group_name(c: dict) -> str:
    verdicts = ["supported" if c["supported"] else "too thin"] if c["size"] > 1 else []
    if c.get("robust") is not None and c["size"] > 1:
        verdicts.append("robust" if c["robust"] else "not robust")
    return coalition_name(c) + (f" ({', '.join(verdicts)})" if verdicts else "")


def stance_heat_map(records, period: dict, title: str):
    """Each actor's position on each proposal: rows are actors grouped by coalition (in the order
    of ``period["coalitions"]``, the actors alone next, and last those of ``records`` whose every
    stance is on a consensus proposal), columns the proposals most argued over first, a consensus
    proposal (left out of the coalitions) marked so.  A cell is the position
    (purple when the actor took more than one); hatched when every stance in it is implicit."""
    plt = _plt()
    from matplotlib.patches import Rectangle

    recs = as_records(records)
    groups = sorted(period["coalitions"], key=lambda c: (c["size"] == 1, c["id"]))
    labels = {r.actor: r.actor_label for r in recs} | {r.proposal: r.proposal_label for r in recs}
    rows = [m for c in groups for m in c["members"]]
    outside = sorted({r.actor for r in recs} - set(rows), key=lambda a: labels[a])   # only consensus stances: in no coalition
    rows += outside
    cells: dict = {}
    for r in recs:
        if r.actor in rows:
            cells.setdefault((r.actor, r.proposal), []).append(r)
    speakers: dict = {}
    for a, p in cells:
        speakers.setdefault(p, set()).add(a)
    cols = sorted(speakers, key=lambda p: (-len(speakers[p]), labels[p]))
    left_out = {c["proposal"] for c in period.get("consensus") or ()}
    fig, ax = plt.subplots(figsize=(0.5 * len(cols) + 4.5, 0.34 * len(rows) + 3.6))
    for (a, p), rs in cells.items():
        x, y = cols.index(p), rows.index(a)
        kinds = {r.position for r in rs}
        colour = position_colour(next(iter(kinds))) if len(kinds) == 1 else MIXED
        ax.add_patch(Rectangle((x - 0.5, y - 0.5), 1, 1, facecolor=colour, edgecolor="white", linewidth=1))
        if all(r.implicit for r in rs):
            ax.add_patch(Rectangle((x - 0.5, y - 0.5), 1, 1, facecolor="none", edgecolor="white", hatch="////", linewidth=0))
    ax.set_xlim(-0.5, len(cols) - 0.5)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xticks(range(len(cols)), [wrap(labels[p] + (" (consensus: left out)" if p in left_out else ""), 30) for p in cols],
                  rotation=90, fontsize=7)
    ax.set_yticks(range(len(rows)), [wrap(labels.get(a, a), 40) for a in rows], fontsize=8)
    ax.set_facecolor("#f7f7f7")
    start = 0
    for c in groups if groups else []:
        end = start + c["size"]
        if c["size"] > 1 or start == sum(g["size"] for g in groups if g["size"] > 1):
            ax.axhline(start - 0.5, color="black", linewidth=1.2)
            name = _group_name(c) if c["size"] > 1 else LONE[0].upper() + LONE[1:]
            ax.text(len(cols) - 0.3, start - 0.35, name, fontsize=7, va="top", ha="left", clip_on=False)
        start = end
    if outside:
        ax.axhline(start - 0.5, color="black", linewidth=1.2)
        ax.text(len(cols) - 0.3, start - 0.35, wrap("No stance on a contested proposal", 24), fontsize=7, va="top", ha="left", clip_on=False)
    handles = [_patch(position_colour(p), kind_label(f"stance:{p}")) for p in POSITIONS]
    handles += [_patch(MIXED, "More than one position"), _patch("#9e9e9e", "Read from the text (implicit)", "////")]
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.01), ncol=6, fontsize=8, frameon=False)
    ax.set_title(title, fontsize=10, pad=28)
    return fig


def agreement_networks(agree, conflict, period: dict, title: str):
    """Two panels on one layout: who agrees (the congruence network) and who conflicts (the
    conflict network), line width the normalised weight; nodes coloured by coalition."""
    plt = _plt()
    import networkx as nx
    from matplotlib.lines import Line2D

    nodes = sorted(set(agree) | set(conflict))
    layout = nx.Graph()
    layout.add_nodes_from(nodes)
    # agreement pulls together and conflict pushes apart: shortest paths over agreement (short)
    # and conflict (long) give Kamada-Kawai its distances, one picture for both panels
    layout.add_edges_from(((u, v, {"d": 1.0}) for u, v in agree.edges), )
    layout.add_edges_from(((u, v, {"d": 2.5}) for u, v in conflict.edges if not layout.has_edge(u, v)))
    pos = nx.kamada_kawai_layout(layout, weight="d") if layout.number_of_edges() else nx.circular_layout(layout)
    member = {m: c["id"] for c in period["coalitions"] for m in c["members"]}
    colours = coalition_colours(period)
    fill = [colours.get(member.get(n), "#d9d9d9") for n in nodes]
    labels = {n: (agree.nodes[n] if n in agree else conflict.nodes[n]).get("label", n) for n in nodes}
    fig, axes = plt.subplots(1, 2, figsize=(15, 7.5))
    for ax, g, colour, style, name in ((axes[0], agree, position_colour("support"), "solid", "Agreement (congruence)"),
                                       (axes[1], conflict, position_colour("oppose"), "dashed", "Conflict")):
        nx.draw_networkx_edges(g, pos, ax=ax, edge_color=colour, style=style, alpha=0.7,
                               width=[0.8 + 4 * w for *_, w in g.edges(data="weight")])
        nx.draw_networkx_nodes(layout, pos, ax=ax, nodelist=nodes, node_color=fill, node_size=180, edgecolors="#333333")
        for n in nodes:
            x, y = pos[n]
            ax.annotate(wrap(labels[n], 22), (x, y), xytext=(0, -9), textcoords="offset points", ha="center", va="top",
                        fontsize=7, bbox=dict(facecolor="white", edgecolor="none", alpha=0.8, pad=0.5))
        ax.set_title(f"{name}: {g.number_of_edges()} pair(s)", fontsize=10)
        ax.margins(0.12)
        ax.axis("off")
    handles = [Line2D([], [], marker="o", ls="", markerfacecolor=colours[c["id"]], markeredgecolor="#333333", markersize=8,
                      label=_group_name(c)) for c in period["coalitions"] if c["size"] > 1]
    if any(c["size"] == 1 for c in period["coalitions"]):
        handles.append(Line2D([], [], marker="o", ls="", markerfacecolor="#ffffff", markeredgecolor="#333333", markersize=8,
                              label=LONE[0].upper() + LONE[1:]))
    handles += [Line2D([], [], color=position_colour("support"), lw=3, label="agree (wider: more, relative to how much each says)"),
                Line2D([], [], color=position_colour("oppose"), lw=3, ls="--", label="conflict")]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=8, frameon=False)
    fig.suptitle(title, fontsize=11)
    fig.subplots_adjust(bottom=0.16)
    return fig


def robustness_matrix(verdicts: list[dict], title: str, kinds=("coalition", "member", "alone")):
    """Each finding (rows, its claim wrapped) against each check (columns): holds, breaks, or
    cannot tell; the last column says whether it is robust."""
    plt = _plt()
    from matplotlib.patches import Rectangle

    rows = [v for v in verdicts if v["key"][0] in kinds]
    checks = list(rows[0]["checks"]) if rows else []
    words = [rows[0]["checks"][c]["words"] for c in checks] if rows else []
    fig, ax = plt.subplots(figsize=(5 + 1.1 * (len(checks) + 1), 0.42 * len(rows) + 2.2))
    for y, v in enumerate(rows):
        for x, c in enumerate(checks):
            status = v["checks"][c]["status"]
            ax.add_patch(Rectangle((x - 0.5, y - 0.5), 1, 1, facecolor=STATUS[status], edgecolor="white"))
            ax.text(x, y, status, ha="center", va="center", fontsize=7, color="#1f2328" if status == "n/a" else "white")
        ax.add_patch(Rectangle((len(checks) - 0.5, y - 0.5), 1, 1, facecolor=ROBUST if v["robust"] else FRAGILE, edgecolor="white"))
        ax.text(len(checks), y, "robust" if v["robust"] else "not robust", ha="center", va="center", fontsize=7, color="white")
    ax.set_xlim(-0.5, len(checks) + 0.5)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xticks(range(len(checks) + 1), [wrap(w, 14) for w in words] + ["verdict"], fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(rows)), [wrap(v["claim"], 70) for v in rows], fontsize=7)
    handles = [_patch(STATUS["holds"], "holds"), _patch(STATUS["breaks"], "breaks"), _patch(STATUS["n/a"], "n/a: cannot tell (what it is about is missing)"),
               _patch(ROBUST, "robust: no check breaks it"), _patch(FRAGILE, "not robust")]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=8, frameon=False)
    ax.set_title(title, fontsize=10, pad=38)
    fig.subplots_adjust(bottom=0.1)
    return fig


def stability_bars(period: dict, title: str):
    """How often each grouping's members stay together in the resampled runs, most stable at the
    top, the groupings the evidence supports in their own colour; the line is the half below
    which none is called supported."""
    plt = _plt()
    from matplotlib.lines import Line2D

    groups = sorted((c for c in period["coalitions"] if c["size"] > 1 and c.get("stability") is not None),
                    key=lambda c: (-c["stability"], c["id"]))
    fig, ax = plt.subplots(figsize=(9, 0.62 * len(groups) + 1.8))
    names = [wrap(f"{coalition_name(c)}: " + "; ".join(c["labels"]), 60) for c in groups]
    ax.barh(range(len(groups)), [c["stability"] for c in groups], color=[SUPPORTED if c["supported"] else UNCHECKED for c in groups])
    ax.set_yticks(range(len(groups)), names, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(0.5, color="black", ls="--", lw=1)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of resampled runs (80% of the stances each) in which its members stay together", fontsize=8)
    ax.legend(handles=[_patch(SUPPORTED, "supported by the evidence"), _patch(UNCHECKED, "too thin"),
                       Line2D([], [], color="black", ls="--", label="one half: below it, never called supported")],
              fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, frameon=False)
    ax.set_title(title, fontsize=10, pad=26)
    return fig


def polarisation_bars(rows: list[dict], title: str):
    """Polarisation per proposal, most polarised at the top: 4 x for x against / actors^2, so 1 is
    two equal opposed camps with nobody in between and 0 is nobody against anybody; each bar
    says who is for and against, its colour whether the division survives the checks (a
    proposal all on one side is a grey mark at 0)."""
    plt = _plt()
    from matplotlib.lines import Line2D

    rows = sorted(rows, key=lambda r: (-r["polarisation"], r["label"]))
    fig, ax = plt.subplots(figsize=(10, 0.5 * len(rows) + 2.2))
    divided = lambda r: bool(r["support"] and r["oppose"])
    ax.barh(range(len(rows)), [r["polarisation"] for r in rows],
            color=[(ROBUST if r.get("robust") else FRAGILE) if divided(r) else UNCHECKED for r in rows])
    flat = [i for i, r in enumerate(rows) if not divided(r)]
    ax.plot([0] * len(flat), flat, "o", color=UNCHECKED, markeredgecolor="#555555", clip_on=False)
    for i, r in enumerate(rows):
        ax.text(r["polarisation"] + 0.015, i, f"{r['support']} for, {r['oppose']} against, {r['conditional']} in between",
                va="center", fontsize=7)
    ax.set_yticks(range(len(rows)), [wrap(r["label"], 45) for r in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.45)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
    ax.set_xlabel("polarisation: 0 = nobody against anybody, 1 = two equal opposed camps and nobody in between", fontsize=8)
    ax.legend(handles=[_patch(ROBUST, "divides its actors under every check"), _patch(FRAGILE, "divides them, but not under every check"),
                       Line2D([], [], marker="o", ls="", color=UNCHECKED, markeredgecolor="#555555", label="not divided: all on one side")],
              fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, frameon=False)
    ax.set_title(title, fontsize=10, pad=26)
    return fig


def polarisation_years(periods: list[dict], title: str):
    """Polarisation year by year: the debate's (its coalitions' split) and the mean over the
    proposals with two or more actors; a year with nothing to measure is left as a gap, and said so."""
    plt = _plt()
    years = [p["period"] for p in periods]
    fig, ax = plt.subplots(figsize=(8, 3.8))
    for key, name, style in (("debate", "the debate (its coalitions' split)", dict(color="#333333", marker="o", ms=10, mfc="white")),
                             ("mean_proposal", "mean over the proposals with two or more actors", dict(color=MIXED, marker="s", ms=5, ls="--"))):
        ax.plot(years, [p[key] if p[key] is not None else float("nan") for p in periods], label=name, **style)
    for i, p in enumerate(periods):
        if p["debate"] is None and p["mean_proposal"] is None:
            ax.text(i, 0.05, f"{p['stances']} stances:\nnothing to measure", ha="center", fontsize=7)
    ax.set_ylim(-0.03, 1.05)
    ax.set_ylabel("polarisation (1 = two equal opposed camps)", fontsize=8)
    ax.legend(fontsize=8, loc="upper right")
    ax.set_title(title, fontsize=10)
    return fig


def centrality_bars(rows: list[dict], title: str, n: int = 12):
    """Betweenness, reach and claims of the ``n`` most between actors, the most between at the
    top of every panel; coloured by whether being among the five most between survives the
    checks.  (PageRank, which counts the claims pointing *at* a node, ranks what is argued over,
    proposals and documents, not actors: in the influence view every actor has the same.)"""
    plt = _plt()
    rows = rows[:n]
    fig, axes = plt.subplots(1, 3, figsize=(14, 0.45 * len(rows) + 2.2), sharey=True, layout="constrained")
    colour = [ROBUST if r.get("robust") else FRAGILE if r.get("robust") is False else UNCHECKED for r in rows]
    for ax, key, name in zip(axes, ("betweenness", "reach", "degree"),
                             ("betweenness: on the shortest paths between others", "reach: the claims it makes towards prominent nodes",
                              "claims it makes or is the object of")):
        ax.barh(range(len(rows)), [r[key] for r in rows], color=colour)
        ax.set_title(wrap(name, 36), fontsize=9)
        ax.tick_params(axis="x", labelsize=7)
    axes[0].set_yticks(range(len(rows)), [wrap(r["label"], 30) for r in rows], fontsize=8)
    axes[0].invert_yaxis()   # shared: the most between at the top of all three
    fig.legend(handles=[_patch(ROBUST, "among the five most between under every check"),
                        _patch(FRAGILE, "among the five, but not under every check"), _patch(UNCHECKED, "not among the five")],
               loc="outside lower center", ncol=3, fontsize=8, frameon=False)
    fig.suptitle(title, fontsize=11)
    return fig


def flows(rows: list[dict], left: str, right: str, edge_label: Callable[[dict], str], style: Callable[[dict], tuple],
          title: str, legend: list[tuple[str, str, str]]):
    """Names on the left linked to names on the right, one arrow per row (a claim), labelled with
    ``edge_label`` of the row; ``style(row) -> (colour, line style)``; ``legend``: (label, colour,
    line style) entries.  Names are wrapped, never cut."""
    plt = _plt()
    from matplotlib.lines import Line2D

    lefts = sorted({r[left] for r in rows})
    centre = {x: sum(lefts.index(r[left]) for r in rows if r[right] == x) / sum(1 for r in rows if r[right] == x)
              for x in {r[right] for r in rows}}
    rights = sorted(centre, key=lambda x: (centre[x], x))
    span = max(len(lefts), len(rights))
    y = lambda names, n: (len(names) - 1 - names.index(n)) * (span - 1) / max(1, len(names) - 1)
    fig, ax = plt.subplots(figsize=(13, 0.55 * span + 1.8))
    seen: dict = {}
    out: dict = {}
    for r in rows:
        k = seen[(r[left], r[right])] = seen.get((r[left], r[right]), -1) + 1
        m = out[r[left]] = out.get(r[left], -1) + 1
        y0, y1 = y(lefts, r[left]), y(rights, r[right])
        colour, dashes = style(r)
        ax.annotate("", xy=(1, y1), xytext=(0, y0), arrowprops=dict(arrowstyle="->", color=colour, ls=dashes, lw=1.4,
                                                                       connectionstyle=f"arc3,rad={0.12 * k}"))
        ax.text(0.03, y0 + 0.3 * m - 0.05, wrap(edge_label(r), 48), fontsize=7, ha="left", va="bottom", color=colour,
                bbox=dict(facecolor="white", edgecolor="none", alpha=0.85, pad=0.3))
    for names, x, ha in ((lefts, -0.02, "right"), (rights, 1.02, "left")):
        for n in names:
            ax.text(x, y(names, n), wrap(n, 34), ha=ha, va="center", fontsize=8)
    ax.set_xlim(-0.6, 1.6)
    ax.set_ylim(-0.8, span - 0.2)
    ax.axis("off")
    ax.legend(handles=[Line2D([], [], color=c, ls=s, lw=2, label=lbl) for lbl, c, s in legend], loc="upper center",
              bbox_to_anchor=(0.5, -0.01), ncol=len(legend), fontsize=8, frameon=False)
    ax.set_title(title, fontsize=10)
    return fig


__all__ = ["POSITIONS", "position_colour", "coalition_colours", "stance_heat_map", "agreement_networks", "robustness_matrix",
           "stability_bars", "polarisation_bars", "polarisation_years", "centrality_bars", "flows"]
