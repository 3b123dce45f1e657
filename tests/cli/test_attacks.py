"""Attacks through the command line (issue 10, items 4 and the command faults of 10): each ends
in one clear line on stderr and a non-zero exit, never a traceback, in a real process.

Cost: about 25 subprocess runs of a second or two each, and three Ctrl-C runs stopped within a
few seconds; some 45 s in all.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..helpers import ROOT, dataset_copy

FULL = "carekg: error: cannot write to standard output: No space left on device\n"
ASCII = ("carekg: error: standard output cannot show '\\u2019' in its encoding (ascii): "
         "set PYTHONIOENCODING=utf-8 or a UTF-8 locale, or write a file with -o FILE\n")


def carekg(*args, env=None, stdout=subprocess.PIPE, timeout=120):
    """``carekg ARGS`` in a real process: (exit code, stdout or "", stderr)."""
    proc = subprocess.run([sys.executable, "-m", "graph", *map(str, args)], cwd=ROOT, stdout=stdout,
                          stderr=subprocess.PIPE, env=dict(os.environ, **(env or {})), timeout=timeout)
    return proc.returncode, (proc.stdout or b"").decode("utf-8"), proc.stderr.decode("utf-8")


@pytest.mark.parametrize("args", [
    ("queries",),                                     # short output, failing only when flushed
    ("describe", "kg:kings-fund"),
    ("query", "actors-by-type", "-f", "csv"),         # the query's supervised child, relayed
    ("export", "stances", "-o", "-"),
])
def test_stdout_to_dev_full_is_one_line(args):
    with open("/dev/full", "w") as full:
        assert carekg(*args, stdout=full) == (2, "", FULL)


def test_validation_problems_to_dev_full_still_give_the_count(tmp_path):
    folder = dataset_copy(tmp_path / "ds", replace={"a001-lamb-confed.ttl": [("schema:value 1200000.0 ;", 'schema:value "1.2m"^^xsd:decimal ;')]})
    with open("/dev/full", "w") as full:
        assert carekg("--data", folder, "validate", "--check", "terms", stdout=full) == (1, "", FULL + "carekg: 1 validation problem(s)\n")


@pytest.mark.parametrize("args", [("describe", "kg:kings-fund"), ("query", "source-articles")])
def test_an_encoding_that_cannot_show_the_text_is_one_line(args):
    assert carekg(*args, env={"PYTHONIOENCODING": "ascii"}) == (2, "", ASCII)


def test_a_closed_pipe_ends_quietly():
    proc = subprocess.run(f"{sys.executable} -m graph describe kg:kings-fund | head -c 10", shell=True, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert (proc.stdout, proc.stderr) == ("subject   ", "")


@pytest.mark.parametrize("args, message", [
    (("query", "all-amounts", "-p", "min=" + "9" * 5000),
     "parameter 'min' must be a whole number of at most 30 digits, not '" + "9" * 40 + "'"),
    (("query", "stances-in-period", "-p", "from=2015-13-45"), "parameter 'from': date '2015-13-45': month must be in 1..12"),
    (("query", "stances-in-period", "-p", "from=2015-02-30"), "parameter 'from': date '2015-02-30': day is out of range for month"),
    (("query", "stances-in-period", "-p", "from=2015", "-p", "from=2016"),
     "parameter 'from' given twice (-p from=2015, -p from=2016); give it once"),
    (("query", "-e", "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }"),
     "<-e>: FROM NAMED names a graph, but carekg's graph has only the default graph: drop the FROM NAMED clause"),
    (("query", "-e", "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"),
     "<-e>: GRAPH names a graph, but carekg's graph has only the default graph: drop the GRAPH clause"),
    (("query", "-e", "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"),
     "<-e>: FROM names a graph, but carekg's graph has only the default graph: drop the FROM clause"),
])
def test_bad_parameters_and_named_graphs_are_one_line(args, message):
    assert carekg(*args) == (2, "", f"carekg: error: {message}\n")


def test_an_argument_that_is_not_utf8_is_one_line():
    proc = subprocess.run([sys.executable, "-m", "graph", "describe", b"King\xe2s Fund"], cwd=ROOT,
                          capture_output=True, timeout=120)
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, b"", b"carekg: error: argument b'King\\xe2s Fund' is not valid UTF-8\n")


def test_a_query_file_that_is_not_utf8_names_file_and_line(tmp_path):
    path = tmp_path / "latin1.rq"
    path.write_bytes("# title: Café\n# description: à la carte\nSELECT * { ?s ?p ?o } LIMIT 1\n".encode("latin-1"))
    assert carekg("query", path) == (2, "", f"carekg: error: {path}:1: not UTF-8 (byte 0xe9 at offset 12); save the query as UTF-8\n")


@pytest.fixture
def broken_home(project_copy):
    """A copy of the project's queries to break, and the environment that points carekg at it."""
    return project_copy.queries, {"CAREKG_HOME": str(project_copy.root)}


