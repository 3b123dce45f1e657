"""Export a dataset as a DNA 3 file, and the mapping between the two that the import reads back.

The mapping (documented for users in ``docs/exchange.md``, "The mapping"):

=====================================  ==============================================================
DNA                                    carekg
=====================================  ==============================================================
document (title, text, date, author,   ``carekg:SourceArticle`` (``dcterms:title``, text in
source, section, type, notes)          ``sources/``, ``carekg:date``, ``schema:author``,
                                       ``schema:publisher``, ``schema:articleSection``,
                                       ``schema:genre``, ``rdfs:comment``)
"DNA Statement"                        ``carekg:Stance``: the organisation is the actor, or the
                                       person where no organisation is coded; the concept is the
                                       proposal; agreement 1 / 0 is support / opposition
person beside an organisation          ``carekg:speaker`` of the stance, and a ``memberOf``
                                       relationship (implicit) from the person to the organisation
span ``[Start, Stop)``                 ``carekg:evidence`` (white space collapsed) and an
                                       ``oa:TextPositionSelector`` (code points)
entity attributes Type, Alias,         the actor's class or the proposal's kinds (by label),
Notes, IRI                             ``skos:altLabel``, ``rdfs:comment`` or ``dcterms:description``,
                                       the thing's IRI
=====================================  ==============================================================

Conditional support has no boolean equivalent: an export writes ``agreement`` 1 with the extra
integer variable ``conditional`` 1 (2 for support in words only, 0 for plain support and
opposition), so a DNA user who uses ``agreement`` sees it as support, and ``conditional`` as an
integer qualifier tells them apart.  The stance's own date, implicit flag, date as written and
comment travel in the extra variables ``date``, ``implicit``, ``date text`` and ``note``; the
interval its text allows, whether its date is estimated and its scope in ``earliest``,
``latest``, ``date estimate`` and ``scope`` (a past recalled without a date has an empty
``date`` and a ``latest``); an article's IRI, label and date precision in
lines ``carekg iri:``, ``carekg label:`` and ``carekg date:`` of the document's notes.  So a
dataset exported and imported again has the same stances, actors and proposals.
"""

from __future__ import annotations

import re
from datetime import datetime

from graph.errors import CareKGError, SeedError
from graph.exchange.dna.sqlite import MAX_TEXT, DnaFile, Document, Statement, Variable, default_types, write_dna
from graph.kg.load import KnowledgeGraph
from graph.kg.query import run
from graph.text.articles import read_seed
from graph.text.evidence import collapse_whitespace, occurrences

# The extra variables carekg adds to the "DNA Statement" type, and what they carry.
EXTRA_VARIABLES = [Variable("conditional", "integer"), Variable("implicit", "boolean"),
                   Variable("date", "long text"), Variable("date text", "long text"),
                   Variable("note", "long text"), Variable("earliest", "long text"),
                   Variable("latest", "long text"), Variable("date estimate", "boolean"),
                   Variable("scope", "long text")]
# A position's code (its skos:notation in the ontology) -> DNA's (agreement, conditional).  A new
# position in the ontology needs a line here, or the export names it and stops.  Support in
# words only ("paid lip service") is agreement 1 with conditional 2.
POSITIONS = {"support": (True, 0), "conditional": (True, 1), "nominal": (True, 2), "oppose": (False, 0)}
PASSWORD = "carekg"  # the exported file's coder password (DNA asks for it on opening)
NOTE_LINE = re.compile(r"^carekg (iri|label|date): (.*)$")


def notes_text(meta: dict, rest: str = "") -> str:
    """The notes of an exported document: carekg's lines first, then any comment.

    >>> print(notes_text({"iri": "https://w3id.org/carekg/id/a", "date": "2015 (estimate)"}))
    carekg iri: https://w3id.org/carekg/id/a
    carekg date: 2015 (estimate)
    """
    lines = [f"carekg {key}: {meta[key]}" for key in ("iri", "label", "date") if meta.get(key)]
    return "\n".join(lines + ([rest] if rest else []))


