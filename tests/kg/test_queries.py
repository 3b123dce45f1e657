"""Every named query: well-formed headers, runs, and gives the answer the articles give.

Golden answers are written from the articles themselves (quoted in the comments), not from a
previous run of the queries.
"""

from __future__ import annotations

import ast
import re

import pytest

from graph.sparql.catalog import find_query, list_queries

from ..queries import PARAMS, multiset, rows_of

ALL = [q.name for q in list_queries()]

def column(rows, name):
    return {r[name] for r in rows}


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

def test_posts_of_norman_lamb(kg):
    rows = rows_of(kg, "posts-of-person")
    # 001: "Health minister Norman Lamb MP" ... "The care and support minister";
    # 000: "a key policy of the former health minister".
    assert {"Health minister", "Care and support minister"} <= column(rows, "post")
    # The former post is "formerly held", undated, and ends no later than the 2015 article.
    former = [r for r in rows if r["former"] == "true"]
    assert [(r["post"], r["held"], r["date"], r["earliest"], r["latest"]) for r in former] == [
        ("Health minister", "formerly held", None, None, "2015-12-31")]
    assert {r["held"] for r in rows if r["former"] == "false"} == {"holds"}


def test_people_in_department_of_health(kg):
    rows = rows_of(kg, "people-in-organisation")
    # 002: "GP and former Department of Health director Sir John Oldham".
    assert any(r["person"] == "John Oldham" and r["former"] == "true" for r in rows)


def test_who_supports_or_opposes_a_national_mandate(kg):
    rows = rows_of(kg, "stances-on-proposal")
    support = {r["actor"] for r in rows if r["position"] == "supports"}
    oppose = {r["actor"] for r in rows if r["position"] == "opposes"}
    # 001: Lamb's "legal obligation to pool"; Kell: "a top-down diktat on this was wrong";
    # NHS Clinical Commissioners: "Mandating pooling budgets will only bring politics closer".
    assert support == {"Norman Lamb"}
    assert {"Steve Kell", "NHS Clinical Commissioners"} <= oppose


def test_kings_fund_stances(kg):
    rows = rows_of(kg, "stances-of-actor")
    got = {(r["proposal"], r["position"]) for r in rows}
    # 000: "a single budget in every area by 2020"; "HWBs are not fit for holding pooled budgets";
    # "sole control of the Department of Health – another idea backed by the King's Fund".
    assert ("A single pooled budget in every area", "supports") in got
    assert ("Health and wellbeing boards in their current form hold pooled budgets", "opposes") in got
    assert ("Department of Health controls the national budgets", "supports") in got


def test_mandate_opponents_who_accept_local_pooling(kg):
    rows = rows_of(kg, "mandate-opponents-accepting-local-pooling")
    # 001: Kell and NHS Clinical Commissioners; 002: Oldham's "only ... where both sides wished".
    assert column(rows, "actor") == {"Steve Kell", "NHS Clinical Commissioners", "John Oldham"}


def test_pooling_chronology_is_in_date_order_and_spans_the_debate(kg):
    rows = rows_of(kg, "pooling-chronology")
    # In time order by the interval the text allows (last possible day, then first).
    keys = [(r["latest"], r["earliest"] or "") for r in rows]
    assert keys == sorted(keys)
    assert "Norman Lamb" in column(rows, "actor") and "King's Fund" in column(rows, "actor")
    assert rows[0]["latest"].startswith("2014") and rows[-1]["latest"].startswith("2017")


def test_better_care_fund_amounts(kg):
    rows = rows_of(kg, "better-care-fund-amounts")
    # 003: "£3.8bn", "bringing the fund up to £5.3bn", "a further £1.5bn".
    assert {float(r["value"]) for r in rows} == {3.8e9, 5.3e9, 1.5e9}
    assert all(r["currency"] == "GBP" for r in rows)


def test_all_amounts_recorded_as_stated(kg):
    values = {float(r["value"]) for r in rows_of(kg, "all-amounts")}
    # 001 £1.2m and £90,000 each (14 × £90,000 ≠ £1.2m: both kept); 002 £10bn; 004 £1bn, £280m, £580m, £800m.
    assert {1.2e6, 9e4, 1e10, 1e9, 2.8e8, 5.8e8, 8e8} <= values
    big = {float(r["value"]) for r in rows_of(kg, "all-amounts", {"min": "1000000000"})}
    assert big and min(big) >= 1e9


def test_reports_commissioned_by_one_body_and_written_by_another(kg):
    rows = rows_of(kg, "reports-commissioned-and-written-by-others")
    pairs = {(r["commissioner"], r["author"]) for r in rows}
    # 002: "A report commissioned by Labour" ... "by ... Sir John Oldham";
    # 004: "The PwC document, commissioned by Lancashire county council".
    assert pairs == {("Labour", "John Oldham"), ("Lancashire County Council", "PwC")}


