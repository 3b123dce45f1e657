"""One entity resolver for the command line, the notebooks and the map (issue 9 and issue 8).

Names as people type them: an instance's exact label beats a class or concept with the same
label, then aliases (skos:altLabel), then case-, accent- and apostrophe-insensitive matches;
looser matches (words, near spellings) are offered, never taken silently.
"""

from __future__ import annotations

import json

import pytest

from graph.errors import AmbiguousNameError, UnknownNameError
from graph.kg.load import load
from graph.kg.names import Entry, Names, fold, names_of, resolve_entity
from graph.rdf.namespaces import CAREKG, KG
from graph.rdf.paths import Paths

from ..helpers import ROOT


@pytest.mark.parametrize("typed, slug", [
    ("Better Care Fund", "better-care-fund"),       # the fund, not the class or the proposal kind
    ("better care fund", "better-care-fund"),
    ("King's Fund", "kings-fund"),
    ("King\u2019s Fund", "kings-fund"),             # the articles' curly apostrophe
    ("Kings Fund", "kings-fund"),
    ("kings fund", "kings-fund"),
    ("Confed", "nhs-confederation"),                # an alias the article uses: "Lamb tells Confed"
    ("confed", "nhs-confederation"),
    ("Norman Lamb", "norman-lamb"),
    ("kg:norman-lamb", "norman-lamb"),
    ("norman-lamb", "norman-lamb"),
    ("<https://w3id.org/carekg/id/norman-lamb>", "norman-lamb"),
    ("The King's Fund", "kings-fund"),             # a leading "the", as articles write names
    ("the King\u2019s Fund", "kings-fund"),
    ("government", "government"),                   # "The government"
    ("The Better Care Fund", "proposal-better-care-fund"),  # the proposal's own label, exactly
    ("the better care fund", "proposal-better-care-fund"),  # ... and folded
])
def test_curated_names_resolve(kg, typed, slug):
    assert resolve_entity(kg, typed) == KG[slug]


def test_a_leading_the_is_its_own_tier_after_the_folded_names(kg):
    """"better care fund" is the fund (its folded label) before "The Better Care Fund" (the same
    once "the" is dropped); a "the" never makes a name match inside a word ("theatre")."""
    found = [(m.iri.rsplit("/", 1)[-1], m.how) for m in names_of(kg).matches("better care fund") if m.entry.instance][:2]
    assert found == [("better-care-fund", "folded"), ("proposal-better-care-fund", "the")]
    names = Names([Entry("ex:t", "Theatre Trust", "Organisation"), Entry("ex:kf", "King's Fund", "Think tank")])
    assert [m.how for m in names.matches("The King's Fund")] == ["the"]
    assert [(m.iri, m.how) for m in names.matches("atre trust")] == [("ex:t", "fuzzy")]   # a near spelling only


def test_labels_that_differ_only_in_case_keep_the_exact_one(kg):
    # carekg:Post is labelled "Post"; the property carekg:post and the relation kind are "post".
    assert resolve_entity(kg, "Post") == CAREKG.Post
    with pytest.raises(AmbiguousNameError) as err:
        resolve_entity(kg, "post")
    assert err.value.candidates[:2] == ["post (Relation kind, carekg:PostRelation)", "post (property, carekg:post)"]


def test_a_word_of_a_name_lists_the_candidates_best_first(kg):
    with pytest.raises(AmbiguousNameError) as err:
        resolve_entity(kg, "Lamb")
    assert err.value.candidates[0] == "Norman Lamb (Person, kg:norman-lamb)"
    assert any(c.startswith("Audience members who questioned Norman Lamb") for c in err.value.candidates[1:])


def test_dh_never_finds_oldham_inside_a_word(kg):
    assert all("Oldham" not in m.entry.label for m in names_of(kg).matches("DH"))


def test_a_name_that_does_not_exist_is_unknown_with_near_names(kg):
    with pytest.raises(UnknownNameError) as err:
        resolve_entity(kg, "Norman Lmb")
    assert err.value.suggestions[0] == "Norman Lamb (Person, kg:norman-lamb)"
    with pytest.raises(UnknownNameError) as err:
        resolve_entity(kg, "zzzz qqqq")
    assert err.value.suggestions == []


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A hand-made dataset: two labels differing in case, an alias, an accent, a shared word."""
    data = tmp_path_factory.mktemp("small")
    (data / "small.ttl").write_text("""
