"""Source articles: register a text, read texts safely, and notice when a text has changed.

A dataset's article texts live in its sources folder (``DIR/sources/`` for a ``--data DIR``
dataset, the seeds folder for the curated data).  :func:`add_source` copies a text there under
the name ``NNN_<first 16 hex digits of its SHA-256>.txt`` and appends the article's node to the
dataset's ``sources.ttl``: ``kg:article-NNN``, a ``carekg:SourceArticle`` with its title, date,
seed file and the SHA-256 of the text (``carekg:textSha256``); ``validate`` compares each
recorded digest with the text on disk, so it can say which article changed.

Publisher, author and address given on the command line are catalogue metadata, not claims read
from the text, so they are plain Dublin Core *element* literals (``dc:publisher``,
``dc:creator``) and ``schema:url``; the sourced ``carekg:publisherOf`` / ``carekg:authorOf``
relationships, with evidence, stay the job of the article's coding sheet.

Examples
--------
>>> seed_name(7, "ab" * 32)
'007_abababababababab.txt'
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from graph.errors import ParameterError
from graph.rdf.dates import parse_date
from graph.rdf.namespaces import CAREKG, KG, PREFIXES, SCHEMA, check_iri
from graph.rdf.outputs import into_folder, write_atomic
from graph.rdf.parse import parse_turtle
from graph.rdf.paths import Paths
from graph.rdf.serialise import Block, turtle_text
from graph.text.articles import read_seed
from graph.text.evidence import locate

DC = Namespace("http://purl.org/dc/elements/1.1/")
SEED_NAME = re.compile(r"(\d{3})_[0-9a-f]{16}\.txt")
MAX_EVIDENCE_WORDS = 15


@dataclass(frozen=True)
class SourceInfo:
    """A registered article: its node, its text file and the digest recorded for it."""

    article: URIRef
    seed_file: str
    sha256: str | None


def sha256_hex(data: bytes) -> str:
    """The SHA-256 digest of ``data`` as 64 hex digits.

    >>> sha256_hex(b"abc")[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(data).hexdigest()


def seed_name(number: int, digest: str) -> str:
    """The file name a registered text gets in the sources folder."""
    return f"{number:03d}_{digest[:16]}.txt"


def registered(data: Graph) -> dict[URIRef, SourceInfo]:
    """Every source article in ``data`` with its seed file and recorded digest."""
    out: dict = {}
    for article in data.subjects(RDF.type, CAREKG.SourceArticle):
        seed = data.value(article, CAREKG.seedFile)
        digest = data.value(article, CAREKG.textSha256)
        if seed is not None:
            out[article] = SourceInfo(URIRef(str(article)), str(seed), str(digest) if digest is not None else None)
    return out


def find_by_text(data: Graph, digest: str) -> SourceInfo | None:
    """The registered source whose text has this digest, if any."""
    return next((i for i in registered(data).values() if i.sha256 == digest), None)


def _dataset_graph(paths: Paths) -> Graph:
    graph = Graph()
    for path in paths.data_files():
        graph += parse_turtle(path)
    return graph


def _next_number(data: Graph, folder: Path) -> int:
    used = [int(m.group(1)) for info in registered(data).values() if (m := SEED_NAME.fullmatch(info.seed_file))]
    if folder.is_dir():
        used += [int(m.group(1)) for p in folder.iterdir() if (m := SEED_NAME.fullmatch(p.name))]
    return max(used, default=-1) + 1


def add_source(paths: Paths, text_file: Path | str, title: str, date: str, publisher: str | None = None,
               url: str | None = None, author: str | None = None) -> SourceInfo:
    """Register an article: copy its text into the sources folder and add its node.

    Raises :class:`~graph.errors.ParameterError` for a bad date, an address that is not
    http(s), a missing or non-text file, or a text that is already registered.
    """
    text_file = Path(text_file)
    text = read_seed(text_file.parent, text_file.name)  # a regular UTF-8 file of sensible size
    data = text.encode("utf-8")  # the very bytes read: strict UTF-8 decodes one way only
    if not text.strip():
        raise ParameterError(f"{text_file}: the text is empty")
    try:
        when = parse_date(date)
    except ValueError as exc:
        raise ParameterError(f"--date: {exc}") from None
    if url is not None and not re.fullmatch(r"https?://\S+", url):
        raise ParameterError(f"--url {url!r}: give an http:// or https:// address")
    if url is not None:
        check_iri(url, "--url")  # sources.ttl must stay readable: never write an IRI it cannot hold
    if not title.strip():
        raise ParameterError("--title: give the article's headline")
    graph = _dataset_graph(paths)
    digest = sha256_hex(data)
    if (known := find_by_text(graph, digest)) is not None:
        raise ParameterError(f"{text_file}: this text is already registered as kg:{known.article.split('/')[-1]}")
    number = _next_number(graph, paths.seeds)
    article = KG[f"article-{number:03d}"]
    if (article, None, None) in graph:
        raise ParameterError(f"kg:article-{number:03d} already exists in {paths.data}")
    name = seed_name(number, digest)
    # Both files must stay inside the dataset (its sources folder or sources.ttl may be links out).
    seed, sources = into_folder(paths.texts_within, paths.seeds / name), into_folder(paths.data, paths.data / "sources.ttl")
    node = _source_graph(article, name, digest, title.strip(), when, publisher, url, author, text)
    # The sources folder is the dataset's own: made on first use.
    write_atomic(seed, lambda tmp: Path(tmp).write_bytes(data), create_parent=True)
    _append_to_sources(sources, node, article, text_file.name)
    return SourceInfo(article, name, digest)


def _source_graph(article, name, digest, title, when, publisher, url, author, text) -> Graph:
    g = Graph()
    g.add((article, RDF.type, CAREKG.SourceArticle))
    g.add((article, RDFS.label, Literal(title)))  # an article is called by its headline
    g.add((article, DCTERMS.title, Literal(title)))
    g.add((article, CAREKG.seedFile, Literal(name)))
    g.add((article, CAREKG.textSha256, Literal(digest)))
    g.add((article, CAREKG.date, when))
    for prop, value in ((DC.publisher, publisher), (DC.creator, author)):
        if value:
            g.add((article, prop, Literal(value)))
    if url:
        g.add((article, SCHEMA.url, URIRef(url)))
    # The headline attests the article, when the text carries it (first 15 words at most).
    words = title.split()[:MAX_EVIDENCE_WORDS]
    if locate(text, " ".join(words)) is not None:
        mention = BNode()
        for p, o in ((RDF.type, CAREKG.Mention), (CAREKG.about, article), (CAREKG.source, article),
                     (CAREKG.evidence, Literal(" ".join(words)))):
            g.add((mention, p, o))
    return g


def _append_to_sources(path: Path, node: Graph, article: URIRef, original: str) -> None:
    """Append the node's Turtle to ``sources.ttl`` (created if need be), keeping what is there."""
    prefixes = {p: PREFIXES[p] for p in ("carekg", "kg", "rdfs", "xsd", "dcterms", "schema")} | {"dc": DC}
    blocks = [Block(article, [f"Registered by `carekg source add` from {original}."])]
    blocks += [Block(m, compact=True) for m in node.subjects(RDF.type, CAREKG.Mention) if isinstance(m, BNode)]
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    declared = set(re.findall(r"@prefix\s+(\w*):", old))
    missing = {p: ns for p, ns in prefixes.items() if p not in declared}
    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in missing.items())
    order = [RDFS.label, DCTERMS.title, CAREKG.seedFile, CAREKG.textSha256, CAREKG.date]
    body = turtle_text(node, blocks, prefixes=prefixes, declare=False, order=order)
    text = old + ("\n" if old and not old.endswith("\n") else "") + ("\n" if old else "")
    text += head + ("\n" if head else "") + body
    parse_turtle(path, text=text)  # never write a sources file that does not parse
    write_atomic(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))


__all__ = ["SourceInfo", "add_source", "registered", "find_by_text", "seed_name", "sha256_hex"]
