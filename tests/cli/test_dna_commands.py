"""The commands of DNA's analyses on the curated data: each runs, writes JSON with the stances
behind its numbers, and turns bad input into one error line (graph.cli.dna, and the time-slice
options of discourse and polarisation in graph.cli.analysis)."""

from __future__ import annotations

import csv
import io
import json

import pytest

STANCE = "https://w3id.org/carekg/id/stance-"


def test_backbone_nested_is_deterministic_and_lists_the_stances(cli):
    code, out, err = cli("backbone", "nested", "-f", "json")
    assert code == 0, err
    again = cli("backbone", "nested", "-f", "json")[1]
    result = json.loads(out)
    assert out == again and result["method"] == "nested"
    ranks = [r["rank"] for r in result["proposals"]]
    assert ranks == list(range(1, len(ranks) + 1)) and len(ranks) > 10
    assert all(r["stances"] and all(s.startswith(STANCE) for s in r["stances"]) for r in result["proposals"])
    code, table, _ = cli("backbone", "nested")
    assert table.splitlines()[0] == "filters: actors: all; stances: all" and "rank backbone  removed stances  proposal" in table


def test_backbone_evaluate_fixed_and_penalty(cli):
    code, out, err = cli("backbone", "evaluate", "Integrate health and social care", "-f", "json")
    assert code == 0, err
    result = json.loads(out)
    assert [r["label"] for r in result["backbone"]] == ["Integrate health and social care"] and 0 < result["backbone_loss"] < 2
    code, out, _ = cli("backbone", "fixed", "--size", "2", "--iterations", "300", "-f", "json")
    assert code == 0 and len(json.loads(out)["backbone"]) == 2
    code, out, _ = cli("backbone", "penalty", "--iterations", "300", "--seed", "4")
    assert code == 0 and "penalty 0.5 (seed 4)" in out


@pytest.mark.parametrize("args, message", [
    (["backbone", "fixed"], "fixed needs the backbone's size (--size N)"),
    (["backbone", "nested", "Pool health and social care budgets"], "name the proposals to evaluate"),
    (["backbone", "evaluate"], "name the proposals to evaluate"),
    (["backbone", "fixed", "--size", "99"], "backbone size=99 is not allowed"),
    (["barplot", "--exclude-min", "0"], "exclude_min=0 is not allowed"),
    (["phases", "--window-size", "0"], "window size=0 is not allowed"),
    (["phases", "--window-step", "60"], "phases need two or more"),
    (["multiclust", "--k", "1"], "k=1 is not allowed"),
    (["multiclust", "--k", "30"], "k=30 is more clusters than the 22 actors"),
    (["multiclust", "--cluster-method", "lovain"], "did you mean: louvain"),
    (["polarisation", "--kernel", "gaussian", "--by-year"], "two ways of cutting time"),
    (["polarisation", "--optimiser", "genetic"], "give --kernel or --window-size"),
    (["discourse", "one-mode", "--kernel", "gaussian"], "give their width with --window-size"),
    (["discourse", "two-mode", "--matrix", "-f", "json"], "--matrix writes a CSV matrix"),
    (["discourse", "one-mode", "--dynamic"], "only GEXF holds"),
    (["export", "network", "--dynamic", "-f", "graphml"], "only GEXF holds"),
])
def test_bad_input_is_one_error_line(cli, args, message):
    code, out, err = cli(*args)
    assert code == 2 and err.count("\n") == 1 and err.startswith("carekg: error: ") and message in err, err


def test_barplot_counts_per_proposal_as_table_csv_and_json(cli):
    code, out, err = cli("barplot")
    assert code == 0, err
    # All nine stances on integration support it (the consensus concept of issue 18).
    assert any(line.split() == ["+9", "|", "-0", "Integrate", "health", "and", "social", "care", "(support", "9;", "4", "articles)"]
               for line in out.splitlines())
    rows = list(csv.DictReader(io.StringIO(cli("barplot", "--variable", "actor", "-f", "csv")[1])))
    oldham = next(r for r in rows if r["label"] == "John Oldham")
    assert (oldham["support"], oldham["conditional"], oldham["oppose"], oldham["total"]) == ("10", "2", "3", "15")
    assert len(oldham["stances"].split("; ")) == 15
    assert json.loads(cli("barplot", "-f", "json")[1])[0]["stances"]["support"][0].startswith(STANCE)


def test_polarisation_over_kernel_slices(cli):
    code, out, err = cli("polarisation", "--kernel", "epanechnikov", "--window-size", "12", "--window-step", "6", "-f", "json")
    assert code == 0, err
    periods = json.loads(out)
    assert [p["slice"]["mid"] for p in periods][:3] == ["2014-01-01", "2014-07-01", "2015-01-01"]
    scored = [p for p in periods if p["score"] is not None]
    assert scored and all(0 <= p["score"] <= 1 and len(p["camps"]) == 2 for p in scored)
    assert all(p["unplaced"] == 7 for p in periods)
    code, table, _ = cli("polarisation", "--kernel", "gaussian", "--window-size", "12", "--window-step", "12")
    assert "mid-point  score stances actors  camps" in table
    # the slices' camps are DNA's exploration, and the table says they are not checked findings
    assert table.splitlines()[2].startswith("not checked for robustness (implicit stances and concepts nobody opposes are counted")
    # the existing per-proposal mode still works
    code, out, _ = cli("polarisation")
    assert code == 0 and "polarisation of the debate" in out


def test_phases_and_multiclust(cli):
    code, out, err = cli("phases", "--window-size", "6", "--window-step", "2", "-f", "json")
    assert code == 0, err
    result = json.loads(out)
    assert result["k"] >= 2 and {s["state"] for s in result["slices"]} == set(range(1, result["k"] + 1))
    code, out, err = cli("multiclust", "--k", "2")
    assert code == 0 and "best: " in out and "cluster 1: " in out


def test_discourse_matrix_and_windows(cli, tmp_path):
    code, out, err = cli("discourse", "two-mode", "--matrix", "--no-coalitions")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0][0] == "" and len(rows[0]) == 28   # 27 proposals
    oldham = next(r for r in rows if r[0] == "John Oldham")
    assert sorted(set(oldham[1:])) == ["-1", "0", "1"]
    code, out, err = cli("discourse", "one-mode", "--window-size", "12", "--kernel", "triangular", "--window-step", "12",
                         "-f", "gexf", "-o", tmp_path / "slices.gexf")
    assert code == 0 and "time slices" in err and 'mode="dynamic"' in (tmp_path / "slices.gexf").read_text(encoding="utf-8")


def test_export_network_dynamic_and_coalitions(cli, tmp_path):
    code, out, err = cli("export", "network", "--view", "stances", "-f", "gexf", "--dynamic")
    assert code == 0, err
    assert 'mode="dynamic"' in out and 'start="2014-06-05"' in out and 'title="coalition"' in out
