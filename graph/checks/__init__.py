"""Checks of a dataset: well-formed terms, SHACL shapes, QC queries and evidence against the
article texts (``carekg validate``).
"""
