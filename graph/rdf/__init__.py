"""RDF basics every stage stands on: namespaces and CURIEs, where the files are, reading Turtle
and writing outputs safely, deterministic Turtle, typed literals and dates, and the ontology's
controlled vocabularies (schemes).
"""
