"""Attacks through coding sheets, suggested drafts and ``source add`` (issue 17): a sheet comes
from another coder, a text file from anyone, a dataset from anyone, so none of them may choose
the file written, write outside the dataset, put a triple or a key into a comment, or end in a
traceback.

Cost: a copy of the curated dataset per test, and some 25 in-process commands (a sheet check
is a second or two); some 60 s in all.
"""

from __future__ import annotations

import os
import shutil
import time

import pytest
from rdflib import URIRef

from graph.rdf.parse import parse_turtle

from ..helpers import dataset_copy

STANCE = """article: {article}
{extra}stances:
  - id: "{ident}"
    actor: steve-kell
    proposal: proposal-local-choice
    position: Support
    date: 2014-06-05
    implicit: false
    evidence: each area should make its own decisions
"""
MENTIONS = """entities:
  - id: steve-kell
    mentions: [Steve Kell said each]
  - id: proposal-local-choice
    mentions: [each area should make its own decisions]
"""


@pytest.fixture
def ds(tmp_path):
    return dataset_copy(tmp_path / "ds")


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_file_key_cannot_replace_another_file_of_the_dataset(ds, tmp_path, cli):
    sheet = tmp_path / "s.yaml"
    sheet.write_text(STANCE.format(article="article-001", extra="file: proposals.ttl\n", ident="stance-001-99"), encoding="utf-8")
    before = snapshot(ds)
    code, out, err = cli("--data", ds, "code", "apply", sheet)
    assert (code, err) == (1, "carekg: error: 1 problem(s) in the sheet; nothing written\n")
    assert out == (f"{sheet}:2: file: 'proposals.ttl' is not the file of kg:article-001 (its claims are in "
                   "a001-lamb-confed.ttl): a sheet may name only its article's own file; drop the key to write the "
                   "article's new file\n")
    assert snapshot(ds) == before


def test_an_article_title_never_names_the_file_written(ds, tmp_path, cli):
    outside = tmp_path / "outside"
    outside.mkdir()
    text = tmp_path / "story.txt"
    text.write_text("Steve Kell said each area should make its own decisions.\n", encoding="utf-8")
    title = f"{outside}/PWNED-BY-TITLE"
    code, out, err = cli("--data", ds, "source", "add", text, "--title", title, "--date", "2016-03-12")
    assert code == 0, err
    sheet = tmp_path / "s.yaml"
    sheet.write_text(STANCE.format(article=f'"{title}"', extra=MENTIONS, ident="stance-005-01"), encoding="utf-8")
    code, out, err = cli("--data", ds, "code", "apply", sheet)
    assert code == 0, out + err
    assert out.startswith(f"wrote {ds / 'article-005.ttl'} ")  # the article's slug, not its title
    assert list(outside.iterdir()) == []


def test_a_draft_never_takes_a_key_from_the_text_files_name(ds, tmp_path, cli):
    name = "story\nfile: registry.ttl\n#.txt"
    text = tmp_path / name
    text.write_text("Jane Roe, chief executive of Borsetshire Council, called for a single pooled budget.\n", encoding="utf-8")
    draft = tmp_path / "draft.yaml"
    code, out, err = cli("--data", ds, "suggest", text, "-o", draft)
    assert code == 0, err
    lines = draft.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Draft coding sheet for story file: registry.ttl #.txt, written by `carekg suggest`."
    assert not [ln for ln in lines if ln.startswith("file:")]


@pytest.mark.parametrize("header", ["x\n@base <http://evil.example/> .", "x\rkg:pwned a kg:Thing .", "x\u2028kg:pwned a kg:Thing ."])
def test_a_header_line_stays_one_comment_line(ds, tmp_path, cli, header):
    sheet = tmp_path / "s.yaml"
    escaped = header.replace("\n", "\\n").replace("\r", "\\r").replace("\u2028", "\\u2028")
    sheet.write_text(STANCE.format(article="article-001", extra=f'header: ["{escaped}"]\n', ident="stance-001-99"), encoding="utf-8")
    code, out, err = cli("--data", ds, "code", "apply", sheet)
    assert code == 0, out + err
    written = (ds / "article-001.ttl").read_text(encoding="utf-8")
    assert "@base" not in [ln.split(" ")[0] for ln in written.splitlines()]
    assert all(not ln.startswith("kg:pwned") for ln in written.splitlines())
    assert not {URIRef("https://w3id.org/carekg/id/pwned")} & set(parse_turtle(ds / "article-001.ttl").subjects())