def test_a_broken_rule_is_one_line_naming_it(broken_home):
    queries, env = broken_home
    (queries / "rules" / "60-broken.rq").write_text("CONSTRUCT { ?s ?p } WHERE { ?s ?p ?o }\n", encoding="utf-8")
    code, out, err = carekg("validate", "--check", "qc", env=env)
    assert (code, out) == (2, "")
    assert err.startswith(f"carekg: error: {queries / 'rules' / '60-broken.rq'}:1:19: SPARQL syntax error: expected one of ")
    assert err.endswith(", ...\n") and err.count("\n") == 1


def test_a_broken_view_is_one_line_naming_it(broken_home):
    queries, env = broken_home
    (queries / "views" / "broken.rq").write_text("# title: Broken\nSELECT ?edge WHERE { ?edge ?p }\n", encoding="utf-8")
    code, out, err = carekg("export", "network", "--view", "broken", env=env)
    assert (code, out) == (2, "")
    assert err.startswith(f"carekg: error: {queries / 'views' / 'broken.rq'}:2:") and "SPARQL syntax error" in err


@pytest.mark.parametrize("command", [("export", "network", "--view", "thin", "-f", "csv", "-o", "OUT/net.csv"),
                                     ("export", "network", "--view", "thin", "-f", "gexf"),
                                     ("map", "--view", "thin", "-o", "OUT/map.html")])
