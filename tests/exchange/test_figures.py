"""The checklist every figure passes (graph.exchange.figures), on figures built to fail it, and
every chart the notebooks draw (graph.exchange.charts, graph.exchange.timelines), drawn from the
curated data and put through it: a legend, no label cut or covered, a title, alternative text."""

from __future__ import annotations

from datetime import date

import matplotlib.pyplot as plt  # the test process has no display: the Agg backend
import pytest

from graph.analysis.checked import checked_brokers, checked_coalitions, checked_polarisation
from graph.analysis.coalitions import coalition_filters
from graph.analysis.discourse import one_mode
from graph.errors import ParameterError
from graph.exchange import charts, timelines
from graph.exchange.figures import CHECKED, output, problems, wrap


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def titled_bars(labels=("a", "b")):
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.bar(list(labels), [1, 2], label="counts")
    ax.set_title("Bars")
    return fig, ax


def test_a_figure_with_a_legend_full_labels_and_a_title_passes():
    fig, ax = titled_bars()
    ax.legend()
    assert problems(fig) == []


@pytest.mark.parametrize("spoil, problem", [
    (lambda fig, ax: ax.get_legend().remove(), "no legend or colour bar says what the colours and marks mean"),
    (lambda fig, ax: ax.set_xticks([0, 1], ["a", "Health and wellbeing boards lea…"]),
     "a label is cut short: 'Health and wellbeing boards lea…'"),
    (lambda fig, ax: ax.set_title(""), "no title says what the figure shows"),
    (lambda fig, ax: ax.text(0.5, 1.5, "a long note that runs out of the axes", clip_on=True),
     "a label runs out of its box: 'a long note that runs out of the axes'"),
    (lambda fig, ax: ax.legend(loc="upper left", bbox_to_anchor=(-0.05, -0.02)), "the legend covers a label: 'a'"),
    (lambda fig, ax: ax.legend(loc="lower right"), "the legend covers the data"),
])
def test_each_problem_is_named(spoil, problem):
    fig, ax = titled_bars()
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))
    spoil(fig, ax)
    assert problem in problems(fig)


def test_output_carries_the_alternative_text_and_refuses_a_figure_that_fails():
    fig, ax = titled_bars()
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))
    data, meta = output(fig, 'Two bars, "a" and "b".')
    assert data["text/html"].startswith('<img alt="Two bars, &quot;a&quot; and &quot;b&quot;." src="data:image/png;base64,')
    assert meta == {"image/png": {"alt": 'Two bars, "a" and "b".'}, "carekg": {"checked": list(CHECKED), "alt": 'Two bars, "a" and "b".'}}
    with pytest.raises(ParameterError, match="no alternative text"):
        output(fig, " ")
    fig2, _ = titled_bars()
    with pytest.raises(ParameterError, match="^this figure is not fit to show: no legend"):
        output(fig2, "Two bars.")


def test_wrap_never_cuts():
    label = "Statutory duty on commissioners to enact a collective commissioning plan"
    assert wrap(label, 20).replace("\n", " ") == label and max(len(x) for x in wrap(label, 20).splitlines()) <= 20


# ---- every chart of the notebooks, from the curated data -------------------------------------

@pytest.fixture(scope="module")
def periods(records):
    return {"all": checked_coalitions(records, runs=5)[0], "named": checked_coalitions(records, runs=5, named_only=True)[0]}


def charts_of(records, periods, influence, network):
    sel = coalition_filters({"named_only": True})
    agree = one_mode(records, qualifier="congruence", normalization="average", isolates=False, **sel)
    conflict = one_mode(records, qualifier="conflict", normalization="average", isolates=False, **sel)
    overall, = checked_polarisation(records)
    posts = [{"person": network.nodes[u]["label"], "organisation": network.nodes[v]["label"], "post": d["label"], "former": d["recalled"]}
             for u, v, d in network.edges(data=True) if d["kind"] == "post"]
    yield "heat map", charts.stance_heat_map(records, periods["all"], "All actors")
    yield "heat map, named", charts.stance_heat_map([r for r in records if not r["actor_unnamed"]], periods["named"], "Named actors")
    yield "networks", charts.agreement_networks(agree, conflict, periods["named"], "Agreement and conflict")
    yield "robustness", charts.robustness_matrix(periods["all"]["robustness"], "Each finding under each check")
    yield "stability", charts.stability_bars(periods["all"], "Stability")
    yield "polarisation", charts.polarisation_bars([r for r in overall["proposals"] if r["polarisation"] is not None], "Polarisation")
    yield "polarisation by year", charts.polarisation_years(checked_polarisation(records, window="year", checks=[]), "By year")
    yield "centrality", charts.centrality_bars(checked_brokers(influence, records, top=0, runs=0)["central"], "Central actors")
    yield "posts", charts.flows(posts, "person", "organisation", lambda r: r["post"], lambda r: ("#999999", "--" if r["former"] else "-"),
                                "Posts", [("held", "#999999", "-"), ("former", "#999999", "--")])
    yield "stance timeline", timelines.stance_timeline(records, "Stances")
    yield "events", timelines.event_timeline([("Conference", date(2014, 6, 5), date(2014, 6, 5)), ("Review", None, date(2016, 11, 30))], "Events")
    yield "per year", timelines.stances_per_year({2014: (33, 7), 2015: (15, 7)}, "Per year")


def test_every_chart_passes_the_checklist(records, periods, influence, network):
    drawn = dict(charts_of(records, periods, influence, network))
    assert {name: problems(fig) for name, fig in drawn.items()} == {name: [] for name in drawn}


def test_conditional_and_words_only_support_never_share_a_colour():
    colours = [charts.position_colour(p) for p in charts.POSITIONS]
    assert len(set(colours)) == len(colours) == 4
    assert charts.MIXED not in colours and not {charts.ROBUST, charts.FRAGILE} & set(colours)


def test_the_documented_way_to_a_publishable_figure_runs(tmp_path, monkeypatch):
    """docs/analysis.md ("From the command line to a publishable figure") draws, checks and writes a
    chart in a few lines of Python: they run as shown, and write a PNG."""
    import re

    from ..helpers import ROOT

    page = (ROOT / "docs" / "analysis.md").read_text(encoding="utf-8")
    section = page.split("## From the command line to a publishable figure", 1)[1].split("\n## ", 1)[0]
    snippet, = re.findall(r"```python\n(.*?)```", section, re.S)
    monkeypatch.chdir(tmp_path)
    exec(compile(snippet, "docs/analysis.md", "exec"), {})
    assert (tmp_path / "positions.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_no_stance_on_the_timeline_hides_another(records):
    """The King's Fund's summer-2015 stance on "A single pooled budget in every area" (article 000)
    lies inside its 2015 one: each gets a lane of the actor's row, so no bar covers another."""
    from matplotlib.patches import Rectangle

    fig = timelines.stance_timeline(records, "Stances")
    ax = fig.axes[0]
    bars = [p.get_bbox() for p in ax.patches if isinstance(p, Rectangle) and p.get_width() > 0]
    covered = [(a, b) for a in bars for b in bars if a is not b
               and a.x0 <= b.x0 and b.x1 <= a.x1 and a.y0 <= b.y0 and b.y1 <= a.y1]
    assert len(bars) > 20 and covered == []
