"""Read and write coding sheets as YAML, keeping the line of every value.

Reading composes PyYAML's node tree (each node carries its line) and builds plain Python data
from it with this project's own scalar rule, the same in every sheet: ``true``/``false`` are
booleans, ``null``/``~``/empty are nothing, and every other scalar is text exactly as written.
So ``2014`` stays the year ``"2014"``, ``1200000.0`` keeps its digits, and ``no`` (Norway) stays
a word, which YAML 1.1's resolver would turn into ``False``.  A duplicate key is an error, not a
silent overwrite.

Writing is deterministic block-style YAML: keys in the order given, strings plain where they
read back unchanged, double-quoted otherwise.

Examples
--------
>>> sheet = parse_sheet("article: article-005\\nstances:\\n  - actor: x\\n    implicit: no\\n", "s.yaml")
>>> sheet.data["stances"][0]
{'actor': 'x', 'implicit': 'no'}
>>> sheet.line(("stances", 0, "implicit"))
4
>>> print(dump_yaml({"a": "2014", "b": [True, "x: y"], "c": None}), end="")
a: 2014
b: [true, "x: y"]
c: null
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graph.errors import ParseError
from graph.rdf.paths import read_regular

_TRUE, _FALSE, _NULL = {"true", "True", "TRUE"}, {"false", "False", "FALSE"}, {"null", "Null", "NULL", "~", ""}


@dataclass
class Sheet:
    """A sheet's data and the line (1-based) of each value, keyed by its path."""

    data: Any
    path: str
    lines: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)  # (line, message) found while reading

    def line(self, where: tuple) -> int | None:
        """The line of the value at ``where``, or of its nearest enclosing value."""
        where = tuple(where)
        while where not in self.lines and where:
            where = where[:-1]
        return self.lines.get(where)


MAX_SHEET_BYTES = 16 * 1024 * 1024  # a sheet of a long article is some 100 kB
MAX_DEPTH = 50  # a sheet nests five deep; the limit stays far below Python's recursion limit


class _SheetLoader(yaml.SafeLoader):
    """PyYAML's safe loader, less what a sheet never needs and an attacker would use: an alias
    (``*a``) is refused, so no anchor can be expanded into billions of values (billion laughs)
    nor refer to itself; and nesting deeper than :data:`MAX_DEPTH` is refused before the
    composer recurses into it."""

    depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "an alias (*name): a sheet repeats a value instead of referring to an anchor", mark)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise yaml.composer.ComposerError(None, None, f"nesting deeper than {MAX_DEPTH} levels", self.peek_event().start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def parse_sheet(text: str, path: str) -> Sheet:
    """Parse sheet text; a YAML syntax error is a :class:`ParseError` naming the line, and so is
    an alias or nesting too deep (:class:`_SheetLoader`).

    >>> parse_sheet("a: &x [1]\\nb: *x\\n", "s.yaml")
    Traceback (most recent call last):
    graph.errors.ParseError: s.yaml:2: YAML syntax error: an alias (*name): a sheet repeats a value instead of referring to an anchor
    """
    loader = _SheetLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ParseError(path, f"YAML syntax error: {exc.problem or exc.context}",
                         line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:  # a reader error (a character YAML refuses) has no mark of this kind
        raise ParseError(path, f"YAML syntax error: {str(exc).splitlines()[0]}") from None
    finally:
        loader.dispose()
    sheet = Sheet(data=None, path=path)
    sheet.data = _build(root, (), sheet) if root is not None else {}
    return sheet


def load_sheet(path: Path | str) -> Sheet:
    """Read a sheet file (UTF-8)."""
    path = Path(path)
    if not os.path.lexists(path):
        raise ParseError(str(path), "no such sheet")
    data = read_regular(path, MAX_SHEET_BYTES, "sheet")  # a FIFO or a device is refused, never read
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(str(path), f"not UTF-8 text (byte {exc.start})") from None
    return parse_sheet(text, str(path))


def _build(node, where: tuple, sheet: Sheet, line: int | None = None):
    sheet.lines[where] = line or node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        if node.style is None:  # plain: the only kind that can mean a boolean or nothing
            if node.value in _TRUE:
                return True
            if node.value in _FALSE:
                return False
            if node.value in _NULL:
                return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, where + (i,), sheet) for i, item in enumerate(node.value)]
    out = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
        key_line = key_node.start_mark.line + 1
        if key in out:
            sheet.problems.append((key_line, f"duplicate key {key!r}"))
        out[key] = _build(value_node, where + (key,), sheet, line=key_line)
    return out


_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*")


def _scalar(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if (_PLAIN.fullmatch(text) and text == text.strip() and ": " not in text and " #" not in text
            and not text.endswith(":") and text not in _TRUE | _FALSE | _NULL):
        return text
    return json.dumps(text, ensure_ascii=False)


def dump_yaml(data, indent: int = 0) -> str:
    """Block-style YAML for dicts, lists, strings, booleans and None (see the module example)."""
    pad = " " * indent
    lines = []
    if isinstance(data, dict):
        for key, value in data.items():
            key = _scalar(key)
            if (flow := _flow(value)) is not None:
                lines.append(f"{pad}{key}: {flow}")
            elif isinstance(value, (dict, list)) and value:
                lines.append(f"{pad}{key}:")
                lines.append(dump_yaml(value, indent + 2).rstrip("\n"))
            else:
                lines.append(f"{pad}{key}: {_empty(value) if isinstance(value, (dict, list)) else _scalar(value)}")
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, (dict, list)) and item:
                body = dump_yaml(item, indent + 2).rstrip("\n")
                lines.append(f"{pad}- " + body[indent + 2:])
            else:
                lines.append(f"{pad}- {_empty(item) if isinstance(item, (dict, list)) else _scalar(item)}")
    else:
        lines.append(pad + _scalar(data))
    return "\n".join(lines) + "\n"


def _flow(value) -> str | None:
    """A short list, or a JSON-LD style value, of simple scalars on one line; else None."""
    if isinstance(value, dict) and value and all(str(k).startswith("@") for k in value):
        items = [f"{_scalar(k)}: {_scalar(v)}" for k, v in value.items()]
        opening, closing = "{", "}"
    elif isinstance(value, list) and value:
        items = [_scalar(v) for v in value]
        opening, closing = "[", "]"
    else:
        return None
    if any(isinstance(v, (dict, list)) for v in (value.values() if isinstance(value, dict) else value)):
        return None
    if any(ch in item for item in items for ch in ",[]{}") or sum(map(len, items)) > 60:
        return None
    return opening + ", ".join(items) + closing


def _empty(value) -> str:
    return "{}" if isinstance(value, dict) else "[]"


__all__ = ["MAX_DEPTH", "MAX_SHEET_BYTES", "Sheet", "parse_sheet", "load_sheet", "dump_yaml"]
