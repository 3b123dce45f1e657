"""The project's namespaces and prefixes, and short names (CURIEs) for IRIs.

Everything that names a term goes through here, so a prefix is declared once: the Turtle the
build writes, the SPARQL every query runs with, and the CURIEs people see.

:data:`PREFIX_IRIS` holds the prefixes as plain strings, and :func:`curie` works on them, so the
fast path of ``carekg query`` never imports rdflib; the rdflib namespaces (``CAREKG``, ``KG``,
``SCHEMA``, ``OA``, ``DCAT``, ``PREFIXES``) are made on first use.

Examples
--------
>>> from graph.rdf.namespaces import CAREKG, KG
>>> curie(KG["kings-fund"])
'kg:kings-fund'
>>> expand("carekg:Stance") == CAREKG.Stance
True
>>> PREFIX_IRIS["oa"]
'http://www.w3.org/ns/oa#'
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from graph.errors import ParameterError

if TYPE_CHECKING:
    from rdflib import Graph, Namespace, URIRef

    # made on first use by the module's __getattr__ (below)
    CAREKG: Namespace
    KG: Namespace
    SCHEMA: Namespace
    OA: Namespace
    DCAT: Namespace
    PREFIXES: dict[str, Namespace]

PREFIX_IRIS = {
    "carekg": "https://w3id.org/carekg/ontology#",
    "kg": "https://w3id.org/carekg/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "oa": "http://www.w3.org/ns/oa#",  # W3C Web Annotation: where evidence stands in a text
    "dcat": "http://www.w3.org/ns/dcat#",  # a dataset and the rules it declares
}
_OWN = {"CAREKG": "carekg", "KG": "kg", "SCHEMA": "schema", "OA": "oa", "DCAT": "dcat"}


@cache
def _namespaces() -> dict:
    from rdflib import Namespace
    from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

    known = {"rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS, "dcterms": DCTERMS, "foaf": FOAF,
             "org": ORG, "prov": PROV}
    return {p: known.get(p) or Namespace(iri) for p, iri in PREFIX_IRIS.items()}


def __getattr__(name: str) -> Any:
    # CAREKG, KG, SCHEMA, OA, DCAT and PREFIXES: rdflib namespaces, made when first asked for
    if name in _OWN:
        return _namespaces()[_OWN[name]]
    if name == "PREFIXES":
        return _namespaces()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` and return it."""
    for prefix, ns in _namespaces().items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def curie(term) -> str:
    """Shorten an IRI with the project prefixes; an IRI outside them keeps its angle brackets.
    ``term`` is an rdflib term, a pyoxigraph one or a string.

    >>> curie("http://example.org/x")
    '<http://example.org/x>'
    """
    value = getattr(term, "value", None)  # a pyoxigraph term's text (rdflib terms are strings)
    text = str(term) if isinstance(term, str) or not isinstance(value, str) else value
    for prefix, ns in PREFIX_IRIS.items():
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns):]}"
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
    from rdflib import URIRef

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
    from rdflib import URIRef

    iri = expand_iri(text)
    return URIRef(iri) if iri is not None else None


def expand_iri(text: str) -> str | None:
    """:func:`expand` as text, without rdflib (for ``carekg describe``'s fast path).

    >>> expand_iri("kg:norman-lamb"), expand_iri("Norman Lamb")
    ('https://w3id.org/carekg/id/norman-lamb', None)
    """
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1] if iri_problem(text[1:-1]) is None else None
    if re.match(r"https?://\S+$", text):
        return text if iri_problem(text) is None else None
    found = re.fullmatch(r"([A-Za-z][\w-]*):([\w.-]*)", text)
    if found is None or found.group(1) not in PREFIX_IRIS:
        return None
    return PREFIX_IRIS[found.group(1)] + found.group(2)


__all__ = ["CAREKG", "KG", "SCHEMA", "OA", "DCAT", "PREFIXES", "PREFIX_IRIS", "IRI_FORBIDDEN", "bind_prefixes", "check_iri", "curie",
           "expand", "expand_iri", "iri_problem"]
