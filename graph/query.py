"""Run SPARQL: a named query (see :mod:`graph.catalog`) or SPARQL text, with bound parameters.

Parameters are bound as initial bindings (``initBindings``), never pasted into the query
text.  An ``iri`` parameter may be given as a name (see :mod:`graph.names`).

Examples
--------
>>> from graph.catalog import find_query
>>> from graph.load import load_kg
>>> rows = run(load_kg(), find_query("posts-of-person"), {"person": "Norman Lamb"}).rows
>>> len(rows) > 0
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Literal
from rdflib.plugins.sparql import prepareQuery

from .catalog import NamedQuery, Param
from .errors import ParameterError, ParseError
from .load import KnowledgeGraph
from .names import resolve_entity
from .vocabulary import PREFIXES


@lru_cache(maxsize=256)
def _prepare(text: str, origin: str):
    try:
        return prepareQuery(text, initNs=PREFIXES)
    except Exception as exc:
        line, col = getattr(exc, "lineno", None), getattr(exc, "col", None)
        msg = getattr(exc, "msg", None) or str(exc).split("\n")[0]
        raise ParseError(origin, f"SPARQL syntax error: {msg}", line=line, column=col) from None


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
    >>> from graph.load import load_kg
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


__all__ = ["Result", "run", "bind_params"]