def test_pooling_kinds_include_narrower_kinds(kg):
    rows = rows_of(kg, "proposals-by-kind")
    assert {"National mandate to pool budgets", "Pooling decided locally", "A single pooled budget in every area"} <= column(rows, "proposal")


def test_actors_by_type_counts_people(kg):
    rows = {r["type"]: r for r in rows_of(kg, "actors-by-type")}
    assert "Norman Lamb" in rows["Person"]["names"] and int(rows["Person"]["actors"]) >= 10


def test_source_articles(kg):
    rows = {r["article"]: r for r in rows_of(kg, "source-articles")}
    assert len(rows) == 5
    lamb = next(r for r in rows.values() if r["title"].startswith("Lamb tells Confed"))
    assert lamb["date"] == "2014-06-05" and lamb["estimated"] == "false"
    lgc = next(r for r in rows.values() if "demonstrate readiness" in r["title"])
    assert (lgc["publisher"], lgc["author"]) == ("LGC", "Kaye Wiggins")
    roots = next(r for r in rows.values() if r["title"].startswith("Health and care integration"))
    assert roots["author"] == "David Roots" and roots["date"] == "2017-03-06"


def test_contested_proposals_include_the_mandate(kg):
    rows = {r["proposal"]: r for r in rows_of(kg, "contested-proposals")}
    mandate = rows["National mandate to pool budgets"]
    assert "Norman Lamb" in mandate["for"] and "Steve Kell" in mandate["against"]


def test_who_should_hold_the_money(kg):
    got = {(r["proposal"], r["actor"], r["position"]) for r in rows_of(kg, "who-should-hold-the-money")}
    # 002: Burgess: "the budgets need to be held by councils".
    assert ("Councils hold the health budget", "Graham Burgess", "supports") in got
    assert ("Keep CCGs and their budgets", "John Oldham", "supports") in got


def test_health_and_wellbeing_board_stances(kg):
    got = {(r["actor"], r["position"]) for r in rows_of(kg, "health-and-wellbeing-board-stances")}
    assert ("King's Fund", "opposes") in got        # 000: "not fit for holding pooled budgets"
    assert ("John Oldham", "supports") in got        # 002: boards "should provide ... leadership"
    assert ("Graham Burgess", "supports") in got     # 002: "should be in charge of commissioning"


def test_implicit_stances_carry_a_reading(kg):
    rows = rows_of(kg, "implicit-stances")
    assert rows and all(r["reading"] for r in rows)


def test_kell_and_nhs_clinical_commissioners_agree(kg):
    rows = rows_of(kg, "agreeing-actors")
    pair = next(r for r in rows if {r["actor1"], r["actor2"]} == {"Steve Kell", "NHS Clinical Commissioners"})
    assert int(pair["agreements"]) >= 2 and "National mandate to pool budgets" in pair["proposals"]


def test_lamb_and_kell_conflict_on_the_mandate(kg):
    rows = rows_of(kg, "conflicting-actors")
    assert any(r["supporter"] == "Norman Lamb" and r["opponent"] == "Steve Kell"
               and r["proposal"] == "National mandate to pool budgets" for r in rows)


def test_stances_in_2017_only(kg):
    rows = rows_of(kg, "stances-in-period")
    # Every interval may fall in 2017: it ends in 2017 and starts in 2017 or is open (techUK's
    # charter and the Newcastle declaration, recalled without a date in the 2017 article).
    assert rows and all(r["latest"].startswith("2017") and (r["earliest"] or "2017").startswith("2017") for r in rows)
    assert "David Roots" in column(rows, "actor") and "Norman Lamb" not in column(rows, "actor")


def test_events_chronology_has_the_confederation_conference(kg):
    rows = rows_of(kg, "events-chronology")
    conf = [r for r in rows if "NHS Confederation annual conference" in r["event"]]
    # 001: "the NHS Confederation annual conference in Liverpool": subject, role, object in order.
    assert any((r["subject"], r["role"], r["object"]) == ("NHS Confederation annual conference 2014", "located in", "Liverpool")
               for r in conf)


def test_former_post_holders(kg):
    assert column(rows_of(kg, "former-post-holders"), "person") == {"Norman Lamb", "John Oldham"}


def test_things_in_liverpool(kg):
    assert any("NHS Confederation annual conference" in t for t in column(rows_of(kg, "things-in-place"), "thing"))


def test_positions_by_actor_type(kg):
    rows = rows_of(kg, "positions-by-actor-type")
    assert any(r["actorType"] == "Think tank" and r["position"] == "supports" for r in rows)


def test_entities_in_article_004(kg):
    names = column(rows_of(kg, "entities-in-article"), "thing")
    assert {"Amanda Doyle", "Jim Mackey", "PwC", "NHS Improvement"} <= names
    assert "Norman Lamb" not in names


