"""One source per vocabulary: the map's styles are keyed by the ontology's own codes."""

from __future__ import annotations

import json

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
    # No code writes the position words out again (the docstring examples of schemes.py and
    # stances.py show what the ontology says, and are checked against it when they run).
    for path in [*(ROOT / "graph").rglob("*.py"), *(ROOT / "graph" / "map" / "static").iterdir(), ROOT / "tests" / "browser.py"]:
        if path.name in ("schemes.py", "stances.py"):
            continue
        text = path.read_text(encoding="utf-8")
        assert '"conditionally supports"' not in text and "'conditionally supports'" not in text, path


def test_claim_classes_are_the_subclasses_of_claim():
    names = sorted(c.rsplit("#", 1)[1] for c in project_schemes().claim_classes)
    assert names == ["Amount", "Claim", "Figure", "Mention", "Relationship", "Stance", "Tenure"]
