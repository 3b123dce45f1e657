"""The project's files: where they live, reading Turtle with errors that name the line, and
writing outputs that are never half-written and never destroy what the path is (a device, a
FIFO, a symlink, a hard link, a file's permissions).

Examples
--------
>>> Paths().ontology.name
'carekg.ttl'
>>> parse_turtle("x.ttl", text="@prefix ex: <http://ex/> . ex:a ex:b ex:c .").__len__()
1
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import sys
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
    def for_dataset(cls, data: Path | str | None) -> Paths:
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
        """The dataset's Turtle files, in a stable order; each must be a regular file.

        A FIFO would hang every command that reads it, and a symlink loop or a folder named
        ``x.ttl`` is no Turtle at all: each is one :class:`ParseError` saying what it is.
        """
        found = sorted(self.data.glob("*.ttl"))
        for path in found:
            _regular_input(path)
        return found


def _regular_input(path: Path) -> None:
    """Raise a :class:`ParseError` unless ``path`` is (a symlink to) a regular file."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ENOENT and os.path.islink(path):
            raise ParseError(str(path), f"a broken symlink (to {os.readlink(path)})") from None
        raise ParseError(str(path), f"cannot read: {os_reason(exc)}") from None
    if not stat.S_ISREG(st.st_mode):
        raise ParseError(str(path), f"not a regular file ({file_kind(st.st_mode)}): refusing to read it")


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


STDOUT = "-"
STREAMS = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/self/fd/")  # a shell's own handles


@dataclass(frozen=True)
class Target:
    """What an output path is, decided before anything is written.

    ``how`` is one of ``stdout`` (the path ``-``), ``stream`` (a character device, a FIFO, or one
    of the shell's own handles such as ``/dev/stdout``: written into directly), ``in-place`` (a
    regular file with several hard links), ``replace`` (any other existing regular file) or
    ``new``.  ``real`` is the file that will change: a symlink's target, not the link.
    """

    path: str
    real: Path
    how: str
    mode: int | None = None
    owner: tuple[int, int] | None = None


