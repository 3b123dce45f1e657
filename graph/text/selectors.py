"""Where each evidence phrase stands in its article: W3C Web Annotation selectors.

Every claim quotes a phrase of its article.  :func:`anchor_graph` finds each phrase in the
article text (with :func:`graph.text.evidence.locate`: word boundaries, any white space) and gives
the claim the Web Annotation selector of the passage, by position, refined by its quote::

    kg:stance-001-01 oa:hasSelector <https://w3id.org/carekg/anchor/article-001/245-327/position> .
    <…/245-327/position> a oa:TextPositionSelector ; oa:start 245 ; oa:end 327 ;
        oa:refinedBy <…/245-327/quote> .
    <…/245-327/quote> a oa:TextQuoteSelector ; oa:exact "backed the idea …" ;
        oa:prefix "… Norman Lamb MP has" ; oa:suffix ", along with …" .

The claim carries its one selector itself (as a statement in discourse network analysis is the
annotation of its span; DNA imports record theirs the same way, see :mod:`graph.exchange.dna.importer`,
and the shapes allow one), and a claim that already has a position selector keeps it: only the
others are anchored.  The quote (``oa:refinedBy``: the text the position selects, with what
stands around it) lets a reader find the passage again if the text moves.  The selectors are
named, one pair per quoted span of an article, so claims quoting the same passage share them
and graph comparison stays cheap.  Offsets count Unicode code points in the text
exactly as stored, end exclusive; where a phrase occurs more than once, its first occurrence is
taken.

The selectors are *derived at load time* from the evidence and the text, never stored in
``data/``: a stored offset goes stale silently when a text or a phrase is edited, a derived one
cannot.  The text's recorded SHA-256 (see :mod:`graph.text.sources`) makes a changed text an error
in ``validate`` rather than a quiet shift of every offset.

The selectors are made as Oxigraph quads, straight from the rows of the anchoring query, with
each text read and indexed once (:class:`graph.text.evidence.Texts`): no rdflib term is made on
the way, and the evidence check of ``validate`` finds the same phrases in the same index.

Examples
--------
>>> from graph.rdf.paths import Paths
>>> KG = PREFIX_IRIS["kg"]
>>> claim = ox.NamedNode(KG + "stance-001-07")
>>> rows = [(claim, ox.Literal("said a top-down diktat on this was wrong"), ox.NamedNode(KG + "article-001"),
...          ox.Literal("001_aa9882e5d0432409.txt"))]
>>> quads, count = anchor_quads(rows, Texts(Paths().seeds))
>>> store = ox.Store()
>>> store.extend(quads)
>>> [s["exact"].value for s in store.query(
...     "SELECT ?exact WHERE { ?c <http://www.w3.org/ns/oa#hasSelector>/<http://www.w3.org/ns/oa#refinedBy> ?q ."
...     " ?q <http://www.w3.org/ns/oa#exact> ?exact }")]
['said a top-down diktat on this was wrong']
>>> count, len(quads)
(1, 9)
"""

from __future__ import annotations

import pyoxigraph as ox

from graph.rdf.namespaces import PREFIX_IRIS
from graph.text.evidence import Span, Texts, context

# The targets are named, not blank: a span of an article is the same thing for every claim that
# quotes it, and named nodes keep graph comparison (and any consumer's joins) cheap.
ANCHOR = "https://w3id.org/carekg/anchor/"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_COUNT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
_OA = {name: ox.NamedNode(f"{PREFIX_IRIS['oa']}{name}") for name in
       ("hasSelector", "refinedBy", "TextPositionSelector", "TextQuoteSelector", "start", "end", "exact", "prefix", "suffix")}


def anchor_quads(rows, texts: Texts) -> tuple[list[ox.Quad], int]:
    """The Web Annotation targets for ``rows`` of (claim, evidence, source article, its text's
    file name), pyoxigraph terms as a query returns them, with the texts of ``texts``; and how
    many claims were anchored.

    A phrase not found, or a text that cannot be read, gets no target (``validate`` reports it).
    """
    quads: list[ox.Quad] = []
    count = 0
    for claim, evidence, source, seed in rows:
        index = texts.index(seed.value)
        span = index.locate(evidence.value) if index is not None else None
        if index is not None and span is not None:
            quads += target_quads(claim, source.value, index.text, span)
            count += 1
    return quads, count


def target_quads(claim, source: str, text: str, span: Span) -> list[ox.Quad]:
    """The selectors of ``claim`` (a pyoxigraph term): ``span`` of ``source``'s ``text``, by
    position and by quote."""
    base = f"{ANCHOR}{source.rsplit('/', 1)[-1]}/{span.start}-{span.end}"
    position, quote = ox.NamedNode(f"{base}/position"), ox.NamedNode(f"{base}/quote")
    prefix, suffix = context(text, span)
    return [ox.Quad(claim, _OA["hasSelector"], position),
            ox.Quad(position, _OA["refinedBy"], quote),
            ox.Quad(position, _RDF_TYPE, _OA["TextPositionSelector"]),
            ox.Quad(position, _OA["start"], ox.Literal(str(span.start), datatype=_COUNT)),
            ox.Quad(position, _OA["end"], ox.Literal(str(span.end), datatype=_COUNT)),
            ox.Quad(quote, _RDF_TYPE, _OA["TextQuoteSelector"]),
            ox.Quad(quote, _OA["exact"], ox.Literal(span.exact)),
            ox.Quad(quote, _OA["prefix"], ox.Literal(prefix)),
            ox.Quad(quote, _OA["suffix"], ox.Literal(suffix))]


def evidence_span(graph, claim) -> Span | None:
    """The span a claim's evidence occupies, read back from its selectors in an rdflib graph
    (or ``None``)."""
    from rdflib.namespace import RDF

    from graph.rdf.namespaces import OA

    for selector in graph.objects(claim, OA.hasSelector):
        if (selector, RDF.type, OA.TextPositionSelector) in graph:
            start, end = graph.value(selector, OA.start), graph.value(selector, OA.end)
            quote = graph.value(selector, OA.refinedBy)
            exact = graph.value(quote, OA.exact) if quote is not None else None
            if start is not None and end is not None:
                return Span(int(str(start)), int(str(end)), str(exact) if exact is not None else "")
    return None


__all__ = ["ANCHOR", "anchor_quads", "target_quads", "evidence_span"]
