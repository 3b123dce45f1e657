"""Write Turtle deterministically: the same triples always give the same text.

rdflib's serializer orders blank nodes by their random identifiers, so two runs over the same
data differ and a one-word change can move whole blocks.  Files that a tool writes and people
review in diffs need a stable order instead.  :func:`turtle_text` writes the subjects in the
order given (the caller sorts them), each subject's ``rdf:type`` first, then its predicates in
the caller's preferred order and the rest alphabetically, objects sorted; a blank node that
only one subject points to is written inline as ``[ ... ]``; free-standing blank nodes (such as
mentions) are written as ``[] a ... .`` in the place the caller gives them.

Examples
--------
>>> from rdflib import Graph, Literal, URIRef, BNode
>>> from rdflib.namespace import RDF, RDFS
>>> g = Graph()
>>> s = URIRef("https://w3id.org/carekg/id/x")
>>> _ = g.add((s, RDFS.label, Literal('A "quoted" name')))
>>> _ = g.add((s, RDF.type, URIRef("https://w3id.org/carekg/ontology#Person")))
>>> print(turtle_text(g, [Block(s, comments=["a person"])]).split("\\n\\n")[-1])
# a person
kg:x a carekg:Person ;
    rdfs:label "A \\"quoted\\" name" .
<BLANKLINE>
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from graph.rdf.namespaces import PREFIXES, check_iri

# The plain (unquoted) Turtle forms of numbers and booleans, used only when the lexical form
# already has that shape, so the text reads back as the very same literal.
_PLAIN = {
    XSD.boolean: re.compile(r"true|false"),
    XSD.integer: re.compile(r"[+-]?\d+"),
    XSD.decimal: re.compile(r"[+-]?\d*\.\d+"),
}
_LOCAL = re.compile(r"[A-Za-z_][\w-]*")
# Whatever can end a line for some reader: CR and LF (Turtle, YAML), VT, FF, the file, group and
# record separators and NEL (Python's splitlines), U+2028 and U+2029 (YAML 1.1, editors, JSON
# readers), and the other control characters, which no comment needs.
_BREAKS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]+")


def comment_text(text: str) -> str:
    """``text`` made safe to stand after ``#`` on one line of Turtle or YAML: every line break
    (and every other control character) becomes one space, so nothing in it can start a line
    of its own: no triple, no ``@base``, no YAML key.

    >>> comment_text("story\\nfile: registry.ttl\\r\\n#\\u2028kg:x a kg:Y .")
    'story file: registry.ttl # kg:x a kg:Y .'
    """
    return _BREAKS.sub(" ", str(text))


def comment_line(text: str) -> str:
    """One ``# text`` comment line (no line end), by :func:`comment_text`.

    >>> comment_line("two\\nlines"), comment_line("")
    ('# two lines', '#')
    """
    return f"# {comment_text(text)}".rstrip()


@dataclass
class Block:
    """One subject to write, with the ``#`` comment lines to put above it."""

    subject: URIRef | BNode
    comments: list[str] = field(default_factory=list)
    compact: bool = False  # all on one line, as mentions are written


def curie_or_iri(term, prefixes: dict | None = None) -> str:
    """``kg:x`` for an IRI under a known prefix with a simple local name, else ``<iri>``.

    >>> curie_or_iri(URIRef("https://w3id.org/carekg/id/norman-lamb"))
    'kg:norman-lamb'
    >>> curie_or_iri(URIRef("http://example.org/a b"))
    Traceback (most recent call last):
    graph.errors.ParameterError: IRI 'http://example.org/a b' is not a valid IRI: it holds ' '
    """
    text = str(term)
    best = None
    for prefix, ns in (PREFIXES if prefixes is None else prefixes).items():
        ns = str(ns)
        if text.startswith(ns) and _LOCAL.fullmatch(text[len(ns):]) and (best is None or len(ns) > len(best[1])):
            best = (prefix, ns)
    if best:
        return f"{best[0]}:{text[len(best[1]):]}"
    return f"<{check_iri(text)}>"  # never a changed IRI, never one that breaks out of <...>


