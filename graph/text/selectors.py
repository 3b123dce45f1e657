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

Examples
--------
>>> from graph.rdf.paths import Paths
>>> rows = [(KG["stance-001-07"], "said a top-down diktat on this was wrong", KG["article-001"],
...          "001_aa9882e5d0432409.txt")]
>>> graph, count = anchor_graph(rows, Paths().seeds)
>>> span = evidence_span(graph, KG["stance-001-07"])
>>> count, span.exact, span.end - span.start
(1, 'said a top-down diktat on this was wrong', 40)
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from graph.errors import CareKGError
from graph.rdf.namespaces import KG, OA
from graph.text.articles import read_seed
from graph.text.evidence import Span, context, locate

# The targets are named, not blank: a span of an article is the same thing for every claim that
# quotes it, and named nodes keep graph comparison (and any consumer's joins) cheap.
ANCHOR = "https://w3id.org/carekg/anchor/"


def anchor_graph(rows, folder, within=None) -> tuple[Graph, int]:
    """The Web Annotation targets for ``rows`` of (claim, evidence, source article, its text's
    file name), with the texts read from ``folder`` (which must resolve inside ``within``, see
    :func:`graph.text.articles.read_seed`); and how many claims were anchored.

    A phrase not found, or a text that cannot be read, gets no target (``validate`` reports it).
    """
    graph, count = Graph(), 0
    texts: dict[str, str | None] = {}
    for claim, evidence, source, seed in rows:
        if seed not in texts:
            try:
                texts[seed] = read_seed(folder, str(seed), within=within)
            except CareKGError:
                texts[seed] = None  # reported by the evidence check of validate
        text = texts[seed]
        span = locate(text, str(evidence)) if text is not None else None
        if text is not None and span is not None:
            add_target(graph, claim, source, text, span)
            count += 1
    return graph, count


def add_target(graph: Graph, claim, source, text: str, span: Span) -> None:
    """Add the selectors of ``claim``: ``span`` of ``source``'s ``text``, by position and by quote."""
    base = f"{ANCHOR}{str(source).rsplit('/', 1)[-1]}/{span.start}-{span.end}"
    position, quote = URIRef(f"{base}/position"), URIRef(f"{base}/quote")
    prefix, suffix = context(text, span)
    graph.add((claim, OA.hasSelector, position))
    graph.add((position, OA.refinedBy, quote))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
    graph.add((position, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(span.exact)))
    graph.add((quote, OA.prefix, Literal(prefix)))
    graph.add((quote, OA.suffix, Literal(suffix)))


def evidence_span(graph: Graph, claim) -> Span | None:
    """The span a claim's evidence occupies, read back from its selectors (or ``None``)."""
    for selector in graph.objects(claim, OA.hasSelector):
        if (selector, RDF.type, OA.TextPositionSelector) in graph:
            start, end = graph.value(selector, OA.start), graph.value(selector, OA.end)
            quote = graph.value(selector, OA.refinedBy)
            exact = graph.value(quote, OA.exact) if quote is not None else None
            if start is not None and end is not None:
                return Span(int(str(start)), int(str(end)), str(exact) if exact is not None else "")
    return None


__all__ = ["OA", "anchor_graph", "add_target", "evidence_span", "KG"]
