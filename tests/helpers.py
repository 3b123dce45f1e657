"""Test helpers shared across test modules."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_carekg(*args, cwd=ROOT, env=None, timeout=300):
    """Run ``python -m graph ARGS`` in a subprocess, exactly as a user would see it."""
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "graph", *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


def canonical(source, fmt: str = "nt") -> set:
    """A graph as a set of quads with canonical blank-node labels (RDFC-1.0, by pyoxigraph), so
    two graphs compare equal exactly when they are isomorphic; far faster than rdflib's
    ``isomorphic`` on graphs with hundreds of blank nodes.  ``source`` is a file or bytes."""
    import pyoxigraph as ox

    formats = {"nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD}
    quads = ox.parse(input=source, format=formats[fmt]) if isinstance(source, bytes) else \
        ox.parse(path=str(source), format=formats[fmt])
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return set(dataset)


def dataset_copy(folder: Path, replace: dict | None = None, append: dict | None = None) -> Path:
    """A copy of the curated dataset as a ``--data`` folder (Turtle plus ``sources/`` with the
    article texts), with text replaced (``{file: [(old, new), ...]}``, every old string must be
    there) or appended (``{file: text}``) to break it on purpose."""
    import shutil

    from graph.rdf.paths import Paths

    paths = Paths()
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths.data_files():
        shutil.copy(path, folder / path.name)
    shutil.copytree(paths.seeds, folder / "sources")
    for name, pairs in (replace or {}).items():
        text = (folder / name).read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, f"{old!r} is not in {name}"
            text = text.replace(old, new)
        (folder / name).write_text(text, encoding="utf-8")
    for name, text in (append or {}).items():
        with open(folder / name, "a", encoding="utf-8") as f:
            f.write("\n" + text + "\n")
    return folder
