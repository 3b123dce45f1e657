"""The project's namespaces and prefixes, and short names (CURIEs) for IRIs.

Everything that names a term goes through here, so a prefix is declared once: the Turtle the
build writes, the SPARQL every query runs with, and the CURIEs people see.

Examples
--------
>>> curie(KG["kings-fund"])
'kg:kings-fund'
>>> expand("carekg:Stance") == CAREKG.Stance
True
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

CAREKG = Namespace("https://w3id.org/carekg/ontology#")
KG = Namespace("https://w3id.org/carekg/id/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")  # W3C Web Annotation: where evidence stands in a text
DCAT = Namespace("http://www.w3.org/ns/dcat#")  # a dataset and the rules it declares

PREFIXES = {
    "carekg": CAREKG, "kg": KG, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD,
    "skos": SKOS, "dcterms": DCTERMS, "foaf": FOAF, "org": ORG, "prov": PROV, "schema": SCHEMA,
    "oa": OA, "dcat": DCAT,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` and return it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def curie(term) -> str:
    """Shorten an IRI with the project prefixes; an IRI outside them keeps its angle brackets.

    >>> curie("http://example.org/x")
    '<http://example.org/x>'
    """
    text = str(term)
    for prefix, ns in PREFIXES.items():
        if text.startswith(str(ns)) and len(text) > len(str(ns)):
            return f"{prefix}:{text[len(str(ns)):]}"
    return f"<{text}>"


def expand(text: str) -> URIRef | None:
    """The IRI that ``prefix:local`` stands for, or ``None`` when the prefix is not the project's.

    >>> expand("nope:x") is None
    True
    """
    prefix, sep, local = text.partition(":")
    if not sep or prefix not in PREFIXES:
        return None
    return URIRef(str(PREFIXES[prefix]) + local)


__all__ = ["CAREKG", "KG", "SCHEMA", "OA", "DCAT", "PREFIXES", "bind_prefixes", "curie", "expand"]
