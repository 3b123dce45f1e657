"""Any SPARQL 1.1 endpoint behind the engine interface, and uploads with the Graph Store Protocol.

:class:`EndpointEngine` implements the two methods of :class:`graph.sparql.engine.Engine` over HTTP
(the SPARQL 1.1 Protocol: a form-encoded ``POST`` to the query endpoint, answers as SPARQL
JSON results or N-Triples), so every command that reads the graph runs unchanged on an Oxigraph
server, Virtuoso or any other SPARQL 1.1 server.  Parameters are bound by the same ``VALUES``
insertion as on the embedded engine (:mod:`graph.sparql.syntax`), and the project's prefixes are
declared in the text (a query's own ``PREFIX`` wins).  Only the standard library speaks HTTP.

:func:`push` uploads a graph file with the Graph Store HTTP Protocol: ``PUT`` replaces the
default graph (``?default``) or a named graph (``?graph=IRI``).

Nothing here runs unless the user names an endpoint (``--endpoint URL`` or ``carekg push``).
Every call goes through :func:`graph.sparql.http.fetch`: a total time limit and a size limit
(``--timeout`` and ``--max-memory``, as for a local query), redirects only to the same server,
no credentials in messages.  The answer is data: SPARQL JSON is read strictly (any other shape
is one :class:`QueryError` line), rows past ``--max-rows`` stop the command, an answer with
other variables than the query selects is refused, and a JSON-LD answer may name no context
outside itself (rdflib would fetch it, from any host or a ``file:`` path).  Every failure a user
can cause is one :class:`EndpointError` or :class:`QueryError` line.

Examples
--------
>>> store_url("http://127.0.0.1:7878/store", None)
'http://127.0.0.1:7878/store?default'
>>> store_url("http://127.0.0.1:7878/store", "https://w3id.org/carekg/graph")
'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fcarekg%2Fgraph'
"""

from __future__ import annotations

import json
import re
import urllib.parse
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

from graph.errors import EndpointError, ParameterError, QueryError, QueryStopped
from graph.sparql.engine import RDF_LANGSTRING, XSD_STRING, Result, Stream, check_allowed, collect
from graph.sparql.http import fetch, shown
from graph.sparql.limits import DEFAULT_MAX_MEMORY, DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, limited
from graph.sparql.syntax import QUERY_FORMS, bind_values, declare_prefixes, projected, tokens

TIMEOUT = DEFAULT_TIMEOUT  # seconds a call may take, by default
ANSWER_SHARE = 8  # reading an answer takes some eight times its size (SPARQL JSON to terms, measured)
ACCEPT = {"select": "application/sparql-results+json", "ask": "application/sparql-results+json",
          "graph": "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8, application/rdf+xml;q=0.5"}
LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")  # BCP 47, as RDF literals take it
RDF_TYPES = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle",
             "application/rdf+xml": "xml", "application/ld+json": "json-ld"}


def check_url(url: str) -> str:
    """An ``http(s)://`` URL with a host, else a :class:`ParameterError`.

    >>> check_url("localhost:7878/query")
    Traceback (most recent call last):
    ...
    graph.errors.ParameterError: endpoint 'localhost:7878/query' is not an http:// or https:// URL
    """
    parts = urllib.parse.urlsplit(url)
    try:
        _ = parts.port
    except ValueError:
        raise ParameterError(f"endpoint {shown(url)!r} has a port that is no number") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ParameterError(f"endpoint {shown(url)!r} is not an http:// or https:// URL")
    return url


def answer_bytes(max_memory: int) -> int:
    """The longest answer a command reads under ``--max-memory MB`` (0: no limit).

    >>> answer_bytes(2048) // 2**20
    256
    """
    return max_memory * 2**20 // ANSWER_SHARE


