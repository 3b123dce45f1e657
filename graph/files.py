"""The project's files: where they live, reading Turtle with errors that name the line, and
writing outputs without ever leaving a half-written file.

Examples
--------
>>> Paths().ontology.name
'carekg.ttl'
>>> parse_turtle("x.ttl", text="@prefix ex: <http://ex/> . ex:a ex:b ex:c .").__len__()
1
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from .errors import OutputError, ParseError
from .vocabulary import bind_prefixes

ROOT = Path(__file__).resolve().parent.parent


def _home() -> Path:
    # CAREKG_HOME points the whole tool at another copy of ontology/, data/ and queries/
    # (a curator's working copy, or a test's deliberately broken one).
    return Path(os.environ.get("CAREKG_HOME", ROOT))


@dataclass(frozen=True)
class Paths:
    """Where the project's inputs and outputs live.

    ``seeds`` defaults to ``../shared/seeds`` beside the checkout and can be moved with the
    ``CAREKG_SEEDS`` environment variable; ``CAREKG_HOME`` moves the inputs.  The build
    folder is ``build/`` in the current directory.
    """

    root: Path = field(default_factory=_home)
    ontology: Path = field(default_factory=lambda: _home() / "ontology" / "carekg.ttl")
    shapes: Path = field(default_factory=lambda: _home() / "ontology" / "shapes.ttl")
    data: Path = field(default_factory=lambda: _home() / "data")
    queries: Path = field(default_factory=lambda: _home() / "queries")
    build: Path = field(default_factory=lambda: Path("build"))
    seeds: Path = field(default_factory=lambda: Path(
        os.environ.get("CAREKG_SEEDS", ROOT.parent / "shared" / "seeds")))

    @classmethod
    def for_dataset(cls, data: Path | str | None) -> "Paths":
        """The paths for a dataset folder: its Turtle files, and its article texts in
        ``DATA/sources/``.  The curated ``data/`` keeps its texts in the seeds folder instead
        (``../shared/seeds`` or ``$CAREKG_SEEDS``), which stays outside the repository.

        >>> Paths.for_dataset("my-dataset").seeds.as_posix()
        'my-dataset/sources'
        >>> Paths.for_dataset(None) == Paths()
        True
        """
        default = cls()
        if data is None or Path(data).resolve() == default.data.resolve():
            return default
        return cls(data=Path(data), seeds=Path(data) / "sources")

    def data_files(self) -> list[Path]:
        """The curated Turtle files, in a stable order."""
        return sorted(self.data.glob("*.ttl"))


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


def write_atomic(path: Path | str, writer) -> Path:
    """Write a file by calling ``writer(tmp_path)`` and renaming the result into place.

    A failure leaves no half-written file: the temporary file is removed and the old file,
    if any, is untouched.  The result gets the usual permissions for a new file (0666 less the
    umask), not the owner-only mode of a temporary file.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    try:
        writer(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


__all__ = ["ROOT", "Paths", "parse_turtle", "write_atomic"]
