"""Check the graph: well-formed terms, SHACL shapes, QC queries, evidence against the articles,
and OWL consistency (of the ontology by default, of the ontology with the data on request).

Independent checks, each reporting every problem rather than stopping at the first:

* **terms**: every literal in the data fits its datatype and holds no control character, with
  the file and line (:mod:`graph.checks.terms`; a malformed IRI already fails to load).
* **shacl**: ``ontology/shapes.ttl`` over ontology + data, run as SPARQL on the store
  (:mod:`graph.sparql.shacl`, which gives pyshacl's results; core SHACL, no inference).
* **qc**: each ``queries/qc/*.rq`` is a SELECT that must return no rows; each row it returns
  is a problem, with ``?focus`` and ``?message``.
* **ontology**: the HermiT reasoner finds the ontology consistent and every class satisfiable
  (needs Java).  It reads only ``ontology/carekg.ttl``, so its answer is kept in the cache under
  a hash of that file (and of this code): it runs again only when the ontology changes.
* **owl**: HermiT on the ontology with the data (``carekg validate --owl``; not by default).
  What it would find in the data, an individual in two disjoint classes, a functional property
  with two values, a value outside its datatype, is checked by the QC queries
  ``queries/qc/owl-*.rq`` on every build, in a fraction of its time (about 70% of a curated
  build, and 37 of 47 s of validation at 100k triples, were HermiT's).
* **evidence**: every ``carekg:evidence`` phrase stands verbatim in the text of its source
  article, on word boundaries (white space collapsed, :func:`graph.text.evidence.occurrences`), at the
  offsets its claim gives if any, with as many words as the dataset allows
  (``carekg:minEvidenceWords`` to ``carekg:maxEvidenceWords``: 3 to 15 for the curated articles;
  one word at least where a dataset declares nothing).  Each article text is read once, safely
  (:func:`graph.text.articles.read_seed`); one that cannot be read is one problem, not one per claim.
  A text that no longer has the SHA-256 recorded when it was registered (``carekg:textSha256``,
  see :mod:`graph.text.sources`) is one problem naming the article and its file, and each phrase it
  no longer holds says so.

Examples
--------
>>> from graph.kg.load import load_kg
>>> problems = validate(load_kg(), checks=("terms", "shacl", "qc", "evidence"))
>>> problems
[]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.checks.terms import check_turtle
from graph.kg.load import KnowledgeGraph
from graph.rdf.namespaces import curie
from graph.rdf.progress import stage, track
from graph.sparql.catalog import catalog
from graph.text.evidence import Texts, collapse_whitespace


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the graph."""

    check: str
    focus: str
    path: str
    message: str
    file: str
    line: int | None = None

    @property
    def where(self) -> str:
        """``file:line``, the file alone, or ``""``."""
        return f"{self.file}:{self.line}" if self.file and self.line else self.file

    def __str__(self) -> str:
        where = f" [{self.path}]" if self.path else ""
        origin = f"{self.where}: " if self.where else ""
        return f"{origin}{self.check}: {self.focus}{where}: {self.message}"


ALL_CHECKS = ("terms", "shacl", "qc", "evidence", "ontology", "owl")
DEFAULT_CHECKS = ("terms", "shacl", "qc", "evidence", "ontology")  # what build and validate run unless asked


def validate(kg: KnowledgeGraph, checks=DEFAULT_CHECKS) -> list[Problem]:
    """Run the chosen checks and return every problem found (empty when clean), each shown as a
    stage of the progress display (:mod:`graph.rdf.progress`).

    HermiT on the data (``owl``) cannot read a graph with ill-typed literals, so it does not run
    when the ``terms`` check found any: its one problem says so.
    """
    problems: list[Problem] = []
    for name, check in (("terms", check_terms), ("shacl", check_shacl), ("qc", check_qc), ("evidence", check_evidence),
                        ("ontology", check_ontology)):
        if name in checks:
            with stage(f"check: {name}"):
                problems += check(kg)
    if "owl" in checks:
        if any(p.check == "terms" for p in problems):
            problems.append(Problem("owl", "-", "", "HermiT not run: it cannot read the ill-formed terms above; fix them first", ""))
        else:
            with stage("check: owl (HermiT on the ontology with the data)"):
                problems += check_consistency(kg)
    return problems


