"""Every named query: well-formed headers, runs, and gives the answer the articles give.

Golden answers are written from the articles themselves (quoted in the comments, or worked out
from the stance table of tests/articles.py), not from a previous run of the queries, and each
checks the query's whole answer.
"""

from __future__ import annotations

import ast
import re

import pytest

from graph.sparql.catalog import find_query, list_queries

from ..articles import STANCES, SUPPORT, TITLES, stances
from ..queries import PARAMS, exact, multiset, parts, rows_of

ALL = [q.name for q in list_queries()]


def test_there_are_at_least_thirty_named_queries():
    assert len(ALL) >= 30


@pytest.mark.parametrize("name", ALL)
def test_headers_declare_title_description_and_parameters(name):
    q = find_query(name)
    text = q.path and open(q.path, encoding="utf-8").read()
    assert text.startswith("# title: "), "the title is the first line"
    assert q.title and q.description
    body = "\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))
    for p in q.params:
        assert f"?{p.name}" in body, f"declared parameter ?{p.name} is used in the query"
    # Parameters are bound, never spliced: no templating markers in the text.
    assert not re.search(r"\{\{|%\(|\$\{|\{[a-z_]+\}", body)


@pytest.mark.parametrize("name", ALL)
def test_every_query_runs_and_answers(kg, name):
    q = find_query(name)
    missing = [p for p in q.required if p not in PARAMS.get(name, {})]
    assert not missing, f"add example parameters for {name} to PARAMS"
    rows = rows_of(kg, name)
    assert rows, f"{name} returned no rows on the curated data"


def test_parameters_are_bound_not_pasted(kg):
    # A value that would break out of a pasted string is just an unknown entity here.
    from graph.errors import UnknownNameError

    with pytest.raises(UnknownNameError):
        rows_of(kg, "posts-of-person", {"person": 'x" } ; DROP ALL ; #'})
    # And a literal parameter with quotes is matched as a value, not parsed as SPARQL.
    rows = rows_of(kg, "stances-in-period", {"from": "2014", "to": "2014"})
    assert rows


# --- golden answers from the articles ---------------------------------------------------------
# Each test asserts a query's whole answer (``exact``): written from the article text, quoted
# beside it, or for the stance aggregates worked out from tests/articles.py's stance table (itself
# written from the text and checked against it below) by plain Python.

def test_the_stance_table_quotes_the_articles_and_matches_the_data(kg):
    """Every stance of tests/articles.py rests on words its article holds, and the curated data
    codes exactly these stances: the golden answers below start from the same reading."""
    from graph.rdf.paths import Paths

    seeds = Paths().seeds
    texts = {p.name[:3]: re.sub(r"\s+", " ", p.read_text(encoding="utf-8")) for p in seeds.glob("*.txt")}
    for s in STANCES:
        assert s.evidence in texts[s.article], s
    exact(kg, "stances-in-period", ("actor", "proposal", "position", "date", "earliest", "latest", "recalled", "source", "evidence"),
          [(s.actor, s.proposal, s.position, s.date, s.earliest, s.latest, str(s.recalled).lower(), s.source, s.evidence) for s in STANCES],
          params={"from": "1900", "to": "2100"})


def test_posts_of_norman_lamb(kg):
    # 001: "Health minister Norman Lamb MP" ... "The care and support minister" (05.06.14);
    # 000: "a key policy of the former health minister": formerly held, no start, by the 2015 article.
    exact(kg, "posts-of-person", ("post", "organisation", "held", "former", "date", "earliest", "latest", "dateText"), [
        ("Care and support minister", "The government", "holds", "false", "2014-06-05", "2014-06-05", "2014-06-05", None),
        ("Health minister", "The government", "holds", "false", "2014-06-05", "2014-06-05", "2014-06-05", None),
        ("Health minister", "The government", "formerly held", "true", None, None, "2015-12-31", "the former health minister")])


def test_people_in_department_of_health(kg):
    # 002: "GP and former Department of Health director Sir John Oldham": the only person the
    # articles place in the department.
    exact(kg, "people-in-organisation", ("person", "post", "unit", "held", "former", "earliest", "latest"), [
        ("John Oldham", "Director, Department of Health", "Department of Health", "formerly held", "true", None, "2014-12-31")])


def test_who_supports_or_opposes_a_national_mandate(kg):
    # 001: Lamb's "legal obligation to pool"; Kell: "a top-down diktat on this was wrong"; NHS
    # Clinical Commissioners: "Mandating pooling budgets will only bring politics closer"; 002:
    # Oldham, only "where both sides wished" (implicit); 000 recalls Lamb's "key policy".
    exact(kg, "stances-on-proposal", ("actor", "position", "implicit", "latest"), [
        ("Norman Lamb", "supports", "false", "2014-06-05"), ("Steve Kell", "opposes", "false", "2014-06-05"),
        ("NHS Clinical Commissioners", "opposes", "false", "2014-06-05"), ("John Oldham", "opposes", "true", "2014-12-31"),
        ("Norman Lamb", "supports", "false", "2015-12-31")])


def test_kings_fund_stances(kg):
    # 000 (2015): pooling, "a single budget in every area", HWBs "not fit", "pro-integration", DH
    # control "another idea backed by the King's Fund"; 003 recalls the report of the summer of 2015.
    exact(kg, "stances-of-actor", ("proposal", "position", "date", "earliest", "latest", "implicit", "source", "evidence"),
          [(s.proposal, s.position, s.date, s.earliest, s.latest, str(s.implicit).lower(), s.source, s.evidence)
           for s in stances(actor="King's Fund")])


