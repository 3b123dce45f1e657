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
