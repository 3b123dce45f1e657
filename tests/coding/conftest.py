"""The suggester's index of the curated names, built once for every suggest test."""

from __future__ import annotations

import pytest
from rdflib import Graph

from graph.coding.suggest.draft import KnownIndex
from graph.rdf.parse import parse_turtle
from graph.rdf.paths import Paths


@pytest.fixture(scope="session")
def index():
    """What ``carekg suggest`` knows of the curated data: its things, labels and aliases."""
    paths, data = Paths(), Graph()
    for f in paths.data_files():
        data += parse_turtle(f)
    return KnownIndex(data, parse_turtle(paths.ontology))
