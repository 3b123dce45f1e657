"""The rules that spot things an article names which the graph does not know yet
(graph.coding.suggest.new_things), one sentence at a time.  Sentences made up for the test, in
the articles' kinds of phrasing; the quality of the rules on held-out text is measured in
benchmarks/, not here."""

from __future__ import annotations

import pytest

from graph.coding.suggest.common_nouns import documents, groups
from graph.coding.suggest.new_things import find_candidates
from graph.text.spans import words


def found(text):
    return {(c.cls, c.label, text[c.start:c.end], tuple(sorted(c.extra.items()))) for c in find_candidates(text, words(text))}


@pytest.mark.parametrize("text, expected", [
    # A person in apposition with a post: the person (honorific kept apart), the body, the post.
    ("Dr Jane Roe, chief executive of Borsetshire Council, said the plan was wrong.", {
        ("Person", "Jane Roe", "Dr Jane Roe", (("honorific", "Dr"),)),
        ("LocalAuthority", "Borsetshire Council", "Borsetshire Council", ()),
        ("Post", "Chief executive, Borsetshire Council", "chief executive of Borsetshire Council",
         (("former", False), ("holder", "Jane Roe"), ("org", "Borsetshire Council")))}),
    # A post before the name: a minister's post, held by the name that follows.
    ("Health secretary Jeremy Hunt has championed the fund.", {
        ("Person", "Jeremy Hunt", "Jeremy Hunt", ()),
        ("MinisterialPost", "Health secretary", "Health secretary", (("former", False), ("holder", "Jeremy Hunt")))}),
    # Actors spoken of together, as groups.
    ("Many delegates and senior NHS figures doubted it.", {
        ("Organisation", "NHS", "NHS", ()), ("CollectiveActor", "Many delegates", "Many delegates", ()),
        ("CollectiveActor", "Senior NHS figures", "senior NHS figures", ())}),
    # A document by its head word, a body by its head word.
    ("The Oldham report, published on Tuesday, was praised by the Health Foundation.", {
        ("Report", "Oldham report", "Oldham report", ()), ("Organisation", "Health Foundation", "Health Foundation", ())}),
    # An acronym the text defines is the long name's alias; a place after "in".
    ("A new Borsetshire Integrated Care Board (BICB) will meet in Leeds.", {
        ("Organisation", "Borsetshire Integrated Care Board", "Borsetshire Integrated Care Board", (("altLabel", "BICB"),)),
        ("Organisation", "BICB", "BICB", ()), ("Place", "Leeds", "Leeds", ())}),
    # A body named by its role, lower case.
    ("The plan was put to the government.", {("NationalGovernment", "The government", "the government", ())}),
])
def test_what_one_sentence_names(text, expected):
    assert found(text) == expected


def test_a_sentence_with_no_names_gives_nothing():
    assert found("it was, they said, a good idea that would work.") == set()


def test_spans_are_offsets_into_the_text_as_given():
    text = "  Prof Ann Lee , director of   the Kings Fund,  said so."
    assert [(c.cls, c.label, c.start, c.end) for c in find_candidates(text, words(text))] == [
        ("Person", "Ann Lee", 2, 14), ("Organisation", "Kings Fund", 35, 45), ("Post", "Director, Kings Fund", 17, 45)]


@pytest.mark.parametrize("text, expected", [
    # A budget only with its sum; a group only with a word that says which ("senior"), not how good.
    ("A £46m budget was shared, but the good boards and a single budget stayed.", [("Budget", "£46m budget")]),
    ("Leaders in the West Midlands asked for it.", [("CollectiveActor", "Leaders in the West Midlands")]),
    ("Forcing trusts into it, some asked ministers.", []),
])
def test_things_named_by_common_nouns(text, expected):
    ws = words(text)
    assert [(c, label) for c, label, _, _ in groups(text, ws) + documents(text, ws)] == expected


def test_bodies_parties_places_and_posts_by_their_shapes():
    assert found("Kirkdale Council and NHS Kirkdale CCG met the Commons health committee in the West Midlands.") >= {
        ("LocalAuthority", "Kirkdale Council", "Kirkdale Council", ()),
        ("ClinicalCommissioningGroup", "NHS Kirkdale CCG", "NHS Kirkdale CCG", ()),
        ("Organisation", "Commons health committee", "Commons health committee", ()),
        ("Place", "West Midlands", "West Midlands", ())}
    assert ("PoliticalParty", "Liberal Democrats", "Liberal Democrats", ()) in found("The Liberal Democrats agreed.")
    assert ("ThinkTank", "Ashbury Institute for Health Policy", "Ashbury Institute for Health Policy", ()) in found(
        "A report from the Ashbury Institute for Health Policy came out.")
    posts = {c for c in found("Dr Sarah Linwood, a GP who chairs Ashbury CCG, said so.") if c[0] == "Post"}
    assert {c[1] for c in posts} == {"Chair, Ashbury CCG"}