def test_money_flows(kg):
    got = {(r["from"], r["relation"], r["to"]) for r in rows_of(kg, "money-flows")}
    # 001: "for which he announced an extra £1.2m of funding today" (announced, not funded); 003:
    # the chancellor's promise of "a further £1.5bn" for the fund; the fund "has helped to support
    # a number of local integration initiatives"; 004: "the £800m risk reserve that CCGs have been
    # forced to hold back".
    assert got == {("Norman Lamb", "announced funding for", "Integration Pioneer sites"),
                   ("The chancellor (unnamed)", "promised funding for", "Better Care Fund"),
                   ("Better Care Fund", "funds", "Local integration initiatives in England"),
                   ("Clinical commissioning groups", "holds funds", "£800m CCG risk reserve")}


def test_accountability_links(kg):
    got = {(r["from"], r["relation"], r["to"]) for r in rows_of(kg, "accountability-links")}
    # 004: providers indicated a deficit "to NHS Improvement"; the control total was "set by national leaders".
    assert any(rel == "reports to" and to == "NHS Improvement" for _, rel, to in got)
    assert any(rel == "sets" for _, rel, _ in got)


def test_unopposed_proposals_include_oldhams_regulatory_changes(kg):
    names = column(rows_of(kg, "unopposed-proposals"), "proposal")
    assert "Replace the Section 75 regulations" in names
    assert "National mandate to pool budgets" not in names


def test_lamb_stated_the_mandate_once_and_it_was_recalled_once(kg):
    rows = rows_of(kg, "stance-history")
    mandate = [r for r in rows if r["proposal"] == "National mandate to pool budgets"]
    # 001 states it on 5 June 2014; 000 only recalls it, as "a key policy of the former health
    # minister": no date, no start, ending with the 2015 article, and flagged as recalled.
    assert {(r["date"], r["earliest"], r["latest"], r["recalled"]) for r in mandate} == {
        ("2014-06-05", "2014-06-05", "2014-06-05", "false"), (None, None, "2015-12-31", "true")}


def test_kings_fund_allies(kg):
    rows = rows_of(kg, "allies-of-actor")
    assert any(r["other"] == "Norman Lamb" and r["relation"] == "agrees" for r in rows)


def test_figures_as_stated(kg):
    got = {(r["thing"], float(r["value"])) for r in rows_of(kg, "figures")}
    values = {v for _, v in got}
    # 001 "14 Integration Pioneer sites"; 003 "almost half (43%)", "37 local organisations"; 004 "eight CCGs".
    assert {14.0, 43.0, 37.0, 8.0} <= values


def test_proposers_and_backers(kg):
    rows = {r["proposal"]: r for r in rows_of(kg, "proposers-and-backers")}
    assert "Oldham report" in (rows["Replace the Section 75 regulations"]["proposedBy"] or "")


def test_commissioning_relationships(kg):
    got = {(r["subject"], r["object"]) for r in rows_of(kg, "relationships-of-kind")}
    assert ("Labour", "Oldham report") in got


def test_facts_about_kings_fund_are_all_sourced(kg):
    rows = rows_of(kg, "facts-about")
    assert rows and all(r["source"] and r["evidence"] for r in rows)
    assert any(r["predicate"] == "supports" and r["object"] == "A single pooled budget in every area" for r in rows)


def golden_tests() -> dict[str, set[str]]:
    """Query name -> the golden tests that run it: test functions below the golden-answers
    line that call ``rows_of(kg, "name", ...)`` with the name as a literal and assert something.
    Read from the syntax tree, so a name in a comment or any other string does not count."""
    source = open(__file__, encoding="utf-8").read()
    start = source[:source.index("# --- golden answers")].count("\n") + 1
    out: dict[str, set[str]] = {}
    for fn in ast.parse(source).body:
        if not (isinstance(fn, ast.FunctionDef) and fn.name.startswith("test_") and fn.lineno > start):
            continue
        if not any(isinstance(n, ast.Assert) for n in ast.walk(fn)):
            continue
        for call in ast.walk(fn):
            if (isinstance(call, ast.Call) and getattr(call.func, "id", None) == "rows_of"
                    and len(call.args) >= 2 and isinstance(call.args[1], ast.Constant)):
                out.setdefault(call.args[1].value, set()).add(fn.name)
    return out


def test_every_named_query_has_a_golden_test():
    tested = golden_tests()
    assert sorted(set(ALL) - set(tested)) == [], "queries without a golden test"
    assert sorted(set(tested) - set(ALL)) == [], "golden tests of queries that do not exist"


def test_proposal_scoreboard_and_documents(kg):
    board = {r["proposal"]: r for r in rows_of(kg, "proposal-scoreboard")}
    assert int(board["National mandate to pool budgets"]["opponents"]) >= 2
    docs = rows_of(kg, "documents")
    assert any(r["document"] == "Oldham report" and r["role"] == "author of" and r["agent"] == "John Oldham" for r in docs)


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
