"""Tests of :mod:`graph.sparql`."""
