"""Read SPARQL text just enough to bind parameters and refuse what must not run.

A small tokenizer that knows where comments, strings and IRIs are, so nothing inside them is
ever taken for a keyword or a brace.  On top of it:

* :func:`bind_values` binds parameters portably: it inserts ``VALUES ?param { term }`` as the
  first element of the outermost ``WHERE`` group.  The term is serialised by rdflib
  (``term.n3()``), never pasted from user text, so the same text runs in rdflib, Oxigraph and
  any SPARQL 1.1 server.  A parameter must therefore be constrained at the top level of the
  query, not only inside a ``UNION`` branch or a subquery (where ``VALUES`` does not reach).
* :func:`uses_service` finds a ``SERVICE`` clause, which would send data over the network.
* :func:`update_keyword` finds SPARQL Update, which carekg never runs.
* :func:`dataset_keyword` finds ``FROM``, ``FROM NAMED`` and ``GRAPH``, which carekg's one default
  graph cannot answer.

Examples
--------
>>> from rdflib import URIRef
>>> bind_values("SELECT ?l WHERE { ?s rdfs:label ?l }", {"s": URIRef("https://w3id.org/carekg/id/x")})
'SELECT ?l WHERE { VALUES ?s { <https://w3id.org/carekg/id/x> } ?s rdfs:label ?l }'
>>> uses_service('SELECT * { ?s ?p "SERVICE" # SERVICE\\n }')
False
>>> uses_service("SELECT * { service <http://example.org/sparql> { ?s ?p ?o } }")
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.errors import ParameterError

# Order matters: long strings before short ones, IRIs before the '<' operator.
_LEXEME = re.compile(r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<word>[A-Za-z0-9_:%\\\u00B7\u00C0-\uFFFF-]+(?:\.+[A-Za-z0-9_:%\\\u00B7\u00C0-\uFFFF-]+)*)
  | (?P<space>\s+)
  | (?P<punct>.)
""", re.VERBOSE | re.DOTALL)

QUERY_FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}
UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
IRI_UNSAFE = re.compile(r'[<>"{}|^`\\\x00-\x20]')


@dataclass(frozen=True)
class Token:
    """One lexeme: its kind (``word``, ``var``, ``punct``, ``string``, ``iri``), text and offset."""

    kind: str
    text: str
    start: int

    @property
    def keyword(self) -> str:
        """The text upper-cased if this is a bare word, else ``""``."""
        return self.text.upper() if self.kind == "word" else ""


def tokens(text: str) -> list[Token]:
    """The significant tokens of ``text``: comments and white space are dropped.

    >>> [t.text for t in tokens('SELECT ?x { ?x <http://a#b> "}" } # }')]
    ['SELECT', '?x', '{', '?x', '<http://a#b>', '"}"', '}']
    """
    out = []
    for m in _LEXEME.finditer(text):
        kind = m.lastgroup
        if kind in ("comment", "space"):
            continue
        out.append(Token(str(kind), m.group(), m.start()))  # every alternative is named
    return out


def uses_service(text: str) -> bool:
    """Whether the query has a ``SERVICE`` clause (outside comments, strings and IRIs), written
    plainly or with SPARQL's ``\\u`` escapes, which a server may decode before it parses.

    >>> uses_service('SELECT * { \\u0053ERVICE <http://x/> { ?s ?p ?o } }'), uses_service('SELECT * { ?s ?p "SERVICE" }')
    (True, False)
    """
    plain = re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", lambda m: chr(int(m.group(1) or m.group(2), 16))
                   if int(m.group(1) or m.group(2), 16) < 0x110000 else m.group(0), text)
    return any(t.keyword == "SERVICE" for t in tokens(text)) or any(t.keyword == "SERVICE" for t in tokens(plain))


def dataset_keyword(text: str) -> str | None:
    """``FROM``, ``FROM NAMED`` or ``GRAPH`` if the query names graphs (outside comments, strings
    and IRIs): carekg's store holds one default graph, so such a query could only come back empty.

    >>> dataset_keyword("SELECT * FROM NAMED <http://x> { GRAPH ?g { ?s ?p ?o } }")
    'FROM NAMED'
    >>> dataset_keyword('SELECT ?graph { ?graph ex:GRAPH "GRAPH" }') is None
    True
    """
    toks = tokens(text)
    for i, t in enumerate(toks):
        if t.keyword == "FROM":
            return "FROM NAMED" if i + 1 < len(toks) and toks[i + 1].keyword == "NAMED" else "FROM"
        if t.keyword == "GRAPH":
            return "GRAPH"
    return None


