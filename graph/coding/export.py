"""Write an article's triples back as a coding sheet.

:func:`graph_to_sheet` is the inverse of :func:`graph.coding.mapping.sheet_to_graph`: every value it
writes is read back through the same code and compared, and where the plain form would read
back as a different term (an unusual datatype, an IRI that looks like a label) the explicit
JSON-LD form is written instead.  So any graph round-trips, including properties the ontology
gains after this code was written.

``#`` comments in hand-written Turtle are not part of the graph; :func:`turtle_notes` keeps
the ones written directly above a subject (the readings that rule 7 of CURATION.md asks for)
as that row's ``note``, and the file's opening comment as the sheet's ``header``.

Examples
--------
>>> header, notes = turtle_notes("# An article.\\n\\n@prefix kg: <x> .\\n# why\\nkg:a kg:b kg:c .\\n")
>>> header, notes[KG["a"]]
(['An article.'], ['why'])
"""

from __future__ import annotations

import re

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from graph.coding.mapping import Converted, RowReader, SheetNames
from graph.coding.model import SheetModel
from graph.coding.yamlio import Sheet
from graph.rdf.namespaces import CAREKG, KG


def natural(node) -> list:
    """Sort key that puts ``stance-001-2`` before ``stance-001-10``."""
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", str(node))]


def turtle_notes(text: str) -> tuple[list[str], dict]:
    """The opening comment of a Turtle file, and the comment lines just above each subject."""
    lines = text.splitlines()
    header = []
    for line in lines:
        if line.startswith("#"):
            header.append(line[1:].strip())
        elif line.strip():
            break
    notes: dict = {}
    pending: list[str] = []
    for line in lines[len(header):]:
        if line.startswith("#"):
            pending.append(line[1:].strip())
            continue
        found = re.match(r"kg:([\w.-]+)\s", line)
        if found and pending:
            notes.setdefault(KG[found.group(1)], []).extend(pending)
        pending = []
    return header, notes


class _Encoder:
    def __init__(self, model: SheetModel, graph: Graph, article: URIRef):
        self.model, self.graph, self.article = model, graph, article
        self.reader = RowReader(Sheet(data={}, path="-"), model, SheetNames(), Converted(), {})

    def value(self, pred, term):
        if isinstance(term, BNode):
            return self.row(term, skip={})
        plain = self._plain(pred, term)
        if plain is not None and self._reads_back(pred, plain, term):
            return plain
        if isinstance(term, URIRef):
            token = self.model.term_token(term)
            return {"@id": token if self.model.token_iri(token) == term else f"<{term}>"}
        explicit = {"@value": str(term)}
        if term.language:
            explicit["@language"] = term.language
        elif term.datatype:
            explicit["@type"] = self.model.term_token(term.datatype)
        return explicit

    def _plain(self, pred, term):
        if isinstance(term, URIRef):
            return self.model.term_token(term)
        if term.datatype == RDF.langString or term.language:
            return None
        if isinstance(term.toPython(), bool) and str(term) in ("true", "false"):
            return term.toPython()
        return str(term)

    def _reads_back(self, pred, plain, term) -> bool:
        try:
            back = self.reader.value(pred, plain, ("-",))
        except ValueError:
            return False
        if isinstance(term, Literal):
            return (isinstance(back, Literal) and str(back) == str(term) and back.datatype == term.datatype
                    and back.language == term.language)
        return back == term

    def row(self, node, skip: dict, first=()) -> dict:
        g, model = self.graph, self.model
        order: dict = {model.predicate_iri(k): i for i, k in enumerate(["class", "label", *first])}
        preds = sorted(set(g.predicates(node)) - set(skip),
                       key=lambda p: (order.get(p, len(order)), p == CAREKG.evidence, model.key(p)))
        out: dict = {}
        for pred in preds:
            if pred == CAREKG.source and g.value(node, pred) == self.article:
                continue
            objects = sorted(g.objects(node, pred), key=natural)
            values = [self.value(pred, o) for o in objects]
            out[model.key(pred)] = values[0] if len(values) == 1 else values
        return out


def graph_to_sheet(graph: Graph, model: SheetModel, article: URIRef, file: str,
                   notes: dict | None = None, header: list[str] | None = None) -> dict:
    """The sheet (as data for :func:`graph.coding.yamlio.dump_yaml`) for the triples of one file."""
    notes = notes or {}
    enc = _Encoder(model, graph, article)
    sheet: dict = {"sheet": "1", "article": model.term_token(article), "file": file}
    if header:
        sheet["header"] = header
    objects_once = {o for o in graph.objects() if isinstance(o, BNode)}
    mentions: dict = {}
    entities: set = set()
    sections: dict = {}
    for node in sorted(set(graph.subjects()), key=natural):
        classes = set(graph.objects(node, RDF.type))
        if model.mention in classes and graph.value(node, CAREKG.about) is not None:
            mentions.setdefault(graph.value(node, CAREKG.about), []).append(node)
        elif isinstance(node, BNode) and node in objects_once:
            continue  # written inline where it is used
        elif (section := model.section_of(classes)) is not None:
            sections.setdefault(section, []).append(node)
        else:
            entities.add(node)
    rows = []
    for entity in sorted(entities | set(mentions), key=natural):
        row = _with_id(model, entity, notes)
        row.update(enc.row(entity, skip={}) if entity in entities else {})
        found = [_mention(enc, m) for m in mentions.get(entity, [])]
        if found:
            row["mentions"] = sorted(found, key=lambda m: m if isinstance(m, str) else m.get("evidence", ""))
        rows.append(row)
    if rows:
        sheet["entities"] = rows
    for name in list(model.sections) + ["claims"]:
        spec = model.sections.get(name, {})
        skip = {RDF.type: True} if name in model.sections else {}
        out = []
        for node in sections.get(name, []):
            row = _with_id(model, node, notes) if isinstance(node, URIRef) else {}
            row.update(enc.row(node, skip=skip, first=spec.get("first", ())))
            out.append(row)
        if out:
            sheet[name] = out
    return sheet


def _with_id(model, node, notes) -> dict:
    row = {"id": model.term_token(node)}
    if notes.get(node):  # the comment's lines were wrapped for width: one paragraph again
        row["note"] = " ".join(notes[node])
    return row


def _mention(enc: _Encoder, node):
    row = enc.row(node, skip={RDF.type: True, CAREKG.about: True})
    return row["evidence"] if set(row) == {"evidence"} and isinstance(row["evidence"], str) else row


__all__ = ["graph_to_sheet", "turtle_notes", "natural", "RDFS"]