def parse_notes(notes: str) -> tuple[dict, str]:
    """Split a document's notes into carekg's lines and the rest.

    >>> parse_notes("carekg date: 2015 (estimate)\\nRead on paper.")
    ({'date': '2015 (estimate)'}, 'Read on paper.')
    """
    meta, rest = {}, []
    for line in notes.splitlines():
        found = NOTE_LINE.match(line.strip())
        if found:
            meta[found.group(1)] = found.group(2).strip()
        else:
            rest.append(line)
    return meta, "\n".join(rest).strip()


# --- export --------------------------------------------------------------------------------------

ARTICLES = """
SELECT ?article ?title ?label ?seed ?date ?estimate ?section ?genre ?comment WHERE {
  ?article a carekg:SourceArticle ; carekg:seedFile ?seed .
  OPTIONAL { ?article dcterms:title ?title } OPTIONAL { ?article rdfs:label ?label }
  OPTIONAL { ?article carekg:date ?date } OPTIONAL { ?article carekg:dateIsEstimate ?estimate }
  OPTIONAL { ?article schema:articleSection ?section } OPTIONAL { ?article schema:genre ?genre }
  OPTIONAL { ?article rdfs:comment ?comment }
}"""
BYLINES = """
SELECT ?article ?role ?name WHERE {
  ?article a carekg:SourceArticle .
  { ?article dcterms:creator ?who . ?who rdfs:label ?name . BIND("author" AS ?role) }
  UNION { ?article schema:author ?name . BIND("author" AS ?role) }
  UNION { ?article dcterms:publisher ?who . ?who rdfs:label ?name . BIND("source" AS ?role) }
  UNION { ?article schema:publisher ?name . BIND("source" AS ?role) }
}"""
STANCES = """
SELECT ?stance ?actor ?proposal ?position ?date ?implicit ?source ?evidence ?comment ?dateText
       ?speaker ?start ?end ?earliest ?latest ?estimate ?scope WHERE {
  ?stance a carekg:Stance ; carekg:actor ?actor ; carekg:proposal ?proposal ;
          carekg:position ?position ; carekg:source ?source ; carekg:evidence ?evidence .
  OPTIONAL { ?stance carekg:date ?date } OPTIONAL { ?stance carekg:implicit ?implicit }
  OPTIONAL { ?stance rdfs:comment ?comment } OPTIONAL { ?stance carekg:dateText ?dateText }
  OPTIONAL { ?stance carekg:speaker ?speaker }
  OPTIONAL { ?stance oa:hasSelector ?sel . ?sel oa:start ?start ; oa:end ?end }
  OPTIONAL { ?stance carekg:earliest ?earliest } OPTIONAL { ?stance carekg:latest ?latest }
  OPTIONAL { ?stance carekg:dateIsEstimate ?estimate } OPTIONAL { ?stance carekg:scopeText ?scope }
}"""
# Each actor's classes under carekg:Actor with their depth, and each proposal's kinds.
THINGS = """
SELECT ?thing ?label ?type ?typeLabel (COUNT(DISTINCT ?super) AS ?depth) WHERE {
  { ?s carekg:actor ?thing } UNION { ?s carekg:speaker ?thing } UNION { ?s carekg:proposal ?thing }
  ?thing rdfs:label ?label ; a ?type .
  ?type rdfs:label ?typeLabel ; rdfs:subClassOf* ?super .
  FILTER EXISTS { ?type rdfs:subClassOf* carekg:Actor }
} GROUP BY ?thing ?label ?type ?typeLabel"""
MARKS = """
SELECT ?thing ?label WHERE {
  ?thing a carekg:UnnamedActor . carekg:UnnamedActor rdfs:label ?label .
  FILTER NOT EXISTS { ?thing a ?other . ?other rdfs:subClassOf+ carekg:UnnamedActor }
}"""
DETAILS = """
SELECT ?thing ?label ?key ?value WHERE {
  { ?s carekg:actor ?thing } UNION { ?s carekg:speaker ?thing } UNION { ?s carekg:proposal ?thing }
  ?thing rdfs:label ?label .
  { ?thing skos:altLabel ?value . BIND("Alias" AS ?key) }
  UNION { ?thing rdfs:comment ?value . BIND("Notes" AS ?key) }
  UNION { ?thing dcterms:description ?value . BIND("Notes" AS ?key) }
  UNION { ?thing carekg:proposalKind ?kind . ?kind skos:prefLabel ?value . BIND("Type" AS ?key) }
  UNION { ?thing a carekg:Proposal . BIND("" AS ?value) BIND("Type" AS ?key) }
}"""
OTHER_CLAIMS = """
SELECT ?class (COUNT(?claim) AS ?n) WHERE {
  ?claim a ?class . ?class rdfs:subClassOf carekg:Claim .
  FILTER(?class NOT IN (carekg:Stance, carekg:Mention))
} GROUP BY ?class ORDER BY ?class"""


