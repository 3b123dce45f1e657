"""Names: the label of a term, and the term a person means by a name.

:func:`label_of` turns an IRI or literal into the words people read.  :class:`Names` goes the
other way, with one ranking shared by the command line, the notebooks and the map's search box
(the map gets this index as data and ranks with the same rules in ``map.js``):

1. ``iri``: the IRI itself, ``<IRI>`` or a CURIE such as ``kg:kings-fund``;
2. ``label``: a label exactly as written, so two labels that differ only in case never clash;
3. ``alias``: a ``skos:altLabel`` exactly as written, such as "Confed";
4. ``folded``: a label or alias ignoring case, accents, apostrophes and punctuation
   (:func:`graph.text.fuzzy.fold`), so "kings fund" and "King’s Fund" find "King's Fund";
5. ``the``: the same once a leading "the" is dropped from either name
   (:func:`graph.text.fuzzy.without_article`), so "The King's Fund" finds "King's Fund" as
   articles write it, while "better care fund" stays the fund, not "The Better Care Fund";
6. ``words``: every word typed starts a word of the name ("Lamb", "norm lamb"), best covered
   name first; a word never matches inside another word, so "DH" does not find "Oldham".  A
   text with a colon may also be the start of an IRI or CURIE ("kg:kings");
7. ``fuzzy``: a near spelling (:func:`graph.text.fuzzy.similarity` of at least
   :data:`graph.text.fuzzy.FUZZY`, the one cut-off of every "did you mean").

In the last two tiers too, a leading "the" of either name does not count.

Within a tier an instance (a curated thing) comes before an ontology class or concept with the
same name, so "Better Care Fund" is the fund, not the class.  :meth:`Names.resolve` accepts
only the first five tiers, and only when the best of them names one thing; otherwise it raises
an error that lists the ranked candidates with their types.

Examples
--------
>>> names = Names([Entry("ex:kf", "King's Fund", "Think tank", aliases=("KF",)),
...                Entry("ex:lamb", "Norman Lamb", "Person"),
...                Entry("ex:aud", "Audience members who questioned Norman Lamb", "Collective")])
>>> names.resolve("Kings Fund"), names.resolve("King\u2019s Fund"), names.resolve("KF"), names.resolve("The King's Fund")
('ex:kf', 'ex:kf', 'ex:kf', 'ex:kf')
>>> [(m.iri, m.how) for m in names.matches("Lamb")]
[('ex:lamb', 'words'), ('ex:aud', 'words')]
>>> names.resolve("Lamb")  # doctest: +ELLIPSIS
Traceback (most recent call last):
graph.errors.AmbiguousNameError: entity 'Lamb' is ambiguous; it could be: Norman Lamb (Person, ex:lamb); Audience ...
>>> names.resolve("Norman Lmb")
Traceback (most recent call last):
graph.errors.UnknownNameError: unknown entity 'Norman Lmb'; did you mean: Norman Lamb (Person, ex:lamb)?
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph.errors import AmbiguousNameError, ParameterError, UnknownNameError
from graph.kg import labels
from graph.kg.load import KnowledgeGraph, subject_iris
from graph.rdf.namespaces import PREFIX_IRIS, curie, expand_iri
from graph.rdf.paths import Paths
from graph.sparql.engine import OxigraphEngine, term_parts
from graph.text.fuzzy import APOSTROPHES, FUZZY, fold, similarity, without_article

if TYPE_CHECKING:  # rdflib is imported only where it is used: `carekg describe` needs none of it
    from rdflib import Graph, URIRef

TIERS = ("iri", "label", "alias", "folded", "the", "words", "fuzzy")
RESOLVING = ("iri", "label", "alias", "folded", "the")  # tiers that may name a thing without asking
MAX_NAME = 500  # characters: the longest label in the curated data is a headline of some 120

BUILTIN_LABELS = labels.BUILTIN_LABELS


def label_of(kg: KnowledgeGraph, term) -> str:
    """The human label of a term (:func:`graph.kg.labels.label_of`): rdfs:label, else
    skos:prefLabel, else a CURIE; numbers as people write them.

    >>> from rdflib import Literal
    >>> from rdflib.namespace import XSD
    >>> from graph.kg.load import load_kg
    >>> from graph.rdf.namespaces import KG
    >>> label_of(load_kg(), KG["kings-fund"]), label_of(load_kg(), Literal("1500000000.0", datatype=XSD.decimal))
    ("King's Fund", '1,500,000,000')
    """
    return labels.label_of(kg, term)


@dataclass(frozen=True)
class Entry:
    """A nameable thing: its IRI, preferred label, type label, aliases, and whether it is an
    instance (a curated thing) rather than an ontology class or concept."""

    iri: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    instance: bool = True


@dataclass(frozen=True)
class Match:
    """One candidate for a name: the entry, how it matched, and its rank (lower is better)."""

    entry: Entry
    how: str
    rank: tuple = field(compare=False)

    @property
    def iri(self) -> str:
        return self.entry.iri

    def describe(self) -> str:
        """``Label (Type, curie)``, as errors list candidates."""
        iri = self.entry.iri
        return f"{self.entry.label} ({self.entry.type}, {curie(iri) if '://' in iri else iri})"


class Names:
    """A ranked index of names over :class:`Entry` items (see the module docstring)."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries = sorted({e.iri: e for e in entries}.values(), key=lambda e: e.iri)
        self._keys = [(e, [(e.label, "label")] + [(a, "alias") for a in e.aliases]) for e in self.entries]

    def matches(self, text: str, limit: int = 10) -> list[Match]:
        """Every entry the name could mean, best first (at most ``limit``; one per thing)."""
        text = checked_name(text).strip()
        if text.startswith("<") and text.endswith(">"):
            text = text[1:-1]
        query = fold(text)
        words = without_article(query).split()
        iri = expand_iri(text) or text
        best: dict[str, Match] = {}
        for entry, keys in self._keys:
            for name, kind in keys:
                found = self._match(entry, name, kind, text, iri, query, words)
                if found and (entry.iri not in best or found.rank < best[entry.iri].rank):
                    best[entry.iri] = found
            if ":" in text and entry.iri not in best:  # a mistyped or partial IRI or CURIE
                found = self._iri_match(entry, text)
                if found:
                    best[entry.iri] = found
        return sorted(best.values(), key=lambda m: m.rank)[:limit]

    @staticmethod
    def _iri_match(entry, text) -> Match | None:
        short = curie(entry.iri) if "://" in entry.iri else entry.iri
        score = max(similarity(text, short, FUZZY), similarity(text, entry.iri, FUZZY))
        how = "words" if short.startswith(text) or entry.iri.startswith(text) else "fuzzy" if score >= FUZZY else None
        if how is None:
            return None
        score = len(text) / len(short) if how == "words" else score
        return Match(entry, how, (TIERS.index(how), not entry.instance, -round(score, 6), len(short), entry.label, entry.iri))

    @staticmethod
    def _match(entry, name, kind, text, iri, query, words) -> Match | None:
        def match(how, score=1.0):
            rank = (TIERS.index(how), not entry.instance, -round(score, 6), len(entry.label), entry.label, entry.iri)
            return Match(entry, how, rank)

        if iri == entry.iri:
            return match("iri")
        if text == name:
            return match(kind)
        key = fold(name)
        if not query or not key:
            return None
        if query == key:
            return match("folded")
        core, key = without_article(query), without_article(key)  # "The King's Fund" is "King's Fund"
        if core == key:
            return match("the")
        tokens = key.split()
        if all(any(t.startswith(w) for t in tokens) for w in words):
            return match("words", len(words) / len(tokens))
        score = similarity(core, key, FUZZY)
        return match("fuzzy", score) if score >= FUZZY else None

    def resolve(self, text: str, kind: str = "entity") -> str:
        """The IRI that ``text`` names, or an error listing the ranked candidates.

        Raises
        ------
        AmbiguousNameError
            When the best match names more than one thing, or the words typed start the
            names of several things and name none in full.
        UnknownNameError
            When nothing is named so; near names, if any, are suggested.
        """
        found = self.matches(text)
        top = found[0] if found else None
        tied = [m for m in found if top and m.how == top.how and m.entry.instance == top.entry.instance]
        if top and top.how in RESOLVING and len(tied) == 1:
            return top.iri
        if top and (top.how in RESOLVING or (top.how == "words" and len(tied) > 1)):
            raise AmbiguousNameError(kind, text, [m.describe() for m in found])
        raise UnknownNameError(kind, text, [m.describe() for m in found[:5]])

    def as_json(self) -> list[list]:
        """The index for the map: ``[iri, label, type, aliases, instance]`` per entry."""
        return [[e.iri, e.label, e.type, list(e.aliases), e.instance] for e in self.entries]


