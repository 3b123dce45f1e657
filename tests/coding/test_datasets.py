"""A researcher's own article in a dataset of their own, built on the curated graph: init,
source add, suggest, edit, check, apply, build, and every reading command on the curated facts
and the new ones together, with nothing written outside the dataset's folder."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from graph.analysis.stances import stance_records
from graph.coding.check import check_sheet, export_article
from graph.kg.load import load_kg
from graph.rdf.datasets import init_dataset
from graph.rdf.paths import Paths

from ..helpers import ROOT, run_carekg

# An article written for this test (made up: Borsetshire, Jane Roe and the Borchester Echo are
# fictional).  It names curated things by the aliases articles use: Lamb, CCGs, HWBs, DH.
STORY = "\n\n".join([
    "Borsetshire to pool its care budgets from April",
    "15 March 2016. By Alex Writer for the Borchester Echo",
    "Borsetshire Council will put its adult social care money and the NHS money for community care "
    "into one pot from April.",
    "Jane Roe, director of adult care at Borsetshire Council, said a single pooled budget was the only way "
    "to stop patients being passed between services. \"Lamb was right about this,\" she told the county's "
    "health and wellbeing board.",
    "The two CCGs in the county have signed up, and Roe urged HWBs elsewhere to follow their lead. "
    "She did not say whether the DH had been consulted.",
]) + "\n"
TITLE = "Borsetshire to pool its care budgets from April"

# The coder's sheet: the date said once, in the header; curated things by slug, alias or label.
SHEET = """\
article: article-005
date: 2016-03-15
dateText: 15 March 2016
entities:
  - class: Person
    label: Jane Roe
    mentions:
      - Jane Roe, director of adult care at Borsetshire Council
  - class: LocalAuthority
    label: Borsetshire Council
    mentions: [Borsetshire Council will put its adult social care money]
  - id: norman-lamb
    mentions: [Lamb was right about this]
  - id: CCGs
    mentions: [The two CCGs in the county have signed up]
  - id: HWBs
    mentions: [Roe urged HWBs elsewhere to follow their lead]
  - id: DH
    mentions: [whether the DH had been consulted]
  - id: Pool health and social care budgets
    mentions: [a single pooled budget was the only way]
  - id: proposal-single-budget-every-area
    mentions: [urged HWBs elsewhere to follow their lead]
stances:
  - actor: Jane Roe
    proposal: Pool health and social care budgets
    position: Support
    implicit: false
    evidence: a single pooled budget was the only way to stop patients being passed
  - actor: Jane Roe
    proposal: proposal-single-budget-every-area
    position: Support
    implicit: true
    note: Urging the boards elsewhere to follow Borsetshire reads as support for a pooled budget in every area.
    evidence: Roe urged HWBs elsewhere to follow their lead
