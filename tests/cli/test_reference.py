"""docs/cli.md is the parser written out: regenerated here, it must equal the committed file."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from graph.cli.parser import parser, subcommands
from graph.cli.reference import DOC, main, reference

from ..helpers import ROOT


def test_the_committed_reference_is_the_parser_written_out():
    assert DOC == ROOT / "docs" / "cli.md"
    assert DOC.read_text(encoding="utf-8") == reference(parser()), \
        "docs/cli.md is out of date: run `python -m graph.cli.reference` and commit it"


def test_the_reference_has_every_command_option_and_example():
    text = reference(parser())
    for name, s in subcommands(parser()).items():
        section = text.split(f"### `carekg {name}`\n", 1)[1].split("\n### ", 1)[0]
        assert s.epilog.split("example:\n  ")[1] in section
        for action in subcommands(s):
            assert f"#### `carekg {name} {action}`" in section
        for a in [*s._actions, *(x for t in subcommands(s).values() for x in t._actions)]:
            if a.option_strings and a.help != "==SUPPRESS==" and a.dest != "help":
                assert all(f"`{o}" in section for o in a.option_strings), (name, a.option_strings)
    assert "| `--check CHECK` | run only this check, one of terms, shacl, qc, evidence, ontology, owl (repeatable; default: all but owl) |" in text
    assert "| `--timeout-s` | `--timeout` | `serve` |" in text and "| `--endpoint` | `--store` | `push` |" in text
    assert "`--from" not in text.split("## Old spellings")[0]  # hidden from the reference, as from --help


def test_the_reference_does_not_depend_on_the_terminal(tmp_path):
    out = tmp_path / "cli.md"
    subprocess.run([sys.executable, "-m", "graph.cli.reference", "-o", str(out)], cwd=ROOT, check=True,
                   env=dict(os.environ, COLUMNS="40"), capture_output=True)
    assert out.read_text(encoding="utf-8") == DOC.read_text(encoding="utf-8")
    assert main(["-o", str(tmp_path / "again.md")]) == 0
    assert (tmp_path / "again.md").read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    assert not re.search(r"\b[0-9a-f]{40}\b|issue \d+", out.read_text(encoding="utf-8"))  # no commit hashes or issue numbers