def labels_of(kg: KnowledgeGraph, terms) -> dict:
    """Term -> its label text for the IRIs among ``terms`` that have one, in one query
    (:func:`graph.kg.labels.labels_of`); each IRI is looked up once per graph."""
    return labels.labels_of(kg, terms)


_OWL = PREFIX_IRIS["owl"]
KINDS_OF_TERM = {_OWL + "Class": "class", _OWL + "ObjectProperty": "property", _OWL + "DatatypeProperty": "property",
                 _OWL + "AnnotationProperty": "property"}  # by IRI


def _texts(kg: KnowledgeGraph, text: str) -> list[tuple]:
    """The rows of a SELECT as text: an IRI as itself, a blank node as ``_:id``, a literal as its
    value (``None`` for unbound), read from pyoxigraph's own terms where the engine gives them."""
    rows = kg.engine.values(text, origin="<names>") if hasattr(kg.engine, "values") else \
        kg.engine.query(text, origin="<names>").rows
    return [tuple(None if t is None else _text(*term_parts(t)[:2]) for t in row) for row in rows]


def _text(kind: str, text: str) -> str:
    return "_:" + text if kind == "bnode" else text


def _index(kg: KnowledgeGraph) -> Names:
    labels: dict = {}  # every named IRI -> its aliases (skos:altLabel)
    for node, alt in _texts(kg, "SELECT DISTINCT ?node ?alt WHERE { ?node rdfs:label|skos:prefLabel|skos:altLabel ?any"
                                " FILTER(isIRI(?node)) OPTIONAL { ?node skos:altLabel ?alt } }"):
        labels.setdefault(node, set()).update([alt] if alt is not None else [])
    preferred: dict = {}
    for node, label in _texts(kg, "SELECT ?node ?label WHERE { ?node rdfs:label ?label }"):
        if node in labels and (node not in preferred or label < preferred[node]):
            preferred[node] = label
    for node, pref in _texts(kg, "SELECT ?node ?pref WHERE { ?node skos:prefLabel ?pref FILTER NOT EXISTS { ?node rdfs:label ?l } }"):
        if node in labels and (node not in preferred or pref < preferred[node]):
            preferred[node] = pref
    types: dict = {}  # node -> (depth, label) of its deepest labelled class
    for node, tlabel, depth in _texts(kg, "SELECT ?node ?tlabel (COUNT(?super) AS ?depth) WHERE { ?node a ?t . ?t rdfs:label ?tlabel ."
                                          " ?t rdfs:subClassOf* ?super } GROUP BY ?node ?t ?tlabel"):
        key = (-int(depth), tlabel)
        if node not in types or key < types[node]:
            types[node] = key
    kinds: dict = {}
    typed = set()
    for node, t in _texts(kg, "SELECT ?node ?t WHERE { ?node a ?t }"):
        typed.add(node)
        if t in KINDS_OF_TERM and kinds.get(node) != "class":
            kinds[node] = KINDS_OF_TERM[t]
    in_ontology = kg.derive("ontology_subject_iris", lambda kg: set(subject_iris([kg.paths.ontology])))
    entries = []
    for node, aliases in labels.items():
        label = preferred.get(node) or min(aliases)
        type_label = types[node][1] if node in types else kinds.get(node, "term")
        instance = node in typed and node not in in_ontology
        entries.append(Entry(node, label, type_label, tuple(sorted(aliases - {label})), instance))
    return Names(entries)


