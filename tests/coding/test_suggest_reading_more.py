"""How suggest reads a text, the rules added after the first held-out measure (issue 19): what
is not a position (a question, a hypothesis, a condition, a mention denied), a mandate's
content, and titles and bodies named in more ways.  Sentences made up for these tests; the
quality of the rules is measured in benchmarks/ (bench_suggest.py --set heldout2), not here."""

from __future__ import annotations

import pytest

from graph.coding.suggest.new_things import find_candidates
from graph.text.spans import words

from .drafts import drafted_stances as stances

MANDATE, POOLING, INTEGRATION = "proposal-national-mandate", "proposal-pool-budgets", "proposal-integration"
BOARDS_LEAD = "proposal-hwb-lead-commissioning"


def candidates(text):
    return {(c.cls, c.label) for c in find_candidates(text, words(text))}


# --- a mandate's content is the mandate ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Jane Roe, leader of Borsetshire Council, said a national mandate to pool health and care budgets would be a mistake.",
    "Jane Roe, leader of Borsetshire Council, said ministers should not force councils to pool their budgets.",
])
def test_what_a_mandate_imposes_is_not_a_proposal_of_its_own(index, text):
    assert stances(text, index) == [("jane-roe", MANDATE, "Opposition")]


def test_by_decree_names_a_mandate(index):
    text = "Jane Roe, leader of Borsetshire Council, said she was against joining up services by decree."
    assert ("jane-roe", MANDATE, "Opposition") in stances(text, index)


# --- what takes no position --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # a question or a matter left open
    "The Borsetshire Party has yet to say whether it would back a national mandate.",
    "Tom Hill, leader of Borsetshire Council, has not said whether he would support a national mandate.",
    # a hypothesis: "if" before the cue, the proposal in the same clause
    "Jane Roe, leader of Borsetshire Council, said: “If we want pooled budgets everywhere, ministers must act.”",
    # a condition: "would fail without" is no opposition
    "Jane Roe, leader of Borsetshire Council, warned that integration would fail without new money.",
    # a mention denied is no position
    "Tom Hill, chief executive of Borsetshire Council, did not mention pooling in his speech.",
])
def test_no_position_is_read_from_a_question_a_hypothesis_a_condition_or_a_silence(index, text):
    assert stances(text, index) == []


def test_the_answer_after_a_question_keeps_its_position(index):
    text = "Asked about pooling, Tom Hill, leader of Borsetshire Council, said he backed a national mandate."
    assert stances(text, index) == [("tom-hill", MANDATE, "Support")]


def test_a_hypothesis_clause_leaves_the_main_clause_its_position(index):
    text = "“If I had one wish, it would be a national mandate,” said Jane Roe, leader of Borsetshire Council."
    assert stances(text, index) == [("jane-roe", MANDATE, "Support")]


def test_a_warning_of_harm_is_still_opposition(index):
    text = "Tom Hill, chief executive of Borsetshire Hospitals NHS Trust, warned that pooling could drain money from hospitals."
    assert stances(text, index) == [("tom-hill", POOLING, "Opposition")]


def test_a_cue_does_not_reach_past_and_said(index):
    # "opposed" governs the first clause; what he said has its own cue ("should").
    text = ("Tom Hill, chair of Borsetshire CCG, opposed a national mandate and said health and wellbeing"
            " boards should lead commissioning.")
    assert stances(text, index) == [("tom-hill", MANDATE, "Opposition"), ("tom-hill", BOARDS_LEAD, "Support")]


def test_is_key_in_x_is_said_of_its_subject_not_of_x(index):
    text = "Jane Roe, leader of Borsetshire Council, said a single budget is key in integrating health and care."
    assert stances(text, index) == [("jane-roe", POOLING, "Support")]


# --- titles and bodies --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, post", [
    ("Jane Roe, a senior fellow at the Borsetshire Centre for Care, said so.", "Senior fellow, Borsetshire Centre for Care"),
    ("Jane Roe, a GP and chair of Borsetshire CCG, said so.", "Chair, Borsetshire CCG"),
    ("Jane Roe is a senior fellow at the Borsetshire Institute.", "Senior fellow, Borsetshire Institute"),
    ("Jane Roe, director of policy at the Borsetshire Institute, said so.", "Director of policy, Borsetshire Institute"),
    ("Tom Hill, clinical chair of NHS Borsetshire CCG, said so.", "Clinical chair, NHS Borsetshire CCG"),
    ("Tom Hill, chief finance officer of NHS Borsetshire CCG, said so.", "Chief finance officer, NHS Borsetshire CCG"),
])
def test_more_titles_and_ways_of_naming_a_post(text, post):
    assert ("Post", post) in candidates(text)


@pytest.mark.parametrize("text, body", [
    ("A survey by the Borsetshire Finance Forum was published on Monday.", "Borsetshire Finance Forum"),
    ("Tom Hill, president of the Society of Care Planners, spoke.", "Society of Care Planners"),
])
def test_forum_society_and_centre_name_bodies_not_people(text, body):
    found = candidates(text)
    assert ("Organisation", body) in found and ("Person", body) not in found


def test_a_kinds_word_alone_and_a_possessive_after_an_honorific_name_nothing_new():
    found = candidates("The council and the CCG agreed with Cllr Roe’s plan.")
    assert not [label for cls, label in found if label in ("CCG", "Roe")]


def test_a_places_own_pooled_fund_is_a_budget():
    assert ("Budget", "Borsetshire’s pooled fund") in candidates("Borsetshire’s pooled fund pays for community nursing.")
    assert not [c for c in candidates("A pooled fund pays for community nursing.") if c[0] == "Budget"]