def test_mandate_opponents_who_accept_local_pooling(kg):
    # 001: Kell, "each area should make its own decisions"; NHS Clinical Commissioners, pooling
    # "may be appropriate in some areas" but "determined by local clinical leaders"; 002: Oldham, a
    # pooled budget "only ... where both sides wished that to happen".
    exact(kg, "mandate-opponents-accepting-local-pooling", ("actor", "localProposal", "localPosition"), [
        ("Steve Kell", "Pooling decided locally", "supports"),
        ("NHS Clinical Commissioners", "Pooling decided locally", "supports"),
        ("NHS Clinical Commissioners", "Pool health and social care budgets", "conditionally supports"),
        ("John Oldham", "Pooling decided locally", "supports"),
        ("John Oldham", "Pool health and social care budgets", "conditionally supports")])


POOLING = {"Pool health and social care budgets", "A single pooled budget in every area", "National mandate to pool budgets",
           "Pooling decided locally", "A single care budget for Greater Manchester", "The Better Care Fund",
           "Lancashire integrated commissioning authority with a single budget"}


def test_pooling_kinds_include_narrower_kinds(kg):
    # Pooling, and the kinds filed under it: a national mandate, local choice, the Better Care
    # Fund (003: it "has helped to support a number of local integration initiatives").
    exact(kg, "proposals-by-kind", ("proposal",), sorted(POOLING))


def test_pooling_chronology_is_every_backer_of_pooling_in_time_order(kg):
    backers = [s for s in STANCES if s.proposal in POOLING and s.position in SUPPORT]
    rows = exact(kg, "pooling-chronology", ("actor", "proposal", "position", "latest", "earliest", "recalled", "evidence"),
                 [(s.actor, s.proposal, s.position, s.latest, s.earliest, str(s.recalled).lower(), s.evidence) for s in backers])
    keys = [(r["latest"], r["earliest"] or "") for r in rows]
    assert keys == sorted(keys)   # by the last day the text allows, then the first


def test_better_care_fund_amounts(kg):
    # 003: "The Better Care Fund of £3.8bn was enhanced ... bringing the fund up to £5.3bn"
    # (recalled, undated: by the article); "November's spending review to promise a further £1.5bn
    # for the fund in the two years to March 2020" (a November before March 2017).
    exact(kg, "better-care-fund-amounts", lambda r: (float(r["value"]), r["currency"], r["periodText"], r["dateText"], r["earliest"], r["latest"]), [
        (3.8e9, "GBP", None, None, None, "2017-03-06"), (5.3e9, "GBP", None, None, None, "2017-03-06"),
        (1.5e9, "GBP", "in the two years to March 2020", "November\u2019s spending review", None, "2016-11-30")])


AMOUNTS = [   # (what, £, approximation, upper bound, period as written)
    ("Integration Pioneer sites", 1.2e6, None, None, None),         # 001: "an extra £1.2m of funding today"
    ("Integration Pioneer sites", 9e4, None, None, None),           # 001: "£90,000 each" (14 x £90,000 is not £1.2m: both kept)
    ("£10bn for community health and social care", 1e10, None, None, "Over the lifetime of the next Parliament"),   # 002
    ("Better Care Fund", 3.8e9, None, None, None),                  # 003: "The Better Care Fund of £3.8bn"
    ("Better Care Fund", 5.3e9, None, None, None),                  # 003: "bringing the fund up to £5.3bn"
    ("Better Care Fund", 1.5e9, None, None, "in the two years to March 2020"),   # 003: "a further £1.5bn"
    ("Providers' forecast year-end deficit", 1e9, "up to", 1e9, None),   # 004: "a year-end deficit approaching £1bn"
    ("Providers' forecast year-end deficit", 2.8e8, "about", None, "over the last few months"),   # 004: "around £280m"
    ("£580m deficit control total", 5.8e8, None, None, None),       # 004: "the maximum £580m deficit 'control total'"
    ("£800m CCG risk reserve", 8e8, None, None, None),              # 004: "the £800m risk reserve"
]


def test_all_amounts_recorded_as_stated(kg):
    row = lambda r: (r["thing"], float(r["value"]), r["approximation"], r["upperBound"] and float(r["upperBound"]), r["periodText"])
    rows = exact(kg, "all-amounts", row, AMOUNTS)
    assert {r["currency"] for r in rows} == {"GBP"} and all(r["lowerBound"] is None for r in rows)
    exact(kg, "all-amounts", row, [a for a in AMOUNTS if a[1] >= 1e9], params={"min": "1000000000"})


def test_reports_commissioned_by_one_body_and_written_by_another(kg):
    # 002: "A report commissioned by Labour" ... "The report, by ... Sir John Oldham";
    # 004: "The PwC document, commissioned by Lancashire county council".
    exact(kg, "reports-commissioned-and-written-by-others", ("report", "commissioner", "author"), [
        ("Oldham report", "Labour", "John Oldham"),
        ("PwC report for Lancashire County Council on commissioning health and social care", "Lancashire County Council", "PwC")])


