"""SPARQL: query text and parameter binding, the embedded engine (Oxigraph), limits on a user's
query, remote endpoints and the local server, the catalogue of named queries, and SHACL shapes
run as SPARQL.
"""
