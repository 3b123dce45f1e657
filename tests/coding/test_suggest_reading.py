"""How suggest reads a text (issue 19): who speaks, which way a cue points, what a heading or a
byline is, and which words name a thing the dataset knows.  Sentences made up for these tests;
the quality of the rules on held-out text is measured in benchmarks/ (bench_suggest.py
--set heldout), not here."""

from __future__ import annotations

import pytest

from graph.coding.suggest.concepts import kind_mentions
from graph.coding.suggest.draft import suggest_sheet
from graph.coding.suggest.layout import authors, parts
from graph.coding.suggest.posts import posts_without_holder
from graph.coding.suggest.speakers import Mention, quotes, voices
from graph.coding.suggest.stances import polarity, position_of
from graph.text.spans import sentences, words

from .drafts import drafted_stances as stances

MANDATE, POOLING = "proposal-national-mandate", "proposal-pool-budgets"


def entities(text, index):
    return {r["id"]: r.get("class") for r in suggest_sheet(text, index).get("entities", [])}


# --- pronouns and quotes are their speaker's -----------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # A quote is the speaker's who says it, not the body named before ("the King's Fund").
    ("Jane Roe, chief executive of Borsetshire Council, spoke after the King’s Fund. “A national mandate would be wrong,” she said.",
     [("jane-roe", MANDATE, "Opposition")]),
    # "He told the board": the person the sentence before was about.
    ("Tom Hill chairs Borsetshire CCG. He told the board that he backed pooled budgets.", [("tom-hill", POOLING, "Support")]),
    ("Ann Lee leads Borsetshire Council. She told the board that a national mandate was wrong.",
     [("ann-lee", MANDATE, "Opposition")]),
    # "He said": not the noun just before it.
    ("Tom Hill, leader of Borsetshire Council, met the King’s Fund on Monday. He said a national mandate was wrong.",
     [("tom-hill", MANDATE, "Opposition")]),
    # A second quote with no verb of its own is the speaker's of the quote before.
    ("“I backed pooling from the start,” said Ann Lee. “But a national mandate would be a mistake.”",
     [("ann-lee", POOLING, "Support"), ("ann-lee", MANDATE, "Opposition")]),
    # "X said the trust opposed …": the trust's stance, reported by X.
    ("Tom Hill, chief executive of Borsetshire Hospitals NHS Trust, spoke on Monday. He said his trust opposed any national mandate.",
     [("borsetshire-hospitals-nhs-trust", MANDATE, "Opposition")]),
])
def test_a_stance_is_its_speakers(index, text, expected):
    assert stances(text, index) == expected


def test_quotes_and_reported_speech_are_attributed():
    text = "Jane Roe runs Borsetshire Council. “Pooling works,” she said. The council agreed."
    people = [Mention(0, 8, "jane roe", "Person", True), Mention(14, 33, "borsetshire council", "LocalAuthority", True)]
    assert [(text[a:b], who, how) for s in voices(text, sentences(text), people) for a, b, who, how in s] == [
        ("Pooling works,", "jane roe", "quote")]
    # Curly, straight and single quotes; an apostrophe inside a word is none.
    text = "He said “it’s wrong” and ‘it isn’t’ and \"no\"."
    assert [text[a:b] for a, b in quotes(text)] == ["it’s wrong", "it isn’t", "no"]


# --- negative cues are opposition ---------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Jane Roe, leader of Borsetshire Council, said the national mandate was coming in by the back door.",
     [("jane-roe", MANDATE, "Opposition")]),
    ("Jane Roe, leader of Borsetshire Council, said a top-down mandate was the last thing councils needed.",
     [("jane-roe", MANDATE, "Opposition")]),
    ("Jane Roe, leader of Borsetshire Council, said that a national mandate was wrong.", [("jane-roe", MANDATE, "Opposition")]),
    # A negation turns a cue: "not against" is support.
    ("Jane Roe, leader of Borsetshire Council, said she was not against pooling budgets.", [("jane-roe", POOLING, "Support")]),
    # "Not because its diagnosis is wrong": a negated "wrong" about no proposal is no stance.
    ("Jane Roe, leader of Borsetshire Council, disagrees. Not because its diagnosis is wrong.", []),
])
def test_negative_cues_read_as_opposition(index, text, expected):
    assert stances(text, index) == expected