def literal_text(lit: Literal, prefixes: dict | None = None) -> str:
    """A literal in Turtle, plain where that keeps the exact lexical form.

    >>> literal_text(Literal("1200000.0", datatype=XSD.decimal))
    '1200000.0'
    >>> literal_text(Literal("1200000", datatype=XSD.decimal))
    '"1200000"^^xsd:decimal'
    >>> literal_text(Literal("two\\nlines"))
    '"two\\\\nlines"'
    """
    lexical = str(lit)
    if lit.datatype in _PLAIN and _PLAIN[lit.datatype].fullmatch(lexical):
        return lexical
    quoted = turtle_string(lexical)
    if lit.language:
        return f'{quoted}@{lit.language}'
    if lit.datatype and lit.datatype != XSD.string:
        return f'{quoted}^^{curie_or_iri(lit.datatype, prefixes)}'
    return quoted


def turtle_string(text: str) -> str:
    """``text`` as a quoted Turtle string.

    >>> print(turtle_string('say "no"\\tnow'))
    "say \\"no\\"\\tnow"
    """
    return '"' + (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                  .replace("\r", "\\r").replace("\t", "\\t")) + '"'


def _sort_key(term) -> tuple:
    return (0 if isinstance(term, URIRef) else 1 if isinstance(term, Literal) else 2, str(term))


class _Writer:
    def __init__(self, graph: Graph, order: list, prefixes: dict):
        self.graph, self.prefixes = graph, prefixes
        self.order = {p: i for i, p in enumerate(order)}
        self.inline = {o for o in set(graph.objects()) if isinstance(o, BNode)
                       and len(set(graph.subjects(None, o))) == 1}

    def pred_key(self, p):
        return (0 if p == RDF.type else 1, self.order.get(p, len(self.order)), curie_or_iri(p, self.prefixes))

    def term(self, term, indent: str) -> str:
        if isinstance(term, Literal):
            return literal_text(term, self.prefixes)
        if isinstance(term, BNode):
            if term in self.inline:
                return "[ " + self.body(term, indent + "    ", inline=True) + " ]"
            return "_:b" + re.sub(r"\W", "", str(term))
        return "a" if term == RDF.type else curie_or_iri(term, self.prefixes)

    def body(self, subject, indent: str, inline: bool = False) -> str:
        parts = []
        for p in sorted(set(self.graph.predicates(subject)), key=self.pred_key):
            objects = sorted(self.graph.objects(subject, p), key=_sort_key)
            verb = "a" if p == RDF.type else curie_or_iri(p, self.prefixes)
            parts.append(f"{verb} " + " , ".join(self.term(o, indent) for o in objects))
        sep = " ; " if inline else " ;\n" + indent
        return sep.join(parts)


def turtle_text(graph: Graph, blocks: list[Block], header: list[str] | None = None,
                prefixes: dict | None = None, declare: bool = True, order: list | None = None) -> str:
    """The Turtle text for ``blocks`` (subjects of ``graph``), in that order.

    Parameters
    ----------
    graph : Graph
        Holds every triple to write.  Triples of subjects not in ``blocks`` (other than inline
        blank nodes) are not written: the caller decides what the file holds.
    blocks : list of Block
        The subjects, in the order they appear in the file.
    header : list of str
        Comment lines for the top of the file.
    prefixes : dict
        Prefix -> namespace used to abbreviate names (the project's by default).
    declare : bool
        Write the ``@prefix`` lines (``False`` for text appended to a file that has them).
    order : list of URIRef
        Predicates to write first, in this order (after ``rdf:type``).
    """
    table = PREFIXES if prefixes is None else prefixes
    writer = _Writer(graph, order or [], table)
    lines = [comment_line(c) for c in header or []]
    if header:
        lines.append("")
    if declare:
        width = max(len(p) for p in table) + 1
        lines += [f"@prefix {(p + ':').ljust(width)} <{ns}> ." for p, ns in table.items()]
    chunks = ["\n".join(lines) + "\n"] if lines else []
    for block in blocks:
        text = "\n".join(comment_line(c) for c in block.comments)
        if text:
            text += "\n"
        head = "[]" if isinstance(block.subject, BNode) else writer.term(block.subject, "")
        body = writer.body(block.subject, "    ", inline=block.compact)
        if block.compact and len(head) + len(body) > 96 and " ; " in body:
            first, last = body.rsplit(" ; ", 1)  # a long one-liner breaks before its last part
            body = f"{first} ;\n    {last}"
        text += f"{head} {body} .\n"
        chunks.append(text)
    return "\n".join(chunks)


__all__ = ["Block", "turtle_text", "literal_text", "curie_or_iri", "comment_line", "comment_text"]