def _rows(kg, text):
    result = run(kg, text)
    return [{k: (None if v is None else str(v)) for k, v in zip(result.vars, row)} for row in result.rows]


def export_dna(kg: KnowledgeGraph, path) -> list[str]:
    """Write the dataset's source articles and stances as a DNA 3 file; return report lines.

    Each stance becomes one "DNA Statement" whose span is its evidence phrase in the article
    text: the offsets the stance records if they hold the phrase, else the phrase's first
    occurrence (:func:`graph.text.evidence.occurrences`, across line breaks, on word boundaries).
    """
    articles = {r["article"]: r for r in _rows(kg, ARTICLES)}
    bylines: dict = {}
    for r in _rows(kg, BYLINES):
        bylines.setdefault((r["article"], r["role"]), set()).add(r["name"])
    documents, doc_ids = [], {}
    for n, iri in enumerate(sorted(articles), start=1):
        a = articles[iri]
        try:
            text = read_seed(kg.paths.text_folders(), a["seed"])
        except SeedError as exc:  # missing, unreadable, outside the sources folder, not UTF-8...
            raise CareKGError(f"cannot read the text of {iri}: {exc}") from None
        date = a["date"] or ""
        estimate = " (estimate)" if date and (a["estimate"] or "") == "true" else ""
        meta = {"iri": iri, "label": a["label"], "date": date + estimate}
        documents.append(Document(n, a["title"] or a["label"] or iri, text, _first_day(date),
                                  "; ".join(sorted(bylines.get((iri, "author"), ()))),
                                  "; ".join(sorted(bylines.get((iri, "source"), ()))),
                                  a["section"] or "", a["genre"] or "", notes_text(meta, a["comment"] or "")))
        doc_ids[iri] = n
    types, labels, attributes = _entities(kg)
    statements, repeated = [], 0
    for r in sorted(_rows(kg, STANCES), key=lambda r: r["stance"]):
        lacking = [what for what, ok in (("a source article with a text", r["source"] in doc_ids),
                                         ("an actor with a label and a class", r["actor"] in types),
                                         ("a proposal with a label", r["proposal"] in labels)) if not ok]
        if lacking:
            raise CareKGError(f"{r['stance']} has no {' or '.join(lacking)}: `carekg validate` says what to mend")
        doc = documents[doc_ids[r["source"]] - 1]
        span, many = _span(doc.text, r)
        if span is None:
            raise CareKGError(f"{r['stance']}: evidence not found in the text of {r['source']}: {r['evidence']!r}")
        repeated += many
        position = kg.schemes.position(r["position"]).notation
        if position not in POSITIONS:
            raise CareKGError(f"{r['stance']}: the position {position!r} has no DNA coding (graph.exchange.dna.exporter.POSITIONS)")
        agreement, conditional = POSITIONS[position]
        person = r["actor"] if types[r["actor"]] == "Person" else r["speaker"]
        organization = None if types[r["actor"]] == "Person" else r["actor"]
        statements.append(Statement(0, "DNA Statement", doc.id, span[0], span[1], {
            "person": labels.get(person), "organization": labels.get(organization),
            "concept": labels[r["proposal"]], "agreement": agreement, "conditional": conditional,
            "implicit": (r["implicit"] or "") == "true", "date": r["date"] or "",
            "date text": r["dateText"] or "", "note": r["comment"] or "",
            "earliest": r["earliest"] or "", "latest": r["latest"] or "",
            "date estimate": (r["estimate"] or "") == "true", "scope": r["scope"] or ""}))
    statements.sort(key=lambda s: (s.document, s.start, s.stop))
    for n, s in enumerate(statements, start=1):
        s.id = n
    kinds = default_types()
    kinds[0].variables += [Variable(v.name, v.datatype) for v in EXTRA_VARIABLES]
    write_dna(path, DnaFile(kinds, documents, statements, attributes), password=PASSWORD)
    report = [f"{len(documents)} documents, {len(statements)} statements of type 'DNA Statement', "
              f"{sum(len(v) for v in attributes.values())} entities"]
    if repeated:
        report.append("1 evidence phrase stands more than once in its article and records no offsets: its "
                      "statement codes the first occurrence" if repeated == 1 else f"{repeated} evidence phrases "
                      "stand more than once in their articles and record no offsets: each statement codes the "
                      "first occurrence")
    names = [d.title for d in documents] + [v for attrs in attributes.values() for value, a in attrs.items()
                                            for v in [value, *a.values()]]
    cut = sum(len(n) > MAX_TEXT for n in names)
    if cut:
        report.append(f"{cut} names or attribute values longer than DNA's {MAX_TEXT} characters were cut (marked …)")
    others = [f"{n} {c.rsplit('#', 1)[-1].lower()}s" for c, n in
              ((r["class"], r["n"]) for r in _rows(kg, OTHER_CLAIMS))]
    if others:
        report.append("not exported (a DNA statement holds stances only): " + ", ".join(others))
    return report


