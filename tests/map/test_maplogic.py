"""The map's JavaScript without a page: maplogic.js's unit tests (Node's own test runner), its
ranking of names against graph.kg.names on the curated graph, and a lint of every script.

Node comes from Debian's nodejs package (scripts/test.sh installs it when missing); without it
these tests fail with a message saying so, they never skip.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest

from graph.errors import CareKGError
from graph.kg.names import Entry, Names, fold
from graph.map import render

from ..helpers import ROOT

STATIC = ROOT / "graph" / "map" / "static"
UNIT_TESTS = ROOT / "tests" / "map" / "js"
SCRIPTS = [STATIC / name for name in render.SCRIPTS]


def node_or_fail() -> str:
    node = os.environ.get("CAREKG_NODE") or shutil.which("node")
    if not node:
        pytest.fail("node not found: install Debian's nodejs package (apt-get install nodejs) or set CAREKG_NODE; "
                    "the map's JavaScript is tested with Node's own test runner.", pytrace=False)
    return node


def test_the_unit_tests_pass():
    files = sorted(str(p) for p in UNIT_TESTS.glob("*.test.js"))
    assert files, f"no *.test.js in {UNIT_TESTS}"
    # The files by name (not the folder) and TAP output: the same on Debian's Node 18 and later ones.
    proc = subprocess.run([node_or_fail(), "--test", "--test-reporter=tap", *files], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    counts = dict(re.findall(r"^# (tests|pass|fail) (\d+)$", proc.stdout, re.M))
    assert int(counts["tests"]) >= 20 and counts["pass"] == counts["tests"] and counts["fail"] == "0", counts


QUERIES = ["DH", "Lamb", "Kings Fund", "King\u2019s Fund", "king's fund", "Better Care Fund", "better care fund",
           "Confed", "Norman Lmb", "kg:kings", "kg:norman-lamb", "Oldham", "nhs", "Sant\u00e9", "  NORMAN   lamb ",
           "clinical comm", "<https://w3id.org/carekg/id/steve-kell>", "", "zzzz",
           "The King's Fund", "the Kings Fnd", "government", "The Government", "the gov", "the"]
RANK = """
const L = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf-8"));
const index = L.entries(input.names);
process.stdout.write(JSON.stringify(input.queries.map((q) => ({
  fold: L.fold(q, input.search.apostrophes),
  matches: L.matches(index, input.search, q).map((m) => [m.id, m.how]),
  resolved: L.resolve(index, input.search, q).id }))));
"""


def test_names_rank_as_the_command_line_ranks_them(network):
    """The map's search over the curated map's names index, in Node: the same folding, the same
    ranked matches and the same clear-name rule as :class:`graph.kg.names.Names`."""
    index = render.names_index(network)
    names = Names(Entry(iri, label, type_, tuple(aliases), instance) for iri, label, type_, aliases, instance in index)
    payload = json.dumps({"names": index, "search": render.search_settings(), "queries": QUERIES})
    proc = subprocess.run([node_or_fail(), "-e", RANK, str(STATIC / "maplogic.js")], input=payload,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    for typed, got in zip(QUERIES, json.loads(proc.stdout)):
        try:
            resolved = names.resolve(typed)
        except CareKGError:
            resolved = None
        assert got == {"fold": fold(typed), "matches": [[m.iri, m.how] for m in names.matches(typed)], "resolved": resolved}, typed


# --- lint -------------------------------------------------------------------------------------
# No network at test time: Node's own syntax check, then the rules the map's safety rests on.

@pytest.mark.parametrize("path", [*SCRIPTS, *sorted(UNIT_TESTS.glob("*.js"))], ids=lambda p: p.name)
def test_javascript_parses(path):
    proc = subprocess.run([node_or_fail(), "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


UNSAFE = {
    r"\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write": "builds markup from text: use textContent or el()",
    r"\beval\s*\(|new\s+Function\b|set(?:Timeout|Interval)\s*\(\s*[\"'`]": "runs text as code (the page's CSP forbids it)",
    r"\bconsole\.log\b": "leaves debugging output",
    r"\bvar\s+\w+\s*;": "declares without a value (give each var one)",
    r"(?<![=!<>])==(?!=)|!=(?!=)": "compares loosely: use === or !==",
}


def unsafe(text: str) -> list[tuple[str, int]]:
    """Each break of the rules in :data:`UNSAFE`, with its line."""
    code = _code(text)
    return [(why, code.count("\n", 0, m.start()) + 1) for rule, why in UNSAFE.items() for m in re.finditer(rule, code)]


def test_the_lint_finds_what_it_looks_for():
    sample = ('/* a comment may say innerHTML or == */\nvar a = "x == y", r = /a==b/g;\n'
              'if (a == 1) el.innerHTML = a;\nsetTimeout("go()", 1);\nvar b;\nif (a !== b && a === 2) {}\n')
    assert unsafe(sample) == [("builds markup from text: use textContent or el()", 3),
                              ("runs text as code (the page's CSP forbids it)", 4),
                              ("declares without a value (give each var one)", 5),
                              ("compares loosely: use === or !==", 3)]


def _code(text: str) -> str:
    """The script with comments, strings and regular expression literals blanked (lines kept)."""
    token = re.compile(r"/\*.*?\*/|//[^\n]*|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'"
                       r"|(?<=[(,=:;!&|?{}\s])/(?![*/])(?:[^/\\\n\[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[gimsuy]*", re.S)
    return token.sub(lambda m: '""' if m.group(0)[0] in "\"'" else " " + "\n" * m.group(0).count("\n"), text)


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_javascript_lint(path):
    text = path.read_text(encoding="utf-8")
    assert unsafe(text) == []
    code = _code(text)
    # One closure per file, in strict mode, that adds at most one global of its own.
    assert re.match(r"\s*(?:/\*.*?\*/\s*)?\(function\s*\(", text, re.S), "the script is one closure"
    assert '"use strict";' in text
    own = {"maplogic.js": {"carekgLogic"}, "map.js": {"carekg"}, "mapshare.js": set()}[path.name]
    assigned = set(re.findall(r"\b(?:window|self|root)\.(\w+)\s*=(?!=)", code))
    assert assigned == own, assigned


def test_maplogic_touches_no_page():
    """The logic file runs without a page: no DOM, no vis-network, no window."""
    code = (STATIC / "maplogic.js").read_text(encoding="utf-8")
    for name in ("document", "window", "vis.", "location", "navigator", "network."):
        assert name not in re.sub(r"/\*.*?\*/|//[^\n]*", "", code, flags=re.S), name