def test_actors_by_type(kg):
    # Who the articles name as acting, by the kind of actor each is said to be (a think tank: "the
    # think tank said"; a regulator: "the regulator has since managed"; an unnamed chancellor: "The
    # chancellor also used November's spending review", a person whose name the text never gives).
    exact(kg, "actors-by-type", lambda r: (r["type"], int(r["actors"]), parts(r["names"])), [
        ("Collective actor", 27, frozenset({
            "The organisations within Amanda Doyle's STP", "Senior NHS figures in the region", "Health partners (of the county council)",
            "Lancashire's eight CCGs", "Trust boards", "National leaders", "Providers", "NHS trusts",
            "Local organisations to be represented on the Greater Manchester strategic partnership board",
            "Frontline clinical information leaders across the NHS", "IT suppliers", "Politicians",
            "Regional health and social care trusts (Northern Ireland)", "Local authority care directors", "Third-sector organisations",
            "Health trusts", "Special interest groups", "Government bodies", "Care professionals", "Some in local government",
            "Many commentators", "Councils (local authorities)", "Audience members who questioned Norman Lamb",
            "Many delegates at the NHS Confederation annual conference 2014",
            "Consultants of the Nottingham University Hospitals Trust dermatology department", "Clinical commissioning groups",
            "Health and wellbeing boards"})),
        ("Person", 15, frozenset({"Amanda Doyle", "Jim Mackey", "Simon Stevens", "Andrew Lansley", "The chancellor (unnamed)", "David Roots",
                                  "Graham Burgess", "John Oldham", "Kaye Wiggins", "Steve Kell", "Alastair McLellan", "Peter Homa",
                                  "Jeremy Hunt", "Richard Humphries", "Norman Lamb"})),
        ("Organisation", 11, frozenset({"Amanda Doyle's STP (unnamed)", "PwC", "techUK", "BT", "Health MJ", "Health & Care",
                                        "Office of Fair Trading", "Wirral MBC", "NHS Clinical Commissioners", "NHS Confederation", "Circle"})),
        ("Clinical commissioning group", 3, frozenset({"Blackpool CCG", "NHS Bassetlaw CCG", "Rushcliffe Clinical Commissioning Group"})),
        ("Media organisation", 2, frozenset({"Health Service Journal", "LGC"})),   # "HSJ" (000, 004) is the Journal initialled
        ("Organisational unit", 2, frozenset({"Leadership group, NHS Clinical Commissioners",
                                              "Dermatology department, Nottingham University Hospitals Trust"})),
        ("Political party", 2, frozenset({"Lib Dem", "Labour"})),
        ("Government department", 1, frozenset({"Department of Health"})), ("Health service", 1, frozenset({"NHS"})),
        ("Local authority", 1, frozenset({"Lancashire County Council"})), ("NHS national body", 1, frozenset({"NHS England"})),
        ("NHS trust", 1, frozenset({"Nottingham University Hospitals Trust"})), ("National government", 1, frozenset({"The government"})),
        ("Partnership", 1, frozenset({"Greater Manchester strategic partnership board"})), ("Regulator", 1, frozenset({"NHS Improvement"})),
        ("Think tank", 1, frozenset({"King's Fund"})), ("Unnamed actor", 1, frozenset({"The chancellor (unnamed)"}))])


def test_source_articles(kg):
    # Headlines as written; 001 is dated 05.06.14; 002 "Author: Kaye Wiggins, LGC" (the year
    # estimated from the election ahead); 003 "6th March 2017", "David Roots"; 004 is HSJ's own
    # round-up of a February (estimated); 000 states neither date nor publisher.
    rows = exact(kg, "source-articles", ("title", "date", "estimated", "publisher", "author"), [
        (TITLES["000"], "2015", "true", None, None), (TITLES["001"], "2014-06-05", "false", None, None),
        (TITLES["002"], "2014", "true", "LGC", "Kaye Wiggins"), (TITLES["003"], "2017-03-06", "false", None, "David Roots"),
        (TITLES["004"], "2017-02", "true", "Health Service Journal", None)])
    assert all(int(r["claims"]) > 0 for r in rows)


def _supporters(proposal):
    return {s.actor for s in STANCES if s.proposal == proposal and s.position in SUPPORT}


def _opponents(proposal):
    return {s.actor for s in STANCES if s.proposal == proposal and s.position == "opposes"}


PROPOSALS = sorted({s.proposal for s in STANCES})
# Proposals the articles report with no stance taken on them: 003 "Full integration ... would,
# on face value, appear to be the logical way forward"; 004's councillor "potentially given the
# casting vote", the "wellbeing corporations" and the working group to "undertake a detailed review".
UNTAKEN = ["Full structural integration of health and social care", "A councillor with the casting vote on the Lancashire commissioning body's board",
           "Lancashire 'wellbeing corporations'", "A working group to review the PwC Lancashire report in detail"]


def test_contested_proposals(kg):
    exact(kg, "contested-proposals", lambda r: (r["proposal"], parts(r["for"]), parts(r["against"])),
          [(p, frozenset(_supporters(p)), frozenset(_opponents(p))) for p in PROPOSALS if _supporters(p) and _opponents(p)])


def test_who_should_hold_the_money(kg):
    # Who should hold or control the budgets: CCGs (002, Oldham: "retained and their budgets largely
    # left intact"), councils (Burgess: "the budgets need to be held by councils"), the Department
    # of Health (000, 003), the boards as they are (000, 003), Lancashire's new authority (004).
    holders = {"Keep CCGs and their budgets", "Councils hold the health budget", "Department of Health controls the national budgets",
               "Health and wellbeing boards in their current form hold pooled budgets",
               "Lancashire integrated commissioning authority with a single budget", "The PwC report's proposals for Lancashire, taken together"}
    exact(kg, "who-should-hold-the-money", ("proposal", "actor", "position", "date", "earliest", "latest", "evidence"),
          [(s.proposal, s.actor, s.position, s.date, s.earliest, s.latest, s.evidence) for s in STANCES if s.proposal in holders])


