"""`carekg build`: the merged graph in three syntaxes, identical as graphs."""

from __future__ import annotations

from rdflib import Graph
from rdflib.compare import isomorphic

from graph.load import derive_triples, load, write_build
from graph.vocabulary import CAREKG, KG


def test_build_writes_three_syntaxes_that_are_the_same_graph(cli, tmp_path):
    code, out, err = cli("build", "--out", tmp_path)
    assert code == 0, err
    graphs = {}
    for name, fmt in (("carekg.ttl", "turtle"), ("carekg.nt", "nt"), ("carekg.jsonld", "json-ld")):
        assert (tmp_path / name).stat().st_size > 0
        graphs[name] = Graph().parse(tmp_path / name, format=fmt)
    kg = load()
    assert isomorphic(graphs["carekg.ttl"], kg.graph)
    assert isomorphic(graphs["carekg.nt"], graphs["carekg.ttl"])
    assert isomorphic(graphs["carekg.jsonld"], graphs["carekg.ttl"])
    assert not list(tmp_path.glob(".*.tmp")), "no temporary files are left behind"


def test_build_refuses_invalid_data_and_writes_nothing(project_copy, tmp_path, monkeypatch):
    # A stance with no actor breaks the SHACL shapes: build must stop before writing.
    (project_copy.data / "zz-bad.ttl").write_text(
        "@prefix carekg: <https://w3id.org/carekg/ontology#> . @prefix kg: <https://w3id.org/carekg/id/> .\n"
        "kg:stance-bad a carekg:Stance ; carekg:source kg:article-000 ; carekg:evidence \"King’s Fund calls\" .\n",
        encoding="utf-8")
    monkeypatch.setenv("CAREKG_HOME", str(project_copy.root))
    from graph.cli import main

    out = tmp_path / "out"
    assert main(["build", "--out", str(out)]) == 1
    assert not out.exists()


def test_derivation_rules_add_the_expected_shortcuts(kg):
    g = kg.graph
    assert (KG["norman-lamb"], CAREKG.supports, KG["proposal-national-mandate"]) in g
    assert (KG["steve-kell"], CAREKG.opposes, KG["proposal-national-mandate"]) in g
    # Tenures give ORG memberships; relationships give their direct triple.
    from rdflib.namespace import ORG, DCTERMS
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
    from graph.errors import OutputError
    import pytest

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
        assert stat.S_IMODE(f.stat().st_mode) == 0o666 & ~mask
