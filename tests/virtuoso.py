"""A throwaway Virtuoso (Debian's ``virtuoso-opensource``) for the portability tests.

Everything lives in a temporary folder; both its ports (SQL and HTTP) are free loopback ports,
the ``dba`` password is replaced by a random one before any data is loaded, and the server is
stopped at the end of the session, so the default credentials are never reachable from outside.
``scripts/test.sh`` installs the package (without letting it start its system service).

The graph goes into one named graph (Virtuoso's default graph is the union of all graphs,
including its own system graphs), so queries name it with ``default-graph-uri``.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

GRAPH = "urn:carekg:test"
INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = {d}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
; no estimated-cost refusal (it refused facts-about); a hard limit on run time instead
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 120
"""


class Virtuoso:
    """A running Virtuoso: its SPARQL endpoint, and a way to load N-Triples into :data:`GRAPH`."""

    def __init__(self, folder: Path):
        from graph.sparql.server import free_port

        if not shutil.which("virtuoso-t") or not shutil.which("isql-vt"):
            raise RuntimeError("Virtuoso is not installed: scripts/test.sh installs virtuoso-opensource")
        self.folder, self.sql, self.http = folder, free_port(), free_port()
        self.password = "dba"
        (folder / "virtuoso.ini").write_text(INI.format(d=folder, sql=self.sql, http=self.http), encoding="utf-8")
        self.proc = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(folder / "virtuoso.ini")],
                                     cwd=folder, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        self.url = f"http://127.0.0.1:{self.http}/sparql"
        self._wait()
        new = secrets.token_urlsafe(18)
        self.isql(f'SET PASSWORD "dba" "{new}";')
        self.password = new

    def _wait(self, within: float = 180.0) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Virtuoso stopped at start-up; see {self.folder / 'virtuoso.log'}")
            try:
                urllib.request.urlopen(self.url + "?query=ASK%7B%7D", timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"Virtuoso did not answer within {within:g} s")

    def isql(self, sql: str) -> str:
        done = subprocess.run(["isql-vt", f"127.0.0.1:{self.sql}", "dba", self.password, f"exec={sql}"],
                              capture_output=True, text=True, timeout=300)
        if done.returncode or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed: {(done.stdout + done.stderr).strip()[-500:]}")
        return done.stdout

    def load(self, ntriples: bytes) -> None:
        """Replace :data:`GRAPH` with these N-Triples (Virtuoso's bulk loader)."""
        path = self.folder / "graph.nt"
        path.write_bytes(ntriples)
        self.isql(f"SPARQL CLEAR GRAPH <{GRAPH}>; DELETE FROM DB.DBA.LOAD_LIST; "
                  f"ld_dir('{self.folder}', 'graph.nt', '{GRAPH}'); rdf_loader_run(); checkpoint;")
        path.unlink()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
