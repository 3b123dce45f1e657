"""A real SPARQL server on the built store: the Oxigraph server from the ``oxigraph`` package.

:func:`serve` runs ``oxigraph serve-read-only --location STORE`` on the store that
:func:`graph.kg.store.open_graph` keeps up to date, on a private loopback port, with a query time
limit (60 s unless asked otherwise), and puts :mod:`graph.sparql.front` on the user's port
(loopback unless asked otherwise): only loopback ``Host`` names, no ``SERVICE`` unless asked.
It waits until the server answers (a fraction of a second), prints where, and stops both on
Ctrl-C or SIGTERM; if ``carekg serve`` itself is killed (even ``kill -9``), the Oxigraph server
ends with it (:func:`start` asks Linux for the signal).  A port already in use is one clear
error, before the server is started.  The server speaks the SPARQL 1.1 Protocol (``/query``),
the Graph Store Protocol (``/store``, read-only here) and has a query page at ``/``.

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
from graph.sparql.limits import ends_with_parent

LOOPBACK = ("127.0.0.1", "::1", "localhost")
READY_WITHIN = 10.0  # seconds to wait for the server to answer before giving up
DEFAULT_TIMEOUT_S = 60  # a query on the server stops after a minute unless asked otherwise


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

    ``port`` 0 picks a free port.  The caller stops it (:func:`stop`); it ends by itself when the
    calling thread's process does (:func:`ends_with_parent`).  ``writable`` serves read-write
    (``oxigraph serve``), for a store of its own, such as a test's.
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
                            start_new_session=True,  # Ctrl-C reaches carekg, which stops the server
                            preexec_fn=ends_with_parent())
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


class Keeper:
    """The Oxigraph server behind :mod:`graph.sparql.front`, owned by one thread for the whole
    time carekg serves (so that Linux ends it with carekg's process, see
    :func:`ends_with_parent`, and not when some short-lived thread ends), and started afresh when
    a query runs past the time limit: Oxigraph's own ``--timeout-s`` does not stop every query
    (a ``COUNT`` over a cartesian product runs on), so the front asks for a restart, which frees
    the core and the memory at once.  Queries in flight at that moment fail (HTTP 502)."""

    def __init__(self, location: Path | str, timeout_s: int | None):
        import queue
        import threading

        self.location, self.timeout_s = location, timeout_s
        self.requests: queue.Queue = queue.Queue()
        self.ready = threading.Event()
        self.address: tuple = ("127.0.0.1", 0)
        self.generation = 0
        self.error: ServerError | None = None
        self.ended: int | None = None  # the exit code, when the server stopped by itself
        self.on_end = lambda: None
        self.thread = threading.Thread(target=self._run, name="oxigraph-keeper", daemon=True)

    def begin(self) -> None:
        """Start the server; return once it answers (or raise its :class:`ServerError`)."""
        self.thread.start()
        self.ready.wait()
        if self.error is not None:
            raise self.error

    def backend(self) -> tuple:
        """``(host, port, generation)`` of the server answering now."""
        return (*self.address, self.generation)

    def restart(self, generation: int) -> None:
        """Start the server afresh, unless it already was since ``generation``."""
        self.requests.put(("restart", generation))

    def finish(self) -> None:
        self.requests.put(("stop", 0))
        self.thread.join(15)

    def _start(self) -> subprocess.Popen:
        proc, url = start(self.location, "127.0.0.1", 0, self.timeout_s)
        self.address = ("127.0.0.1", int(url.rsplit(":", 1)[1]))
        self.generation += 1
        return proc

    def _run(self) -> None:
        import queue

        try:
            proc = self._start()
        except ServerError as exc:
            self.error = exc
            return
        finally:
            self.ready.set()
        while True:
            try:
                what, generation = self.requests.get(timeout=0.2)
            except queue.Empty:
                if proc.poll() is not None:
                    self.ended = proc.returncode
                    return self.on_end()
                continue
            if what == "stop":
                stop(proc)
                return
            if generation == self.generation:  # a runaway query: a new server, at once
                proc.kill()
                proc.wait()
                try:
                    proc = self._start()
                except ServerError:
                    self.ended = -1
                    return self.on_end()


def serve(location: Path | str, host: str = "127.0.0.1", port: int = 7878, timeout_s: int | None = DEFAULT_TIMEOUT_S,
          say=print, allow_service: bool = False) -> int:
    """Serve the store at ``location`` until Ctrl-C or SIGTERM; return the exit code (0).

    The Oxigraph server listens on a private loopback port (:class:`Keeper`), each query stopped
    after ``timeout_s`` seconds (None: no limit); :class:`graph.sparql.front.Front` listens on
    ``host:port`` and hands it each request that names a loopback host and holds no ``SERVICE``
    (unless ``allow_service``).  ``say`` receives the lines for the user (where the server is,
    how to stop it).
    """
    from graph.sparql.front import Front

    if host not in LOOPBACK:
        say(f"warning: serving on {host}: other machines can query this graph (read-only)")
    started = time.perf_counter()
    if port:
        check_port(host, port)
    keeper = Keeper(location, timeout_s)
    keeper.begin()
    try:
        front = Front((host, port), keeper.backend, allow_service, names={host}, timeout=timeout_s, late=keeper.restart)
    except OSError as exc:
        keeper.finish()
        raise ServerError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    keeper.on_end = front.shutdown  # the Oxigraph server ending by itself ends the front too
    bound = f"[{host}]:{front.server_address[1]}" if ":" in host else f"{host}:{front.server_address[1]}"
    url = f"http://{bound}"
    try:
        limit = f"queries stopped after {timeout_s} s" if timeout_s else "no query time limit"
        say(f"serving {location} read-only at {url}/query (SPARQL 1.1), {url}/store (Graph Store),"
            f" {url}/ (query page); {limit}" + ("; SERVICE allowed" if allow_service else "")
            + f"; started in {time.perf_counter() - started:.2f} s; Ctrl-C stops it")
        front.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        front.server_close()
        keeper.finish()
    if keeper.ended is not None:
        raise ServerError(f"the Oxigraph server stopped by itself (exit code {keeper.ended})")
    say("server stopped")
    return 0


__all__ = ["Keeper", "serve", "start", "stop", "free_port", "check_port", "oxigraph_binary"]
