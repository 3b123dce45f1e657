"""Shared helpers for the influence-map tests: a realistic synthetic graph and browser fixtures.

The graph follows the input contract of :mod:`graph.map.render`: node and edge attributes as
:func:`graph.analysis.views.build_view` writes them, facts made by :class:`graph.kg.describe.Fact`, and
groups, relation kinds and stance positions taken from the ontology (asserted as it is built).
The fixtures drive Debian's Chromium through Playwright and never download a browser; when
Chromium is missing they fail with a clear message instead of skipping.

Import the fixtures into a test module with ``from browser import chromium, open_map``.
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import networkx as nx
import pytest

from graph.kg.describe import Fact
from graph.rdf.schemes import project_schemes

CHROMIUM = os.environ.get("CAREKG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
KG = "https://w3id.org/carekg/id/"
CK = "https://w3id.org/carekg/ontology#"

SOURCES = {
    KG + "article-000": {"title": "A roundup of Tuesday's important developments for healthcare leaders",
                         "publisher": None, "date": "2015", "label": "HSJ roundup (2015)"},
    KG + "article-001": {"title": "Lamb tells Confed: pool all health and care budgets",
                         "publisher": "HSJ", "date": "2014-06-05", "label": "Lamb tells Confed (2014)"},
    KG + "article-002": {"title": "Councils must 'demonstrate readiness' for greater health role",
                         "publisher": "LGC", "date": "2014", "label": "Councils must demonstrate readiness"},
    KG + "article-003": {"title": "Health and care integration will not happen unless budgets are pooled",
                         "publisher": None, "date": "2017-03-06", "label": "Integration needs pooling (2017)"},
    KG + "article-004": {"title": "Barker commission calls for single ring-fenced budget",
                         "publisher": "The Guardian", "date": "2014-09-04", "label": "Barker commission (2014)"},
}
PROPOSALS = ["Integrate health and social care", "Pool health and social care budgets",
             "A single pooled budget in every area", "National mandate to pool budgets",
             "Pooling decided locally", "Joint commissioning of health and social care",
             "Health and wellbeing boards hold pooled budgets", "Councils hold the pooled budget",
             "Better Care Fund", "Ring-fenced health and care budget", "Free personal care",
             "Statutory duty on commissioners", "Legislation for health and wellbeing boards",
             "Single commissioner in each area"]
ORGS = [("King's Fund", "ThinkTank", "Think tank", "thinktank"),
        ("Nuffield Trust", "ThinkTank", "Think tank", "thinktank"),
        ("Health Foundation", "ThinkTank", "Think tank", "thinktank"),
        ("NHS Confederation", "MembershipBody", "Membership body", "membership"),
        ("NHS Providers", "MembershipBody", "Membership body", "membership"),
        ("Local Government Association", "MembershipBody", "Membership body", "membership"),
        ("NHS England", "NHSBody", "NHS body", "nhs"), ("Monitor", "NHSBody", "NHS body", "nhs"),
        ("Department of Health", "GovernmentDepartment", "Government department", "government"),
        ("Treasury", "GovernmentDepartment", "Government department", "government"),
        ("Labour Party", "PoliticalParty", "Political party", "party"),
        ("Liberal Democrats", "PoliticalParty", "Political party", "party"),
        ("Conservative Party", "PoliticalParty", "Political party", "party"),
        ("Health Service Journal", "MediaOrganisation", "Media organisation", "media"),
        ("Local Government Chronicle", "MediaOrganisation", "Media organisation", "media"),
        ("Capita", "Company", "Company", "company"),
        ("Greater Manchester Partnership", "Partnership", "Partnership", "partnership"),
        ("Directors of adult social services", "Collective", "Collective", "collective"),
        ("Care Quality Commission", "Organisation", "Organisation", "organisation")]
FIRST = ["Norman", "Anna", "Chris", "Sarah", "David", "Richard", "Jeremy", "Andy", "Rob", "Helen",
         "Nigel", "Jo", "Kate", "Simon", "Ruth", "Liz", "Paul", "Mark", "Clare", "Tom"]
LAST = ["Lamb", "Dixon", "Ham", "Roots", "Humphries", "Burnham", "Webster", "Bennett", "Kendall",
        "Edwards", "Stevens", "Hunt", "Barker", "Smith", "Carter", "Patel", "Jones", "Hughes"]
POSTS = ["chief executive", "chair", "director of policy", "health spokesperson", "minister",
         "senior fellow", "president", "board member"]
SCHEMES = project_schemes()  # positions, relation kinds and map groups, from the ontology
STANCE_LABEL = {p.notation: p.label for p in SCHEMES.positions}


def in_range(d: dict, lo: str, hi: str) -> bool:
    """Whether the map's date range [lo, hi] keeps an edge with these attributes bright: the
    interval its text allows overlaps the range (an open start reaches back without end)."""
    from graph.map.render import _interval
    first, last = _interval(d)
    return last is not None and last >= lo and (first is None or first <= hi)


def _node(G, slug, label, type_, type_label, group, rng, facts=2):
    """A node as :func:`graph.analysis.views.build_view` makes it, with facts as ``describe`` makes them."""
    assert group in SCHEMES.map_groups, group
    iri = KG + slug
    srcs = sorted(rng.sample(sorted(SOURCES), rng.randint(1, 2)))
    said = [("is a", type_label, None), ("is mentioned in", SOURCES[srcs[0]]["label"], SOURCES[srcs[0]]["date"])]
    G.add_node(iri, iri=iri, label=label, aliases=[], type=type_, type_label=type_label, group=group, instance=True,
               sources=srcs, facts=[Fact(subject=label, predicate=p, object=o, date=d, source=srcs[0],
                                         source_label=SOURCES[srcs[0]]["label"], evidence=f"{label} {p} {o}",
                                         claim=f"kg:claim-{slug}-{i}").as_dict()
                                    for i, (p, o, d) in enumerate(said[:facts])])
    return iri


def _edge(G, rng, u, v, kind, rel, position=None, label=None, implicit=False, source=None):
    assert kind in SCHEMES.relation_kinds and (position is None or position in SCHEMES.notations), (kind, position)
    source = source or rng.choice(sorted(SOURCES))
    date = SOURCES[source]["date"]
    key = f"{KG}claim-{G.number_of_edges():04d}"
    G.add_edge(u, v, key=key, relation=CK + rel.replace(" ", ""), relation_label=rel, kind=kind,
               position=position, label=label or rel, date=date, year=int(date[:4]), source=source,
               evidence=f"{G.nodes[u]['label']} {rel} {G.nodes[v]['label']}"[:90], implicit=implicit)
    return key


# the coalitions' verdicts as graph.analysis.checked.for_map gives them: the stability check's
# (supported or too thin) and the robustness checks' (robust, or what breaks it)
VERDICTS = {
    1: {"supported": True, "robust": True, "broken_by": [], "not_robust": []},
    2: {"supported": True, "robust": False, "broken_by": ["without implicit stances: its members agree with nobody"], "not_robust": []},
    3: {"supported": False, "robust": False, "reasons": ["its members stay together in 40% of the resampled runs"], "broken_by": [],
        "not_robust": []},
}


def make_graph(n_people: int = 95, n_reports: int = 24, seed: int = 3, coalitions: bool = True):
    """A realistic synthetic influence graph (about 190 nodes and 370 edges) for the map tests."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph(title="Pooling health and social care budgets: who argued what",
                        built="2025-11-25T09:30:00+00:00", sources=dict(SOURCES), view="influence")
    props = [_node(G, f"proposal-{i}", p, "Proposal", "Proposal", "proposal", rng) for i, p in enumerate(PROPOSALS)]
    orgs = [_node(G, f"org-{i}", *o, rng=rng) for i, o in enumerate(ORGS)]
    names = sorted({f"{first} {last}" for first in FIRST for last in LAST})
    people = [_node(G, f"person-{i}", nm, "Person", "Person", "person", rng)
              for i, nm in enumerate(rng.sample(names, n_people))]
    councils = [_node(G, f"council-{i}", f"{c} Council", "LocalAuthority", "Local authority", "local", rng)
                for i, c in enumerate(["Manchester", "Leeds", "Torbay", "Kent", "Cornwall", "Hackney",
                                       "Surrey", "Sheffield", "Norfolk", "Camden"])]
    reports = [_node(G, f"report-{i}", f"Report {i + 1}: " + rng.choice(["Options for integrated care",
               "A new settlement", "Commissioning for outcomes", "The pooled budget evidence",
               "Paying for care"]), "Report", "Report", "document", rng) for i in range(n_reports)]
    funds = [_node(G, f"fund-{i}", f, "Fund", "Fund", "money", rng)
             for i, f in enumerate(["Transformation fund", "Integration pioneer fund", "Social care precept"])]
    events = [_node(G, f"event-{i}", e, "Event", "Event", "event", rng)
              for i, e in enumerate(["NHS Confederation conference 2014", "Spending review 2015",
                                     "General election 2015"])]
    places = [_node(G, f"place-{i}", p, "Place", "Place", "place", rng)
              for i, p in enumerate(["Liverpool", "Northern Ireland", "Greater Manchester"])]
    actors = orgs + people + councils
    # three camps, each favouring its own proposals; people mostly share their employer's camp
    camp = {a: i % 3 for i, a in enumerate(orgs + councils)}
    pcamp = {p: i % 3 for i, p in enumerate(props)}
    for p in people:
        employer = rng.choice(orgs + councils)
        camp[p] = camp[employer] if rng.random() < 0.8 else rng.randrange(3)
        _edge(G, rng, p, employer, "post", "holds post", label=rng.choice(POSTS))
        if rng.random() < 0.25:
            _edge(G, rng, p, orgs[10 + camp[p]], "membership", "member of")
    for a in rng.sample(actors, min(85, len(actors))):
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            home = rng.random() < 0.8
            prop = rng.choice([p for p in props if (pcamp[p] == camp[a]) == home])
            pos = rng.choice(["support", "support", "conditional"] if home else ["oppose", "oppose", "conditional"])
            _edge(G, rng, a, prop, "stance", STANCE_LABEL[pos], position=pos, implicit=rng.random() < 0.2)
    for i, r in enumerate(reports):
        org = rng.choice([o for o in orgs if camp[o] == i % 3])
        _edge(G, rng, org, r, "commissioning", "commissioned")
        _edge(G, rng, rng.choice([p for p in people if camp[p] == i % 3]), r, "authorship", "wrote")
        _edge(G, rng, r, rng.choice([p for p in props if pcamp[p] == i % 3]), "topic", "is about")
        if rng.random() < 0.3:
            _edge(G, rng, rng.choice(orgs), r, "response", "responded to")
    for _ in range(18):
        a = rng.choice(orgs + people[:20])
        _edge(G, rng, a, rng.choice([p for p in props if pcamp[p] == camp[a]]), "proposing", "proposes")
    for f in funds:
        for c in rng.sample(councils, 3):
            _edge(G, rng, f, c, "funding", "funds")
    for c in councils:
        _edge(G, rng, c, rng.choice(orgs[6:10]), "accountability", "accountable to")
        _edge(G, rng, c, rng.choice(places), "location", "located in")
    for e in events:
        for a in rng.sample(orgs + people[:30], 5):
            _edge(G, rng, a, e, "participation", "took part in")
    # parallel edges between one pair: support, then conditional support, then a proposal
    lamb, pool = people[0], props[1]
    _edge(G, rng, lamb, pool, "stance", STANCE_LABEL["support"], position="support", source=KG + "article-001")
    _edge(G, rng, lamb, pool, "stance", STANCE_LABEL["conditional"], position="conditional",
          source=KG + "article-000")
    _edge(G, rng, lamb, pool, "proposing", "proposes", source=KG + "article-001")
    _edge(G, rng, pool, lamb, "response", "criticised by", source=KG + "article-003")
    _edge(G, rng, orgs[3], orgs[3], "other", "hosts", label="self reference")  # a self-loop
    if coalitions:  # as ``carekg map`` attaches them: actor IRI -> id, plus the summaries
        members = {a: camp[a] + 1 for i, a in enumerate(sorted(actors)) if i % 5 != 4}   # numbered from 1
        G.graph["coalitions"] = members
        G.graph["coalition_summaries"] = [
            {"id": c, "name": f"Coalition {c}", "members": sorted(a for a in members if members[a] == c),
             "labels": [G.nodes[a]["label"] for a in sorted(a for a in members if members[a] == c)],
             "size": sum(1 for a in members if members[a] == c), **VERDICTS[c]} for c in range(1, 4)]
    return G


