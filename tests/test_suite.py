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