def update_keyword(text: str) -> str | None:
    """The SPARQL Update keyword that starts an operation, if the text is an update request.

    >>> update_keyword("PREFIX ex: <http://ex/> INSERT DATA { ex:a ex:b ex:c }")
    'INSERT'
    >>> update_keyword("SELECT * { ?s ?p ?o }") is None
    True
    """
    for t in _skip_prologue(tokens(text)):
        return t.keyword if t.keyword in UPDATE_KEYWORDS else None
    return None


def _skip_prologue(toks: list[Token]):
    i = 0
    while i < len(toks):
        kw = toks[i].keyword
        if kw == "PREFIX":
            i += 3  # PREFIX name: <iri>
        elif kw == "BASE":
            i += 2
        else:
            yield from toks[i:]
            return


def where_brace(text: str) -> int:
    """Offset of the ``{`` that opens the outermost WHERE group.

    >>> q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    >>> q[where_brace(q):]
    '{ ?s ?p ?o }'
    """
    toks = tokens(text)
    form = next((i for i, t in enumerate(toks) if t.keyword in QUERY_FORMS), None)
    if form is None:
        raise ParameterError("cannot bind parameters: no SELECT, CONSTRUCT, DESCRIBE or ASK in the query")
    i = form + 1
    if toks[form].keyword == "CONSTRUCT":
        if i < len(toks) and toks[i].text == "{":
            i = _skip_group(toks, i)
        else:
            raise ParameterError("cannot bind parameters in a CONSTRUCT WHERE short form; write CONSTRUCT { … } WHERE { … }")
    depth = 0
    for t in toks[i:]:
        if t.text == "(" and t.kind == "punct":
            depth += 1
        elif t.text == ")" and t.kind == "punct":
            depth -= 1
        elif t.text == "{" and t.kind == "punct" and depth == 0:
            return t.start
    raise ParameterError("cannot bind parameters: the query has no WHERE group")


def _skip_group(toks: list[Token], i: int) -> int:
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].kind == "punct" and toks[j].text == "{":
            depth += 1
        elif toks[j].kind == "punct" and toks[j].text == "}":
            depth -= 1
            if depth == 0:
                return j + 1
    return len(toks)


def projected(text: str) -> list[str]:
    """The variables a ``SELECT`` query returns, in order (``[]`` for ``SELECT *`` and the other
    query forms).

    >>> projected("SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b } GROUP BY ?a")
    ['a', 'n']
    """
    toks = tokens(text)
    start = next((i for i, t in enumerate(toks) if t.keyword in QUERY_FORMS), None)
    if start is None or toks[start].keyword != "SELECT":
        return []
    out, depth = [], 0
    for i, t in enumerate(toks[start + 1:], start + 1):
        if depth == 0 and (t.keyword == "WHERE" or t.text == "{"):
            break
        depth += {"(": 1, ")": -1}.get(t.text, 0) if t.kind == "punct" else 0
        if t.kind == "var" and (depth == 0 or toks[i - 1].keyword == "AS"):
            out.append(t.text[1:])
    return out


def serialise(term) -> str:
    """A bound value in SPARQL syntax, written by rdflib or pyoxigraph (whichever made the term:
    ``carekg query`` and ``describe`` bind pyoxigraph's and import no rdflib); IRIs that could
    break out are refused.

    >>> from rdflib import Literal, URIRef
    >>> serialise(Literal('x" } ; DROP ALL ; #'))
    '"x\\\\" } ; DROP ALL ; #"'
    >>> serialise(URIRef("http://x> } ?s"))
    Traceback (most recent call last):
    ...
    graph.errors.ParameterError: cannot bind 'http://x> } ?s': not a valid IRI
    >>> import pyoxigraph as ox
    >>> serialise(ox.Literal('x" } ; DROP ALL ; #')), serialise(ox.NamedNode("https://w3id.org/carekg/id/x"))
    ('"x\\\\" } ; DROP ALL ; #"', '<https://w3id.org/carekg/id/x>')
    """
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):  # pyoxigraph checks the IRI as it makes it; checked again
        if IRI_UNSAFE.search(term.value):
            raise ParameterError(f"cannot bind {term.value!r}: not a valid IRI")
        return str(term)
    if isinstance(term, ox.Literal):
        return str(term)  # N-Triples syntax, quotes and backslashes escaped: a SPARQL literal
    if isinstance(term, ox.BlankNode):
        raise ParameterError("cannot bind a blank node as a parameter; name the thing by its IRI")
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        if IRI_UNSAFE.search(str(term)):
            raise ParameterError(f"cannot bind {str(term)!r}: not a valid IRI")
        return term.n3()
    if isinstance(term, Literal):
        return term.n3()
    if isinstance(term, BNode):
        raise ParameterError("cannot bind a blank node as a parameter; name the thing by its IRI")
    raise ParameterError(f"cannot bind {term!r}: not an RDF term")