def test_health_and_wellbeing_board_stances(kg):
    # 000/003: the King's Fund, HWBs "not fit ... in their current form" and legislation "to
    # enable health and wellbeing boards to take over"; 002: Oldham "endorsed a greater role for
    # health and wellbeing boards"; Burgess: they "should be in charge of commissioning".
    boards = {"Health and wellbeing boards in their current form hold pooled budgets",
              "Health and wellbeing boards lead health and care commissioning",
              "Legislation to let health and wellbeing boards take over commissioning"}
    exact(kg, "health-and-wellbeing-board-stances", ("proposal", "actor", "position", "scope", "earliest", "latest"),
          [(s.proposal, s.actor, s.position, s.scope, s.earliest, s.latest) for s in STANCES if s.proposal in boards])


def test_implicit_stances_carry_a_reading(kg):
    rows = exact(kg, "implicit-stances", ("actor", "position", "proposal", "evidence"),
                 [(s.actor, s.position, s.proposal, s.evidence) for s in STANCES if s.implicit])
    assert all(len(r["reading"]) > 40 for r in rows)   # the curator's reading, for a reader to judge


def test_agreeing_actors(kg):
    pairs: dict = {}
    for a in STANCES:
        for b in STANCES:
            if a.actor < b.actor and a.proposal == b.proposal and a.position == b.position:
                pairs.setdefault(frozenset((a.actor, b.actor)), set()).add(a.proposal)
    exact(kg, "agreeing-actors", lambda r: (frozenset((r["actor1"], r["actor2"])), int(r["agreements"]), parts(r["proposals"])),
          [(pair, len(on), frozenset(on)) for pair, on in pairs.items()])


def test_conflicting_actors(kg):
    # One row per statement for and statement against the same proposal, with both phrases.
    exact(kg, "conflicting-actors", ("supporter", "opponent", "proposal", "supportEvidence", "oppositionEvidence"),
          [(f.actor, o.actor, f.proposal, f.evidence, o.evidence) for f in STANCES for o in STANCES
           if f.proposal == o.proposal and f.position in SUPPORT and o.position == "opposes" and f.actor != o.actor])


def test_stances_in_2017_only(kg):
    # Every stance whose interval may fall in 2017: 004's (February 2017), 003's own (6 March
    # 2017), and what 003 recalls without a date (techUK's charter, the Newcastle declaration).
    exact(kg, "stances-in-period", ("actor", "position", "proposal", "earliest", "latest", "recalled"),
          [(s.actor, s.position, s.proposal, s.earliest, s.latest, str(s.recalled).lower()) for s in STANCES
           if s.latest >= "2017-01-01" and (s.earliest or "") <= "2017-12-31"])


def test_events_chronology(kg):
    # In time order (the claim's interval, else the event's), subject | role | object as the text
    # has it: 000's 2013 transfer of the dermatology service "following a competitive tender by
    # Rushcliffe", 001's conference "in Liverpool" with Lamb's keynote and the panel "after the
    # speech", 003's Better Care Fund that "has helped to support a number of local integration
    # initiatives", 004's full council meeting "next week", and the rest.
    NI = "Northern Ireland's bringing together of services into five regional health and social care trusts (1973)"
    TRANSFER = "Transfer of the Nottingham dermatology service to a Circle-run centre (2013)"
    TENDER = "Rushcliffe CCG competitive tender for the dermatology service"
    KEYNOTE = "Norman Lamb's keynote speech, day two of the NHS Confederation annual conference 2014"
    PANEL = "Panel with Norman Lamb and Steve Kell after Lamb's keynote speech"
    CONF = "NHS Confederation annual conference 2014"
    TALKS = "Discussions between the regulator (NHS Improvement) and trust boards on deficit forecasts"
    LANSLEY = "The reforms instigated by Andrew Lansley"
    LOCAL = "Local integration initiatives in England"
    GM = "Manchester's devolution programme"
    MEETING = "Lancashire County Council full council meeting on the PwC report"
    PWC = "PwC report for Lancashire County Council on commissioning health and social care"
    BOARD = "Greater Manchester strategic partnership board starts work (April)"
    d14, y13, y15, f17, m17 = ("2014-06-05",) * 3, ("2013", "2013-01-01", "2013-12-31"), ("2015", "2015-01-01", "2015-12-31"), \
        ("2017-02", "2017-02-01", "2017-02-28"), ("2017-03-06",) * 3
    exact(kg, "events-chronology", ("event", "subject", "role", "object", "date", "earliest", "latest"), [
        ("The next election (after June 2014)", "Lib Dem manifesto for the next election", "linked to", "The next election (after June 2014)",
         None, None, None),
        (NI, NI, "located in", "Northern Ireland", "1973", "1973-01-01", "1973-12-31"),
        (NI, NI, "transferred to", "Regional health and social care trusts (Northern Ireland)", "1973", "1973-01-01", "1973-12-31"),
        (TENDER, "Rushcliffe Clinical Commissioning Group", "organised", TENDER, None, None, "2013-12-31"),
        (TRANSFER, TRANSFER, "linked to", "Nottingham University Hospitals Trust dermatology service", *y13),
        (TRANSFER, TRANSFER, "linked to", TENDER, *y13),
        (TRANSFER, TRANSFER, "transferred from", "Nottingham University Hospitals Trust", *y13),
        (TRANSFER, TRANSFER, "transferred to", "Circle-run dermatology centre", *y13),
        (TENDER, TRANSFER, "linked to", TENDER, *y13),
        ("Integration Pioneer sites", "Norman Lamb", "announced funding for", "Integration Pioneer sites", *d14),
        (KEYNOTE, KEYNOTE, "linked to", CONF, *d14),
        (KEYNOTE, PANEL, "linked to", KEYNOTE, *d14),
        (KEYNOTE, "Norman Lamb", "spoke at", KEYNOTE, *d14),
        (PANEL, PANEL, "linked to", KEYNOTE, *d14),
        (PANEL, "Norman Lamb", "participated in", PANEL, *d14),
        (PANEL, "Steve Kell", "participated in", PANEL, *d14),
        (CONF, KEYNOTE, "linked to", CONF, *d14),
        (CONF, CONF, "located in", "Liverpool", *d14),
        (CONF, "NHS Confederation", "organised", CONF, *d14),
        (CONF, "Audience members who questioned Norman Lamb", "participated in", CONF, *d14),
        (CONF, "Many delegates at the NHS Confederation annual conference 2014", "participated in", CONF, *d14),
        (CONF, "Norman Lamb", "spoke at", CONF, *d14),
        (TRANSFER, "Alastair McLellan's tweet on the Nottingham dermatology service", "concerns", TRANSFER, *y15),
        (TRANSFER, "Peter Homa", "responded to", TRANSFER, *y15),
        ("November's spending review", "The chancellor (unnamed)", "participated in", "November's spending review", None, None, "2016-11-30"),
        (TALKS, "NHS Improvement", "participated in", TALKS, *f17),
        (TALKS, "Trust boards", "participated in", TALKS, *f17),
        (LANSLEY, "Andrew Lansley", "instigated", LANSLEY, None, None, "2017-03-06"),
        (LANSLEY, LANSLEY, "linked to", "NHS", None, None, "2017-03-06"),
        (LOCAL, "Better Care Fund", "funds", LOCAL, *m17),
        (LOCAL, LOCAL, "located in", "England", *m17),
        (LOCAL, "Councils (local authorities)", "participated in", LOCAL, *m17),
        (LOCAL, "Health trusts", "participated in", LOCAL, *m17),
        (LOCAL, "Third-sector organisations", "participated in", LOCAL, *m17),
        (GM, "A single care budget for Greater Manchester", "concerns", GM, *m17),
        (GM, GM, "located in", "Manchester", *m17),
        (MEETING, PWC, "contributes to", MEETING, None, "2017-02-02", "2017-03-13"),   # "next week", from a February article
        (MEETING, "Lancashire County Council", "organised", MEETING, None, "2017-02-02", "2017-03-13"),
        (BOARD, BOARD, "start of", "Greater Manchester strategic partnership board", "2017-04", "2017-04-01", "2017-04-30"),
    ], ordered=True)


