"""A dataset of one's own (`carekg init`): its declaration, what it builds on, and the paths
every command then reads and writes."""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import DCAT, OWL, RDF

from graph.errors import ParameterError, ParseError
from graph.rdf.datasets import CURATED, DECLARATION, declaration, imports_of, init_dataset
from graph.rdf.parse import parse_turtle
from graph.rdf.paths import Paths

from ..helpers import ROOT


def test_the_curated_data_declares_the_dataset_a_new_one_imports():
    sources = parse_turtle(ROOT / "data" / "sources.ttl")
    assert (URIRef(CURATED), RDF.type, DCAT.Dataset) in sources


def test_init_makes_a_dataset_built_on_the_curated_graph(tmp_path):
    folder = init_dataset(tmp_path / "mine")
    assert sorted(p.name for p in folder.iterdir()) == [DECLARATION, "sources"]
    declared = parse_turtle(folder / DECLARATION)
    dataset = declared.value(None, RDF.type, DCAT.Dataset, any=False)
    assert list(declared.objects(dataset, OWL.imports)) == [URIRef(CURATED)]
    assert imports_of(folder) == (CURATED,)

    paths, curated = Paths.for_dataset(folder), Paths()
    assert paths.imports == (curated,)
    # The curated files first, then the folder's own; texts: its own folder first, then the seeds.
    assert paths.data_files() == curated.data_files() + [folder / DECLARATION]
    assert paths.own_files() == [folder / DECLARATION]
    assert [tuple(f) for f in paths.text_folders()] == [(folder / "sources", folder), (curated.seeds, curated.seeds)]
    assert (paths.build, paths.seeds) == (folder / "build", folder / "sources")


def test_a_standalone_dataset_and_a_folder_without_a_declaration_stand_alone(tmp_path):
    alone = init_dataset(tmp_path / "alone", standalone=True, title="My own")
    assert imports_of(alone) == () and Paths.for_dataset(alone).imports == ()
    assert Paths.for_dataset(alone).data_files() == [alone / DECLARATION]
    assert 'dcterms:title "My own"' in (alone / DECLARATION).read_text(encoding="utf-8")
    (tmp_path / "by-hand").mkdir()
    assert Paths.for_dataset(tmp_path / "by-hand").imports == ()


def test_the_declaration_keeps_the_curated_rules():
    for standalone in (False, True):
        graph = parse_turtle("dataset.ttl", text=declaration("x", standalone))
        dataset = graph.value(None, RDF.type, DCAT.Dataset, any=False)
        rules = {p.split("#")[-1]: str(o) for p, o in graph.predicate_objects(dataset) if "ontology#" in p}
        assert rules == {"minEvidenceWords": "3", "maxEvidenceWords": "15", "namesFromText": "true"}


def test_init_refuses_a_dataset_or_a_folder_in_use(tmp_path):
    init_dataset(tmp_path / "mine")
    with pytest.raises(ParameterError, match="is a dataset already"):
        init_dataset(tmp_path / "mine")
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(Exception, match="not an empty folder"):
        init_dataset(tmp_path / "used")
    with pytest.raises(Exception, match="does not exist|no folder"):
        init_dataset(tmp_path / "no" / "such")


def test_a_declaration_that_imports_something_else_or_does_not_parse_is_one_error(tmp_path):
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / DECLARATION).write_text("[] <http://www.w3.org/2002/07/owl#imports> <https://example.org/other> .\n",
                                      encoding="utf-8")
    with pytest.raises(ParseError, match="a dataset can build on the curated graph only"):
        Paths.for_dataset(folder)
    (folder / DECLARATION).write_text("[] a <x> ; <y> .\n", encoding="utf-8")
    with pytest.raises(ParseError, match=str(folder / DECLARATION)):
        imports_of(folder)
