"""Tests of :mod:`graph.checks`."""
