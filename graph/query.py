"""Named SPARQL queries: their headers, their parameters, and running them.

A named query is a ``.rq`` file in ``queries/`` whose first comment lines carry its metadata::

    # title: Posts a person holds
    # description: Every post the articles say a person holds or held, with the source.
    # param: person iri The person, as kg:slug, a full IRI or an exact label.

Parameters are bound as initial bindings (``initBindings``), never pasted into the query
text.  A parameter given as ``name=default`` in the header is optional; a parameter with
``optional`` instead of a default is left unbound when not given.

Examples
--------
>>> q = find_query("posts-of-person")
>>> [p.name for p in q.params]
['person']
>>> rows = run(load_kg(), q, {"person": "kg:norman-lamb"}).rows
>>> len(rows) > 0
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.plugins.sparql import prepareQuery

from .errors import ParameterError, ParseError, UnknownNameError, suggest
from .load import KG, PREFIXES, KnowledgeGraph, Paths, load

HEADER = re.compile(r"^#\s*(title|description|param|kind)\s*:\s*(.*)$")
PARAM = re.compile(r"^(\w+)\s+(iri|string|date|integer)(?:=(\S+)|\s+(optional))?\s+(.*)$")
TYPES = {"iri", "string", "date", "integer"}


@dataclass(frozen=True)
class Param:
    """One declared query parameter."""

    name: str
    type: str
    description: str
    default: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class NamedQuery:
    """A query with its title, description and parameters."""

    name: str
    text: str
    path: str
    title: str = ""
    description: str = ""
    params: tuple = field(default_factory=tuple)

    @property
    def required(self) -> list[str]:
        """Names of the parameters that must be given."""
        return [p.name for p in self.params if p.default is None and not p.optional]


def load_named_query(path: Path | str, text: str | None = None, name: str | None = None) -> NamedQuery:
    """Read a ``.rq`` file (or ``text``) and its comment headers.

    Examples
    --------
    >>> q = load_named_query("x.rq", text="# title: All\\n# param: s iri optional A subject\\nSELECT * {?s ?p ?o}")
    >>> q.title, q.params[0].optional, q.required
    ('All', True, [])
    """
    path = Path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ParseError(str(path), f"cannot read query file: {exc.strerror}") from None
    meta: dict = {"title": "", "description": "", "params": []}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        found = HEADER.match(line)
        if not found:
            continue
        key, value = found.groups()
        if key == "param":
            spec = PARAM.match(value.strip())
            if not spec:
                raise ParseError(str(path), f"bad param header {value!r}; expected 'NAME TYPE[=DEFAULT|optional] description' with TYPE one of {sorted(TYPES)}")
            pname, ptype, default, optional, desc = spec.groups()
            meta["params"].append(Param(pname, ptype, desc, default, bool(optional)))
        elif key in ("title", "description"):
            meta[key] = (meta[key] + " " + value.strip()).strip()
    return NamedQuery(name=name or path.stem, text=text, path=str(path), title=meta["title"],
                      description=meta["description"], params=tuple(meta["params"]))


def list_queries(paths: Paths | None = None) -> list[NamedQuery]:
    """All named queries in ``queries/`` (not the rules, QC checks or views), by name."""
    paths = paths or Paths()
    return [load_named_query(p) for p in sorted(paths.queries.glob("*.rq"))]


def list_views(paths: Paths | None = None) -> list[NamedQuery]:
    """The network views declared in ``queries/views/``."""
    paths = paths or Paths()
    return [load_named_query(p) for p in sorted((paths.queries / "views").glob("*.rq"))]


def find_query(name_or_file: str, paths: Paths | None = None) -> NamedQuery:
    """A named query by name, or a ``.rq`` file by path.

    Raises :class:`UnknownNameError` listing the closest names when there is no such query.
    """
    paths = paths or Paths()
    if name_or_file.endswith(".rq"):
        return load_named_query(Path(name_or_file))
    file = paths.queries / f"{name_or_file}.rq"
    if file.exists():
        return load_named_query(file)
    names = [q.name for q in list_queries(paths)]
    raise UnknownNameError("query", name_or_file, suggest(name_or_file, names))


@lru_cache(maxsize=256)
def _prepare(text: str, origin: str):
    try:
        return prepareQuery(text, initNs=PREFIXES)
    except Exception as exc:
        line, col = getattr(exc, "lineno", None), getattr(exc, "col", None)
        msg = getattr(exc, "msg", None) or str(exc).split("\n")[0]
        raise ParseError(origin, f"SPARQL syntax error: {msg}", line=line, column=col) from None


def resolve_entity(kg: KnowledgeGraph, value: str) -> URIRef:
    """Turn ``kg:slug``, ``slug``, a full IRI or an exact label into an IRI in the graph.

    Raises :class:`UnknownNameError` with near matches when nothing fits.

    Examples
    --------
    >>> str(resolve_entity(load_kg(), "King's Fund"))
    'https://w3id.org/carekg/id/kings-fund'
    """
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    candidates = []
    if ":" in value and not value.startswith("http"):
        prefix, local = value.split(":", 1)
        if prefix in PREFIXES:
            candidates.append(URIRef(str(PREFIXES[prefix]) + local))
    elif value.startswith("http"):
        candidates.append(URIRef(value))
    elif re.fullmatch(r"[\w.-]+", value):
        candidates.append(KG[value])
    for iri in candidates:
        if (iri, None, None) in kg.graph or (None, None, iri) in kg.graph:
            return iri
    by_label = labels_index(kg)
    low = value.lower()
    matches = [iri for label, iris in by_label.items() if label.lower() == low for iri in iris]
    if len(matches) == 1:
        return matches[0]
    names = {str(i).rsplit("/", 1)[-1] for i in kg.data.subjects() if str(i).startswith(str(KG))}
    names |= set(by_label)
    raise UnknownNameError("entity", value, suggest(value.split(":")[-1], names))


def labels_index(kg: KnowledgeGraph) -> dict:
    """Label -> IRIs of curated things (cached on the graph object)."""
    cached = getattr(kg, "_labels", None)
    if cached is None:
        cached = {}
        for s, label in kg.graph.subject_objects(RDFS.label):
            if isinstance(s, URIRef):
                cached.setdefault(str(label), []).append(s)
        kg._labels = cached
    return cached


def bind_params(kg: KnowledgeGraph, query: NamedQuery, given: dict) -> dict:
    """Check ``given`` against the declared parameters and convert them to RDF terms."""
    declared = {p.name: p for p in query.params}
    unknown = [k for k in given if k not in declared]
    if unknown:
        known = ", ".join(declared) or "none"
        raise ParameterError(f"query {query.name!r} has no parameter {unknown[0]!r} (it takes: {known})")
    missing = [n for n in query.required if n not in given]
    if missing:
        p = declared[missing[0]]
        raise ParameterError(f"query {query.name!r} needs parameter {p.name!r} ({p.type}): {p.description}; give it with -p {p.name}=VALUE")
    bindings = {}
    for p in query.params:
        raw = given.get(p.name, p.default)
        if raw is None:
            continue
        bindings[p.name] = _term(kg, p, raw)
    return bindings


def _term(kg, p: Param, raw: str):
    if p.type == "iri":
        return resolve_entity(kg, raw)
    if p.type == "integer":
        if not re.fullmatch(r"-?\d+", raw):
            raise ParameterError(f"parameter {p.name!r} must be a whole number, not {raw!r}")
        return Literal(int(raw))
    if p.type == "date":
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", raw):
            raise ParameterError(f"parameter {p.name!r} must be a date like 2015, 2015-06 or 2015-06-30, not {raw!r}")
        return Literal(raw)
    return Literal(raw)


@dataclass
class Result:
    """What a query returned: variables and rows of RDF terms, a boolean, or a graph."""

    vars: list
    rows: list
    boolean: bool | None = None
    graph: object = None


def run(kg: KnowledgeGraph, query: NamedQuery | str, params: dict | None = None) -> Result:
    """Run a named query (or SPARQL text) with bound parameters.

    Examples
    --------
    >>> r = run(load_kg(), "ASK { kg:kings-fund a carekg:ThinkTank }")
    >>> r.boolean
    True
    """
    if isinstance(query, str):
        query = NamedQuery(name="<query>", text=query, path="<query>")
    prepared = _prepare(query.text, query.path)
    bindings = bind_params(kg, query, params or {})
    result = kg.graph.query(prepared, initBindings=bindings)
    if result.type == "ASK":
        return Result(vars=[], rows=[], boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return Result(vars=[], rows=[], graph=result.graph)
    names = [str(v) for v in result.vars]
    return Result(vars=names, rows=[tuple(row) for row in result])


@lru_cache(maxsize=1)
def load_kg() -> KnowledgeGraph:
    """The project's graph, loaded once per process (for doctests and notebooks)."""
    return load()