def output_target(path: Path | str, create_parent: bool = False) -> Target:
    """Check that ``path`` can be written, and say how, without writing anything.

    Commands call this before any expensive work, so a bad ``-o`` fails at once.  Only the
    tool's own default folder is created (``create_parent=True``); a missing folder that the
    user named is an error, never silently made.

    Raises
    ------
    OutputError
        For a folder, a block device, a socket, a symlink loop, a missing or unwritable folder.

    Examples
    --------
    >>> output_target("-").how, output_target("/dev/null").how
    ('stdout', 'stream')
    >>> output_target("/no-such-folder/x.csv")
    Traceback (most recent call last):
    graph.errors.OutputError: cannot write /no-such-folder/x.csv: folder /no-such-folder does not exist (create it first)
    """
    text = str(path)
    if text == STDOUT:
        return Target(text, Path(text), "stdout")
    fail = lambda why: OutputError(f"cannot write {text}: {why}")
    try:
        st = os.stat(text)  # follows symlinks: what would be written is the target
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise fail(exc.strerror) from None
    if st is not None and (text.startswith(STREAMS) or stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        if not os.access(text, os.W_OK):
            raise fail("permission denied")
        return Target(text, Path(text), "stream")
    if st is not None and not stat.S_ISREG(st.st_mode):
        kind = "a folder; give a file name" if stat.S_ISDIR(st.st_mode) else \
            "a block device; refusing to overwrite it" if stat.S_ISBLK(st.st_mode) else "not a regular file"
        raise fail(f"it is {kind}")
    real = Path(os.path.realpath(text))
    folder = real.parent
    if st is None and not folder.is_dir():
        if folder.exists():
            raise fail(f"{folder} is not a folder")
        if not create_parent:
            raise fail(f"folder {folder} does not exist (create it first)")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise fail(exc.strerror) from None
    if not os.access(folder, os.W_OK | os.X_OK) or (st is not None and not os.access(real, os.W_OK)):
        raise fail("permission denied")
    if st is None:
        return Target(text, real, "new")
    how = "in-place" if st.st_nlink > 1 else "replace"
    return Target(text, real, how, stat.S_IMODE(st.st_mode), (st.st_uid, st.st_gid))


def write_atomic(path: Path | str | Target, writer, create_parent: bool = False) -> Path:
    """Write an output by calling ``writer(tmp_path)``; never leave it half-written or destroy
    what the path is.

    The content is always complete in a temporary file before the output changes, so a failing
    writer leaves the old output untouched and no temporary file behind.  Then, by
    :func:`output_target`:

    - a new file, or a regular file with one name, is replaced by a rename in its own folder;
      an existing file keeps its permission bits (and, where allowed, its owner), a new one
      gets 0666 less the umask;
    - a symlink is followed: its target is replaced, the link stays a link;
    - a regular file with several hard links is rewritten in place, so every name still shares
      one file with the new content (the final copy is not atomic: a crash during it can leave
      the file short);
    - a character device, a FIFO or the shell's ``/dev/stdout`` is written into directly;
    - ``-`` writes to standard output.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> write_atomic(out, lambda tmp: pathlib.Path(tmp).write_text("hi")).read_text()
    'hi'
    """
    target = path if isinstance(path, Target) else output_target(path, create_parent)
    here = target.how in ("new", "replace", "in-place")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.real.name}.", suffix=".tmp",
                                   dir=target.real.parent if here else None)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"cannot write {target.path}: {exc.strerror}") from None
    try:
        writer(tmp)
        if target.how in ("new", "replace"):
            _settle(tmp, target)
            os.replace(tmp, target.real)
        elif target.how == "stdout":
            sys.stdout.flush()  # whatever was printed before comes first
            _copy(tmp, sys.stdout.buffer)
        else:  # stream or in-place: same file, new content
            with open(target.real if target.how == "in-place" else target.path, "wb") as out:
                _copy(tmp, out)
    except OSError as exc:
        raise OutputError(f"cannot write {target.path}: {exc.strerror}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return Path(target.path)


def write_text(path: Path | str | Target, text: str, create_parent: bool = False) -> Path:
    """Write ``text`` as UTF-8 (line ends as given) by :func:`write_atomic`."""
    return write_atomic(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8", newline=""),
                        create_parent)


def _settle(tmp: str, target: Target) -> None:
    """Give the finished temporary file the mode (and owner) the output should have."""
    os.chmod(tmp, target.mode if target.mode is not None else 0o666 & ~_umask())
    if target.owner is not None and target.owner != (os.getuid(), os.getgid()):
        try:
            os.chown(tmp, *target.owner)
        except PermissionError:  # only root may give a file away; keep ours
            pass


def _copy(tmp: str, out) -> None:
    with open(tmp, "rb") as src:
        shutil.copyfileobj(src, out, 1 << 20)
    out.flush()


def output_folder(path: Path | str, default: bool = False, create: bool = True) -> Path:
    """Make sure ``path`` is a folder to write into: the folder itself is created when its
    parent exists (the user asked for it by name), its parents only for the tool's own default.
    With ``create=False`` nothing is made: the checks run, before any expensive work.

    >>> output_folder("/no-such-folder/build")
    Traceback (most recent call last):
    graph.errors.OutputError: cannot write into /no-such-folder/build: folder /no-such-folder does not exist (create it first)
    """
    folder = Path(path)
    try:
        if folder.is_dir():
            return folder
        if folder.exists():
            raise OutputError(f"cannot write into {folder}: it is not a folder")
        if not default and not folder.parent.is_dir():
            raise OutputError(f"cannot write into {folder}: folder {folder.parent} does not exist (create it first)")
        if create:
            folder.mkdir(parents=default)
    except OSError as exc:
        raise OutputError(f"cannot write into {folder}: {exc.strerror}") from None
    return folder


def os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symlink loop"
    return (exc.strerror or str(exc)).lower()


def file_kind(mode: int) -> str:
    return ("a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else
            "a character device" if stat.S_ISCHR(mode) else "a block device" if stat.S_ISBLK(mode) else
            "a socket" if stat.S_ISSOCK(mode) else "not a regular file")


def check_new_folder(out: Path | str, verb: str = "write") -> Path:
    """``out`` as a folder to create: new or empty, in a folder that exists (checked before any work)."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise OutputError(f"{out} exists and is not an empty folder: {verb} into a new folder")
    if not out.parent.is_dir():
        raise OutputError(f"cannot write {out}: no folder {out.parent}")
    return out


@contextlib.contextmanager
def new_dataset_folder(out: Path | str):
    """Write a dataset folder that appears whole or not at all: ``out`` must be new or empty;
    the ``with`` body writes into the folder it is given (beside ``out``, with ``sources/``
    made), which is renamed into place when the body finishes and removed if it fails.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with new_dataset_folder(Path(tmp) / "ds") as stage:
    ...         _ = (stage / "a.ttl").write_text("")
    ...     sorted(p.name for p in (Path(tmp) / "ds").iterdir())
    ['a.ttl', 'sources']
    """
    out = check_new_folder(out)
    try:
        stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror}") from None
    try:
        (stage / "sources").mkdir()
        yield stage
        os.chmod(stage, 0o777 & ~_umask())
        os.replace(stage, out)  # an empty folder at ``out`` is replaced
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        if stage.exists():
            shutil.rmtree(stage, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


__all__ = ["check_new_folder", "new_dataset_folder", "ROOT", "Paths", "Target", "parse_turtle", "output_target", "output_folder", "write_atomic",
           "write_text", "STDOUT", "file_kind", "os_reason"]