def check_terms(kg: KnowledgeGraph) -> list[Problem]:
    """Every literal of every data file fits its datatype and holds no control character
    (see :mod:`graph.checks.terms`), reported with its file and line."""
    out = []
    for path in kg.paths.data_files():
        shown = _shown(kg, path)
        out += [Problem("terms", curie(t.subject), curie(t.predicate), t.message, shown, t.line) for t in check_turtle(path)]
    return out


def _shown(kg: KnowledgeGraph, path: Path) -> str:
    try:
        return str(path.relative_to(kg.paths.root))
    except ValueError:
        return str(path)


def check_shacl(kg: KnowledgeGraph) -> list[Problem]:
    """Validate the graph against ``ontology/shapes.ttl``: the shapes run as SPARQL on the
    store (:mod:`graph.sparql.shacl`; the same results as pyshacl, in seconds at a million triples)."""
    from graph.sparql.shacl import violations

    return shacl_problems(kg, violations(kg))


def shacl_problems(kg: KnowledgeGraph, found) -> list[Problem]:
    """``(focus, path, message)`` results as problems, sorted by file, focus, path and message."""
    from rdflib import BNode

    out = [Problem("shacl", f"_:{focus}" if isinstance(focus, BNode) else curie(focus), path, message, kg.file_of(focus))
           for focus, path, message in found]
    return sorted(out, key=lambda p: (p.file, p.focus, p.path, p.message))


def check_qc(kg: KnowledgeGraph) -> list[Problem]:
    """Run every QC query; each returned row is a problem."""
    out = []
    for qc in track(catalog("qc", kg.paths), "QC queries"):
        result = kg.engine.query(qc.text, origin=qc.path)
        for row in result.rows:
            values = {k: v for k, v in zip(result.vars, row) if v is not None}
            focus = values.get("focus")
            out.append(Problem(f"qc:{qc.name}", curie(focus) if focus is not None else "",
                               "", str(values.get("message", qc.title)), kg.file_of(focus)))
    return out


def evidence_words(kg: KnowledgeGraph) -> tuple[int, int | None]:
    """The fewest and most words an evidence phrase may have, as the dataset declares them
    (``carekg:minEvidenceWords``, ``carekg:maxEvidenceWords`` on its ``dcat:Dataset``); 1 and
    ``None`` (no limit) when it declares none.  The curated data declares 3 and 15.

    >>> from graph.kg.load import load_kg
    >>> evidence_words(load_kg())
    (3, 15)
    """
    rows = kg.engine.query("SELECT ?min ?max WHERE { ?d a dcat:Dataset OPTIONAL { ?d carekg:minEvidenceWords ?min }"
                           " OPTIONAL { ?d carekg:maxEvidenceWords ?max } }", origin="<evidence>").rows
    least = max((int(lo) for lo, _ in rows if lo is not None), default=1)
    return least, min((int(hi) for _, hi in rows if hi is not None), default=None)


def max_evidence_words(kg: KnowledgeGraph) -> int | None:
    """The most words an evidence phrase may have (see :func:`evidence_words`)."""
    return evidence_words(kg)[1]


def article_texts(kg: KnowledgeGraph) -> tuple[dict, list[Problem]]:
    """Article IRI -> the index of its text (:class:`graph.text.evidence.TextIndex`, read safely
    by :func:`graph.text.articles.read_seed`), and one problem for each article whose text cannot
    be read (or one in all when the texts' folder is missing).  The texts are those the load
    anchored the claims in (``kg.derived["texts"]``), so each is read and searched once."""
    seeds, folders = kg.paths.seeds, kg.paths.text_folders()
    rows = kg.engine.values("SELECT ?a ?seed WHERE { ?a carekg:seedFile ?seed } ORDER BY ?a", origin="<evidence>")
    texts: dict = {}
    if rows and not any(Path(f.folder).is_dir() for f in folders):
        return texts, [Problem("evidence", "-", "carekg:seedFile", f"the article texts' folder {seeds} does not exist "
                               "(a dataset keeps them in DATA/sources; the curated data in $CAREKG_SEEDS)", "")]
    reader: Texts = kg.derive("texts", lambda kg: Texts(kg.paths.text_folders()))
    problems = []
    for article, seed in rows:
        index = reader.index(seed.value)
        if index is not None:
            texts[article.value] = index
            continue
        exc = reader.error(seed.value)
        hint = " (set CAREKG_SEEDS, or keep a dataset's texts in DATA/sources)" if exc is not None and exc.reason == "not found" else ""
        problems.append(Problem("evidence", curie(article.value), "carekg:seedFile", f"{exc}{hint}", kg.file_of(_iri(article))))
    return texts, problems