# Built-in terms that cannot carry labels in an OWL 2 DL ontology, but appear in facts.
BUILTIN_LABELS = {str(RDF.type): "is a"}


def label_of(kg: KnowledgeGraph, term) -> str:
    """The human label of a term: rdfs:label, else skos:prefLabel, else a CURIE."""
    if isinstance(term, URIRef):
        if str(term) in BUILTIN_LABELS:
            return BUILTIN_LABELS[str(term)]
        label = kg.graph.value(term, RDFS.label) or kg.graph.value(term, SKOS.prefLabel)
        if label is not None:
            return str(label)
        return curie(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype).endswith(("#decimal", "#integer")):
        # Money and counts read better as 1,500,000,000 than 1500000000.0 (display only).
        value = term.toPython()
        try:
            return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"
        except (TypeError, ValueError):
            return str(term)
    return "" if term is None else str(term)


def curie(term) -> str:
    """Shorten an IRI with the project prefixes.

    >>> curie(KG["kings-fund"])
    'kg:kings-fund'
    """
    text = str(term)
    for prefix, ns in PREFIXES.items():
        if text.startswith(str(ns)) and len(text) > len(str(ns)):
            return f"{prefix}:{text[len(str(ns)):]}"
    return f"<{text}>"


__all__ = ["NamedQuery", "Param", "Result", "find_query", "list_queries", "list_views",
           "load_named_query", "run", "resolve_entity", "bind_params", "label_of", "curie",
           "load_kg"]
