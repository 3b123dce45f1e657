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

import re

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from graph.errors import ParameterError

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


# What an IRI may not hold: Turtle's and SPARQL's IRIREF forbid these (space and C0 controls
# included); C1 controls and the Unicode line and paragraph separators are refused too, so that
# no IRI written can end a line or a comment.
IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f\u2028\u2029]')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def iri_problem(text: str) -> str | None:
    """Why ``text`` cannot be written as an absolute IRI (in Turtle or SPARQL), or None.

    >>> iri_problem("https://w3id.org/carekg/id/x"), iri_problem("kg:a b"), iri_problem("no-scheme")
    (None, "it holds ' '", 'it has no scheme (such as https:)')
    """
    bad = IRI_FORBIDDEN.search(text)
    if bad:
        return f"it holds {bad.group(0)!r}"
    if not _SCHEME.match(text):
        return "it has no scheme (such as https:)"
    return None


def check_iri(text: str, what: str = "IRI") -> URIRef:
    """``text`` as an IRI, checked before anything writes it; else a :class:`ParameterError`.

    >>> check_iri("http://example.org/{x}", "--url")
    Traceback (most recent call last):
    graph.errors.ParameterError: --url 'http://example.org/{x}' is not a valid IRI: it holds '{'
    """
    problem = iri_problem(str(text))
    if problem:
        raise ParameterError(f"{what} {str(text)!r} is not a valid IRI: {problem}")
    return URIRef(str(text))


def expand(text: str) -> URIRef | None:
    """The IRI that a CURIE with one of the project's prefixes (``kg:norman-lamb``), an ``<IRI>``
    or an http(s) IRI stands for; ``None`` for anything else, such as a label, another prefix or
    text that no IRI can hold (:func:`iri_problem`).

    >>> expand("kg:norman-lamb"), expand("<urn:x>")
    (rdflib.term.URIRef('https://w3id.org/carekg/id/norman-lamb'), rdflib.term.URIRef('urn:x'))
    >>> expand("nope:x"), expand("Norman Lamb"), expand("kg:Norman Lamb"), expand("<http://x/a b>")
    (None, None, None, None)
    """
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1]) if iri_problem(text[1:-1]) is None else None
    if re.match(r"https?://\S+$", text):
        return URIRef(text) if iri_problem(text) is None else None
    found = re.fullmatch(r"([A-Za-z][\w-]*):([\w.-]*)", text)
    if found is None or found.group(1) not in PREFIXES:
        return None
    return URIRef(str(PREFIXES[found.group(1)]) + found.group(2))


__all__ = ["CAREKG", "KG", "SCHEMA", "OA", "DCAT", "PREFIXES", "IRI_FORBIDDEN", "bind_prefixes", "check_iri", "curie", "expand",
           "iri_problem"]
