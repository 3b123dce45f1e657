"""Source articles: register a text, read texts safely, and notice when a text has changed.

A dataset's article texts live in its sources folder (``DIR/sources/`` for a ``--data DIR``
dataset).  :func:`add_source` copies a text there under the name ``NNN_<first 16 hex digits of
its SHA-256>.txt`` and appends the article's node to the dataset's ``sources.ttl``:
``kg:article-NNN``, a ``carekg:SourceArticle`` with its title, date (with the words that give it,
``carekg:dateText``, and whether it is an estimate, ``carekg:dateIsEstimate``), seed file and the
SHA-256 of the text (``carekg:textSha256``); ``validate`` compares each recorded digest with the
text on disk, so it can say which article changed.  Numbers follow those of the dataset it builds
on: a dataset built on the curated graph starts at ``kg:article-005``.  The curated data holds
its five articles and no others, so it takes no new one.

Publisher, author and address given on the command line are catalogue metadata, not claims read
from the text: ``dcterms:publisher`` and ``dcterms:creator`` name an agent with its
``rdfs:label`` (as the rule ``50-document-metadata`` derives them from an article's sourced
``carekg:publisherOf`` / ``carekg:authorOf``, which the queries and the map read), and
``schema:url`` the address.  Sourced claims of authorship, with evidence, stay the job of the
article's coding sheet.

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

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS

from graph.errors import ParameterError
from graph.rdf.dates import parse_date
from graph.rdf.namespaces import CAREKG, KG, PREFIXES, SCHEMA, check_iri
from graph.rdf.outputs import into_folder, write_atomic
from graph.rdf.parse import parse_turtle
from graph.rdf.paths import Paths
from graph.rdf.serialise import Block, turtle_text
from graph.text.articles import read_seed
from graph.text.evidence import locate
from graph.text.slugs import slug

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
               url: str | None = None, author: str | None = None, date_text: str | None = None,
               estimate: bool = False) -> SourceInfo:
    """Register an article: copy its text into the sources folder and add its node.

    ``date_text`` is the words that give the date, as written; ``estimate`` marks a date the
    article does not print.  A coding sheet's rows take the article's date from its header
    (see :mod:`graph.coding.mapping`), so it is said once.

    Raises :class:`~graph.errors.ParameterError` for the curated data, a bad date, an address
    that is not http(s), a missing or non-text file, or a text that is already registered.
    """
    if paths.data.resolve() == Paths().data.resolve():
        raise ParameterError("the curated data holds its five articles only: add yours to a dataset of your own "
                             "(carekg init DIR, then carekg --data DIR source add ...)")
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
    for option, value in (("--publisher", publisher), ("--author", author), ("--date-text", date_text)):
        if value is not None and not slug(value) and (option != "--date-text" or not value.strip()):
            raise ParameterError(f"{option} {value!r}: give the words, with letters or digits, or leave the option out")
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
    node = _source_graph(article, name, digest, title.strip(), when, url, text)
    _agents(node, graph, article, publisher, author)
    if date_text:
        node.add((article, CAREKG.dateText, Literal(" ".join(date_text.split()))))
    if estimate:
        node.add((article, CAREKG.dateIsEstimate, Literal(True)))
    # The sources folder is the dataset's own: made on first use.
    write_atomic(seed, lambda tmp: Path(tmp).write_bytes(data), create_parent=True)
    _append_to_sources(sources, node, article, text_file.name)
    return SourceInfo(article, name, digest)


def _source_graph(article, name, digest, title, when, url, text) -> Graph:
    g = Graph()
    g.add((article, RDF.type, CAREKG.SourceArticle))
    g.add((article, RDFS.label, Literal(title)))  # an article is called by its headline
    g.add((article, DCTERMS.title, Literal(title)))
    g.add((article, CAREKG.seedFile, Literal(name)))
    g.add((article, CAREKG.textSha256, Literal(digest)))
    g.add((article, CAREKG.date, when))
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


def _agents(g: Graph, dataset: Graph, article, publisher, author) -> None:
    """The publisher and author as agents named by the slug of their names (an existing thing of
    that slug, such as ``kg:hsj``, is linked as it is), so the map, the queries and a coding
    sheet's ``publisherOf`` row all meet on one node."""
    for prop, value in ((DCTERMS.publisher, publisher), (DCTERMS.creator, author)):
        if not value:
            continue
        name = " ".join(value.split())
        agent = KG[slug(name)]
        g.add((article, prop, agent))
        if (agent, None, None) not in dataset:
            g.add((agent, RDF.type, FOAF.Agent))
            g.add((agent, RDFS.label, Literal(name)))


def _append_to_sources(path: Path, node: Graph, article: URIRef, original: str) -> None:
    """Append the node's Turtle to ``sources.ttl`` (created if need be), keeping what is there."""
    prefixes = {p: PREFIXES[p] for p in ("carekg", "kg", "rdfs", "xsd", "dcterms", "schema", "foaf")}
    blocks = [Block(article, [f"Registered by `carekg source add` from {original}."])]
    blocks += [Block(m, compact=True) for m in node.subjects(RDF.type, CAREKG.Mention) if isinstance(m, BNode)]
    blocks += [Block(a) for a in sorted(node.subjects(RDF.type, FOAF.Agent), key=str) if isinstance(a, URIRef)]
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    order = [RDFS.label, DCTERMS.title, CAREKG.seedFile, CAREKG.textSha256, CAREKG.date, CAREKG.dateText,
             CAREKG.dateIsEstimate]
    body = turtle_text(node, blocks, prefixes=prefixes, declare=False, order=order)
    text = with_prefixes(old, prefixes) + ("\n" if old.strip() else "") + body
    parse_turtle(path, text=text)  # never write a sources file that does not parse
    write_atomic(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))


def with_prefixes(text: str, prefixes: dict) -> str:
    """``text`` (Turtle) with an ``@prefix`` line for each of ``prefixes`` it does not declare,
    placed with the ones it has (after the comments that open the file, if it has none), so the
    prefixes stay at the top however many articles are appended.

    >>> print(with_prefixes("# head\\n\\n@prefix a: <x:> .\\n\\nkg:s a:p 1 .\\n", {"a": "x:", "b": "y:"}), end="")
    # head
    <BLANKLINE>
    @prefix a: <x:> .
    @prefix b: <y:> .
    <BLANKLINE>
    kg:s a:p 1 .
    """
    lines = text.splitlines(keepends=True)
    declared = {m.group(1) for line in lines if (m := re.match(r"\s*@prefix\s+([\w-]*):", line))}
    new = [f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes.items() if p not in declared]
    last = max((i for i, line in enumerate(lines) if re.match(r"\s*@prefix\b", line)), default=None)
    if last is None:  # after the opening comments and blank lines
        last = next((i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")), len(lines)) - 1
        new = (["\n"] if last >= 0 and lines[last].strip() else []) + new + (["\n"] if new else [])
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return "".join(lines[:last + 1] + new + lines[last + 1:])


__all__ = ["SourceInfo", "add_source", "with_prefixes", "registered", "find_by_text", "seed_name", "sha256_hex"]
