"""Time and truth (issue 9): claims dated by what they state, former posts shown as former,
qualifiers as data, stances that say what the text says, names as the articles write them.

Golden answers are written from the article text; the phrase each rests on is quoted beside it.
"""

from __future__ import annotations

import csv
import io

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import ORG, SKOS

from graph.analysis.coalitions import coalitions_over_time
from graph.analysis.stances import stance_records
from graph.analysis.views import build_view, source_metadata
from graph.checks.validate import validate
from graph.exchange.tables import STANCE_COLUMNS, stance_details_table, stances_table
from graph.kg.describe import describe
from graph.kg.load import derive_triples, load
from graph.kg.names import label_of, resolve_entity
from graph.kg.query import run
from graph.rdf.namespaces import CAREKG, KG, SCHEMA
from graph.sparql.catalog import find_query
from graph.sparql.engine import OxigraphEngine

from .queries import rows_of

PREFIXES = ("@prefix carekg: <https://w3id.org/carekg/ontology#> . @prefix kg: <https://w3id.org/carekg/id/> .\n"
            "@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n")


def value(kg, s, p):
    v = kg.graph.value(KG[s], p)
    return None if v is None else str(v)


def interval(kg, claim):
    """(date as written, earliest, latest) of a claim, as strings or None."""
    return tuple(value(kg, claim, p) for p in (CAREKG.date, CAREKG.earliest, CAREKG.latest))


# --- an interval for every dated claim --------------------------------------------------------

def test_every_stance_and_tenure_has_an_interval(kg):
    rows = run(kg, """SELECT ?c WHERE { VALUES ?t { carekg:Stance carekg:Tenure } ?c a ?t .
                      FILTER NOT EXISTS { ?c carekg:latest ?l } }""").rows
    assert rows == []


def test_rule_derives_intervals_from_dates_at_every_precision(kg):
    engine = OxigraphEngine.memory()
    engine.load_text(PREFIXES + """
kg:y carekg:date "2015"^^xsd:gYear . kg:m carekg:date "2016-02"^^xsd:gYearMonth .
kg:n carekg:date "2017-02"^^xsd:gYearMonth . kg:d carekg:date "2014-06-05"^^xsd:date .
kg:s carekg:date "2015"^^xsd:gYear ; carekg:earliest "2015-06-01"^^xsd:date ; carekg:latest "2015-08-31"^^xsd:date .
""", origin="test.ttl")
    derive_triples(engine, kg.paths)
    g = engine.to_rdflib()
    got = {str(s).rsplit("/", 1)[1]: (str(g.value(s, CAREKG.earliest)), str(g.value(s, CAREKG.latest)))
           for s in g.subjects(CAREKG.date, None)}
    assert got == {"y": ("2015-01-01", "2015-12-31"), "m": ("2016-02-01", "2016-02-29"),  # leap year
                   "n": ("2017-02-01", "2017-02-28"), "d": ("2014-06-05", "2014-06-05"),
                   "s": ("2015-06-01", "2015-08-31")}  # stated by hand: left alone


def test_natural_date_filter_agrees_with_the_named_period_query(kg):
    # The way docs/data.md filters: on the interval, never on the date as written.
    direct = {str(r[0]) for r in run(kg, """SELECT ?s WHERE { ?s a carekg:Stance ; carekg:latest ?latest .
              FILTER(?latest >= "2015-01-01"^^xsd:date) }""").rows}
    q = find_query("stances-in-period", kg.paths)
    named = run(kg, q, {"from": "2015"})
    assert len(named.rows) == len(direct) == 35
    # And the "to" side: an interval may fall in 2014 when it ends in or after 2014 and starts
    # in or before 2014 or has no start.
    direct = run(kg, """SELECT ?s WHERE { ?s a carekg:Stance ; carekg:latest ?latest .
              OPTIONAL { ?s carekg:earliest ?earliest }
              FILTER(?latest >= "2014-01-01"^^xsd:date && (!BOUND(?earliest) || ?earliest <= "2014-12-31"^^xsd:date)) }""").rows
    assert len(run(kg, q, {"from": "2014", "to": "2014"}).rows) == len(direct)


