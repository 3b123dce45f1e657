"""A real SPARQL server on the built store: the Oxigraph server from the ``oxigraph`` package.

:func:`serve` runs ``oxigraph serve-read-only --location STORE --bind HOST:PORT`` on the store
that :func:`graph.kg.store.open_graph` keeps up to date, bound to loopback and read-only unless
asked otherwise.  It waits until the server answers (a fraction of a second), prints where, and
stops it cleanly on Ctrl-C or SIGTERM.  A port already in use is one clear error, before the
server is started.  The server speaks the SPARQL 1.1 Protocol (``/query``), the Graph Store
Protocol (``/store``, read-only here) and has a query page at ``/``.

Examples
--------
>>> oxigraph_binary().name
'oxigraph'
>>> free_port("127.0.0.1") > 0
True
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graph.errors import ParameterError, ServerError

LOOPBACK = ("127.0.0.1", "::1", "localhost")
READY_WITHIN = 10.0  # seconds to wait for the server to answer before giving up


def oxigraph_binary() -> Path:
    """The ``oxigraph`` server binary that the ``oxigraph`` PyPI package installs."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    raise ServerError("the Oxigraph server is not installed: pip install 'oxigraph>=0.5.13,<0.6'")


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` now (the system picks it)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def check_port(host: str, port: int) -> None:
    """Raise :class:`ServerError` if ``port`` on ``host`` cannot be bound (in use, say)."""
    if not 0 < port < 65536:
        raise ParameterError(f"--port {port}: give a port between 1 and 65535 (or 0 for any free port)")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError as exc:
            why = "is already in use" if exc.errno == 98 else f"cannot be used ({exc.strerror})"
            raise ServerError(f"port {port} on {host} {why}; choose another with --port N (or --port 0 for any free port)") from None


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.2):
            return True
    except OSError:
        return False


def start(location: Path | str, host: str = "127.0.0.1", port: int = 0, timeout_s: int | None = None,
          writable: bool = False) -> tuple[subprocess.Popen, str]:
    """Start the Oxigraph server on ``location`` and return it once it answers, with its URL.

    ``port`` 0 picks a free port.  The caller stops it (:func:`stop`).  ``writable`` serves
    read-write (``oxigraph serve``), for a store of its own, such as a test's.
    """
    location = Path(location)
    if not writable and not (location / "CURRENT").exists():
        raise ServerError(f"no Oxigraph store at {location} (run carekg build first)")
    port = port or free_port(host)
    check_port(host, port)
    bound = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    args = [str(oxigraph_binary()), "serve" if writable else "serve-read-only", "--location", str(location), "--bind", bound]
    if timeout_s:
        args += ["--timeout-s", str(int(timeout_s))]
    log = tempfile.TemporaryFile()  # the server's own messages: read if it fails to start
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                            start_new_session=True)  # Ctrl-C reaches carekg, which stops the server
    deadline = time.monotonic() + READY_WITHIN
    while not _answers(host, port):
        if proc.poll() is not None:
            log.seek(0)
            err = log.read().decode("utf-8", "replace")
            log.close()
            last = next((ln.strip() for ln in reversed(err.splitlines()) if ln.strip() and not ln.startswith(" ")), "")
            raise ServerError(f"the Oxigraph server stopped at start-up (exit {proc.returncode})" + (f": {last}" if last else ""))
        if time.monotonic() > deadline:
            stop(proc)
            log.close()
            raise ServerError(f"the Oxigraph server did not answer on {bound} within {READY_WITHIN:g} s")
        time.sleep(0.01)
    log.close()  # the server keeps writing to its own copy (an unlinked file): nothing to read
    return proc, f"http://{bound}"


def stop(proc: subprocess.Popen, grace: float = 5.0) -> int:
    """Stop a server started by :func:`start`: SIGTERM, then SIGKILL after ``grace`` seconds."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return proc.returncode


def serve(location: Path | str, host: str = "127.0.0.1", port: int = 7878, timeout_s: int | None = None,
          say=print) -> int:
    """Serve the store at ``location`` until Ctrl-C or SIGTERM; return the exit code (0).

    ``say`` receives the lines for the user (where the server is, how to stop it).
    """
    if host not in LOOPBACK:
        say(f"warning: serving on {host}: other machines can query this graph (read-only)")
    started = time.perf_counter()
    proc, url = start(location, host, port, timeout_s)
    try:
        say(f"serving {location} read-only at {url}/query (SPARQL 1.1), {url}/store (Graph Store),"
            f" {url}/ (query page); started in {time.perf_counter() - started:.2f} s; Ctrl-C stops it")
        code = proc.wait()
    except KeyboardInterrupt:
        code = None
    finally:
        stop(proc)
    if code is not None:
        raise ServerError(f"the Oxigraph server stopped by itself (exit code {code})")
    say("server stopped")
    return 0


__all__ = ["serve", "start", "stop", "free_port", "check_port", "oxigraph_binary"]
