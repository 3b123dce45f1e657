"""Article texts (seeds): read only from the dataset's own sources folder, only regular files, only
so much, only UTF-8.

A claim's evidence is checked against the text of its article, named by ``carekg:seedFile`` in
the data.  The data is not trusted (see SECURITY.md): a ``carekg:seedFile "../../../etc/passwd"``
or ``"/dev/zero"`` must not make carekg read any file on disk, or read without end.  So
:func:`read_seed` confines the name to the sources folder (``DATA/sources``, or the seeds
folder for the curated data) after following symlinks, opens without blocking, reads only a
regular file of at most :data:`MAX_SEED_BYTES`, and says exactly what is wrong otherwise:
"not found" only for a file that does not exist.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Lamb tells Confed", encoding="utf-8")
>>> read_seed(folder, "a.txt")
'Lamb tells Confed'
>>> read_seed(folder, "/dev/zero")  # doctest: +ELLIPSIS
Traceback (most recent call last):
graph.errors.SeedError: /dev/zero: article text is outside the sources folder ...: refusing to read it
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from graph.errors import SeedError
from graph.rdf.paths import TextFolder, file_kind, os_reason
from graph.rdf.paths import within as within_folder

MAX_SEED_BYTES = 16 * 1024 * 1024  # an article's text is a few kB; a DNA document rarely 1 MB


def read_seed(folder: Path | str | tuple[TextFolder, ...], name: str, limit: int = MAX_SEED_BYTES,
              within: Path | str | None = None) -> str:
    """The text of the article file ``name`` (a ``carekg:seedFile``) in the sources folder.

    ``folder`` may be several folders, each with the folder it must lie in (a dataset's and those
    of the dataset it builds on, :meth:`graph.rdf.paths.Paths.text_folders`): the text is read
    from the first that has a file of that name, and the rules below hold in that folder.

    ``name`` comes from the data, which carekg does not trust, so the file must lie inside
    ``folder`` once every symlink is followed (no ``../../etc/passwd``, no absolute path), be a
    regular file (not ``/dev/zero``, a FIFO or a folder), hold at most ``limit`` bytes, and be
    UTF-8.  The folder itself comes from the dataset too (``DATA/sources`` may be a symlink
    it ships): with ``within`` (the dataset's folder, :attr:`graph.rdf.paths.Paths.texts_within`)
    the folder must resolve inside it as well.

    Raises
    ------
    SeedError
        Saying which of these failed ("not found" only when the file does not exist).

    Examples
    --------
    >>> read_seed("/tmp", "../etc/passwd")
    Traceback (most recent call last):
    graph.errors.SeedError: /tmp/../etc/passwd: article text is outside the sources folder /tmp: refusing to read it
    """
    if isinstance(folder, tuple):
        folder, within = holding(folder, name)
    if "\x00" in name or not name:
        raise SeedError(os.path.join(folder, name.replace("\x00", "\\x00")), "has no usable file name")
    path = os.path.join(folder, name)
    if _outside(folder, within):
        raise SeedError(path, f"is in the sources folder {folder}, which resolves to {os.path.realpath(folder)}, "
                        f"outside the dataset folder {within}: refusing to read it")
    root = os.path.realpath(folder)
    if within_folder(folder, name) is None:
        raise SeedError(path, f"is outside the sources folder {folder}: refusing to read it")
    real = os.path.realpath(path)
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the open
    except FileNotFoundError:
        raise SeedError(path, "not found" if not os.path.isdir(root) or not os.path.lexists(path)
                        else "not found (a broken symlink)") from None
    except OSError as exc:
        raise SeedError(path, f"cannot be read: {os_reason(exc)}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise SeedError(path, f"is not a regular file ({file_kind(st.st_mode)}): refusing to read it")
        if st.st_size > limit:
            raise SeedError(path, f"is too large ({st.st_size:,} bytes; the limit is {limit:,})")
        with os.fdopen(os.dup(fd), "rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise SeedError(path, f"cannot be read: {os_reason(exc)}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise SeedError(path, f"is too large (over {limit:,} bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SeedError(path, f"is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None


def _outside(folder: Path | str, within: Path | str | None) -> bool:
    """Whether the sources folder leaves the dataset folder ``within`` once its links are followed."""
    return within is not None and Path(folder) != Path(within) and within_folder(within, folder) is None


def holding(folders: tuple[TextFolder, ...], name: str) -> TextFolder:
    """The first of ``folders`` that has an entry called ``name`` (the first if none has: its
    "not found" is the one to report).

    >>> import tempfile, pathlib
    >>> a, b = (TextFolder(f, f) for f in (pathlib.Path(tempfile.mkdtemp()), pathlib.Path(tempfile.mkdtemp())))
    >>> _ = (b.folder / "t.txt").write_text("x", encoding="utf-8")
    >>> holding((a, b), "t.txt") == b, holding((a, b), "u.txt") == a
    (True, True)
    """
    if "\x00" not in name and name:
        for found in folders:
            if os.path.lexists(os.path.join(found.folder, name)):
                return found
    return folders[0]


def seed_files(folder: Path | str, within: Path | str | None = None) -> list[Path]:
    """The regular files directly in the sources folder that :func:`read_seed` would read."""
    folder = Path(folder)
    if not folder.is_dir() or _outside(folder, within):
        return []
    return [p for p in sorted(folder.iterdir()) if (real := within_folder(folder, p.name)) is not None and real.is_file()]


__all__ = ["MAX_SEED_BYTES", "holding", "read_seed", "seed_files"]