def test_recalled_past_is_dated_by_what_it_states(kg):
    # 000: "a key policy of the former health minister": no date, no start, ends by the article.
    assert interval(kg, "stance-000-06") == (None, None, "2015-12-31")
    assert value(kg, "stance-000-06", CAREKG.dateText) == "a key policy of the former health minister"
    assert value(kg, "stance-000-06", CAREKG.recalled) == "true"
    # 003 (6 March 2017): "the reforms instigated by Andrew Lansley"; politicians mooted
    # reorganisation "in the lead up to the last election": both before the article, undated.
    assert interval(kg, "rel-003-24") == (None, None, "2017-03-06")
    assert interval(kg, "rel-003-23") == (None, None, "2017-03-06")
    assert value(kg, "rel-003-23", CAREKG.dateText) == "in the lead up to the last election"
    # "The chancellor also used November’s spending review": a November before March 2017.
    for claim in ("amount-003-03", "stance-003-18", "rel-003-07"):
        assert interval(kg, claim) == (None, None, "2016-11-30")
        assert value(kg, claim, CAREKG.dateText) == "November’s spending review"
    # "In the summer of 2015, the King’s Fund report ...": the year as written, the season estimated.
    assert interval(kg, "stance-003-10") == ("2015", "2015-06-01", "2015-08-31")
    assert value(kg, "stance-003-10", CAREKG.dateIsEstimate) == "true"
    # A claim stated as news of its day keeps its article's date and is not recalled.
    assert interval(kg, "stance-001-04") == ("2014-06-05", "2014-06-05", "2014-06-05")
    assert value(kg, "stance-001-04", CAREKG.recalled) is None


def test_planned_events_are_prospective(kg):
    # 003: "the strategic partnership board that will start work in April" (article: March 2017).
    start = "greater-manchester-strategic-partnership-board-start"
    assert interval(kg, start) == ("2017-04", "2017-04-01", "2017-04-30")
    assert value(kg, start, CAREKG.prospective) == "true"
    assert (KG[start], CAREKG.startOf, KG["greater-manchester-strategic-partnership-board"]) in kg.graph
    # 004: "The document will go before the full council next week" (article: February 2017).
    assert interval(kg, "lancashire-full-council-meeting") == (None, "2017-02-02", "2017-03-13")
    assert value(kg, "rel-004-25", CAREKG.prospective) == "true"


BAD_DATES = """
kg:stance-bad-nodate a carekg:Stance ; carekg:actor kg:kings-fund ; carekg:proposal kg:proposal-pool-budgets ;
    carekg:position carekg:Support ; carekg:implicit false ;
    carekg:source kg:article-000 ; carekg:evidence "King’s Fund calls" .
kg:stance-bad-backwards a carekg:Stance ; carekg:actor kg:kings-fund ; carekg:proposal kg:proposal-pool-budgets ;
    carekg:position carekg:Support ; carekg:implicit false ;
    carekg:earliest "2015-09-01"^^xsd:date ; carekg:latest "2015-06-01"^^xsd:date ;
    carekg:source kg:article-000 ; carekg:evidence "King’s Fund calls" .
kg:stance-bad-late a carekg:Stance ; carekg:actor kg:kings-fund ; carekg:proposal kg:proposal-pool-budgets ;
    carekg:position carekg:Support ; carekg:implicit false ; carekg:date "2016"^^xsd:gYear ;
    carekg:source kg:article-000 ; carekg:evidence "King’s Fund calls" .
kg:stance-bad-outside a carekg:Stance ; carekg:actor kg:kings-fund ; carekg:proposal kg:proposal-pool-budgets ;
    carekg:position carekg:Support ; carekg:implicit false ; carekg:date "2015"^^xsd:gYear ;
    carekg:latest "2014-12-31"^^xsd:date ;
    carekg:source kg:article-000 ; carekg:evidence "King’s Fund calls" .
kg:kings-fund skos:altLabel "The Fund of Kings" .
"""


