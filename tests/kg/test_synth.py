"""`carekg synth`: a dataset of the curated data's shape that every check passes and every
command reads with --data.  CI cost: about 15 s (one 4,000-triple dataset, validated once)."""

from __future__ import annotations

import re

import pytest

from graph.kg.load import load
from graph.rdf.paths import Paths


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from graph.cli.parser import main

    out = tmp_path_factory.mktemp("synth") / "ds"
    assert main(["synth", "--triples", "4000", "--seed", "3", "-o", str(out)]) == 0
    return out


def test_it_conforms_to_the_shapes_and_passes_every_check(synthetic, cli):
    code, out, err = cli("--data", synthetic, "validate")
    assert code == 0, out + err
    assert out.startswith("valid: ") and "shacl, qc, evidence, ontology checks pass" in out


def test_size_shape_and_distinct_blank_nodes(synthetic):
    kg = load(Paths.for_dataset(synthetic))
    curated = kg.counts["curated"]
    assert 4000 <= curated["triples"] < 4400  # "about N": whole articles
    classes = curated["classes"]
    for kind in ("carekg:Stance", "carekg:Tenure", "carekg:Relationship", "carekg:Amount", "carekg:Person",
                 "carekg:Post", "carekg:Fund", "carekg:Proposal", "carekg:SourceArticle", "carekg:ClinicalCommissioningGroup",
                 "carekg:LocalAuthority", "carekg:ThinkTank", "carekg:HealthAndWellbeingBoard"):
        assert classes.get(kind, 0) > 0, kind
    # Every mention written as [] is its own blank node in the store.
    written = sum(len(re.findall(r"^\[\] a carekg:Mention", p.read_text(encoding="utf-8"), re.MULTILINE))
                  for p in synthetic.glob("*.ttl"))
    assert classes["carekg:Mention"] == written
    precisions = {str(d.datatype).rsplit("#", 1)[1] for (d,) in kg.engine.query(
        "SELECT DISTINCT ?d WHERE { ?s a carekg:Stance ; carekg:date ?d }").rows}
    assert precisions == {"date", "gYearMonth", "gYear"}


def test_one_seed_one_dataset(synthetic, tmp_path):
    from graph.kg.synth import synthesise

    synthesise(tmp_path / "again", 4000, seed=3)
    files = sorted(p.relative_to(synthetic) for p in synthetic.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "again") for p in (tmp_path / "again").rglob("*") if p.is_file())
    assert all((synthetic / f).read_bytes() == (tmp_path / "again" / f).read_bytes() for f in files)


def test_commands_read_it_with_data(synthetic, cli):
    code, out, err = cli("--data", synthetic, "query", "proposal-scoreboard", "-f", "csv")
    assert code == 0 and out.count("\n") > 20, err


def test_refuses_a_folder_with_files(tmp_path, cli):
    (tmp_path / "x.txt").write_text("keep me")
    code, _, err = cli("synth", "--triples", "1000", "-o", tmp_path)
    assert code == 2 and "not an empty folder" in err and (tmp_path / "x.txt").read_text() == "keep me"
