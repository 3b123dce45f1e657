"""Run SPARQL: a named query (see :mod:`graph.sparql.catalog`) or SPARQL text, with bound parameters.

Queries run on the graph's engine (Oxigraph, see :mod:`graph.sparql.engine`).  Parameters are bound by
inserting ``VALUES`` at the start of the outermost WHERE group, with terms serialised by the
library, never pasted into the query text (:mod:`graph.sparql.syntax`); so a parameter must be
constrained at the top level of the query, not only inside a UNION branch or a subquery.
An ``iri`` parameter may be given as a name (see :mod:`graph.kg.names`).

Examples
--------
>>> from graph.sparql.catalog import find_query
>>> from graph.kg.load import load_kg
>>> rows = run(load_kg(), find_query("posts-of-person"), {"person": "Norman Lamb"}).rows
>>> len(rows) > 0
True
"""

from __future__ import annotations

import re

from rdflib import Literal

from graph.errors import ParameterError
from graph.kg.load import KnowledgeGraph
from graph.kg.names import resolve_entity
from graph.rdf.dates import date_interval
from graph.sparql.catalog import NamedQuery, Param
from graph.sparql.engine import Result


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
        if not re.fullmatch(r"-?\d{1,30}", raw):
            raise ParameterError(f"parameter {p.name!r} must be a whole number of at most 30 digits, not {raw[:40]!r}")
        return Literal(int(raw))
    if p.type == "date":
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", raw):
            raise ParameterError(f"parameter {p.name!r} must be a date like 2015, 2015-06 or 2015-06-30, not {raw!r}")
        try:
            date_interval(raw)  # a day that exists: not 2015-13-45
        except ParameterError as exc:
            raise ParameterError(f"parameter {p.name!r}: {exc}") from None
        return Literal(raw)
    return Literal(raw)


def run(kg: KnowledgeGraph, query: NamedQuery | str, params: dict | None = None) -> Result:
    """Run a named query (or SPARQL text) with bound parameters.

    Examples
    --------
    >>> from graph.kg.load import load_kg
    >>> r = run(load_kg(), "ASK { kg:kings-fund a carekg:ThinkTank }")
    >>> r.boolean
    True
    """
    if isinstance(query, str):
        query = NamedQuery(name="<query>", text=query, path="<query>")
    bindings = bind_params(kg, query, params or {})
    return kg.engine.query(query.text, bindings, origin=query.path)


__all__ = ["Result", "run", "bind_params"]