def test_qc_rejects_invalid_intervals_and_unattested_aliases(project_copy):
    (project_copy.data / "zz-bad.ttl").write_text(PREFIXES + BAD_DATES, encoding="utf-8")
    problems = validate(load(project_copy), checks=("shacl", "qc"))
    found = {(p.check, p.focus) for p in problems}
    assert ("shacl", "kg:stance-bad-nodate") in found
    assert ("qc:date-intervals", "kg:stance-bad-nodate") in found
    assert ("qc:date-intervals", "kg:stance-bad-backwards") in found
    assert ("qc:date-intervals", "kg:stance-bad-late") in found        # 2016 in a 2015 article
    assert ("qc:date-intervals", "kg:stance-bad-outside") in found     # interval outside its date
    assert ("qc:names-attested", "kg:kings-fund") in found
    assert {f for _, f in found} <= {"kg:stance-bad-nodate", "kg:stance-bad-backwards", "kg:stance-bad-late",
                                     "kg:stance-bad-outside", "kg:kings-fund"}
    # Aliases from the text are the curated dataset's declared rule: without it, not checked.
    sources = project_copy.data / "sources.ttl"
    sources.write_text(sources.read_text(encoding="utf-8").replace("carekg:namesFromText true", "carekg:namesFromText false"),
                       encoding="utf-8")
    assert not [p for p in validate(load(project_copy), checks=("qc",)) if p.check == "qc:names-attested"]


# --- former posts are visibly former ---------------------------------------------------------------

def test_former_posts_have_their_own_derived_property(kg):
    lamb, oldham = KG["norman-lamb"], KG["john-oldham"]
    # 000: "the former health minister"; 002: "former Department of Health director".
    assert (lamb, CAREKG.formerlyHeld, KG["post-health-minister"]) in kg.graph
    assert (oldham, CAREKG.formerlyHeld, KG["post-director-department-of-health"]) in kg.graph
    assert (oldham, ORG.holds, KG["post-director-department-of-health"]) not in kg.graph
    assert (oldham, CAREKG.holdsPostIn, KG["department-of-health"]) not in kg.graph
    assert (oldham, CAREKG.formerlyHeldPostIn, KG["department-of-health"]) in kg.graph
    # 001: "Health minister Norman Lamb MP": current in June 2014, so the plain "holds".
    assert (lamb, ORG.holds, KG["post-health-minister"]) in kg.graph


def test_describe_shows_former_posts_as_former(kg):
    for who, post, words in [("norman-lamb", "Health minister", "the former health minister"),
                             ("john-oldham", "Director, Department of Health", "former Department of Health director")]:
        facts = [f for f in describe(kg, KG[who]) if f.object == post and f.source in (str(KG["article-000"]), str(KG["article-002"]))]
        assert [(f.predicate, f.latest, f.date_text, f.qualifiers) for f in facts] == [
            ("formerly held", facts[0].latest, words, "former; recalled")]
        assert facts[0].when.startswith("no later than ")


def test_map_panel_and_influence_view_show_former_posts_as_former(kg):
    G = build_view(kg, "network")
    lamb = str(KG["norman-lamb"])
    edges = {d["claim"]: d for _, _, d in G.out_edges(lamb, data=True)}
    former = edges[str(KG["tenure-000-01"])]
    assert (former["relation_label"], former["label"]) == ("formerly held post in", "Health minister (former)")
    assert edges[str(KG["tenure-001-01"])]["relation_label"] == "holds post in"
    # The details panel lists describe's facts.
    panel = [(f["predicate"], f["object"]) for f in G.nodes[lamb]["facts"]]
    assert ("formerly held", "Health minister") in panel and ("holds", "Health minister") in panel


@pytest.mark.parametrize("name, params", [
    ("posts-of-person", {"person": "John Oldham"}),
    ("people-in-organisation", {"organisation": "Department of Health"}),
])
def test_queries_that_list_posts_say_formerly_held(kg, name, params):
    rows = rows_of(kg, name, params)
    # 002: "former Department of Health director Sir John Oldham".
    assert [(r["post"], r["held"], r["former"]) for r in rows] == [
        ("Director, Department of Health", "formerly held", "true")]


