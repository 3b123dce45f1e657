"""The ontology's controlled vocabularies, read from the ontology and nowhere else.

Stance positions (with their ``skos:notation`` codes, labels and qualifier scores), relation
kinds (the edge families of the map), map groups (``carekg:mapGroup`` on classes) and the claim
classes (``rdfs:subClassOf* carekg:Claim``) are all data in ``ontology/carekg.ttl``.  Python,
the map's styles and its script all take them from here, so a new position or edge family is
one edit to the ontology (and a style for it in ``graph/map/static/styles.json``).

Examples
--------
>>> s = project_schemes()
>>> [(p.notation, p.label, p.score) for p in s.positions]
[('support', 'supports', 1.0), ('conditional', 'conditionally supports', 0.5), ('nominal', 'supports in words only', 0.5), ('oppose', 'opposes', 0.0)]
>>> s.position("opposes").notation, s.position(CAREKG.Support).notation
('oppose', 'support')
>>> "stance" in s.relation_kinds and "person" in s.map_groups
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from graph.errors import ParameterError
from graph.rdf.namespaces import CAREKG
from graph.rdf.parse import parse_turtle
from graph.rdf.paths import Paths


@dataclass(frozen=True)
class Position:
    """One stance position: its IRI, short code, words, score and derived property."""

    iri: str
    notation: str
    label: str
    score: float
    property: str


@dataclass(frozen=True)
class Schemes:
    """The vocabularies of one ontology (see the module docstring)."""

    positions: tuple[Position, ...]
    relation_kinds: tuple[str, ...]
    map_groups: tuple[str, ...]
    claim_classes: frozenset[str]

    @property
    def notations(self) -> tuple[str, ...]:
        """The positions' codes, from most to least supportive."""
        return tuple(p.notation for p in self.positions)

    def position(self, value) -> Position:
        """The position that ``value`` names: its code, its words, its IRI or the IRI's local
        name, in any case.

        >>> project_schemes().position("maybe")
        Traceback (most recent call last):
        graph.errors.ParameterError: position='maybe' is not allowed; choose one of: 'support', 'conditional', 'nominal', 'oppose'
        """
        text = str(value).strip()
        key = re.split(r"[#/]", text)[-1].lower()
        for p in self.positions:
            if text == p.iri or key in (p.notation.lower(), p.label.lower(), re.split(r"[#/]", p.iri)[-1].lower()):
                return p
        raise ParameterError(f"position={text!r} is not allowed; choose one of: "
                             + ", ".join(repr(n) for n in self.notations))

    def style_keys(self) -> set[str]:
        """The edge keys the map styles: every relation kind, and ``stance:`` + each position."""
        return set(self.relation_kinds) | {f"stance:{n}" for n in self.notations}


def read_schemes(ontology: Graph) -> Schemes:
    """Read the vocabularies from a graph holding the ontology."""
    positions = []
    for iri in ontology.subjects(RDF.type, CAREKG.Position):
        notation = ontology.value(iri, SKOS.notation)
        score = ontology.value(iri, CAREKG.qualifierScore)
        label = ontology.value(iri, SKOS.prefLabel) or ontology.value(iri, RDFS.label)
        if notation is None or score is None:
            raise ParameterError(f"ontology: position {iri} needs skos:notation and carekg:qualifierScore")
        positions.append(Position(str(iri), str(notation), str(label), float(str(score)),
                                  str(ontology.value(iri, CAREKG.directProperty) or "")))
    positions.sort(key=lambda p: (-p.score, p.notation))
    kinds = sorted(str(n) for k in ontology.subjects(RDF.type, CAREKG.RelationKind)
                   for n in ontology.objects(k, SKOS.notation))
    groups = sorted({str(g) for g in ontology.objects(None, CAREKG.mapGroup)})
    claims = frozenset(str(c) for c in subclasses(ontology, CAREKG.Claim))
    return Schemes(tuple(positions), tuple(kinds), tuple(groups), claims)


def subclasses(ontology: Graph, top: URIRef) -> set:
    """``top`` and every class under it (``rdfs:subClassOf*``; a cycle ends the walk).

    >>> from graph.rdf.parse import parse_turtle
    >>> from graph.rdf.paths import Paths
    >>> CAREKG.ThinkTank in subclasses(parse_turtle(Paths().ontology), CAREKG.Actor)
    True
    """
    return set(ontology.transitive_subjects(RDFS.subClassOf, top))


@lru_cache(maxsize=4)
def _schemes_of(path: str) -> Schemes:
    return read_schemes(parse_turtle(path))


def project_schemes(paths: Paths | None = None) -> Schemes:
    """The vocabularies of the project's ontology (or of ``paths.ontology``), read once."""
    return _schemes_of(str((paths or Paths()).ontology))


def is_claim_class(schemes: Schemes, cls: URIRef | str) -> bool:
    """Whether ``cls`` is ``carekg:Claim`` or one of its subclasses.

    >>> is_claim_class(project_schemes(), CAREKG.Stance), is_claim_class(project_schemes(), CAREKG.Person)
    (True, False)
    """
    return str(cls) in schemes.claim_classes


__all__ = ["Position", "Schemes", "read_schemes", "project_schemes", "is_claim_class", "subclasses"]
