"""Where each evidence phrase stands in its article: W3C Web Annotation selectors.

Every claim quotes a phrase of its article.  :func:`anchor_quads` finds each phrase in the
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
>>> links, selectors, count = anchor_quads(rows, Texts(Paths().seeds))
>>> store = ox.Store()
>>> store.extend(links)
>>> store.load(selectors, format=ox.RdfFormat.N_TRIPLES)
>>> [s["exact"].value for s in store.query(
...     "SELECT ?exact WHERE { ?c <http://www.w3.org/ns/oa#hasSelector>/<http://www.w3.org/ns/oa#refinedBy> ?q ."
...     " ?q <http://www.w3.org/ns/oa#exact> ?exact }")]
['said a top-down diktat on this was wrong']
>>> count, len(store)
(1, 9)
"""

from __future__ import annotations

import json

import pyoxigraph as ox

from graph.rdf.namespaces import PREFIX_IRIS
from graph.text.evidence import Span, Texts, context

# The targets are named, not blank: a span of an article is the same thing for every claim that
# quotes it, and named nodes keep graph comparison (and any consumer's joins) cheap.
ANCHOR = "https://w3id.org/carekg/anchor/"
_OA = PREFIX_IRIS["oa"]
_HAS_SELECTOR = ox.NamedNode(f"{_OA}hasSelector")
_SELECTOR = (f"<{{base}}/position> <{_OA}refinedBy> <{{base}}/quote> .\n"
             f"<{{base}}/position> <{PREFIX_IRIS['rdf']}type> <{_OA}TextPositionSelector> .\n"
             f'<{{base}}/position> <{_OA}start> "{{start}}"^^<{PREFIX_IRIS["xsd"]}nonNegativeInteger> .\n'
             f'<{{base}}/position> <{_OA}end> "{{end}}"^^<{PREFIX_IRIS["xsd"]}nonNegativeInteger> .\n'
             f"<{{base}}/quote> <{PREFIX_IRIS['rdf']}type> <{_OA}TextQuoteSelector> .\n"
             f"<{{base}}/quote> <{_OA}exact> {{exact}} .\n"
             f"<{{base}}/quote> <{_OA}prefix> {{prefix}} .\n"
             f"<{{base}}/quote> <{_OA}suffix> {{suffix}} .\n")


def anchor_quads(rows, texts: Texts) -> tuple[list[ox.Quad], bytes, int]:
    """The Web Annotation targets for ``rows`` of (claim, evidence, source article, its text's
    file name), pyoxigraph terms as a query returns them, with the texts of ``texts``: each
    claim's link to its selector as a quad (on the very node the row names, a blank one
    included), the selectors themselves as N-Triples (one pair per quoted span, however many
    claims quote it: a bulk load, with no Python object per triple), and how many claims were
    anchored.

    A phrase not found, or a text that cannot be read, gets no target (``validate`` reports it).
    """
    links: list[ox.Quad] = []
    made: dict[str, str] = {}
    for claim, evidence, source, seed in rows:
        index = texts.index(seed.value)
        span = index.locate(evidence.value) if index is not None else None
        if index is not None and span is not None:
            base = f"{ANCHOR}{source.value.rsplit('/', 1)[-1]}/{span.start}-{span.end}"
            links.append(ox.Quad(claim, _HAS_SELECTOR, ox.NamedNode(f"{base}/position")))
            if base not in made:
                made[base] = selector_triples(base, index.text, span)
    return links, "".join(made.values()).encode("utf-8"), len(links)


def selector_triples(base: str, text: str, span: Span) -> str:
    """The N-Triples of the selector pair named ``base``: ``span`` of ``text`` by position, refined
    by its quote (the exact text, with what stands before and after it).

    >>> print(selector_triples("https://w3id.org/carekg/anchor/a/4-7", "one two three", Span(4, 7, "two")).splitlines()[-3])
    <https://w3id.org/carekg/anchor/a/4-7/quote> <http://www.w3.org/ns/oa#exact> "two" .
    """
    prefix, suffix = context(text, span)
    return _SELECTOR.format(base=base, start=span.start, end=span.end, exact=_literal(span.exact),
                            prefix=_literal(prefix), suffix=_literal(suffix))


def _literal(text: str) -> str:
    r"""A string literal in N-Triples: JSON's string escapes are N-Triples' too (``\"``,
    ``\\``, ``\n``, ``\uXXXX`` for the other control characters).

    >>> _literal('say "no"\n')
    '"say \\"no\\"\\n"'
    """
    return json.dumps(text, ensure_ascii=False)


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


__all__ = ["ANCHOR", "anchor_quads", "selector_triples", "evidence_span"]