# --- qualifiers are data ------------------------------------------------------------------------------

def test_approximate_amounts_carry_a_qualifier_and_a_bound(kg):
    # 004: "a year-end deficit approaching £1bn"; "a deterioration of around £280m".
    assert kg.graph.value(KG["amount-004-01"], CAREKG.approximation) == CAREKG.UpTo
    assert kg.graph.value(KG["amount-004-01"], SCHEMA.maxValue).toPython() == 1e9
    assert kg.graph.value(KG["amount-004-02"], CAREKG.approximation) == CAREKG.About
    assert kg.graph.value(KG["amount-004-02"], SCHEMA.maxValue) is None
    rows = {r["measure"]: r for r in rows_of(kg, "all-amounts")}
    deficit = next(r for m, r in rows.items() if m.startswith("year-end deficit"))
    assert (deficit["approximation"], float(deficit["upperBound"])) == ("up to", 1e9)
    # Exact sums carry no qualifier: 001 "an extra £1.2m of funding".
    assert rows["extra funding announced"]["approximation"] is None
    # describe writes the sums as people do, the approximation first, and keeps the exact value
    facts = {f.object.split(":")[0]: f.value for f in describe(kg, KG["providers-year-end-deficit"]) if f.predicate == "amount of"}
    assert facts == {"up to £1bn": 1e9, "about £280m": 2.8e8}


def test_describe_shows_dates_as_written_estimates_and_titles(kg):
    report = describe(kg, KG["options-for-integrated-commissioning"])
    # 003: "In the summer of 2015, the King’s Fund report Options for Integrated Commissioning".
    dated = [f for f in report if f.date_text == "In the summer of 2015"]
    assert dated and all(f.when == "2015: 2015-06-01 to 2015-08-31, estimated (“In the summer of 2015”)" for f in dated)
    # 002: "by GP and former Department of Health director Sir John Oldham".
    oldham = {(f.predicate, f.object) for f in describe(kg, KG["john-oldham"])}
    assert {("honorific", "Sir"), ("profession", "GP"), ("also called", "Sir John Oldham")} <= oldham
    # 001: "Dr Steve Kell, NHS Bassetlaw CCG chair"; "Health minister Norman Lamb MP".
    assert ("honorific", "Dr") in {(f.predicate, f.object) for f in describe(kg, KG["steve-kell"])}
    assert ("profession", "MP") in {(f.predicate, f.object) for f in describe(kg, KG["norman-lamb"])}