def query_form(text: str) -> str:
    """``select``, ``ask`` or ``graph`` (CONSTRUCT and DESCRIBE), from the query's first keyword.

    >>> query_form("PREFIX a: <x:> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'graph'
    """
    for t in tokens(text):
        if t.keyword in QUERY_FORMS:
            return {"SELECT": "select", "ASK": "ask"}.get(t.keyword, "graph")
    raise QueryError("not a SPARQL query: no SELECT, CONSTRUCT, DESCRIBE or ASK")


def from_json(term: dict | None):
    """An rdflib term for one binding of a SPARQL JSON result (``None`` for unbound).

    ``typed-literal`` (an older form some servers still send) is read as ``literal``.  Anything
    else (a binding that is no object, a value that is no string, a malformed language tag) is a
    :class:`QueryError`.

    >>> from_json({"type": "literal", "value": "14", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"})
    rdflib.term.Literal('14', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    >>> from_json({"type": "literal", "value": "x", "datatype": "http://www.w3.org/2001/XMLSchema#string"})
    rdflib.term.Literal('x')
    >>> from_json({"type": "literal", "value": "x", "xml:lang": "en gb"})
    Traceback (most recent call last):
    graph.errors.QueryError: a SPARQL JSON term has a malformed language tag: 'en gb'
    """
    if term is None:
        return None
    if not isinstance(term, dict) or not isinstance(term.get("value", ""), str):
        raise QueryError(f"a SPARQL JSON binding is not a term object: {_short(term)}")
    kind, value = term.get("type"), term.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        lang, datatype = term.get("xml:lang"), term.get("datatype")
        if lang:
            if not isinstance(lang, str) or not LANGUAGE_TAG.fullmatch(lang):
                raise QueryError(f"a SPARQL JSON term has a malformed language tag: {_short(lang)}")
            return Literal(value, lang=lang)
        if datatype is None or datatype in (XSD_STRING, RDF_LANGSTRING):
            return Literal(value)
        if not isinstance(datatype, str):
            raise QueryError(f"a SPARQL JSON term has a datatype that is no IRI: {_short(datatype)}")
        return Literal(value, datatype=URIRef(datatype))
    raise QueryError(f"unsupported term in a SPARQL JSON result: {_short(term)}")


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def select_rows(answer, wanted: list[str] | None = None) -> tuple[list[str], list[tuple]]:
    """The variables and rows of a SPARQL JSON SELECT answer, read strictly: an object with
    ``head.vars`` (strings) and ``results.bindings`` (objects of terms); with ``wanted`` (the
    variables the query selects) the answer must have exactly those, and the rows come in
    their order.  Anything else is one :class:`QueryError`.

    >>> select_rows({"head": {"vars": ["b", "a"]}, "results": {"bindings": [{"a": {"type": "uri", "value": "x:1"}}]}}, ["a", "b"])
    (['a', 'b'], [(rdflib.term.URIRef('x:1'), None)])
    >>> select_rows({"head": {"vars": ["c"]}, "results": {"bindings": []}}, ["a", "b"])
    Traceback (most recent call last):
    graph.errors.QueryError: the endpoint answered with the variables ?c, not the ?a ?b the query selects
    """
    head = answer.get("head") if isinstance(answer, dict) else None
    names = head.get("vars") if isinstance(head, dict) else None
    results = answer.get("results") if isinstance(answer, dict) else None
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names) or not isinstance(bindings, list):
        raise QueryError("the endpoint's answer is not SPARQL JSON results (no head.vars list of names, "
                         "or no results.bindings list)")
    if wanted and sorted(names) != sorted(wanted):
        raise QueryError(f"the endpoint answered with the variables {' '.join('?' + n for n in names) or 'none'}, "
                         f"not the {' '.join('?' + n for n in wanted)} the query selects")
    order = list(wanted) if wanted else list(names)
    rows = []
    for b in bindings:
        if not isinstance(b, dict):
            raise QueryError(f"a SPARQL JSON result row is not an object: {_short(b)}")
        rows.append(tuple(from_json(b.get(v)) for v in order))
    return order, rows