def hostile_graph():
    """A tiny graph whose labels, evidence and headline try to inject script."""
    rng = random.Random(1)
    G = nx.MultiDiGraph(title="Evil </script><script>window.__pwned=3</script>", built="2025-01-01T00:00:00",
                        sources={KG + "article-000": {"title": "<img src=x onerror=window.__pwned=4>",
                                                      "publisher": None, "date": "2015", "label": "x"}},
                        view="all")
    bad1 = "<script>window.__pwned=1</script>"
    bad2 = "<img src=x onerror=window.__pwned=2>"
    a = _node(G, "bad-1", bad1, "Person", "Person </b>", "person", rng)
    b = _node(G, "bad-2", bad2, "Proposal", "Proposal", "proposal", rng)
    c = _node(G, "ok", "Plain actor & co", "ThinkTank", "Think tank", "thinktank", rng)
    for u, v in [(a, b), (c, b), (c, a)]:
        _edge(G, rng, u, v, "stance", STANCE_LABEL["support"], position="support", source=KG + "article-000")
    for _, _, d in G.edges(data=True):
        d["evidence"] = '"</script><img src=x onerror=window.__pwned=5>'
    return G


def chromium_or_fail():
    """Return the Chromium path, failing (never skipping) when it is not installed."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package "
                    "(apt-get install chromium) or set CAREKG_CHROMIUM; the map tests need a real browser.",
                    pytrace=False)
    return CHROMIUM


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the whole session."""
    path = chromium_or_fail()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        except Exception as exc:  # a broken install must fail loudly, not skip
            pytest.fail(f"could not start Chromium at {path}: {exc}", pytrace=False)
        yield browser
        browser.close()


