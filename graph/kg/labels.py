"""What people see for a term: its label (``rdfs:label``, else ``skos:prefLabel``), a CURIE, or a
number written as people write it.

The terms may be rdflib's or pyoxigraph's own (:func:`graph.sparql.engine.term_parts`), and the
labels are looked up with one query per 500 IRIs, written as ``VALUES`` of IRIs the engine itself
returned: ``carekg query`` shows labelled tables without importing rdflib.

Examples
--------
>>> import pyoxigraph as ox
>>> from graph.kg.load import load_kg
>>> label_of(load_kg(), ox.NamedNode("https://w3id.org/carekg/id/kings-fund"))
"King's Fund"
>>> label_of(load_kg(), ox.Literal("1500000000.0", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")))
'1,500,000,000'
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from graph.rdf.namespaces import PREFIX_IRIS, curie
from graph.sparql.engine import term_parts
from graph.sparql.syntax import IRI_UNSAFE

# Built-in terms that cannot carry labels in an OWL 2 DL ontology, but appear in facts.
BUILTIN_LABELS = {PREFIX_IRIS["rdf"] + "type": "is a"}
CHUNK = 500  # IRIs looked up by one query


def label_of(kg, term) -> str:
    """The human label of a term: rdfs:label, else skos:prefLabel, else a CURIE.

    Numbers read as people write them (display only): 1500000000.0 becomes 1,500,000,000.
    """
    if term is None:
        return ""
    kind, text, datatype, _ = term_parts(term)
    if kind == "uri":
        if text in BUILTIN_LABELS:
            return BUILTIN_LABELS[text]
        label = _known(kg).get(text) if text in _known(kg) else labels_of(kg, [term]).get(term)
        return label if label is not None else curie(text)
    if kind == "bnode":
        return f"_:{text}"
    if datatype is not None and datatype.endswith(("#decimal", "#integer")):
        try:
            value = Decimal(text)
            return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"
        except (InvalidOperation, TypeError, ValueError, OverflowError):
            return text
    return text


def _known(kg) -> dict:
    """IRI -> its label (or None), as looked up so far: kept on the graph, one lookup per IRI."""
    return kg.derive("labels", lambda kg: {})


def labels_of(kg, terms) -> dict:
    """Term -> its rdfs:label (else skos:prefLabel), as text, for the IRIs among ``terms`` that
    have one, each looked up once per graph (one query per :data:`CHUNK` new IRIs)."""
    known = _known(kg)
    iris = {t: term_parts(t)[1] for t in terms if t is not None and term_parts(t)[0] == "uri"}
    wanted = sorted({iri for iri in iris.values() if iri not in known and not IRI_UNSAFE.search(iri)})
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start:start + CHUNK]
        known.update(dict.fromkeys(chunk))
        text = ("SELECT ?s ?label ?pref WHERE { VALUES ?s { " + " ".join(f"<{iri}>" for iri in chunk) + " }"
                " OPTIONAL { ?s rdfs:label ?label } OPTIONAL { ?s skos:prefLabel ?pref } }")
        rows = kg.engine.values(text, origin="<labels>") if hasattr(kg.engine, "values") else \
            kg.engine.query(text, origin="<labels>").rows
        found = [(term_parts(s)[1], *(term_parts(x)[1] if x is not None else None for x in (label, pref)))
                 for s, label, pref in rows]
        for iri, label, pref in sorted(found, key=lambda r: (r[1] or "", r[2] or "")):
            if known.get(iri) is None:
                known[iri] = label if label is not None else pref
    return {t: known[iri] for t, iri in iris.items() if known.get(iri) is not None}


__all__ = ["BUILTIN_LABELS", "label_of", "labels_of"]
