"""The command line: listing, output formats (W3C SPARQL results), describe, stats."""

from __future__ import annotations

import csv
import io
import json

import pytest

from .helpers import run_carekg


def test_queries_lists_names_and_titles(cli):
    code, out, err = cli("queries")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) >= 30
    assert any(ln.startswith("posts-of-person") and "Posts a person holds" in ln and "-p person=" in ln for ln in lines)


def test_table_shows_labels_not_iris(cli):
    code, out, err = cli("query", "stances-on-proposal", "-p", "proposal=kg:proposal-national-mandate")
    assert code == 0
    assert "Steve Kell" in out and "https://" not in out
    assert "row(s)" in err


def test_csv_follows_the_w3c_format(cli):
    code, out, err = cli("query", "stances-on-proposal", "-p", "proposal=kg:proposal-national-mandate", "-f", "csv")
    assert out.startswith("actor,position,date,implicit,source,evidence\r\n")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[1][0].startswith("https://w3id.org/carekg/id/")


def test_tsv_follows_the_w3c_format(cli):
    code, out, err = cli("query", "stances-on-proposal", "-p", "proposal=kg:proposal-national-mandate", "-f", "tsv")
    header, first = out.splitlines()[:2]
    assert header.split("\t")[0] == "?actor"
    assert first.split("\t")[0].startswith("<https://w3id.org/carekg/id/")


def test_json_follows_the_w3c_format(cli):
    code, out, err = cli("query", "better-care-fund-amounts", "-f", "json")
    data = json.loads(out)
    assert data["head"]["vars"][:2] == ["value", "currency"]
    b = data["results"]["bindings"][0]
    assert b["value"]["type"] == "literal" and b["value"]["datatype"].endswith("#decimal")
    assert "periodText" not in data["results"]["bindings"][1] or True  # unbound variables are omitted


def test_markdown(cli):
    code, out, err = cli("query", "source-articles", "-f", "md")
    assert out.splitlines()[0].startswith("| article | title |")
    assert out.splitlines()[1].startswith("|---|")


def test_inline_sparql_ask_and_construct(cli):
    assert cli("query", "-e", "ASK { kg:kings-fund a carekg:ThinkTank }")[1].strip() == "true"
    code, out, err = cli("query", "-e", "CONSTRUCT { ?s carekg:supports ?o } WHERE { ?s carekg:supports ?o }")
    assert code == 0 and "carekg:supports" in out


def test_query_from_a_file(cli, tmp_path):
    f = tmp_path / "mine.rq"
    f.write_text("# title: Mine\n# param: who iri Someone\nSELECT ?p WHERE { ?who carekg:supports ?p }\n", encoding="utf-8")
    code, out, err = cli("query", f, "-p", "who=Steve Kell", "-f", "csv")
    assert code == 0 and "proposal-local-choice" in out


def test_describe_gives_every_fact_with_source_and_evidence(cli):
    code, out, err = cli("describe", "Norman Lamb", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["source"] and r["evidence"] for r in rows)
    assert any(r["predicate"] == "supports" and r["object"] == "National mandate to pool budgets" for r in rows)
    assert any(r["predicate"] == "holds" and r["object"] == "Health minister" for r in rows)


def test_describe_accepts_slug_curie_and_iri(cli):
    for name in ("kings-fund", "kg:kings-fund", "https://w3id.org/carekg/id/kings-fund", "<https://w3id.org/carekg/id/kings-fund>"):
        code, out, err = cli("describe", name)
        assert code == 0 and "King's Fund" in out


def test_stats(cli):
    code, out, err = cli("stats", "-f", "json")
    s = json.loads(out)
    assert s["entities"] > 100
    assert s["classes"]["carekg:Stance"] >= 40
    assert set(s["sources"]) == {f"kg:article-00{i}" for i in range(5)}
    code, out, err = cli("stats")
    assert "claims per source" in out


def test_help_runs_without_error():
    proc = run_carekg("--help")
    assert proc.returncode == 0 and "describe" in proc.stdout and "map" in proc.stdout


def test_data_option_points_every_command_at_another_dataset(tmp_path):
    """A dataset folder is Turtle files plus sources/ with their texts; --data reads it."""
    import shutil

    from graph.files import Paths

    curated = Paths()
    (tmp_path / "sources").mkdir()
    for f in curated.data_files():
        if f.name in ("sources.ttl", "proposals.ttl", "a001-lamb-confed.ttl"):
            shutil.copy(f, tmp_path / f.name)
    for seed in curated.seeds.glob("001_*.txt"):
        shutil.copy(seed, tmp_path / "sources" / seed.name)
    r = run_carekg("--data", tmp_path, "query", "-e", "SELECT (COUNT(*) AS ?n) { ?s a carekg:Stance }", "-f", "csv")
    assert r.returncode == 0, r.stderr
    n_001 = int(r.stdout.split()[1])
    full = run_carekg("query", "-e", "SELECT (COUNT(*) AS ?n) { ?s a carekg:Stance }", "-f", "csv")
    assert 0 < n_001 < int(full.stdout.split()[1])
    # The evidence check reads the dataset's own sources/: article 001's phrases are all there.
    r = run_carekg("--data", tmp_path, "validate", "--check", "evidence")
    problems = [ln for ln in r.stdout.splitlines() if "a001" in ln]
    assert problems == []


def test_data_option_that_is_not_a_folder_is_one_clear_error(tmp_path):
    r = run_carekg("--data", tmp_path / "nope", "stats")
    assert r.returncode == 2 and r.stderr.strip() == f"carekg: error: --data {tmp_path / 'nope'}: not a folder"
