"""The misleading findings an analyst found in the analyses (issue 18), each checked against the
article text it rests on: on the curated data none of them is reported, or reported as robust.
Each test quotes the phrases it rests on."""

from __future__ import annotations

import pytest

from graph.analysis.checked import checked_brokers, checked_coalitions, checked_polarisation
from graph.analysis.coalitions import agreement_table, detect_coalitions
from graph.analysis.discourse import one_mode
from graph.analysis.findings import claims_under
from graph.analysis.stances import agreement
from graph.kg.names import resolve_entity
from graph.map.scope import select

K = "https://w3id.org/carekg/id/"
LABOUR, LAMB, HUNT, OLDHAM, DOYLE = (K + s for s in ("labour", "norman-lamb", "jeremy-hunt", "john-oldham", "amanda-doyle"))
GOVERNMENT, HSJ, KINGS_FUND, FUND = (K + s for s in ("government", "hsj", "kings-fund", "better-care-fund"))
INTEGRATION, JOINT, POOLING = (K + s for s in ("proposal-integration", "proposal-joint-commissioning", "proposal-pool-budgets"))


def verdicts(periods) -> dict:
    return {tuple(v["key"]): v for p in periods for v in p["robustness"]}


def stance(records, actor, proposal) -> list[dict]:
    return [r for r in records if r["actor"] == actor and r["proposal"] == proposal]


@pytest.fixture(scope="module")
def everyone(records):
    return checked_coalitions(records, runs=0)


@pytest.fixture(scope="module")
def named(records):
    return checked_coalitions(records, runs=0, named_only=True)


# 1 -------------------------------------------------------------------------------------------
def test_labour_is_not_placed_in_the_pooling_camp_as_a_robust_finding(records, everyone, named):
    """Labour's only pooling stance is a counterfactual, read from the text: "Local budget
    integration would also have been more likely to come about if Labour" had formed a government
    (000), while article 002 sets Labour beside the Oldham report: "significant reorganisation,
    something the party said it was keen to avoid"."""
    pooling, = stance(records, LABOUR, POOLING)
    assert pooling["implicit"] and pooling["evidence"].startswith("Local budget integration would also have been more likely")
    for periods in (everyone, named):
        v = verdicts(periods).get(("member", LABOUR))
        assert v is not None and not v["robust"]
        assert "without implicit stances: Labour is left with no stance on a contested proposal" in v["broken_by"]
        assert v["rests_on"] == "1 stance (1 implicit) in 1 article, on Pool health and social care budgets"
    # Year by year Labour is never paired with Lamb: in 2014 it says nothing on a contested proposal
    # (integration and "keen to avoid" reorganisation are what everyone who speaks says).
    years = checked_coalitions(records, window="year", runs=0)
    assert not any({LABOUR, LAMB} <= set(c["members"]) for p in years for c in p["coalitions"])


# 2 -------------------------------------------------------------------------------------------
def test_hunt_is_no_member_of_the_localist_group(records, everyone, named):
    """Hunt "has paid lip service to the importance of commissioner integration" (000: support in
    words only); Oldham's report makes joint commissioning wait until commissioners
    "demonstrate readiness" (002: conditional support).  Two levels, the same score: neither
    agreement nor conflict, so nothing ties Hunt to Oldham."""
    (hunt,), (oldham,) = stance(records, HUNT, JOINT), stance(records, OLDHAM, JOINT)
    assert (hunt["position"], oldham["position"]) == ("nominal", "conditional")
    assert "lip service" in hunt["evidence"] and "demonstrate readiness" in oldham["evidence"]
    assert agreement("nominal", "conditional") == (0.0, 0.0)
    assert [r["relation"] for r in agreement_table(records, HUNT, OLDHAM) if r["proposal"] == JOINT] == ["neither"]
    for periods in (everyone, named):
        assert not any({HUNT, OLDHAM} <= set(c["members"]) for p in periods for c in p["coalitions"])
    # DNA's integer rule, kept as an option, would tie them (1 - |0.5 - 0.5| = 1): that is the artefact
    assert agreement("nominal", "conditional", "distance") == (1.0, 0.0)


