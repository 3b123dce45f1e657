"""Bad input gets one clear message and a non-zero exit code, never a traceback."""

from __future__ import annotations

import re

import pytest

from graph.errors import ParseError, UnknownNameError
from graph.kg.load import load

from .helpers import ROOT, run_carekg


def test_malformed_turtle_names_file_and_line(project_copy):
    bad = project_copy.data / "zz-broken.ttl"
    bad.write_text("@prefix kg: <https://w3id.org/carekg/id/> .\n\nkg:a kg:b .\n", encoding="utf-8")
    with pytest.raises(ParseError) as info:
        load(project_copy)
    assert info.value.path.endswith("zz-broken.ttl")
    assert info.value.line == 3
    assert str(info.value).startswith(str(bad) + ":3:")


def test_malformed_turtle_cli_exit_2_without_traceback(project_copy):
    (project_copy.data / "zz-broken.ttl").write_text(
        "@prefix ex: <http://ex/> .\nex:a ex:b ex:c ;\n ex:d .\n", encoding="utf-8")
    proc = run_carekg("validate", env={"CAREKG_HOME": str(project_copy.root)})
    assert proc.returncode == 2
    assert "zz-broken.ttl:3" in proc.stderr and "Turtle syntax error" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unknown_query_suggests_close_names(cli):
    code, out, err = cli("query", "stances-on-proposl")
    assert code == 2
    assert "unknown query 'stances-on-proposl'" in err
    assert "stances-on-proposal" in err


def test_sparql_syntax_error_reports_position(cli):
    code, out, err = cli("query", "-e", "SELECT ?x WHERE {\n  ?x ?y \n}")
    assert code == 2
    assert "SPARQL syntax error" in err
    # Oxigraph gives up at the "}" that ends the incomplete triple pattern: line 3.
    assert "<-e>:3:2:" in err


def test_sparql_syntax_error_in_file_names_file_line_and_column(cli, tmp_path):
    f = tmp_path / "broken.rq"
    f.write_text("# title: Broken\nSELECT ?x WHERE { ?x ?y ?z . FILTER( }\n", encoding="utf-8")
    code, out, err = cli("query", f)
    assert code == 2
    assert re.search(rf"{re.escape(str(f))}:\d+:\d+: SPARQL syntax error: expected ", err), err


def test_unknown_entity_in_describe_suggests_near_matches(cli):
    code, out, err = cli("describe", "kings-fnd")
    assert code == 2
    assert "unknown entity 'kings-fnd'" in err
    assert "kings-fund" in err


def test_missing_parameter_is_named(cli):
    code, out, err = cli("query", "posts-of-person")
    assert code == 2
    assert "needs parameter 'person'" in err
    assert "-p person=VALUE" in err


def test_unknown_parameter_is_named(cli):
    code, out, err = cli("query", "posts-of-person", "-p", "persn=kg:norman-lamb")
    assert code == 2 and "no parameter 'persn'" in err and "person" in err


def test_malformed_parameter_value(cli):
    code, out, err = cli("query", "stances-in-period", "-p", "from=June")
    assert code == 2 and "'from' must be a date" in err


def test_unknown_format():
    proc = run_carekg("query", "source-articles", "-f", "xlsx")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.splitlines()[-1] == ("carekg query: error: argument -f/--format: invalid choice: "
                                            "'xlsx' (choose from 'table', 'csv', 'tsv', 'json', 'md')")


def test_unknown_view(cli, tmp_path):
    code, out, err = cli("export", "network", "--view", "influense", "-o", tmp_path / "x.graphml")
    assert code == 2 and "unknown view 'influense'" in err and "influence" in err
    assert not (tmp_path / "x.graphml").exists()


@pytest.mark.parametrize("args, needle", [
    (["query", "nope-query"], "unknown query"),
    (["query", "-e", "SELEC * WHERE {}"], "SPARQL syntax error"),
    (["describe", "no-such-thing-at-all"], "unknown entity"),
    (["query", "stances-of-actor"], "needs parameter 'actor'"),
])
def test_no_traceback_in_a_real_process(args, needle):
    proc = run_carekg(*args)
    assert proc.returncode == 2
    assert needle in proc.stderr
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    assert len(proc.stderr.strip().splitlines()) == 1


def test_unknown_name_error_lists_suggestions():
    err = UnknownNameError("query", "x", ["a", "b"])
    assert str(err) == "unknown query 'x'; did you mean: a, b?"


def test_every_exception_class_lives_in_the_one_hierarchy():
    """graph/errors.py holds every exception class; no other module defines one."""
    import ast

    import graph.errors

    elsewhere = []
    for path in sorted((ROOT / "graph").rglob("*.py")):
        if path.name == "errors.py" and path.parent.name == "graph":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(getattr(b, "id", getattr(b, "attr", "")).endswith(("Error", "Exception", "Failed", "Invalid", "Stopped"))
                                                      for b in node.bases):
                elsewhere.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert elsewhere == []
    mine = [c for c in vars(graph.errors).values() if isinstance(c, type) and issubclass(c, Exception)]
    assert all(issubclass(c, graph.errors.CareKGError) for c in mine)
    codes = {c.__name__: c.exit_code for c in mine}
    assert codes["CareKGError"] == 2 and codes["ValidationFailed"] == codes["SheetInvalid"] == 1
    assert {n for n, code in codes.items() if code == 3} == {"ServiceError", "QueryStopped", "EndpointError", "ServerError"}
