"""carekg: a sourced knowledge graph of England's health and social care budget-pooling debate.

The package follows the flow of the data, one module per stage:

- :mod:`graph.load`: parse the ontology and data, derive shortcut triples, write the build;
- :mod:`graph.validate`: SHACL shapes, QC queries and evidence checks;
- :mod:`graph.query`: named SPARQL queries with bound parameters; :mod:`graph.formats` prints them;
- :mod:`graph.describe`: every fact about an entity, and statistics;
- :mod:`graph.network`: views (SPARQL) into networkx graphs; :mod:`graph.export` writes them;
- :mod:`graph.discourse` and :mod:`graph.coalitions`: discourse-network analysis of stances;
- :mod:`graph.render`: the self-contained HTML influence map;
- :mod:`graph.cli`: the ``carekg`` command; :mod:`graph.errors`: the exception hierarchy.
"""

__version__ = "1.0.0"
