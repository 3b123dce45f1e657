"""Caches that cannot go stale: each key covers every file of the code behind it (found from the
package's files, not a hand list), and changing any one of them makes the cache miss."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import networkx as nx
import pytest

from graph.kg import cache
from graph.kg.cache import code_digest, code_files
from graph.kg.store import fingerprint
from graph.rdf.paths import Paths

from ..helpers import ROOT


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory):
    """A copy of the graph package to edit (a stand-in for a branch switch or a code change)."""
    target = tmp_path_factory.mktemp("package") / "graph"
    shutil.copytree(ROOT / "graph", target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _touched(path, edit):
    old = path.read_bytes()
    path.write_bytes(old + edit)
    return old


def test_the_store_key_changes_with_every_file_of_the_code_that_builds_it(package_copy):
    paths = Paths()
    files = code_files("graph.kg.store", package_copy)
    names = {p.relative_to(package_copy).as_posix() for p in files}
    # the modules the old hand list left out: anchors, evidence, seeds, catalog, query text, schemes, files
    assert {"text/selectors.py", "text/evidence.py", "text/articles.py", "sparql/catalog.py", "sparql/syntax.py",
            "rdf/schemes.py", "rdf/paths.py", "rdf/outputs.py", "kg/load.py", "sparql/engine.py"} <= names
    before = fingerprint(paths, package_copy)
    for path in files:
        old = _touched(path, b"\n# an edit\n")
        try:
            assert fingerprint(paths, package_copy) != before, f"editing {path.name} left the store's key unchanged"
        finally:
            path.write_bytes(old)
    assert fingerprint(paths, package_copy) == before


def test_the_key_holds_every_module_a_build_actually_runs(tmp_path):
    """Whatever the build imports while it runs (seen in sys.modules) is in the key's files."""
    script = ("import sys, json; from pathlib import Path; from graph.kg.store import build; from graph.rdf.paths import Paths;"
              f"build(Paths(), Path({str(tmp_path / 'out')!r}));"
              "print(json.dumps(sorted(m.__file__ for n, m in sys.modules.items() if n.startswith('graph') and m.__file__)))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    ran = {p for p in json.loads(done.stdout) if "/graph/" in p}
    keyed = {str(p) for p in code_files("graph.kg.store")}
    assert ran and ran <= keyed, sorted(ran - keyed)


def test_the_map_memos_miss_when_their_code_changes(package_copy):
    for module, needed in (("graph.map.layout", {"map/layout.py"}),
                           ("graph.analysis.stability", {"analysis/stability.py", "analysis/coalitions.py",
                                                         "analysis/discourse.py", "analysis/stances.py", "analysis/selection.py"})):
        files = {p.relative_to(package_copy).as_posix(): p for p in code_files(module, package_copy)}
        assert needed <= set(files), needed - set(files)
        before = code_digest(module, package_copy)
        for name in needed:
            old = _touched(files[name], b"\n# an edit\n")
            try:
                assert code_digest(module, package_copy) != before, f"{module}: editing {name} left its key unchanged"
            finally:
                files[name].write_bytes(old)


def test_a_layout_is_computed_again_after_its_code_changes(tmp_path, monkeypatch):
    from graph.map import layout as layout_module

    monkeypatch.setenv("CAREKG_CACHE", str(tmp_path))
    calls = []
    real = layout_module._layout
    monkeypatch.setattr(layout_module, "_layout", lambda *a: calls.append(1) or real(*a))
    G = nx.path_graph(4)
    first = layout_module.layout(G)
    assert layout_module.layout(G) == first and len(calls) == 1  # kept
    monkeypatch.setattr(layout_module, "code_digest", lambda module: "another branch")
    layout_module.layout(G)
    assert len(calls) == 2, "a layout kept by other code was reused"


def test_the_coalition_checks_are_run_again_after_their_code_changes(tmp_path, monkeypatch):
    from graph.analysis import checked

    recs = [dict(actor=a, proposal="ex:p", position="support", source="ex:s", evidence="one sentence") for a in ("ex:a", "ex:b")]
    calls = []
    real = checked.defend
    monkeypatch.setattr(checked, "defend", lambda *a, **k: calls.append(1) or real(*a, **k))
    checked.for_map(recs, cache=tmp_path)
    checked.for_map(recs, cache=tmp_path)
    assert len(calls) == 1
    monkeypatch.setattr(cache, "code_digest", lambda module, package=None: "stances.py edited")
    checked.for_map(recs, cache=tmp_path)
    assert len(calls) == 2, "coalition checks kept by other code were reused"


def test_memo_folders_are_never_evicted_as_stores(tmp_path):
    root = cache.cache_folder(tmp_path / "cache")
    (root / "kept").mkdir()
    (root / "kept" / "layout-x.json").write_text("[]", encoding="utf-8")
    stores = []
    for n in range(cache.KEEP + 3):
        folder = root / f"store{n}"
        folder.mkdir()
        cache.mark(folder)
        stores.append(folder)
    cache.evict(root, keep=stores[0])
    assert (root / "kept" / "layout-x.json").exists()
    assert stores[0].exists() and sum(s.exists() for s in stores) == cache.KEEP
