"""suggest: known names as people type them, acronyms defined in the text, sums of money,
stances by cue; and the command line."""

from __future__ import annotations

import pytest
from rdflib import Graph

from graph.coding.suggest.draft import KnownIndex, suggest_sheet
from graph.coding.yamlio import parse_sheet
from graph.rdf.parse import parse_turtle
from graph.rdf.paths import Paths

TEXT = ("Kings Fund warns against a national mandate\n\nThe Kings Fund rejected a national mandate to pool "
        "budgets, said Norman Lambb. The Borsetshire Integrated Care Board (BICB) will receive £2.5m for the "
        "Better Care Fund.\n")


@pytest.fixture(scope="module")
def index():
    paths, data = Paths(), Graph()
    for f in paths.data_files():
        data += parse_turtle(f)
    return KnownIndex(data, parse_turtle(paths.ontology))


def test_known_names_acronyms_money_and_stances(index):
    sheet = suggest_sheet(TEXT, index, "article-009", "2016")
    rows = {r["id"]: r for r in sheet["entities"]}
    # "Kings Fund" (no apostrophe) and "Norman Lambb" (a typo) are the known things.
    assert rows["kings-fund"] == {"id": "kings-fund", "status": "candidate",
                                  "mentions": ["Kings Fund warns against a"], "at": ["0", "26"]}
    assert rows["norman-lamb"]["mentions"] == ["budgets, said Norman Lambb"]
    # A name whose acronym the text defines is one candidate, with the acronym as its alias.
    assert (rows["borsetshire-integrated-care-board"]["label"], rows["borsetshire-integrated-care-board"]["altLabel"]) == (
        "Borsetshire Integrated Care Board", "BICB")
    assert "bicb" not in rows
    assert sheet["amounts"] == [{
        "status": "candidate", "value": "2500000.0", "currency": "GBP", "amountOf": "better-care-fund",
        "measure": "Better Care Fund", "date": "2016", "evidence": "BICB) will receive £2.5m for the Better Care Fund",
        "at": ["163", "212"]}]
    assert [(s["actor"], s["proposal"], s["position"], s["evidence"]) for s in sheet["stances"]] == [
        ("kings-fund", "proposal-national-mandate", "Opposition", "Kings Fund warns against a national mandate"),
        ("kings-fund", "proposal-national-mandate", "Opposition",
         "Kings Fund rejected a national mandate to pool budgets, said Norman Lambb")]
    # Every quote is verbatim and where `at` says, and at most 15 words.
    for part in ("entities", "stances", "amounts"):
        for row in sheet[part]:
            a, b = map(int, row["at"])
            quote = row.get("evidence") or row["mentions"][0]
            assert " ".join(TEXT[a:b].split()) == quote and len(quote.split()) <= 15


def test_suggest_command_marks_every_row_a_candidate(tmp_path, cli):
    story = tmp_path / "story.txt"
    story.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    code, stdout, err = cli("suggest", story, "-o", out)
    assert (code, stdout) == (0, "")
    sheet = parse_sheet(out.read_text(encoding="utf-8"), str(out)).data
    rows = [r for part in ("entities", "stances", "amounts") for r in sheet[part]]
    assert err == f"wrote {out} ({len(rows)} candidate rows)\n"
    assert {r["status"] for r in rows} == {"candidate"}
    assert sheet["article"] == "article-NNN"  # not registered: the curator runs source add first
    assert out.read_text(encoding="utf-8").startswith("# Draft coding sheet for story.txt")
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9".encode("latin-1"))
    code, stdout, err = cli("suggest", bad)
    assert (code, err) == (2, f"carekg: error: {bad}: article text is not UTF-8 (byte 0xe9 at offset 3)\n")
