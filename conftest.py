"""Fixtures for every test and doctest: one cache of stores for the whole session."""

from __future__ import annotations

import pytest

from graph.rdf.paths import Paths


@pytest.fixture(scope="session", autouse=True)
def store_cache(tmp_path_factory):
    """One cache of stores for the session (in-process and subprocess runs alike), with the
    curated store made up front, so no test sees the one-time "made a store" note, and HermiT's
    verdict on the ontology kept up front, so no test starts Java for it unless it changes the
    ontology or uses a cache of its own."""
    import os

    from graph.kg.store import open_graph

    folder = tmp_path_factory.mktemp("store-cache")
    os.environ["CAREKG_CACHE"] = str(folder)
    # The curated texts for every run, a copy of the checkout's inputs (CAREKG_HOME) included.
    os.environ["CAREKG_SEEDS"] = str(Paths().seeds)
    kg, _ = open_graph(Paths())
    from graph.checks.validate import check_ontology

    current = os.environ.pop("PYTEST_CURRENT_TEST", None)  # Java started here is no test's
    try:
        check_ontology(kg)
    finally:
        if current is not None:
            os.environ["PYTEST_CURRENT_TEST"] = current
    yield folder
