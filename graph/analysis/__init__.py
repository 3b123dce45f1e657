"""Discourse network analysis: which actors, stance records and their filters, views as networkx
graphs, DNA's networks, coalitions and their stability, polarisation, brokers and paths.
"""
