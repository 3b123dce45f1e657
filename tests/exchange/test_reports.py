"""The plain-text reports the command line prints (graph.exchange.reports), on hand-worked
stances: what each line says, and that thin evidence is called thin."""

from __future__ import annotations

from graph.analysis.coalitions import coalitions_over_time
from graph.analysis.polarisation import polarisation_over_time
from graph.exchange.reports import coalition_text, paths_text, polarisation_text

from ..stances import CLEAN, rec

# The two camps of tests/stances.py, each stance stated in two articles, and one actor alone.
TWO_ARTICLES = [dict(r, source=src, stance=r["stance"] + src, evidence=f"{r['evidence']} in {src}")
                for r in CLEAN for src in ("ex:s1", "ex:s2")] + [rec("loner", "p9", "support")]


def test_supported_coalitions_and_the_actor_alone():
    assert coalition_text(coalitions_over_time(TWO_ARTICLES)).splitlines() == [
        "filters: actors: all; stances: consensus proposals left out",
        "",
        "2014: 2 of 2 groupings are supported by the evidence (37 stances, 7 actors).",
        "  modularity 0.500",   # two equal triangles, no tie between them: 2 x (1/2 - 1/4)
        "  coalition 1 (3 actors) SUPPORTED: A1; A2; A3",
        "    support: 18 stances in 18 sentences of 2 article(s), agreeing on 3 proposal(s); 3 of 3 member pairs agree directly",
        "    supports: p1 (3); p2 (3); p3 (3)",
        "  coalition 2 (3 actors) SUPPORTED: B1; B2; B3",
        "    support: 18 stances in 18 sentences of 2 article(s), agreeing on 3 proposal(s); 3 of 3 member pairs agree directly",
        "    opposes: p1 (3); p2 (3); p3 (3)",
        "  agrees with nobody: LONER"]


def test_robustness_of_each_grouping_and_member_and_what_it_rests_on():
    """C1's one stance, read from the text (implicit), puts it in the first camp: without implicit
    stances it has none left, so its membership is not robust and the report says which check
    breaks it; the consensus proposal p8 (everyone who speaks supports it) is left out, and said so."""
    from graph.analysis.checked import checked_coalitions

    joiner = [rec("c1", "p1", "support", source="ex:s2") | {"implicit": True}]
    consensus = [rec(a, "p8", "support") for a in ("a1", "b1")]
    lines = coalition_text(checked_coalitions(TWO_ARTICLES + joiner + consensus, runs=0)).splitlines()
    assert lines[:5] == [
        "filters: actors: all; stances: consensus proposals left out",
        "",
        "all: 2 of 2 groupings are supported by the evidence (38 stances, 8 actors).",
        "  robust under every check: 1 of 2 groupings (with all their members)",
        "  left out as consensus (cannot tell camps apart): p8 (all 2 actors with a stance on it support it)"]
    at = lines.index("  coalition 1 (4 actors) SUPPORTED, NOT ROBUST: A1; A2; A3; C1")
    # each A: p1-p3 in two articles (6 stances); C1: one (its p8 is left out with the consensus)
    assert lines[at + 5:at + 12] == [
        "      the grouping: robust (rests on 19 stances (1 implicit) in 2 articles, on p1; p2; p3)",
        "      A1: robust (rests on 6 stances in 2 articles, on p1; p2; p3)",
        "      A2: robust (rests on 6 stances in 2 articles, on p1; p2; p3)",
        "      A3: robust (rests on 6 stances in 2 articles, on p1; p2; p3)",
        "      C1: NOT ROBUST (rests on 1 stance (1 implicit) in 1 article, on p1)",
        "        breaks without implicit stances: C1 is left with no stance on a contested proposal",
        "  coalition 2 (3 actors) SUPPORTED, robust: B1; B2; B3"]
    assert lines[-1] == "  agrees with nobody: LONER"


def test_one_article_is_called_too_thin_with_the_reason():
    text = coalition_text(coalitions_over_time(CLEAN))
    assert "2014: The data is too thin to support any coalition: 2 groupings of 6 actors (18 stances), none carried by enough evidence." in text
    assert text.count("too thin: ") == 2 and text.count("    - its agreement comes from 1 article(s), fewer than 2") == 2


def test_no_stances_is_said_so():
    assert coalition_text([]) == "no dated stances under these filters\n"
    assert polarisation_text([]) == "no dated stances under these filters\n"


def test_polarisation_per_year():
    # 2014: three support and three oppose each proposal, the two camps at the ends: 1.00.
    # 2015: a1 alone changes its mind on p1: nobody to disagree with.
    periods = polarisation_over_time(CLEAN + [rec("a1", "p1", "oppose", "2015")])
    assert polarisation_text(periods).splitlines() == [
        "filters: actors: all; stances: all",
        "",
        "2014: 18 stances; polarisation of the debate 1.00; mean over the proposals with two or more actors 1.00",
        *[f"  1.00  {p}  (6 actors: 3 for, 0 in between, 3 against)" for p in ("p1", "p2", "p3")],
        "",
        "2015: 1 stance; polarisation of the debate n/a (fewer than two groupings); mean over the proposals with two or more actors n/a",
        "  no proposal has stances from two or more actors"]


def test_paths_each_hop_with_its_claims():
    hop = lambda a, b, rel, forward=True, implicit=False, evidence="e": {
        "from_label": a, "to_label": b, "claims": [{"forward": forward, "relation": rel, "date": "2014-06-05", "when": None,
                                                    "article_title": "Lamb tells Confed", "evidence": evidence, "implicit": implicit}]}
    paths = [{"length": 1, "labels": ["Kell", "NHSCC"], "hops": [hop("Kell", "NHSCC", "holds post in")]},
             {"length": 2, "labels": ["Kell", "Lamb", "NHSCC"],
              "hops": [hop("Kell", "Lamb", "on a panel with", evidence=""), hop("Lamb", "NHSCC", "criticised by", forward=False, implicit=True)]}]
    assert paths_text(paths, "Kell", "NHSCC").splitlines() == [
        "2 paths from Kell to NHSCC",
        "",
        "path 1 (1 hop): Kell → NHSCC",
        "  Kell —holds post in→ NHSCC  (2014-06-05; Lamb tells Confed)",
        "      “e”",
        "",
        "path 2 (2 hops): Kell → Lamb → NHSCC",
        "  Kell —on a panel with→ Lamb  (2014-06-05; Lamb tells Confed)",
        "  NHSCC —criticised by→ Lamb  (2014-06-05; Lamb tells Confed) [implicit]",   # as stated: the claim runs backwards
        "      “e”"]
    assert paths_text([], "Kell", "Hunt") == "no path from Kell to Hunt within the length asked\n"
