"""Text bound for other programs: spreadsheets, XML readers and terminals.

Labels, quotes and evidence come from data files and article texts, which carekg does not trust
(see SECURITY.md).  Every table, network file and terminal line goes through this module:

* :func:`neutralise`: a CSV or TSV cell that a spreadsheet would run as a formula (it starts
  with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, as OWASP lists them) gets a
  leading ``'``, so Excel, LibreOffice and Google Sheets show it as text.  Plain numbers
  (``-12.5``) are left alone: they are not formulas.  ``raw=True`` (the ``--raw`` option)
  keeps the exact values, for programs that read the file themselves.
* :func:`csv_text` and :func:`tsv_text`: the one writer of every CSV (RFC 4180, CRLF) and plain
  TSV table; a tab or line break inside a TSV cell becomes a space, so a cell never splits a row.
* :func:`xml_safe`: drops the characters XML 1.0 forbids (``\\x00``, ``\\x01``, ``\\x0b``, ...), so
  GraphML and GEXF always parse.
* :func:`visible`: shows control characters (ESC, BEL, C1 controls, bidirectional overrides)
  as ``\\x1b``-style escapes, so data never drives the terminal.
* :func:`bad_characters`: what validation rejects in a literal.

Examples
--------
>>> neutralise("=HYPERLINK(\\"http://evil\\")"), neutralise("-12.5"), neutralise("@x", raw=True)
('\\'=HYPERLINK("http://evil")', '-12.5', '@x')
>>> print(csv_text([["label"], ["+cmd"]]), end="")
label\r
'+cmd\r
>>> visible("red\\x1b[31m bell\\x07")
'red\\\\x1b[31m bell\\\\x07'
>>> xml_safe("a\\x00b\\x0bc\\u0001d")
'abcd'
"""

from __future__ import annotations

import csv
import io
import re

# Characters a spreadsheet takes as the start of a formula (OWASP "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# Not allowed anywhere in an XML 1.0 document.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Control characters (C0 but tab and line ends, DEL, C1), non-characters and lone surrogates:
# never part of an article's text.
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# What a terminal would obey rather than show: every control character, and the
# bidirectional embeddings, overrides and isolates that can make text read differently.
_UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def neutralise(cell, raw: bool = False) -> str:
    """``cell`` as text a spreadsheet will not run as a formula (see the module docstring).

    >>> [neutralise(c) for c in ("@SUM(A1)", "\\tx", "a=b", "+44 20", "1e5", "")]
    ["'@SUM(A1)", "'\\tx", 'a=b', "'+44 20", '1e5', '']
    """
    text = "" if cell is None else str(cell)
    if raw or not text.startswith(FORMULA_START) or NUMBER.fullmatch(text):
        return text
    return "'" + text


def csv_lines(rows, raw: bool = False):
    """Each row as one CSV record (RFC 4180 quoting, CRLF line end, cells neutralised), as soon
    as it is read.  ``None`` is an empty cell.

    >>> list(csv_lines([["a", "b"], ["x,y", None]]))
    ['a,b\\r\\n', '"x,y",\\r\\n']
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(c, raw) for c in row])
        yield out.getvalue()
        out.seek(0)
        out.truncate()


def csv_text(rows, raw: bool = False) -> str:
    """Rows (the header first) as CSV text: :func:`csv_lines` joined."""
    return "".join(csv_lines(rows, raw))


def tsv_cell(cell, raw: bool = False) -> str:
    """One plain TSV cell: a tab or line break becomes a space, then :func:`neutralise`.

    >>> tsv_cell("two\\r\\nlines\\there")
    'two lines here'
    """
    text = "" if cell is None else str(cell)
    return neutralise(re.sub(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+", " ", text), raw)


def tsv_text(rows, raw: bool = False) -> str:
    """Rows (the header first) as tab-separated lines, one line per row whatever the cells hold.

    >>> tsv_text([["a", "b"], ["x\\ty", "=1"]])
    "a\\tb\\nx y\\t'=1\\n"
    """
    return "".join("\t".join(tsv_cell(c, raw) for c in row) + "\n" for row in rows)


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids."""
    return _NOT_XML.sub("", text)


def visible(text: str) -> str:
    """``text`` with every control character shown as an escape instead of sent raw.

    >>> visible("tab\\there \\u202eevil")
    'tab\\\\x09here \\\\u202eevil'
    """
    return _UNSEEN.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                       text)


def bad_characters(text: str) -> list[str]:
    """The characters that no label, title or quote may hold, each once, as escapes.

    >>> bad_characters("ok\\ttab"), bad_characters("a\\x01b\\x1bc\\x01")
    ([], ['\\\\x01', '\\\\x1b'])
    """
    found = sorted(set(_BAD.findall(text)))
    return [visible(c) if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in found]


__all__ = ["FORMULA_START", "NUMBER", "neutralise", "csv_lines", "csv_text", "tsv_cell", "tsv_text", "xml_safe", "visible", "bad_characters"]
