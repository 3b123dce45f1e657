"""One source per vocabulary: the map's styles are keyed by the ontology's own codes."""

from __future__ import annotations

import ast
import json
import re

from graph.map.styles import STYLES as MAP_STYLES
from graph.map.styles import kind_label
from graph.rdf.schemes import project_schemes

from ..helpers import ROOT

STYLES = json.loads((ROOT / "graph" / "map" / "static" / "styles.json").read_text(encoding="utf-8"))


def test_node_styles_are_the_ontologys_map_groups():
    assert sorted(STYLES["groups"]) == sorted(project_schemes().map_groups)


def test_edge_styles_are_the_relation_kinds_and_stance_positions():
    # Each relation kind's skos:notation, and "stance:" + each position's skos:notation.
    assert sorted(STYLES["kinds"]) == sorted(project_schemes().style_keys())


def test_positions_come_from_the_ontology_alone():
    s = project_schemes()
    assert [(p.notation, p.label, p.score) for p in s.positions] == [
        ("support", "supports", 1.0), ("conditional", "conditionally supports", 0.5),
        ("nominal", "supports in words only", 0.5), ("oppose", "opposes", 0.0)]
    # The map's legend says each position in the ontology's words, capitalised.
    assert {k: kind_label(k) for k in MAP_STYLES["kinds"] if k.startswith("stance:")} == {
        "stance:support": "Supports", "stance:conditional": "Conditionally supports",
        "stance:nominal": "Supports in words only", "stance:oppose": "Opposes"}
    # ... and so does the page's legend (render.py passes them on).
    import networkx as nx

    from graph.map.render import to_vis

    G = nx.MultiDiGraph()
    G.add_node("a", group="person")
    G.add_node("b", group="proposal")
    G.add_edge("a", "b", kind="stance", position="conditional")
    assert [(k["key"], k["label"]) for k in to_vis(G)[2]["kinds"]] == [("stance:conditional", "Conditionally supports")]
    # No code or static file writes any position's words again, in any case: only the ontology
    # does (docstrings may show them; their examples are checked against the ontology when
    # they run), and a field named like one (a coalition's "supports") is a name, not the words.
    words = {p.label.lower() for p in s.positions}
    found = [(path.relative_to(ROOT).as_posix(), text) for path in _sources() for text in _texts(path)
             if text.strip().lower() in words]
    assert found == []


def _sources():
    yield from sorted((ROOT / "graph").rglob("*.py"))
    yield from sorted(p for p in (ROOT / "graph" / "map" / "static").iterdir() if p.is_file())
    yield ROOT / "tests" / "browser.py"


def _texts(path):
    """The strings a file writes out: Python string constants other than docstrings, dict keys
    and subscripts; in any other file, every quoted string."""
    source = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        yield from (a + b for a, b in re.findall(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'', source))
        return
    tree = ast.parse(source)
    names = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            names.add(id(body[0].value))   # a docstring
        if isinstance(node, ast.Dict):
            names.update(id(k) for k in node.keys if k is not None)
        if isinstance(node, ast.Subscript):
            names.add(id(node.slice))
    yield from (n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in names)


def test_the_position_guard_sees_what_it_guards(tmp_path):
    """The scan above finds the words where code would write them, and skips names and docs."""
    code = tmp_path / "x.py"
    code.write_text('"""Lamb supports it."""\nd = {"supports": 1}\nd["opposes"]\nLABEL = "Conditionally supports"\n', encoding="utf-8")
    assert list(_texts(code)) == ["Conditionally supports"]
    page = tmp_path / "x.js"
    page.write_text('var a = "opposes", b = \'supports in words only\', c = "say \\"supports\\"";\n', encoding="utf-8")
    assert list(_texts(page)) == ["opposes", "supports in words only", 'say \\"supports\\"']


def test_claim_classes_are_the_subclasses_of_claim():
    names = sorted(c.rsplit("#", 1)[1] for c in project_schemes().claim_classes)
    assert names == ["Amount", "Claim", "Figure", "Mention", "Relationship", "Stance", "Tenure"]
