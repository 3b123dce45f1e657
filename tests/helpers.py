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
