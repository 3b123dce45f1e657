"""The four notebooks run top to bottom from the committed copies, draw their charts, and check
their own findings against their output; the committed copies carry no outputs.  Every chart they
draw has passed the figure checklist (graph.exchange.figures: a legend, no label cut or covered, a
title) and carries its alternative text, which survives ``jupyter nbconvert --to html``.

Cost: about two minutes of CPU for the four (each loads the cached graph once; the coalitions
notebook runs its stability and robustness checks).
"""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from graph.exchange.figures import CHECKED

from .helpers import ROOT

# notebook -> (charts it must draw, the line its last cell prints when every finding holds)
NOTEBOOKS = {
    "coalitions.ipynb": (8, "all five findings hold against the output above"),
    "discourse-dynamics.ipynb": (6, "all five findings hold against the output above"),
    "influence.ipynb": (3, "all six findings hold against the output above"),
    "timeline.ipynb": (3, "all four findings hold against the output above"),
}


def test_every_notebook_is_listed():
    assert sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb")) == sorted(NOTEBOOKS)


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_committed_notebooks_are_stripped(name):
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    nbformat.validate(nb)
    assert all(c.outputs == [] and c.execution_count is None for c in nb.cells if c.cell_type == "code")


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_notebook_runs_draws_its_charts_and_its_findings_hold(name):
    charts, closing = NOTEBOOKS[name]
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert [o for o in outputs if o.output_type == "error"] == []
    pngs = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(pngs) == charts
    assert all(len(o["data"]["image/png"]) > 10_000 for o in pngs)   # real charts, not empty axes
    # every chart passed the checklist and says what it shows, in words, for the HTML too
    assert all(o["metadata"]["carekg"]["checked"] == list(CHECKED) and len(o["metadata"]["image/png"]["alt"]) > 40 for o in pngs)
    assert all(f'alt="{html.escape(o["metadata"]["image/png"]["alt"], quote=True)}"' in o["data"]["text/html"] for o in pngs)
    page, _ = HTMLExporter().from_notebook_node(nb)
    assert "No description has been provided for this image" not in page and page.count("<img alt=") >= charts
    tables = [o for o in outputs if "text/html" in o.get("data", {}) and "<table" in o["data"]["text/html"]]
    assert tables, "tables are pandas DataFrames"
    last = next(c for c in reversed(nb.cells) if c.cell_type == "code")
    assert "".join(o.get("text", "") for o in last.outputs).strip() == closing


def test_the_notebook_extra_brings_jupyterlab():
    """docs/analysis.md opens the notebooks with `.venv/bin/jupyter lab notebooks/`."""
    jupyter = Path(sys.executable).with_name("jupyter")
    proc = subprocess.run([str(jupyter), "lab", "--version"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout.strip().split(".")[0]) >= 4