@prefix kg: <https://w3id.org/carekg/id/> . @prefix carekg: <https://w3id.org/carekg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
kg:acme a carekg:Organisation ; rdfs:label "Acme" ; skos:altLabel "ACME Ltd" .
kg:acme-person a carekg:Person ; rdfs:label "acme" .
kg:cafe a carekg:Organisation ; rdfs:label "Café Rouge" .
kg:rouge-board a carekg:Organisation ; rdfs:label "Rouge board" .
""", encoding="utf-8")
    return load(Paths.for_dataset(data))


@pytest.mark.parametrize("typed, slug", [
    ("Acme", "acme"), ("acme", "acme-person"), ("ACME Ltd", "acme"), ("acme ltd", "acme"),
    ("cafe rouge", "cafe"), ("CAFÉ ROUGE", "cafe"),
])
def test_small_graph_names(small, typed, slug):
    assert resolve_entity(small, typed) == KG[slug]


def test_small_graph_ambiguities(small):
    with pytest.raises(AmbiguousNameError) as err:
        resolve_entity(small, "ACME")  # folds to both "Acme" and "acme"
    assert err.value.candidates == ["Acme (Organisation, kg:acme)", "acme (Person, kg:acme-person)"]
    with pytest.raises(AmbiguousNameError) as err:
        resolve_entity(small, "rouge")
    # Both names are half "rouge"; the shorter comes first.
    assert err.value.candidates == ["Café Rouge (Organisation, kg:cafe)", "Rouge board (Organisation, kg:rouge-board)"]
    # No instance is called "Better Care Fund" here: the class and the proposal kind tie.
    with pytest.raises(AmbiguousNameError) as err:
        resolve_entity(small, "Better Care Fund")
    assert err.value.candidates == ["Better Care Fund (class, carekg:BetterCareFund)",
                                    "Better Care Fund (Proposal kind, carekg:BetterCareFundKind)"]


def test_fold_matches_the_maps_rules():
    assert fold(" King\u2019s  Fund ") == "kings fund"
    assert fold("Santé-Publique") == "sante publique"
    assert fold("O\u02bcNeill") == "oneill"


def test_instance_beats_a_concept_in_every_tier():
    names = Names([Entry("ex:class", "Widget", "class", instance=False), Entry("ex:w", "Widget", "Thing")])
    assert names.resolve("Widget") == "ex:w" and names.resolve("widget") == "ex:w"


def test_cli_describe_better_care_fund(cli):
    code, out, err = cli("describe", "Better Care Fund", "-f", "csv")
    assert code == 0 and err == ""
    rows = out.splitlines()[1:]
    # The fund itself (an instance of the class carekg:BetterCareFund), with its sourced facts.
    assert rows[0].startswith("Better Care Fund,is a,Better Care Fund,,") and len(rows) > 5
    assert any(",funds,Local integration initiatives in England," in r for r in rows)


def test_cli_parameter_and_actor_options_use_the_resolver(cli):
    code, out, _ = cli("query", "posts-of-person", "-p", "person=norman lamb", "-f", "csv")
    assert code == 0 and "Health minister" in out
    code, out, err = cli("describe", "Lamb")
    assert code == 2 and err.startswith("carekg: error: entity 'Lamb' is ambiguous; it could be: Norman Lamb (Person, kg:norman-lamb);")
    code, out, _ = cli("coalitions", "--exclude-actor", "Kings Fund", "--runs", "0", "-f", "json")
    period, = json.loads(out)
    assert code == 0 and period["filters"] == "actors: leaving out King's Fund; stances: consensus proposals left out"
    assert "King's Fund" not in {label for c in period["coalitions"] for label in c["labels"]}


def test_notebook_uses_the_resolver():
    """The notebook finds actors by name with the one resolver, not a dictionary of its own."""
    text = (ROOT / "notebooks" / "coalitions.ipynb").read_text(encoding="utf-8")
    assert "resolve_entity(kg, name)" in text and "from graph.kg.names import resolve_entity" in text