def test_former_post_holders(kg):
    # 002: "former Department of Health director Sir John Oldham"; 000: "the former health minister".
    exact(kg, "former-post-holders", ("person", "post", "organisation", "dateText", "earliest", "latest"), [
        ("John Oldham", "Director, Department of Health", "Department of Health", "former Department of Health director", None, "2014-12-31"),
        ("Norman Lamb", "Health minister", "The government", "the former health minister", None, "2015-12-31")])


def test_things_in_liverpool(kg):
    # 001: "the NHS Confederation annual conference in Liverpool": nothing else is placed there.
    exact(kg, "things-in-place", ("thing", "evidence"), [
        ("NHS Confederation annual conference 2014", "the NHS Confederation annual conference in Liverpool")])


def test_positions_by_actor_type(kg):
    """Stances counted by the actor's asserted kind and the proposal's top kind, worked out from
    the stance table with the kinds the ontology and data give (the chancellor is a person and an
    unnamed actor; the Better Care Fund is filed under funding and under pooling)."""
    from graph.rdf.namespaces import PREFIXES

    kinds = {(str(a), str(p)) for a, p in kg.graph.query(
        "SELECT ?al ?pl WHERE { ?s a carekg:Stance ; carekg:actor ?a ; carekg:proposal ?p . ?a a ?t ; rdfs:label ?al . ?p rdfs:label ?pl }",
        initNs=PREFIXES)}
    types = {str(a): set() for a, _ in kinds}
    for a, t in kg.graph.query("SELECT ?al ?tl WHERE { ?a carekg:position|^carekg:actor ?x ; a ?t ; rdfs:label ?al . "
                               "?t rdfs:label ?tl . FILTER(STRSTARTS(STR(?t), STR(carekg:))) }", initNs=PREFIXES):
        types.setdefault(str(a), set()).add(str(t))
    tops: dict = {}
    for p, k in kg.graph.query("SELECT ?pl ?kl WHERE { ?p carekg:proposalKind/skos:broader* ?k ; rdfs:label ?pl . "
                               "?k skos:topConceptOf carekg:ProposalKinds ; skos:prefLabel ?kl }", initNs=PREFIXES):
        tops.setdefault(str(p), set()).add(str(k))
    counts: dict = {}
    for s in STANCES:
        for t in types[s.actor]:
            for k in tops.get(s.proposal, ()):
                counts[(t, k, s.position)] = counts.get((t, k, s.position), 0) + 1
    assert types["The chancellor (unnamed)"] == {"Person", "Unnamed actor"}
    assert tops["The Better Care Fund"] == {"funding", "pooling budgets"}
    exact(kg, "positions-by-actor-type", lambda r: (r["actorType"], r["topKind"], r["position"], int(r["stances"])),
          [(*key, n) for key, n in counts.items()])


