"""The coalitions notebook runs top to bottom and shows what it promises."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from .helpers import ROOT


def test_coalitions_notebook_executes():
    nb = nbformat.read(ROOT / "notebooks" / "coalitions.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    text = "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "stances by" in text and "modularity" in text
    assert "Steve Kell" in text
    html = [o for c in nb.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    assert html, "the last cell shows the map inline"
    page = html[-1]["data"]["text/html"]
    assert "vis-network" in page or "vis.Network" in page
    assert "https://cdn" not in page
