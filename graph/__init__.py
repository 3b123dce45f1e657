"""carekg: a sourced knowledge graph of England's health and social care budget-pooling debate.

The package follows the flow of the data, one module per stage; imports run one way, from
the top of this list to the bottom (``tests/test_layers.py`` keeps it so):

- :mod:`graph.errors`: the exception hierarchy;
- :mod:`graph.vocabulary`: namespaces, prefixes and CURIEs; :mod:`graph.evidence`: finding
  evidence phrases in article texts; :mod:`graph.safetext`: text bound for spreadsheets, XML
  readers and terminals (CSV formula injection, forbidden characters); :mod:`graph.styles`:
  how the map draws each kind of node and edge;
- :mod:`graph.files`: where the files are, reading Turtle, writing outputs safely;
  :mod:`graph.sparql_text`: SPARQL text as tokens (VALUES binding, refusing SERVICE);
- :mod:`graph.engine`: the SPARQL engine (Oxigraph) behind one interface; :mod:`graph.serve`:
  its SPARQL server on the built store; :mod:`graph.synth`: synthetic datasets of any size;
- :mod:`graph.catalog`: the query folders and their headers; :mod:`graph.schemes`: the
  ontology's vocabularies (stance positions, relation kinds, map groups, claim classes);
  :mod:`graph.dnafile`: the Discourse Network Analyzer's file format; :mod:`graph.remote`: any
  SPARQL 1.1 endpoint behind the engine interface, and Graph Store uploads;
  :mod:`graph.shacl`: the SHACL shapes compiled to SPARQL;
- :mod:`graph.load`: parse the ontology and data, derive shortcut triples, write the build;
  :mod:`graph.store`: the cached build, an on-disk store keyed by its inputs;
- :mod:`graph.names`: labels, and the one entity resolver everything shares;
- :mod:`graph.query`: run SPARQL with bound parameters;
- :mod:`graph.selection`: which actors an analysis looks at (type, stances, named or not);
- :mod:`graph.describe`: every fact about an entity, and statistics; :mod:`graph.validate`:
  SHACL shapes, QC queries and evidence checks; :mod:`graph.stances`: stance records and their
  filters; :mod:`graph.formats`: printing result rows;
- :mod:`graph.network`: views (SPARQL) into networkx graphs; :mod:`graph.discourse`: DNA's
  two-mode and one-mode networks;
- :mod:`graph.coalitions`: coalitions and their evidence; :mod:`graph.layout`: map positions;
  :mod:`graph.mapscope`: what a big map shows (neighbourhood, top-N, types, period);
- :mod:`graph.polarisation`: per proposal and by year; :mod:`graph.stability`: coalitions
  under other seeds, methods and resampled stances; :mod:`graph.brokers`: centrality, bridges
  and paths of influence;
- :mod:`graph.export`: files for network tools and spreadsheets; :mod:`graph.render`: the
  self-contained HTML influence map; :mod:`graph.dna`: stances as a DNA file;
  :mod:`graph.report`: the analyses as text; :mod:`graph.frames`: DataFrames for notebooks;
  :mod:`graph.dnaimport`: a DNA file as a dataset folder;
- :mod:`graph.console`: standard output guarded, a user's error as one line and an exit code;
- :mod:`graph.commands`: what each command does (the shared plumbing, build, query, describe,
  exports, map); :mod:`graph.commands_analysis`: discourse, coalitions, polarisation, brokers,
  paths; :mod:`graph.commands_coding`: source, code, suggest; :mod:`graph.commands_scale`:
  serve, push and synth; :mod:`graph.cli`: the ``carekg`` command (options, examples).

Coding new articles sits across these layers: :mod:`graph.literals` (dates at their
precision), :mod:`graph.sources` (``source add``), :mod:`graph.anchors` (evidence offsets as Web Annotation selectors, derived at load time),
:mod:`graph.turtle` (deterministic Turtle), the coding sheets (:mod:`graph.sheetio`,
:mod:`graph.sheetmodel`, :mod:`graph.sheets`, :mod:`graph.sheetexport`,
:mod:`graph.sheetcheck`), and the draft sheets of ``suggest`` (:mod:`graph.textspans`,
:mod:`graph.candidates`, :mod:`graph.known`, :mod:`graph.money`, :mod:`graph.suggest`).
"""

import logging
import warnings

__version__ = "1.0.0"


class _ReportedByValidation(logging.Filter):
    """rdflib logs a full traceback for every literal whose text does not fit its datatype
    ("Failed to convert Literal lexical form to value"), on stderr, whenever it meets one.
    ``carekg validate`` reports each of them as a problem with its file and line (the ``terms``
    check, :mod:`graph.wellformed`), so the log line is only noise: this filter drops it, and
    nothing else."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Failed to convert Literal lexical form to value")


logging.getLogger("rdflib.term").addFilter(_ReportedByValidation())
# The same literals, written out by rdflib (a CONSTRUCT's Turtle), warn once each: reported too.
warnings.filterwarnings("ignore", message="Serializing weird numerical", category=UserWarning)
