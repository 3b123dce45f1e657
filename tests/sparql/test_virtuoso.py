"""Portability: every named query gives the same rows on Virtuoso as on Oxigraph.

A query that cannot be made portable says so in a ``# portability:`` header line naming
Virtuoso and why; for it, Virtuoso's rows must still be a part of the right answer (it may drop
rows, never invent them), so a fix in Virtuoso or in the query shows up here.

CI cost: about 20 s (Virtuoso creates its database, loads the graph in well under a second,
then answers the queries).
"""

from __future__ import annotations

import re

import pytest

from graph.kg.load import KnowledgeGraph
from graph.rdf.namespaces import PREFIXES
from graph.sparql.catalog import find_query, list_queries
from graph.sparql.remote import EndpointEngine

from ..queries import both_ways
from ..virtuoso import GRAPH, Virtuoso

ALL = [q.name for q in list_queries()]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory, kg):
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    try:
        server.load(kg.engine.dump("nt"))
        yield KnowledgeGraph(EndpointEngine(server.url, PREFIXES, graph=GRAPH), kg.paths)
    finally:
        server.stop()


def portability_note(name: str) -> str:
    """The ``# portability:`` header of a named query, or ``""``."""
    found = re.search(r"^# portability:\s*(.+)$", find_query(name).text, re.MULTILINE)
    return found.group(1) if found else ""


def test_the_whole_graph_is_loaded(virtuoso, kg):
    assert len(virtuoso.engine) == len(kg.engine)


@pytest.mark.parametrize("name", ALL)
def test_every_named_query_gives_the_same_rows_on_virtuoso(virtuoso, kg, name):
    local, remote = both_ways(kg, virtuoso, name)
    if portability_note(name):
        assert "Virtuoso" in portability_note(name)
        assert not remote - local, "Virtuoso may drop rows, never add them"
    else:
        assert remote == local


def test_commands_run_on_virtuoso(virtuoso, cli):
    url = virtuoso.engine.url
    code, local, _ = cli("export", "stances", "-f", "csv")
    rcode, remote, err = cli("export", "stances", "-f", "csv", "--endpoint", url, "--graph", GRAPH)
    assert (code, rcode) == (0, 0), err
    assert remote == local
