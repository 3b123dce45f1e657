"""Tests of :mod:`graph.text`."""
