"""carekg: a sourced knowledge graph of England's health and social care budget-pooling debate.

The package is laid out as the flow of the data, one subpackage per stage, each saying in its
docstring what it holds.  :data:`LAYERS` lists them lowest first; a module imports only from
its own subpackage and the ones before it (``tests/test_layers.py`` keeps it so), and
:mod:`graph.errors`, the exception hierarchy, sits below them all.

Examples
--------
>>> LAYERS[0], LAYERS[-1]
('rdf', 'cli')
>>> import importlib
>>> importlib.import_module("graph.kg").__doc__.split(":")[0]
'The knowledge graph'
"""

__version__ = "1.0.0"

LAYERS = (
    "rdf",       # namespaces, paths, reading and writing Turtle, dates, the ontology's schemes
    "text",      # article texts, sources, evidence phrases and their selectors
    "sparql",    # query text, the engine, limits, endpoints, the server, the catalogue, SHACL
    "kg",        # load, the cached store, names and the resolver, queries, describe, synth
    "checks",    # validate: terms, shapes, QC, evidence
    "analysis",  # actor selection, stances, views, discourse, coalitions, polarisation, brokers
    "map",       # the influence map: layout, scope, styles, the HTML page
    "exchange",  # result formats, tables, networks, frames, reports, DNA files
    "coding",    # coding sheets and suggested drafts
    "cli",       # the carekg command
)
