"""Check the graph: SHACL shapes, QC queries, and evidence against the articles.

Three independent checks, each reporting every problem rather than stopping at the first:

* **shacl**: ``ontology/shapes.ttl`` over ontology + data (pyshacl, core SHACL, no inference).
* **qc**: each ``queries/qc/*.rq`` is a SELECT that must return no rows; each row it returns
  is a problem, with ``?focus`` and ``?message``.
* **owl**: the HermiT reasoner finds ontology + data consistent (needs Java).
* **evidence**: every ``carekg:evidence`` phrase appears verbatim (white space folded) in the
  text of its source article, at the offsets its claim gives if any, and has no more words than
  the dataset declares (``carekg:maxEvidenceWords``: 15 for the curated articles).

Examples
--------
>>> from graph.load import load_kg
>>> problems = validate(load_kg(), checks=("shacl", "qc", "evidence"))
>>> problems
[]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from .catalog import catalog
from .evidence import fold
from .files import parse_turtle
from .load import KnowledgeGraph
from .vocabulary import curie


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the graph."""

    check: str
    focus: str
    path: str
    message: str
    file: str

    def __str__(self) -> str:
        where = f" [{self.path}]" if self.path else ""
        origin = f"{self.file}: " if self.file else ""
        return f"{origin}{self.check}: {self.focus}{where}: {self.message}"


ALL_CHECKS = ("shacl", "qc", "evidence", "owl")


def validate(kg: KnowledgeGraph, checks=ALL_CHECKS) -> list[Problem]:
    """Run the chosen checks and return every problem found (empty when clean)."""
    problems: list[Problem] = []
    if "shacl" in checks:
        problems += check_shacl(kg)
    if "qc" in checks:
        problems += check_qc(kg)
    if "evidence" in checks:
        problems += check_evidence(kg)
    if "owl" in checks:
        problems += check_consistency(kg)
    return problems


def check_shacl(kg: KnowledgeGraph) -> list[Problem]:
    """Validate the curated data (with the ontology, for subclass targets) against the shapes."""
    import pyshacl

    shapes = parse_turtle(kg.paths.shapes)
    data_graph = Graph()
    data_graph += kg.ontology
    data_graph += kg.data
    conforms, report, _ = pyshacl.validate(data_graph, shacl_graph=shapes, inference="none",
                                           advanced=True, allow_warnings=False)
    if conforms:
        return []
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        out.append(Problem("shacl", curie(focus), _path_text(report, path), str(message or "shape violated"),
                           kg.file_of(focus)))
    return sorted(out, key=lambda p: (p.file, p.focus, p.path, p.message))


def _path_text(report, path) -> str:
    if path is None:
        return ""
    inverse = report.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{curie(inverse)}"
    alternatives = report.value(path, SH.alternativePath)
    if alternatives is not None:  # an RDF list of paths: "carekg:date|carekg:latest"
        return "|".join(curie(p) for p in Collection(report, alternatives))
    return curie(path)


def check_qc(kg: KnowledgeGraph) -> list[Problem]:
    """Run every QC query; each returned row is a problem."""
    out = []
    for qc in catalog("qc", kg.paths):
        result = kg.engine.query(qc.text, origin=qc.path)
        for row in result.rows:
            values = {k: v for k, v in zip(result.vars, row) if v is not None}
            focus = values.get("focus")
            out.append(Problem(f"qc:{qc.name}", curie(focus) if focus is not None else "",
                               "", str(values.get("message", qc.title)), kg.file_of(focus)))
    return out


def max_evidence_words(kg: KnowledgeGraph) -> int | None:
    """The evidence-length limit the dataset declares (``carekg:maxEvidenceWords`` on its
    ``dcat:Dataset``), or ``None`` when it declares none.  The curated data declares 15.

    >>> from graph.load import load_kg
    >>> max_evidence_words(load_kg())
    15
    """
    rows = kg.engine.query("SELECT ?n WHERE { ?dataset carekg:maxEvidenceWords ?n }", origin="<evidence>").rows
    return min((int(n) for (n,) in rows), default=None)


