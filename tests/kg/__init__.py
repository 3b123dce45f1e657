"""Tests of :mod:`graph.kg`."""
