"""Hand-worked cases for graph.analysis.discourse (DNA-style two-mode and one-mode networks)."""

import math

import pytest

from graph.analysis.discourse import one_mode, stance_matrix, two_mode
from graph.analysis.stances import StanceRecord, date_interval, filter_stances
from graph.errors import ParameterError, UnknownNameError


def rec(actor, proposal, position, date="2014-06-05", source="ex:s1", **kw):
    return dict(actor=f"ex:{actor}", actor_label=actor, actor_type="Person",
                proposal=f"ex:{proposal}", proposal_label=proposal, position=position, date=date,
                source=source, evidence=f"{actor} on {proposal}",
                stance=f"ex:st-{actor}-{proposal}-{position}-{source}-{date}", **kw)


# Three actors, two proposals.  Scores: support 1, oppose 0, conditional 0.5 (range 1).
#   A: supports P twice (sources s1, s2), supports Q          -> a_A = 3
#   B: supports P, opposes Q                                  -> a_B = 2
#   C: opposes P, conditionally supports Q                    -> a_C = 2
THREE = [rec("A", "P", "support"), rec("A", "P", "support", source="ex:s2"),
         rec("A", "Q", "support"), rec("B", "P", "support"), rec("B", "Q", "oppose"),
         rec("C", "P", "oppose"), rec("C", "Q", "conditional")]

# Raw one-mode sums, pair by pair, under the default agreement rule "level" (product of counts
# times 1 at the same level, else |k-k'| conflict; never both for one pair of statements):
#   A-B: P 2*1 support/support -> cong 2;  Q support/oppose -> conf 1
#   A-C: P 2*1 support/oppose -> conf 2;   Q support/conditional (other levels) -> conf .5
#   B-C: P support/oppose -> conf 1;       Q oppose/conditional -> conf .5
RAW = {
    "congruence": {("A", "B"): 2},
    "conflict": {("A", "B"): 1, ("A", "C"): 2.5, ("B", "C"): 1.5},
    "subtract": {("A", "B"): 1, ("A", "C"): -2.5, ("B", "C"): -1.5},
    "ignore": {("A", "B"): 3, ("A", "C"): 3, ("B", "C"): 2},
}
# DNA's integer formula (agreement="distance": 1-|k-k'| congruence and |k-k'| conflict at once):
#   A-C: Q support/conditional -> cong .5 *and* conf .5;  B-C: Q oppose/conditional -> the same
# and "subtract" (one signed value 1-2|k-k'| per pair): support/conditional and
#   oppose/conditional are 0, so A-C is only P's conflict 2 and B-C only P's conflict 1.
RAW_BY_RULE = {
    "distance": {"congruence": {("A", "B"): 2, ("A", "C"): 0.5, ("B", "C"): 0.5},
                 "conflict": {("A", "B"): 1, ("A", "C"): 2.5, ("B", "C"): 1.5},
                 "subtract": {("A", "B"): 1, ("A", "C"): -2, ("B", "C"): -1}},
    "subtract": {"congruence": {("A", "B"): 2},
                 "conflict": {("A", "B"): 1, ("A", "C"): 2, ("B", "C"): 1},
                 "subtract": {("A", "B"): 1, ("A", "C"): -2, ("B", "C"): -1}},
}


def weights(g):
    return {tuple(sorted((u[3:], v[3:]))): w for u, v, w in g.edges(data="weight")}


@pytest.mark.parametrize("qualifier", sorted(RAW))
def test_one_mode_qualifiers(qualifier):
    g = one_mode(THREE, qualifier=qualifier)
    assert weights(g) == pytest.approx(RAW[qualifier])
    assert not any(u == v for u, v in g.edges)


@pytest.mark.parametrize("rule", sorted(RAW_BY_RULE))
@pytest.mark.parametrize("qualifier", ["congruence", "conflict", "subtract"])
def test_one_mode_agreement_rules(rule, qualifier):
    assert weights(one_mode(THREE, qualifier=qualifier, agreement=rule)) == pytest.approx(RAW_BY_RULE[rule][qualifier])


