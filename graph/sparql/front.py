"""The front of ``carekg serve``: the server on the user's port, which hands each request to the
Oxigraph server (listening on a private loopback port) once it has passed three checks.

Oxigraph alone would answer anyone who can reach the port as it is asked, and a web page can
reach it: a browser sends a page's ``<img src="http://127.0.0.1:7878/query?query=…">`` without
asking anyone.  So, in front of it:

- **Host**: a request must name this machine by a loopback name (``127.0.0.1``, ``localhost``,
  ``[::1]``) or the address the server was asked to listen on; any other ``Host:`` is refused
  (421), which ends DNS rebinding (a page whose own host name is made to point at 127.0.0.1);
- **SERVICE**: a query that would send part of itself to another server is refused (403) unless
  ``carekg serve --allow-service``, as ``carekg query`` refuses it;
- **size**: a request body over :data:`MAX_BODY` bytes is refused (413).

Everything else (the query page, the Graph Store reads, Oxigraph's own answers and refusals of
writes) passes through unchanged, streamed.

Examples
--------
>>> host_allowed("127.0.0.1:7878", {"127.0.0.1"}), host_allowed("[::1]:80", set()), host_allowed("evil.example", set())
(True, True, False)
>>> query_text("GET", "/query?query=ASK%7B%7D", "", b"")
'ASK{}'
"""

from __future__ import annotations

import http.client
import http.server
import socket
import threading
import urllib.parse

from graph.sparql.syntax import uses_service

LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}
MAX_BODY = 4 * 1024 * 1024  # a query is a few kB; an upload is refused by the read-only store anyway
HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "host",
       "content-length"}


def host_allowed(host: str | None, names: set) -> bool:
    """Whether a ``Host:`` header names this machine: a loopback name or one of ``names``
    (no header at all, as HTTP/1.0 allows, comes from no browser and passes)."""
    if host is None:
        return True
    name = urllib.parse.urlsplit("//" + host.strip()).hostname or ""
    return name.lower() in LOOPBACK_NAMES | {n.lower().strip("[]") for n in names}


def query_text(method: str, path: str, media: str, body: bytes) -> str:
    """The SPARQL query (or update) a request carries, in any of the Protocol's three forms:
    ``?query=`` in the URL, a form-encoded body, or an ``application/sparql-query`` body."""
    parts = urllib.parse.urlsplit(path)
    texts = [v for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True) if k in ("query", "update")]
    if method == "POST" and media == "application/x-www-form-urlencoded":
        texts += [v for k, v in urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
                  if k in ("query", "update")]
    elif method == "POST" and media in ("application/sparql-query", "application/sparql-update"):
        texts.append(body.decode("utf-8", "replace"))
    return "\n".join(texts)


class Front(http.server.ThreadingHTTPServer):
    """The front server.  ``backend()`` gives the Oxigraph server's ``(host, port, generation)``;
    a request whose answer is not all sent within ``timeout`` seconds is cut off, answered 503
    if nothing was sent yet, and ``late(generation)`` is called (to stop the query: Oxigraph
    started afresh)."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple, backend, allow_service: bool = False, names: set | None = None,
                 timeout: float | None = None, late=None):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)
        self.backend, self.allow_service, self.names = backend, allow_service, set(names or ())
        self.timeout, self.late = timeout, late


class _Handler(http.server.BaseHTTPRequestHandler):
    server: Front
    protocol_version = "HTTP/1.0"  # one request a connection: the answer ends when the connection does

    def log_message(self, format, *args):  # the server's own log stays quiet, as Oxigraph's is
        pass

    def _refuse(self, status: int, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _pass(self) -> None:
        if not host_allowed(self.headers.get("Host"), self.server.names):
            return self._refuse(421, f"Host {self.headers.get('Host')!r} is not this machine: carekg serve answers "
                                     "requests addressed to 127.0.0.1, localhost or [::1] only")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self._refuse(400, "Content-Length is not a number")
        if length > MAX_BODY or length < 0 or self.headers.get("Transfer-Encoding"):
            return self._refuse(413, f"a request body may be at most {MAX_BODY:,} bytes, with a Content-Length")
        body = self.rfile.read(length) if length else b""
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        text = query_text(self.command, self.path, media, body)
        if text and not self.server.allow_service and uses_service(text):
            return self._refuse(403, "SERVICE refused: this server does not send queries to other servers "
                                     "(start it with carekg serve --allow-service to allow it)")
        self._forward(body)

    def _forward(self, body: bytes) -> None:
        host, port, generation = self.server.backend()
        conn = http.client.HTTPConnection(host, port, timeout=None)
        started, late = False, threading.Event()

        def cut():  # past the limit: the query is stopped where it runs, and this answer ends
            late.set()
            if self.server.late is not None:
                self.server.late(generation)
            if conn.sock is not None:
                try:
                    conn.sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

        watchdog = threading.Timer(self.server.timeout, cut) if self.server.timeout else None
        if watchdog is not None:
            watchdog.daemon = True
            watchdog.start()
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
            headers["Content-Length"] = str(len(body))
            conn.request(self.command, self.path, body=body if body or self.command in ("POST", "PUT") else None,
                         headers=headers)
            answer = conn.getresponse()
            started = True
            self.send_response(answer.status, answer.reason)
            for key, value in answer.getheaders():
                if key.lower() not in HOP:
                    self.send_header(key, value)
            self.send_header("Connection", "close")
            self.end_headers()
            while chunk := answer.read1(1 << 16) if self.command != "HEAD" else b"":
                self.wfile.write(chunk)
        except (OSError, http.client.HTTPException):
            if not started:
                try:
                    if late.is_set():
                        self._refuse(503, f"the query ran past {self.server.timeout:g} s and was stopped "
                                          "(carekg serve --timeout S sets the limit)")
                    else:
                        self._refuse(502, "the SPARQL server behind carekg serve did not answer")
                except OSError:
                    pass
            # else the client left, or the answer was cut at the limit: nothing more to send
        finally:
            if watchdog is not None:
                watchdog.cancel()
            conn.close()

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _pass


__all__ = ["Front", "host_allowed", "query_text", "LOOPBACK_NAMES", "MAX_BODY"]