def bind_values(text: str, bindings: dict, project: tuple = ()) -> str:
    """Insert one ``VALUES`` block per parameter at the start of the outermost WHERE group.

    Parameters
    ----------
    text : str
        The query.
    bindings : dict
        Variable name (without ``?``) -> an rdflib term, or a list of terms (one row each).
    project : tuple of str
        Variables to add to a ``SELECT`` projection (to tell rows of a multi-value binding
        apart); ignored for ``SELECT *``.

    >>> from rdflib import Literal
    >>> bind_values("SELECT DISTINCT ?n { ?s ?p ?n }", {"s": [Literal(1), Literal(2)]}, project=("s",))
    'SELECT DISTINCT ?s ?n { VALUES ?s { "1"^^<http://www.w3.org/2001/XMLSchema#integer> "2"^^<http://www.w3.org/2001/XMLSchema#integer> } ?s ?p ?n }'
    """
    if not bindings:
        return text
    at = where_brace(text) + 1
    blocks = []
    for name, value in bindings.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ParameterError(f"bad parameter name {name!r}")
        values = value if isinstance(value, (list, tuple)) else [value]
        blocks.append(f"VALUES ?{name} {{ " + " ".join(serialise(v) for v in values) + " }")
    text = text[:at] + " " + " ".join(blocks) + text[at:]
    if project:
        text = _project(text, project)
    return text


def _project(text: str, names) -> str:
    toks = tokens(text)
    i = next((k for k, t in enumerate(toks) if t.keyword in QUERY_FORMS), None)
    if i is None or toks[i].keyword != "SELECT":
        return text
    j = i + 1
    if j < len(toks) and toks[j].keyword in ("DISTINCT", "REDUCED"):
        j += 1
    if j < len(toks) and toks[j].text == "*":
        return text
    shown = set()
    depth = 0
    for t in toks[j:]:
        depth += (t.text == "(") - (t.text == ")") if t.kind == "punct" else 0
        if depth == 0 and (t.text == "{" or t.keyword in ("WHERE", "FROM")):
            break
        if t.kind == "var":
            shown.add(t.text[1:])
    extra = " ".join(f"?{n}" for n in names if n not in shown)
    if not extra:
        return text
    at = toks[j - 1].start + len(toks[j - 1].text)
    return text[:at] + " " + extra + text[at:]


def declare_prefixes(text: str, prefixes: dict) -> str:
    """``text`` with ``PREFIX`` lines for the ``prefixes`` it uses but does not declare (for
    engines and servers that take no prefixes beside the text).

    >>> declare_prefixes("SELECT * { kg:a ?p ?o }", {"kg": "https://w3id.org/carekg/id/", "ex": "http://ex/"})
    'PREFIX kg: <https://w3id.org/carekg/id/>\\nSELECT * { kg:a ?p ?o }'
    """
    toks = tokens(text)
    declared = {toks[i + 1].text.split(":")[0] for i, t in enumerate(toks[:-1]) if t.keyword == "PREFIX"}
    used = {t.text.split(":", 1)[0] for t in toks if t.kind == "word" and ":" in t.text}
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items() if p in used and p not in declared) + text


def as_insert(text: str) -> str:
    """A ``CONSTRUCT { template } WHERE { pattern }`` rule as the SPARQL Update that adds its
    triples to the store it runs on: ``INSERT { template } WHERE { pattern }``.

    >>> as_insert("PREFIX a: <x:> CONSTRUCT { ?s a:p ?o } WHERE { ?s a:q ?o }")
    'PREFIX a: <x:> INSERT { ?s a:p ?o } WHERE { ?s a:q ?o }'
    """
    form = next((t for t in tokens(text) if t.keyword in QUERY_FORMS), None)
    if form is None or form.keyword != "CONSTRUCT":
        raise ParameterError("a rule must be a CONSTRUCT query")
    return text[:form.start] + "INSERT" + text[form.start + len(form.text):]


__all__ = ["declare_prefixes", "as_insert", "Token", "tokens", "uses_service", "update_keyword", "where_brace", "bind_values", "projected",
           "serialise"]
