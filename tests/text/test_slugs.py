"""One slug rule (graph.text.slugs): a thing gets the same IRI whichever way it enters the data,
a coding sheet, a draft sheet or a DNA import, and it is the IRI the curated data gives it."""

from __future__ import annotations

from datetime import datetime

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from graph.coding.mapping import SheetNames, sheet_to_graph
from graph.coding.model import SheetModel
from graph.coding.suggest.dataset_names import KnownIndex
from graph.coding.suggest.draft import suggest_sheet
from graph.coding.yamlio import parse_sheet
from graph.exchange.dna.importer import import_dna
from graph.exchange.dna.sqlite import DnaFile, Document, Statement, default_types, write_dna
from graph.rdf.namespaces import CAREKG, KG
from graph.rdf.parse import parse_turtle
from graph.rdf.paths import Paths
from graph.text.slugs import LONGEST, slug


@pytest.mark.parametrize("label, cls, expected", [
    ("The King's Fund", None, "kings-fund"),
    ("King\u2019s Fund", None, "kings-fund"),
    ("THE KINGS FUND", None, "kings-fund"),
    ("The government", None, "government"),         # the curated kg:government
    ("Better Care Fund", None, "better-care-fund"),  # the curated kg:better-care-fund
    ("Theatre trust", None, "theatre-trust"),
    ("The", None, "the"),
    ("\u00c9lus locaux & sant\u00e9", None, "elus-locaux-sante"),
    ("Pool health budgets", "Proposal", "proposal-pool-health-budgets"),
    ("\u2014", None, ""),
])
def test_slug(label, cls, expected):
    assert slug(label, cls) == expected


def test_a_long_label_is_cut_at_the_limit_without_a_trailing_hyphen():
    made = slug("word " * 30)
    assert len(made) <= LONGEST and not made.endswith("-") and made.startswith("word-word")


def from_sheet(label: str, cls: str) -> set:
    sheet = parse_sheet(f"article: article-009\nentities:\n  - {{class: {cls}, label: \"{label}\"}}\n", "s.yaml")
    return set(sheet_to_graph(sheet, SheetModel.load(), SheetNames(), KG["article-009"]).entities)


def from_dna(tmp_path, organisation: str, concept: str) -> set:
    text = f"{organisation} backs {concept}."
    st = Statement(1, "DNA Statement", 1, 0, len(text) - 1,
                   {"organization": organisation, "concept": concept, "agreement": True})
    write_dna(tmp_path / "x.dna", DnaFile(default_types(), [Document(1, "A", text, datetime(2015, 6, 1))], [st]))
    import_dna(tmp_path / "x.dna", tmp_path / "ds")
    things = Graph()
    for f in (tmp_path / "ds").glob("*.ttl"):
        things += parse_turtle(f)
    return {s for s in things.subjects(RDFS.label, None) if (s, RDF.type, CAREKG.SourceArticle) not in things}


def from_draft(text: str) -> set:
    sheet = suggest_sheet(text, KnownIndex(Graph(), parse_turtle(Paths().ontology)))
    return {KG[row["id"]] for row in sheet.get("entities", [])}


def test_the_kings_fund_has_one_iri_from_a_sheet_a_draft_and_a_dna_import(tmp_path):
    curated = KG["kings-fund"]
    assert (curated, RDFS.label, None) in parse_turtle(Paths().data / "a000-kings-fund-roundup.ttl")
    assert from_sheet("The King's Fund", "ThinkTank") == {curated}
    assert from_dna(tmp_path, "The King's Fund", "Pooled budgets") == {curated, KG["proposal-pooled-budgets"]}
    assert curated in from_draft("The King's Fund called for pooled budgets in every area.")


def test_a_proposal_has_the_same_iri_from_a_sheet_and_a_dna_import(tmp_path):
    assert from_sheet("Pooled budgets", "Proposal") == {KG["proposal-pooled-budgets"]}
    assert KG["proposal-pooled-budgets"] in from_dna(tmp_path, "Councils", "Pooled budgets")