def names_of(kg: KnowledgeGraph) -> Names:
    """The names index of a loaded graph (built once per graph)."""
    return kg.derive("names", _index)


def instance_names(graph: Graph, paths: Paths | None = None) -> list[Entry]:
    """The entries :func:`names_of` gives the things of ``graph``, a dataset held in memory (a
    coding sheet's, before it is built), typed by the ontology of ``paths``: the subjects of
    ``graph`` that have a name, each an instance.

    >>> from rdflib import RDF, RDFS, Graph, Literal
    >>> from graph.rdf.namespaces import CAREKG, KG
    >>> g = Graph()
    >>> g.add((KG.kf, RDF.type, CAREKG.ThinkTank)); g.add((KG.kf, RDFS.label, Literal("King's Fund")))  # doctest: +ELLIPSIS
    <Graph ...
    >>> instance_names(g)
    [Entry(iri='https://w3id.org/carekg/id/kf', label="King's Fund", type='Think tank', aliases=(), instance=True)]
    """
    from rdflib import URIRef

    from graph.rdf.namespaces import PREFIXES

    paths = paths or Paths()
    engine = OxigraphEngine.memory(PREFIXES)
    engine.add_triples(graph)
    engine.load_file(paths.ontology)
    subjects = {str(s) for s in graph.subjects() if isinstance(s, URIRef)}
    return [replace(e, instance=True) for e in _index(KnowledgeGraph(engine, paths)).entries if e.iri in subjects]


