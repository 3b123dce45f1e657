"""Load the ontology and the curated data, derive shortcut triples, and write the build.

The flow is: parse every Turtle file (a syntax error names the file and line), merge them,
apply the derivation rules in ``queries/rules/*.rq`` (SPARQL CONSTRUCT queries, so the rules
are data), and write the merged graph as Turtle, N-Triples and JSON-LD.

Examples
--------
>>> kg = load()
>>> len(kg.graph) > 1000
True
>>> kg.file_of(KG["kings-fund"]).endswith(".ttl")
True
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from .errors import OutputError, ParseError

CAREKG = Namespace("https://w3id.org/carekg/ontology#")
KG = Namespace("https://w3id.org/carekg/id/")
SCHEMA = Namespace("https://schema.org/")

PREFIXES = {
    "carekg": CAREKG, "kg": KG, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD,
    "skos": SKOS, "dcterms": DCTERMS, "foaf": FOAF, "org": ORG, "prov": PROV, "schema": SCHEMA,
}

ROOT = Path(__file__).resolve().parent.parent


def _home() -> Path:
    # CAREKG_HOME points the whole tool at another copy of ontology/, data/ and queries/
    # (a curator's working copy, or a test's deliberately broken one).
    return Path(os.environ.get("CAREKG_HOME", ROOT))


@dataclass(frozen=True)
class Paths:
    """Where the project's inputs and outputs live.

    ``seeds`` defaults to ``../shared/seeds`` beside the checkout and can be moved with the
    ``CAREKG_SEEDS`` environment variable; ``CAREKG_HOME`` moves the inputs.  The build
    folder is ``build/`` in the current directory.
    """

    root: Path = field(default_factory=_home)
    ontology: Path = field(default_factory=lambda: _home() / "ontology" / "carekg.ttl")
    shapes: Path = field(default_factory=lambda: _home() / "ontology" / "shapes.ttl")
    data: Path = field(default_factory=lambda: _home() / "data")
    queries: Path = field(default_factory=lambda: _home() / "queries")
    build: Path = field(default_factory=lambda: Path("build"))
    seeds: Path = field(default_factory=lambda: Path(
        os.environ.get("CAREKG_SEEDS", ROOT.parent / "shared" / "seeds")))

    @classmethod
    def for_dataset(cls, data: Path | str | None) -> "Paths":
        """The paths for a dataset folder: its Turtle files, and its article texts in
        ``DATA/sources/``.  The curated ``data/`` keeps its texts in the seeds folder instead
        (``../shared/seeds`` or ``$CAREKG_SEEDS``), which stays outside the repository.

        >>> Paths.for_dataset("my-dataset").seeds.as_posix()
        'my-dataset/sources'
        >>> Paths.for_dataset(None) == Paths()
        True
        """
        default = cls()
        if data is None or Path(data).resolve() == default.data.resolve():
            return default
        return cls(data=Path(data), seeds=Path(data) / "sources")

    def data_files(self) -> list[Path]:
        """The curated Turtle files, in a stable order."""
        return sorted(self.data.glob("*.ttl"))


@dataclass
class KnowledgeGraph:
    """The loaded graph and where each part came from.

    Attributes
    ----------
    graph : rdflib.Graph
        Ontology, curated data and derived triples together: what queries run against.
    data : rdflib.Graph
        The curated data only.
    ontology : rdflib.Graph
        The ontology only.
    origins : dict
        Subject IRI -> the data or ontology file that states it first.
    """

    graph: Graph
    data: Graph
    ontology: Graph
    origins: dict
    paths: Paths

    def file_of(self, node) -> str:
        """The file (relative to the project root) that describes ``node``, or ``""``."""
        path = self.origins.get(node)
        if path is None:
            return ""
        try:
            return str(path.relative_to(self.paths.root))
        except ValueError:
            return str(path)


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` and return it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def parse_turtle(path: Path | str, text: str | None = None) -> Graph:
    """Parse one Turtle file, turning any syntax error into a :class:`ParseError`.

    Examples
    --------
    >>> parse_turtle("bad.ttl", text="@prefix ex: <http://ex/> .\\nex:a ex:b .\\n")
    Traceback (most recent call last):
    ...
    graph.errors.ParseError: bad.ttl:2: Turtle syntax error: objectList expected
    """
    graph = bind_prefixes(Graph())
    try:
        if text is None:
            graph.parse(str(path), format="turtle")
        else:
            graph.parse(data=text, format="turtle")
    except FileNotFoundError:
        raise ParseError(str(path), "file not found") from None
    except Exception as exc:  # rdflib raises several unrelated types for bad input
        raise _turtle_error(str(path), exc) from None
    return graph


def _turtle_error(path: str, exc: Exception) -> ParseError:
    line = getattr(exc, "lines", None)
    message = str(exc)
    if line is None:
        found = re.search(r"line (\d+)", message)
        line = int(found.group(1)) if found else None
    else:
        line = int(line) + 1  # rdflib's notation3 parser counts lines from 0
    reason = re.search(r"Bad syntax \((.*?)\) at", message)
    detail = reason.group(1) if reason else message.splitlines()[0][:200]
    return ParseError(path, f"Turtle syntax error: {detail}", line=line)


def load(paths: Paths | None = None, derive: bool = True) -> KnowledgeGraph:
    """Parse the ontology and every data file, and derive the shortcut triples.

    Parameters
    ----------
    paths : Paths, optional
        Where to read from; the checkout's own folders by default.
    derive : bool
        Apply the rules in ``queries/rules/`` (default True).
    """
    paths = paths or Paths()
    origins: dict = {}
    ontology = parse_turtle(paths.ontology)
    for s in ontology.subjects():
        origins.setdefault(s, paths.ontology)
    data = bind_prefixes(Graph())
    for path in paths.data_files():
        part = parse_turtle(path)
        for s in part.subjects():
            origins.setdefault(s, path)
        data += part
    graph = bind_prefixes(Graph())
    graph += ontology
    graph += data
    if derive:
        derive_triples(graph, paths)
    return KnowledgeGraph(graph=graph, data=data, ontology=ontology, origins=origins, paths=paths)


def derive_triples(graph: Graph, paths: Paths | None = None) -> int:
    """Add the triples that the CONSTRUCT rules in ``queries/rules/`` derive; return how many.

    Rules run in file-name order, each over the graph as the earlier rules left it.
    """
    from .query import load_named_query  # local import: query imports this module

    paths = paths or Paths()
    before = len(graph)
    for rule_file in sorted((paths.queries / "rules").glob("*.rq")):
        rule = load_named_query(rule_file)
        for triple in graph.query(rule.text, initNs=PREFIXES):
            graph.add(triple)
    return len(graph) - before


def write_atomic(path: Path | str, writer) -> Path:
    """Write a file by calling ``writer(tmp_path)`` and renaming the result into place.

    A failure leaves no half-written file: the temporary file is removed and the old file,
    if any, is untouched.  The result gets the usual permissions for a new file (0666 less the
    umask), not the owner-only mode of a temporary file.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    try:
        writer(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


FORMATS = {"carekg.ttl": "turtle", "carekg.nt": "nt", "carekg.jsonld": "json-ld"}


def write_build(kg: KnowledgeGraph, out_dir: Path | str | None = None) -> list[Path]:
    """Write the merged graph to ``out_dir`` (``build/`` by default) in three syntaxes."""
    out = Path(out_dir) if out_dir else kg.paths.build
    written = []
    for name, fmt in FORMATS.items():
        def writer(tmp, fmt=fmt):
            if fmt == "json-ld":
                context = {p: str(ns) for p, ns in PREFIXES.items()}
                kg.graph.serialize(tmp, format=fmt, context=context, encoding="utf-8")
            else:
                kg.graph.serialize(tmp, format=fmt, encoding="utf-8")
        written.append(write_atomic(out / name, writer))
    return written