def check_evidence(kg: KnowledgeGraph) -> list[Problem]:
    """Every evidence phrase stands verbatim in its article on word boundaries (white space
    collapsed), has as many words as the dataset allows (:func:`evidence_words`), and, where the
    claim gives offsets (an ``oa:TextPositionSelector``), is exactly what the text holds between
    them.  Claims of an article whose text cannot be read are not checked one by one."""
    least, most = evidence_words(kg)
    texts, out = article_texts(kg)
    unread = {p.focus for p in out}
    changed, problems = changed_texts(kg, texts)
    out += problems
    claims = kg.engine.values("SELECT ?claim ?evidence ?source ?about ?start ?end WHERE { ?claim carekg:evidence ?evidence"
                              " OPTIONAL { ?claim carekg:source ?source } OPTIONAL { ?claim carekg:about ?about }"
                              " OPTIONAL { ?claim oa:hasSelector ?s . ?s oa:start ?start ; oa:end ?end } }",
                              origin="<evidence>")
    rows = [(_name(claim), evidence.value, source.value if source is not None else None, about, start, end, claim)
            for claim, evidence, source, about, start, end in claims]
    for name, evidence, source, about, start, end, claim in sorted(rows, key=lambda r: (r[0], r[1])):
        name = f"mention of {curie(about.value)}" if about is not None else curie(name)
        phrase = collapse_whitespace(evidence)
        words = len(phrase.split())
        found = []  # (path, message)
        if most is not None and words > most:
            found.append(("carekg:evidence", f"evidence has {words} words; this dataset allows at most {most}"))
        if words < least or not any(c.isalnum() for c in phrase):
            found.append(("carekg:evidence", f"evidence {phrase!r} is too short to support a claim: this dataset needs "
                          f"at least {least} word{'s' if least > 1 else ''}, with letters or digits"))
        if source is None or (source not in texts and curie(source) not in unread):
            found.append(("carekg:source", "claim has no known source article"))
        elif source in texts and not texts[source].occurrences(phrase):
            found.append(("carekg:evidence", f"phrase not found verbatim (as whole words) in {curie(source)}: {phrase!r}"))
        elif source in texts and start is not None and end is not None:
            found += _check_offsets(phrase, texts[source].text, int(start.value), int(end.value))
        note = " (the article's text has changed since it was registered)" if source in changed else ""
        out += [Problem("evidence", name, path, message + note, kg.file_of(_iri(claim))) for path, message in found]
    return out


def _name(term) -> str:
    """A claim's name as the rdflib term's ``str`` was: the IRI, or a blank node's id."""
    return term.value


def _iri(term):
    """The rdflib term that :meth:`KnowledgeGraph.file_of` looks up: for an IRI (a pyoxigraph
    named node, or its text); ``None`` for a blank node."""
    import pyoxigraph as ox
    from rdflib import URIRef

    if isinstance(term, str):
        return URIRef(term)
    return URIRef(term.value) if isinstance(term, ox.NamedNode) else None


def changed_texts(kg: KnowledgeGraph, texts: dict) -> tuple[set, list[Problem]]:
    """The articles whose text no longer has the SHA-256 recorded for it, and one problem each."""
    from graph.text.sources import sha256_hex

    changed, out = set(), []
    rows = kg.engine.values("SELECT ?a ?seed ?sha WHERE { ?a carekg:seedFile ?seed ; carekg:textSha256 ?sha } ORDER BY ?a",
                            origin="<evidence>")
    for article, seed, sha in rows:
        article = article.value
        if article in texts and (now := sha256_hex(texts[article].text.encode("utf-8"))) != sha.value:
            changed.add(article)
            out.append(Problem("evidence", curie(article), "carekg:textSha256",
                               f"the text {seed.value} has changed since it was registered "
                               f"(SHA-256 {sha.value[:12]}…, now {now[:12]}…)", kg.file_of(_iri(article))))
    return changed, out