"""


def _ok(r):
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stdout + r.stderr
    return r


def _rows(r) -> list[dict]:
    return list(csv.DictReader(io.StringIO(r.stdout)))


def _snapshot(*folders: Path) -> dict:
    """Every file under the folders (not .git, nor Python's bytecode caches): its size and time."""
    out = {}
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            parts = path.relative_to(folder).parts
            if parts[:1] == (".git",) or "__pycache__" in parts or not path.is_file():
                continue
            st = path.stat()
            out[str(path)] = (st.st_size, st.st_mtime_ns)
    return out


@pytest.mark.slow
def test_own_article_in_a_dataset_built_on_the_curated_graph(tmp_path):
    data, story, sheet = tmp_path / "mine", tmp_path / "story.txt", tmp_path / "article-005.yaml"
    story.write_text(STORY, encoding="utf-8")
    shared = Paths().seeds.resolve().parent
    before = _snapshot(ROOT, shared)

    # Commands run from the checkout, as a user runs them: a build/ or map.html written there
    # would be the curated one.
    def carekg(*args):
        return _ok(run_carekg("--data", data, *args, cwd=ROOT))

    r = _ok(run_carekg("init", data, cwd=ROOT))
    assert r.stdout.startswith(f"made {data}: a dataset built on the curated graph")
    r = carekg("source", "add", story, "--title", TITLE, "--date", "2016-03-15", "--date-text", "15 March 2016",
               "--publisher", "Borchester Echo", "--author", "Alex Writer")
    seed = next((data / "sources").iterdir())
    assert r.stdout.startswith(f"registered kg:article-005: {seed} ")   # numbered after the curated 000-004
    sources = (data / "sources.ttl").read_text(encoding="utf-8")
    assert 'carekg:dateText "15 March 2016"' in sources and "dcterms:publisher kg:borchester-echo" in sources

    # The draft gives the article's date once, in its header; the coder writes the sheet.
    carekg("suggest", story, "-o", sheet)
    draft = sheet.read_text(encoding="utf-8")
    assert "\narticle: article-005\ndate: 2016-03-15\ndateText: 15 March 2016\n" in draft
    assert "\n    date: " not in draft
    sheet.write_text(SHEET, encoding="utf-8")
    r = carekg("code", "check", sheet)
    assert r.stdout == f"{sheet}: ok (10 evidence phrases found)\n"
    r = carekg("code", "apply", sheet)
    assert r.stdout.startswith(f"wrote {data / 'article-005.ttl'} (")
    written = (data / "article-005.ttl").read_text(encoding="utf-8")
    assert written.count('carekg:date "2016-03-15"^^xsd:date ;\n    carekg:dateText "15 March 2016"') == 2
    assert "carekg:implicit true" in written

    r = carekg("build")
    assert r.stdout.splitlines()[0] == f"wrote {data / 'build' / 'carekg.ttl'}"
    carekg("validate")

    # describe: the curated facts and the new ones together, each with its article.
    facts = _rows(carekg("describe", "HWBs", "-f", "csv"))
    said = {(f["source"], f["evidence"]) for f in facts}
    assert (TITLE, "Roe urged HWBs elsewhere to follow their lead") in said
    assert ("A roundup of Tuesday’s important developments for healthcare leaders",
            "the think tank said that HWBs are not fit for holding pooled budgets") in said
    facts = _rows(carekg("describe", "Jane Roe", "-f", "csv"))
    assert {(f["predicate"], f["object"], f["qualifiers"]) for f in facts if f["predicate"] == "supports"} == {
        ("supports", "Pool health and social care budgets", ""), ("supports", "A single pooled budget in every area", "implicit")}

    # stances-on-proposal: Jane Roe beside the curated stances on the curated proposal.
    stances = _rows(carekg("query", "stances-on-proposal", "-p", "proposal=kg:proposal-pool-budgets", "-f", "csv"))
    actors = {s["actor"].rsplit("/", 1)[-1] for s in stances}
    assert {"jane-roe", "norman-lamb", "kings-fund", "john-oldham"} <= actors
    roe = next(s for s in stances if s["actor"].endswith("/jane-roe"))
    assert (roe["date"], roe["implicit"], roe["evidence"]) == (
        "2016-03-15", "false", "a single pooled budget was the only way to stop patients being passed")
    articles = _rows(carekg("query", "source-articles", "-f", "csv"))
    assert len(articles) == 6
    mine = next(a for a in articles if a["title"] == TITLE)
    assert (mine["publisher"], mine["author"]) == ("https://w3id.org/carekg/id/borchester-echo",
                                                   "https://w3id.org/carekg/id/alex-writer")

    # The map and the coalitions read the combined graph; the map goes into the dataset's build.
    r = carekg("map", "--no-coalitions")
    assert r.stderr.splitlines()[-1].startswith(f"wrote {data / 'build' / 'map.html'} (")
    html = (data / "build" / "map.html").read_text(encoding="utf-8")
    assert "Jane Roe" in html and "Norman Lamb" in html and "Borchester Echo" in html
    r = carekg("coalitions", "--named-only", "--runs", "0")
    assert "Jane Roe" in r.stdout and "Norman Lamb" in r.stdout
    # A notebook's load_kg(DIR): the same combined graph.
    records = stance_records(load_kg(data))
    assert len(records) == len(stance_records(load_kg())) + 2
    assert {r["actor_label"] for r in records} >= {"Jane Roe", "Norman Lamb"}

    # Nothing outside the dataset's folder changed: the checkout (its data/, and build/ with the
    # curated map), ../shared with the curated texts, and the folder the test works in.
    assert _snapshot(ROOT, shared) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article-005.yaml", "mine", "story.txt"]


@pytest.fixture(scope="module")
def built_on(tmp_path_factory) -> Path:
    """One dataset built on the curated graph, shared by the sheets below."""
    return init_dataset(tmp_path_factory.mktemp("own") / "mine")


ARTICLES = [f"article-00{n}" for n in range(5)]


@pytest.mark.parametrize("article", ARTICLES)
def test_every_curated_sheet_passes_the_check_in_a_dataset_built_on_the_curated_graph(article, built_on, tmp_path):
    """An exported curated sheet is correct, so it passes there as in the curated data: its
    aliases are attested in other articles (MP, CCGs, HWBs, DH), whatever its values."""
    sheet = tmp_path / f"{article}.yaml"
    sheet.write_text(export_article(article), encoding="utf-8")
    report = check_sheet(sheet, Paths.for_dataset(built_on))
    assert report.messages() == []
    assert len(report.offsets) == len(report.converted.evidence) > 40


def test_code_apply_writes_only_the_datasets_own_articles(built_on, tmp_path, cli):
    sheet = tmp_path / "a1.yaml"
    sheet.write_text(export_article("article-001"), encoding="utf-8")
    before = sorted(os.listdir(built_on))
    code, out, err = cli("--data", built_on, "code", "apply", sheet)
    assert (code, err) == (2, f"carekg: error: kg:article-001 is an article of the curated graph this dataset builds on: "
                              f"code apply writes only {built_on}'s own articles (register yours with carekg source add)\n")
    assert sorted(os.listdir(built_on)) == before
