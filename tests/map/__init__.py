"""Tests of :mod:`graph.map`."""