def test_entities_in_article_004(kg):
    # Everything 004 (HSJ's February 2017 round-up) names, and as what; a thing named in several
    # phrases once here.
    exact(kg, "entities-in-article", lambda r: (r["thing"], r["type"]), sorted({r for r in [
        ("NHS trusts' financial plan for 2016-17", "Budget"),             # "NHS trusts were going to miss their financial plan"
        ("Providers' forecast year-end deficit", "Budget"),               # "a year-end deficit approaching £1bn"
        ("£580m deficit control total", "Budget"), ("£800m CCG risk reserve", "Budget"),
        ("Blackpool CCG", "Clinical commissioning group"),
        ("The organisations within Amanda Doyle's STP", "Collective actor"), ("Clinical commissioning groups", "Collective actor"),
        ("Councils (local authorities)", "Collective actor"),             # "a vision of local authorities 'taking over'"
        ("Health partners (of the county council)", "Collective actor"), ("Lancashire's eight CCGs", "Collective actor"),
        ("National leaders", "Collective actor"), ("NHS trusts", "Collective actor"), ("Providers", "Collective actor"),
        ("Senior NHS figures in the region", "Collective actor"), ("Trust boards", "Collective actor"),
        ("Discussions between the regulator (NHS Improvement) and trust boards on deficit forecasts", "Event"),
        ("NHS", "Health service"), ("Lancashire County Council", "Local authority"), ("Health Service Journal", "Media organisation"),
        ("Lancashire County Council full council meeting on the PwC report", "Meeting"),
        ("Amanda Doyle's STP (unnamed)", "Organisation"), ("PwC", "Organisation"),
        ("Amanda Doyle", "Person"), ("Jim Mackey", "Person"), ("Lancashire", "Place"),
        ("Accountable officer, Blackpool CCG", "Post"), ("Chief executive, NHS Improvement", "Post"),
        ("Joint commissioning of health and social care", "Proposal"),   # "aligning health and social care commissioning"
        ("Lancashire integrated commissioning authority with a single budget", "Proposal"),
        ("A councillor with the casting vote on the Lancashire commissioning body's board", "Proposal"),
        ("An integrated strategic commissioner for Lancashire", "Proposal"), ("Lancashire 'wellbeing corporations'", "Proposal"),
        ("A working group to review the PwC Lancashire report in detail", "Proposal"),
        ("The PwC report's proposals for Lancashire, taken together", "Proposal"),
        ("Jim Mackey's admission that the £580m control total will not be met", "Public statement"),
        ("NHS Improvement", "Regulator"),
        ("PwC report for Lancashire County Council on commissioning health and social care", "Report"),
        (TITLES["004"], "Source article")]}) + [
        # things named in more than one phrase: one row per phrase
        ("Lancashire's eight CCGs", "Collective actor"), ("NHS trusts", "Collective actor"), ("Lancashire County Council", "Local authority"),
        ("Health Service Journal", "Media organisation"), ("Health Service Journal", "Media organisation"),
        ("Lancashire integrated commissioning authority with a single budget", "Proposal"),
        ("The PwC report's proposals for Lancashire, taken together", "Proposal"),
        ("Jim Mackey's admission that the £580m control total will not be met", "Public statement"),
        ("NHS Improvement", "Regulator"), ("PwC report for Lancashire County Council on commissioning health and social care", "Report")])


def test_money_flows(kg):
    # 001: "for which he announced an extra £1.2m of funding today" (announced, not funded); 003:
    # the chancellor's promise of "a further £1.5bn" for the fund; the fund "has helped to support
    # a number of local integration initiatives"; 004: "the £800m risk reserve that CCGs have been
    # forced to hold back".
    exact(kg, "money-flows", ("from", "relation", "to"), [
        ("Norman Lamb", "announced funding for", "Integration Pioneer sites"),
        ("The chancellor (unnamed)", "promised funding for", "Better Care Fund"),
        ("Better Care Fund", "funds", "Local integration initiatives in England"),
        ("Clinical commissioning groups", "holds funds", "£800m CCG risk reserve")])


def test_accountability_links(kg):
    # 004: providers indicated a deficit "to NHS Improvement"; "the regulator has since managed to
    # improve a number of the forecasts"; the control total "set by national leaders".
    exact(kg, "accountability-links", ("from", "relation", "to"), [
        ("Providers", "reports to", "NHS Improvement"), ("NHS Improvement", "regulates", "Providers"),
        ("National leaders", "sets", "£580m deficit control total")])


def test_unopposed_proposals(kg):
    exact(kg, "unopposed-proposals", lambda r: (r["proposal"], int(r["supporters"]), parts(r["names"])),
          [(p, len(_supporters(p)), frozenset(_supporters(p))) for p in PROPOSALS if _supporters(p) and not _opponents(p)])


def test_lamb_stated_the_mandate_once_and_it_was_recalled_once(kg):
    # Lamb's pairs coded more than once: 001 states the mandate and integration on 5 June 2014;
    # 000 only recalls them ("a key policy of the former health minister", "an integration torch
    # previously waved"): no date, no start, ending with the 2015 article, flagged as recalled.
    lamb = stances(actor="Norman Lamb")
    again = [s for s in lamb if sum(t.proposal == s.proposal for t in lamb) > 1]
    assert {s.proposal for s in again} == {"National mandate to pool budgets", "Integrate health and social care"}
    exact(kg, "stance-history", ("actor", "proposal", "date", "earliest", "latest", "recalled", "position"),
          [(s.actor, s.proposal, s.date, s.earliest, s.latest, str(s.recalled).lower(), s.position) for s in again])


