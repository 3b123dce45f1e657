"""The SHACL shapes run as SPARQL on the store, so validation keeps pace with the graph.

pyshacl evaluates shapes in Python over an rdflib graph, which takes minutes at a million
triples.  :func:`compile_shapes` turns each constraint of ``ontology/shapes.ttl`` into one
SPARQL ``SELECT`` whose rows are the violations (focus node, value, message), and
:func:`violations` runs them on the graph's engine (Oxigraph: seconds at a million triples; or any
SPARQL 1.1 endpoint).  The shapes file stays the one definition of complete data.

What it covers is the core SHACL the shapes use: targets by ``sh:targetClass`` (with the
ontology's subclasses), paths (a property, ``sh:inversePath``, ``sh:alternativePath``,
sequences), ``sh:minCount``, ``sh:maxCount``, ``sh:datatype``, ``sh:class``, ``sh:nodeKind``,
``sh:pattern`` (with ``sh:flags``), ``sh:in``, ``sh:lessThan``, ``sh:node``, ``sh:or`` and
``sh:message``.  Anything else in a shape is refused with a :class:`ShapeError` naming it, so a
new kind of constraint is never silently skipped.  The results match pyshacl's, result for
result (focus, path and message; pyshacl's nested ``sh:detail`` results, which explain an
``sh:node`` result, are not repeated), on the curated data and on a suite of deliberately broken
copies (``tests/sparql/test_shacl.py``); :func:`pyshacl_violations` is that reference.

The shapes run on the store, which also holds the ontology and the triples the rules derive;
the rules only add triples that the shapes either do not constrain or derive as the shapes
require (dates' intervals), which the tests confirm.

Examples
--------
>>> from graph.kg.load import load_kg
>>> violations(load_kg())
[]
>>> len(compile_shapes(load_kg().paths.shapes)) > 40
True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from graph.errors import ShapeError
from graph.rdf.namespaces import curie
from graph.rdf.parse import parse_turtle
from graph.sparql.syntax import serialise

SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
KNOWN = {SH.targetClass, SH.property, SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind,
         SH.pattern, SH.flags, SH["in"], SH.lessThan, SH.node, SH["or"], SH.message, SH.name, SH.description,
         RDF.type, URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
         URIRef("http://www.w3.org/2000/01/rdf-schema#comment")}
NODE_KINDS: dict = {SH.IRI: "isIRI({v})", SH.Literal: "isLiteral({v})", SH.BlankNode: "isBlank({v})",
              SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))", SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
              SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))"}


XSD = "http://www.w3.org/2001/XMLSchema#"
# Oxigraph stores the types derived from xsd:integer as xsd:integer (measured with 0.5.13), so a
# datatype constraint on one of them is checked as an xsd:integer in the type's range.  (Data that
# writes plain xsd:integer where the shape wants xsd:positiveInteger therefore passes here;
# pyshacl would flag it.)
INTEGER_RANGES = {"nonNegativeInteger": ">= 0", "positiveInteger": "> 0", "nonPositiveInteger": "<= 0",
                  "negativeInteger": "< 0", "long": ">= -9223372036854775808 && {v} <= 9223372036854775807",
                  "int": ">= -2147483648 && {v} <= 2147483647", "short": ">= -32768 && {v} <= 32767",
                  "byte": ">= -128 && {v} <= 127", "unsignedLong": ">= 0 && {v} <= 18446744073709551615",
                  "unsignedInt": ">= 0 && {v} <= 4294967295", "unsignedShort": ">= 0 && {v} <= 65535",
                  "unsignedByte": ">= 0 && {v} <= 255"}


def datatype_test(dt, v: str) -> str:
    """SPARQL: ``v`` is a literal of datatype ``dt`` (as Oxigraph stores it)."""
    exact = f"(isLiteral({v}) && DATATYPE({v}) = {serialise(dt)})"
    derived = str(dt)[len(XSD):] if str(dt).startswith(XSD) else None
    if derived in INTEGER_RANGES:
        bound = INTEGER_RANGES[derived].format(v=v)
        return f"({exact} || (isLiteral({v}) && DATATYPE({v}) = <{XSD}integer> && {v} {bound}))"
    return exact


def _name(term) -> str:
    return "sh:" + str(term)[len(str(SH)):] if str(term).startswith(str(SH)) else curie(term)


@dataclass(frozen=True)
class Check:
    """One constraint as a SPARQL query: its rows are ``?focus`` (and ``?value``) violations."""

    shape: str
    path: str
    message: str
    sparql: str


class Compiler:
    """Walks the shapes graph; class closures (subclasses) are filled in when the checks run."""

    def __init__(self, shapes: Graph):
        self.g = shapes
        self._n = 0

    def var(self, stem: str) -> str:
        self._n += 1
        return f"?{stem}{self._n}"

    def refuse_unknown(self, shape) -> None:
        unknown = sorted(_name(p) for p in set(self.g.predicates(shape)) - KNOWN)
        if unknown:
            which = curie(shape) if isinstance(shape, URIRef) else "a shape without an IRI"
            raise ShapeError(f"{which} uses {', '.join(unknown)}, which the SPARQL validator does not support")

    def path(self, node) -> str:
        """A SHACL path as a SPARQL property path."""
        if isinstance(node, URIRef):
            return serialise(node)
        inverse = self.g.value(node, SH.inversePath)
        if inverse is not None:
            return f"^({self.path(inverse)})"
        alternatives = self.g.value(node, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(self.path(p) for p in Collection(self.g, alternatives)) + ")"
        if self.g.value(node, RDF.first) is not None:
            return "(" + "/".join(self.path(p) for p in Collection(self.g, node)) + ")"
        raise ShapeError("a shape uses a path the SPARQL validator does not support (only a property, "
                         "sh:inversePath, sh:alternativePath and sequences)")

    def path_text(self, node) -> str:
        """The path as problems show it: ``carekg:date``, ``^carekg:about``, ``carekg:date|carekg:latest``."""
        if isinstance(node, URIRef):
            return curie(node)
        inverse = self.g.value(node, SH.inversePath)
        if inverse is not None:
            return "^" + self.path_text(inverse)
        alternatives = self.g.value(node, SH.alternativePath)
        if alternatives is not None:
            return "|".join(self.path_text(p) for p in Collection(self.g, alternatives))
        return "/".join(self.path_text(p) for p in Collection(self.g, node))

    # --- one value: conforms or not --------------------------------------------------------

    def value_tests(self, shape, v: str) -> list[tuple[str, str]]:
        """(constraint, SPARQL expression true when ``v`` satisfies it) for the value-level
        constraints of ``shape``."""
        g, out = self.g, []
        for dt in g.objects(shape, SH.datatype):
            out.append((f"Value is not Literal with datatype {curie(dt)}", datatype_test(dt, v)))
        for kind in g.objects(shape, SH.nodeKind):
            if kind not in NODE_KINDS:
                raise ShapeError(f"unknown sh:nodeKind {kind}")
            out.append((f"Value is not of Node Kind {curie(kind)}", NODE_KINDS[kind].format(v=v)))
        for cls in g.objects(shape, SH["class"]):
            c = self.var("c")
            out.append((f"Value does not have class {curie(cls)}",
                        f"EXISTS {{ {v} {TYPE} {c} . VALUES {c} {{ @CLOSURE<{cls}>@ }} }}"))
        for pattern in g.objects(shape, SH.pattern):
            flags = g.value(shape, SH.flags)
            args = serialise(Literal(str(pattern))) + (f", {serialise(Literal(str(flags)))}" if flags else "")
            out.append((f"Value does not match pattern {pattern!r}", f"(!isBlank({v}) && REGEX(STR({v}), {args}))"))
        for members in g.objects(shape, SH["in"]):
            terms = list(Collection(g, members))
            out.append(("Value not in list", "(" + " || ".join(f"sameTerm({v}, {serialise(t)})" for t in terms) + ")"
                        if terms else "false"))
        for node in g.objects(shape, SH.node):
            out.append((f"Value does not conform to Shape {curie(node)}", self.conforms(node, v)))
        for alternatives in g.objects(shape, SH["or"]):
            ors = [self.conforms(s, v) for s in Collection(g, alternatives)]
            out.append(("Node does not conform to one or more shapes in sh:or", "(" + " || ".join(ors) + ")"))
        return out

    def conforms(self, shape, v: str) -> str:
        """A SPARQL expression: ``v`` conforms to ``shape`` (all its constraints, nested ones too)."""
        self.refuse_unknown(shape)
        parts = [expr for _, expr in self.value_tests(shape, v)]
        for prop in self.g.objects(shape, SH.property):
            self.refuse_unknown(prop)
            p = self.path(self.g.value(prop, SH.path))
            for pattern in self.property_violations(prop, v, p, self.var("v")):
                parts.append(f"NOT EXISTS {{ {pattern} }}")
        return "(" + " && ".join(parts) + ")" if parts else "true"

    # --- one property of a focus node: its violations as graph patterns -------------------------

    def property_violations(self, prop, f: str, p: str, value: str = "?value") -> list[str]:
        """Graph patterns, one per constraint of property shape ``prop``, that match when
        ``f`` violates it (binding ``value`` where the violation has a value)."""
        g, out = self.g, []
        least, most = g.value(prop, SH.minCount), g.value(prop, SH.maxCount)
        if least is not None and int(least) > 0:
            if int(least) == 1:
                out.append(f"FILTER NOT EXISTS {{ {f} {p} {self.var('any')} }}")
            else:
                x, n = self.var("x"), self.var("n")
                out.append(f"OPTIONAL {{ SELECT {f} (COUNT(DISTINCT {x}) AS {n}) WHERE {{ {f} {p} {x} }} GROUP BY {f} }} "
                           f"FILTER(COALESCE({n}, 0) < {int(least)})")
        if most is not None:
            x = self.var("x")
            out.append(f"{{ SELECT {f} WHERE {{ {f} {p} {x} }} GROUP BY {f} HAVING (COUNT(DISTINCT {x}) > {int(most)}) }}")
        for _, expr in self.value_tests(prop, value):
            out.append(f"{f} {p} {value} . FILTER(!{expr})")
        for other in g.objects(prop, SH.lessThan):
            o = self.var("other")
            out.append(f"{f} {p} {value} . {f} {serialise(other)} {o} . FILTER(!({value} < {o}))")
        return out

    def compile(self) -> list[Check]:
        """One :class:`Check` per constraint of every shape with a ``sh:targetClass``."""
        checks = []
        shapes = sorted(set(self.g.subjects(SH.targetClass)), key=str)
        for shape in shapes:
            self.refuse_unknown(shape)
            classes = " ".join(f"@CLOSURE<{c}>@" for c in sorted(self.g.objects(shape, SH.targetClass), key=str))
            target = f"{{ SELECT DISTINCT ?focus WHERE {{ ?focus {TYPE} ?targetClass . VALUES ?targetClass {{ {classes} }} }} }}"
            message = self.g.value(shape, SH.message)
            name = curie(shape)
            for default, expr in self.value_tests(shape, "?focus"):
                checks.append(Check(name, "", str(message or default),
                                    f"SELECT ?focus WHERE {{ {target} FILTER(!{expr}) }}"))
            for prop in sorted(self.g.objects(shape, SH.property), key=str):
                self.refuse_unknown(prop)
                path_node = self.g.value(prop, SH.path)
                p, text = self.path(path_node), self.path_text(path_node)
                pmessage = self.g.value(prop, SH.message)
                for pattern, default in zip(self.property_violations(prop, "?focus", p), self._defaults(prop)):
                    checks.append(Check(name, text, str(pmessage or default),
                                        f"SELECT ?focus WHERE {{ {target} {pattern} }}"))
        return checks

    def _defaults(self, prop) -> list[str]:
        """The messages pyshacl writes when a shape has no sh:message, in the order of
        :meth:`property_violations`."""
        g, out = self.g, []
        if g.value(prop, SH.minCount) is not None and int(g.value(prop, SH.minCount)) > 0:
            out.append(f"Less than {int(g.value(prop, SH.minCount))} values")
        if g.value(prop, SH.maxCount) is not None:
            out.append(f"More than {int(g.value(prop, SH.maxCount))} values")
        out += [m for m, _ in self.value_tests(prop, "?value")]
        out += ["Value is not less than the other value"] * len(list(g.objects(prop, SH.lessThan)))
        return out


def compile_shapes(path: Path | str) -> list[Check]:
    """The checks of a shapes file (class closures still to be filled in: see :func:`violations`)."""
    return Compiler(parse_turtle(path)).compile()


def _closures(engine, checks: list[Check]) -> dict:
    import re

    wanted = sorted({m for c in checks for m in re.findall(r"@CLOSURE<([^>]+)>@", c.sparql)})
    out = {}
    for cls in wanted:
        rows = engine.query(f"SELECT DISTINCT ?c WHERE {{ ?c {SUBCLASS}* <{cls}> }}", origin="<shapes>").rows
        out[cls] = " ".join(sorted({serialise(c) for (c,) in rows if isinstance(c, URIRef)} | {f"<{cls}>"}))
    return out


def violations(kg, checks: list[Check] | None = None) -> list[tuple]:
    """``(focus, path, message)`` for every violation, one per focus and constraint (and value,
    for value constraints), as pyshacl counts them."""
    import re

    checks = checks if checks is not None else compile_shapes(kg.paths.shapes)
    closures = _closures(kg.engine, checks)
    out = []
    for c in checks:
        text = re.sub(r"@CLOSURE<([^>]+)>@", lambda m: closures[m.group(1)], c.sparql)
        for row in kg.engine.query(text, origin=f"<shape {c.shape} {c.path}>").rows:
            out.append((row[0], c.path, c.message))
    return out


def pyshacl_violations(kg) -> list[tuple]:
    """The same ``(focus, path, message)`` results from pyshacl, over the curated data and the
    ontology: the reference the tests compare with (minutes at a million triples)."""
    import pyshacl

    shapes = parse_turtle(kg.paths.shapes)
    data_graph = Graph()
    data_graph += kg.ontology
    data_graph += kg.data
    conforms, report, _ = pyshacl.validate(data_graph, shacl_graph=shapes, inference="none",
                                           advanced=True, allow_warnings=False)
    out = []
    details = set(report.objects(None, SH.detail))  # results nested under an sh:node result: they explain it
    for result in set(report.subjects(RDF.type, SH.ValidationResult)) - details:
        path = report.value(result, SH.resultPath)
        text = "" if path is None else Compiler(report).path_text(path)
        out.append((report.value(result, SH.focusNode), text, str(report.value(result, SH.resultMessage) or "")))
    return out


__all__ = ["compile_shapes", "violations", "pyshacl_violations", "Check"]
