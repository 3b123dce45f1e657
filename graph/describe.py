"""Describe one entity: every sourced fact about it, and summary statistics of the graph.

``describe`` runs the named query ``facts-about`` (so the command line, the map's details
panel and a SPARQL user all see the same facts); ``stats`` counts things by class, property
and source article.

Examples
--------
>>> from graph.load import load_kg
>>> from graph.vocabulary import KG
>>> facts = describe(load_kg(), KG["kings-fund"])
>>> all(f.source and f.evidence for f in facts)
True
>>> stats(load_kg())["sources"]["kg:article-000"] > 10
True
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from rdflib.namespace import RDF

from .catalog import find_query
from .load import KnowledgeGraph
from .names import label_of
from .query import run
from .vocabulary import CAREKG, KG, curie


@dataclass(frozen=True)
class Fact:
    """One sourced statement about an entity, in words and as IRIs."""

    subject: str
    predicate: str
    object: str
    date: str | None
    source: str
    source_label: str
    evidence: str
    claim: str

    @property
    def text(self) -> str:
        """The fact as a sentence-like line."""
        return f"{self.subject} {self.predicate} {self.object}"

    def as_dict(self) -> dict:
        return asdict(self) | {"text": self.text}


def describe(kg: KnowledgeGraph, entity) -> list[Fact]:
    """Every sourced fact about ``entity`` (an IRI already resolved), in article order."""
    result = run(kg, find_query("facts-about", kg.paths), {"entity": curie(entity)})
    facts = []
    for row in result.rows:
        r = dict(zip(result.vars, row))
        facts.append(Fact(
            subject=label_of(kg, r["subject"]), predicate=label_of(kg, r["predicate"]),
            object=label_of(kg, r["object"]), date=str(r["date"]) if r.get("date") is not None else None,
            source=str(r["source"]), source_label=label_of(kg, r["source"]),
            evidence=str(r["evidence"]), claim=curie(r["claim"]) if r["claim"] is not None else ""))
    return facts


def stats(kg: KnowledgeGraph) -> dict:
    """Counts: curated things by class, curated triples by property, claims per source article."""
    by_class = Counter(curie(o) for s, o in kg.data.subject_objects(RDF.type))
    by_property = Counter(curie(p) for p in kg.data.predicates())
    by_source = Counter(curie(o) for o in kg.data.objects(None, CAREKG.source))
    derived = len(kg.graph) - len(kg.data) - len(kg.ontology)
    claims = kg.schemes.claim_classes  # rdfs:subClassOf* carekg:Claim: not things, but statements
    return {
        "triples": {"data": len(kg.data), "ontology": len(kg.ontology), "derived": derived, "total": len(kg.graph)},
        "classes": dict(by_class.most_common()),
        "properties": dict(by_property.most_common()),
        "sources": dict(sorted(by_source.items())),
        "entities": len({s for s in kg.data.subjects(RDF.type) if str(s).startswith(str(KG))
                         and not any(str(t) in claims for t in kg.data.objects(s, RDF.type))}),
    }


__all__ = ["Fact", "describe", "stats"]
