"""Describe one entity: every sourced fact about it, and summary statistics of the graph.

``describe`` runs the named query ``facts-about`` (so the command line, the map's details
panel and a SPARQL user all see the same facts); ``stats`` counts things by class, property
and source article.

Examples
--------
>>> from graph.kg.load import load_kg
>>> from graph.rdf.namespaces import KG
>>> facts = describe(load_kg(), KG["kings-fund"])
>>> all(f.source and f.evidence for f in facts)
True
>>> all(0 <= f.start < f.end for f in facts)  # where each phrase stands in its article
True
>>> sorted(f.object for f in describe(load_kg(), KG["better-care-fund"]) if f.value)[0]
"£1.5bn: further funding promised by the chancellor in November's spending review"
>>> stats(load_kg())["sources"]["kg:article-000"] > 10
True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from graph.kg.load import KnowledgeGraph
from graph.kg.names import label_of, labels_of
from graph.rdf.dates import When
from graph.rdf.namespaces import curie
from graph.sparql.catalog import find_query
from graph.sparql.engine import term_parts, to_rdflib
from graph.text.money import money


@dataclass(frozen=True)
class Fact:
    """One sourced statement about an entity, in words and as IRIs.

    ``claim`` is the CURIE of the claim node that states it, or ``""`` when the claim is a blank
    node (a mention), which has no name that lasts beyond one load.
    ``date`` is the date at the precision written; ``earliest`` and ``latest`` the interval the
    text allows (no ``earliest`` for a past recalled without a date); ``date_text`` the words
    that give it; ``estimate`` whether the date is reasoned rather than stated; ``qualifiers``
    the claim's qualifiers in words ("former; recalled", "implicit", "only in their current
    form", "up to").  ``when`` puts the dating in one phrase.

    >>> f = Fact("Norman Lamb", "formerly held", "Health minister", None, "kg:article-000",
    ...          "A roundup", "a key policy of the former health minister", "kg:tenure-000-01",
    ...          latest="2015-12-31", date_text="the former health minister", qualifiers="former; recalled")
    >>> f.when
    'no later than 2015-12-31 (“the former health minister”)'
    """

    subject: str
    predicate: str
    object: str
    date: str | None
    source: str
    source_label: str
    evidence: str
    claim: str
    date_text: str | None = None
    earliest: str | None = None
    latest: str | None = None
    estimate: bool = False
    qualifiers: str = ""
    start: int | None = None  # where the evidence stands in the article text (code points,
    end: int | None = None    # end exclusive), from the claim's Web Annotation selector
    value: float | None = None  # an amount of money, exactly, and its currency
    currency: str | None = None

    @property
    def text(self) -> str:
        """The fact as a sentence-like line."""
        return f"{self.subject} {self.predicate} {self.object}"

    @property
    def when(self) -> str:
        """The date as written, the interval the text allows and the words, in one phrase."""
        return str(When(self.date, self.earliest, self.latest, self.date_text or "", self.estimate))

    def as_dict(self) -> dict:
        return asdict(self) | {"text": self.text, "when": self.when}


def describe(kg: KnowledgeGraph, entity) -> list[Fact]:
    """Every sourced fact about ``entity`` (an IRI already resolved, an rdflib or a pyoxigraph
    term), in article order."""
    return describe_many(kg, [entity])[entity]


def describe_many(kg: KnowledgeGraph, entities) -> dict:
    """Entity -> its facts, for many entities in one run of ``facts-about`` (for the map).

    The query's parameter is bound to all the entities at once (one ``VALUES`` row each), and
    ``?entity`` is added to the projection to tell the rows apart.  On the local store the rows
    are read as pyoxigraph's own terms (``carekg describe`` imports no rdflib); the entities may
    be either library's terms, and key the answer as given.
    """
    entities = list(dict.fromkeys(entities))
    out: dict = {e: [] for e in entities}
    if not entities:
        return out
    given = {term_parts(e)[1]: e for e in entities}
    query = find_query("facts-about", kg.paths)
    native = {"native": True} if hasattr(kg.engine, "values") else {}  # the local store
    answer = kg.engine.stream(query.text, {"entity": entities}, origin=query.path, project=("entity",), **native)
    rows = list(answer.rows)
    labels_of(kg, [t for row in rows for t in row])  # one lookup for every label shown
    for row in rows:
        r = dict(zip(answer.vars, row))
        amount = _text(r, "amountValue")
        value = float(amount) if amount is not None else None
        shown = (f"{money(value, str(_text(r, 'amountCurrency')), _text(r, 'amountApprox'))}: {_text(r, 'amountMeasure')}"
                 if value is not None else label_of(kg, r["object"]))
        start, end = _text(r, "start"), _text(r, "end")
        out[given[term_parts(r["entity"])[1]]].append(Fact(
            subject=label_of(kg, r["subject"]), predicate=label_of(kg, r["predicate"]),
            object=shown, date=_text(r, "date"), value=value, currency=_text(r, "amountCurrency"),
            source=_text(r, "source") or "", source_label=label_of(kg, r["source"]),
            evidence=_text(r, "evidence") or "",
            claim=curie(term_parts(r["claim"])[1]) if term_parts(r["claim"])[0] == "uri" else "",
            date_text=_text(r, "dateText"), earliest=_text(r, "earliest"), latest=_text(r, "latest"),
            estimate=_flag(r.get("estimate")), qualifiers=_text(r, "qualifiers") or "",
            start=int(start) if start is not None else None, end=int(end) if end is not None else None))
    return out


def _text(row: dict, name: str) -> str | None:
    """A term's value as text (an IRI, a literal's lexical form), whichever library made it."""
    return term_parts(row[name])[1] if row.get(name) is not None else None


def _flag(term) -> bool:
    """A boolean literal's value, read as rdflib reads it ("true" and "1" are true)."""
    if term is None:
        return False
    _, text, datatype, _ = term_parts(term)
    if datatype == "http://www.w3.org/2001/XMLSchema#boolean":
        return text.lower() in ("1", "true")
    return bool(to_rdflib(term).toPython()) if not hasattr(term, "toPython") else bool(term.toPython())


def stats(kg: KnowledgeGraph) -> dict:
    """Counts: curated things by class, curated triples by property, claims per source article.

    The curated counts are taken once, while the store is built, over the curated data alone
    (see :func:`graph.kg.load.curated_counts`); things that are claims (``rdfs:subClassOf*
    carekg:Claim``) are not counted as things.
    """
    curated, total = kg.counts["curated"], len(kg.engine)
    data, ontology = curated["triples"], kg.counts["ontology_triples"]
    return {
        "triples": {"data": data, "ontology": ontology, "derived": total - data - ontology, "total": total},
        "classes": curated["classes"],
        "properties": curated["properties"],
        "sources": curated["sources"],
        "entities": curated["entities"],
    }


__all__ = ["Fact", "describe", "describe_many", "stats"]
