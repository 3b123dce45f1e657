"""Runaway queries stop and nothing reaches the network unless asked (issue 10 items 2 and 5).

Each test reproduces an attack in a real process, with short limits, and requires one clear
line on stderr, a non-zero exit and no traceback.
"""

from __future__ import annotations

import socket
import time

import pytest

from ..helpers import run_carekg

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def one_error_line(proc) -> str:
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


@pytest.mark.parametrize("query", [
    CARTESIAN,                                                                    # every triple, cubed
    "SELECT * WHERE { ?s ((rdfs:label|!rdfs:label)*/(rdf:type|!rdf:type)*)* ?o }",  # nested paths
])
def test_a_runaway_query_stops_at_the_timeout(query):
    start = time.monotonic()
    proc = run_carekg("query", "-e", query, "--timeout", "2", "-f", "csv")
    assert time.monotonic() - start < 30
    assert proc.returncode == 3
    assert one_error_line(proc).startswith("carekg: error: stopped after 2 s (--timeout)")


def test_a_catastrophic_regex_does_not_hang():
    # (a+)+$ against "aaa…a!" takes exponential time in a backtracking engine; Oxigraph's is
    # linear, and the timeout would stop it anyway.
    text = "a" * 40 + "!"
    proc = run_carekg("query", "-e", f'SELECT ?m WHERE {{ BIND(REGEX("{text}", "^(a+)+$") AS ?m) }}',
                      "--timeout", "10", "-f", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["m", "false"]


def test_a_query_that_fills_the_memory_is_stopped():
    proc = run_carekg("query", "-e", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?d",
                      "--max-memory", "300", "--timeout", "60", "-f", "csv")
    assert proc.returncode == 3
    assert "needed more than 300 MB of memory (--max-memory)" in one_error_line(proc)


def test_rows_are_streamed_and_the_row_limit_is_loud():
    proc = run_carekg("query", "-e", "SELECT ?s WHERE { ?s ?p ?o }", "--max-rows", "3", "-f", "csv")
    assert proc.returncode == 3
    assert len(proc.stdout.splitlines()) == 1 + 3
    assert "stopped after 3 rows (--max-rows)" in one_error_line(proc)
    # A query with no end still delivers its first rows: they are written as they are read.
    proc = run_carekg("query", "-e", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", "--max-rows", "0",
                      "--timeout", "3", "-f", "tsv")
    assert proc.returncode == 3 and len(proc.stdout.splitlines()) > 1000


def test_limits_can_be_lifted():
    proc = run_carekg("query", "-e", "SELECT ?s WHERE { ?s ?p ?o }", "--max-rows", "0", "--timeout", "0",
                      "--max-memory", "0", "-f", "csv")
    assert proc.returncode == 0 and len(proc.stdout.splitlines()) > 5000


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_service_is_refused_unless_allowed():
    url = f"http://127.0.0.1:{_closed_port()}/sparql"
    query = f"SELECT * WHERE {{ ?s a carekg:Stance . SERVICE <{url}> {{ ?s ?p ?o }} }}"
    proc = run_carekg("query", "-e", query)
    assert proc.returncode == 2
    assert one_error_line(proc) == ("carekg: error: <-e>: SERVICE is not allowed here: it would send data to "
                                    "another server (carekg query --allow-service permits it)")
    # Allowed, an unreachable endpoint is one clear error too.
    proc = run_carekg("query", "-e", query, "--allow-service", "--timeout", "20")
    assert proc.returncode == 2 and "query failed" in one_error_line(proc)


def test_sparql_update_is_refused():
    proc = run_carekg("query", "-e", "PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b ex:c }")
    assert proc.returncode == 2 and "SPARQL Update (INSERT) is not allowed" in one_error_line(proc)


SERVICE_RULE = ("# title: Leak\n# description: sends every triple away\n"
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }\n")


@pytest.mark.parametrize("folder, args", [
    ("rules", ["query", "source-articles"]),
    ("views", ["export", "network", "--view", "leak"]),
    ("qc", ["validate", "--check", "qc"]),
])
def test_service_is_always_refused_in_rules_views_and_qc(project_copy, folder, args):
    text = SERVICE_RULE if folder == "rules" else SERVICE_RULE.replace("CONSTRUCT { ?s ?p ?o }", "SELECT *")
    (project_copy.queries / folder / "leak.rq").write_text(text, encoding="utf-8")
    proc = run_carekg(*args, env={"CAREKG_HOME": str(project_copy.root)}, cwd=project_copy.root)
    assert proc.returncode == 2
    line = one_error_line(proc)
    assert f"{folder}/leak.rq: SERVICE is not allowed here" in line, line


def test_a_stopped_query_writes_no_file(tmp_path):
    out = tmp_path / "rows.csv"
    proc = run_carekg("query", "-e", "SELECT ?s WHERE { ?s ?p ?o }", "--max-rows", "3", "-f", "csv", "-o", out)
    assert proc.returncode == 3 and not out.exists() and list(tmp_path.iterdir()) == []
    proc = run_carekg("query", "source-articles", "-f", "csv", "-o", out)
    assert proc.returncode == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 1 + 5
