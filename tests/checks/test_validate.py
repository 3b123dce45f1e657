"""`carekg validate`: clean on the curated data, and every problem reported when it is not."""

from __future__ import annotations

import re

import pytest

from graph.checks.validate import check_consistency, check_evidence, validate
from graph.kg.load import load
from graph.rdf.paths import Paths

from ..helpers import run_carekg

PREFIXES = ("@prefix carekg: <https://w3id.org/carekg/ontology#> . @prefix kg: <https://w3id.org/carekg/id/> .\n"
            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n")


def test_curated_data_is_clean(cli):
    code, out, err = cli("validate")
    assert code == 0, out + err
    assert "shacl, qc, evidence, ontology checks pass" in out


def test_every_problem_is_reported_with_focus_path_message_and_file(project_copy):
    (project_copy.data / "zz-bad.ttl").write_text(PREFIXES + """
kg:stance-bad-1 a carekg:Stance ; carekg:source kg:article-000 ; carekg:evidence "King’s Fund calls" .
kg:stance-bad-2 a carekg:Stance ; carekg:actor kg:kings-fund ; carekg:proposal kg:proposal-pool-budgets ;
    carekg:position carekg:Support ; carekg:date "2015"^^xsd:gYear ; carekg:implicit false ;
    carekg:source kg:article-000 ; carekg:evidence "words that appear in no article at all" .
kg:tenure-bad a carekg:Tenure ; carekg:source kg:article-000 ; carekg:evidence "Jeremy Hunt" .
kg:amount-bad a carekg:Amount ; carekg:source kg:article-000 ; carekg:evidence "Jeremy Hunt" ;
    carekg:amountOf kg:better-care-fund ; carekg:measure "x" .
""", encoding="utf-8")
    problems = validate(load(project_copy), checks=("shacl", "qc", "evidence"))
    text = "\n".join(map(str, problems))
    # Not just the first problem: each broken claim is reported, each with its file.
    for focus in ("kg:stance-bad-1", "kg:stance-bad-2", "kg:tenure-bad", "kg:amount-bad"):
        assert focus in text
    assert all(p.file == "data/zz-bad.ttl" for p in problems if "bad" in p.focus)
    paths = {p.path for p in problems if p.focus == "kg:stance-bad-1"}
    assert {"carekg:actor", "carekg:proposal", "carekg:position", "carekg:date|carekg:latest"} <= paths
    assert any("schema:value" in p.path for p in problems if p.focus == "kg:amount-bad")
    assert any(p.check == "evidence" and p.focus == "kg:stance-bad-2" for p in problems)


def test_validate_cli_exits_1_and_lists_problems(project_copy):
    (project_copy.data / "zz-bad.ttl").write_text(PREFIXES + """
kg:rel-bad a carekg:Relationship ; carekg:subject kg:labour ; carekg:relation carekg:supports ;
    carekg:object kg:labour ; carekg:source kg:article-002 ; carekg:evidence "Labour" .
""", encoding="utf-8")
    proc = run_carekg("validate", "--check", "shacl", "--check", "qc", env={"CAREKG_HOME": str(project_copy.root)})
    assert proc.returncode == 1
    lines = proc.stdout.strip().splitlines()
    assert any("qc:relationship-self-loop" in ln for ln in lines)
    assert any("qc:relation-kind-domain" in ln for ln in lines)
    assert all(ln.startswith("data/") or ln.startswith("-") for ln in lines)
    assert "Traceback" not in proc.stderr


def test_evidence_is_verbatim_in_the_articles(kg):
    assert check_evidence(kg) == []


def test_evidence_check_reads_seeds_from_environment(kg, tmp_path, monkeypatch):
    seeds = sorted(p.name for p in Paths().seeds.iterdir())
    monkeypatch.setenv("CAREKG_SEEDS", str(tmp_path))  # an empty folder: every article is missing
    problems = check_evidence(load())
    # One line per article, in order, not one per claim.
    assert [(p.focus, p.message) for p in problems] == [
        (f"kg:article-{n:03}", f"{tmp_path / seed}: article text not found (set CAREKG_SEEDS, or keep a dataset's texts in DATA/sources)")
        for n, seed in enumerate(seeds)]


def test_every_evidence_phrase_appears_in_its_article(kg):
    # Independent of graph.checks.validate: read the seeds ourselves.
    from graph.rdf.namespaces import CAREKG

    for claim, evidence in kg.data.subject_objects(CAREKG.evidence):
        article = kg.data.value(claim, CAREKG.source)
        seed = kg.data.value(article, CAREKG.seedFile)
        text = re.sub(r"\s+", " ", (kg.paths.seeds / str(seed)).read_text(encoding="utf-8"))
        assert str(evidence) in text or re.sub(r"\s+", " ", str(evidence)) in text, (claim, evidence)
        assert len(str(evidence).split()) <= 15, (claim, evidence)


@pytest.mark.java
def test_ontology_with_data_is_consistent_under_hermit(kg):
    assert check_consistency(kg) == []


@pytest.mark.java
def test_hermit_detects_a_contradiction():
    from graph.rdf.namespaces import CAREKG, KG

    broken = load()
    # Person and Organisation are disjoint.
    broken.engine.load_text(f"<{KG['kings-fund']}> a <{CAREKG.Person}> .", "<test>")
    problems = check_consistency(broken)
    assert problems and "inconsistent" in problems[0].message


@pytest.mark.parametrize("query", ["ontology-missing-label-or-definition", "undeclared-carekg-terms"])
def test_ontology_qc_queries_return_no_rows(kg, query):
    from graph.sparql.catalog import load_named_query
    q = load_named_query(kg.paths.queries / "qc" / f"{query}.rq")
    assert kg.engine.query(q.text, origin=q.path).rows == []


def test_a_thing_no_file_declares_is_named_unknown(tmp_path):
    """A slug used but declared nowhere (the curated kg:norman-lamb in a dataset that does not
    build on the curated graph) is named as an unknown entity, not only as a shape's failure."""
    from graph.rdf.datasets import init_dataset

    data = init_dataset(tmp_path / "alone", standalone=True)
    (data / "a.ttl").write_text("""@prefix carekg: <https://w3id.org/carekg/ontology#> .
@prefix kg: <https://w3id.org/carekg/id/> .
kg:article-000 a carekg:SourceArticle .
kg:stance-000-01 a carekg:Stance ; carekg:actor kg:norman-lamb ; carekg:source kg:article-000 .
""", encoding="utf-8")
    r = run_carekg("--data", data, "validate", "--check", "qc")
    assert r.returncode == 1
    assert (f"{data / 'a.ttl'}\tqc:unknown-things\tkg:stance-000-01\t-\tunknown entity kg:norman-lamb: no file declares it "
            "(give it a class and a label, or check the slug; a dataset made by carekg init knows the curated things too)"
            ) in r.stdout.splitlines()
    assert "kg:article-000" not in "".join(ln for ln in r.stdout.splitlines() if "unknown-things" in ln)