# 3 -------------------------------------------------------------------------------------------
def test_no_pair_of_statements_is_agreement_and_conflict_at_once(records):
    """Doyle is "really supportive of the principle of aligning health and social care
    commissioning" (004); Hunt "has paid lip service to the importance of commissioner
    integration" (000).  Support against support in words only is conflict (by the distance of
    their scores, 0.5), not agreement too."""
    doyle, = stance(records, DOYLE, JOINT)
    assert "really supportive of the principle of aligning" in doyle["evidence"]
    only_joint = [r for r in records if r["proposal"] == JOINT]
    cong = one_mode(only_joint, qualifier="congruence", isolates=False)
    conf = one_mode(only_joint, qualifier="conflict", isolates=False)
    assert not cong.has_edge(DOYLE, HUNT) and conf.edges[DOYLE, HUNT]["weight"] == 0.5
    # and on every proposal, for every pair of actors that each take one position on it
    for p in {r["proposal"] for r in records}:
        on_p = [r for r in records if r["proposal"] == p]
        single = {a for a in {r["actor"] for r in on_p} if len({r["position"] for r in on_p if r["actor"] == a}) == 1}
        both = set(one_mode(on_p, qualifier="congruence").edges) & set(one_mode(on_p, qualifier="conflict").edges)
        assert not [e for e in both if set(e) <= single], p
    distance = one_mode(only_joint, qualifier="congruence", agreement="distance")
    assert distance.has_edge(DOYLE, HUNT)   # DNA's integer rule: the artefact, kept as an option


# 4 -------------------------------------------------------------------------------------------
def test_a_consensus_concept_is_never_the_glue(records, everyone, named):
    """Integration is "broadly shared by care professionals, government bodies and special interest
    groups" (003); the King's Fund "are pro-integration" (000); Oldham's is a report "on how to
    bring about integrated care" (002): everyone who speaks of it supports it, so it cannot tell
    one camp from another, and is left out of what holds a coalition together."""
    on = {r["actor"] for r in records if r["proposal"] == INTEGRATION}
    assert len(on) == 8 and {r["position"] for r in records if r["proposal"] == INTEGRATION} == {"support"}
    for periods in (everyone, named):
        p, = periods
        left_out = {c["proposal"]: c["why"] for c in p["consensus"]}
        assert left_out[INTEGRATION].endswith("actors with a stance on it support it")
        glue = {s["proposal"] for c in p["coalitions"] for s in c["supports"] + c["opposes"]}
        assert not glue & set(left_out)
    kept = detect_coalitions(records, consensus="keep")   # kept, as DNA's raw networks keep it, it is the glue
    assert kept.coalitions[0]["supports"][0]["label"] == "Integrate health and social care"


# 5 -------------------------------------------------------------------------------------------
def test_results_that_hinge_on_implicit_stances_say_so(cli):
    """The implicit readings ("would also have been more likely to come about if Labour had formed
    a government", 000) are checked by default, and the output says which finding they carry."""
    code, out, _ = cli("coalitions", "--named-only", "--runs", "0")
    assert code == 0
    lines = out.splitlines()
    at = lines.index("      Labour: NOT ROBUST (rests on 1 stance (1 implicit) in 1 article, on Pool health and social care budgets)")
    assert lines[at + 1] == "        breaks without implicit stances: Labour is left with no stance on a contested proposal"
    assert "robustness (each finding rerun without implicit stances," in out
    assert "robust under every check: 0 of 3 groupings (with all their members)" in out


