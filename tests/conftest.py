"""Shared fixtures (the loaded graph, once per session, and an in-process CLI runner) and the
markers that say what a test needs.

``browser`` is derived: every test that uses the ``chromium`` fixture gets it, so it cannot be
forgotten.  ``java`` is checked: ``java`` on the PATH is a wrapper that notes which test started
it, and a test that starts Java without the marker, or carries it and starts none, fails at
teardown saying so.  (No fixture starts Java but the session's cache, which gets HermiT's verdict on the curated
ontology first, under no test: each test that starts Java starts its own.)  ``slow`` is set by hand.
"""

from __future__ import annotations

import os
import shlex
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

from graph.cli.parser import main
from graph.kg.load import load
from graph.rdf.paths import Paths

from .browser import chromium  # noqa: F401  (one Chromium per session, shared by all map tests)
from .helpers import ROOT

_JAVA_LOG = "CAREKG_TEST_JAVA_LOG"
_RAN = pytest.StashKey[bool]()


def pytest_configure(config):
    """Put a ``java`` first on the PATH that logs the running test, then runs the real one."""
    real = shutil.which("java")
    if real is None or _JAVA_LOG in os.environ:   # no Java: the tests that need it fail on their own
        return
    folder = Path(tempfile.mkdtemp(prefix="carekg-java-"))
    log = folder / "started"
    log.touch()
    wrapper = folder / "java"
    wrapper.write_text(f'#!/bin/sh\nprintf \'%s\\n\' "${{PYTEST_CURRENT_TEST:-}}" >> "${_JAVA_LOG}"\n'
                       f'exec {shlex.quote(real)} "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    path = os.environ.get("PATH", "")
    os.environ[_JAVA_LOG] = str(log)
    os.environ["PATH"] = f"{folder}{os.pathsep}{path}"

    def restore():
        os.environ["PATH"] = path
        os.environ.pop(_JAVA_LOG, None)
        shutil.rmtree(folder, ignore_errors=True)

    config.add_cleanup(restore)


def pytest_collection_modifyitems(items):
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "chromium" in names:
            item.add_marker(pytest.mark.browser)


def _started_java(nodeid: str) -> bool:
    log = os.environ.get(_JAVA_LOG)
    if not log:
        return False
    lines = Path(log).read_text(encoding="utf-8").splitlines()
    return any(line.rsplit(" (", 1)[0] == nodeid for line in lines)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if call.when == "call":
        item.stash[_RAN] = report.passed
    if call.when != "teardown" or not report.passed or not item.stash.get(_RAN, False) or not os.environ.get(_JAVA_LOG):
        return   # judged only when the test ran through: a failed one may not have reached Java
    started, marked = _started_java(item.nodeid), item.get_closest_marker("java") is not None
    if started and not marked:
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid} started Java: mark it @pytest.mark.java"
    elif marked and not started:
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid} is marked java but started no Java: drop the marker"


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
    """The curated influence view (the claims that carry influence) without the details-panel
    facts, once per session."""
    from graph.analysis.views import build_view

    return build_view(kg, "influence", facts=False)


@pytest.fixture(scope="session")
def network(kg):
    """The curated network view (every relation: the map's), without the details-panel facts,
    once per session."""
    from graph.analysis.views import build_view

    return build_view(kg, "network", facts=False)


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
