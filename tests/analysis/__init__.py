"""Tests of :mod:`graph.analysis`."""