def wait_until(page, expression, timeout=5.0):
    """Poll ``expression`` until it is truthy.  (``page.wait_for_function`` compiles its predicate
    with eval, which the map's Content-Security-Policy rightly forbids.)"""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        page.wait_for_timeout(25)


class MapPage:
    """A loaded map page plus everything it tried to do behind our back."""

    def __init__(self, page, blocked, errors):
        self.page, self.blocked, self.errors = page, blocked, errors

    def js(self, expr, arg=None):
        return self.page.evaluate(expr, arg)


@pytest.fixture(scope="module")
def open_map(chromium, tmp_path_factory):
    """Factory: write ``G`` with :func:`graph.map.render.write_map` and open it offline in a new page."""
    from graph.map.render import write_map
    pages = []

    def _open(G, name="map.html", viewport=(1600, 1000)):
        path = write_map(G, tmp_path_factory.mktemp("map") / name)
        ctx = chromium.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                   accept_downloads=True)
        page = ctx.new_page()
        blocked, errors = [], []

        def route(r):
            url = r.request.url
            if url.split(":", 1)[0] in ("file", "data", "blob"):
                r.continue_()
            else:
                blocked.append(url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.resolve().as_uri())
        wait_until(page, "window.carekg && window.carekg.ready === true", timeout=15)
        pages.append(ctx)
        return MapPage(page, blocked, errors)

    yield _open
    for ctx in pages:
        ctx.close()