def test_a_view_missing_its_variables_is_one_line_naming_it(broken_home, tmp_path, command):
    queries, env = broken_home
    view = queries / "views" / "thin.rq"
    view.write_text("# title: Thin\nSELECT ?edge ?source ?target WHERE { ?edge carekg:actor ?source ; carekg:proposal ?target }\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    args = [a.replace("OUT", str(out)) for a in command]
    assert carekg(*args, env=env) == (2, "", f"carekg: error: {view}: a view must select ?edge ?source ?target ?relation "
                                             "?relationLabel ?kind ?article ?evidence; this one lacks ?relation ?relationLabel "
                                             "?kind ?article ?evidence\n")
    assert list(out.iterdir()) == []   # nothing written, not even one of the two tables


def test_a_query_folder_file_that_is_not_utf8_is_one_line(broken_home):
    queries, env = broken_home
    (queries / "zz-latin1.rq").write_bytes("# title: Café\nSELECT * { ?s ?p ?o }\n".encode("latin-1"))
    assert carekg("queries", env=env) == (2, "", f"carekg: error: {queries / 'zz-latin1.rq'}:1: not UTF-8 "
                                                 "(byte 0xe9 at offset 12); save the query as UTF-8\n")


# --- Ctrl-C: a real SIGINT, sent when the process is observably at a given stage -------------

def _loaded(pid: int, library: str) -> bool:
    try:
        return library in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _runs_java(pid: int) -> bool:
    for child in _children(pid):
        try:
            if b"java" in Path(f"/proc/{child}/cmdline").read_bytes():
                return True
        except OSError:  # it has just ended
            pass
    return False


def _interrupt_when(args, ready, cwd, deadline: float = 90):
    proc = subprocess.Popen([sys.executable, "-m", "graph", *map(str, args)], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    start = time.monotonic()
    while not ready(proc.pid) and proc.poll() is None and time.monotonic() - start < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the command ended before the stage was reached"
    children = _children(proc.pid)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    _gone(children)
    return proc.returncode, out, err


def _gone(pids, within: float = 10) -> None:
    """Each of ``pids`` has ended (no process left behind to keep a core busy)."""
    end = time.monotonic() + within
    left = list(pids)
    while left and time.monotonic() < end:
        left = [p for p in left if Path(f"/proc/{p}").exists() and "Z" not in _state(p)]
        time.sleep(0.05)
    assert left == [], f"processes left behind: {left}"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


def test_a_query_child_ends_with_carekg_even_after_kill_9():
    # A query runs in a child (the engine does not look at signals); if carekg itself is killed,
    # or interrupted between the fork and its watch on the child, the child must not run on.
    proc = subprocess.Popen([sys.executable, "-m", "graph", "query", "-e", RUNAWAY, "--timeout", "0", "--max-memory", "0"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    start = time.monotonic()
    while not _children(proc.pid) and time.monotonic() - start < 90:
        time.sleep(0.02)
    children = _children(proc.pid)
    assert children, "the query's child never started"
    proc.kill()
    proc.wait(timeout=30)
    _gone(children)


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.mark.parametrize("stage, args, ready", [
    # While the program loads its libraries (the engine's, on opening the store).
    ("loading", ("map", "-o", "{tmp}/map.html"), lambda pid: _loaded(pid, "pyoxigraph")),
    # While HermiT runs in Java (on the data: --owl), in the middle of a build: nothing of the build may be left.
    pytest.param("reasoning", ("build", "--owl", "--out", "{tmp}/out"), _runs_java, marks=pytest.mark.java),
    # While a query runs that would never end, with every limit lifted (it still runs in a child).
    ("querying", ("query", "-e", RUNAWAY, "--timeout", "0", "--max-memory", "0"), lambda pid: bool(_children(pid))),
])
def test_ctrl_c_at_any_stage_is_one_line_and_leaves_nothing_behind(tmp_path, stage, args, ready):
    work = tmp_path / "work"
    work.mkdir()
    code, out, err = _interrupt_when([str(a).replace("{tmp}", str(work)) for a in args], ready, cwd=ROOT)
    assert (code, err) == (130, "carekg: interrupted\n"), err
    assert sorted(os.listdir(work)) == []  # no half-written output, no temporary file


# --- issue 17: inputs that hang or grow ------------------------------------------------------------

def test_a_query_file_that_is_a_fifo_is_refused_at_once(tmp_path):
    os.mkfifo(tmp_path / "q.rq")
    assert carekg("query", tmp_path / "q.rq", timeout=60) == (
        2, "", f"carekg: error: {tmp_path / 'q.rq'}: not a regular file (a FIFO): refusing to read it\n")


@pytest.mark.parametrize("args", [("describe", "x" * 100_000), ("describe", "<https://w3id.org/carekg/id/" + "x" * 100_000 + ">"),
                                  ("coalitions", "--exclude-actor", "y" * 100_000)])
def test_a_100000_character_name_is_refused_fast(args):
    started = time.monotonic()
    assert carekg(*args, timeout=60) == (2, "", "carekg: error: a name of " + f"{len(args[-1]):,}" + " characters: names and "
                                                "IRIs are at most 500; give a shorter part of the name\n")
    assert time.monotonic() - started < 20  # the command's start, not the name: the attack ran past 120 s


@pytest.mark.parametrize("triples", ["1000000000000", "10000001"])
def test_synth_sizes_are_bounded(tmp_path, triples):
    assert carekg("synth", "--triples", triples, "-o", tmp_path / "ds", timeout=60) == (
        2, "", "carekg: error: --triples: give at most 10,000,000\n")
    assert not (tmp_path / "ds").exists()
