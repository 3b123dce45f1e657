"""Tests of :mod:`graph.rdf`."""
