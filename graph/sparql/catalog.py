"""The query folders: named queries, derivation rules, QC checks and views, with their headers.

A ``.rq`` file's first comment lines carry its metadata::

    # title: Posts a person holds
    # description: Every post the articles say a person holds or held, with the source.
    # param: person iri The person, as kg:slug, a full IRI or an exact label.

A header's value may go on over the next comment lines, each indented by two or more spaces
after the ``#``.  A parameter given as ``name=default`` in the header is optional; a parameter
with ``optional`` instead of a default is left unbound when not given.  A ``# portability:``
header records what a SPARQL engine other than Oxigraph does differently.  :data:`FOLDERS` says
which folder holds which kind of file, and :func:`catalog` is the one place that lists them;
:func:`reference` writes the named queries' reference page (``docs/queries.md``).

Examples
--------
>>> q = find_query("posts-of-person")
>>> [p.name for p in q.params]
['person']
>>> [v.name for v in catalog("views")]
['influence', 'network', 'nodes', 'stances']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import ParseError, UnknownNameError
from graph.rdf.paths import Paths, read_regular
from graph.sparql.syntax import projected
from graph.text.fuzzy import suggest

HEADER = re.compile(r"^#\s*(title|description|param|kind|portability)\s*:\s*(.*)$")
MAX_QUERY_BYTES = 1024 * 1024  # the longest named query is a few kB
MORE = re.compile(r"^#\s{2,}(\S.*)$")  # a header's value going on over the next comment line
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
    portability: str = ""

    @property
    def required(self) -> list[str]:
        """Names of the parameters that must be given."""
        return [p.name for p in self.params if p.default is None and not p.optional]

    @property
    def columns(self) -> list[str]:
        """The variables a ``SELECT`` query returns, in order (``[]`` for ``SELECT *`` and the
        other query forms).

        >>> load_named_query("x.rq", text="SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b } GROUP BY ?a").columns
        ['a', 'n']
        """
        return projected(self.text)


def load_named_query(path: Path | str, text: str | None = None, name: str | None = None) -> NamedQuery:
    """Read a ``.rq`` file (or ``text``) and its comment headers.

    Examples
    --------
    >>> q = load_named_query("x.rq", text="# title: All\\n# param: s iri optional A subject\\nSELECT * {?s ?p ?o}")
    >>> q.title, q.params[0].optional, q.required
    ('All', True, [])
    >>> load_named_query("x.rq", text="# description: Every\\n#   triple.\\nSELECT * {?s ?p ?o}").description
    'Every triple.'
    """
    path = Path(path)
    if text is None:
        data = read_regular(path, MAX_QUERY_BYTES, "query file")  # a FIFO or device is refused, never read
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ParseError(str(path), f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                             "save the query as UTF-8", line=data.count(b"\n", 0, exc.start) + 1) from None
    meta: dict = {"title": "", "description": "", "portability": "", "params": []}
    key = ""
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        found = HEADER.match(line)
        more = None if found else MORE.match(line)
        if more and key == "param":
            last = meta["params"][-1]
            meta["params"][-1] = Param(last.name, last.type, f"{last.description} {more.group(1).strip()}", last.default, last.optional)
            continue
        if more and key in meta:
            meta[key] = f"{meta[key]} {more.group(1).strip()}"
            continue
        if not found:
            key = ""
            continue
        key, value = found.groups()
        if key == "param":
            spec = PARAM.match(value.strip())
            if not spec:
                raise ParseError(str(path), f"bad param header {value!r}; expected 'NAME TYPE[=DEFAULT|optional] description' with TYPE one of {sorted(TYPES)}")
            pname, ptype, default, optional, desc = spec.groups()
            meta["params"].append(Param(pname, ptype, desc, default, bool(optional)))
        elif key in meta:
            meta[key] = (meta[key] + " " + value.strip()).strip()
    return NamedQuery(name=name or path.stem, text=text, path=str(path), title=meta["title"],
                      description=meta["description"], params=tuple(meta["params"]), portability=meta["portability"])


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
    graph.errors.UnknownNameError: unknown query 'posts-of-persn'; did you mean: posts-of-person?
    """
    if name_or_file.endswith(".rq"):
        return load_named_query(Path(name_or_file))
    files = {p.stem: p for p in query_files(kind, paths)}
    if name_or_file in files:
        return load_named_query(files[name_or_file])
    noun = "query" if kind == "queries" else {"views": "view", "rules": "rule", "qc": "QC check"}[kind]
    raise UnknownNameError(noun, name_or_file, suggest(name_or_file, files))


