"""Where the project's files live, and what kind of file a path is.

:class:`Paths` names the ontology, the shapes, the data, the queries, the build folder and the
article texts; :func:`regular_input` refuses anything to read that is not a regular file, and
:func:`within` says whether a path stays inside a folder once every symlink is followed.

Examples
--------
>>> Paths().ontology.name
'carekg.ttl'
>>> Paths.for_dataset("my-dataset").data.name
'my-dataset'
>>> [f.folder.name for f in Paths().text_folders()]
['seeds']
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from graph.errors import ParseError

ROOT = Path(__file__).resolve().parent.parent.parent


def _home() -> Path:
    # CAREKG_HOME points the whole tool at another copy of ontology/, data/ and queries/
    # (a curator's working copy, or a test's deliberately broken one).
    return Path(os.environ.get("CAREKG_HOME") or ROOT)


def _seeds() -> Path:
    # The curated articles' texts stay outside the repository, beside it in shared/seeds (where
    # the home is: a copy of the checkout finds the texts beside itself), unless CAREKG_SEEDS
    # names their folder.
    return Path(os.environ.get("CAREKG_SEEDS") or _home().parent / "shared" / "seeds")


DECLARATION = "dataset.ttl"
CURATED = "https://w3id.org/carekg/dataset/curated"
IMPORTS = "http://www.w3.org/2002/07/owl#imports"
KNOWN = (CURATED,)  # what a dataset may build on


def imports_of(folder: Path | str) -> tuple[str, ...]:
    """The IRIs the dataset in ``folder`` imports (``owl:imports`` in its declaration, see
    :mod:`graph.rdf.datasets`), in the order written; none for a folder without a declaration.

    Raises
    ------
    ParseError
        When the declaration does not parse, or imports a dataset carekg does not know.
    """
    import pyoxigraph as ox

    path = Path(folder) / DECLARATION
    if not os.path.lexists(path):
        return ()
    regular_input(path)  # read like the data files: a regular file inside the dataset's folder
    if within(folder, path) is None:
        raise ParseError(str(path), f"resolves to {os.path.realpath(path)}, outside the dataset folder {folder}: "
                         "refusing to read it")
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()))
    except SyntaxError as exc:
        raise ParseError(str(path), str(exc).splitlines()[0]) from None
    except (OSError, ValueError) as exc:
        raise ParseError(str(path), f"cannot read: {exc}") from None
    found: list[str] = []
    for quad in quads:
        if quad.predicate.value == IMPORTS and quad.object.value not in found:
            if quad.object.value not in KNOWN:
                raise ParseError(str(path), f"owl:imports <{quad.object.value}>: a dataset can build on the "
                                 f"curated graph only (<{CURATED}>)")
            found.append(quad.object.value)
    return tuple(found)


class TextFolder(NamedTuple):
    """A folder of article texts, and the folder it must lie in once its links are followed."""

    folder: Path
    within: Path


@dataclass(frozen=True)
class Paths:
    """Where the project's inputs and outputs live.

    ``CAREKG_HOME`` (default: the checkout this package is in) is the folder that holds
    ``ontology/``, ``data/`` and ``queries/``, and the curated build, ``build/``.  The curated
    articles' texts are in ``shared/seeds`` beside it (``HOME/../shared/seeds``) unless
    ``CAREKG_SEEDS`` names their folder.  A dataset of its own (:meth:`for_dataset`) keeps its
    texts and its build inside its folder.  ``imports`` are the
    datasets this one builds on (see :mod:`graph.rdf.datasets`): their Turtle files and article
    texts are read with its own, and nothing is ever written into them.
    """

    root: Path = field(default_factory=_home)
    ontology: Path = field(default_factory=lambda: _home() / "ontology" / "carekg.ttl")
    shapes: Path = field(default_factory=lambda: _home() / "ontology" / "shapes.ttl")
    data: Path = field(default_factory=lambda: _home() / "data")
    queries: Path = field(default_factory=lambda: _home() / "queries")
    build: Path = field(default_factory=lambda: _home() / "build")
    seeds: Path = field(default_factory=_seeds)
    imports: tuple[Paths, ...] = ()

    @classmethod
    def for_dataset(cls, data: Path | str | None) -> Paths:
        """The paths for a dataset folder: its Turtle files, its article texts in
        ``DATA/sources/`` and its build in ``DATA/build/``, so no command run for one dataset
        writes into another's folders; and, when its declaration says so (``carekg init``), the
        curated dataset it builds on.  The curated ``data/`` keeps its texts in the seeds folder
        instead (``../shared/seeds`` or ``$CAREKG_SEEDS``), which stays outside the repository,
        and its build in ``build/`` beside ``data/``.

        >>> ds = Paths.for_dataset("my-dataset")
        >>> ds.seeds.as_posix(), ds.build.as_posix(), ds.imports
        ('my-dataset/sources', 'my-dataset/build', ())
        >>> Paths.for_dataset(None) == Paths()
        True
        """
        default = cls()
        if data is None or Path(data).resolve() == default.data.resolve():
            return default
        imports = tuple(default for _ in imports_of(data))  # the curated dataset is the one known
        return cls(data=Path(data), seeds=Path(data) / "sources", build=Path(data) / "build", imports=imports)

    @property
    def texts_within(self) -> Path:
        """The folder every article text must resolve inside: a dataset's own folder when its
        texts are in ``DATA/sources`` (so ``sources`` cannot be a symlink out of the dataset),
        else the seeds folder the user named.

        >>> Paths.for_dataset("my-dataset").texts_within.as_posix()
        'my-dataset'
        """
        return self.data if self.seeds.parent == self.data else self.seeds

    def data_files(self) -> list[Path]:
        """The Turtle files of the dataset and of those it builds on (theirs first), in a stable
        order; each must be a regular file inside its dataset's folder once every symlink is
        followed.

        A FIFO would hang every command that reads it, a symlink loop or a folder named
        ``x.ttl`` is no Turtle at all, and ``x.ttl -> /etc/passwd`` would show another file's
        lines in a syntax error: each is one :class:`ParseError` saying what it is.
        """
        return [path for base in self.imports for path in base.data_files()] + self.own_files()

    def own_files(self) -> list[Path]:
        """The Turtle files in the dataset's own folder (what its commands may write)."""
        found = sorted(self.data.glob("*.ttl"))
        for path in found:
            regular_input(path)
            if within(self.data, path) is None:
                raise ParseError(str(path), f"resolves to {os.path.realpath(path)}, outside the dataset folder "
                                 f"{self.data}: refusing to read it")
        return found

    def text_folders(self) -> tuple[TextFolder, ...]:
        """The folders that hold the article texts, each with the folder it must resolve inside
        (:attr:`texts_within`), the dataset's own first: a ``carekg:seedFile`` is read from the
        first that has it (:func:`graph.text.articles.read_seed`).

        >>> [f.folder.as_posix() for f in Paths.for_dataset("my-dataset").text_folders()]
        ['my-dataset/sources']
        """
        return (TextFolder(self.seeds, self.texts_within), *[f for base in self.imports for f in base.text_folders()])


