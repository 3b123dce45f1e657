"""Findings under their own checks (graph.analysis.robustness, graph.analysis.findings,
graph.analysis.checked), on hand-worked stances: which check breaks what, and what "n/a" means."""

from __future__ import annotations

from functools import partial

import networkx as nx
import pytest

from graph.analysis.checked import checked_brokers, checked_coalitions, checked_polarisation, namer
from graph.analysis.findings import broker_run, coalition_run, polarisation_run
from graph.analysis.robustness import CHECKS, Finding, Run, robust, summary
from graph.analysis.stances import filter_stances
from graph.errors import UnknownNameError

from ..stances import CLEAN, rec

# The two clean camps, each stance stated in two articles (ex:s1 and ex:s2), in 2014.
TWO = [dict(r, source=src, stance=r["stance"] + src) for r in CLEAN for src in ("ex:s1", "ex:s2")]


def by_claim(verdicts):
    return {v.finding.claim: v for v in verdicts}


def test_every_check_is_named_and_runs_by_default():
    assert [c.name for c in CHECKS] == ["implicit", "unopposed", "articles", "years"]
    verdicts = robust(coalition_run, TWO)
    assert {tuple(v.checks) for v in verdicts} == {("implicit", "unopposed", "articles", "years")}
    with pytest.raises(UnknownNameError, match="robustness check 'yearly'"):
        robust(coalition_run, TWO, checks=["yearly"])


def test_clean_camps_in_two_articles_are_robust():
    verdicts = robust(coalition_run, TWO)
    assert all(v.robust for v in verdicts) and summary(verdicts) == "8 of 8 findings robust under every check."
    # one year of stances: nothing to split year by year
    assert {v.checks["years"]["status"] for v in verdicts} == {"n/a"}
    assert by_claim(verdicts)["A1 stands with A2; A3 (coalition 1)"].finding.rests_on(namer(TWO)) == "6 stances in 2 articles, on p1; p2; p3"


def test_a_member_resting_on_one_implicit_stance_breaks_without_it():
    joiner = rec("c1", "p1", "support", source="ex:s2") | {"implicit": True}
    v = by_claim(robust(coalition_run, TWO + [joiner]))["C1 stands with A1; A2; A3 (coalition 1)"]
    assert not v.robust
    assert v.broken_by == ["without implicit stances: C1 is left with no stance on a contested proposal"]
    assert v.checks["articles"] == {"words": "leaving out each article in turn", "status": "holds", "notes": []}
    assert v.finding.rests_on(namer(TWO)) == "1 stance (1 implicit) in 1 article, on p1"


def test_leaving_out_the_one_article_that_ties_a_member():
    """C1 speaks in two articles but agrees with the A's only in ex:s3: without it, C1 still has a
    stance (on p9) and agrees with nobody, so its membership breaks, and the note says where."""
    extra = [rec("c1", "p1", "support", source="ex:s3"), rec("c1", "p9", "support", source="ex:s1"),
             rec("b1", "p9", "oppose", source="ex:s1")]
    v = by_claim(robust(coalition_run, TWO + extra, names=namer(TWO + extra)))["C1 stands with A1; A2; A3 (coalition 1)"]
    assert v.checks["articles"]["status"] == "breaks"
    assert v.checks["articles"]["notes"] == ["without ex:s3: C1 agrees with nobody"]


def test_an_actor_alone_is_never_broken_by_disappearing():
    """"agrees with nobody" cannot be contradicted by a run in which the actor says nothing."""
    loner = rec("z", "p1", "support", source="ex:s9") | {"implicit": True}
    v = by_claim(robust(coalition_run, CLEAN[:9] + [loner, rec("y", "p1", "oppose")]))
    assert "Z agrees with nobody" not in v or v["Z agrees with nobody"].robust


def test_a_coalition_split_says_how_year_by_year():
    # 2014: the camps.  2015: a1 and a2 fall out over p5, while a3 and the b's are silent: of
    # the two members present, neither stands with the other.
    split = [rec("a1", "p5", "support", "2015"), rec("a2", "p5", "oppose", "2015")]
    v = by_claim(robust(coalition_run, TWO + split))
    camp = v["coalition 1 holds together: A1; A2; A3"]
    assert camp.checks["years"]["status"] == "breaks" and camp.checks["years"]["notes"] == ["in 2015: its members split: A1 | A2"]
    assert v["A2 stands with A1; A3 (coalition 1)"].checks["years"]["notes"] == ["in 2015: A2 agrees with nobody"]
    # a majority of the members present staying together is the coalition holding: a3 joins a1 in 2015
    v = by_claim(robust(coalition_run, TWO + split + [rec("a3", "p5", "support", "2015")]))
    assert v["coalition 1 holds together: A1; A2; A3"].checks["years"]["status"] == "holds"


