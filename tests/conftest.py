"""Shared fixtures: the loaded graph (once per session) and an in-process CLI runner."""

from __future__ import annotations

import shutil

import pytest

from graph.cli.parser import main
from graph.kg.load import load
from graph.rdf.paths import Paths

from .browser import chromium  # noqa: F401  (one Chromium per session, shared by all map tests)
from .helpers import ROOT


@pytest.fixture(scope="session")
def kg():
    return load()


@pytest.fixture(scope="session")
def records(kg):
    """The curated stance records (graph.analysis.stances.stance_records), once per session."""
    from graph.analysis.stances import stance_records

    return stance_records(kg)


@pytest.fixture(scope="session")
def influence(kg):
    """The curated influence view without the details-panel facts, once per session."""
    from graph.analysis.views import build_view

    return build_view(kg, "influence", facts=False)


@pytest.fixture
def cli(capsys):
    """Run ``carekg ARGS`` in-process; return (exit code, stdout, stderr)."""

    def run(*args):
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


@pytest.fixture
def project_copy(tmp_path):
    """A throwaway copy of ontology/, data/ and queries/ to break on purpose, and its Paths."""
    for part in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / part, tmp_path / part)
    paths = Paths(root=tmp_path, ontology=tmp_path / "ontology" / "carekg.ttl",
                  shapes=tmp_path / "ontology" / "shapes.ttl", data=tmp_path / "data",
                  queries=tmp_path / "queries", build=tmp_path / "build")
    return paths
