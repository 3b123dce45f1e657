"""One remote call: an HTTP request with a total time limit and a size limit, redirects followed
only to the same server, and no credentials in any message.

A SPARQL endpoint is run by someone else (see SECURITY.md), so its answer is data and its
behaviour is not trusted.  :func:`fetch` is the one way carekg speaks HTTP:

- **time**: the whole call, from connecting to the last byte, ends within ``timeout`` seconds;
  a server that sends its headers and then one byte every few seconds is cut off, not waited
  for read by read (a watchdog shuts the socket at the deadline);
- **size**: an answer longer than ``max_bytes`` is refused as soon as it passes the limit;
- **redirects**: followed only to the same origin (scheme, host and port), with the same method
  and body, at most :data:`MAX_REDIRECTS` times; a redirect elsewhere is an error, never a
  request to a server the user did not name;
- **faults**: a bad status line, too many or too long headers, a short body, a reset: one
  :class:`~graph.errors.EndpointError` line each, never a traceback;
- **credentials**: ``user:password@`` in the URL is sent as HTTP Basic authentication and never
  printed; messages show the URL by :func:`shown`, without them and without the query string's
  values.

Examples
--------
>>> shown("http://alice:s3cret@127.0.0.1:7878/query?token=abc&graph=x")
'http://127.0.0.1:7878/query?token=…&graph=…'
>>> same_origin("http://a.example/q", "http://a.example:80/other"), same_origin("http://a.example/q", "https://a.example/q")
(True, False)
"""

from __future__ import annotations

import base64
import http.client
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass

from graph.errors import EndpointError, QueryStopped

MAX_REDIRECTS = 5
CHUNK = 1 << 16


@dataclass(frozen=True)
class Answer:
    """What a server sent: its status, media type and body."""

    status: int
    media: str
    body: bytes


def shown(url: str) -> str:
    """``url`` as a message may show it: no ``user:password@``, and each query value as ``…``
    (a token is often passed so)."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if _port(parts, None) else "")
    query = "&".join(f"{k}=…" for k, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def _port(parts, default):
    try:
        return parts.port or default
    except ValueError:  # a port that is no number
        return default


def _origin(url: str) -> tuple:
    parts = urllib.parse.urlsplit(url)
    return (parts.scheme.lower(), (parts.hostname or "").lower(), _port(parts, {"http": 80, "https": 443}.get(parts.scheme.lower())))


def same_origin(a: str, b: str) -> bool:
    """Whether two URLs name the same server: scheme, host and port."""
    return _origin(a) == _origin(b)


def fetch(url: str, data=None, headers: dict | None = None, method: str = "POST", timeout: float = 60.0,
          max_bytes: int = 0, what: str = "the SPARQL endpoint") -> Answer:
    """Send one request (``data``: bytes, a binary file or None) and return the whole answer.

    ``timeout`` (seconds, 0 for none) bounds the whole call and ``max_bytes`` (0 for none) the
    answer's body; a 2xx answer is returned, anything else is an
    :class:`~graph.errors.EndpointError` (a body over ``max_bytes``: :class:`~graph.errors.QueryStopped`).
    """
    deadline = time.monotonic() + timeout if timeout else None
    headers = dict(headers or {})
    first = url
    for _ in range(MAX_REDIRECTS + 1):
        status, media, location, body = _once(url, data, headers, method, deadline, timeout, max_bytes, what)
        if location is None:
            if not 200 <= status < 300:
                text = body[:2000].decode("utf-8", "replace")
                line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
                raise EndpointError(f"{what} {shown(first)} answered HTTP {status}" + (f": {line[:300]}" if line else ""))
            return Answer(status, media, body)
        target = urllib.parse.urljoin(url, location)
        if not same_origin(first, target):
            raise EndpointError(f"{what} {shown(first)} redirected to another server ({shown(target)}): not followed")
        if data is not None and not isinstance(data, bytes):
            raise EndpointError(f"{what} {shown(first)} redirected an upload to {shown(target)}: not followed")
        url = target
    raise EndpointError(f"{what} {shown(first)} redirected more than {MAX_REDIRECTS} times")


def _once(url, data, headers, method, deadline, timeout, max_bytes, what):
    """One request and its answer: (status, media type, redirect location or None, body)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"{what} {shown(url)} is not an http:// or https:// URL")
    headers = dict(headers)
    if parts.username is not None:
        pair = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    try:
        left = _left(deadline)
    except TimeoutError:
        raise EndpointError(f"{what} {shown(url)} did not answer within {timeout:g} s (--timeout)") from None
    conn = kind(parts.hostname, _port(parts, None), timeout=left)
    late = threading.Event()

    def cut():  # the deadline: whatever the server is doing, the socket closes now
        late.set()
        sock = conn.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    watchdog = threading.Timer(left, cut) if left is not None else None
    if watchdog is not None:
        watchdog.daemon = True
        watchdog.start()
    target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
    sent = False
    try:
        conn.request(method, target, body=data, headers=headers)
        sent = True
        response = conn.getresponse()
        media = response.headers.get_content_type()
        if response.status in (301, 302, 303, 307, 308) and response.headers.get("Location"):
            return response.status, media, response.headers["Location"], b""
        limit = max_bytes if 200 <= response.status < 300 else 2000
        body = _body(response, limit, what, url, max_bytes)
        if late.is_set():  # the socket was shut at the deadline: what came is not the whole answer
            raise TimeoutError
        return response.status, media, None, body
    except TimeoutError:
        raise EndpointError(f"{what} {shown(url)} did not answer within {timeout:g} s (--timeout)") from None
    except (OSError, http.client.HTTPException) as exc:
        if late.is_set():
            raise EndpointError(f"{what} {shown(url)} did not answer within {timeout:g} s (--timeout)") from None
        if not sent:
            raise EndpointError(f"cannot reach {what} {shown(url)}: {_reason(exc)}") from None
        raise EndpointError(f"{what} {shown(url)} failed: {_reason(exc)}") from None
    finally:
        if watchdog is not None:
            watchdog.cancel()
        conn.close()


def _body(response, limit: int, what: str, url: str, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = response.read(CHUNK)
        if not chunk:
            if response.length:  # the server closed before the Content-Length it announced
                raise http.client.IncompleteRead(b"".join(chunks), response.length)
            return b"".join(chunks)
        size += len(chunk)
        if limit and size > limit:
            if limit != max_bytes:  # an error page: its start is enough
                return b"".join(chunks) + chunk
            raise QueryStopped(f"{what} {shown(url)} sent more than {max_bytes:,} bytes (--max-memory allows "
                               "answers of an eighth of it): stopped; narrow the query, or allow more with --max-memory MB")
        chunks.append(chunk)


def _left(deadline: float | None) -> float | None:
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return left


def _reason(exc: BaseException) -> str:
    """A fault in words, without the server's bytes (which may be anything)."""
    if isinstance(exc, http.client.IncompleteRead):
        return f"its answer broke off after {len(exc.partial):,} bytes"
    if isinstance(exc, http.client.LineTooLong):
        return "it sent a header or status line that is too long"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "it closed the connection without an answer"
    if isinstance(exc, http.client.BadStatusLine):
        return "it did not answer in HTTP (a bad status line)"
    if isinstance(exc, http.client.HTTPException):
        detail = str(exc) if str(exc).startswith("got more than") else type(exc).__name__
        return f"a fault in its HTTP answer ({detail[:80]})"
    if isinstance(exc, socket.gaierror):
        return "no such host"
    reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or str(exc)
    return str(reason).lower()[:200]


__all__ = ["Answer", "fetch", "same_origin", "shown", "MAX_REDIRECTS"]
