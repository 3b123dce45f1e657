"""HermiT where it pays: on the ontology by default (kept in the cache under a hash of the file),
on the ontology with the data with ``--owl``; what it would find in the data is checked by the QC
queries ``queries/qc/owl-*.rq`` on every build.  Each kind of contradiction is shown to both."""

from __future__ import annotations

import pytest

from graph.checks.validate import DEFAULT_CHECKS, check_consistency, check_ontology, check_qc
from graph.kg.load import load

from ..helpers import run_carekg

pytestmark = pytest.mark.java  # HermiT runs in every test here

PREFIXES = ("@prefix carekg: <https://w3id.org/carekg/ontology#> . @prefix kg: <https://w3id.org/carekg/id/> .\n"
            "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix dcat: <http://www.w3.org/ns/dcat#> .\n")


@pytest.mark.parametrize("turtle, check, focus", [
    # an organisation typed a person too: Person and Organisation are disjoint
    ("kg:kings-fund a carekg:Person .", "qc:owl-disjoint-classes", "kg:kings-fund"),
    # a fund given as a stance's speaker (range Person): a fund is no actor
    ("kg:stance-001-01 carekg:speaker kg:better-care-fund .", "qc:owl-disjoint-classes", "kg:better-care-fund"),
    # two text files for one article (a functional property)
    ('kg:article-001 carekg:seedFile "another.txt" .', "qc:owl-functional-properties", "kg:article-001"),
    # a word where a boolean is due, 0 where a positive integer is
    ('kg:zz-claim a carekg:Stance ; carekg:implicit "yes" .', "qc:owl-datatype-ranges", "kg:zz-claim"),
    ("kg:zz-dataset a dcat:Dataset ; carekg:maxEvidenceWords 0 .", "qc:owl-datatype-ranges", "kg:zz-dataset"),
])
def test_what_hermit_finds_in_the_data_the_qc_queries_find_too(project_copy, turtle, check, focus):
    (project_copy.data / "zz-contradiction.ttl").write_text(PREFIXES + turtle + "\n", encoding="utf-8")
    kg = load(project_copy)
    owl = check_consistency(kg)
    assert [p.message for p in owl] == ["HermiT: the ontology with the data is inconsistent"]
    found = [(p.check, p.focus) for p in check_qc(kg)]
    assert (check, focus) in found, found


def test_the_default_checks_run_hermit_on_the_ontology_once_per_change(project_copy, tmp_path, monkeypatch):
    from graph.checks import validate as module

    monkeypatch.setenv("CAREKG_CACHE", str(tmp_path / "cache"))
    assert "owl" not in DEFAULT_CHECKS and "ontology" in DEFAULT_CHECKS
    runs = []
    real = module._verdict
    monkeypatch.setattr(module, "_verdict", lambda nt, what: runs.append(what) or real(nt, what))
    kg = load(project_copy, derive=False)
    assert check_ontology(kg) == [] and check_ontology(kg) == []
    assert runs == ["the ontology"], "HermiT ran again on an unchanged ontology"
    with open(project_copy.ontology, "a", encoding="utf-8") as f:  # a change HermiT must see
        f.write("\ncarekg:Person owl:disjointWith carekg:Actor .\n")
    problems = check_ontology(load(project_copy, derive=False))
    assert runs == ["the ontology"] * 2
    assert any(p.focus.endswith("ontology#Person") and "unsatisfiable" in p.message for p in problems), problems


def test_validate_owl_runs_hermit_on_the_data(project_copy):
    (project_copy.data / "zz-contradiction.ttl").write_text(PREFIXES + "kg:kings-fund a carekg:Person .\n", encoding="utf-8")
    env = {"CAREKG_HOME": str(project_copy.root)}
    default = run_carekg("validate", "--check", "ontology", env=env)
    assert default.returncode == 0 and default.stdout == "valid: ontology checks pass\n"
    full = run_carekg("validate", "--check", "ontology", "--owl", env=env)
    assert full.returncode == 1
    assert full.stdout == "-\towl\t-\t-\tHermiT: the ontology with the data is inconsistent\n"
