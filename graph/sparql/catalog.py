"""The query folders: named queries, derivation rules, QC checks and views, with their headers.

A ``.rq`` file's first comment lines carry its metadata::

    # title: Posts a person holds
    # description: Every post the articles say a person holds or held, with the source.
    # param: person iri The person, as kg:slug, a full IRI or an exact label.

A parameter given as ``name=default`` in the header is optional; a parameter with
``optional`` instead of a default is left unbound when not given.  :data:`FOLDERS` says which
folder holds which kind of file, and :func:`catalog` is the one place that lists them.

Examples
--------
>>> q = find_query("posts-of-person")
>>> [p.name for p in q.params]
['person']
>>> [v.name for v in catalog("views")]
['influence', 'nodes', 'stances']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import ParseError, UnknownNameError, suggest
from graph.rdf.paths import Paths

HEADER = re.compile(r"^#\s*(title|description|param|kind)\s*:\s*(.*)$")
PARAM = re.compile(r"^(\w+)\s+(iri|string|date|integer)(?:=(\S+)|\s+(optional))?\s+(.*)$")
TYPES = {"iri", "string", "date", "integer"}

# Kind of file -> its folder under queries/.  Rules are CONSTRUCT queries the build applies in
# file-name order; QC checks are SELECTs that must return no rows; views are SELECTs whose rows
# are the edges (and, for ``nodes``, the nodes) of a network.
FOLDERS = {"queries": ".", "rules": "rules", "qc": "qc", "views": "views"}


@dataclass(frozen=True)
class Param:
    """One declared query parameter."""

    name: str
    type: str
    description: str
    default: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class NamedQuery:
    """A query with its title, description and parameters."""

    name: str
    text: str
    path: str
    title: str = ""
    description: str = ""
    params: tuple = field(default_factory=tuple)

    @property
    def required(self) -> list[str]:
        """Names of the parameters that must be given."""
        return [p.name for p in self.params if p.default is None and not p.optional]


def load_named_query(path: Path | str, text: str | None = None, name: str | None = None) -> NamedQuery:
    """Read a ``.rq`` file (or ``text``) and its comment headers.

    Examples
    --------
    >>> q = load_named_query("x.rq", text="# title: All\\n# param: s iri optional A subject\\nSELECT * {?s ?p ?o}")
    >>> q.title, q.params[0].optional, q.required
    ('All', True, [])
    """
    path = Path(path)
    if text is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ParseError(str(path), f"cannot read query file: {exc.strerror}") from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ParseError(str(path), f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                             "save the query as UTF-8", line=data.count(b"\n", 0, exc.start) + 1) from None
    meta: dict = {"title": "", "description": "", "params": []}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        found = HEADER.match(line)
        if not found:
            continue
        key, value = found.groups()
        if key == "param":
            spec = PARAM.match(value.strip())
            if not spec:
                raise ParseError(str(path), f"bad param header {value!r}; expected 'NAME TYPE[=DEFAULT|optional] description' with TYPE one of {sorted(TYPES)}")
            pname, ptype, default, optional, desc = spec.groups()
            meta["params"].append(Param(pname, ptype, desc, default, bool(optional)))
        elif key in ("title", "description"):
            meta[key] = (meta[key] + " " + value.strip()).strip()
    return NamedQuery(name=name or path.stem, text=text, path=str(path), title=meta["title"],
                      description=meta["description"], params=tuple(meta["params"]))


def query_files(kind: str = "queries", paths: Paths | None = None) -> list[Path]:
    """The ``.rq`` files of one kind (see :data:`FOLDERS`), in file-name order."""
    if kind not in FOLDERS:
        raise UnknownNameError("kind of query file", kind, list(FOLDERS))
    paths = paths or Paths()
    return sorted((paths.queries / FOLDERS[kind]).glob("*.rq"))


def catalog(kind: str = "queries", paths: Paths | None = None) -> list[NamedQuery]:
    """Every query of one kind, read with its headers, in file-name order."""
    return [load_named_query(p) for p in query_files(kind, paths)]


def list_queries(paths: Paths | None = None) -> list[NamedQuery]:
    """All named queries in ``queries/`` (not the rules, QC checks or views), by name."""
    return catalog("queries", paths)


def list_views(paths: Paths | None = None) -> list[NamedQuery]:
    """The network views declared in ``queries/views/``."""
    return catalog("views", paths)


def find_query(name_or_file: str, paths: Paths | None = None, kind: str = "queries") -> NamedQuery:
    """A query of one kind by name, or a ``.rq`` file by path.

    Raises :class:`UnknownNameError` listing the closest names when there is no such query.

    >>> find_query("posts-of-persn")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    graph.errors.UnknownNameError: unknown query 'posts-of-persn'; did you mean: posts-of-person, ...?
    """
    if name_or_file.endswith(".rq"):
        return load_named_query(Path(name_or_file))
    files = {p.stem: p for p in query_files(kind, paths)}
    if name_or_file in files:
        return load_named_query(files[name_or_file])
    noun = "query" if kind == "queries" else {"views": "view", "rules": "rule", "qc": "QC check"}[kind]
    raise UnknownNameError(noun, name_or_file, suggest(name_or_file, files))


__all__ = ["FOLDERS", "NamedQuery", "Param", "catalog", "find_query", "list_queries", "list_views",
           "load_named_query", "query_files"]
