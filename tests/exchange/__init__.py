"""Tests of :mod:`graph.exchange`."""
