"""Labels for people (graph.kg.labels): the same text for rdflib's terms and pyoxigraph's own."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from graph.kg.labels import label_of, labels_of
from graph.sparql.engine import from_rdflib


def test_labels_are_the_same_for_both_libraries_terms(kg):
    terms = [URIRef("https://w3id.org/carekg/id/kings-fund"), URIRef("https://w3id.org/carekg/id/no-such-thing"), RDF.type,
             BNode("b1"), Literal("1500000000.0", datatype=XSD.decimal), Literal("12", datatype=XSD.integer),
             Literal("1.2m", datatype=XSD.decimal), Literal("plain"), Literal("Wort", lang="de")]
    shown = [label_of(kg, t) for t in terms]
    assert shown == ["King's Fund", "kg:no-such-thing", "is a", "_:b1", "1,500,000,000", "12", "1.2m", "plain", "Wort"]
    assert [label_of(kg, from_rdflib(t)) for t in terms] == shown
    assert label_of(kg, None) == ""


def test_labels_are_looked_up_once_in_chunks(kg, monkeypatch):
    from graph.kg import labels as module

    iris = [row[0] for row in kg.engine.values("SELECT DISTINCT ?s WHERE { ?s rdfs:label ?l } ORDER BY ?s")]
    monkeypatch.setattr(module, "CHUNK", 100)  # several chunks
    assert len(iris) > 300
    kg.derived.pop("labels", None)
    calls = []
    real = kg.engine.values
    monkeypatch.setattr(kg.engine, "values", lambda text, **k: calls.append(text) or real(text, **k))
    found = labels_of(kg, iris)
    assert len(found) == len(iris) and len(calls) == -(-len(iris) // module.CHUNK)
    labels_of(kg, iris)
    assert len(calls) == -(-len(iris) // module.CHUNK), "labels looked up again"
    assert isinstance(iris[0], ox.NamedNode) and all(isinstance(v, str) for v in found.values())