def _check_offsets(phrase, text, start, end) -> list[tuple[str, str]]:
    held = collapse_whitespace(text[start:end]) if 0 <= start < end <= len(text) else None
    if held == phrase:
        return []
    what = f"hold {held!r}" if held is not None else f"lie outside the text ({len(text)} characters)"
    return [("oa:hasSelector", f"offsets {start}-{end} {what}, not the evidence")]


def check_ontology(kg: KnowledgeGraph) -> list[Problem]:
    """HermiT on the ontology alone: consistent, and every class satisfiable.  The answer is kept
    in the cache (:func:`graph.kg.cache.kept`) under a hash of the ontology file, owlready2's
    version and this code, so it is paid for once per change of the ontology."""
    from importlib.metadata import version

    from graph.kg.cache import code_digest, file_hash, kept

    if (missing := _no_java()) is not None:
        return missing
    # owlready2 (and HermiT, which it ships) is imported only when the answer is not kept
    key = [file_hash(Path(kg.paths.ontology)), version("owlready2"), code_digest(__name__)]
    found = kept("hermit-ontology", key, lambda: _verdict(_ontology_nt(kg), "the ontology"), keep=lambda v: v["final"])
    return [Problem(**dict(p, check="ontology")) for p in found["problems"]]


def check_consistency(kg: KnowledgeGraph) -> list[Problem]:
    """Ask the HermiT OWL reasoner (through owlready2, which runs it on Java) whether the
    ontology with the data is consistent and every class satisfiable (``carekg validate --owl``).

    SHACL finds missing data; HermiT finds contradictions (a thing in two disjoint classes, a
    functional property with two values that must differ), which SHACL cannot.  Those it would
    find in the data are also QC queries (``queries/qc/owl-*.rq``), run on every build.
    """
    if (missing := _no_java()) is not None:
        return missing
    return [Problem(**p) for p in _verdict(kg.engine.dump("nt"), "the ontology with the data")["problems"]]


def _no_java() -> list[Problem] | None:
    import shutil

    if shutil.which("java") is None:
        return [Problem("owl", "-", "", "the HermiT check needs Java (apt-get install default-jre-headless); "
                        "run the other checks with --check shacl --check qc --check evidence", "")]
    return None


def _ontology_nt(kg: KnowledgeGraph) -> bytes:
    import pyoxigraph as ox

    path = Path(kg.paths.ontology)
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""


def _verdict(nt: bytes, what: str) -> dict:
    """HermiT's verdict on the N-Triples ``nt``: its ``problems`` (none when consistent with every
    class satisfiable), as plain data, and whether it is ``final`` (a verdict, not a failure to
    reach one: only a final one is kept)."""
    import tempfile

    import owlready2

    def failed(message: str) -> dict:
        return {"problems": [vars(Problem("owl", "-", "", message, ""))], "final": False}

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "carekg.nt"
        path.write_bytes(nt)
        world = owlready2.World()
        try:
            onto = world.get_ontology(path.as_uri()).load()
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyOntologyParsingError as exc:  # an ill-typed value, say
            return failed(f"HermiT not run: owlready2 cannot read the graph ({exc.__cause__ or exc}); run --check terms")
        except owlready2.OwlReadyInconsistentOntologyError:
            return {"problems": [vars(Problem("owl", "-", "", f"HermiT: {what} is inconsistent", ""))], "final": True}
        except owlready2.OwlReadyJavaError as exc:
            first = next((ln for ln in str(exc).splitlines() if "Exception" in ln), str(exc)[:300])
            return failed(f"HermiT failed: {first}")
        unsatisfiable = [c for c in world.inconsistent_classes() if c is not owlready2.Nothing]
        world.close()
    return {"problems": [vars(Problem("owl", c.iri, "", "class is unsatisfiable (can have no members)", "ontology/carekg.ttl"))
                         for c in unsatisfiable], "final": True}
