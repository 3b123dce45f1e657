"""Long work shows its stages on a terminal (a pseudo-terminal here), and nothing when its output
is piped or ``--quiet`` is given."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

from ..helpers import ROOT, dataset_copy, run_carekg

STAGES = ("load: data files", "derive: rules", "anchor the evidence", "check: shacl", "QC queries", "check: evidence",
          "write: Turtle, N-Triples, JSON-LD")


def _on_a_terminal(*args, env=None) -> tuple[int, str, str]:
    """Run carekg with standard error on a pseudo-terminal: (exit code, stdout, what the terminal showed)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "graph", *map(str, args)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=follower, env=dict(os.environ, TERM="xterm", **(env or {})))
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command has ended
            break
        if not chunk:
            break
        shown += chunk
    out = proc.stdout.read().decode() if proc.stdout else ""
    code = proc.wait()
    os.close(leader)
    return code, out, re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.decode("utf-8", "replace"))


def test_a_build_shows_its_stages_on_a_terminal_and_nothing_when_piped(tmp_path):
    ds = dataset_copy(tmp_path / "ds")
    code, out, shown = _on_a_terminal("--data", ds, "build")
    assert code == 0 and "wrote" in out
    for name in STAGES:
        assert name in shown, (name, shown[-2000:])
    assert "8/8" in shown  # the rules, counted
    piped = run_carekg("--data", ds, "build")
    assert piped.returncode == 0 and piped.stderr == ""
    code, out, shown = _on_a_terminal("--data", ds, "--quiet", "build")
    assert code == 0 and shown == ""


def test_validate_and_map_show_their_stages(tmp_path):
    ds = dataset_copy(tmp_path / "ds")
    code, _, shown = _on_a_terminal("--data", ds, "validate")
    assert code == 0 and "check: shacl" in shown and "check: ontology" in shown
    code, _, shown = _on_a_terminal("--data", ds, "map", "-o", tmp_path / "map.html")
    assert code == 0 and "coalition" in shown and "layout" in shown, shown[-2000:]
