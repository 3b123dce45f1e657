"""Output formats shared by every command that prints rows.

``csv``, ``tsv`` and ``json`` follow the W3C SPARQL 1.1 Query Results formats (CSV: bare
lexical forms, CRLF line ends; TSV: a ``?``-prefixed header and terms in SPARQL syntax; JSON:
``head.vars`` and ``results.bindings``).  ``table`` and ``md`` are for people: they show
labels instead of bare IRIs.

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

import csv
import io
import json

from rdflib import BNode, Literal, URIRef

from .errors import UnknownNameError, suggest

FORMATS = ("table", "csv", "tsv", "json", "md")


def format_rows(names: list, rows: list, fmt: str = "table", label=None) -> str:
    """Render result rows in one of :data:`FORMATS`.

    Parameters
    ----------
    names : list of str
        Variable names, without ``?``.
    rows : list of tuples
        RDF terms (or ``None`` for unbound) in the order of ``names``.
    fmt : str
        One of ``table``, ``csv``, ``tsv``, ``json``, ``md``.
    label : callable, optional
        Term -> display text for ``table`` and ``md``; defaults to the plain value.
    """
    return "".join(stream_rows(names, rows, fmt, label))


def stream_rows(names: list, rows, fmt: str = "table", label=None):
    """The text of :func:`format_rows` in pieces, each row's as soon as it is read.

    ``table`` must see every row to size its columns; the other formats stream.

    >>> list(stream_rows(["n"], iter([(None,)]), "csv"))
    ['n\\r\\n', '""\\r\\n']
    """
    if fmt not in FORMATS:
        raise UnknownNameError("format", fmt, suggest(fmt, FORMATS) or list(FORMATS))
    if fmt in ("csv", "tsv", "json"):
        yield from {"csv": _csv, "tsv": _tsv, "json": _json}[fmt](names, rows)
        return
    shown = label or (lambda t: "" if t is None else str(t))
    cells = ([_one_line(shown(t)) if t is not None else "" for t in row] for row in rows)
    yield from _markdown(names, cells) if fmt == "md" else [_table(names, list(cells))]


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _csv(names, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for cells in ([names], (["" if t is None else str(t) for t in row] for row in rows)):
        for line in cells:
            writer.writerow(line)
            yield out.getvalue()
            out.seek(0)
            out.truncate()


def _tsv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype is None and not term.language:
        # Plain strings keep their quotes; escapes keep the tab-separated layout intact.
        return term.n3().replace("\t", "\\t")
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype).endswith(("#integer", "#decimal", "#boolean")):
        return str(term)
    return term.n3().replace("\t", "\\t")


def _tsv(names, rows):
    yield "\t".join("?" + n for n in names) + "\n"
    for row in rows:
        yield "\t".join(_tsv_term(t) for t in row) + "\n"


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def _json(names, rows):
    yield '{\n  "head": {"vars": ' + json.dumps(list(names), ensure_ascii=False) + '},\n  "results": {"bindings": ['
    for n, row in enumerate(rows):
        binding = {v: _json_term(t) for v, t in zip(names, row) if t is not None}
        yield ("," if n else "") + "\n    " + json.dumps(binding, ensure_ascii=False)
    yield "\n  ]}\n}\n"


def _table(names, cells, max_width: int = 60) -> str:
    clipped = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(n)] + [len(r[i]) for r in clipped]) for i, n in enumerate(names)]
    rule = "+".join("-" * (w + 2) for w in widths)
    head = " | ".join(n.ljust(w) for n, w in zip(names, widths))
    body = [" | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in clipped]
    return "\n".join([head.rstrip(), rule] + body) + "\n"


def _markdown(names, cells):
    esc = lambda s: s.replace("|", "\\|")
    yield "| " + " | ".join(names) + " |\n" + "|" + "|".join("---" for _ in names) + "|\n"
    for row in cells:
        yield "| " + " | ".join(esc(c) for c in row) + " |\n"
