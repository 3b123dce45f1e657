"""How the map draws each kind of node and edge: ``static/styles.json``, keyed by the
ontology's map groups and relation notations (see :mod:`graph.rdf.schemes`).  A stance
position's legend label is the ontology's own label for it, capitalised, and written nowhere else.

The HTML map (:mod:`graph.map.render`), the GEXF export's ``viz`` colours (:mod:`graph.exchange.tables`) and
the notebooks read the same styles, so a node is one colour everywhere.

Examples
--------
>>> family({"group": "person"}), family({"kind": "proposal"}), family({})
('person', 'proposal', 'other')
>>> legend_key({"kind": "stance", "position": "oppose"}), STYLES["kinds"]["stance:oppose"]["color"]
('stance:oppose', '#d32f2f')
>>> kind_label("stance:conditional"), kind_label("funding")
('Conditionally supports', 'Funds')
>>> rgb("#2e7d32")
(46, 125, 50)
"""

from __future__ import annotations

import json
from pathlib import Path

STYLES = json.loads((Path(__file__).with_name("static") / "styles.json").read_text(encoding="utf-8"))


def family(d) -> str:
    """A node's legend family: its ``group`` when the styles know it, a discourse network's
    proposal node as a proposal, else ``other``."""
    if d.get("group") in STYLES["groups"]:
        return d["group"]
    return "proposal" if d.get("kind") == "proposal" else "other"


def legend_key(d) -> str:
    """The styles key of an edge: its kind, or ``stance:`` and its position for a stance."""
    kind = str(d.get("kind") or "other")
    key = f"stance:{d.get('position')}" if kind == "stance" else kind
    return key if key in STYLES["kinds"] else ("stance" if kind == "stance" else "other")


def kind_label(key: str) -> str:
    """The legend's words for an edge style key: a stance position's are the ontology's label,
    capitalised (read when first asked, so importing this module reads no ontology)."""
    from graph.rdf.schemes import project_schemes

    if key.startswith("stance:"):
        label = next(p.label for p in project_schemes().positions if f"stance:{p.notation}" == key)
        return label[:1].upper() + label[1:]
    return STYLES["kinds"][key]["label"]


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` as three integers."""
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


__all__ = ["STYLES", "family", "legend_key", "kind_label", "rgb"]
