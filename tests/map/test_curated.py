"""End to end: `carekg map` on the curated graph opens offline in Chromium and explains its edges."""

from __future__ import annotations

import pytest

from graph.analysis.views import build_view
from graph.errors import CareKGError
from graph.kg.names import Entry, Names, fold
from graph.rdf.namespaces import KG

from ..browser import ARTIFACTS, in_range, wait_until
from ..helpers import run_carekg


@pytest.fixture(scope="module")
def curated(chromium, tmp_path_factory):
    """The map that `carekg map` writes from the curated graph, open in Chromium."""
    tmp_path = tmp_path_factory.mktemp("curated")
    out = tmp_path / "map.html"
    proc = run_carekg("map", "-o", out, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "lib").exists(), "no lib/ folder beside the map"
    assert list(tmp_path.iterdir()) == [out], "one file, nothing else"
    page = chromium.new_page(viewport={"width": 1440, "height": 900})
    blocked, errors = [], []
    page.route("**/*", lambda r: r.continue_() if r.request.url.split(":", 1)[0] in ("file", "data", "blob")
               else (blocked.append(r.request.url), r.abort()))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(out.as_uri())
    wait_until(page, "window.carekg && window.carekg.ready === true", timeout=20)
    yield page, out, blocked, errors
    page.close()


def test_cli_map_of_the_curated_graph(curated, kg):
    page, out, blocked, errors = curated
    G = build_view(kg, "network", facts=False)
    assert page.evaluate("carekg.network.body.data.nodes.length") == G.number_of_nodes()
    assert page.evaluate("carekg.network.body.data.edges.length") == G.number_of_edges()
    # Every edge in the page carries its article and evidence; pick Kell's opposition to a mandate.
    edge = next(k for u, v, k, d in G.edges(keys=True, data=True)
                if u.endswith("/steve-kell") and v.endswith("/proposal-national-mandate"))
    page.evaluate("id => carekg.showEdge(id)", edge)
    assert "said a top-down diktat on this was wrong" in page.inner_text("#details-evidence")
    # The stance in words, in its legend colour: both from the ontology's position (opposes).
    assert page.inner_text("#details-body .pos") == "opposes"
    assert page.evaluate("getComputedStyle(document.querySelector('#details-body .pos')).color") == "rgb(211, 47, 47)"
    assert "Lamb tells Confed" in page.inner_text("#details-source")
    # The details panel lists describe's facts: a former post is "formerly held", with the
    # interval its text allows (000: "a key policy of the former health minister").
    page.evaluate("id => carekg.showNode(id)", str(KG["norman-lamb"]))
    panel = page.inner_text("#details-body")
    assert "Norman Lamb formerly held Health minister" in panel and "Norman Lamb holds Health minister" in panel
    assert "no later than 2015-12-31 (“the former health minister”)" in panel and "former; recalled" in panel
    # A year shows what may fall in it: the chancellor's promise in "November’s spending review"
    # (a November before March 2017, no start) is in 2016 and earlier years, never in 2017.
    promise = str(KG["rel-003-07"])
    for year, shown in (("2016", True), ("2014", True), ("2017", False)):
        page.evaluate("y => carekg.setYear(y)", year)
        assert (promise in page.evaluate("carekg.edgesView.getIds()")) is shown, year
    page.evaluate("carekg.setYear('')")
    footer = page.inner_text("footer")
    assert str(G.number_of_nodes()) in footer and "5 source" in footer
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "curated-map.png"))
    assert blocked == [] and errors == []


def test_the_date_range_reads_each_claims_interval(curated, kg):
    """2016, a year no stance is dated within: only what may fall in it stays bright, such as the
    chancellor's promise in "November's spending review" (recalled, no start, by 2016-11-30)."""
    page = curated[0]
    page.evaluate("carekg.resetAll(false)")
    G = build_view(kg, "network", facts=False)
    page.evaluate("carekg.setRange('2016-01', '2016-12')")
    bright = set(page.evaluate("carekg.edges.get().filter(e => e.color.opacity > 0.1).map(e => e.id)"))
    assert bright == {k for *_, k, d in G.edges(keys=True, data=True) if in_range(d, "2016-01-01", "2016-12-31")}
    assert str(KG["rel-003-07"]) in bright
    lamb_2014 = {k for u, _, k, d in G.edges(keys=True, data=True) if u == str(KG["norman-lamb"]) and d.get("date") == "2014-06-05"}
    assert lamb_2014 and not lamb_2014 & bright   # the keynote's stances: a day in 2014
    assert page.inner_text("#range-status") == f"{G.number_of_edges() - len(bright)} of {G.number_of_edges()} relations outside"
    page.evaluate("carekg.setRange('', '')")
    assert page.evaluate("carekg.state.range") is None


QUERIES = ["DH", "Lamb", "Kings Fund", "King\u2019s Fund", "king's fund", "Better Care Fund", "better care fund",
           "Confed", "Norman Lmb", "kg:kings", "Oldham", "nhs", "Sant\u00e9", "  NORMAN   lamb ", "clinical comm"]


@pytest.mark.parametrize("typed", QUERIES)
def test_map_search_ranks_as_the_command_line_does(curated, typed):
    page = curated[0]
    index = page.evaluate("carekg.data.names")
    names = Names(Entry(iri, label, type_, tuple(aliases), instance) for iri, label, type_, aliases, instance in index)
    python = [(m.iri, m.how) for m in names.matches(typed)]
    browser = [tuple(x) for x in page.evaluate("t => carekg.matches(t).map(m => [m.id, m.how])", typed)]
    assert browser == python
    assert page.evaluate("t => carekg.fold(t)", typed) == fold(typed)
    try:
        resolved = names.resolve(typed)
    except CareKGError:
        resolved = None
    assert page.evaluate("t => carekg.resolveName(t).id", typed) == resolved


def test_map_search_never_jumps_to_a_word_inside_a_word(curated):
    page = curated[0]
    page.evaluate("carekg.resetAll(false)")
    # "DH" is the Department of Health's alias in the articles; "olDHam" is no match at all.
    page.fill("#search", "Confed")
    page.press("#search", "Enter")
    assert page.evaluate("carekg.network.getSelectedNodes()") == [str(KG["nhs-confederation"])]
    assert all("Oldham" not in m for m in page.evaluate("carekg.matches('DH').map(m => m.label)"))
    # "Lamb" is not a full name: Norman Lamb heads the list, and nothing is picked until chosen.
    page.evaluate("carekg.resetAll(false)")
    page.fill("#search", "Lamb")
    page.press("#search", "Enter")
    assert page.evaluate("carekg.network.getSelectedNodes()") == []
    choices = page.locator("#search-results .choice")
    assert choices.first.get_attribute("data-id") == str(KG["norman-lamb"])
    labels = [choices.nth(i).inner_text() for i in range(choices.count())]
    assert any(t.startswith("Audience members who questioned Norman Lamb") for t in labels[1:])
    assert "choose one" in page.inner_text("#search-status")
    choices.first.click()
    assert page.evaluate("carekg.network.getSelectedNodes()") == [str(KG["norman-lamb"])]