def test_no_pair_of_statements_is_in_both_networks_by_default():
    """The level rule: a pair of statements either agrees or conflicts.  Under "distance" (DNA's
    integer formula) A and C, support against conditional support on Q, are in both networks."""
    for rule, both in (("level", set()), ("subtract", set()), ("distance", {("A", "C"), ("B", "C")})):
        cong = weights(one_mode([r for r in THREE if r["proposal"] == "ex:Q"], agreement=rule))
        conf = weights(one_mode([r for r in THREE if r["proposal"] == "ex:Q"], qualifier="conflict", agreement=rule))
        assert set(cong) & set(conf) == both, rule


def test_one_mode_edge_attributes():
    e = one_mode(THREE, qualifier="subtract").edges["ex:A", "ex:C"]
    assert (e["congruence"], e["conflict"], e["weight"]) == (0.0, 2.5, -2.5)
    assert e["proposals"] == ["ex:P", "ex:Q"]
    e = one_mode(THREE, qualifier="subtract", agreement="distance").edges["ex:A", "ex:C"]
    assert (e["congruence"], e["conflict"], e["weight"]) == (0.5, 2.5, -2)


# Congruence (DNA's integer formula, agreement="distance") divided by each denominator:
#   average    (a1+a2)/2:   A-B 2/2.5=.8,  A-C .5/2.5=.2,  B-C .5/2=.25
#   dna-cosine a1*a2:       A-B 2/6,       A-C .5/6,       B-C .5/4
#   cosine     L2 norms:    |A|=sqrt(2^2+1^2)=sqrt5, |B|=|C|=sqrt2
#                           A-B 2/sqrt10,  A-C .5/sqrt10,  B-C .5/2
#   jaccard    A-B: A-only cells (Q,1)=1, B-only (Q,0)=1, joint (P,1) 2*1=2 -> 4 -> 2/4
#              A-C: no shared cell -> 3+2=5 -> .5/5;  B-C: 2+2=4 -> .5/4
@pytest.mark.parametrize("normalization, expected", [
    ("no", RAW_BY_RULE["distance"]["congruence"]),
    ("average", {("A", "B"): 0.8, ("A", "C"): 0.2, ("B", "C"): 0.25}),
    ("dna-cosine", {("A", "B"): 1 / 3, ("A", "C"): 1 / 12, ("B", "C"): 0.125}),
    ("cosine", {("A", "B"): 2 / math.sqrt(10), ("A", "C"): 0.5 / math.sqrt(10), ("B", "C"): 0.25}),
    ("jaccard", {("A", "B"): 0.5, ("A", "C"): 0.1, ("B", "C"): 0.125}),
])
def test_one_mode_normalisations(normalization, expected):
    assert weights(one_mode(THREE, normalization=normalization, agreement="distance")) == pytest.approx(expected)


def test_average_subtract_keeps_sign():
    # subtract / average (level rule): 1/2.5, -2.5/2.5, -1.5/2
    got = weights(one_mode(THREE, qualifier="subtract", normalization="average"))
    assert got == pytest.approx({("A", "B"): 0.4, ("A", "C"): -1.0, ("B", "C"): -0.75})


def test_true_cosine_is_one_for_identical_profiles():
    recs = [rec("A", "P", "support"), rec("A", "Q", "oppose"),
            rec("B", "P", "support"), rec("B", "Q", "oppose")]
    assert weights(one_mode(recs, normalization="cosine")) == {("A", "B"): pytest.approx(1.0)}


