"""The Discourse Network Analyzer (DNA 3) file format: the SQLite file, export of stances to it,
and import of it as a dataset folder.
"""