def test_kings_fund_allies(kg):
    """Who takes the same side as the King's Fund, the other side, or a softer one (conditional,
    or in words only), counted by proposal."""
    kf = {(s.proposal, s.position) for s in stances(actor="King's Fund")}
    out: dict = {}
    for s in STANCES:
        for proposal, mine in kf:
            if s.actor != "King's Fund" and s.proposal == proposal:
                how = "agrees" if s.position == mine else "disagrees" if "opposes" in (mine, s.position) else "partly agrees"
                out.setdefault((s.actor, how), set()).add(proposal)
    exact(kg, "allies-of-actor", lambda r: (r["other"], r["relation"], int(r["proposals"]), parts(r["on"])),
          [(who, how, len(on), frozenset(on)) for (who, how), on in out.items()])


def test_figures_as_stated(kg):
    # 001 "The 14 Integration Pioneer sites", "(4% a year, he said)"; 003 "almost half (43%)",
    # "37 local organisations", "five regional health and social care trusts in 1973", "The three
    # largest regional health and social care trusts"; 004 "the county's eight CCGs", "five
    # integrated care providers described as 'wellbeing corporations'".
    exact(kg, "figures", lambda r: (r["thing"], float(r["value"]), r["unit"]), [
        ("Integration Pioneer sites", 14.0, "count"), ("NHS", 4.0, "percent per year"),
        ("Greater Manchester strategic partnership board", 37.0, "count"),
        ("Health MJ and BT survey of local authority care directors", 43.0, "percent"),
        ("Northern Ireland's bringing together of services into five regional health and social care trusts (1973)", 5.0, "count"),
        ("Regional health and social care trusts (Northern Ireland)", 3.0, "count"),
        ("Lancashire's eight CCGs", 8.0, "count"), ("Lancashire 'wellbeing corporations'", 5.0, "count")])


def test_proposers_and_backers(kg):
    # Who put each proposal forward (002's Oldham report; 000's King's Fund report, Options for
    # Integrated Commissioning; Lamb, who wants a single pooled budget and joint commissioning in
    # the Lib Dem manifesto; 004's PwC report; 003: reorganisation "mooted, particularly by
    # politicians"), and how many actors back each (support, fully or on conditions).
    OLDHAM, KF, PWC = "Oldham report", "Options for Integrated Commissioning", \
        "PwC report for Lancashire County Council on commissioning health and social care"
    proposed = {"Joint commissioning of health and social care": {OLDHAM, "Norman Lamb"}, "Pooling decided locally": {OLDHAM},
                "Department of Health controls the national budgets": {KF},
                "Health and wellbeing boards lead health and care commissioning": {OLDHAM},
                "A single pooled budget in every area": {KF, "Norman Lamb"}, "£10bn for community health and social care": {OLDHAM},
                "Keep CCGs and their budgets": {OLDHAM}, "Same aims for every local commissioning arrangement": {KF},
                "Legislation to let health and wellbeing boards take over commissioning": {KF},
                "Independent national conversation on health and care funding": {OLDHAM},
                "Remove the Office of Fair Trading's role in competition decisions": {OLDHAM},
                "Rename NHS England as Care England": {OLDHAM}, "Replace the Section 75 regulations": {OLDHAM},
                "Statutory duty on commissioners to enact a collective commissioning plan": {OLDHAM},
                "Lancashire integrated commissioning authority with a single budget": {PWC},
                "A councillor with the casting vote on the Lancashire commissioning body's board": {PWC},
                "Lancashire 'wellbeing corporations'": {PWC}, "The PwC report's proposals for Lancashire, taken together": {PWC},
                "Further structural reorganisation of the NHS": {"Politicians"}}
    exact(kg, "proposers-and-backers", lambda r: (r["proposal"], parts(r["proposedBy"]), int(r["backers"])),
          [(p, frozenset(proposed.get(p, ())), len(_supporters(p))) for p in PROPOSALS + UNTAKEN])


def test_commissioning_relationships(kg):
    # Relationships of the commissioning kind: 002 "A report commissioned by Labour"; 004 "The PwC
    # document, commissioned by Lancashire county council"; 000: the transfer of the trust's
    # dermatology service "to a Circle run centre in 2013"; 003: Northern Ireland "bringing together
    # services into five regional health and social care trusts in 1973".
    NI = "Northern Ireland's bringing together of services into five regional health and social care trusts (1973)"
    TRANSFER = "Transfer of the Nottingham dermatology service to a Circle-run centre (2013)"
    exact(kg, "relationships-of-kind", ("subject", "relation", "object", "date"), [
        ("Labour", "commissioned", "Oldham report", "2014"),
        ("Lancashire County Council", "commissioned", "PwC report for Lancashire County Council on commissioning health and social care", "2017-02"),
        ("Circle", "operates", "Circle-run dermatology centre", "2013"),
        ("Nottingham University Hospitals Trust", "provides", "Nottingham University Hospitals Trust dermatology service", None),
        (TRANSFER, "transferred from", "Nottingham University Hospitals Trust", "2013"),
        (TRANSFER, "transferred to", "Circle-run dermatology centre", "2013"),
        (NI, "transferred to", "Regional health and social care trusts (Northern Ireland)", "1973")])


def test_facts_about_kings_fund(kg):
    # What the articles say of the King's Fund: a think tank (three mentions in each of 000 and
    # 003), the author of Options for Integrated Commissioning, and its stances, each as dated by
    # its article (003 recalls the summer of 2015).
    rows = exact(kg, "facts-about", ("predicate", "object", "source"), [
        *[("is a", "Think tank", TITLES["000"])] * 3, *[("is a", "Think tank", TITLES["003"])] * 3,
        ("author of", "Options for Integrated Commissioning", TITLES["000"]),
        ("author of", "Options for Integrated Commissioning", TITLES["003"]),
        *[(s.position, s.proposal, s.source) for s in stances(actor="King's Fund")]])
    assert all(r["source"] and r["evidence"] for r in rows)
    recalled = {r["object"] for r in rows if "recalled" in r["qualifiers"].split("; ")}
    assert recalled == {"Options for Integrated Commissioning"} | {s.proposal for s in stances(actor="King's Fund", article="003")}