def test_polarity_of_a_cue_and_of_an_evaluation():
    text = "I’m not against integration"
    from graph.coding.suggest.stances import CUE
    assert polarity(text, CUE.search(text)) == "Support"
    text = "Jane Roe said a national mandate would be a mistake."
    s = sentences(text)[0]
    a = text.index("national")
    assert position_of(text, s, a, a + len("national mandate"))[0] == "Opposition"


# --- headings and bylines are never actors --------------------------------------------------------

def test_headlines_and_bylines_are_never_actors(index):
    text = ("Borsetshire chief backs pooled budgets\n\nBy Sam Writer\n\n3 March 2015\n\n"
            "Jane Roe, chief executive of Borsetshire Council, said a national mandate was wrong. Sam Writer asked her why.\n")
    assert stances(text, index) == [("jane-roe", MANDATE, "Opposition")]
    found = entities(text, index)
    assert found["sam-writer"] == "Person"  # the author is a person the article names, never an actor
    assert not [k for k in found if "chief" in k and k != "chief-executive-borsetshire-council"]
    lines = parts(text)
    assert [p.kind for p in lines] == ["heading", "byline", "dateline", "body"]
    assert [(a.name, a.narrator) for a in authors(text, lines)] == [("Sam Writer", False)]


def test_a_headline_makes_no_group_and_no_name_the_body_does_not_use(index):
    text = "Think tank backs boards\n\nThe Borsetshire Institute said health and wellbeing boards should lead commissioning.\n"
    found = entities(text, index)
    assert "CollectiveActor" not in found.values() and "think-tank-backs-boards" not in found
    assert stances(text, index) == [("borsetshire-institute", "proposal-hwb-lead-commissioning", "Support")]


def test_a_comment_pieces_narrator_speaks_as_i(index):
    text = ("Why I back pooling\n\nJane Roe, chief executive of Borsetshire Council, says the case is made\n\n"
            "I have argued for pooled budgets for years.\n")
    assert [(a.name, a.narrator) for a in authors(text, parts(text))] == [("Jane Roe", True)]
    # The headline and the body each take the stance, in the narrator's words.
    assert stances(text, index) == [("jane-roe", POOLING, "Support")] * 2


# --- known things only where the words name them ---------------------------------------------------

@pytest.mark.parametrize("text, absent", [
    ("The proposal is not official policy.", "proposal-pwc-lancashire-proposals"),
    ("Some leaders in local government were not consulted.", "government"),   # "local government" is not the government
    ("The council’s leader spoke on Monday.", "councils"),                       # a possessive ends the name
    ("The board meets in April 2014.", "greater-manchester-strategic-partnership-board-start"),  # "(April)" is no name
    ("The board meets in April 2014.", "dh-data-sharing-guidance"),                                # nor is "(2014)"
])
def test_known_things_are_linked_only_when_named(index, text, absent):
    assert absent not in entities(text, index)


def test_a_name_spelled_out_is_the_known_party_not_a_person(index):
    assert entities("The Liberal Democrats backed the idea on Monday.", index) == {"lib-dem": None}


def test_kind_words_name_proposals_and_optional_says_the_opposite():
    text = "a legal duty to pool their budgets"
    assert [k for _, _, k in kind_mentions(text, 0, len(text))] == ["NationalMandateKind", "PoolingKind"]
    assert [k for _, _, k in kind_mentions("it should not be optional", 0, 25)] == ["NationalMandateKind!"]


# --- posts ------------------------------------------------------------------------------------------

def test_posts_named_by_its_and_by_a_surname(index):
    text = "Borsetshire County Council met on Monday. Its chief executive, Jane Roe, said a national mandate was wrong."
    sheet = suggest_sheet(text, index)
    post = next(r for r in sheet["entities"] if r.get("class") == "Post")
    assert (post["label"], post["postIn"]) == ("Chief executive, Borsetshire County Council", "borsetshire-county-council")
    assert [(t["holder"], t["post"]) for t in sheet["tenures"]] == [("jane-roe", post["id"])]
    text = "Roe has been chief executive of Borsetshire County Council since 2012."
    assert "chief-executive-borsetshire-county-council" in entities(text, index)
    text = "The NHS England chief executive spoke."
    assert [p[1] for p in posts_without_holder(text, words(text), [(1, 3)], lambda i, j: True)] == ["Chief executive, NHS England"]
