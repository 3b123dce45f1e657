"""Read Turtle, with errors that name the file and the line.

Examples
--------
>>> parse_turtle("x.ttl", text="@prefix ex: <http://ex/> . ex:a ex:b ex:c .").__len__()
1
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph

from graph.errors import ParseError
from graph.rdf.namespaces import bind_prefixes


def parse_turtle(path: Path | str, text: str | None = None) -> Graph:
    """Parse one Turtle file, turning any syntax error into a :class:`ParseError`.

    Examples
    --------
    >>> parse_turtle("bad.ttl", text="@prefix ex: <http://ex/> .\\nex:a ex:b .\\n")
    Traceback (most recent call last):
    ...
    graph.errors.ParseError: bad.ttl:2: Turtle syntax error: objectList expected
    """
    graph = bind_prefixes(Graph())
    try:
        if text is None:
            graph.parse(str(path), format="turtle")
        else:
            graph.parse(data=text, format="turtle")
    except FileNotFoundError:
        raise ParseError(str(path), "file not found") from None
    except Exception as exc:  # rdflib raises several unrelated types for bad input
        raise _turtle_error(str(path), exc) from None
    return graph


def _turtle_error(path: str, exc: Exception) -> ParseError:
    line = getattr(exc, "lines", None)
    message = str(exc)
    if line is None:
        found = re.search(r"line (\d+)", message)
        line = int(found.group(1)) if found else None
    else:
        line = int(line) + 1  # rdflib's notation3 parser counts lines from 0
    reason = re.search(r"Bad syntax \((.*?)\) at", message)
    detail = reason.group(1) if reason else message.splitlines()[0][:200]
    return ParseError(path, f"Turtle syntax error: {detail}", line=line)


__all__ = ["parse_turtle"]
