"""suggest: known names as people type them, acronyms defined in the text, sums of money,
stances by cue; and the command line."""

from __future__ import annotations

import re
import sys

import pytest

from graph.coding.suggest.draft import suggest_sheet
from graph.coding.yamlio import parse_sheet
from graph.rdf.paths import Paths

from ..helpers import ROOT

TEXT = ("Kings Fund warns against a national mandate\n\nThe Kings Fund rejected a national mandate to pool "
        "budgets, said Norman Lambb. The Borsetshire Integrated Care Board (BICB) will receive £2.5m for the "
        "Better Care Fund.\n")


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


# --- no Python values in a sheet; time linear in the text ----------------------------------------

def _leaves(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from _leaves(v)
    else:
        yield value


def _drafts(index):
    from graph.text.spans import body_end

    paths = Paths()
    texts = [f.read_text(encoding="utf-8") for f in sorted(paths.seeds.glob("*.txt"))]
    texts += [f.read_text(encoding="utf-8") for f in sorted((ROOT / "benchmarks" / "dev").glob("*.txt"))]
    texts += [TEXT, "Care minister Jane Roe backed pooled budgets. The government agreed."]
    assert len(texts) >= 8 and all(body_end(t) > 0 for t in texts)
    return [suggest_sheet(t, index, "article-009", "2016") for t in texts]


def test_every_value_of_every_drafted_sheet_is_plain_text(index):
    """A sheet holds words, ids, dates and flags: never the repr of a Python or rdflib object
    (a draft once carried postIn: "{rdflib.term.URIRef('…/government')}")."""
    from graph.coding.yamlio import dump_yaml

    drafts = _drafts(index)
    for sheet in drafts:
        for leaf in _leaves(sheet):
            assert isinstance(leaf, (str, bool)), leaf
            if isinstance(leaf, str):
                assert not re.search(r"rdflib|URIRef\(|Literal\(|^[{\[<(]|^(?:None|set\(\))$", leaf), leaf
        assert "rdflib" not in dump_yaml(sheet)
    minister = next(r for r in drafts[-1]["entities"] if r.get("class") == "MinisterialPost")
    assert (minister["label"], minister["postIn"]) == ("Care minister", "government")


def _calls(text, index) -> int:
    """How many Python and C functions drafting a sheet for ``text`` calls: work done, whatever the machine."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        suggest_sheet(text, index)
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.slow
def test_work_grows_with_the_text_not_its_square(index):
    """Issue 17: 48 KB of repeated money phrases took 131 s (a sentence with no full stop was
    read again for each sum).  Four times the text must take about four times the work, not
    sixteen; and a generous bound per character holds."""
    phrase = "an extra £1.2m for the Better Care Fund, "
    small, large = (phrase * 300)[:12_000], (phrase * 1200)[:48_000]
    work_small, work_large = _calls(small, index), _calls(large, index)
    assert work_large < 6 * work_small, (work_small, work_large)
    assert work_large < 800 * len(large), work_large


def test_the_benchmark_texts_say_they_are_invented_and_stay_out_of_the_data():
    texts = sorted((ROOT / "benchmarks").glob("*/*.txt"))
    golds = sorted((ROOT / "benchmarks").glob("*/*.yaml"))
    assert {p.parent.name for p in texts} == {"dev", "heldout", "heldout2"} and len(texts) >= 13 and len(golds) == len(texts)
    for path in texts:
        assert path.read_text(encoding="utf-8").startswith("# Invented test article"), path
    for path in golds:
        assert path.read_text(encoding="utf-8").startswith("# Invented test material"), path
    for path in (ROOT / "data").rglob("*"):
        if path.is_file():
            assert "Invented test" not in path.read_text(encoding="utf-8") and "benchmarks/" not in path.read_text(encoding="utf-8")