# 6 -------------------------------------------------------------------------------------------
def test_the_government_is_no_broker_and_posts_do_not_make_brokerage(records, kg, influence, network):
    """"However, the government as it is not amenable." (000, 2015) is the government's one claim
    that carries influence.  Its posts tie it to Lamb ("Health minister Norman Lamb MP", 001,
    2014) and to Hunt ("Health secretary Jeremy Hunt", 000, 2015): two periods, never one."""
    assert {d["kind"] for *_, d in influence.edges(data=True)} >= {"stance"} and "post" not in {d["kind"] for *_, d in influence.edges(data=True)}
    said = [d["evidence"] for u, v, d in influence.edges(data=True) if GOVERNMENT in (u, v)]
    assert said == ["However, the government as it is not amenable."]
    report = checked_brokers(influence, records, runs=0)
    assert GOVERNMENT not in {b["node"] for b in report["bridges"]}
    # In the network view (asked for) the posts are there, and year by year they never meet.
    holders = {}
    for year in ("2014", "2015"):
        H = claims_under(network, records, start=year, end=year, dates="within")
        holders[year] = {u for u, v, d in H.edges(data=True) if v == GOVERNMENT and d["kind"] == "post"}
    assert holders == {"2014": {LAMB}, "2015": {HUNT}}
    asked = checked_brokers(network, records, runs=0)
    assert all(not b["robust"] for b in asked["bridges"] if b["node"] == GOVERNMENT)


def test_hsj_does_not_outrank_the_kings_fund_through_an_off_topic_story(records, influence, network):
    """HSJ's brokerage came from the Nottingham dermatology story ("As HSJ’s editor Alastair
    McLellan tweeted", 000) through its editor's post.  Read from the relations that carry
    influence, the King's Fund ("King’s Fund calls for pooling of health and social care budgets")
    ranks above it; in the whole network, where it still ranks high, that finding is not robust."""
    rows = {r["node"]: r for r in checked_brokers(influence, records, top=0, runs=0)["central"]}
    assert rows[KINGS_FUND]["betweenness"] > rows[HSJ]["betweenness"]
    asked = checked_brokers(network, records, runs=0)
    assert all(r["robust"] is not True for r in asked["central"] if r["node"] == HSJ)
    v = next(v for v in asked["robustness"] if v["key"] == ["central", HSJ])
    assert any(b.startswith("leaving out each article in turn: without article 000") for b in v["broken_by"])


# 7 -------------------------------------------------------------------------------------------
def test_the_fund_and_the_proposal_about_it_meet(records, network):
    """Hunt "indeed championed the better care fund in recent months" (000), and the chancellor
    promised "a further £1.5bn for the fund" (003): the proposal they take stances on is about the
    fund, and a map focused on the fund shows them."""
    assert any(d["kind"] == "topic" for d in (network.get_edge_data(K + "proposal-better-care-fund", FUND) or {}).values())
    H, _ = select(network, focus=FUND, depth=1)
    assert {HUNT, K + "the-chancellor"} <= set(H)


# 8 -------------------------------------------------------------------------------------------
def test_hsj_and_the_health_service_journal_are_one_organisation(kg, network):
    """"LGC and sister title Health Service Journal" (002); "HSJ’s round-up of Thursday’s must read
    stories" (004); "has written a comment piece on it for HSJ" (000): one publication."""
    assert str(resolve_entity(kg, "HSJ")) == str(resolve_entity(kg, "Health Service Journal")) == HSJ
    media = sorted(d["label"] for n, d in network.nodes(data=True) if d.get("type") == "MediaOrganisation")
    assert media == ["Health Service Journal", "LGC"]
    said = {d["evidence"] for *_, d in network.in_edges(HSJ, data=True)} | {d["evidence"] for *_, d in network.out_edges(HSJ, data=True)}
    assert {"LGC and sister title Health Service Journal", "has written a comment piece on it for HSJ"} <= said


# 9 -------------------------------------------------------------------------------------------
def test_the_polarisation_axis_says_what_it_measures(records):
    """"there should be a single budget in every area by 2020 at the latest" (the King's Fund, 000)
    and Lamb "backed the idea of single pooled budget for health and care in every local area"
    (001), against the DH's "firm “no, thanks”" (000): two for, one against, not two equal camps,
    so below 1.  Joint commissioning, which nobody opposes, is not polarised at all."""
    p, = checked_polarisation(records, checks=[])
    rows = {r["label"]: r for r in p["proposals"]}
    single = rows["A single pooled budget in every area"]
    assert (single["support"], single["oppose"], single["polarisation"]) == (2, 1, pytest.approx(8 / 9))
    joint = rows["Joint commissioning of health and social care"]
    assert joint["oppose"] == 0 and joint["polarisation"] == 0.0