@pytest.mark.parametrize("ident, message", [
    ("<http://example.org/a b>", "'<http://example.org/a b>' is not a valid IRI: it holds ' '"),
    ("<http://example.org/a>b>", "'<http://example.org/a>b>' is not a valid IRI: it holds '>'"),
    ("<http://example.org/a\\nb>", "'<http://example.org/a\\nb>' is not a valid IRI: it holds '\\n'"),
    ("kg:stance a b", "unknown entity 'kg:stance a b'"),
])
def test_an_id_no_iri_can_hold_is_one_problem_in_check_and_apply(ds, tmp_path, cli, ident, message):
    sheet = tmp_path / "s.yaml"
    sheet.write_text(STANCE.format(article="article-001", extra="", ident=ident), encoding="utf-8")
    for action in ("check", "apply"):
        code, out, err = cli("--data", ds, "code", action, sheet)
        assert code == 1 and "Traceback" not in err
        assert out.splitlines() == [f"{sheet}:3: {message}"]
    assert not (ds / "article-001.ttl").exists()


@pytest.mark.parametrize("text, message", [
    ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
     "2: YAML syntax error: an alias (*name): a sheet repeats a value instead of referring to an anchor"),
    ("a: &a [*a]\n", "1: YAML syntax error: an alias (*name): a sheet repeats a value instead of referring to an anchor"),
    ("article: x\nb: " + "[" * 50_000 + "]" * 50_000 + "\n", "2: YAML syntax error: nesting deeper than 50 levels"),
])
def test_yaml_bombs_and_deep_nesting_are_refused_at_once(tmp_path, cli, text, message):
    sheet = tmp_path / "bomb.yaml"
    sheet.write_text(text, encoding="utf-8")
    started = time.monotonic()
    code, out, err = cli("code", "check", sheet)
    assert (code, out, err) == (2, "", f"carekg: error: {sheet}:{message}\n")
    assert time.monotonic() - started < 5


def test_a_sheet_that_is_a_fifo_is_refused_not_read(tmp_path, cli):
    os.mkfifo(tmp_path / "s.yaml")
    assert cli("code", "check", tmp_path / "s.yaml") == (2, "", f"carekg: error: {tmp_path / 's.yaml'}: not a regular "
                                                               "file (a FIFO): refusing to read it\n")


# --- source add ---------------------------------------------------------------------------------------

@pytest.fixture
def text(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Councils back pooling budgets.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("url", ["http://example.org/{x}", "http://example.org/a|b", "http://example.org/^`", 'http://x/"'])
def test_source_add_refuses_an_address_no_iri_can_hold(ds, text, cli, url):
    before = snapshot(ds)
    code, out, err = cli("--data", ds, "source", "add", text, "--title", "T", "--date", "2016", "--url", url)
    assert (code, out) == (2, "") and err.startswith(f"carekg: error: --url {url!r} is not a valid IRI: it holds ")
    assert snapshot(ds) == before
    assert cli("--data", ds, "validate", "--check", "qc")[0] == 0  # the dataset still reads


def test_source_add_keeps_a_hostile_file_name_in_one_comment_line(ds, tmp_path, cli):
    path = tmp_path / 'x.txt\nkg:article-001 rdfs:label "RELABELLED" .\n#'
    path.write_text("Councils back pooling budgets.\n", encoding="utf-8")
    code, out, err = cli("--data", ds, "source", "add", path, "--title", "T", "--date", "2016")
    assert code == 0, err
    labels = {str(o) for o in parse_turtle(ds / "sources.ttl").objects(URIRef("https://w3id.org/carekg/id/article-001"),
                                                                         URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}
    assert "RELABELLED" not in labels


@pytest.mark.parametrize("link", ["sources", "sources.ttl"])
def test_source_add_writes_nothing_through_a_link_out_of_the_dataset(ds, text, tmp_path, cli, link):
    outside = tmp_path / "outside"
    outside.mkdir()
    if link == "sources":
        shutil.rmtree(ds / "sources")
        (ds / "sources").symlink_to(outside)
    else:
        (outside / "sources.ttl").write_bytes((ds / "sources.ttl").read_bytes())
        (ds / "sources.ttl").unlink()
        (ds / "sources.ttl").symlink_to(outside / "sources.ttl")
    before = snapshot(outside)
    code, out, err = cli("--data", ds, "source", "add", text, "--title", "T", "--date", "2016")
    assert (code, out) == (2, "")
    assert "outside the dataset folder" in err and err.count("\n") == 1
    assert snapshot(outside) == before
