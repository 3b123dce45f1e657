"""The SPARQL engine every query runs on: Oxigraph (pyoxigraph), embedded.

One small interface, so the rest of carekg never touches an engine directly::

    engine.query(text, bindings, origin=...)  -> Result (rows of rdflib terms, a boolean or a graph)
    engine.stream(text, bindings, origin=...) -> Stream (the same, rows produced lazily)

Rows hold rdflib terms (``URIRef``, ``BNode``, ``Literal`` or ``None`` for unbound), which the
formats, views and exports already consume.  Parameters are bound portably by inserting
``VALUES`` (see :mod:`graph.sparql.syntax`), so a remote SPARQL 1.1 endpoint can implement the
same two methods and run every query unchanged.

Two requests are refused before anything runs: SPARQL Update (carekg only reads), and
``SERVICE`` (it sends data over the network) unless the caller passes ``allow_service=True``,
which only ``carekg query --allow-service`` does.  The embedded store also refuses ``FROM``,
``FROM NAMED`` and ``GRAPH``: it holds one default graph, so they could only return nothing.

Examples
--------
>>> engine = OxigraphEngine.memory({"ex": "http://example.org/"})
>>> engine.load_text("@prefix ex: <http://example.org/> . ex:a ex:knows ex:b .", "inline.ttl")
>>> from rdflib import URIRef
>>> engine.query("SELECT ?o WHERE { ?s ex:knows ?o }", {"s": URIRef("http://example.org/a")}).rows
[(rdflib.term.URIRef('http://example.org/b'),)]
>>> engine.query("ASK { ex:b ex:knows ?x }").boolean
False
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

import pyoxigraph as ox

if TYPE_CHECKING:
    from rdflib import Graph

from graph.errors import CareKGError, ParseError, QueryError
from graph.sparql.syntax import as_insert, bind_values, dataset_keyword, declare_prefixes, update_keyword, uses_service

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass
class Result:
    """What a query returned: variables and rows of RDF terms, a boolean, or a graph."""

    vars: list
    rows: list
    boolean: bool | None = None
    graph: Graph | None = None


@dataclass
class Stream:
    """A query's answer produced lazily: ``kind`` is ``select``, ``ask`` or ``graph``.

    ``rows`` yields tuples of rdflib terms (select) or rdflib triples (graph).
    """

    kind: str
    vars: list = field(default_factory=list)
    rows: Iterator = iter(())
    boolean: bool | None = None


class Engine(Protocol):
    """What carekg needs from a SPARQL engine (embedded or, later, a remote endpoint)."""

    def stream(self, text: str, bindings: dict | None = None, *, origin: str = "<query>",
               allow_service: bool = False, project: tuple = ()) -> Stream: ...

    def query(self, text: str, bindings: dict | None = None, *, origin: str = "<query>",
              allow_service: bool = False, project: tuple = ()) -> Result: ...


def check_allowed(text: str, origin: str, allow_service: bool = False) -> None:
    """Refuse SPARQL Update always, and ``SERVICE`` unless ``allow_service``.

    >>> check_allowed("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "q.rq")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: q.rq: SERVICE is not allowed here: it would send data to another server (carekg query --allow-service permits it)
    """
    keyword = update_keyword(text)
    if keyword:
        raise QueryError(f"{origin}: SPARQL Update ({keyword}) is not allowed: carekg only reads the graph")
    if not allow_service and uses_service(text):
        raise QueryError(f"{origin}: SERVICE is not allowed here: it would send data to another server"
                         " (carekg query --allow-service permits it)")


def check_one_graph(text: str, origin: str) -> None:
    """Refuse ``FROM``, ``FROM NAMED`` and ``GRAPH``: everything is in the store's default graph,
    so a query that names graphs would silently come back empty.

    >>> check_one_graph("SELECT * { GRAPH ?g { ?s ?p ?o } }", "<-e>")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: <-e>: GRAPH names a graph, but carekg's graph has only the default graph: drop the GRAPH clause
    """
    keyword = dataset_keyword(text)
    if keyword:
        raise QueryError(f"{origin}: {keyword} names a graph, but carekg's graph has only the default graph: "
                         f"drop the {keyword} clause")


class OxigraphEngine:
    """pyoxigraph's ``Store``, in memory or on disk, behind the :class:`Engine` interface.

    Parameters
    ----------
    store : pyoxigraph.Store
        The store; everything is in its default graph, so the same queries run on an Oxigraph
        server started on the same directory.
    prefixes : dict
        Prefix -> namespace IRI, declared for every query (a query's own PREFIX wins).
    location : Path, optional
        The store's directory when it is on disk.
    """

    def __init__(self, store: ox.Store, prefixes: dict | None = None, location: Path | None = None):
        self.store = store
        self.prefixes = {k: str(v) for k, v in (prefixes or {}).items()}
        self.location = location

    @classmethod
    def memory(cls, prefixes: dict | None = None) -> OxigraphEngine:
        """A new, empty in-memory store."""
        return cls(ox.Store(), prefixes)

    @classmethod
    def open(cls, location: Path | str, prefixes: dict | None = None, read_only: bool = True) -> OxigraphEngine:
        """An on-disk store; read-only unless asked (several readers may share it)."""
        location = Path(location)
        try:
            store = ox.Store.read_only(str(location)) if read_only else ox.Store(str(location))
        except OSError as exc:
            raise QueryError(f"cannot open the store {location}: {exc}") from None
        return cls(store, prefixes, location)

    def __len__(self) -> int:
        return len(self.store)

    # --- loading ------------------------------------------------------------------------------

    def load_file(self, path: Path | str) -> None:
        """Add a Turtle file; a syntax error becomes a :class:`ParseError` naming file and line."""
        path = Path(path)
        if not path.exists():
            raise ParseError(str(path), "file not found")
        if not path.is_file():
            raise ParseError(str(path), "not a regular file")
        try:
            self.store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
        except SyntaxError as exc:
            raise turtle_error(str(path), exc) from None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ParseError(str(path), f"cannot read: {exc}") from None

    def load_text(self, text: str, origin: str) -> None:
        """Add Turtle given as text (``origin`` names it in errors)."""
        try:
            self.store.bulk_load(input=text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
        except SyntaxError as exc:
            raise turtle_error(origin, exc) from None

    def add_triples(self, triples) -> int:
        """Add rdflib triples; return how many were new.  A blank node keeps its identity: one
        read from a query result names the same node here (text loaded with :meth:`load_text`
        would get fresh ones)."""
        before = len(self.store)
        self.store.extend([ox.Quad(from_rdflib(s), from_rdflib(p), from_rdflib(o)) for s, p, o in triples])
        return len(self.store) - before

    def add_construct(self, text: str, *, origin: str) -> int:
        """Run a CONSTRUCT and add its triples to the store; return how many were new.

        It runs inside the store as the equivalent ``INSERT { … } WHERE { … }``, so no triple
        is turned into Python objects: a third of the build's time at 100k triples (benchmarks).
        Should that text not parse, the rule runs as written (``CONSTRUCT WHERE { … }`` has no
        INSERT twin), so a syntax error names the rule's own line and column.
        """
        check_allowed(text, origin)
        try:
            update = declare_prefixes(as_insert(text), self.prefixes)
        except CareKGError as exc:
            raise QueryError(f"{origin}: {exc}") from None
        before = len(self.store)
        try:
            try:
                self.store.update(update)
            except SyntaxError:  # the rule as written: its own line and column, or the short form
                triples = list(cast(ox.QueryTriples, self.store.query(text, prefixes=self.prefixes)))
                self.store.extend([ox.Quad(t.subject, t.predicate, t.object) for t in triples])
        except SyntaxError as exc:
            raise sparql_error(origin, exc) from None
        except (OSError, RuntimeError) as exc:
            raise QueryError(f"{origin}: rule failed: {exc}") from None
        return len(self.store) - before

    def dump(self, fmt: str = "nt", prefixes: dict | None = None, output: Path | None = None) -> bytes:
        """The whole graph as ``nt``, ``ttl`` or ``jsonld`` bytes, or written straight into the
        file ``output`` (then ``b""``: a million triples' serialisation never held in memory)."""
        formats = {"nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD}
        return self.store.dump(str(output) if output is not None else None, format=formats[fmt], from_graph=ox.DefaultGraph(),
                               prefixes={k: str(v) for k, v in (prefixes or {}).items()} or None) or b""

    def to_rdflib(self):
        """The whole graph as an rdflib ``Graph`` (for pyshacl, owlready2 and API users)."""
        from rdflib import Graph

        graph = Graph()
        graph.parse(data=self.dump("nt"), format="nt")
        return graph

    # --- querying -----------------------------------------------------------------------------

    def stream(self, text: str, bindings: dict | None = None, *, origin: str = "<query>",
               allow_service: bool = False, project: tuple = (), native: bool = False) -> Stream:
        """Run a query and return its answer lazily (rows converted as they are read).

        With ``native`` the rows hold pyoxigraph's own terms, unconverted: for the callers that
        only read values (anchoring, the evidence check, ``carekg query``), which then need no
        rdflib term at all.
        """
        check_allowed(text, origin, allow_service)
        check_one_graph(text, origin)
        if bindings:
            text = bind_values(text, bindings, project)
        try:
            answer = self.store.query(text, prefixes=self.prefixes)
        except SyntaxError as exc:
            raise sparql_error(origin, exc) from None
        except (OSError, RuntimeError) as exc:
            raise QueryError(f"{origin}: query failed: {exc}") from None
        if isinstance(answer, ox.QueryBoolean):
            return Stream("ask", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            if native:
                return Stream("select", names, _guarded(origin, (tuple(s[i] for i in range(len(names))) for s in answer)))
            return Stream("select", names, _guarded(origin, (tuple(map(to_rdflib, s)) for s in answer)))
        if native:
            return Stream("graph", rows=_guarded(origin, ((t.subject, t.predicate, t.object) for t in answer)))
        return Stream("graph", rows=_guarded(origin, ((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object))
                                                      for t in answer)))

    def query(self, text: str, bindings: dict | None = None, *, origin: str = "<query>",
              allow_service: bool = False, project: tuple = ()) -> Result:
        """Run a query and collect its answer in a :class:`Result`."""
        answer = self.stream(text, bindings, origin=origin, allow_service=allow_service, project=project)
        return collect(answer)

    def values(self, text: str, *, origin: str = "<query>") -> list[tuple]:
        """The rows of a SELECT as tuples of pyoxigraph terms (``None`` for unbound), unconverted."""
        return list(self.stream(text, origin=origin, native=True).rows)


def collect(answer: Stream) -> Result:
    """Read a :class:`Stream` to the end."""
    if answer.kind == "ask":
        return Result(vars=[], rows=[], boolean=answer.boolean)
    if answer.kind == "graph":
        from rdflib import Graph

        graph = Graph()
        for triple in answer.rows:
            graph.add(triple)
        return Result(vars=[], rows=[], graph=graph)
    return Result(vars=list(answer.vars), rows=list(answer.rows))


def _guarded(origin: str, rows):
    # Oxigraph evaluates lazily, so an evaluation error can surface while rows are read.
    try:
        yield from rows
    except (OSError, RuntimeError) as exc:
        raise QueryError(f"{origin}: query failed: {exc}") from None


_IRIS: dict = {}


def to_rdflib(term):
    """An rdflib term for a pyoxigraph term (``None`` stays ``None``).

    ``xsd:string`` literals become plain literals, as rdflib writes them.

    >>> to_rdflib(ox.Literal("14", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")))
    rdflib.term.Literal('14', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    """
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        value = term.value
        iri = _IRIS.get(value)
        if iri is None:
            if len(_IRIS) > 100_000:
                _IRIS.clear()
            iri = _IRIS[value] = URIRef(value)
        return iri
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (XSD_STRING, RDF_LANGSTRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise QueryError(f"unsupported RDF term in a result: {term!r}")


def term_parts(term) -> tuple[str, str, str | None, str | None]:
    """What a result term is, whichever library made it: ``(kind, text, datatype, language)``,
    kind ``uri``, ``bnode`` or ``literal``; a plain string has no datatype, as in
    :func:`to_rdflib`.  The formats and labels read terms through it, so ``carekg query`` can
    print pyoxigraph's own terms without converting them (or importing rdflib).

    >>> term_parts(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    ('literal', '3', 'http://www.w3.org/2001/XMLSchema#integer', None)
    >>> from rdflib import Literal
    >>> term_parts(Literal("x", lang="en")), term_parts(ox.BlankNode("b1"))
    (('literal', 'x', None, 'en'), ('bnode', 'b1', None, None))
    """
    if isinstance(term, ox.NamedNode):
        return "uri", term.value, None, None
    if isinstance(term, ox.Literal):
        if term.language:
            return "literal", term.value, None, term.language
        datatype = term.datatype.value
        return "literal", term.value, None if datatype in (XSD_STRING, RDF_LANGSTRING) else datatype, None
    if isinstance(term, ox.BlankNode):
        return "bnode", term.value, None, None
    from rdflib import BNode, Literal  # an rdflib term: rdflib is loaded already

    if isinstance(term, Literal):
        return "literal", str(term), str(term.datatype) if term.datatype is not None else None, term.language
    return ("bnode" if isinstance(term, BNode) else "uri"), str(term), None, None


def from_rdflib(term):
    """The pyoxigraph term for an rdflib term (the inverse of :func:`to_rdflib`).

    >>> from rdflib import BNode, Literal
    >>> from_rdflib(BNode("b1")), from_rdflib(Literal("x", lang="en"))
    (<BlankNode value=b1>, <Literal value=x language=en>)
    """
    from rdflib import BNode, Literal

    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    return ox.NamedNode(str(term))


def _position(message: str):
    """Line, column and the reason, from Oxigraph's "error at 3:2: ...", "at line 3 column 2:
    ...", or "at line 3 between columns 1 and 33: ... (file, line 3)"; long lists of what the
    parser expected are cut short.

    >>> _position("Parser error at line 5 between columns 1 and 33: Invalid IRI code point ' ' (a.ttl, line 5)")
    (5, 1, "Invalid IRI code point ' '")
    """
    found = re.search(r"(?:error at |line )(\d+)(?::| column | between columns )(\d+)(?: and \d+)?:?\s*(.*)", message, re.S)
    if not found:
        return None, None, _short(message)
    detail = re.sub(r"\s*\([^()]*, line \d+\)$", "", found.group(3).strip()) or message
    return int(found.group(1)), int(found.group(2)), _short(detail)


def _short(detail: str, most: int = 8) -> str:
    """One line; an "expected one of" list of more than ``most`` items ends in "...".

    >>> _short('expected one of "a", "b", "c"', most=2)
    'expected one of "a", "b", ...'
    """
    detail = " ".join(detail.split())
    head, sep, items = detail.partition("expected one of ")
    parts = items.split(", ")
    if sep and len(parts) > most:
        return f"{head}{sep}{', '.join(parts[:most])}, ..."
    return detail


def sparql_error(origin: str, exc: SyntaxError) -> ParseError:
    """A :class:`ParseError` with the line and column Oxigraph gives."""
    line, column, detail = _position(str(exc))
    return ParseError(origin, f"SPARQL syntax error: {detail}", line=line, column=column)


def turtle_error(origin: str, exc: SyntaxError) -> ParseError:
    """A :class:`ParseError` naming the file and line of a Turtle syntax error."""
    line, column, detail = _position(str(exc))
    return ParseError(origin, f"Turtle syntax error: {detail}", line=line, column=column)


__all__ = ["Engine", "OxigraphEngine", "Result", "Stream", "check_allowed", "collect", "to_rdflib", "term_parts"]