def regular_input(path: Path) -> None:
    """Raise a :class:`ParseError` unless ``path`` is (a symlink to) a regular file."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ENOENT and os.path.islink(path):
            raise ParseError(str(path), f"a broken symlink (to {os.readlink(path)})") from None
        raise ParseError(str(path), f"cannot read: {os_reason(exc)}") from None
    if not stat.S_ISREG(st.st_mode):
        raise ParseError(str(path), f"not a regular file ({file_kind(st.st_mode)}): refusing to read it")


def within(folder: Path | str, path: Path | str) -> Path | None:
    """The real path of ``path`` when, once every symlink is followed (those of ``folder``'s
    own components included), it lies inside the real ``folder`` and is not the folder itself;
    else None.  A dataset is not trusted: any name it gives, or any link it ships, is checked so.

    >>> within("/etc", "/etc/hostname").name, within("/etc", "/etc/../root/x"), within("/etc", "/etc")
    ('hostname', None, None)
    """
    root = os.path.realpath(folder)
    real = os.path.realpath(os.path.join(folder, path))
    if real == root or os.path.commonpath([root, real]) != root:
        return None
    return Path(real)


def open_regular(path: Path | str) -> int:
    """A file descriptor open for reading on ``path``, which must be (a symlink to) a regular
    file: a FIFO is refused without blocking, a device or folder without reading it.  Raises
    :class:`ParseError` saying what the path is.

    >>> open_regular("/dev/zero")
    Traceback (most recent call last):
    graph.errors.ParseError: /dev/zero: not a regular file (a character device): refusing to read it
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the open
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise ParseError(str(path), "a broken symlink" if os.path.islink(path) else "no such file") from None
        raise ParseError(str(path), f"cannot read: {os_reason(exc)}") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise ParseError(str(path), f"not a regular file ({file_kind(st.st_mode)}): refusing to read it")
    os.set_blocking(fd, True)
    return fd


def read_regular(path: Path | str, limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file ``path`` (see :func:`open_regular`), at most ``limit`` of them."""
    fd = open_regular(path)
    with os.fdopen(fd, "rb") as f:
        try:
            data = f.read(limit + 1)
        except OSError as exc:
            raise ParseError(str(path), f"cannot read: {os_reason(exc)}") from None
    if len(data) > limit:
        raise ParseError(str(path), f"the {what} is too large (over {limit:,} bytes)")
    return data


def os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symlink loop"
    return (exc.strerror or str(exc)).lower()


def file_kind(mode: int) -> str:
    return ("a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else
            "a character device" if stat.S_ISCHR(mode) else "a block device" if stat.S_ISBLK(mode) else
            "a socket" if stat.S_ISSOCK(mode) else "not a regular file")


__all__ = ["ROOT", "CURATED", "DECLARATION", "KNOWN", "Paths", "TextFolder", "imports_of",
           "file_kind", "open_regular", "os_reason", "read_regular", "regular_input", "within"]
