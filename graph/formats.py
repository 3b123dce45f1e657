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
    if fmt not in FORMATS:
        raise UnknownNameError("format", fmt, suggest(fmt, FORMATS) or list(FORMATS))
    if fmt == "csv":
        return _csv(names, rows)
    if fmt == "tsv":
        return _tsv(names, rows)
    if fmt == "json":
        return _json(names, rows)
    shown = label or (lambda t: "" if t is None else str(t))
    cells = [[_one_line(shown(t)) if t is not None else "" for t in row] for row in rows]
    return _markdown(names, cells) if fmt == "md" else _table(names, cells)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _csv(names, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if t is None else str(t) for t in row])
    return out.getvalue()


def _tsv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype is None and not term.language:
        # Plain strings keep their quotes; escapes keep the tab-separated layout intact.
        return term.n3().replace("\t", "\\t")
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype).endswith(("#integer", "#decimal", "#boolean")):
        return str(term)
    return term.n3().replace("\t", "\\t")


def _tsv(names, rows) -> str:
    lines = ["\t".join("?" + n for n in names)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in rows]
    return "\n".join(lines) + "\n"


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


def _json(names, rows) -> str:
    bindings = [{n: _json_term(t) for n, t in zip(names, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": list(names)}, "results": {"bindings": bindings}},
                      indent=2, ensure_ascii=False) + "\n"


def _table(names, cells, max_width: int = 60) -> str:
    clipped = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(n)] + [len(r[i]) for r in clipped]) for i, n in enumerate(names)]
    rule = "+".join("-" * (w + 2) for w in widths)
    head = " | ".join(n.ljust(w) for n, w in zip(names, widths))
    body = [" | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in clipped]
    return "\n".join([head.rstrip(), rule] + body) + "\n"


def _markdown(names, cells) -> str:
    esc = lambda s: s.replace("|", "\\|")
    lines = ["| " + " | ".join(names) + " |", "|" + "|".join("---" for _ in names) + "|"]
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in cells]
    return "\n".join(lines) + "\n"