def test_the_generic_machinery_takes_any_producer():
    """A producer from another analysis (here: which proposal has the most stances) is checked the
    same way: robust() needs only produce(records, **filters) -> Run."""
    def busiest(records, **filters):
        kept = filter_stances(records, **filters)
        counts: dict = {}
        for r in kept:
            counts[r.proposal] = counts.get(r.proposal, 0) + 1
        top = max(sorted(counts), key=counts.get) if counts else None
        return Run([Finding(("busiest",), f"{top} is argued over most", value=top)] if top else [],
                   present={r.proposal for r in kept})
    recs = [rec("a", "p", "support", source="ex:s1"), rec("b", "p", "oppose", source="ex:s1"),
            rec("c", "q", "support", source="ex:s2") | {"implicit": True}]
    v, = robust(busiest, recs)
    assert v.finding.claim == "ex:p is argued over most"
    assert v.broken_by == ["leaving out each article in turn: without ex:s1: ex:q is argued over most"]
    v, = robust(busiest, recs[1:] + [rec("d", "q", "support", source="ex:s2")])
    assert v.finding.claim == "ex:q is argued over most"
    assert v.broken_by == ["without implicit stances: ex:p is argued over most",
                           "without concepts nobody opposes: ex:p is argued over most",   # nobody opposes q
                           "leaving out each article in turn: without ex:s2: ex:p is argued over most"]


def test_polarisation_findings():
    recs = TWO + [rec("c1", "p4", "support"), rec("c2", "p4", "oppose") | {"implicit": True}]
    v = by_claim(robust(polarisation_run, recs))
    assert v["p4 divides its actors: 1 for, 1 against, 0 in between (polarisation 1.00)"].broken_by == [
        "without implicit stances: fewer than two actors are left with a stance on it"]
    assert v["p1 divides its actors: 3 for, 3 against, 0 in between (polarisation 1.00)"].robust
    # c1 and c2 are groupings of one: the split's polarisation falls short of 1
    assert v["the debate is split into opposed camps (its coalitions' polarisation 0.67, at least 0.50)"].robust


def test_broker_findings_follow_the_claims_under_each_check():
    """x links the two camps by claims of its own: one stated, one read from the text (implicit)."""
    G = nx.MultiDiGraph(view="test")
    G.add_node("ex:x", label="X", classes=["Actor"])
    for a in ("ex:a1", "ex:a2", "ex:a3", "ex:b1", "ex:b2", "ex:b3"):
        G.add_node(a, label=a[3:].upper(), classes=["Actor"])
    G.add_edge("ex:x", "ex:a1", key="ex:c1", kind="funding", source="ex:s1", date="2014", implicit=False)
    G.add_edge("ex:x", "ex:b1", key="ex:c2", kind="funding", source="ex:s2", date="2014", implicit=True)
    v = by_claim(robust(partial(broker_run, G), TWO))
    bridge = v["X links members of 2 coalitions (coalition 1: A1; coalition 2: B1)"]
    assert bridge.finding.rests_on() == "2 claims (1 implicit) in 2 articles"
    assert not bridge.robust
    assert bridge.broken_by == ["without implicit stances: X links members of one coalition at most",
                                "leaving out each article in turn: without ex:s1: X links members of one coalition at most; "
                                "without ex:s2: X links members of one coalition at most"]
    report = checked_brokers(G, TWO, runs=0)
    assert [(b["label"], b["robust"]) for b in report["bridges"]] == [("X", False)]


def test_checked_results_carry_their_verdicts_and_no_checks_skips_them():
    periods = checked_coalitions(TWO, runs=0)
    assert [c["robust"] for c in periods[0]["coalitions"]] == [True, True]
    assert len(periods[0]["robustness"]) == 8
    periods = checked_coalitions(TWO, runs=0, checks=[])
    assert [c["robust"] for c in periods[0]["coalitions"]] == [None, None] and periods[0]["robustness"] == []
    pol = checked_polarisation(TWO)
    assert [r["robust"] for r in pol[0]["proposals"]] == [True, True, True] and pol[0]["debate_robust"] is True
    years = checked_coalitions(TWO + [rec("a1", "p5", "support", "2015")], window="year", runs=0)
    assert [p["period"] for p in years] == ["2014", "2015"]


def test_the_map_leaves_out_each_article_only_in_a_small_corpus(records, tmp_path, monkeypatch):
    """The map's coalitions are checked as `carekg coalitions` checks them; in a corpus of more
    than MAP_ARTICLES articles (synthetic or imported data) leaving out each article would rerun
    the detection once per article, so the map skips that check and its filters say so."""
    from graph.analysis import checked

    small = checked.for_map(records, cache=tmp_path / "a")
    assert "without leaving out" not in small["filters"]
    lamb = next(s for s in small["summaries"] if "Norman Lamb" in s["labels"])
    monkeypatch.setattr(checked, "MAP_ARTICLES", 4)
    big = checked.for_map(records, cache=tmp_path / "b")
    assert big["filters"].endswith("; robustness checked without leaving out each of the 5 articles (carekg coalitions runs that check)")
    assert big["membership"] == small["membership"]
    # Lamb's place rests on article 001 alone: only the article check breaks it
    assert lamb["not_robust"] and "https://w3id.org/carekg/id/norman-lamb" in lamb["not_robust"]
    assert "https://w3id.org/carekg/id/norman-lamb" not in next(s for s in big["summaries"] if "Norman Lamb" in s["labels"])["not_robust"]
