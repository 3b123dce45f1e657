"""The shapes run as SPARQL give pyshacl's results, result for result.

One copy of the curated data is broken on purpose in twenty ways, one per kind of constraint the
shapes use; the SPARQL validator must find every break, and exactly what pyshacl finds (focus,
path and message, counted), so `carekg validate` still finds everything it found with pyshacl.

CI cost: about 10 s (pyshacl runs twice on the curated data).
"""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import BNode, Graph

from graph.errors import ShapeError
from graph.kg.load import load
from graph.rdf.namespaces import curie
from graph.rdf.paths import Paths
from graph.sparql.shacl import compile_shapes, pyshacl_violations, violations

from ..helpers import ROOT

# Each break: (what it breaks, SPARQL Update on the curated data, the focus that must be reported).
BREAKS = [
    ("minCount", "DELETE WHERE { kg:stance-001-07 carekg:actor ?a }", "kg:stance-001-07"),
    ("maxCount", "INSERT DATA { kg:stance-001-08 carekg:actor kg:norman-lamb }", "kg:stance-001-08"),
    ("class", "DELETE { kg:stance-001-09 carekg:actor ?a } INSERT { kg:stance-001-09 carekg:actor kg:proposal-pool-budgets }"
              " WHERE { kg:stance-001-09 carekg:actor ?a }", "kg:stance-001-09"),
    ("in", "DELETE { kg:stance-001-10 carekg:position ?p } INSERT { kg:stance-001-10 carekg:position carekg:PoolingKind }"
           " WHERE { kg:stance-001-10 carekg:position ?p }", "kg:stance-001-10"),
    ("pattern", "DELETE { kg:stance-001-11 carekg:evidence ?e } INSERT { kg:stance-001-11 carekg:evidence \"two  spaces\" }"
                " WHERE { kg:stance-001-11 carekg:evidence ?e }", "kg:stance-001-11"),
    ("datatype", "DELETE { kg:stance-001-12 carekg:evidence ?e } INSERT { kg:stance-001-12 carekg:evidence \"tagged\"@en }"
                 " WHERE { kg:stance-001-12 carekg:evidence ?e }", "kg:stance-001-12"),
    ("node (sh:or of datatypes)", "DELETE { kg:stance-001-13 carekg:date ?d } INSERT { kg:stance-001-13 carekg:date \"2014\" }"
                                  " WHERE { kg:stance-001-13 carekg:date ?d }", "kg:stance-001-13"),
    ("decimal", "DELETE { ?a schema:value ?v } INSERT { ?a schema:value 12 } WHERE { { SELECT ?a WHERE { ?a a carekg:Amount }"
                " ORDER BY ?a LIMIT 1 } ?a schema:value ?v }", None),
    ("currency pattern", "DELETE { ?a schema:currency ?c } INSERT { ?a schema:currency \"gbp\" } WHERE { { SELECT ?a WHERE"
                         " { ?a a carekg:Amount } ORDER BY DESC(?a) LIMIT 1 } ?a schema:currency ?c }", None),
    ("in (literals)", "DELETE { ?f schema:unitText ?u } INSERT { ?f schema:unitText \"percentage\" } WHERE { { SELECT ?f"
                      " WHERE { ?f a carekg:Figure } ORDER BY ?f LIMIT 1 } ?f schema:unitText ?u }", None),
    ("inverse path", "INSERT DATA { kg:post-orphan a carekg:Post ; rdfs:label \"Orphan post\" ; carekg:postIn kg:government }",
                     "kg:post-orphan"),
    ("entity without mention", "INSERT DATA { kg:nobody a carekg:Person ; rdfs:label \"Nobody at all\" }", "kg:nobody"),
    ("two labels", "INSERT DATA { kg:steve-kell rdfs:label \"Stephen Kell\" }", "kg:steve-kell"),
    ("node with a property", "DELETE { kg:rel-001-01 carekg:relation ?r } INSERT { kg:rel-001-01 carekg:relation carekg:actor }"
                             " WHERE { kg:rel-001-01 carekg:relation ?r }", "kg:rel-001-01"),
    ("lessThan and class in a node", "INSERT DATA { kg:tenure-001-01 oa:hasSelector [ oa:start \"10\"^^xsd:nonNegativeInteger ;"
                                     " oa:end \"5\"^^xsd:nonNegativeInteger ] }", "kg:tenure-001-01"),
    ("title", "DELETE WHERE { kg:article-002 dcterms:title ?t }", "kg:article-002"),
    ("proposal kind", "DELETE WHERE { kg:proposal-integration carekg:proposalKind ?k }", "kg:proposal-integration"),
    ("stance as a blank node", "INSERT DATA { [] a carekg:Stance ; carekg:actor kg:norman-lamb ; carekg:proposal"
                               " kg:proposal-pool-budgets ; carekg:position carekg:Support ; carekg:date \"2014-06-05\"^^xsd:date ;"
                               " carekg:implicit false ; carekg:source kg:article-001 ; carekg:evidence \"Lamb\" }", "_:"),
    ("speaker not a person", "INSERT DATA { kg:stance-001-01 carekg:speaker kg:kings-fund }", "kg:stance-001-01"),
    ("dataset rule", "DELETE { ?d carekg:maxEvidenceWords ?n } INSERT { ?d carekg:maxEvidenceWords \"0\"^^xsd:positiveInteger }"
                     " WHERE { ?d carekg:maxEvidenceWords ?n }", "<https://w3id.org/carekg/dataset/curated>"),
]


def _focus(term) -> str:
    return "_:" if isinstance(term, BNode) else curie(term)


def _results(found) -> Counter:
    return Counter((_focus(f), path, message) for f, path, message in found)


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """The curated data with every break applied, as a dataset folder, loaded."""
    from graph.rdf.namespaces import PREFIXES

    tmp = tmp_path_factory.mktemp("broken")
    data = Graph()
    for path in Paths().data_files():
        data.parse(path, format="turtle")
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    for _, update, _ in BREAKS:
        data.update(prologue + "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n" + update)
    (tmp / "data").mkdir()
    data.serialize(tmp / "data" / "broken.ttl", format="turtle")
    paths = Paths(root=tmp, data=tmp / "data", build=tmp / "build")
    return load(paths)


def test_curated_data_conforms_both_ways(kg):
    assert violations(kg) == [] and pyshacl_violations(kg) == []


def test_every_break_is_found_exactly_as_pyshacl_finds_it(broken):
    ours, theirs = _results(violations(broken)), _results(pyshacl_violations(broken))
    assert ours == theirs
    reported = {focus for focus, _, _ in ours}
    for what, _, focus in BREAKS:
        if focus is not None:
            assert focus in reported, f"break not found: {what}"
    assert len(ours) >= len(BREAKS)


def test_an_unsupported_constraint_is_refused(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\n"
                      "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:uniqueLang true ] .\n",
                      encoding="utf-8")
    with pytest.raises(ShapeError, match="sh:uniqueLang"):
        compile_shapes(shapes)


def test_the_project_shapes_compile():
    assert len(compile_shapes(ROOT / "ontology" / "shapes.ttl")) > 40
