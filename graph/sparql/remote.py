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
Every failure a user can cause (an endpoint that does not answer, answers too late, or answers
with an HTTP error) is one :class:`EndpointError` line.

Examples
--------
>>> store_url("http://127.0.0.1:7878/store", None)
'http://127.0.0.1:7878/store?default'
>>> store_url("http://127.0.0.1:7878/store", "https://w3id.org/carekg/graph")
'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fcarekg%2Fgraph'
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

from graph.errors import EndpointError, ParameterError, QueryError
from graph.sparql.engine import RDF_LANGSTRING, XSD_STRING, Result, Stream, check_allowed, collect
from graph.sparql.syntax import QUERY_FORMS, bind_values, declare_prefixes, tokens

TIMEOUT = 60.0  # seconds a request may take, by default
ACCEPT = {"select": "application/sparql-results+json", "ask": "application/sparql-results+json",
          "graph": "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8, application/rdf+xml;q=0.5"}
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
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ParameterError(f"endpoint {url!r} is not an http:// or https:// URL")
    return url


def _opener():
    # A loopback endpoint is never reached through a proxy named in the environment.
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


def request(url: str, data, headers: dict, method: str = "POST", timeout: float = TIMEOUT,
            what: str = "the SPARQL endpoint"):
    """Send one HTTP request (``data``: bytes, a binary file or None) and return the open
    response; every failure is one EndpointError."""
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    opener = _opener() if urllib.parse.urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1") \
        else urllib.request.build_opener()
    try:
        return opener.open(req, timeout=timeout)
    except urllib.error.HTTPError as exc:
        body = exc.read(2000).decode("utf-8", "replace")
        first = next((ln.strip() for ln in body.splitlines() if ln.strip()), "")
        raise EndpointError(f"{what} {url} answered HTTP {exc.code} {exc.reason}" + (f": {first[:300]}" if first else "")) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (socket.timeout, TimeoutError)):
            raise EndpointError(f"{what} {url} did not answer within {timeout:g} s") from None
        reason = getattr(exc.reason, "strerror", None) or str(exc.reason)
        raise EndpointError(f"cannot reach {what} {url}: {reason}") from None
    except TimeoutError:
        raise EndpointError(f"{what} {url} did not answer within {timeout:g} s") from None
    except OSError as exc:
        raise EndpointError(f"cannot reach {what} {url}: {exc.strerror or exc}") from None


def _read(response, url: str, timeout: float) -> bytes:
    try:
        return response.read()
    except TimeoutError:
        raise EndpointError(f"the SPARQL endpoint {url} did not finish its answer within {timeout:g} s") from None
    except OSError as exc:
        raise EndpointError(f"the SPARQL endpoint {url} broke off its answer: {exc}") from None
    finally:
        response.close()


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

    ``typed-literal`` (an older form some servers still send) is read as ``literal``.

    >>> from_json({"type": "literal", "value": "14", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"})
    rdflib.term.Literal('14', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    >>> from_json({"type": "literal", "value": "x", "datatype": "http://www.w3.org/2001/XMLSchema#string"})
    rdflib.term.Literal('x')
    """
    if term is None:
        return None
    kind, value = term.get("type"), term.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        if term.get("xml:lang"):
            return Literal(value, lang=term["xml:lang"])
        datatype = term.get("datatype")
        if datatype is None or datatype in (XSD_STRING, RDF_LANGSTRING):
            return Literal(value)
        return Literal(value, datatype=URIRef(datatype))
    raise QueryError(f"unsupported term in a SPARQL JSON result: {term!r}")


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
        Seconds one request may take.
    graph : str, optional
        Query this named graph as the default graph (``default-graph-uri``).
    """

    def __init__(self, url: str, prefixes: dict | None = None, timeout: float = TIMEOUT, graph: str | None = None):
        self.url = check_url(url)
        self.prefixes = {k: str(v) for k, v in (prefixes or {}).items()}
        self.timeout = timeout
        self.graph = graph
        self.location = None

    def __repr__(self) -> str:
        return f"EndpointEngine({self.url!r})"

    def send(self, text: str, accept: str) -> tuple[bytes, str]:
        """POST one query (form-encoded, as the SPARQL 1.1 Protocol allows); body and media type."""
        fields = [("query", text)] + ([("default-graph-uri", self.graph)] if self.graph else [])
        body = urllib.parse.urlencode(fields).encode("utf-8")
        response = request(self.url, body, {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                                            "Accept": accept}, timeout=self.timeout)
        media = response.headers.get_content_type()
        return _read(response, self.url, self.timeout), media

    def stream(self, text: str, bindings: dict | None = None, *, origin: str = "<query>",
               allow_service: bool = False, project: tuple = ()) -> Stream:
        """Run a query on the endpoint (the answer is read whole, then handed out row by row)."""
        check_allowed(text, origin, allow_service)
        if bindings:
            text = bind_values(text, bindings, project)
        form = query_form(text)
        try:
            body, media = self.send(declare_prefixes(text, self.prefixes), ACCEPT[form])
        except EndpointError as exc:
            raise EndpointError(f"{origin}: {exc}") from None
        if form == "graph":
            fmt = RDF_TYPES.get(media)
            if fmt is None:
                raise QueryError(f"{origin}: the endpoint sent {media}, not an RDF syntax carekg reads")
            graph = Graph()
            try:
                graph.parse(data=body, format=fmt)
            except Exception as exc:  # rdflib raises several unrelated types for bad input
                raise QueryError(f"{origin}: cannot read the endpoint's {media} answer: {exc}") from None
            return Stream("graph", rows=iter(list(graph)))
        try:
            answer = json.loads(body)
        except ValueError:
            raise QueryError(f"{origin}: the endpoint did not answer with SPARQL JSON results ({media})") from None
        if "boolean" in answer:
            return Stream("ask", boolean=bool(answer["boolean"]))
        if form == "ask":  # Virtuoso 7.2 answers a bound ASK as one row holding 1 or 0
            values = [b for row in answer.get("results", {}).get("bindings", []) for b in row.values()]
            return Stream("ask", boolean=any(v.get("value") in ("1", "true") for v in values))
        names = answer.get("head", {}).get("vars", [])
        rows = [tuple(from_json(b.get(v)) for v in names) for b in answer.get("results", {}).get("bindings", [])]
        return Stream("select", list(names), iter(rows))

    def query(self, text: str, bindings: dict | None = None, *, origin: str = "<query>",
              allow_service: bool = False, project: tuple = ()) -> Result:
        """Run a query and collect its answer in a :class:`graph.sparql.engine.Result`."""
        return collect(self.stream(text, bindings, origin=origin, allow_service=allow_service, project=project))

    def __len__(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", origin="<count>").rows
        return int(rows[0][0])

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
        raise ParameterError(f"give the Graph Store endpoint without ?default or ?graph (and --graph IRI for a named graph): {url}")
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
        response = request(target, body, {"Content-Type": "application/n-triples", "Content-Length": str(size)},
                           method="PUT", timeout=timeout, what="the Graph Store endpoint")
        _read(response, target, timeout)
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


__all__ = ["EndpointEngine", "push", "push_graph", "store_url", "check_url", "query_form", "from_json", "TIMEOUT"]
