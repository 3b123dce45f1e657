"""Registering article texts (`carekg source add`), noticing changed texts, evidence offsets."""

from __future__ import annotations

import hashlib

from rdflib import Literal
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, XSD

from graph.analysis.views import source_metadata
from graph.kg.load import load
from graph.rdf.datasets import init_dataset
from graph.rdf.namespaces import CAREKG, KG, OA
from graph.rdf.paths import Paths
from graph.text.selectors import evidence_span

from ..helpers import run_carekg

TEXT = ("Borsetshire backs pooling\n\nJane Smith, chief executive of Borsetshire Council,\n"
        "said the council backed a single pooled budget.\n")


def _article(tmp_path, text=TEXT, name="story.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_source_add_copies_the_text_and_registers_it(tmp_path, cli):
    data = tmp_path / "ds"
    data.mkdir()
    story = _article(tmp_path)
    code, out, err = cli("--data", data, "source", "add", story, "--title", "Borsetshire backs pooling",
                         "--date", "2016-03", "--publisher", "Borchester Echo", "--author", "A Writer",
                         "--url", "https://example.org/story")
    assert (code, err) == (0, "")
    digest = hashlib.sha256(TEXT.encode()).hexdigest()
    seed = f"000_{digest[:16]}.txt"
    assert out.startswith(f"registered kg:article-000: {data / 'sources' / seed} ")
    assert (data / "sources" / seed).read_bytes() == story.read_bytes()
    kg = load(Paths.for_dataset(data))
    article = KG["article-000"]
    assert (article, RDF.type, CAREKG.SourceArticle) in kg.data
    assert kg.data.value(article, CAREKG.textSha256) == Literal(digest)
    assert kg.data.value(article, CAREKG.seedFile) == Literal(seed)
    assert kg.data.value(article, CAREKG.date) == Literal("2016-03", datatype=XSD.gYearMonth)
    assert kg.data.value(article, DCTERMS.title) == Literal("Borsetshire backs pooling")
    # The headline is in the text, so it attests the article, and its offsets are derived.
    mention = kg.graph.value(None, CAREKG.about, article)
    assert str(kg.graph.value(mention, CAREKG.evidence)) == "Borsetshire backs pooling"
    span = evidence_span(kg.graph, mention)
    assert (span.start, span.end) == (0, len("Borsetshire backs pooling"))
    r = run_carekg("--data", data, "validate", "--check", "shacl", "--check", "evidence")
    assert r.returncode == 0, r.stdout + r.stderr

    # A second text gets the next number; the same text twice is refused.
    other = _article(tmp_path, "Another story\n", "other.txt")
    assert cli("--data", data, "source", "add", other, "--title", "Another story", "--date", "2016")[0] == 0
    other_digest = hashlib.sha256(b"Another story\n").hexdigest()
    assert (data / "sources" / f"001_{other_digest[:16]}.txt").exists()
    code, out, err = cli("--data", data, "source", "add", story, "--title", "Again", "--date", "2016")
    assert (code, err) == (2, f"carekg: error: {story}: this text is already registered as kg:article-000\n")


def test_source_add_refuses_bad_input(tmp_path, cli):
    data = tmp_path / "ds"
    data.mkdir()
    story = _article(tmp_path)
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    cases = [
        (("--date", "2016-02-30"), "--date: '2016-02-30' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"),
        (("--date", "2016", "--url", "file:///etc/passwd"), "--url 'file:///etc/passwd': give an http:// or https:// address"),
    ]
    for extra, message in cases:
        code, out, err = cli("--data", data, "source", "add", story, "--title", "T", *extra)
        assert (code, err) == (2, f"carekg: error: {message}\n")
    code, out, err = cli("--data", data, "source", "add", binary, "--title", "T", "--date", "2016")
    assert (code, err) == (2, f"carekg: error: {binary}: article text is not UTF-8 (byte 0xff at offset 0)\n")
    code, out, err = cli("--data", data, "source", "add", tmp_path / "missing.txt", "--title", "T", "--date", "2016")
    assert (code, err) == (2, f"carekg: error: {tmp_path / 'missing.txt'}: article text not found\n")
    assert not (data / "sources.ttl").exists() and not (data / "sources").exists()


def test_validate_names_a_changed_text_and_the_phrases_it_lost(tmp_path, cli):
    data = tmp_path / "ds"
    data.mkdir()
    story = _article(tmp_path)
    cli("--data", data, "source", "add", story, "--title", "Borsetshire backs pooling", "--date", "2016")
    seed = next((data / "sources").iterdir())
    seed.write_text(TEXT.replace("backs pooling", "rejects pooling"), encoding="utf-8")
    r = run_carekg("--data", data, "validate", "--check", "evidence")
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    where = data / "sources.ttl"
    assert lines[0].startswith(f"{where}\tevidence\tkg:article-000\tcarekg:textSha256\tthe text {seed.name} "
                               "has changed since it was registered (SHA-256 ")
    # A mention is a blank node, which no file can be named for.
    assert lines[1] == ("-\tevidence\tmention of kg:article-000\tcarekg:evidence\tphrase not found "
                        "verbatim (as whole words) in kg:article-000: 'Borsetshire backs pooling' (the article's text has changed "
                        "since it was registered)")


def test_curated_texts_match_their_recorded_digests_and_every_phrase_is_anchored(kg):
    graph = kg.graph  # the store's triples: the anchors sit on its nodes (blank ones included)
    claims = set(graph.subjects(CAREKG.evidence))
    anchored = set(graph.subjects(OA.hasSelector))
    assert claims == anchored and len(claims) > 450
    texts = {}
    for article, seed in kg.data.subject_objects(CAREKG.seedFile):
        data = (kg.paths.seeds / str(seed)).read_bytes()
        assert hashlib.sha256(data).hexdigest() == str(kg.data.value(article, CAREKG.textSha256))
        texts[article] = data.decode("utf-8")
    for claim in claims:
        span = evidence_span(graph, claim)
        text = texts[graph.value(claim, CAREKG.source)]
        assert text[span.start:span.end] == span.exact
        assert " ".join(span.exact.split()) == str(graph.value(claim, CAREKG.evidence))
    stance = evidence_span(graph, KG["stance-001-07"])
    assert (stance.exact, texts[KG["article-001"]][stance.start - 12:stance.start]) == (
        "said a top-down diktat on this was wrong", "the speech, ")


def test_source_add_records_the_date_once_with_its_words_and_the_agents_as_the_queries_read_them(tmp_path, cli):
    data = init_dataset(tmp_path / "mine", standalone=True)
    story = _article(tmp_path)
    code, out, err = cli("--data", data, "source", "add", story, "--title", "Borsetshire backs pooling", "--date", "2016",
                         "--date-text", "  last   spring ", "--date-estimate", "--publisher", "Borchester  Echo",
                         "--author", "A Writer")
    assert (code, err) == (0, "")
    kg = load(Paths.for_dataset(data))
    article = KG["article-000"]
    assert kg.data.value(article, CAREKG.dateText) == Literal("last spring")
    assert kg.data.value(article, CAREKG.dateIsEstimate) == Literal(True)
    assert kg.data.value(article, DCTERMS.publisher) == KG["borchester-echo"]
    assert kg.data.value(KG["borchester-echo"], RDFS.label) == Literal("Borchester Echo")
    assert kg.data.value(KG["a-writer"], RDF.type) == FOAF.Agent
    # What the map's sources and the source-articles query show: the names, not "not stated".
    meta = source_metadata(kg)[str(article)]
    assert (meta["publisher"], meta["author"], meta["date"], meta["date_is_estimate"]) == (
        "Borchester Echo", "A Writer", "2016", True)
    r = run_carekg("--data", data, "query", "source-articles", "-f", "md")
    assert r.stdout.splitlines()[2].endswith("| 2016 | true | Borchester Echo | A Writer | 1 |"), r.stdout


def test_source_add_keeps_the_prefixes_at_the_top(tmp_path, cli):
    data = init_dataset(tmp_path / "mine", standalone=True)
    (data / "sources.ttl").write_text("# My articles.\n\n@prefix kg: <https://w3id.org/carekg/id/> .\n", encoding="utf-8")
    for n, title in enumerate(("First story", "Second story")):
        story = _article(tmp_path, f"{title}\n\nSome words of it.\n", f"s{n}.txt")
        assert cli("--data", data, "source", "add", story, "--title", title, "--date", "2016",
                   "--publisher", "Borchester Echo")[0] == 0
    lines = (data / "sources.ttl").read_text(encoding="utf-8").splitlines()
    prefixes = [i for i, line in enumerate(lines) if line.startswith("@prefix")]
    assert lines[:2] == ["# My articles.", ""] and prefixes == list(range(2, 2 + len(prefixes)))
    assert len(prefixes) == 7 and sum(line.startswith("kg:borchester-echo a foaf:Agent") for line in lines) == 1
    assert sum(line.startswith("kg:article-00") for line in lines) == 2


def test_source_add_in_a_dataset_built_on_the_curated_graph(tmp_path, cli):
    data = init_dataset(tmp_path / "mine")
    story = _article(tmp_path)
    code, out, err = cli("--data", data, "source", "add", story, "--title", "Borsetshire backs pooling",
                         "--date", "2016", "--publisher", "HSJ")
    assert (code, err) == (0, "") and out.startswith("registered kg:article-005: ")
    # A curated thing of the publisher's slug is linked, not declared again.
    text = (data / "sources.ttl").read_text(encoding="utf-8")
    assert "dcterms:publisher kg:hsj" in text and "kg:hsj a" not in text
    r = run_carekg("--data", data, "validate", "--check", "shacl", "--check", "qc", "--check", "evidence")
    assert "kg:article-005" in r.stdout and "source article has no claims" in r.stdout   # only that: not coded yet
    assert len(r.stdout.splitlines()) == 1, r.stdout
    # A curated text is registered already (as kg:article-001).
    curated = Paths().seeds / "001_aa9882e5d0432409.txt"
    code, out, err = cli("--data", data, "source", "add", curated, "--title", "Lamb", "--date", "2014")
    assert (code, err) == (2, f"carekg: error: {curated}: this text is already registered as kg:article-001\n")


def test_the_curated_data_takes_no_new_article(tmp_path, cli):
    story = _article(tmp_path)
    code, out, err = cli("source", "add", story, "--title", "Borsetshire backs pooling", "--date", "2016")
    assert (code, out) == (2, "")
    assert err == ("carekg: error: the curated data holds its five articles only: add yours to a dataset of your own "
                   "(carekg init DIR, then carekg --data DIR source add ...)\n")
    code, out, err = cli("--data", tmp_path / "nowhere", "source", "add", story, "--title", "T", "--date", "2016")
    assert err == (f"carekg: error: --data {tmp_path / 'nowhere'}: no such folder: make a dataset there first with "
                   f"carekg init {tmp_path / 'nowhere'}\n")
