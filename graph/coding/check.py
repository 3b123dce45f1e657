"""`carekg code check / apply / export`: a coding sheet against the dataset, the article and the
shapes; the article's Turtle written from it; an article's Turtle written back as a sheet.

:func:`check_sheet` runs every check the build runs on the part of the graph the sheet makes,
and reports each problem at the sheet's line:

1. YAML syntax, duplicate keys, and the sheet's JSON Schema (``graph/coding/sheet.schema.yaml``);
2. references (entities by slug or label, with "did you mean"), classes, relation kinds,
   property names and values (dates parse, booleans, decimals) against the ontology;
3. each evidence phrase in the article's text (on word boundaries; its offsets are kept), with
   as many words as the dataset allows (``carekg:minEvidenceWords`` to ``maxEvidenceWords``: 3
   to 15 for the curated data);
4. the SHACL shapes and the QC queries of ``validate``, always, over the whole graph as it would
   be with the sheet applied (the curated data too, for a dataset built on it), reporting what
   concerns the sheet's own nodes.

The HermiT consistency check stays in ``carekg validate`` and ``build``: it needs Java and
takes longer than a curator's edit-check loop should.

Examples
--------
>>> report = check_sheet("no-such-sheet.yaml")
Traceback (most recent call last):
...
graph.errors.ParseError: no-such-sheet.yaml: no such sheet
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from rdflib import BNode, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, RDFS

from graph.coding.export import graph_to_sheet, natural, turtle_notes
from graph.coding.mapping import Converted, SheetNames, sheet_to_graph
from graph.coding.model import SLUG, SheetModel
from graph.coding.yamlio import dump_yaml, load_sheet
from graph.errors import CareKGError, ParameterError, SheetInvalid, UnknownNameError
from graph.kg.load import KnowledgeGraph, derive_triples
from graph.rdf.namespaces import CAREKG, KG, PREFIXES, curie
from graph.rdf.outputs import into_folder, write_atomic
from graph.rdf.parse import parse_turtle
from graph.rdf.paths import Paths
from graph.rdf.serialise import Block, turtle_text
from graph.sparql.engine import OxigraphEngine
from graph.text.articles import read_seed
from graph.text.evidence import collapse_whitespace, locate
from graph.text.fuzzy import nearest, suggest


@dataclass
class SheetReport:
    """What checking a sheet found."""

    path: str
    problems: list = field(default_factory=list)   # (line, message)
    converted: Converted | None = None
    article: URIRef | None = None
    target: Path | None = None
    offsets: dict = field(default_factory=dict)    # node -> Span of its evidence
    skipped: int = 0                               # rows left out: candidate or rejected

    def messages(self) -> list[str]:
        return [f"{self.path}:{line or 1}: {msg}" for line, msg in sorted(self.problems, key=lambda p: (p[0] or 0))]


def check_sheet(path, paths: Paths | None = None, model: SheetModel | None = None, shapes: bool = True) -> SheetReport:
    """Check a sheet; return a report (problems empty when the sheet is ready to apply)."""
    paths = paths or Paths()
    sheet = load_sheet(path)
    report = SheetReport(path=str(path), problems=list(sheet.problems))
    model = model or SheetModel.load(paths)
    validator = Draft202012Validator({k: v for k, v in model.schema.items() if k != "x-rdf"})
    for error in sorted(validator.iter_errors(sheet.data), key=lambda e: list(map(str, e.absolute_path))):
        detail = best_match(error.context) if error.context else error
        where = tuple(detail.absolute_path)
        report.problems.append((sheet.line(where), _schema_message(detail, where)))
    if report.problems:
        return report
    graphs = {file: parse_turtle(file) for file in paths.data_files()}
    dataset = Graph()
    for g in graphs.values():
        dataset += g
    article_token = sheet.data["article"]
    article = _article(model, dataset, article_token)
    if article is None:
        titles = [str(t) for s in dataset.subjects(RDF.type, CAREKG.SourceArticle) for t in dataset.objects(s, DCTERMS.title)]
        near = suggest(str(article_token), [model.term_token(s) for s in dataset.subjects(RDF.type, CAREKG.SourceArticle)] + titles, n=3)
        report.problems.append((sheet.line(("article",)), f"unknown article {article_token!r}"
                                + (f"; did you mean: {', '.join(near)}?" if near else "") + " (register it with carekg source add)"))
        return report
    given = sheet.data.get("file")
    target = _target(paths, graphs, article, given)
    if isinstance(target, str):
        report.problems.append((sheet.line(("file",) if given is not None else ("article",)), target))
        return report
    others = Graph()
    for file, g in graphs.items():
        if file != target:
            others += g
    report.target = target
    report.article = article
    converted = sheet_to_graph(sheet, model, SheetNames.of(others, paths), article)
    report.converted = converted
    report.problems += converted.problems
    report.skipped = sum(1 for rows in sheet.data.values() if isinstance(rows, list)
                         for r in rows if isinstance(r, dict) and r.get("status", "accepted") != "accepted")
    _check_evidence(report, others + converted.graph, paths)
    if shapes and not report.problems:
        _check_shapes(report, paths)
    return report


def _schema_message(error, where) -> str:
    name = ".".join(str(w) for w in where) or "sheet"
    if error.validator == "required":
        return f"{name}: {error.message.replace(' is a required property', '').strip(chr(39))} is required"
    if error.validator == "additionalProperties" and not where:
        return f"unknown top-level key: {error.message.split('(')[-1].rstrip(')')}"
    return f"{name}: {error.message}"


def _target(paths: Paths, graphs: dict, article: URIRef, given: str | None = None) -> Path | str:
    """The file ``code apply`` writes for ``article``, derived from the article alone, never from
    a title nor from the sheet, so that a sheet cannot replace another file nor write outside
    the dataset.  Without ``file:`` it is the article's own new file, named by its slug
    (``article-005.ttl``, written beside the others); the ``file:`` that ``code export`` writes
    may instead name the dataset's file that holds the most of the article's claims (the one
    export read), or a file of the dataset that holds no triples at all (emptied, to be written
    again); for an article of the curated graph a dataset builds on, that is the curated file,
    checked in its place (``code apply`` writes none of them).  A str says why there is no such
    file."""
    if given is not None:
        counts = _claim_counts(graphs, article)
        best = max(counts, key=lambda f: (counts[f], f.name), default=None)
        path = paths.data / given
        if best is not None and best.name == given and best not in paths.own_files():
            path = best
        if (path == best and counts[path] > 0) or len(graphs.get(path, [None])) == 0:
            return path
        holds = f"its claims are in {best.name}" if best is not None and counts[best] > 0 else "no file holds its claims yet"
        return (f"file: {given!r} is not the file of {curie(article)} ({holds}): a sheet may name only its article's "
                "own file; drop the key to write the article's new file")
    local = str(article)[len(str(KG)):] if str(article).startswith(str(KG)) else ""
    if not SLUG.fullmatch(local):
        return f"{curie(article)} gives no file name (an IRI kg:SLUG would): give file: with the file of its claims"
    return paths.data / f"{local}.ttl"


def _claim_counts(graphs: dict, article: URIRef) -> dict:
    """File -> how many claims from ``article`` it holds (its own mentions not counted)."""
    return {file: sum(1 for _ in g.subjects(CAREKG.source, article)) - sum(1 for _ in g.subjects(CAREKG.about, article))
            for file, g in graphs.items()}


def _article(model: SheetModel, graph: Graph, token) -> URIRef | None:
    articles = set(graph.subjects(RDF.type, CAREKG.SourceArticle))
    iri = model.token_iri(str(token))
    if iri in articles:
        return iri
    for article in articles:
        names = [str(o) for p in (RDFS.label, DCTERMS.title) for o in graph.objects(article, p)]
        if str(token) in names:
            return URIRef(str(article))
    return None


def _check_evidence(report: SheetReport, graph: Graph, paths: Paths) -> None:
    # The dataset's own rule (carekg:maxEvidenceWords on its dcat:Dataset: 15 for the curated
    # articles); a dataset that declares none sets no limit.
    limits = [int(str(n)) for n in graph.objects(None, CAREKG.maxEvidenceWords)]
    limit = min(limits, default=None)
    least = max((int(str(n)) for n in graph.objects(None, CAREKG.minEvidenceWords)), default=1)
    texts: dict = {}
    converted = _converted(report)
    for node, phrase, line, _at in converted.evidence:
        source = graph.value(node, CAREKG.source)
        if source not in texts:
            seed = graph.value(source, CAREKG.seedFile)
            try:
                texts[source] = read_seed(paths.text_folders(), str(seed)) if seed else None
            except CareKGError as exc:
                texts[source] = None
                report.problems.append((line, f"cannot read the text of {curie(source)}: {exc}"))
        words = len(collapse_whitespace(phrase).split())
        if limit is not None and words > limit:
            report.problems.append((line, f"evidence has {words} words; this dataset allows at most {limit}"))
        if words < least:
            report.problems.append((line, f"evidence has {words} word{'s' if words != 1 else ''}; "
                                          f"this dataset needs at least {least}"))
        text = texts[source]
        if text is None:
            continue
        span = locate(text, phrase)
        if span is None:
            report.problems.append((line, f"evidence not found in the text of {curie(source)}: {phrase!r}"
                                    + _nearest(text, phrase)))
        else:
            report.offsets[node] = span


def _nearest(text: str, phrase: str) -> str:
    """The passage of ``text`` most like ``phrase`` (:func:`graph.text.fuzzy.nearest`), as a hint."""
    words, n = collapse_whitespace(text).split(" "), len(collapse_whitespace(phrase).split(" "))
    windows = {" ".join(words[i:i + n]) for i in range(max(1, len(words) - n + 1))}
    near = nearest(collapse_whitespace(phrase), windows, n=1)
    return f"; nearest passage: {near[0]!r}" if near else ""


def _check_shapes(report: SheetReport, paths: Paths) -> None:
    from graph.checks.validate import check_qc, check_shacl

    converted = _converted(report)
    # Problems name a blank node (a mention) as _:id: the store keeps the sheet's own ids.
    where = {(f"_:{n}" if isinstance(n, BNode) else curie(n)): line for n, line in converted.lines.items()}
    # The shapes and QC queries of `validate`, on the whole graph as it would be with the sheet
    # applied: every data file but the one the sheet writes (the curated ones too, for a dataset
    # built on them), the sheet's triples, the ontology and the rules.  A rule a dataset declares,
    # or an alias another article attests, is seen as validate sees it.  (The evidence anchors
    # are left out: they only add a selector to a claim that has none, which no shape faults.)
    engine = OxigraphEngine.memory(PREFIXES)
    target = report.target.resolve() if report.target is not None else None
    for file in paths.data_files():
        if file.resolve() != target:
            engine.load_file(file)
    engine.add_triples(converted.graph)
    engine.load_file(paths.ontology)
    derive_triples(engine, paths)
    kg = KnowledgeGraph(engine, paths)
    for problem in check_shacl(kg) + check_qc(kg):
        if problem.focus in where:
            path = f" ({problem.path})" if problem.path else ""
            report.problems.append((where[problem.focus], f"{problem.check}{path}: {problem.message}"))


def apply_sheet(path, paths: Paths | None = None) -> tuple[Path, SheetReport]:
    """Check the sheet and, only if it passes, write the article's Turtle atomically."""
    paths = paths or Paths()
    model = SheetModel.load(paths)
    report = check_sheet(path, paths, model)
    if report.problems:
        raise SheetInvalid(report.messages())
    if paths.imports and not _own_article(paths, report.article):
        raise ParameterError(f"{curie(report.article)} is an article of the curated graph this dataset builds on: "
                             f"code apply writes only {paths.data}'s own articles (register yours with carekg source add)")
    text = sheet_turtle(report, model, Path(path).name)
    target = report.target
    if target is None:  # a sheet that passes its check always names its article, hence a file
        raise RuntimeError("a checked sheet has no target file")
    written = parse_turtle(target, text=text)
    if not isomorphic(written, _converted(report).graph):  # the writer must say exactly the sheet
        raise RuntimeError("the Turtle written does not hold the sheet's triples")
    write_atomic(into_folder(paths.data, target), lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return target, report


def _own_article(paths: Paths, article) -> bool:
    """Whether the dataset's own files (not those it builds on) register ``article``."""
    return any((article, RDF.type, CAREKG.SourceArticle) in parse_turtle(f) for f in paths.own_files())


def _converted(report: SheetReport) -> Converted:
    """The sheet's triples; only a sheet that passed the schema has them."""
    if report.converted is None:
        raise RuntimeError("the sheet was not converted (it failed its schema)")
    return report.converted


def sheet_turtle(report: SheetReport, model: SheetModel, name: str) -> str:
    """The Turtle for a checked sheet: entities (each with its mentions), then claims by section,
    each sorted by IRI, so the same sheet always gives the same file."""
    converted, sheet_header = _converted(report), load_sheet(report.path).data.get("header") or []
    header = [f"Written by `carekg code apply` from {name}: edit the sheet and apply it again."]
    header += ([""] + list(sheet_header)) if sheet_header else []

    def block(node, compact=False):
        notes = [ln for note in converted.notes.get(node, []) for ln in textwrap.wrap(note, 94)]
        return Block(node, notes, compact=compact)

    blocks = []
    for entity in sorted(set(converted.entities), key=natural):
        if set(converted.graph.predicates(entity)):
            blocks.append(block(entity))
        mentions = converted.mentions.get(entity, [])
        blocks += [block(m, compact=True) for m in sorted(mentions, key=lambda m: str(converted.graph.value(m, CAREKG.evidence)))]
    order = {name: i for i, name in enumerate(list(model.sections) + ["claims"])}
    claims = sorted(converted.claims, key=lambda c: (order[c[0]], isinstance(c[1], BNode), natural(c[1])))
    blocks += [block(node) for _, node in claims]
    written = {b.subject for b in blocks}
    inline = {o for o in converted.graph.objects() if isinstance(o, BNode)}
    blocks += [block(s) for s in sorted(set(converted.graph.subjects()) - written - inline, key=natural)]
    return turtle_text(converted.graph, blocks, header=header, order=model.turtle_order)


def export_article(article: str, paths: Paths | None = None) -> str:
    """The sheet (YAML text) for an article's file in the dataset."""
    paths = paths or Paths()
    model = SheetModel.load(paths)
    graphs = {file: parse_turtle(file) for file in paths.data_files()}
    dataset = Graph()
    for g in graphs.values():
        dataset += g
    iri = _article(model, dataset, article)
    if iri is None:
        names = [model.term_token(s) for s in dataset.subjects(RDF.type, CAREKG.SourceArticle)]
        raise UnknownNameError("article", article, suggest(article, names))
    counts = _claim_counts(graphs, iri)
    file = max(counts, key=lambda f: (counts[f], f.name))
    if counts[file] <= 0:
        raise ParameterError(f"no file in {paths.data} holds claims from {curie(iri)}")
    header, notes = turtle_notes(file.read_text(encoding="utf-8"))
    sheet = graph_to_sheet(graphs[file], model, iri, file.name, notes, header)
    intro = (f"# Coding sheet for {curie(iri)}, exported from {file.name} by `carekg code export`.\n"
             "# Check it with `carekg code check`, write the Turtle with `carekg code apply`.\n")
    return intro + dump_yaml(sheet)


__all__ = ["check_sheet", "apply_sheet", "export_article", "sheet_turtle", "SheetReport"]
