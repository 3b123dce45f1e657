"""Attacks through the data (issue 10, items 3, 6, 7, 9 and the data faults of 10): a dataset is
not trusted, so every way it can be hostile or broken ends in a listed problem or one clear error,
never a traceback, a hang, or a read outside its folder.

Cost: one subprocess `validate` of a hostile copy of the curated data (about 10 s), three quick
subprocess runs for files that would hang or loop, and in-process loads of small variations
(about 2 s each); some 30 s in all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from graph.checks.validate import check_evidence, check_qc, check_terms, evidence_words
from graph.errors import SeedError
from graph.kg.load import load, write_build
from graph.rdf.paths import Paths
from graph.text.articles import MAX_SEED_BYTES, read_seed

from ..helpers import ROOT, canonical, dataset_copy, run_carekg

AMOUNT = ("schema:value 1200000.0 ;", 'schema:value "1.2m"^^xsd:decimal ;')
LABEL = ('kg:lancashire a carekg:Place ; rdfs:label "Lancashire" .',
         'kg:lancashire a carekg:Place ; rdfs:label "Lanca\\u0000shire\\u001b[2J\\u0007" .')
YEAR = ('carekg:date "1973"^^xsd:gYear .', 'carekg:date "197x"^^xsd:gYear .')
SEEDS = {  # article -> what its carekg:seedFile is made to say
    "000": "../../../etc/passwd",
    "001": "/dev/zero",
    "002": "nowhere.txt",
    "003": "fifo.txt",
    "004": "latin1.txt",
}


def line_of(path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The curated data with an ill-typed decimal, control characters in a label, a malformed
    year, and every article's seed file pointing somewhere it must not be read."""
    folder = tmp_path_factory.mktemp("hostile-data")
    sources = (Paths().data / "sources.ttl").read_text(encoding="utf-8")
    seeds = []
    for article, seed in SEEDS.items():
        old = next(ln.strip() for ln in sources.splitlines() if ln.strip().startswith(f'carekg:seedFile "{article}_'))
        seeds.append((old, f'carekg:seedFile "{seed}" ;'))
    dataset_copy(folder, replace={"a001-lamb-confed.ttl": [AMOUNT], "a004-hsj-round-up.ttl": [LABEL],
                                  "a003-roots-pooled-budgets.ttl": [YEAR], "sources.ttl": seeds})
    os.mkfifo(folder / "sources" / "fifo.txt")
    (folder / "sources" / "latin1.txt").write_bytes("Lamb’s plan, café".encode("cp1252"))
    return folder


