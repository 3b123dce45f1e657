"""The exception hierarchy of carekg: every error a user can cause, and its exit code.

Every error a user can cause (a bad file, an unknown name, a malformed query, a missing
parameter, a server that does not answer) is a :class:`CareKGError`.  The command line catches
exactly this class, prints the one-line message and exits with the class's ``exit_code``;
anything else is a bug and keeps its traceback.  The exit code says whose move it is:

========  =============================================================================
exit 2    the input is wrong: fix the command, the file or the name (:class:`CareKGError`)
exit 1    the data breaks its rules; every problem is listed (:class:`ValidationFailed`,
          :class:`SheetInvalid`)
exit 3    the input may be fine, but a limit was hit or a server failed (:class:`ServiceError`)
========  =============================================================================

::

    CareKGError                 2
    ├── ParseError              an RDF or SPARQL text that does not parse
    ├── UnknownNameError        a name that does not exist (with suggestions)
    ├── AmbiguousNameError      a name that fits several things
    ├── ParameterError          an option or query parameter that is missing or malformed
    ├── FileFormatError         an input file that is not what it claims to be
    ├── SeedError               an article text that cannot be read
    ├── ShapeError              SHACL the shape compiler does not support
    ├── QueryError              a query refused or failed while evaluating
    ├── OutputError             an output that cannot be written
    │   └── StdoutError         standard output refused the text
    ├── ValidationFailed        1   the graph breaks shapes, QC or evidence checks
    ├── SheetInvalid            1   a coding sheet has problems
    └── ServiceError            3
        ├── QueryStopped        a query hit its time, row or memory limit
        ├── EndpointError       a SPARQL endpoint failed or did not answer
        └── ServerError         the SPARQL server could not start or stopped

Examples
--------
>>> err = UnknownNameError("query", "stances-on", ["stances-on-proposal"])
>>> print(err)
unknown query 'stances-on'; did you mean: stances-on-proposal?
>>> err.exit_code
2
>>> [(cls.__name__, cls.exit_code) for cls in (StdoutError, SheetInvalid, QueryStopped, EndpointError)]
[('StdoutError', 2), ('SheetInvalid', 1), ('QueryStopped', 3), ('EndpointError', 3)]
>>> isinstance(ServerError("port 7878 is in use"), CareKGError)
True
"""

from __future__ import annotations


class CareKGError(Exception):
    """Base class for every error caused by input rather than by a bug.

    Attributes
    ----------
    exit_code : int
        The process exit code the command line uses for this error.
    """

    exit_code = 2


class ParseError(CareKGError):
    """An RDF or SPARQL text could not be parsed.

    Parameters
    ----------
    path : str
        The file (or ``"<query>"`` for inline text) that failed.
    line, column : int or None
        Where the parser stopped, 1-based, when the parser says.
    detail : str
        The parser's own explanation.

    Examples
    --------
    >>> print(ParseError("data/a.ttl", "objectList expected", line=3))
    data/a.ttl:3: objectList expected
    """

    def __init__(self, path: str, detail: str, line: int | None = None, column: int | None = None):
        self.path, self.detail, self.line, self.column = path, detail, line, column
        where = path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {detail}")


class UnknownNameError(CareKGError):
    """A named query, view, entity or format that does not exist.

    The message lists the closest known names, so a typo is one step from fixed.
    """

    def __init__(self, kind: str, name: str, suggestions: list[str] | None = None):
        self.kind, self.name, self.suggestions = kind, name, list(suggestions or [])
        msg = f"unknown {kind} {name!r}"
        if self.suggestions:
            msg += "; did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(msg)


class AmbiguousNameError(CareKGError):
    """A name that fits more than one thing equally well.

    The message lists the candidates, best first, with their types, so the user can pick one
    by its IRI.

    >>> print(AmbiguousNameError("entity", "post", ["post (property, carekg:post)", "post (Relation kind, carekg:PostRelation)"]))
    entity 'post' is ambiguous; it could be: post (property, carekg:post); post (Relation kind, carekg:PostRelation); give the IRI (kg:slug) of the one you mean
    """

    def __init__(self, kind: str, name: str, candidates: list[str]):
        self.kind, self.name, self.candidates = kind, name, list(candidates)
        super().__init__(f"{kind} {name!r} is ambiguous; it could be: " + "; ".join(self.candidates)
                         + "; give the IRI (kg:slug) of the one you mean")


class ParameterError(CareKGError):
    """An option or a query parameter is missing, unknown or malformed."""


class ValidationFailed(CareKGError):
    """The graph broke SHACL shapes, QC checks or evidence checks (exit code 1).

    ``problems`` holds every problem found, not only the first.
    """

    exit_code = 1

    def __init__(self, problems: list):
        self.problems = problems
        super().__init__(f"{len(problems)} validation problem(s)")


class OutputError(CareKGError):
    """An output file could not be written."""


class FileFormatError(CareKGError):
    """An input file is not what it claims to be: not a database, a corrupt one, or a
    Discourse Network Analyzer file of a version carekg does not read.

    >>> print(FileFormatError("old.dna", "a DNA 2 database"))
    old.dna: a DNA 2 database
    """

    def __init__(self, path, detail: str):
        self.path, self.detail = str(path), detail
        super().__init__(f"{path}: {detail}")


class SeedError(CareKGError):
    """An article text (a seed) that cannot be used: missing, unreadable, not a regular file,
    outside the dataset's sources folder, too large, or not UTF-8.  ``reason`` says which.

    >>> print(SeedError("sources/a.txt", "not found"))
    sources/a.txt: article text not found
    """

    def __init__(self, path, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"{path}: article text {reason}")


class ShapeError(CareKGError):
    """A shape uses SHACL that the SPARQL compiler does not support (it never skips one)."""


class QueryError(CareKGError):
    """A query that cannot run: refused (Update, ``SERVICE``) or failed while evaluating."""


class StdoutError(OutputError):
    """Standard output refused the text: a full disk or device, or an encoding that cannot show it."""


class SheetInvalid(CareKGError):
    """A coding sheet has problems; ``problems`` holds every one, as ``sheet:line: message``.

    >>> print(SheetInvalid(["a.yaml:3: unknown actor 'Lamb'"]))
    1 problem(s) in the sheet; nothing written
    """

    exit_code = 1

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the sheet; nothing written")


class ServiceError(CareKGError):
    """The input may be fine, but a limit was hit or a server failed (exit code 3)."""

    exit_code = 3


class QueryStopped(ServiceError):
    """A query hit a limit (time, rows or memory) and was stopped."""


class EndpointError(ServiceError):
    """A SPARQL endpoint that cannot be reached, does not answer in time, or answers with an
    HTTP error."""


class ServerError(ServiceError):
    """The SPARQL server could not start (port in use, no binary, store not readable) or stopped
    by itself."""

