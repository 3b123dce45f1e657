"""A new article coded end to end, as docs/coding.md says, in a dataset of its own (--data DIR):
source add -> suggest -> accept and fix rows -> code check -> code apply -> build -> map."""

from __future__ import annotations

import pytest

from graph.coding.yamlio import dump_yaml, parse_sheet

from ..helpers import run_carekg

STORY = """Borsetshire backs pooled budgets

Jane Roe, chief executive of Borsetshire Council, called for a single pooled budget for health and social care in the county.

Borsetshire Clinical Commissioning Group rejected the plan and warned against another top-down reorganisation.
"""


def _ok(r):
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stdout + r.stderr
    return r


@pytest.mark.slow
def test_code_a_new_article_from_text_to_map(tmp_path):
    data = tmp_path / "dataset"
    data.mkdir()
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    _ok(run_carekg("--data", data, "source", "add", story, "--title", "Borsetshire backs pooled budgets",
                   "--date", "2016-03-12", "--publisher", "Borchester Echo"))
    sheet = tmp_path / "article-000.yaml"
    r = _ok(run_carekg("--data", data, "suggest", story, "-o", sheet))
    assert r.stderr.startswith(f"wrote {sheet} (")

    draft = parse_sheet(sheet.read_text(encoding="utf-8"), str(sheet)).data
    assert draft["article"] == "article-000"
    rows = {r["id"]: r for r in draft["entities"]}
    assert all(r["status"] == "candidate" for part in ("entities", "stances", "tenures") for r in draft[part])
    assert rows["jane-roe"]["class"] == "Person"
    assert rows["chief-executive-borsetshire-council"]["postIn"] == "borsetshire-council"
    assert rows["borsetshire-clinical-commissioning-group"]["class"] == "ClinicalCommissioningGroup"
    pooled = "proposal-single-pooled-budget-for-health-and-social-care"
    reorganisation = "proposal-another-top-down-reorganisation"
    stances = {(s["actor"], s["proposal"], s["position"]) for s in draft["stances"]}
    assert ("jane-roe", pooled, "Support") in stances
    assert ("borsetshire-clinical-commissioning-group", reorganisation, "Opposition") in stances

    # The curator's edit: accept the right rows, fill in what a proposal needs, reject the rest.
    keep = {"jane-roe", "chief-executive-borsetshire-council", "borsetshire-council",
            "borsetshire-clinical-commissioning-group", pooled, reorganisation}
    for row in draft["entities"]:
        row["status"] = "accepted" if row["id"] in keep else "rejected"
    rows[pooled].update(label="Single pooled budget for health and social care in Borsetshire",
                        proposalKind="PoolingKind", description="One budget for health and social care in the county.")
    rows[reorganisation].update(label="Another top-down reorganisation", proposalKind="StructureKind",
                                description="A further reorganisation of the NHS decided nationally.")
    for row in draft["stances"]:
        wanted = (row["actor"], row["proposal"]) in {("jane-roe", pooled),
                                                     ("borsetshire-clinical-commissioning-group", reorganisation)}
        row["status"] = "accepted" if wanted else "rejected"
    for row in draft["tenures"]:
        row["status"] = "accepted"
    sheet.write_text(dump_yaml(draft), encoding="utf-8")

    r = _ok(run_carekg("--data", data, "code", "check", sheet))
    assert r.stdout.startswith(f"{sheet}: ok (")
    r = _ok(run_carekg("--data", data, "code", "apply", sheet))
    assert r.stdout.startswith(f"wrote {data / 'article-000.ttl'} (")
    _ok(run_carekg("--data", data, "build", "--out", tmp_path / "build"))
    r = _ok(run_carekg("--data", data, "query", "-e",
                       "SELECT ?a ?p WHERE { ?a carekg:supports ?p } ORDER BY ?a", "-f", "csv"))
    assert r.stdout.splitlines()[1:] == [f"https://w3id.org/carekg/id/jane-roe,https://w3id.org/carekg/id/{pooled}"]
    r = _ok(run_carekg("--data", data, "describe", "Jane Roe", "-f", "csv"))
    assert "Jane Roe, chief executive of Borsetshire Council" in r.stdout
    _ok(run_carekg("--data", data, "map", "-o", tmp_path / "map.html"))
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "Jane Roe" in html and "Borsetshire Clinical Commissioning Group" in html
