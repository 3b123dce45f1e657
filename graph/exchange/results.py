"""Output formats shared by every command that prints rows.

``csv``, ``tsv`` and ``json`` follow the W3C SPARQL 1.1 Query Results formats (CSV: bare
lexical forms, CRLF line ends; TSV: a ``?``-prefixed header and terms in SPARQL syntax; JSON:
``head.vars`` and ``results.bindings``).  ``table`` and ``md`` are for people: they show
labels instead of bare IRIs, and control characters as escapes (:func:`graph.text.sanitise.visible`).

One departure from the W3C formats, for safety: a CSV or TSV value that a spreadsheet would run
as a formula (``=cmd|...``, ``@SUM(...)``) gets a leading ``'`` (:func:`graph.text.sanitise.neutralise`);
``raw=True`` (``carekg query --raw``) writes the exact lexical forms.

Examples
--------
>>> from rdflib import Literal
>>> print(format_rows(["n"], [(Literal(2),)], "csv"), end="")
n\r
2\r
>>> print(format_rows(["n"], [(Literal(2),)], "tsv"), end="")
?n
2
"""

from __future__ import annotations

import json
import re

from graph.errors import UnknownNameError
from graph.sparql.engine import term_parts
from graph.text.fuzzy import suggest
from graph.text.sanitise import NUMBER, csv_lines, neutralise, visible

FORMATS = ("table", "csv", "tsv", "json", "md")


def format_rows(names: list, rows: list, fmt: str = "table", label=None, raw: bool = False) -> str:
    """Render result rows in one of :data:`FORMATS`.

    Parameters
    ----------
    names : list of str
        Variable names, without ``?``.
    rows : list of tuples
        RDF terms, rdflib's or pyoxigraph's (or ``None`` for unbound), in the order of ``names``.
    fmt : str
        One of ``table``, ``csv``, ``tsv``, ``json``, ``md``.
    label : callable, optional
        Term -> display text for ``table`` and ``md``; defaults to the plain value.
    raw : bool
        ``csv`` and ``tsv``: write values exactly, even those a spreadsheet would take for a
        formula (by default they are neutralised, see :mod:`graph.text.sanitise`).
    """
    return "".join(stream_rows(names, rows, fmt, label, raw))


def stream_rows(names: list, rows, fmt: str = "table", label=None, raw: bool = False):
    """The text of :func:`format_rows` in pieces, each row's as soon as it is read.

    ``table`` must see every row to size its columns; the other formats stream.

    >>> list(stream_rows(["n"], iter([(None,)]), "csv"))
    ['n\\r\\n', '""\\r\\n']
    """
    if fmt not in FORMATS:
        raise UnknownNameError("format", fmt, suggest(fmt, FORMATS) or list(FORMATS))
    if fmt == "csv":
        yield from csv_lines([names], raw)
        yield from csv_lines(((None if t is None else term_parts(t)[1] for t in row) for row in rows), raw)
        return
    if fmt in ("tsv", "json"):
        yield from (_tsv(names, rows, raw) if fmt == "tsv" else _json(names, rows))
        return
    shown = label or (lambda t: "" if t is None else term_parts(t)[1])
    cells = ([_one_line(shown(t)) if t is not None else "" for t in row] for row in rows)
    yield from _markdown(names, cells) if fmt == "md" else [_table(names, list(cells))]


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ESCAPED = re.compile("[\\\\\"\n\r\t\x00-\x1f\x7f]")
_BARE = ("#integer", "#decimal", "#boolean")  # written bare, as Turtle reads them back


def _tsv_term(term, raw: bool = False) -> str:
    """A term in SPARQL syntax on one line: a string's tab, line breaks and control characters
    are escapes, never raw (rdflib's ``n3()`` would write a multi-line string).

    >>> from rdflib import Literal
    >>> _tsv_term(Literal("two\\nlines"))
    '"two\\\\nlines"'
    >>> _tsv_term(Literal("=1+1", lang="en")), _tsv_term(Literal(-3))
    ('"\\'=1+1"@en', '-3')
    """
    if term is None:
        return ""
    kind, text, datatype, language = term_parts(term)
    if kind != "literal":
        return f"<{text}>" if kind == "uri" else f"_:{text}"
    if datatype is not None and datatype.endswith(_BARE) and (NUMBER.fullmatch(text) or text in ("true", "false")):
        return text
    body = _ESCAPED.sub(lambda m: _ECHAR.get(m.group(), f"\\u{ord(m.group()):04X}"), neutralise(text, raw))
    if language:
        return f'"{body}"@{language}'
    return f'"{body}"' + (f"^^<{datatype}>" if datatype is not None else "")


def _tsv(names, rows, raw: bool = False):
    yield "\t".join("?" + n for n in names) + "\n"
    for row in rows:
        yield "\t".join(_tsv_term(t, raw) for t in row) + "\n"


def _json_term(term) -> dict:
    kind, text, datatype, language = term_parts(term)
    out = {"type": kind, "value": text}
    if language:
        out["xml:lang"] = language
    elif datatype is not None:
        out["datatype"] = datatype
    return out


def _json(names, rows):
    yield '{\n  "head": {"vars": ' + json.dumps(list(names), ensure_ascii=False) + '},\n  "results": {"bindings": ['
    for n, row in enumerate(rows):
        binding = {v: _json_term(t) for v, t in zip(names, row) if t is not None}
        yield ("," if n else "") + "\n    " + json.dumps(binding, ensure_ascii=False)
    yield "\n  ]}\n}\n"


def _table(names, cells, max_width: int = 60) -> str:
    # Clipped first, then control characters shown as escapes: an escape is never cut in two.
    clipped = [[visible(c if len(c) <= max_width else c[: max_width - 1] + "…") for c in row] for row in cells]
    widths = [max([len(n)] + [len(r[i]) for r in clipped]) for i, n in enumerate(names)]
    rule = "+".join("-" * (w + 2) for w in widths)
    head = " | ".join(n.ljust(w) for n, w in zip(names, widths))
    body = [" | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in clipped]
    return "\n".join([head.rstrip(), rule] + body) + "\n"


def _markdown(names, cells):
    esc = lambda s: visible(s).replace("|", "\\|")  # cells are one line already (_one_line)
    yield "| " + " | ".join(names) + " |\n" + "|" + "|".join("---" for _ in names) + "|\n"
    for row in cells:
        yield "| " + " | ".join(esc(c) for c in row) + " |\n"
