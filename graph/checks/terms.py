"""Check a data file term by term: literals whose text does not fit their datatype, and text that
holds characters no article has, each with the file and line it is written on.

An ill-typed literal such as ``"1.2m"^^xsd:decimal`` is legal Turtle, so every parser accepts it
and SHACL passes it unless a shape names the datatype; it then breaks the tools that read values
(owlready2 stops on it, rdflib logs a traceback).  Oxigraph already refuses a malformed IRI
(``<a b>``) while parsing, with the line.  So this check covers what parsing lets through:

* a literal of an XSD datatype whose lexical form is not one the datatype allows (a decimal with
  letters in it, ``2015-13-45`` as a date, ``"yes"`` as a boolean);
* a literal holding a control character, a non-character or a lone surrogate
  (:func:`graph.text.sanitise.bad_characters`): they break XML exports and terminals, and never
  belong in a label, a title or a quote.

Parsers give no positions for triples, so the line is found by looking for the literal's text in
the file (its first place, preferring one followed by ``^^``).

Examples
--------
>>> lexical_problem("1.2m", XSD + "decimal")
"'1.2m' is not a valid xsd:decimal"
>>> lexical_problem("2015-02-29", XSD + "date"), lexical_problem("2016-02-29", XSD + "date")
("'2015-02-29' is not a valid xsd:date", None)
>>> ttl = '@prefix ex: <http://ex/> .\\n\\nex:a ex:b "ok", "1x"^^<http://www.w3.org/2001/XMLSchema#integer> .'
>>> [(t.line, t.message) for t in check_turtle("x.ttl", text=ttl)]
[(3, "'1x' is not a valid xsd:integer")]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.text.sanitise import bad_characters, visible

XSD = "http://www.w3.org/2001/XMLSchema#"
_TZ = r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?"
_YEAR = r"-?(?:[1-9]\d{3,}|0\d{3})"
_INT = r"[+-]?\d+"
_DEC = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_FLOAT = r"(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN)"
# The lexical space of each XSD datatype carekg data uses, as XML Schema 1.1 defines it.
LEXICAL = {
    "string": None, "normalizedString": None, "token": None, "anyURI": None,
    "boolean": r"true|false|1|0",
    "decimal": _DEC,
    "integer": _INT, "long": _INT, "int": _INT, "short": _INT, "byte": _INT,
    "nonNegativeInteger": r"\+?\d+|-0+", "positiveInteger": r"\+?0*[1-9]\d*",
    "nonPositiveInteger": r"-\d+|\+?0+", "negativeInteger": r"-0*[1-9]\d*",
    "unsignedLong": r"\+?\d+", "unsignedInt": r"\+?\d+", "unsignedShort": r"\+?\d+", "unsignedByte": r"\+?\d+",
    "double": _FLOAT, "float": _FLOAT,
    "gYear": _YEAR + _TZ,
    "gYearMonth": _YEAR + r"-(?:0[1-9]|1[0-2])" + _TZ,
    "date": _YEAR + r"-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])" + _TZ,
    "dateTime": _YEAR + r"-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?" + _TZ
                + r"|" + _YEAR + r"-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T24:00:00(?:\.0+)?" + _TZ,
    "gMonth": r"--(?:0[1-9]|1[0-2])" + _TZ,
    "gDay": r"---(?:0[1-9]|[12]\d|3[01])" + _TZ,
    "duration": r"-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?",
}
_PATTERNS = {XSD + name: re.compile(rx) for name, rx in LEXICAL.items() if rx is not None}
_RANGES = {"long": 63, "int": 31, "short": 15, "byte": 7}
_DAY = re.compile(r"(-?\d{4,})-(\d\d)-(\d\d)")


def lexical_problem(lexical: str, datatype: str) -> str | None:
    """Why ``lexical`` is not a value of the XSD ``datatype`` (a full IRI), or None if it is (or
    the datatype is not one carekg checks)."""
    pattern = _PATTERNS.get(datatype)
    if pattern is None:
        return None
    name = datatype[len(XSD):]
    bad = f"{visible(repr(lexical[:60]))} is not a valid xsd:{name}"
    if not pattern.fullmatch(lexical):
        return bad
    if name in _RANGES and not -(2 ** _RANGES[name]) <= int(lexical) < 2 ** _RANGES[name]:
        return bad + " (out of range)"
    day = _DAY.match(lexical) if name in ("date", "dateTime") else None
    if day:
        year, month, d = (int(x) for x in day.groups())
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        if d > (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]:
            return bad
    return None


@dataclass(frozen=True)
class TermProblem:
    """A term that parsing let through but carekg cannot use: where, and why."""

    file: str
    line: int | None
    subject: str
    predicate: str
    message: str


def check_turtle(path: Path | str, text: str | None = None) -> list[TermProblem]:
    """Every ill-typed literal and every literal with forbidden characters in one Turtle file.

    The file must parse (load it first: a syntax error is reported there, with its line).
    """
    raw = Path(path).read_text(encoding="utf-8") if text is None else text
    base = Path(path).resolve().as_uri()
    out = []
    for quad in ox.parse(input=raw.encode("utf-8"), format=ox.RdfFormat.TURTLE, base_iri=base):
        term = quad.object
        if not isinstance(term, ox.Literal):
            continue
        found = bad_characters(term.value)
        reasons = [f"has control characters ({', '.join(found)}): text may hold none"] if found else []
        typed = lexical_problem(term.value, term.datatype.value)
        if typed:
            reasons.append(typed)
        for reason in reasons:
            out.append(TermProblem(str(path), line_of(raw, term), _name(quad.subject), _name(quad.predicate), reason))
    return out


def _name(term) -> str:
    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"


def line_of(text: str, literal: ox.Literal) -> int | None:
    """The line of ``text`` on which ``literal`` is written, as far as its text can be found."""
    lexical = literal.value
    escaped = "".join(_ESCAPES.get(c, c) if c not in _UNSEEN else f"\\u{ord(c):04X}" for c in lexical)
    plain = max(re.split(r"[\x00-\x1f\x7f-\x9f\\\"']", lexical), key=len)
    typed = literal.datatype.value != XSD + "string" and not literal.language
    candidates = ([lexical + '"^^', lexical + "'^^"] if typed else []) + [lexical, escaped, escaped.lower()]
    if len(plain) >= 3:
        candidates.append(plain)
    for candidate in candidates:
        at = text.find(candidate) if candidate else -1
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return None


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNSEEN = {chr(c) for c in list(range(0x20)) + list(range(0x7F, 0xA0))} - set(_ESCAPES)


__all__ = ["XSD", "LEXICAL", "TermProblem", "check_turtle", "lexical_problem", "line_of"]
