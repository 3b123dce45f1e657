"""Attacks through SPARQL endpoints and ``carekg serve`` (issue 17): an endpoint is run by someone
else, so its answers are data and its behaviour is not trusted; a server carekg runs must not
serve other hosts' pages, nor send queries on, nor outlive carekg.

A hostile endpoint here is a raw socket server on 127.0.0.1 that answers every request with the
bytes a test gives (or drips them), so each fault of the protocol can be sent as is.  Cost: some
30 in-process commands against it (each well under a second, the time limits a few seconds),
and four ``carekg serve`` runs of a few seconds each; some 40 s in all.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from graph.errors import EndpointError, QueryError, QueryStopped
from graph.sparql.front import host_allowed, query_text
from graph.sparql.http import same_origin, shown
from graph.sparql.remote import EndpointEngine

from ..helpers import ROOT


class Hostile:
    """A server that reads each request and answers with ``self.answer`` (bytes, or a callable
    given the socket); ``self.requests`` keeps what came (request line and headers)."""

    def __init__(self, host: str = "127.0.0.1"):
        self.sock = socket.socket()
        self.sock.bind((host, 0))
        self.sock.listen(16)
        self.url = f"http://{host}:{self.sock.getsockname()[1]}"
        self.answer: bytes | object = b""
        self.requests: list[str] = []
        self.stop = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn):
        with conn:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            head, body = data.split(b"\r\n\r\n", 1)
            length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1)) if b"ength:" in head else 0
            while len(body) < length:
                body += conn.recv(65536)
            self.requests.append(head.decode("latin-1"))
            try:
                if callable(self.answer):
                    self.answer(conn)
                else:
                    conn.sendall(self.answer)
            except OSError:
                pass

    def close(self):
        self.stop = True
        self.sock.close()


def http(body: bytes | str, media: str = "application/sparql-results+json", status: str = "200 OK", extra: str = "") -> bytes:
    body = body.encode("utf-8") if isinstance(body, str) else body
    return f"HTTP/1.1 {status}\r\nContent-Type: {media}\r\nContent-Length: {len(body)}\r\n{extra}\r\n".encode() + body


@pytest.fixture
def hostile():
    server = Hostile()
    yield server
    server.close()


def engine(server, **limits) -> EndpointEngine:
    return EndpointEngine(f"{server.url}/query", **limits)


SELECT = "SELECT ?s ?label WHERE { ?s rdfs:label ?label }"


# --- answers that are not what they claim ---------------------------------------------------------

@pytest.mark.parametrize("body, message", [
    ('{"head": {"vars": ["s", "label"]}, "results": {"bindings": [5]}}', "a SPARQL JSON result row is not an object: 5"),
    ('{"head": {"vars": 5}, "results": {"bindings": []}}', "the endpoint's answer is not SPARQL JSON results"),
    ('[1, 2, 3]', "the endpoint's answer is not SPARQL JSON results"),
    ('{"head": {"vars": ["s", "label"]}, "results": {"bindings": [{"label": {"type": "literal", "value": "x", '
     '"xml:lang": "en gb!"}}]}}', "a SPARQL JSON term has a malformed language tag: 'en gb!'"),
    ('{"head": {"vars": ["s", "label"]}, "results": {"bindings": [{"s": {"type": "uri", "value": 5}}]}}',
     "a SPARQL JSON binding is not a term object"),
    ("[" * 200_000 + "]" * 200_000, "the endpoint did not answer with SPARQL JSON results"),  # 400 kB, RecursionError
    ('{"head": {"vars": ["x"]}, "results": {"bindings": []}}',
     "the endpoint answered with the variables ?x, not the ?s ?label the query selects"),
])
def test_a_malformed_answer_is_one_query_error(hostile, body, message):
    hostile.answer = http(body)
    with pytest.raises(QueryError) as info:
        engine(hostile).query(SELECT, origin="<q>")
    assert str(info.value).startswith(f"<q>: {message}")


@pytest.mark.parametrize("answer, message", [
    (b"NOT HTTP AT ALL\r\n\r\n", "did not answer in HTTP"),
    (b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(120)) + b"\r\n", "got more than 100 headers"),
    (b"HTTP/1.1 200 OK\r\nX-Long: " + b"y" * 70_000 + b"\r\n\r\n", "a header or status line that is too long"),
    (b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 1000\r\n\r\n{}",
     "its answer broke off after 2 bytes"),
])
def test_http_faults_are_one_endpoint_error(hostile, answer, message):
    hostile.answer = answer
    with pytest.raises(EndpointError, match=re.escape(message)):
        engine(hostile).query(SELECT)


def test_describe_on_an_endpoint_with_other_variables_is_one_line(hostile, cli):
    hostile.answer = http('{"head": {"vars": ["a"]}, "results": {"bindings": [{"a": {"type": "uri", "value": "x:y"}}]}}')
    code, out, err = cli("describe", "https://w3id.org/carekg/id/kings-fund", "--endpoint", f"{hostile.url}/query")
    assert (code, out) == (2, "") and err.count("\n") == 1 and "the endpoint answered with the variables ?a" in err


# --- JSON-LD: no context from anywhere else -------------------------------------------------------

def test_a_json_ld_answer_naming_a_file_or_remote_context_is_refused_unread(hostile, tmp_path):
    secret = tmp_path / "context.jsonld"
    secret.write_text(json.dumps({"@context": {"name": "http://leak.example/SECRET-FROM-FILE"}}), encoding="utf-8")
    elsewhere = Hostile()
    try:
        for context in (secret.as_uri(), f"{elsewhere.url}/context.jsonld"):
            doc = {"@context": context, "@id": "http://x/a", "name": "b"}
            hostile.answer = http(json.dumps(doc), media="application/ld+json")
            with pytest.raises(QueryError, match="names a context outside itself"):
                engine(hostile).query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        # Scoped and imported contexts are refused too, at any depth.
        doc = {"@context": {"k": {"@id": "http://x/k", "@context": {"@import": f"{elsewhere.url}/c"}}}, "@id": "http://x/a"}
        hostile.answer = http(json.dumps(doc), media="application/ld+json")
        with pytest.raises(QueryError, match="names a context outside itself"):
            engine(hostile).query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        assert elsewhere.requests == []  # no request ever went to a host the user did not name
    finally:
        elsewhere.close()


def test_a_json_ld_answer_with_its_own_context_is_read(hostile):
    doc = {"@context": {"name": "http://x/name"}, "@id": "http://x/a", "name": "b"}
    hostile.answer = http(json.dumps(doc), media="application/ld+json")
    graph = engine(hostile).query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph
    assert [(str(s), str(p), str(o)) for s, p, o in graph] == [("http://x/a", "http://x/name", "b")]


# --- time and size: the whole call is bounded -------------------------------------------------------

def drip(conn):
    """Headers, then one byte of the body every second: each read comes in time, the answer never."""
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 100000\r\n\r\n")
    for _ in range(60):
        conn.sendall(b" ")
        time.sleep(1)


@pytest.mark.parametrize("args", [("describe", "kg:kings-fund"), ("coalitions",), ("discourse", "two-mode", "-f", "csv")])
def test_an_answer_dripped_byte_by_byte_stops_at_the_total_timeout(hostile, cli, args):
    hostile.answer = drip
    started = time.monotonic()
    code, out, err = cli(*args, "--endpoint", f"{hostile.url}/query", "--timeout", "2")
    assert time.monotonic() - started < 10
    assert (code, out) == (3, "") and err.count("\n") == 1 and "did not answer within 2 s (--timeout)" in err


def test_an_answer_over_an_eighth_of_max_memory_is_refused_as_it_comes(hostile):
    big = b'{"head": {"vars": ["s", "label"]}, "results": {"bindings": [' + b'{}, ' * 400_000 + b'{}]}}'
    hostile.answer = http(big)  # 1.6 MB against a 1 MB limit (--max-memory 8)
    with pytest.raises(QueryStopped, match=r"sent more than 1,048,576 bytes \(--max-memory"):
        engine(hostile, max_memory=8).query(SELECT)


def test_rows_past_max_rows_stop_the_command(hostile, cli):
    rows = [{"s": {"type": "uri", "value": f"http://x/{i}"}, "label": {"type": "literal", "value": "l"}} for i in range(20)]
    hostile.answer = http(json.dumps({"head": {"vars": ["s", "label"]}, "results": {"bindings": rows}}))
    with pytest.raises(QueryStopped, match=r"stopped after 5 rows \(--max-rows\)"):
        engine(hostile, max_rows=5).query(SELECT)


# --- redirects and credentials ---------------------------------------------------------------------

def test_a_redirect_to_another_host_is_not_followed(hostile, cli):
    elsewhere = Hostile()
    try:
        other = elsewhere.url.replace("127.0.0.1", "localhost")  # another host name: another origin
        hostile.answer = http("", status="302 Found", extra=f"Location: {other}/steal\r\n")
        code, out, err = cli("query", "documents", "--endpoint", f"{hostile.url}/query")
        assert (code, out) == (3, "") and f"redirected to another server ({other}/steal): not followed" in err
        assert elsewhere.requests == []
    finally:
        elsewhere.close()


def test_a_redirect_on_the_same_server_keeps_the_post(hostile):
    seen = []

    def answer(conn):
        seen.append(hostile.requests[-1].split("\r\n")[0])
        if len(seen) == 1:
            conn.sendall(http("", status="307 Temporary Redirect", extra="Location: /moved\r\n"))
        else:
            conn.sendall(http('{"head": {"vars": ["s", "label"]}, "results": {"bindings": []}}'))

    hostile.answer = answer
    assert engine(hostile).query(SELECT).rows == []
    assert seen == ["POST /query HTTP/1.1", "POST /moved HTTP/1.1"]


@pytest.mark.parametrize("answer", [http("no", status="500 Internal Server Error"), b"garbage\r\n\r\n"])
def test_credentials_in_the_url_are_sent_but_never_printed(hostile, cli, answer):
    hostile.answer = answer
    url = hostile.url.replace("http://", "http://alice:s3cret-pw@") + "/query?token=TOPSECRET"
    code, out, err = cli("query", "documents", "--endpoint", url)
    assert code == 3 and "s3cret-pw" not in err and "TOPSECRET" not in err and "alice" not in err
    assert f"{hostile.url}/query?token=…" in err
    assert "Authorization: Basic YWxpY2U6czNjcmV0LXB3" in hostile.requests[-1]


def test_what_messages_show_of_a_url_and_what_counts_as_the_same_server():
    assert shown("https://u:p@h.example:8443/sparql?key=K&x=1#f") == "https://h.example:8443/sparql?key=…&x=…"
    assert shown("http://[::1]:7878/query") == "http://[::1]:7878/query"
    assert same_origin("http://h/q", "http://H:80/other") and not same_origin("http://h/q", "http://h:8080/q")


# --- carekg serve ------------------------------------------------------------------------------------

@pytest.mark.parametrize("host, allowed", [("127.0.0.1:7878", True), ("LOCALHOST", True), ("[::1]", True), (None, True),
                                           ("evil.example", False), ("127.0.0.1.evil.example", False), ("0.0.0.0", False)])
def test_the_front_knows_this_machines_names(host, allowed):
    assert host_allowed(host, set()) is allowed


def test_the_front_reads_the_query_in_each_form_of_the_protocol():
    assert query_text("GET", "/query?query=ASK%7B%7D", "", b"") == "ASK{}"
    assert query_text("POST", "/query", "application/x-www-form-urlencoded", b"query=SELECT+%2A%7B%7D") == "SELECT *{}"
    assert query_text("POST", "/query", "application/sparql-query", b"SERVICE") == "SERVICE"
    assert query_text("POST", "/update", "application/sparql-update", b"DROP ALL") == "DROP ALL"


@pytest.fixture
def served(request):
    """``carekg serve`` with the given options; (URL, process)."""
    args = getattr(request, "param", ())
    proc = subprocess.Popen([sys.executable, "-m", "graph", "serve", "--port", "0", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    url = re.search(r"at (http://127\.0\.0\.1:\d+)/query", line).group(1)
    yield url, proc
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        proc.wait(20)


def get(url: str, query: str, headers: dict | None = None, timeout: float = 30):
    req = urllib.request.Request(f"{url}/query?{urllib.parse.urlencode({'query': query})}", headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


SERVICE = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"


def test_serve_refuses_service_even_from_a_web_page(served):
    url, _ = served
    # What an <img src> on any web page sends: a plain GET with the page's Origin.
    assert get(url, SERVICE, {"Origin": "http://evil.example"}) == (403, "SERVICE refused: this server does not send "
                                                                      "queries to other servers (start it with carekg "
                                                                      "serve --allow-service to allow it)\n")
    assert get(url, SERVICE.replace("SERVICE", "\\u0053ERVICE"))[0] == 403  # escaped, decoded by the server
    assert get(url, "ASK { ?s ?p ?o }") == (200, '{"head":{},"boolean":true}')


@pytest.mark.parametrize("served", [("--allow-service",)], indirect=True)
def test_serve_allow_service_passes_it_on(served):
    url, _ = served
    status, _ = get(url, SERVICE)
    assert status != 403  # Oxigraph tries port 9, where nothing answers: its own error


def test_serve_answers_only_loopback_host_names(served):
    url, _ = served
    port = url.rsplit(":", 1)[1]
    for host in (f"evil.example:{port}", "rebind.attacker.test", f"10.0.0.1:{port}"):
        status, body = get(url, "ASK { ?s ?p ?o }", {"Host": host})
        assert status == 421 and "is not this machine" in body
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"):
        assert get(url, "ASK { ?s ?p ?o }", {"Host": host})[0] == 200


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _children(pid: int) -> list[int]:
    """The processes ``pid`` started, from any of its threads (the server's keeper starts Oxigraph)."""
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            found += [int(c) for c in open(f"/proc/{pid}/task/{task}/children").read().split()]
        except FileNotFoundError:
            pass
    return found


def _alive(pid: int) -> bool:
    try:
        state = next(ln for ln in open(f"/proc/{pid}/status") if ln.startswith("State:"))
    except (FileNotFoundError, ProcessLookupError):
        return False
    return "Z" not in state.split()[1]


@pytest.mark.parametrize("served", [("--timeout", "2")], indirect=True)
def test_serve_stops_a_runaway_query_at_its_time_limit(served):
    url, proc = served
    before = _children(proc.pid)
    started = time.monotonic()
    status, body = get(url, RUNAWAY)
    assert (status, body) == (503, "the query ran past 2 s and was stopped (carekg serve --timeout S sets the limit)\n")
    assert time.monotonic() - started < 8
    time.sleep(0.5)
    assert not any(_alive(pid) for pid in before)  # the query's process is gone: no core kept busy
    assert get(url, "ASK { ?s ?p ?o }") == (200, '{"head":{},"boolean":true}')  # and the server answers again


def test_serve_has_a_default_query_time_limit():
    from graph.cli.parser import parser

    args = parser().parse_args(["serve"])
    assert args.timeout == 60


def test_the_server_ends_with_carekg_even_after_kill_9(served):
    url, proc = served
    oxigraph = _children(proc.pid)
    assert oxigraph and all(_alive(pid) for pid in oxigraph)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in oxigraph) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in oxigraph)
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2)