# conditional="support": C supports Q.  A-C: Q cong 1, P conf 2.  B-C: Q conf 1, P conf 1.
# conditional="exclude": C only opposes P.  A-C: conf 2.  B-C: conf 1.
@pytest.mark.parametrize("conditional, cong, conf", [
    ("half", {("A", "B"): 2}, RAW["conflict"]),
    ("support", {("A", "B"): 2, ("A", "C"): 1}, {("A", "B"): 1, ("A", "C"): 2, ("B", "C"): 2}),
    ("exclude", {("A", "B"): 2}, {("A", "B"): 1, ("A", "C"): 2, ("B", "C"): 1}),
])
def test_conditional_scale(conditional, cong, conf):
    assert weights(one_mode(THREE, conditional=conditional)) == cong
    assert weights(one_mode(THREE, qualifier="conflict", conditional=conditional)) == conf


def test_zero_weight_edges_omitted_isolates_kept():
    g = one_mode(THREE, conditional="exclude")     # C has no congruence with anyone
    assert "ex:C" in g and g.degree("ex:C") == 0
    assert g.nodes["ex:C"] == {"kind": "actor", "statements": 1, "label": "C", "type": "Person"}
    assert "ex:C" not in one_mode(THREE, conditional="exclude", isolates=False)


def test_stance_matrix():
    actors, proposals, X = stance_matrix(THREE)
    assert actors == ["ex:A", "ex:B", "ex:C"] and proposals == ["ex:P", "ex:Q"]
    assert X["ex:A"]["ex:P"] == {1.0: 2}
    assert X["ex:C"] == {"ex:P": {0.0: 1}, "ex:Q": {0.5: 1}}


# A supports P four times: (2014-01, s1), (2015-02, s1), (2014-05, s2), (2014-07, s3).
#   include 4;  document: s1, s2, s3 -> 3;  year: 2014, 2015 -> 2;  acrossrange 1.
# B supports P once, so the one-mode congruence A-B equals A's count (products of counts).
DUPS = [rec("A", "P", "support", "2014-01", "ex:s1"), rec("A", "P", "support", "2015-02", "ex:s1"),
        rec("A", "P", "support", "2014-05", "ex:s2"), rec("A", "P", "support", "2014-07", "ex:s3"),
        rec("B", "P", "support", "2014")]


@pytest.mark.parametrize("duplicates, count", [
    ("include", 4), ("document", 3), ("year", 2), ("acrossrange", 1)])
def test_duplicates(duplicates, count):
    assert two_mode(DUPS, duplicates=duplicates).edges["ex:A", "ex:P"]["weight"] == count
    assert one_mode(DUPS, duplicates=duplicates).edges["ex:A", "ex:B"]["weight"] == count


def test_duplicates_keep_distinct_positions():
    recs = [rec("A", "P", "support"), rec("A", "P", "oppose")]
    assert len(filter_stances(recs, duplicates="acrossrange")) == 2


# Intervals: "2015" = whole year, "2014-12" = December 2014, "2015-12" = December 2015.
DATED = [rec("X", "P", "support", "2015"), rec("Y", "P", "support", "2014-12"),
         rec("Z", "P", "support", "2016-01-15"), rec("W", "P", "support", "2015-12"),
         rec("U", "P", "support", None)]


@pytest.mark.parametrize("start, end, kept", [
    ("2015-06-01", "2015-12-15", {"X", "W"}),    # the year and the month overlap the range
    ("2015", "2015", {"X", "W"}),                # year bounds: 2015-01-01 .. 2015-12-31
    ("2014-12-31", None, {"X", "Y", "Z", "W"}),  # open end; undated U dropped
    (None, "2014-12-01", {"Y"}),
    (None, None, {"X", "Y", "Z", "W", "U"}),     # no range: undated kept
])
def test_date_range_overlap(start, end, kept):
    got = filter_stances(DATED, start=start, end=end)
    assert {r.actor_label for r in got} == kept


