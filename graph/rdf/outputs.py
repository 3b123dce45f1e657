"""Write outputs that are never half-written and never destroy what the path is (a device, a
FIFO, a symlink, a hard link, a file's permissions).

Every output goes to a temporary file beside its target and is renamed into place.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     write_text(Path(tmp) / "a.txt", "hello").read_text()
'hello'
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from graph.errors import OutputError
from graph.rdf.paths import within

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


def into_folder(folder: Path | str, path: Path | str) -> Path:
    """``path``, a file the tool writes into the dataset ``folder``, checked to stay inside it
    once every symlink is followed (the folder's own ``sources`` link and the file's included);
    a dataset is not trusted, so a ``sources.ttl -> ~/.bashrc`` it ships is refused, not followed.

    >>> into_folder("/tmp", "/etc/passwd")
    Traceback (most recent call last):
    graph.errors.OutputError: cannot write /etc/passwd: it resolves to /etc/passwd, outside the dataset folder /tmp
    """
    if within(folder, path) is None:
        raise OutputError(f"cannot write {path}: it resolves to {os.path.realpath(path)}, outside the dataset folder {folder}")
    return Path(path)


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


__all__ = ["STDOUT", "Target", "check_new_folder", "into_folder", "new_dataset_folder", "output_folder", "output_target",
           "write_atomic", "write_text"]