KINDS = {  # the sections of the reference page, one per kind of query file
    "queries": ("Named queries", "Run one with `carekg query NAME`, giving its parameters with `-p NAME=VALUE`."),
    "views": ("Views", "The networks the map, `export network`, `brokers` and `paths` draw (`--view NAME`): each row "
              "is an edge (for `nodes`, a node and its attributes)."),
    "rules": ("Derivation rules", "CONSTRUCT queries the build applies in file-name order, adding plain triples "
              "derived from the sourced claims."),
    "qc": ("QC checks", "SELECT queries `carekg validate` runs; each must return no rows (a row is a problem: "
           "`?focus` and `?message`)."),
}


def _param_line(p: Param) -> str:
    when = f"optional, default `{p.default}`" if p.default is not None else "optional" if p.optional else "required"
    return f"- `{p.name}` ({p.type}, {when}): {p.description}"


def reference(paths: Paths | None = None) -> str:
    """The reference page of every query file, from their headers (``docs/queries.md``).

    >>> text = reference()
    >>> text.splitlines()[0], "## posts-of-person" in text, "-p person=PERSON" in text
    ('# Named queries, views, rules and QC checks', True, True)
    """
    lines = ["# Named queries, views, rules and QC checks", "",
             "<!-- Generated by graph.sparql.catalog.reference() from the comment headers of the .rq files; do not edit: "
             "`python -m graph.cli.reference` writes it, and tests/test_docs.py checks it. -->", "",
             "Every question carekg answers is a SPARQL file in `queries/`, headed by comments that give its title, "
             "what it returns and its parameters: this page is made from those headers. "
             "[Asking questions](querying.md) explains the formats, the limits and how to write your own.", ""]
    found = {kind: catalog(kind, paths) for kind in KINDS}
    for kind, (heading, _) in KINDS.items():
        lines += [f"- [{heading}](#{heading.lower().replace(' ', '-')}) ({len(found[kind])})"]
    for kind, (heading, intro) in KINDS.items():
        folder = "queries/" + ("" if FOLDERS[kind] == "." else FOLDERS[kind] + "/")
        lines += ["", f"## {heading}", "", intro, ""]
        if kind == "queries":
            lines += ["| query | question | parameters |", "|---|---|---|"]
            lines += [f"| [`{q.name}`](#{q.name}) | {q.title} | "
                      + ", ".join(f"`{p.name}`" + ("" if p.name in q.required else " (optional)") for p in q.params) + " |"
                      for q in found[kind]]
            lines.append("")
        for q in found[kind]:
            lines += [f"### {q.name}", "", f"**{q.title}.** {q.description}".rstrip(), ""]
            if kind == "queries":
                lines += ["```bash", " ".join(["carekg query", q.name] + [f"-p {n}={n.upper()}" for n in q.required]), "```", ""]
            if q.params:
                lines += ["Parameters:", ""] + [_param_line(p) for p in q.params] + [""]
            if q.columns and kind != "qc":
                lines += ["Columns: " + ", ".join(f"`{c}`" for c in q.columns) + ".", ""]
            if q.portability:
                lines += [f"Portability: {q.portability}", ""]
            lines += [f"Source: [`{folder}{q.name}.rq`](../{folder}{q.name}.rq)", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


__all__ = ["FOLDERS", "KINDS", "NamedQuery", "Param", "catalog", "find_query", "list_queries", "list_views",
           "load_named_query", "query_files", "reference"]
