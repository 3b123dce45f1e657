"""The test suite's own rules: tests/ mirrors graph/, no test module imports another, the
markers are registered and carried where they belong, and CI runs everything."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from .helpers import ROOT

TESTS = ROOT / "tests"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _subpackages() -> set[str]:
    return {p.parent.name for p in (ROOT / "graph").glob("*/__init__.py")}


def test_tests_mirror_the_subpackages():
    """One folder of tests per subpackage of graph/ (a package, so module names may repeat)."""
    folders = {p.parent.name for p in TESTS.glob("*/__init__.py")}
    assert folders == _subpackages()
    for name in folders:
        assert list((TESTS / name).glob("test_*.py")), f"tests/{name}/ has no tests"


def _imports(path):
    """Every module a file imports (relative imports by their dotted tail, enough to see a test_ module)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield node.module or ""
            yield from (f"{node.module or ''}.{a.name}" for a in node.names)


def test_no_test_module_imports_another():
    """Shared data and helpers live in helper modules (tests/helpers.py, queries.py, stances.py,
    browser.py, virtuoso.py), never in a test module that another one imports."""
    found = [(p.relative_to(ROOT).as_posix(), m) for p in sorted(TESTS.rglob("*.py")) for m in _imports(p)
             if any(part.startswith("test_") for part in m.split("."))]
    assert found == []


def test_the_markers_are_registered_and_strict():
    options = PYPROJECT["tool"]["pytest"]["ini_options"]
    assert "--strict-markers" in options["addopts"].split()
    assert sorted(m.split(":")[0] for m in options["markers"]) == ["browser", "java", "slow"]


def test_ci_runs_every_test_whatever_its_markers():
    script = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    run = [line for line in script.splitlines() if "pytest" in line and not line.lstrip().startswith("#")]
    assert run == ['exec .venv/bin/python -m pytest "$@"']
    assert "node" in script and "nodejs" in script   # the map's JavaScript tests need Node


def test_every_test_that_drives_chromium_is_marked_browser_and_no_other(request):
    """Derived in conftest.py from the chromium fixture, so it cannot be forgotten: checked here
    on every test of this session."""
    items = request.session.items
    uses = {i.nodeid for i in items if "chromium" in getattr(i, "fixturenames", ())}
    marked = {i.nodeid for i in items if i.get_closest_marker("browser")}
    assert uses == marked
    if len(items) > 100:   # the whole suite: the map's browser tests are among them
        assert any(n.startswith("tests/map/test_browser.py") for n in uses)


@pytest.mark.java
def test_java_started_under_a_test_is_seen(request):
    """conftest.py's ``java`` wrapper notes the test it runs under (and fails the test at
    teardown when the marker and what the test did disagree, either way)."""
    import os
    import subprocess

    log = os.environ.get("CAREKG_TEST_JAVA_LOG")
    assert log, "no java wrapper: is Java installed?"
    proc = subprocess.run(["java", "-version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "version" in proc.stderr
    started = Path(log).read_text(encoding="utf-8").splitlines()
    assert f"{request.node.nodeid} (call)" in started


# Modules no test file imports, and why their behaviour is pinned well enough from outside.
# Every other module of graph/ is imported by at least one test (a package's __init__ only holds
# its docstring).
INDIRECT = {
    "graph.__main__": "the entry point: every subprocess test runs it (python -m graph, tests/helpers.py run_carekg)",
    # The commands: thin, each calls one library function; run in-process by the cli fixture and as
    # a user runs them by run_carekg, with every message and exit code pinned in tests/cli.
    "graph.cli.analysis": "discourse, coalitions, polarisation, brokers, paths: run in tests/analysis, exchange and cli",
    "graph.cli.building": "build and validate: tests/kg/test_build.py, tests/checks and tests/cli",
    "graph.cli.coding": "source add, suggest, code check/apply: tests/text/test_sources.py and tests/coding",
    "graph.cli.console": "how output and errors reach the terminal: every command test, and tests/cli/test_attacks.py",
    "graph.cli.context": "--data and --endpoint: every command test, and tests/sparql/test_remote.py against a server",
    "graph.cli.datasets": "init: tests/cli/test_cli.py (both ways of naming the folder, its errors) and "
                          "tests/coding/test_datasets.py (a dataset built on the curated graph, end to end)",
    "graph.cli.dna": "backbone, barplot, phases, multiclust: tests/cli/test_dna_commands.py runs each, its JSON and its errors",
    "graph.cli.describing": "describe and stats: tests/kg/test_names.py, tests/exchange/test_attacks.py and tests/cli",
    "graph.cli.exports": "export and import: tests/exchange (tables, networks, DNA files both ways)",
    "graph.cli.map": "map: tests/map/test_curated.py, test_scale.py and tests/rdf/test_outputs.py",
    "graph.cli.querying": "queries and query: tests/cli, tests/sparql/test_limits.py and test_remote.py",
    "graph.cli.scale": "serve, push and synth: tests/sparql/test_remote.py and tests/kg/test_synth.py",
    "graph.coding.suggest.amounts": "the money rows of a draft sheet: tests/coding/test_suggest.py pins one exactly (value, "
                                    "currency, what it is of, quote, offsets)",
    "graph.coding.suggest.dataset_names": "names the dataset knows, found in a new text: test_suggest.py pins them (a missing "
                                          "apostrophe, a typo)",
    "graph.exchange.dna.importer": "carekg import dna: tests/exchange/test_dna.py imports DNA files (hand-made and the "
                                   "curated export) and checks the datasets they give",
    "graph.text.sources": "carekg source add: tests/text/test_sources.py registers texts, refuses duplicates and bad "
                          "encodings, and checks the recorded digests",
}


def _modules() -> set[str]:
    out = set()
    for path in (ROOT / "graph").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] != "__init__":
            out.add(".".join(parts))
    return out


def test_every_module_is_tested_directly_or_says_why_not():
    imported = set()
    for path in TESTS.rglob("*.py"):
        for name in _imports(path):
            imported.add(name)
            imported.add(name.rsplit(".", 1)[0])
    untested = {m for m in _modules() if m not in imported}
    assert sorted(untested - set(INDIRECT)) == [], "test these modules directly, or say in INDIRECT why not"
    assert sorted(set(INDIRECT) - _modules()) == [], "INDIRECT names modules that no longer exist"