def test_date_interval_precisions():
    assert [d.isoformat() for d in date_interval("2014-06-05")] == ["2014-06-05"] * 2
    assert [d.isoformat() for d in date_interval("2016")] == ["2016-01-01", "2016-12-31"]
    assert [d.isoformat() for d in date_interval("2017-02")] == ["2017-02-01", "2017-02-28"]
    assert [d.isoformat() for d in date_interval("2015-03-01T10:00:00")] == ["2015-03-01"] * 2


@pytest.mark.parametrize("bad", ["2015/06", "15-06-2015", "2015-13", "2015-02-30"])
def test_bad_dates(bad):
    with pytest.raises(ParameterError, match="date"):
        filter_stances([rec("A", "P", "support", bad)])


def test_start_after_end():
    with pytest.raises(ParameterError, match="after"):
        filter_stances(THREE, start="2016", end="2015")


def test_exclusions_and_implicit():
    g = one_mode(THREE, exclude_actors=["ex:C"])
    assert "ex:C" not in g and weights(g) == {("A", "B"): 2}
    # Without Q, A-B share only P: congruence 2*1, no conflict.
    g = one_mode(THREE, qualifier="subtract", exclude_proposals="ex:Q")
    assert weights(g) == {("A", "B"): 2, ("A", "C"): -2, ("B", "C"): -1}
    assert "ex:Q" not in two_mode(THREE, exclude_proposals=["ex:Q"])
    recs = THREE + [rec("D", "P", "support", implicit=True)]
    assert ("A", "D") in weights(one_mode(recs))
    assert ("A", "D") not in weights(one_mode(recs, include_implicit=False))


# Two-mode cells (actor, proposal): ignore = count, subtract = sum(2q-1), combine bits
#   A-P: 2 support -> 2, 2, 1     A-Q: support -> 1, 1, 1
#   B-P: support   -> 1, 1, 1     B-Q: oppose  -> 1, -1, 2
#   C-P: oppose    -> 1, -1, 2    C-Q: conditional -> 1, 0, 4
TWO = {("A", "P"): (2, 2, 1), ("A", "Q"): (1, 1, 1), ("B", "P"): (1, 1, 1),
       ("B", "Q"): (1, -1, 2), ("C", "P"): (1, -1, 2), ("C", "Q"): (1, 0, 4)}


@pytest.mark.parametrize("i, qualifier", list(enumerate(["ignore", "subtract", "combine"])))
def test_two_mode_qualifiers(i, qualifier):
    g = two_mode(THREE, qualifier=qualifier)
    assert {(u[3:], v[3:]): w for u, v, w in g.edges(data="weight")} == \
        {k: v[i] for k, v in TWO.items()}


def test_two_mode_structure_and_counts():
    g = two_mode(THREE + [rec("A", "Q", "oppose"), rec("A", "Q", "conditional")],
                 qualifier="combine")
    e = g.edges["ex:A", "ex:Q"]
    assert (e["weight"], e["n_support"], e["n_oppose"], e["n_conditional"]) == (7, 1, 1, 1)
    assert len(e["stances"]) == 3 and e["statements"] == 3
    assert g.nodes["ex:A"] == {"kind": "actor", "statements": 5, "label": "A", "type": "Person",
                               "bipartite": 0}
    assert g.nodes["ex:P"]["bipartite"] == 1 and g.nodes["ex:P"]["kind"] == "proposal"


def test_two_mode_conditional_as_support():
    g = two_mode(THREE, qualifier="subtract", conditional="support")
    assert g.edges["ex:C", "ex:Q"]["weight"] == 1
    assert g.edges["ex:C", "ex:Q"]["n_conditional"] == 1
    assert two_mode(THREE, qualifier="combine", conditional="support").edges["ex:C", "ex:Q"][
        "weight"] == 1


