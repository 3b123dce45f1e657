"""Exports for spreadsheets and network tools.

* :func:`stances_table` / ``carekg export stances``: one row per stance with the stable columns
  ``actor, actor_type, proposal, position, implicit, date, source, evidence``.  ``date`` is the
  date as written; a stance the text recalls without a date gives its interval instead, in
  ISO 8601-2 (EDTF) form: ``../2015-12-31`` (no start, ending 2015-12-31).
* :func:`stance_details_table` / ``carekg export stance-details``: the same stances with every
  qualifier the data holds, for analysts who need them: the stance IRI, the date as written and
  the words that give it, the interval the text allows (``earliest``, empty for a past recalled
  without a date, and ``latest``), whether the date is estimated or the stance recalled, the
  scope as written, the curator's reading of an implicit stance, and the article's own date.
* :func:`network_text` / ``carekg export network``: a view as GraphML or GEXF (Gephi, visone),
  or node-link JSON.  GraphML and GEXF hold only scalar attributes, so list attributes are
  joined with ``"; "`` and the details-panel ``facts`` are left out; JSON keeps everything, with
  real booleans and numbers.  GEXF carries each node's colour, size and position and each
  edge's colour and thickness as ``viz`` elements, from the map's styles and layout (y points
  up in GEXF, down on the screen, so it is turned over).  In node-link JSON an edge's ``source``
  and ``target`` are its ends, so the source article is ``source_article``.
* :func:`network_tables` / ``carekg export network -f csv -o NAME.csv``: two tables, written
  side by side as ``NAME-nodes.csv`` and ``NAME-edges.csv``, in Gephi's spreadsheet layout
  (``Id, Label, …`` and ``Source, Target, Type, Id, Label, Weight, …``) or Kumu's
  (``Label, Type, …`` and ``From, To, Type, Direction, …``; Kumu joins connections to elements
  by label, so a label shared by two nodes gets its type in brackets).

Every CSV and TSV goes through :mod:`graph.text.sanitise` (cells a spreadsheet would run as formulas
get a leading ``'`` unless ``raw=True``; a TSV cell never breaks its row), and GraphML and GEXF
drop the characters XML forbids, so the files always open in the tools they are for.

Examples
--------
>>> from graph.kg.load import load_kg
>>> header, rows = stances_table(load_kg())
>>> header
['actor', 'actor_type', 'proposal', 'position', 'implicit', 'date', 'source', 'evidence']
>>> len(rows) > 20
True
"""

from __future__ import annotations

import json

from rdflib import URIRef

from graph.analysis.stances import stance_records
from graph.analysis.views import node_attributes, source_metadata
from graph.errors import UnknownNameError
from graph.kg.load import KnowledgeGraph
from graph.rdf.namespaces import curie
from graph.text.fuzzy import suggest
from graph.text.sanitise import csv_text, tsv_text

STANCE_COLUMNS = ["actor", "actor_type", "proposal", "position", "implicit", "date", "source", "evidence"]
DETAIL_COLUMNS = ["stance", "actor", "actor_type", "proposal", "position", "implicit", "date", "date_text",
                  "earliest", "latest", "date_is_estimate", "recalled", "when", "scope", "reading",
                  "source", "source_date", "evidence"]
TABLE_FORMATS = ("csv", "tsv", "json")


def stances_table(kg: KnowledgeGraph, iris: bool = False) -> tuple[list, list]:
    """The stance table: header and rows of strings, in date order.

    With ``iris=True`` the actor, proposal and source columns hold IRIs instead of labels.
    The position is in words, as the ontology's ``skos:prefLabel`` gives them.
    """
    types = node_attributes(kg)
    sources = source_metadata(kg)
    rows = []
    for r in stance_records(kg):
        actor_type = types.get(URIRef(r["actor"]), {}).get("type_label", r["actor_type"])
        rows.append([
            r["actor"] if iris else r["actor_label"],
            actor_type,
            r["proposal"] if iris else r["proposal_label"],
            kg.schemes.position(r["position"]).label,
            bool(r["implicit"]),
            r["date"] or _edtf(r["earliest"], r["latest"]),
            r["source"] if iris else sources[r["source"]]["label"],
            r["evidence"],
        ])
    return list(STANCE_COLUMNS), rows


def _edtf(earliest, latest) -> str:
    """An interval with no date written, in ISO 8601-2 (EDTF) form: "../2015-12-31" for a past
    recalled without a start, "2017-02-02/2017-03-13" for a stated range.

    >>> _edtf(None, "2015-12-31"), _edtf("2017-02-02", "2017-03-13"), _edtf(None, None)
    ('../2015-12-31', '2017-02-02/2017-03-13', '')
    """
    if not latest:
        return ""
    return f"{earliest or '..'}/{latest}"


def stance_details_table(kg: KnowledgeGraph, iris: bool = False) -> tuple[list, list]:
    """The wide stance table (:data:`DETAIL_COLUMNS`): one row per stance with its qualifiers.

    >>> from graph.kg.load import load_kg
    >>> header, rows = stance_details_table(load_kg())
    >>> lamb = next(dict(zip(header, r)) for r in rows if r[0] == "kg:stance-000-06")
    >>> lamb["date"], lamb["earliest"], lamb["latest"], lamb["recalled"], lamb["date_text"]
    ('', '', '2015-12-31', 'true', 'a key policy of the former health minister')
    """
    types = node_attributes(kg)
    sources = source_metadata(kg)
    flag = lambda b: "true" if b else "false"
    rows = []
    for r in stance_records(kg):
        rows.append([
            r["stance"] if iris else curie(r["stance"]),
            r["actor"] if iris else r["actor_label"],
            types.get(URIRef(r["actor"]), {}).get("type_label", r["actor_type"]),
            r["proposal"] if iris else r["proposal_label"],
            kg.schemes.position(r["position"]).label,
            flag(r["implicit"]),
            r["date"] or "", r["date_text"], r["earliest"] or "", r["latest"] or "",
            flag(r["estimate"]), flag(r["recalled"]), r["when"], r["scope"], r["reading"],
            r["source"] if iris else sources[r["source"]]["label"],
            sources[r["source"]]["date"] or "",
            r["evidence"],
        ])
    return list(DETAIL_COLUMNS), rows


def format_table(header: list, rows: list, fmt: str = "csv", raw: bool = False) -> str:
    """A plain table as CSV (RFC 4180), TSV (one line per row), or JSON (a list of objects).

    CSV and TSV cells are neutralised against formula injection unless ``raw``
    (:func:`graph.text.sanitise.neutralise`), booleans written ``true``/``false``; JSON keeps every
    value exactly, booleans and numbers as such.

    >>> print(format_table(["label"], [["=1+1"], ["two\\nlines"]], "tsv"), end="")
    label
    '=1+1
    two lines
    >>> print(format_table(["n", "ok"], [[1, False]], "json"), end="")
    [
      {
        "n": 1,
        "ok": false
      }
    ]
    """
    if fmt not in TABLE_FORMATS:
        raise UnknownNameError("format", fmt, suggest(fmt, TABLE_FORMATS) or list(TABLE_FORMATS))
    if fmt == "json":
        return json.dumps([dict(zip(header, r)) for r in rows], indent=2, ensure_ascii=False) + "\n"
    return (csv_text if fmt == "csv" else tsv_text)([header] + [[table_cell(c) for c in r] for r in rows], raw)


def table_cell(value):
    """A value as a table cell: booleans as ``true``/``false``, nothing as an empty cell."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


__all__ = ["stances_table", "stance_details_table", "format_table",]
