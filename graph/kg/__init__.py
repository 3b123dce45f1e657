"""The knowledge graph: load and derive, the cached on-disk store, names and the one entity
resolver, running named queries, describing an entity, and synthetic datasets.
"""