def _first_day(date: str) -> datetime:
    parts = (date or "1970").split("-") + ["1", "1"]
    return datetime(int(parts[0]), int(parts[1]), int(parts[2]))


def _span(text: str, r: dict):
    """(start, stop) of the stance's evidence in ``text``, and 1 if the choice was ambiguous."""
    if r["start"] is not None and r["end"] is not None:
        start, end = int(r["start"]), int(r["end"])
        if 0 <= start < end <= len(text) and collapse_whitespace(text[start:end]) == collapse_whitespace(r["evidence"]):
            return (start, end), 0
    found = occurrences(text, r["evidence"])
    return ((found[0].start, found[0].end) if found else None), int(len(found) > 1)


def _entities(kg):
    """Actor kinds ("Person" or not), labels, and DNA attributes per variable and value."""
    best: dict = {}
    for r in _rows(kg, THINGS):
        if r["thing"] not in best or int(r["depth"]) > int(best[r["thing"]]["depth"]):
            best[r["thing"]] = r
    types = {iri: ("Person" if r["type"].endswith("#Person") else r["typeLabel"]) for iri, r in best.items()}
    # A class asserted beside the deepest one that no class of it implies (a person marked
    # carekg:UnnamedActor) follows in the Type attribute after "; ", so the import restores it.
    marked = {r["thing"]: r["label"] for r in _rows(kg, MARKS)}
    labels: dict = {}
    attributes: dict = {}
    details: dict = {}
    for r in _rows(kg, DETAILS):
        labels[r["thing"]] = r["label"]
        details.setdefault(r["thing"], {}).setdefault(r["key"], set()).add(r["value"])
    for iri, r in best.items():
        labels[iri] = r["label"]
    for iri, label in sorted(labels.items()):
        variable = "concept" if iri not in types else "person" if types[iri] == "Person" else "organization"
        d = details.get(iri, {})
        taken = attributes.get(("DNA Statement", variable), {}).get(label)
        if taken:
            raise CareKGError(f"{taken['IRI']} and {iri} share the label {label!r}: "
                              f"DNA would merge them into one {variable}")
        kind = "; ".join(sorted(d.get("Type", set()) - {""})) if variable == "concept" else \
            types[iri] + (f"; {marked[iri]}" if iri in marked else "")
        attributes.setdefault(("DNA Statement", variable), {})[label] = {
            "Type": kind, "Alias": "; ".join(sorted(d.get("Alias", ()))),
            "Notes": " ".join(sorted(d.get("Notes", ()))), "IRI": iri}
    return types, labels, attributes


__all__ = ["export_dna", "parse_notes", "notes_text", "EXTRA_VARIABLES", "POSITIONS", "PASSWORD"]