def test_proposal_scoreboard(kg):
    # Distinct actors on each side of every proposal the data holds, untaken ones with none.
    pos = lambda p, position: len({s.actor for s in STANCES if s.proposal == p and s.position == position})
    exact(kg, "proposal-scoreboard", lambda r: (r["proposal"], int(r["supporters"]), int(r["conditional"]), int(r["opponents"])),
          [(p, pos(p, "supports"), pos(p, "conditionally supports"), pos(p, "opposes")) for p in PROPOSALS + UNTAKEN])


def test_documents(kg):
    # Every document the articles name other than themselves, with who made or answered it: 001's
    # DH guidance, Lib Dem manifesto and NHS Clinical Commissioners' statement ("He followed this
    # up later with a statement"); 000's report and Humphries's "comment piece on it for HSJ", the
    # DH's "response to this report", McLellan's tweet; 002's report and the Health Act's Section
    # 75 regulations; 003's survey "by Health MJ and BT", techUK's charter, the Newcastle
    # declaration; 004's PwC report and Mackey's admission.
    KF, PWC = "Options for Integrated Commissioning", "PwC report for Lancashire County Council on commissioning health and social care"
    NHSCC = "NHS Clinical Commissioners statement on pooling budgets (June 2014)"
    SURVEY, PIECE = "Health MJ and BT survey of local authority care directors", "Richard Humphries's HSJ comment piece on the King's Fund report"
    exact(kg, "documents", ("document", "type", "role", "agent"), [
        ("New Department of Health guidance to make data sharing easier (2014)", "Guidance", "publisher of", "Department of Health"),
        ("Health Act", "Legislation", None, None), ("Section 75 regulations", "Legislation", None, None),
        (SURVEY, "Survey", "author of", "Health MJ"), (SURVEY, "Survey", "author of", "BT"),
        (PIECE, "Comment piece", "author of", "Richard Humphries"), (PIECE, "Comment piece", "publisher of", "Health Service Journal"),
        ("Lib Dem manifesto for the next election", "Public statement", "publisher of", "Lib Dem"),
        ("Jim Mackey's admission that the £580m control total will not be met", "Public statement", "author of", "Jim Mackey"),
        ("Alastair McLellan's tweet on the Nottingham dermatology service", "Social media post", "author of", "Alastair McLellan"),
        ("Newcastle declaration", "Public statement", "author of", "Frontline clinical information leaders across the NHS"),
        (NHSCC, "Public statement", "author of", "Steve Kell"), (NHSCC, "Public statement", "publisher of", "NHS Clinical Commissioners"),
        ("Oldham report", "Report", "author of", "John Oldham"), ("Oldham report", "Report", "commissioned", "Labour"),
        (KF, "Report", "author of", "King's Fund"), (KF, "Report", "author of", "King's Fund"),   # 000 and 003 each say so
        (KF, "Report", "author of", "Richard Humphries"), (KF, "Report", "responded to", "Department of Health"),
        (PWC, "Report", "author of", "PwC"), (PWC, "Report", "commissioned", "Lancashire County Council"),
        (PWC, "Report", "responded to", "Senior NHS figures in the region"), (PWC, "Report", "responded to", "Amanda Doyle"),
        ("techUK interoperability charter", "Public statement", "publisher of", "techUK")])


def golden_tests() -> dict[str, set[str]]:
    """Query name -> the golden tests that check its whole answer: test functions below the
    golden-answers line that call ``exact(kg, "name", ...)`` with the name as a literal.  Read
    from the syntax tree, so a name in a comment or any other string does not count, and a test
    that only looks for one row (``rows_of`` and ``any``) is not golden."""
    source = open(__file__, encoding="utf-8").read()
    start = source[:source.index("# --- golden answers")].count("\n") + 1
    out: dict[str, set[str]] = {}
    for fn in ast.parse(source).body:
        if not (isinstance(fn, ast.FunctionDef) and fn.name.startswith("test_") and fn.lineno > start):
            continue
        for call in ast.walk(fn):
            if (isinstance(call, ast.Call) and getattr(call.func, "id", None) == "exact"
                    and len(call.args) >= 2 and isinstance(call.args[1], ast.Constant)):
                out.setdefault(call.args[1].value, set()).add(fn.name)
    return out


def test_every_named_query_has_a_golden_test():
    tested = golden_tests()
    assert sorted(set(ALL) - set(tested)) == [], "queries without a golden test of their whole answer"
    assert sorted(set(tested) - set(ALL)) == [], "golden tests of queries that do not exist"


# --- one answer on every engine and with either way of binding parameters -------------------

@pytest.mark.parametrize("name", ALL)
def test_values_binding_on_oxigraph_matches_rdflib_init_bindings(kg, name):
    """The same rows from rdflib with initBindings as from Oxigraph with inserted VALUES."""
    from graph.kg.query import bind_params
    from graph.rdf.namespaces import PREFIXES

    q = find_query(name)
    bindings = bind_params(kg, q, PARAMS.get(name, {}))
    expected = kg.graph.query(q.text, initNs=PREFIXES, initBindings=bindings)
    got = kg.engine.query(q.text, bindings, origin=q.path)
    assert [str(v) for v in expected.vars] == got.vars
    assert multiset(expected) == multiset(got.rows)
    assert got.rows, "the comparison means something only if there are rows"
