"""`carekg build`: the merged graph in three syntaxes, identical as graphs."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph

from graph.kg.load import derive_triples, load, write_build
from graph.rdf.namespaces import CAREKG, KG

from ..helpers import canonical


def test_build_writes_three_syntaxes_that_are_the_same_graph(cli, tmp_path):
    code, out, err = cli("build", "--out", tmp_path)
    assert code == 0, err
    graphs = {}
    for name, fmt in (("carekg.ttl", "ttl"), ("carekg.nt", "nt"), ("carekg.jsonld", "jsonld")):
        assert (tmp_path / name).stat().st_size > 0
        graphs[name] = canonical(tmp_path / name, fmt)
    loaded = canonical(load().graph.serialize(format="nt", encoding="utf-8"))
    assert graphs["carekg.ttl"] == loaded and len(loaded) > 5000
    assert graphs["carekg.nt"] == graphs["carekg.ttl"] == graphs["carekg.jsonld"]
    assert not list(tmp_path.glob(".*.tmp")), "no temporary files are left behind"


def test_build_refuses_invalid_data_and_writes_nothing(project_copy, tmp_path, monkeypatch):
    # A stance with no actor breaks the SHACL shapes: build must stop before writing.
    (project_copy.data / "zz-bad.ttl").write_text(
        "@prefix carekg: <https://w3id.org/carekg/ontology#> . @prefix kg: <https://w3id.org/carekg/id/> .\n"
        "kg:stance-bad a carekg:Stance ; carekg:source kg:article-000 ; carekg:evidence \"King’s Fund calls\" .\n",
        encoding="utf-8")
    monkeypatch.setenv("CAREKG_HOME", str(project_copy.root))
    from graph.cli.parser import main

    out = tmp_path / "out"
    assert main(["build", "--out", str(out)]) == 1
    assert not out.exists()


def test_derivation_rules_add_the_expected_shortcuts(kg):
    g = kg.graph
    assert (KG["norman-lamb"], CAREKG.supports, KG["proposal-national-mandate"]) in g
    assert (KG["steve-kell"], CAREKG.opposes, KG["proposal-national-mandate"]) in g
    # Tenures give ORG memberships; relationships give their direct triple.
    from rdflib.namespace import DCTERMS, ORG
    assert (KG["graham-burgess"], ORG.memberOf, KG["wirral-mbc"]) in g
    assert (KG["oldham-report"], DCTERMS.creator, KG["john-oldham"]) in g
    assert (KG["labour"], CAREKG.commissioned, KG["oldham-report"]) in g


def test_derivation_is_idempotent():
    fresh = load()
    before = len(fresh.engine)
    assert derive_triples(fresh.engine) == 0
    assert len(fresh.engine) == before


def test_write_build_is_atomic_on_failure(kg, tmp_path, monkeypatch):
    target = tmp_path / "carekg.ttl"
    target.write_text("old", encoding="utf-8")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(type(kg.engine), "dump", boom)
    import pytest

    from graph.errors import OutputError

    with pytest.raises(OutputError):
        write_build(kg, tmp_path)
    assert target.read_text(encoding="utf-8") == "old"
    assert not list(tmp_path.glob(".*.tmp"))


def test_build_files_are_readable_by_others(cli, tmp_path):
    # Temporary files are owner-only; the finished outputs must not inherit that.
    import os
    import stat

    assert cli("build", "--out", tmp_path)[0] == 0
    mask = os.umask(0)
    os.umask(mask)
    for f in tmp_path.iterdir():
        expected = (0o777 if f.is_dir() else 0o666) & ~mask
        assert stat.S_IMODE(f.stat().st_mode) == expected, f


# --- the cached build ------------------------------------------------------------------------

def test_build_writes_a_store_that_an_oxigraph_server_can_open(cli, tmp_path):
    import json

    import pyoxigraph as ox

    assert cli("build", "--out", tmp_path)[0] == 0
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    store = ox.Store.read_only(str(tmp_path / "store"))
    nt = Graph().parse(tmp_path / "carekg.nt", format="nt")
    assert len(store) == len(nt) == manifest["triples"]
    # Everything is in the default graph, so queries run unchanged on `oxigraph serve-read-only`.
    assert list(store.named_graphs()) == []
    assert manifest["counts"]["curated"]["sources"]["kg:article-000"] > 10


def _copy_env(project_copy, tmp_path):
    return {"CAREKG_HOME": str(project_copy.root), "CAREKG_CACHE": str(tmp_path / "cache")}


@pytest.mark.java
def test_query_reuses_the_build_and_rebuilds_a_stale_store_with_one_note(project_copy, tmp_path):
    from ..helpers import run_carekg

    env = _copy_env(project_copy, tmp_path)
    count = "SELECT (COUNT(*) AS ?n) { ?s a carekg:Stance }"
    r = run_carekg("build", env=env, cwd=project_copy.root)
    assert r.returncode == 0, r.stderr
    first = run_carekg("query", "-e", count, "-f", "csv", env=env, cwd=project_copy.root)
    assert first.returncode == 0 and first.stderr == "", "the fresh build/ is used as it is"
    n = int(first.stdout.split()[1])
    extra = ("@prefix carekg: <https://w3id.org/carekg/ontology#> . @prefix kg: <https://w3id.org/carekg/id/> .\n"
             "kg:stance-extra a carekg:Stance .\n")
    # Another dataset beside this build/ is not "out of date": its first use is quiet.
    other = tmp_path / "other"
    (other / "sources").mkdir(parents=True)
    (other / "extra.ttl").write_text(extra, encoding="utf-8")
    elsewhere = run_carekg("--data", other, "query", "-e", count, "-f", "csv", env=env, cwd=project_copy.root)
    assert (elsewhere.returncode, elsewhere.stderr, elsewhere.stdout.split()) == (0, "", ["n", "1"])
    (project_copy.data / "zz-extra.ttl").write_text(extra, encoding="utf-8")
    stale = run_carekg("query", "-e", count, "-f", "csv", env=env, cwd=project_copy.root)
    assert stale.returncode == 0
    assert len(stale.stderr.splitlines()) == 1 and "out of date" in stale.stderr and "made a store" in stale.stderr
    assert int(stale.stdout.split()[1]) == n + 1
    again = run_carekg("query", "-e", count, "-f", "csv", env=env, cwd=project_copy.root)
    assert again.stderr == "" and again.stdout == stale.stdout
    # build/ itself is untouched by readers: still the old, validated set.
    assert (project_copy.root / "build" / "manifest.json").exists()


def test_a_failed_or_interrupted_build_keeps_the_old_set_and_leaves_nothing_behind(cli, tmp_path, monkeypatch):
    assert cli("build", "--out", tmp_path / "out")[0] == 0
    before = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out").iterdir()}

    import graph.checks.validate

    for fault in (KeyboardInterrupt, OSError(28, "No space left on device")):
        def boom(*a, fault=fault, **k):
            raise fault
        monkeypatch.setattr(graph.checks.validate, "validate", boom)
        code, out, err = cli("build", "--out", tmp_path / "out")
        assert code == (130 if fault is KeyboardInterrupt else 2), err
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1
        assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out").iterdir()} == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "no staging folder is left"


@pytest.mark.java
def test_a_dataset_builds_into_its_own_folder_and_leaves_the_curated_build_untouched(project_copy, tmp_path):
    """``carekg --data DIR build`` (and map) used to write build/ in the current folder, over the
    curated build; each dataset now has its own DIR/build/."""
    from ..helpers import dataset_copy, run_carekg

    env = _copy_env(project_copy, tmp_path)
    assert run_carekg("build", env=env, cwd=tmp_path).returncode == 0
    curated = project_copy.root / "build"
    before = {p.name: p.stat().st_mtime_ns for p in curated.iterdir()}
    assert {"carekg.ttl", "store", "manifest.json"} <= set(before)
    ds = dataset_copy(tmp_path / "ds")
    for args in (("build",), ("map",), ("query", "documents")):
        proc = run_carekg("--data", ds, *args, env=env, cwd=project_copy.root)
        assert proc.returncode == 0, proc.stderr
    assert {p.name: p.stat().st_mtime_ns for p in curated.iterdir()} == before
    assert {"carekg.ttl", "store", "manifest.json", "map.html"} <= {p.name for p in (ds / "build").iterdir()}
    assert json.loads((ds / "build" / "manifest.json").read_text(encoding="utf-8"))["data"] == str(ds.resolve())


def test_carekg_home_moves_the_curated_texts_and_build_with_it(tmp_path, monkeypatch):
    from graph.rdf.paths import Paths

    monkeypatch.delenv("CAREKG_SEEDS", raising=False)
    monkeypatch.setenv("CAREKG_HOME", str(tmp_path / "checkout"))
    paths = Paths()
    assert (paths.data, paths.build, paths.seeds) == (tmp_path / "checkout" / "data", tmp_path / "checkout" / "build",
                                                      tmp_path / "shared" / "seeds")
    monkeypatch.setenv("CAREKG_SEEDS", str(tmp_path / "texts"))
    assert Paths().seeds == tmp_path / "texts"
