"""The deterministic Turtle writer (graph.rdf.serialise): the same triples always give the same
text, the text reads back as the same graph, and each term keeps its exact form."""

from __future__ import annotations

import random

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from graph.errors import ParameterError
from graph.rdf.namespaces import CAREKG, KG, SCHEMA
from graph.rdf.serialise import Block, curie_or_iri, literal_text, turtle_text

from ..helpers import canonical


def _graph(order):
    """Lamb's stance with an inline blank node (a qualified amount) and a free-standing mention,
    its triples added in the given order."""
    g = Graph()
    stance, lamb, amount, mention = KG["stance-001-04"], KG["norman-lamb"], BNode("amount"), BNode("mention")
    triples = [
        (lamb, RDF.type, CAREKG.Person), (lamb, RDFS.label, Literal("Norman Lamb")),
        (lamb, SCHEMA.name, Literal("Norman Lamb", lang="en")),
        (stance, RDF.type, CAREKG.Stance), (stance, CAREKG.actor, lamb), (stance, CAREKG.proposal, KG["proposal-national-mandate"]),
        (stance, CAREKG.evidence, Literal('his talk of a "legal obligation"\nto pool')), (stance, CAREKG.date, Literal("2014-06-05", datatype=XSD.date)),
        (stance, CAREKG.implicit, Literal("false", datatype=XSD.boolean)), (stance, SCHEMA.amount, amount),
        (amount, SCHEMA.value, Literal("1200000.0", datatype=XSD.decimal)), (amount, SCHEMA.currency, Literal("GBP")),
        (mention, RDF.type, CAREKG.Mention), (mention, CAREKG.of, lamb), (mention, CAREKG["count"], Literal("3", datatype=XSD.integer)),
    ]
    for t in sorted(triples, key=lambda _: order.random()):
        g.add(t)
    return g, [Block(lamb, comments=["001: Health minister Norman Lamb MP"]), Block(stance), Block(mention, compact=True)]


def test_the_same_triples_give_the_same_text_whatever_their_order():
    texts = {turtle_text(*_graph(random.Random(seed)), order=[CAREKG.actor, CAREKG.proposal]) for seed in range(5)}
    assert len(texts) == 1


def test_the_text_reads_back_as_the_same_graph(tmp_path):
    g, blocks = _graph(random.Random(1))
    text = turtle_text(g, blocks, header=["a test file"])
    assert text.startswith("# a test file\n\n@prefix ")
    assert canonical(text.encode("utf-8"), "ttl") == canonical(g.serialize(format="nt").encode("utf-8"), "nt")


def test_layout_type_first_chosen_predicates_next_blank_nodes_inline():
    g, blocks = _graph(random.Random(2))
    text = turtle_text(g, blocks, declare=False, order=[CAREKG.proposal, CAREKG.actor])
    lamb, stance, mention = text.strip().split("\n\n")
    assert lamb.splitlines() == ["# 001: Health minister Norman Lamb MP", "kg:norman-lamb a carekg:Person ;",
                                 '    rdfs:label "Norman Lamb" ;', '    schema:name "Norman Lamb"@en .']
    lines = stance.splitlines()
    assert lines[0] == "kg:stance-001-04 a carekg:Stance ;"
    assert lines[1:3] == ["    carekg:proposal kg:proposal-national-mandate ;", "    carekg:actor kg:norman-lamb ;"]
    assert '    carekg:evidence "his talk of a \\"legal obligation\\"\\nto pool" ;' in lines
    assert "    carekg:implicit false ;" in lines and '    carekg:date "2014-06-05"^^xsd:date ;' in lines
    assert '    schema:amount [ schema:currency "GBP" ; schema:value 1200000.0 ] .' in lines   # only the stance points to it
    assert mention == "[] a carekg:Mention ; carekg:count 3 ; carekg:of kg:norman-lamb ."


def test_only_the_blocks_given_are_written():
    g, blocks = _graph(random.Random(3))
    text = turtle_text(g, blocks[:1], declare=False)
    assert "kg:norman-lamb a carekg:Person" in text and "Stance" not in text and "Mention" not in text


@pytest.mark.parametrize("lit, text", [
    (Literal("true", datatype=XSD.boolean), "true"), (Literal("12", datatype=XSD.integer), "12"),
    (Literal("-0.5", datatype=XSD.decimal), "-0.5"),
    (Literal("1200000", datatype=XSD.decimal), '"1200000"^^xsd:decimal'),   # a bare 1200000 would read back as an integer
    (Literal("2015", datatype=XSD.gYear), '"2015"^^xsd:gYear'),
    (Literal("Sant\u00e9", lang="fr"), '"Sant\u00e9"@fr'),
    (Literal("tab\there\r\\"), '"tab\\there\\r\\\\"'),
    (Literal("x", datatype=XSD.string), '"x"'),
    (Literal("x", datatype=URIRef("http://example.org/type")), '"x"^^<http://example.org/type>'),
])
def test_literal_text_keeps_the_exact_literal(lit, text):
    assert literal_text(lit) == text
    back = Graph().parse(data=f"@prefix xsd: <{XSD}> .\n<http://e/s> <http://e/p> {text} .", format="turtle")
    read = back.value(URIRef("http://e/s"), URIRef("http://e/p"))
    assert read == (Literal(str(lit)) if lit.datatype == XSD.string else lit)   # RDF 1.1: a string is a plain literal


@pytest.mark.parametrize("iri, text", [
    ("https://w3id.org/carekg/id/norman-lamb", "kg:norman-lamb"),
    ("https://w3id.org/carekg/ontology#Stance", "carekg:Stance"),
    ("https://w3id.org/carekg/id/rel.001", "<https://w3id.org/carekg/id/rel.001>"),   # not a simple local name
    ("https://w3id.org/carekg/id/", "<https://w3id.org/carekg/id/>"),
])
def test_curie_or_iri(iri, text):
    assert curie_or_iri(URIRef(iri)) == text


@pytest.mark.parametrize("iri", ["http://example.org/a b>", "http://example.org/a\n@base <http://evil.example/> .", "x"])
def test_an_iri_no_turtle_can_hold_is_refused_never_changed(iri):
    with pytest.raises(ParameterError, match="is not a valid IRI"):
        curie_or_iri(URIRef(iri))


def test_the_longest_namespace_wins():
    prefixes = {"a": "http://e.org/", "ab": "http://e.org/b/"}
    assert curie_or_iri(URIRef("http://e.org/b/x"), prefixes) == "ab:x"
