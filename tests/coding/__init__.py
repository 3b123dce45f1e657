"""Tests of :mod:`graph.coding`."""
