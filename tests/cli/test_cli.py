"""The command line: listing, output formats (W3C SPARQL results), describe, stats."""

from __future__ import annotations

import csv
import io
import json
import shlex

import pytest

from graph import __version__
from graph.cli.parser import examples, main, parser, subcommands
from graph.cli.reference import option_help

from ..helpers import run_carekg


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
    assert out.startswith("actor,position,date,earliest,latest,implicit,source,evidence\r\n")
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
    # Unbound variables are omitted: only the £1.5bn promise states a period ("in the two years
    # to March 2020"); the £3.8bn and £5.3bn sizes of the fund do not.
    with_period = [float(x["value"]["value"]) for x in data["results"]["bindings"] if "periodText" in x]
    without = [float(x["value"]["value"]) for x in data["results"]["bindings"] if "periodText" not in x]
    assert with_period == [1.5e9] and sorted(without) == [3.8e9, 5.3e9]


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


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out == f"carekg {__version__}\n"


COMMANDS = sorted(subcommands(parser()))
ACTIONS = sorted((name, action) for name, s in subcommands(parser()).items() for action in subcommands(s))


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_an_example_that_parses(name, capsys):
    example = examples(parser())[name]
    with pytest.raises(SystemExit):
        main([name, "--help"])
    help_text = capsys.readouterr().out
    assert help_text.rstrip().endswith(f"example:\n  {example}")
    args = parser().parse_args(shlex.split(example)[1:])
    assert args.command == name and callable(args.func)
    assert example in parser().epilog


@pytest.mark.parametrize("name, action", ACTIONS)
def test_every_action_of_a_command_has_an_example_that_parses(name, action, capsys):
    assert ACTIONS == [("code", "apply"), ("code", "check"), ("code", "export"), ("source", "add")]
    example = examples(subcommands(parser())[name])[action]
    with pytest.raises(SystemExit):
        main([name, action, "--help"])
    assert capsys.readouterr().out.rstrip().endswith(f"example:\n  {example}")
    args = parser().parse_args(shlex.split(example)[1:])
    assert (args.command, getattr(args, f"{name}_command")) == (name, action) and callable(args.func)


# init, source and code write into the dataset itself (code export has -o); suggest writes one YAML sheet.
@pytest.mark.parametrize("name", [c for c in COMMANDS if c not in ("build", "validate", "queries", "import", "serve", "push",
                                                                   "synth", "init", "source", "code")])
def test_format_and_output_options_are_the_shared_ones(name):
    sub = subcommands(parser())[name]
    flags = {o: a for a in sub._actions for o in a.option_strings}
    assert flags["-o"] is flags["--output"] and flags["-o"].dest == "output"
    assert "- is standard output" in flags["-o"].help
    if name not in ("map", "suggest"):
        assert flags["-f"] is flags["--format"] and flags["-f"].choices
        assert all(c in option_help(flags["-f"]) for c in flags["-f"].choices)


def test_import_output_is_a_folder_it_creates():
    sub = subcommands(parser())["import"]
    flags = {o: a for a in sub._actions for o in a.option_strings}
    assert flags["-o"] is flags["--output"] and flags["-o"].required and flags["-o"].metavar == "FOLDER"


def test_build_and_validate_report_invalid_data_the_same_way(project_copy):
    (project_copy.data / "zz-bad.ttl").write_text(
        "@prefix kg: <https://w3id.org/carekg/id/> . @prefix carekg: <https://w3id.org/carekg/ontology#> .\n"
        "kg:rel-bad a carekg:Relationship ; carekg:subject kg:labour ; carekg:relation carekg:supports ;\n"
        "    carekg:object kg:labour ; carekg:source kg:article-002 ; carekg:evidence \"Labour\" .\n",
        encoding="utf-8")
    env = {"CAREKG_HOME": str(project_copy.root)}
    build = run_carekg("build", "-o", project_copy.root / "out", env=env)
    check = run_carekg("validate", env=env)
    assert build.returncode == check.returncode == 1
    assert build.stdout == check.stdout and "qc:relationship-self-loop" in build.stdout
    assert build.stderr == check.stderr
    n = len(build.stdout.splitlines())
    assert build.stderr == f"carekg: {n} validation problem(s)\n"
    assert not (project_copy.root / "out").exists()


def test_data_option_points_every_command_at_another_dataset(tmp_path):
    """A dataset folder is Turtle files plus sources/ with their texts; --data reads it."""
    import shutil

    from graph.rdf.paths import Paths

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
    assert r.returncode == 2 and r.stderr.strip() == (f"carekg: error: --data {tmp_path / 'nope'}: no such folder: "
                                                      f"make a dataset there first with carekg init {tmp_path / 'nope'}")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    r = run_carekg("--data", tmp_path / "file", "stats")
    assert r.returncode == 2 and r.stderr.strip() == f"carekg: error: --data {tmp_path / 'file'}: not a folder"


def test_init_makes_a_dataset_named_either_way(tmp_path, cli):
    code, out, err = cli("init", tmp_path / "mine")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"made {tmp_path / 'mine'}: a dataset built on the curated graph ({tmp_path / 'mine' / 'dataset.ttl'}; article "
        f"texts go in {tmp_path / 'mine' / 'sources'}, its build in {tmp_path / 'mine' / 'build'})",
        f"next: carekg --data {tmp_path / 'mine'} source add ARTICLE.txt --title HEADLINE --date DATE"]
    code, out, err = cli("--data", tmp_path / "alone", "init", "--standalone")
    assert (code, err) == (0, "") and out.startswith(f"made {tmp_path / 'alone'}: a dataset standing alone")
    # A dataset of its own counts the curated things too; one standing alone, its own only.
    counts = [run_carekg("--data", tmp_path / name, "query", "-e", "SELECT (COUNT(*) AS ?n) { ?s a carekg:Stance }",
                         "-f", "csv").stdout.split()[1] for name in ("mine", "alone")]
    assert counts == [run_carekg("query", "-e", "SELECT (COUNT(*) AS ?n) { ?s a carekg:Stance }", "-f", "csv").stdout.split()[1], "0"]
    for args, message in [(("init",), "init: name the new folder: carekg init DIR"),
                          (("--data", tmp_path / "a", "init", tmp_path / "b"),
                           f"init: two folders given ({tmp_path / 'b'} and --data {tmp_path / 'a'}): name one"),
                          (("init", tmp_path / "mine"), f"{tmp_path / 'mine'} is a dataset already ({tmp_path / 'mine' / 'dataset.ttl'})")]:
        code, out, err = cli(*args)
        assert (code, out, err) == (2, "", f"carekg: error: {message}\n")
