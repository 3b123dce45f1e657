"""Tests of :mod:`graph.cli`."""