def test_hostile_data_is_listed_with_files_and_lines_and_nothing_else_happens(hostile):
    proc = run_carekg("--data", hostile, "validate", "--owl", timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "Failed to convert" not in proc.stderr
    assert proc.stderr == f"carekg: {len(proc.stdout.splitlines())} validation problem(s)\n"
    lines = proc.stdout.splitlines()
    terms = [ln for ln in lines if ln.split("\t")[1] == "terms"]
    a001, a003, a004 = (hostile / f for f in ("a001-lamb-confed.ttl", "a003-roots-pooled-budgets.ttl", "a004-hsj-round-up.ttl"))
    assert terms == [
        f"{a001}:{line_of(a001, AMOUNT[1])}\tterms\tkg:amount-001-01\tschema:value\t'1.2m' is not a valid xsd:decimal",
        f"{a003}:{line_of(a003, YEAR[1])}\tterms\tkg:ni-1973-integration\tcarekg:date\t'197x' is not a valid xsd:gYear",
        f"{a004}:{line_of(a004, LABEL[1])}\tterms\tkg:lancashire\trdfs:label\thas control characters (\\x00, \\x07, \\x1b): text may hold none",
    ]
    # Each article's text: one line each, saying exactly why, and nothing read outside sources/.
    src = hostile / "sources"
    seed_lines = [ln.split("\t")[4] for ln in lines if ln.split("\t")[1:4:2] == ["evidence", "carekg:seedFile"]]
    assert seed_lines == [
        f"{src}/../../../etc/passwd: article text is outside the sources folder {src}: refusing to read it",
        f"/dev/zero: article text is outside the sources folder {src}: refusing to read it",
        f"{src}/nowhere.txt: article text not found (set CAREKG_SEEDS, or keep a dataset's texts in DATA/sources)",
        f"{src}/fifo.txt: article text is not a regular file (a FIFO): refusing to read it",
        f"{src}/latin1.txt: article text is not UTF-8 (byte 0x92 at offset 4)",
    ]
    assert [ln for ln in lines if ln.split("\t")[1] == "evidence"] == [ln for ln in lines if "article text" in ln]
    assert lines[-1] == "-\towl\t-\t-\tHermiT not run: it cannot read the ill-formed terms above; fix them first"


@pytest.mark.parametrize("query, shown, err", [
    ("SELECT ?v WHERE { kg:amount-001-01 schema:value ?v }", "1.2m", "1 row(s)\n"),
    ("CONSTRUCT { kg:amount-001-01 schema:value ?v } WHERE { kg:amount-001-01 schema:value ?v }", '"1.2m"^^xsd:decimal', ""),
])
def test_ill_typed_values_are_shown_without_rdflibs_tracebacks_or_warnings(hostile, query, shown, err):
    # rdflib logs a traceback for each such literal it meets, and warns when it writes one;
    # validation reports them (above), so a query shows the value and nothing else.
    proc = run_carekg("--data", hostile, "query", "-e", query, timeout=120)
    assert (proc.returncode, proc.stderr) == (0, err) and shown in proc.stdout


def test_an_iri_with_a_space_is_a_syntax_error_with_file_line_and_column(tmp_path):
    folder = dataset_copy(tmp_path / "ds", append={"a001-lamb-confed.ttl": "<https://w3id.org/carekg/id/a b> a carekg:Person ."})
    path = folder / "a001-lamb-confed.ttl"
    proc = run_carekg("--data", folder, "validate")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"carekg: error: {path}:{line_of(path, '/id/a b>')}:1: Turtle syntax error: Invalid IRI code point ' '\n"


def test_build_refuses_ill_typed_data_without_a_traceback(hostile, tmp_path):
    proc = run_carekg("--data", hostile, "build", "--out", tmp_path / "out", timeout=120)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "Failed to convert" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_terms_check_in_process_has_lines_too(hostile):
    problems = check_terms(load(Paths.for_dataset(hostile)))
    assert [(p.focus, p.line is not None) for p in problems] == [
        ("kg:amount-001-01", True), ("kg:ni-1973-integration", True), ("kg:lancashire", True)]


@pytest.mark.parametrize("name, reason", [
    ("../../../etc/passwd", "is outside the sources folder"),
    ("/etc/passwd", "is outside the sources folder"),
    ("link", "is outside the sources folder"),          # a symlink out of the folder
    (".", "is outside the sources folder"),             # the folder itself
    ("sub", "is not a regular file (a folder)"),
    ("big.txt", "is too large (11 bytes; the limit is 10)"),
    ("loop", "cannot be read: a symlink loop"),
    ("a\x00b", "has no usable file name"),
    ("", "has no usable file name"),
])
def test_a_seed_is_read_only_inside_its_folder_and_only_if_regular(tmp_path, name, reason):
    (tmp_path / "sub").mkdir()
    (tmp_path / "big.txt").write_text("01234567890", encoding="utf-8")
    (tmp_path / "link").symlink_to("/etc/hostname")
    (tmp_path / "loop").symlink_to("loop")
    with pytest.raises(SeedError) as info:
        read_seed(tmp_path, name, limit=10)
    assert info.value.reason.startswith(reason)


def test_the_default_size_cap_refuses_an_endless_text(tmp_path):
    with open(tmp_path / "huge.txt", "wb") as f:  # sparse: no 16 MB written
        f.truncate(MAX_SEED_BYTES + 1)
    with pytest.raises(SeedError) as info:
        read_seed(tmp_path, "huge.txt")
    assert info.value.reason == "is too large (16,777,217 bytes; the limit is 16,777,216)"


def test_an_unreadable_seed_is_not_reported_as_not_found(tmp_path):
    (tmp_path / "secret.txt").write_text("text", encoding="utf-8")
    (tmp_path / "secret.txt").chmod(0)
    code = f"from graph.text.articles import read_seed\ntry:\n    read_seed({str(tmp_path)!r}, 'secret.txt')\nexcept Exception as e:\n    print(e)"
    # Root reads any file; without the two capabilities that let it, it is refused like anyone.
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    proc = subprocess.run([*drop, sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.stdout == f"{tmp_path}/secret.txt: article text cannot be read: permission denied\n", proc.stderr


@pytest.fixture
def curated_copy(tmp_path):
    def make(**edits):
        return Paths.for_dataset(dataset_copy(tmp_path / "ds", **edits))
    return make


EVIDENCE = "backed the idea of single pooled budget for health and care in every local area"


@pytest.mark.parametrize("phrase, message", [
    ("the", "evidence 'the' is too short to support a claim: this dataset needs at least 3 words, with letters or digits"),
    ("ed the idea of sin", "phrase not found verbatim (as whole words) in kg:article-001: 'ed the idea of sin'"),
])
def test_weak_evidence_is_refused(curated_copy, phrase, message):
    paths = curated_copy(replace={"a001-lamb-confed.ttl": [(f'"{EVIDENCE}"', f'"{phrase}"')]})
    problems = [p for p in check_evidence(load(paths)) if p.focus == "kg:stance-001-01"]
    assert [p.message for p in problems] == [message]


def test_evidence_without_letters_or_digits_is_too_short_whatever_its_length(curated_copy):
    paths = curated_copy(replace={"a001-lamb-confed.ttl": [(f'"{EVIDENCE}"', '"— — —"')]})
    problems = [p.message for p in check_evidence(load(paths)) if p.focus == "kg:stance-001-01"]
    assert problems == ["evidence '— — —' is too short to support a claim: this dataset needs at least 3 words, with letters or digits",
                        "phrase not found verbatim (as whole words) in kg:article-001: '— — —'"]


def test_a_dataset_that_declares_no_minimum_accepts_one_word(curated_copy):
    """A DNA-coded span can be one word: a dataset without carekg:minEvidenceWords needs one."""
    paths = curated_copy(replace={"sources.ttl": [('carekg:minEvidenceWords "3"^^xsd:positiveInteger ;', "")],
                                  "a001-lamb-confed.ttl": [(f'"{EVIDENCE}"', '"backed"')]})
    kg = load(paths)
    assert evidence_words(kg) == (1, 15)
    assert [p for p in check_evidence(kg) if p.focus == "kg:stance-001-01"] == []


def test_an_emptied_article_is_flagged(curated_copy):
    paths = curated_copy()
    (paths.data / "a002-oldham-report-lgc.ttl").write_text("# emptied\n", encoding="utf-8")
    flagged = [(p.focus, p.message) for p in check_qc(load(paths)) if p.check == "qc:source-without-claims"]
    assert flagged == [("kg:article-002", "source article has no claims besides its own title: is its data missing?")]


@pytest.mark.parametrize("make, message", [
    (lambda p: os.mkfifo(p), "not a regular file (a FIFO): refusing to read it"),
    (lambda p: p.symlink_to(p.name), "cannot read: a symlink loop"),
    (lambda p: p.mkdir(), "not a regular file (a folder): refusing to read it"),
    (lambda p: p.symlink_to("gone.ttl"), "a broken symlink (to gone.ttl)"),
])
def test_a_data_file_that_is_no_file_is_one_clear_error_and_never_hangs(tmp_path, make, message):
    folder = dataset_copy(tmp_path / "ds")
    make(folder / "x.ttl")
    proc = run_carekg("--data", folder, "validate", "--check", "qc", timeout=60)
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", f"carekg: error: {folder / 'x.ttl'}: {message}\n")


def test_a_blank_node_cycle_is_kept_alike_in_every_syntax(tmp_path):
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "cycle.ttl").write_text("@prefix ex: <http://example.org/> .\n"
                                      "_:a ex:next _:b . _:b ex:next _:a . _:c ex:self _:c .\n", encoding="utf-8")
    kg = load(Paths.for_dataset(folder), derive=False)
    write_build(kg, tmp_path / "out")
    turtle = canonical(tmp_path / "out" / "carekg.ttl", "ttl")
    assert canonical(tmp_path / "out" / "carekg.jsonld", "jsonld") == turtle == canonical(tmp_path / "out" / "carekg.nt")
    cycle = {q for q in turtle if q.predicate.value.startswith("http://example.org/")}
    assert len(cycle) == 3



# --- issue 17: the dataset's own links --------------------------------------------------------------

def test_a_sources_link_out_of_the_dataset_shows_no_file(tmp_path):
    """``ln -s / ds/sources`` with ``carekg:seedFile "proc/self/environ"``: the text was read inside
    realpath(sources), which is /, and the offsets check printed the secret between chosen offsets."""
    folder = dataset_copy(tmp_path / "ds", replace={"sources.ttl": [
        (ln, 'carekg:seedFile "proc/self/environ" ;') for ln in
        [next(x.strip() for x in (Paths().data / "sources.ttl").read_text(encoding="utf-8").splitlines()
              if x.strip().startswith('carekg:seedFile "000_'))]]})
    shutil.rmtree(folder / "sources")
    (folder / "sources").symlink_to("/")
    proc = run_carekg("--data", folder, "validate", "--check", "evidence", env={"SECRET_TOKEN": "hunter2-s3cret"}, timeout=120)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "hunter2-s3cret" not in proc.stdout + proc.stderr and "root:" not in proc.stdout
    lines = [ln.split("\t")[4] for ln in proc.stdout.splitlines()]
    assert f"{folder}/sources/proc/self/environ: article text is in the sources folder {folder}/sources, which resolves to /, " \
           f"outside the dataset folder {folder}: refusing to read it" in lines
    assert all("outside the dataset folder" in ln for ln in lines)  # every article, and nothing else read


def test_a_data_file_linked_out_of_the_dataset_is_refused(tmp_path):
    folder = dataset_copy(tmp_path / "ds")
    (tmp_path / "elsewhere.ttl").write_text("@prefix ex: <http://example.org/> . ex:a ex:b ex:c .\n", encoding="utf-8")
    (folder / "x.ttl").symlink_to(tmp_path / "elsewhere.ttl")
    proc = run_carekg("--data", folder, "validate", "--check", "qc", timeout=60)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (f"carekg: error: {folder / 'x.ttl'}: resolves to {tmp_path / 'elsewhere.ttl'}, outside the dataset "
                           f"folder {folder}: refusing to read it\n")