def checked_name(text) -> str:
    """``text``, a name or IRI someone typed, unless it is longer than any name is
    (:data:`MAX_NAME`): matching a 100,000-character "name" against every label would take
    minutes, so it is refused at once with a :class:`ParameterError`.

    >>> checked_name("x" * 600)
    Traceback (most recent call last):
    graph.errors.ParameterError: a name of 600 characters: names and IRIs are at most 500; give a shorter part of the name
    """
    text = str(text)
    if len(text) > MAX_NAME:
        raise ParameterError(f"a name of {len(text):,} characters: names and IRIs are at most {MAX_NAME}; "
                             "give a shorter part of the name")
    return text


def resolve_entity(kg: KnowledgeGraph, value: str) -> URIRef:
    """Turn a full IRI, ``<IRI>``, ``kg:slug``, a name (see :class:`Names`) or a bare slug into
    an IRI (an rdflib term; :func:`resolve_iri` gives its text without rdflib).  A name comes
    before a bare slug: "acme" is the thing labelled "acme" even when another thing's IRI is
    ``kg:acme``.

    Examples
    --------
    >>> from graph.kg.load import load_kg
    >>> str(resolve_entity(load_kg(), "Kings Fund"))
    'https://w3id.org/carekg/id/kings-fund'
    >>> str(resolve_entity(load_kg(), "Better Care Fund"))
    'https://w3id.org/carekg/id/better-care-fund'
    """
    from rdflib import URIRef

    return URIRef(resolve_iri(kg, value))


def resolve_iri(kg: KnowledgeGraph, value: str) -> str:
    """:func:`resolve_entity`, the IRI as text: names are resolved and IRIs checked on the store
    with pyoxigraph's terms only, so ``carekg describe`` imports no rdflib.

    >>> from graph.kg.load import load_kg
    >>> resolve_iri(load_kg(), "Kings Fund"), resolve_iri(load_kg(), "kings-fund")
    ('https://w3id.org/carekg/id/kings-fund', 'https://w3id.org/carekg/id/kings-fund')
    """
    text = checked_name(value).strip()
    bare = text[1:-1] if text.startswith("<") and text.endswith(">") else text
    iri = bare if bare.startswith(("http://", "https://")) else expand_iri(bare) if ":" in bare else None
    if iri is not None and _known(kg, iri):
        return iri
    try:
        return names_of(kg).resolve(text)
    except (AmbiguousNameError, UnknownNameError):
        slug = expand_iri("kg:" + bare) if re.fullmatch(r"[\w.-]+", bare) else None
        if slug is not None and _known(kg, slug):  # a bare slug, where no name says otherwise
            return slug
        raise


def _known(kg: KnowledgeGraph, iri: str) -> bool:
    try:
        term = ox.NamedNode(iri)
    except ValueError:
        raise ParameterError(f"cannot bind {iri!r}: not a valid IRI") from None
    return bool(kg.engine.query("ASK { { ?x ?p ?o } UNION { ?s ?p ?x } }", {"x": term}, origin="<entity>").boolean)


__all__ = ["Entry", "Match", "Names", "fold", "similarity", "label_of", "labels_of", "names_of", "instance_names",
           "resolve_entity", "resolve_iri",
           "BUILTIN_LABELS", "FUZZY", "TIERS", "APOSTROPHES"]