def test_describe_command_shows_when_and_qualifiers(cli):
    code, out, err = cli("describe", "Norman Lamb", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["subject", "predicate", "object", "when", "qualifiers", "source", "evidence", "at"]
    former = [r for r in rows if r["predicate"] == "formerly held"]
    assert [(r["object"], r["when"], r["qualifiers"]) for r in former] == [
        ("Health minister", "no later than 2015-12-31 (“the former health minister”)", "former; recalled")]


def test_stance_exports_keep_their_columns_and_add_a_wide_one(kg, cli):
    header, rows = stances_table(kg)
    assert header == STANCE_COLUMNS == ["actor", "actor_type", "proposal", "position", "implicit", "date", "source", "evidence"]
    header, rows = stance_details_table(kg)
    by_stance = {r[0]: dict(zip(header, r)) for r in rows}
    lamb = by_stance["kg:stance-000-06"]
    assert (lamb["date"], lamb["earliest"], lamb["latest"], lamb["recalled"], lamb["date_is_estimate"]) == (
        "", "", "2015-12-31", "true", "false")
    summer = by_stance["kg:stance-003-10"]
    assert (summer["date"], summer["date_text"], summer["date_is_estimate"]) == ("2015", "In the summer of 2015", "true")
    # 000: "HWBs are not fit for holding pooled budgets in their current form".
    assert by_stance["kg:stance-000-03"]["scope"] == "in their current form"
    assert by_stance["kg:stance-000-03"]["source_date"] == "2015"
    code, out, err = cli("export", "stance-details", "-f", "csv")
    assert code == 0 and out.startswith(",".join(header) + "\r\n")


# --- stances that say what the text says ---------------------------------------------------------------

def stance(kg, actor, proposal):
    return {(label_of(kg, kg.graph.value(s, CAREKG.position)), str(kg.graph.value(s, CAREKG.evidence)))
            for s in kg.graph.subjects(CAREKG.actor, KG[actor])
            if kg.graph.value(s, CAREKG.proposal) == KG[proposal]}


def test_hunt_paid_lip_service(kg):
    # 000: "Health secretary Jeremy Hunt has paid lip service to the importance of commissioner
    # integration", after "the government as it is not amenable": support in words only.
    assert stance(kg, "jeremy-hunt", "proposal-joint-commissioning") == {
        ("supports in words only", "Jeremy Hunt has paid lip service to the importance of commissioner integration")}
    assert kg.graph.value(CAREKG.NominalSupport, SKOS.definition) is not None
    assert (KG["jeremy-hunt"], CAREKG.supports, KG["proposal-joint-commissioning"]) not in kg.graph
    assert (KG["jeremy-hunt"], CAREKG.nominallySupports, KG["proposal-joint-commissioning"]) in kg.graph


def test_doyle_objects_to_the_pwc_proposals(kg):
    # 004: "It contains a lot of assumptions and some of the proposals would be outwith legislation."
    assert stance(kg, "amanda-doyle", "proposal-pwc-lancashire-proposals") == {
        ("opposes", "It contains a lot of assumptions and some of the proposals would be outwith legislation.")}
    # ... while "really supportive of the principle of aligning health and social care commissioning".
    assert ("supports", "I’m really supportive of the principle of aligning health and social care commissioning") in \
        stance(kg, "amanda-doyle", "proposal-joint-commissioning")
    assert (KG["pwc-lancashire-report"], CAREKG.proposed, KG["proposal-pwc-lancashire-proposals"]) in kg.graph


def test_kings_fund_opposes_boards_only_in_their_current_form(kg):
    # 000 and 003: boards "not fit ... in their current form".
    proposal = KG["proposal-hwb-hold-pooled-budgets"]
    assert "in their current form" in label_of(kg, proposal)
    for s in ("stance-000-03", "stance-003-12"):
        assert value(kg, s, CAREKG.scopeText) == "in their current form"


def test_lamb_announced_funding(kg):
    # 001: "for which he announced an extra £1.2m of funding today".
    assert (KG["norman-lamb"], CAREKG.announcedFundingFor, KG["integration-pioneers"]) in kg.graph
    assert (KG["norman-lamb"], CAREKG.funds, KG["integration-pioneers"]) not in kg.graph
    # 003: "to promise a further £1.5bn for the fund".
    assert (KG["the-chancellor"], CAREKG.promisedFundingFor, KG["better-care-fund"]) in kg.graph


def test_yearly_coalitions_do_not_take_a_backward_look_for_a_restatement(kg):
    recs = stance_records(kg)
    recalled = [r for r in recs if r["stance"] == str(KG["stance-000-06"])]
    assert [(r["date"], r["earliest"], r["latest"], r["recalled"]) for r in recalled] == [(None, None, "2015-12-31", True)]
    years = {p["period"]: p for p in coalitions_over_time(recs)}
    lamb = str(KG["norman-lamb"])
    in_2015 = {m for c in years["2015"]["coalitions"] for m in c["members"]}
    assert lamb not in in_2015          # 000 only recalls his policies; 2014 is when he stated them
    assert lamb in {m for c in years["2014"]["coalitions"] for m in c["members"]}


# --- names as the articles write them --------------------------------------------------------------

@pytest.mark.parametrize("typed, iri", [
    ("Better Care Fund", "better-care-fund"),   # the fund, not the class or the proposal kind
    ("King’s Fund", "kings-fund"),              # the articles' curly apostrophe
    ("Kings Fund", "kings-fund"),
    ("HWBs", "health-and-wellbeing-boards"),    # 000: "the think tank said that HWBs are not fit"
    ("DH", "department-of-health"),             # 000: "the DH’s response to this report"
    ("CCGs", "ccgs"),                           # 000: "other CCGs embarking on service change"
    ("Sir John Oldham", "john-oldham"),         # 002: "director Sir John Oldham"
    ("PwC document", "pwc-lancashire-report"),  # 004: "The PwC document"
])
def test_names_people_type_resolve(kg, cli, typed, iri):
    assert resolve_entity(kg, typed) == KG[iri]
    code, out, err = cli("describe", typed)
    assert code == 0 and out.strip()


def test_aliases_are_attested_by_mentions(kg):
    for thing, alias in [("health-and-wellbeing-boards", "HWBs"), ("department-of-health", "DH")]:
        assert Literal(alias) in set(kg.graph.objects(KG[thing], SKOS.altLabel))
        facts = [f for f in describe(kg, KG[thing]) if f.predicate == "also called" and f.object == alias]
        assert facts and all(alias in f.evidence for f in facts)


# --- containment, duplicates, direction, titles ---------------------------------------------------------

def test_posts_in_units_belong_to_the_organisation(kg):
    # 001: "NHS Clinical Commissioners, where he is the leadership group co-chair".
    facts = {(f.subject, f.predicate, f.object) for f in describe(kg, KG["nhs-clinical-commissioners"])}
    assert ("Steve Kell", "holds", "Co-chair, NHS Clinical Commissioners leadership group") in facts
    # Following units must not list a fact twice (once per level of containment).
    kell = [(f.predicate, f.object, f.claim, f.evidence) for f in describe(kg, KG["steve-kell"])]
    assert len(kell) == len(set(kell))
    rows = rows_of(kg, "people-in-organisation", {"organisation": "NHS Clinical Commissioners"})
    assert [(r["person"], r["post"], r["unit"], r["held"]) for r in rows] == [
        ("Steve Kell", "Co-chair, NHS Clinical Commissioners leadership group",
         "Leadership group, NHS Clinical Commissioners", "holds")]


def test_health_and_wellbeing_board_stances_are_listed_once_each(kg):
    rows = rows_of(kg, "health-and-wellbeing-board-stances")
    keys = [(r["actor"], r["proposal"], r["source"], r["evidence"]) for r in rows]
    assert len(keys) == len(set(keys)) == 5
    # 002: Burgess: "should be in charge of commissioning"; Oldham: boards "should provide".
    assert sum(r["actor"] == "Graham Burgess" for r in rows) == 1
    assert sum(r["actor"] == "John Oldham" for r in rows) == 1


def test_events_chronology_reads_in_the_claims_direction(kg):
    rows = rows_of(kg, "events-chronology")
    pioneers = [(r["subject"], r["role"], r["object"]) for r in rows if r["event"] == "Integration Pioneer sites"]
    # 001: "for which he announced an extra £1.2m of funding today".
    assert pioneers == [("Norman Lamb", "announced funding for", "Integration Pioneer sites")]
    latest = [r["latest"] or "" for r in rows]
    assert latest == sorted(latest)


def test_one_title_per_article_everywhere(kg, cli):
    sources = source_metadata(kg)
    header, rows = stances_table(kg)
    exported = {r[header.index("source")] for r in rows}
    for iri, s in sources.items():
        title = str(kg.graph.value(URIRef(iri), URIRef("http://purl.org/dc/terms/title")))
        assert s["title"] == s["label"] == title == label_of(kg, URIRef(iri))
    assert exported == {s["title"] for s in sources.values()}
    code, out, err = cli("describe", "Norman Lamb", "-f", "csv")
    shown = {r["source"] for r in csv.DictReader(io.StringIO(out))}
    assert shown == {sources[str(KG["article-000"])]["title"], sources[str(KG["article-001"])]["title"]}