def check_evidence(kg: KnowledgeGraph) -> list[Problem]:
    """Every evidence phrase is verbatim in its article (white space folded), no longer than the
    dataset's declared limit, and, where the claim gives offsets (an ``oa:TextPositionSelector``),
    exactly what the text holds between them."""
    seeds = kg.paths.seeds
    limit = max_evidence_words(kg)
    texts: dict = {}
    for article, seed in kg.engine.query("SELECT ?a ?seed WHERE { ?a carekg:seedFile ?seed }", origin="<evidence>").rows:
        path = Path(seeds) / str(seed)
        try:
            raw = path.read_text(encoding="utf-8")
            texts[article] = (raw, fold(raw))
        except OSError:
            texts[article] = None
    claims = kg.engine.query("SELECT ?claim ?evidence ?source ?about ?start ?end WHERE { ?claim carekg:evidence ?evidence"
                             " OPTIONAL { ?claim carekg:source ?source } OPTIONAL { ?claim carekg:about ?about }"
                             " OPTIONAL { ?claim oa:hasSelector ?s . ?s oa:start ?start ; oa:end ?end } }",
                             origin="<evidence>").rows
    out = []
    for claim, evidence, source, about, start, end in sorted(claims, key=lambda r: (str(r[0]), str(r[1]))):
        where = kg.file_of(claim)
        name = f"mention of {curie(about)}" if about is not None else curie(claim)
        phrase = fold(str(evidence))
        words = len(phrase.split())
        if limit is not None and words > limit:
            out.append(Problem("evidence", name, "carekg:evidence",
                               f"evidence has {words} words; this dataset allows at most {limit}", where))
        text = texts.get(source)
        if source is None or source not in texts:
            out.append(Problem("evidence", name, "carekg:source", "claim has no known source article", where))
        elif text is None:
            out.append(Problem("evidence", name, "carekg:source",
                               f"seed file for {curie(source)} not found under {seeds} (set CAREKG_SEEDS)", where))
        elif phrase not in text[1]:
            out.append(Problem("evidence", name, "carekg:evidence",
                               f"phrase not found verbatim in {curie(source)}: {phrase!r}", where))
        elif start is not None and end is not None:
            out += _check_offsets(name, phrase, text[0], int(start), int(end), where)
    return out


def _check_offsets(name, phrase, text, start, end, where) -> list[Problem]:
    held = fold(text[start:end]) if 0 <= start < end <= len(text) else None
    if held == phrase:
        return []
    what = f"hold {held!r}" if held is not None else f"lie outside the text ({len(text)} characters)"
    return [Problem("evidence", name, "oa:hasSelector", f"offsets {start}-{end} {what}, not the evidence", where)]


def check_consistency(kg: KnowledgeGraph) -> list[Problem]:
    """Ask the HermiT OWL reasoner (through owlready2, which runs it on Java) whether the
    ontology with the data is consistent and every class satisfiable.

    SHACL finds missing data; HermiT finds contradictions (a thing in two disjoint classes, a
    functional property with two values that must differ), which SHACL cannot.
    """
    import shutil
    import tempfile

    if shutil.which("java") is None:
        return [Problem("owl", "-", "", "the HermiT check needs Java (apt-get install default-jre-headless); "
                        "run the other checks with --check shacl --check qc --check evidence", "")]
    import owlready2

    with tempfile.TemporaryDirectory() as tmp:
        nt = Path(tmp) / "carekg.nt"
        nt.write_bytes(kg.engine.dump("nt"))
        world = owlready2.World()
        onto = world.get_ontology(nt.as_uri()).load()
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return [Problem("owl", "-", "", "HermiT: the ontology with the data is inconsistent", "")]
        except owlready2.OwlReadyJavaError as exc:
            first = next((ln for ln in str(exc).splitlines() if "Exception" in ln), str(exc)[:300])
            return [Problem("owl", "-", "", f"HermiT failed: {first}", "")]
        unsatisfiable = [c for c in world.inconsistent_classes() if c is not owlready2.Nothing]
        world.close()
    return [Problem("owl", c.iri, "", "class is unsatisfiable (can have no members)", "ontology/carekg.ttl")
            for c in unsatisfiable]
