"""Coding new articles: coding sheets (YAML) read, mapped to RDF and back, checked and applied,
and draft sheets suggested from a text (``suggest/``).
"""
