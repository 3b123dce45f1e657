"""A real Oxigraph server: push the graph, run every named query and every command remotely, serve
the built store, refuse what fails with one line, and hold up under concurrent clients.

CI cost: about 10 s (one writable server for the module, one `carekg serve` subprocess, a
two-second load test).
"""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from graph.errors import EndpointError
from graph.kg.load import KnowledgeGraph
from graph.kg.query import bind_params
from graph.rdf.namespaces import PREFIXES
from graph.sparql.catalog import find_query, list_queries
from graph.sparql.remote import EndpointEngine
from graph.sparql.server import start, stop

from ..helpers import ROOT
from ..queries import PARAMS, both_ways

ALL = [q.name for q in list_queries()]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """An empty, writable Oxigraph server on a free loopback port (stopped after the module)."""
    proc, url = start(tmp_path_factory.mktemp("oxigraph") / "store", writable=True)
    try:
        yield url
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def pushed(server, kg):
    """The server after `carekg push` has uploaded the curated graph to its default graph."""
    from graph.cli.parser import main

    assert main(["push", "--store", f"{server}/store"]) == 0
    return KnowledgeGraph(EndpointEngine(f"{server}/query", PREFIXES), kg.paths)


def test_push_uploads_every_triple(pushed, kg, capsys):
    assert len(pushed.engine) == len(kg.engine)


@pytest.mark.parametrize("name", ALL)
def test_every_named_query_gives_the_same_rows_remotely(pushed, kg, name):
    local, remote = both_ways(kg, pushed, name)
    assert remote == local


@pytest.mark.parametrize("args", [
    ["query", "posts-of-person", "-p", "person=Norman Lamb", "-f", "csv"],
    ["describe", "Steve Kell", "-f", "csv"],
    ["export", "stances", "-f", "csv"],
    ["discourse", "one-mode", "--normalization", "average", "-f", "csv"],
    ["coalitions", "-f", "json"],
])
def test_commands_print_the_same_remotely(pushed, server, cli, args):
    code, local, _ = cli(*args)
    rcode, remote, err = cli(*args, "--endpoint", f"{server}/query")
    assert (code, rcode) == (0, 0), err
    assert remote == local and local


def test_map_from_an_endpoint(pushed, server, cli, tmp_path):
    code, _, local = cli("map", "-o", tmp_path / "local.html")
    rcode, _, remote = cli("map", "-o", tmp_path / "remote.html", "--endpoint", f"{server}/query")
    assert (code, rcode) == (0, 0), remote
    counts = lambda text: re.search(r"\((\d+ nodes, \d+ edges)\)", text).group(1)
    assert counts(remote) == counts(local)


def test_named_graph_push_and_query(server, cli, kg):
    graph = "https://w3id.org/carekg/graph/test"
    code, out, err = cli("push", "--store", f"{server}/store", "--graph", graph)
    assert code == 0 and f"{len(kg.engine):,} triples" in out, err
    code, out, err = cli("query", "documents", "-f", "csv", "--endpoint", f"{server}/query", "--graph", graph)
    assert code == 0 and "Oldham" in out, err


# --- failures: one line, non-zero exit -------------------------------------------------------

def test_unreachable_endpoint(cli):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound but not listening: connections are refused
        code, out, err = cli("query", "documents", "--endpoint", f"http://127.0.0.1:{port}/query")
    assert code == 3 and out == ""
    assert err.strip().count("\n") == 0 and "cannot reach the SPARQL endpoint" in err and "refused" in err


def test_http_error(server, cli):
    code, _, err = cli("query", "documents", "--endpoint", f"{server}/no-such-path")
    assert code == 3 and err.strip().count("\n") == 0 and "answered HTTP 404" in err


def test_endpoint_that_never_answers_times_out():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()  # accepts connections, never answers
        engine = EndpointEngine(f"http://127.0.0.1:{s.getsockname()[1]}/query", timeout=0.5)
        with pytest.raises(EndpointError, match=r"did not answer within 0\.5 s"):
            engine.query("ASK { ?s ?p ?o }")


def test_not_a_url(cli):
    code, _, err = cli("query", "documents", "--endpoint", "localhost:7878")
    assert code == 2 and "is not an http:// or https:// URL" in err


# --- carekg serve ----------------------------------------------------------------------------

def _serve(*args):
    return subprocess.Popen([sys.executable, "-m", "graph", "serve", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_serve_answers_read_only_and_stops_on_ctrl_c(cli):
    proc = _serve("--port", "0")
    try:
        line = proc.stderr.readline()
        url = re.search(r"at (http://127\.0\.0\.1:\d+)/query", line).group(1)
        code, out, err = cli("query", "documents", "-f", "csv", "--endpoint", f"{url}/query")
        assert code == 0 and "Oldham" in out, err
        code, _, err = cli("push", "--store", f"{url}/store")
        assert code == 3 and "answered HTTP" in err  # read-only: uploads are refused
        proc.send_signal(signal.SIGINT)
        assert proc.wait(10) == 0
        rest = proc.stderr.read()
        assert rest.strip() == "server stopped" and "Traceback" not in rest
        with pytest.raises(OSError):
            urllib.request.urlopen(f"{url}/query", timeout=2)  # the Oxigraph server is gone too
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_serve_on_a_port_in_use():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        proc = _serve("--port", str(port))
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 3
    assert err.strip().splitlines()[-1] == f"carekg: error: port {port} on 127.0.0.1 is already in use; " \
        "choose another with --port N (or --port 0 for any free port)"


# --- a bounded load test -----------------------------------------------------------------------

def test_concurrent_clients_for_two_seconds(pushed, kg, record_property):
    """Eight clients run the parameterised named queries for two seconds: no errors."""
    mix = []
    for name in ALL:
        q = find_query(name)
        mix.append((q, bind_params(kg, q, PARAMS.get(name, {}))))
    done, errors, stop_at = [0] * 8, [], time.monotonic() + 2.0

    def client(i):
        engine = EndpointEngine(pushed.engine.url, PREFIXES, timeout=30)
        k = i
        while time.monotonic() < stop_at:
            q, bindings = mix[k % len(mix)]
            try:
                engine.query(q.text, bindings, origin=q.path)
                done[i] += 1
            except Exception as exc:  # every failure counts, whatever its kind
                errors.append(f"{q.name}: {exc}")
            k += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    record_property("load_test", {"clients": 8, "seconds": 2, "requests": sum(done), "errors": len(errors)})
    print(f"load test: 8 clients, 2 s: {sum(done)} requests ({sum(done) / 2:.0f}/s), {len(errors)} errors")
    assert errors == []
    assert sum(done) >= len(threads)
