"""The named queries in tests: example parameters, rows as labels, rows as comparable multisets,
and the check of a golden answer.

Shared by the golden tests (tests/kg/test_queries.py), the time-and-truth tests and the
portability tests (a remote Oxigraph server, Virtuoso), so no test module imports another.
"""

from __future__ import annotations

from collections import Counter

from rdflib import BNode, Literal, URIRef

from graph.kg.names import label_of
from graph.kg.query import bind_params, run
from graph.sparql.catalog import find_query

# Example parameters for the queries that need them (and a few optional ones).
PARAMS = {
    "posts-of-person": {"person": "kg:norman-lamb"},
    "people-in-organisation": {"organisation": "Department of Health"},
    "stances-on-proposal": {"proposal": "kg:proposal-national-mandate"},
    "stances-of-actor": {"actor": "kg:kings-fund"},
    "facts-about": {"entity": "King's Fund"},
    "things-in-place": {"place": "Liverpool"},
    "entities-in-article": {"article": "kg:article-004"},
    "allies-of-actor": {"actor": "kg:kings-fund"},
    "stance-history": {"actor": "kg:norman-lamb"},
    "proposals-by-kind": {"kind": "carekg:PoolingKind"},
    "relationships-of-kind": {"kind": "carekg:CommissioningRelation"},
    "stances-in-period": {"from": "2017", "to": "2017"},
}


def rows_of(kg, name, params=None) -> list[dict]:
    """Run a named query (with ``PARAMS[name]`` unless ``params`` is given) and return its rows
    as dicts of display labels: an IRI as its label, a literal as its text, unbound as None."""
    q = find_query(name)
    result = run(kg, q, params if params is not None else PARAMS.get(name, {}))
    shown = lambda t: None if t is None else label_of(kg, t) if isinstance(t, URIRef) else str(t)
    return [{v: shown(t) for v, t in zip(result.vars, row)} for row in result.rows]


def exact(kg, name, columns, expected, params=None, ordered: bool = False) -> list[dict]:
    """Assert that a named query's whole answer is ``expected``: every row, none more and none
    fewer.  A row is compared as the tuple of its ``columns`` (one column: its value; labels as
    :func:`rows_of` shows them), or as what ``columns(row)`` makes of it when ``columns`` is a
    function (to compare a list cell as a set, say).

    ``expected`` is compared as a multiset, or as a list in order when ``ordered``.  Returns
    the rows, for checks of other columns.  A golden test of tests/kg/test_queries.py counts as
    one only when it calls this with the query's name.
    """
    rows = rows_of(kg, name, params)
    if callable(columns):
        got = [columns(r) for r in rows]
    else:
        unknown = [c for c in columns if rows and c not in rows[0]]
        assert not unknown, f"{name} has no column(s) {unknown}"
        got = [tuple(r[c] for c in columns) if len(columns) > 1 else r[columns[0]] for r in rows]
    if ordered:
        assert got == list(expected), f"{name}: the rows differ from the golden answer"
    else:
        missing, extra = Counter(expected) - Counter(got), Counter(got) - Counter(expected)
        assert not missing and not extra, f"{name}: missing {sorted(missing, key=str)}, unexpected {sorted(extra, key=str)}"
    return rows


def parts(cell) -> frozenset:
    """A GROUP_CONCAT cell ("a; b") as the set of its parts (their order is unspecified)."""
    return frozenset(cell.split("; ")) if cell else frozenset()


def _comparable(term):
    """A term as tests compare it: numbers by value, text with "; "-joined parts sorted
    (GROUP_CONCAT's order is unspecified), blank nodes alike (their labels are the store's),
    everything else as its N3 form."""
    if term is None:
        return None
    if isinstance(term, BNode):
        return "_:"
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype).endswith(("#decimal", "#integer", "#double", "#float")):
        return float(term.toPython())
    if isinstance(term, Literal) and term.datatype is None:
        return "; ".join(sorted(str(term).split("; ")))
    return term.n3()


def multiset(rows) -> Counter:
    """Rows of terms as a multiset of comparable tuples (see :func:`_comparable`)."""
    return Counter(tuple(_comparable(t) for t in row) for row in rows)


def both_ways(kg, remote, name: str):
    """A named query's answer on the local store and on ``remote``, with the same bound
    parameters: two multisets of rows (numbers by value), after checking the variables agree."""
    q = find_query(name)
    bindings = bind_params(kg, q, PARAMS.get(name, {}))
    local = kg.engine.query(q.text, bindings, origin=q.path)
    there = remote.engine.query(q.text, bindings, origin=q.path)
    assert there.vars == local.vars and local.rows
    return multiset(local.rows), multiset(there.rows)
