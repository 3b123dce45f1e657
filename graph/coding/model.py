"""How sheet keys and values map to RDF terms, read from the sheet schema and the ontology.

The mapping is data.  ``graph/coding/sheet.schema.yaml`` names the claim sections and a few short
keys (``label`` for ``rdfs:label`` …); every other key is the local name of a ``carekg:``
property or a CURIE.  How a value is written follows the property's declaration in the ontology:

* an ``owl:ObjectProperty`` takes a reference: an entity's slug (``norman-lamb``) or label
  (``Norman Lamb``), or an ontology term's local name (``Support``, ``organised``);
* an ``owl:DatatypeProperty`` with an ``rdfs:range`` takes a literal of that datatype;
* anything else takes text, unless the schema's ``values`` table says otherwise (``date``).

Any value can also be written explicitly, JSON-LD style: ``{"@id": ...}`` or
``{"@value": ..., "@type": ...}``; export does so exactly where the plain form would read back
as a different term, so every graph round-trips.

Examples
--------
>>> m = SheetModel.load()
>>> m.predicate("actor"), m.predicate("label"), m.predicate("skos:altLabel")
('carekg:actor', 'rdfs:label', 'skos:altLabel')
>>> m.key(CAREKG.dateText), m.kind(CAREKG.former)
('dateText', 'xsd:boolean')
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

import yaml
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from graph.rdf.namespaces import CAREKG, KG, curie, expand
from graph.rdf.parse import parse_turtle
from graph.rdf.paths import Paths
from graph.rdf.schemes import subclasses

SCHEMA_FILE = Path(__file__).with_name("sheet.schema.yaml")
SLUG = re.compile(r"[a-z0-9][a-z0-9._-]*")


class SheetModel:
    """The sheet schema, its RDF mapping, and what the ontology declares."""

    def __init__(self, schema: dict, ontology: Graph):
        self.schema = schema
        self.rdf = schema["x-rdf"]
        self.ontology = ontology
        self.keys = {k: expand(v) for k, v in self.rdf["keys"].items()}
        self.values = {expand(k): v for k, v in self.rdf["values"].items()}
        self.sections = {name: dict(spec, cls=expand(spec["class"])) for name, spec in self.rdf["sections"].items()}
        self.mention = expand(self.rdf["mention"])
        self.turtle_order = [expand(p) for p in self.rdf["turtle_order"]]

    @classmethod
    def load(cls, paths: Paths | None = None) -> SheetModel:
        """The model for the project's ontology (or that of ``paths``)."""
        paths = paths or Paths()
        schema = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))
        return cls(schema, parse_turtle(paths.ontology))

    # --- what the ontology declares ---------------------------------------------------------

    @cached_property
    def terms(self) -> set:
        """Every IRI the ontology describes (classes, properties, individuals, concepts)."""
        return {s for s in self.ontology.subjects() if isinstance(s, URIRef)}

    @cached_property
    def classes(self) -> set:
        return set(self.ontology.subjects(RDF.type, OWL.Class))

    @cached_property
    def relations(self) -> set:
        """The relation properties a relationship may assert (those with a relation kind)."""
        return set(self.ontology.subjects(CAREKG.relationKind, None))

    @cached_property
    def claim_classes(self) -> set:
        return subclasses(self.ontology, CAREKG.Claim)

    def section_of(self, classes) -> str | None:
        """The sheet section for a node of these classes (None for entities)."""
        for name, spec in self.sections.items():
            if spec["cls"] in classes:
                return name
        return "claims" if set(classes) & self.claim_classes else None

    # --- keys -------------------------------------------------------------------------------

    def predicate(self, key: str) -> str | None:
        """The CURIE a sheet key stands for, or None when it names nothing known."""
        iri = self.predicate_iri(key)
        return curie(iri) if iri is not None else None

    def predicate_iri(self, key: str) -> URIRef | None:
        if key in self.keys:
            return self.keys[key]
        if ":" in key:
            return expand(key)
        iri = CAREKG[key]
        return iri if iri in self.terms else None

    def key(self, predicate) -> str:
        """The sheet key for a predicate (inverse of :meth:`predicate`)."""
        for key, iri in self.keys.items():
            if iri == predicate:
                return key
        text = str(predicate)
        if text.startswith(str(CAREKG)) and text[len(str(CAREKG)):] not in self.keys:
            return text[len(str(CAREKG)):]
        return curie(predicate)

    def known_keys(self) -> list[str]:
        """Every key a row may use (for "did you mean")."""
        props = {o for o in self.ontology.subjects(RDF.type, None)
                 if str(o).startswith(str(CAREKG)) and str(o)[len(str(CAREKG)):][:1].islower()}
        return sorted(set(self.keys) | {self.key(p) for p in props})

    def kind(self, predicate: URIRef) -> str:
        """How values of ``predicate`` are written: ``ref``, ``term``, ``date``, ``text`` or an xsd
        datatype's CURIE."""
        if predicate in self.values:
            return self.values[predicate]
        types = set(self.ontology.objects(predicate, RDF.type))
        if OWL.ObjectProperty in types:
            return "ref"
        rng = self.ontology.value(predicate, RDFS.range)
        if OWL.DatatypeProperty in types and rng is not None and str(rng).startswith(str(XSD)):
            return curie(rng)
        return "text"

    # --- terms ------------------------------------------------------------------------------

    def term_token(self, iri) -> str:
        """The plain way to write an IRI: an ontology term's local name, an entity's slug, or a CURIE."""
        text = str(iri)
        if text.startswith(str(CAREKG)) and iri in self.terms:
            return text[len(str(CAREKG)):]
        if text.startswith(str(KG)) and SLUG.fullmatch(text[len(str(KG)):]):
            local = text[len(str(KG)):]
            return local if CAREKG[local] not in self.terms else f"kg:{local}"
        token = curie(iri)
        return token if expand(token) == iri else f"<{text}>"

    def token_iri(self, token: str) -> URIRef | None:
        """The IRI a plain token names without looking at labels: a CURIE or IRI, an ontology
        term's local name, or a slug.  None for text that must be looked up as a label."""
        if (iri := expand(token)) is not None:
            return iri
        if re.fullmatch(r"[A-Za-z_][\w-]*", token) and CAREKG[token] in self.terms:
            return CAREKG[token]
        if SLUG.fullmatch(token):
            return KG[token]
        return None


__all__ = ["SheetModel", "SLUG"]