def no_remote_contexts(document) -> None:
    """Refuse a JSON-LD document that names any context outside itself: a string ``@context``
    (or one in a list) or an ``@import``, at any depth.  rdflib would fetch it, from a host the
    user never named or from a ``file:`` path, and a document read here is loaded with no
    network and no file access.  Walked without recursion (the document may nest deeply).

    >>> no_remote_contexts({"@context": {"@vocab": "http://x/"}, "a": 1})
    >>> no_remote_contexts([{"@graph": [{"@context": ["file:///etc/passwd"]}]}])
    Traceback (most recent call last):
    graph.errors.QueryError: the endpoint's JSON-LD names a context outside itself ('file:///etc/passwd'): carekg loads none
    """
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            context = item.get("@context")
            named = [context] if isinstance(context, str) else [c for c in context if isinstance(c, str)] \
                if isinstance(context, list) else []
            if "@import" in item:
                named.append(item["@import"])
            if named:
                raise QueryError(f"the endpoint's JSON-LD names a context outside itself ({_short(named[0])}): "
                                 "carekg loads none")
            stack.extend(item.values())


class EndpointEngine:
    """A SPARQL 1.1 query endpoint behind the :class:`graph.sparql.engine.Engine` interface.

    Parameters
    ----------
    url : str
        The query endpoint (``http://127.0.0.1:7878/query`` for Oxigraph, ``…/sparql`` for
        Virtuoso).
    prefixes : dict
        Prefix -> namespace IRI, declared in every query that does not declare it itself.
    timeout : float
        Seconds one call may take, answer and all (``--timeout``; 0 for no limit).
    graph : str, optional
        Query this named graph as the default graph (``default-graph-uri``).
    max_rows : int
        Rows (or triples) an answer may hold (``--max-rows``; 0 for no limit).
    max_memory : int
        MB a command may use to read an answer (``--max-memory``; 0 for no limit): an answer
        may be an eighth of it (:func:`answer_bytes`).
    """

    def __init__(self, url: str, prefixes: dict | None = None, timeout: float = TIMEOUT, graph: str | None = None,
                 max_rows: int = DEFAULT_MAX_ROWS, max_memory: int = DEFAULT_MAX_MEMORY):
        self.url = check_url(url)
        self.prefixes = {k: str(v) for k, v in (prefixes or {}).items()}
        self.timeout = timeout
        self.graph = graph
        self.max_rows = max_rows
        self.max_bytes = answer_bytes(max_memory)
        self.location = None

    def __repr__(self) -> str:
        return f"EndpointEngine({shown(self.url)!r})"

    def send(self, text: str, accept: str) -> tuple[bytes, str]:
        """POST one query (form-encoded, as the SPARQL 1.1 Protocol allows); body and media type."""
        fields = [("query", text)] + ([("default-graph-uri", self.graph)] if self.graph else [])
        body = urllib.parse.urlencode(fields).encode("utf-8")
        answer = fetch(self.url, body, {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                                        "Accept": accept}, timeout=self.timeout, max_bytes=self.max_bytes)
        return answer.body, answer.media

    def stream(self, text: str, bindings: dict | None = None, *, origin: str = "<query>",
               allow_service: bool = False, project: tuple = ()) -> Stream:
        """Run a query on the endpoint (the answer is read whole, then handed out row by row)."""
        check_allowed(text, origin, allow_service)
        if bindings:
            text = bind_values(text, bindings, project)
        form = query_form(text)
        try:
            body, media = self.send(declare_prefixes(text, self.prefixes), ACCEPT[form])
        except (EndpointError, QueryStopped) as exc:
            raise type(exc)(f"{origin}: {exc}") from None
        try:
            if form == "graph":
                return Stream("graph", rows=limited(iter(self._graph(body, media)), self.max_rows))
            try:
                answer = json.loads(body)
            except (ValueError, RecursionError):
                raise QueryError(f"the endpoint did not answer with SPARQL JSON results ({media})") from None
            if isinstance(answer, dict) and "boolean" in answer:
                return Stream("ask", boolean=answer["boolean"] is True)
            if form == "ask":  # Virtuoso 7.2 answers a bound ASK as one row holding 1 or 0
                _, rows = select_rows(answer)
                return Stream("ask", boolean=any(isinstance(v, Literal) and str(v) in ("1", "true") for r in rows for v in r))
            names, rows = select_rows(answer, projected(text))
            return Stream("select", names, limited(iter(rows), self.max_rows))
        except QueryError as exc:
            raise QueryError(f"{origin}: {exc}") from None

    def _graph(self, body: bytes, media: str) -> Graph:
        fmt = RDF_TYPES.get(media)
        if fmt is None:
            raise QueryError(f"the endpoint sent {media}, not an RDF syntax carekg reads")
        if fmt == "json-ld":
            try:
                no_remote_contexts(json.loads(body))
            except (ValueError, RecursionError):
                raise QueryError("the endpoint's JSON-LD answer is not JSON (or nests too deep)") from None
        graph = Graph()
        try:
            graph.parse(data=body, format=fmt)
        except Exception as exc:  # rdflib raises several unrelated types for bad input
            detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
            raise QueryError(f"cannot read the endpoint's {media} answer: {detail}") from None
        return graph

    def query(self, text: str, bindings: dict | None = None, *, origin: str = "<query>",
              allow_service: bool = False, project: tuple = ()) -> Result:
        """Run a query and collect its answer in a :class:`graph.sparql.engine.Result`."""
        return collect(self.stream(text, bindings, origin=origin, allow_service=allow_service, project=project))

    def __len__(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", origin="<count>").rows
        try:
            return int(str(rows[0][0]))
        except (IndexError, ValueError):
            raise QueryError("<count>: the endpoint did not answer with a number of triples") from None

    def to_rdflib(self) -> Graph:
        """The endpoint's whole default graph as an rdflib ``Graph``."""
        graph = self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", origin="<dump>").graph
        assert isinstance(graph, Graph)
        return graph


def store_url(url: str, graph: str | None) -> str:
    """The Graph Store Protocol address of the default graph or of a named graph."""
    check_url(url)
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    if any(k in ("default", "graph") for k, _ in query):
        raise ParameterError("give the Graph Store endpoint without ?default or ?graph (and --graph IRI for a named graph): "
                             + shown(url))
    extra = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    return urllib.parse.urlunsplit(parts._replace(query="&".join(filter(None, [parts.query, extra]))))


def push(path: Path | str, url: str, graph: str | None = None, timeout: float = 600.0) -> str:
    """Upload an N-Triples file to a Graph Store Protocol endpoint, replacing the target graph.

    ``url`` is the store endpoint (``http://127.0.0.1:7878/store`` for Oxigraph); the default
    graph is replaced unless ``graph`` names a graph.  The file is streamed, not read into
    memory.  Returns the address written to.
    """
    if graph is not None and not urllib.parse.urlsplit(graph).scheme:
        raise ParameterError(f"--graph {graph!r} is not an absolute IRI")
    target = store_url(url, graph)
    path = Path(path)
    size = path.stat().st_size
    with open(path, "rb") as body:
        fetch(target, body, {"Content-Type": "application/n-triples", "Content-Length": str(size)},
              method="PUT", timeout=timeout, max_bytes=1 << 20, what="the Graph Store endpoint")
    return target


def push_graph(kg, url: str, graph: str | None = None) -> tuple[str, int]:
    """Upload a loaded graph (its store written as N-Triples to a temporary file) with
    :func:`push`; return the address and the number of triples."""
    import tempfile

    import pyoxigraph as ox

    with tempfile.TemporaryDirectory(prefix="carekg-push-") as tmp:
        path = Path(tmp) / "graph.nt"
        kg.engine.store.dump(output=str(path), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        return push(path, url, graph), len(kg.engine)


__all__ = ["EndpointEngine", "push", "push_graph", "store_url", "check_url", "query_form", "from_json", "select_rows",
           "no_remote_contexts", "answer_bytes", "TIMEOUT", "ANSWER_SHARE"]