# activity: divide by the actor's stances (A 3, B 2, C 2);
# prominence: by the proposal's stances (P 4, Q 3).
@pytest.mark.parametrize("normalization, expected", [
    ("activity", {("A", "P"): 2 / 3, ("A", "Q"): 1 / 3, ("B", "P"): 0.5, ("B", "Q"): 0.5,
                  ("C", "P"): 0.5, ("C", "Q"): 0.5}),
    ("prominence", {("A", "P"): 0.5, ("A", "Q"): 1 / 3, ("B", "P"): 0.25, ("B", "Q"): 1 / 3,
                    ("C", "P"): 0.25, ("C", "Q"): 1 / 3}),
])
def test_two_mode_normalisations(normalization, expected):
    g = two_mode(THREE, normalization=normalization)
    assert {(u[3:], v[3:]): w for u, v, w in g.edges(data="weight")} == pytest.approx(expected)


def test_two_mode_subtract_activity():
    # B-Q: -1 / 2
    g = two_mode(THREE, qualifier="subtract", normalization="activity")
    assert g.edges["ex:B", "ex:Q"]["weight"] == -0.5


def test_two_mode_isolates_share_node_set():
    g = two_mode(THREE, end="2013")
    assert g.number_of_edges() == 0 and set(g) == {"ex:A", "ex:B", "ex:C", "ex:P", "ex:Q"}
    assert two_mode(THREE, end="2013", isolates=False).number_of_nodes() == 0


@pytest.mark.parametrize("call, bad, allowed", [
    (lambda: one_mode(THREE, qualifier="combine"), "'combine'", "'congruence'"),
    (lambda: one_mode(THREE, normalization="activity"), "'activity'", "'dna-cosine'"),
    (lambda: two_mode(THREE, qualifier="congruence"), "'congruence'", "'combine'"),
    (lambda: two_mode(THREE, normalization="average"), "'average'", "'prominence'"),
    (lambda: one_mode(THREE, duplicates="week"), "'week'", "'acrossrange'"),
    (lambda: one_mode(THREE, conditional="ignore"), "'ignore'", "'half'"),
    (lambda: two_mode([rec("A", "P", "neutral")]), "'neutral'", "'conditional'"),
])
def test_bad_options_raise_parameter_error(call, bad, allowed):
    with pytest.raises(ParameterError) as info:
        call()
    assert bad in str(info.value) and allowed in str(info.value)


def test_combine_refuses_normalisation():
    with pytest.raises(ParameterError, match="combine"):
        two_mode(THREE, qualifier="combine", normalization="activity")


def test_unknown_filter_name_suggests():
    with pytest.raises(UnknownNameError, match="exclude_actors"):
        one_mode(THREE, exclude_actor=["ex:A"])


@pytest.mark.parametrize("position, expected", [
    ("supports", "support"), ("opposes", "oppose"), ("conditionally supports", "conditional"),
    ("http://example.org/carekg#ConditionalSupport", "conditional"), ("Oppose", "oppose"),
    ("https://w3id.org/carekg/ontology#Opposition", "oppose")])
def test_record_positions(position, expected):
    r = StanceRecord.from_mapping({"actor": "ex:a", "proposal": "ex:p", "position": position,
                                   "implicit": "false", "extra": 1})
    assert r.position == expected and r.implicit is False


def test_record_position_not_in_the_ontology_is_refused():
    # Words are never guessed at: a reading the ontology does not define is an error.
    with pytest.raises(ParameterError, match="'unconditionally supports' is not allowed; choose one of: 'support', 'conditional', 'nominal', 'oppose'"):
        StanceRecord.from_mapping({"actor": "ex:a", "proposal": "ex:p", "position": "unconditionally supports"})


def test_record_missing_fields():
    with pytest.raises(ParameterError, match="proposal"):
        StanceRecord.from_mapping({"actor": "ex:a", "position": "support"})


def test_records_and_dataclasses_mix():
    recs = [StanceRecord.from_mapping(r) for r in THREE[:3]] + THREE[3:]
    assert weights(one_mode(recs)) == RAW["congruence"]
