"""The cache folder: where stores made on the spot and kept results live, and what may be trusted
or removed there.

The folder is ``$CAREKG_CACHE``, else ``$XDG_CACHE_HOME/carekg`` or ``~/.cache/carekg``; it is
shared by every checkout and every dataset, so everything in it is keyed by what it was made
from.  Three rules keep it honest:

* **Keys cover all the code a result depends on**, read from the package's files rather than a
  hand list: :func:`code_digest` hashes a module and every ``graph`` module it imports, at any
  depth and inside functions too, with the data files of their packages.  Editing any of them,
  or switching to a branch where one differs, makes a new key.
* **Only what the tool made is ever removed**: each store folder it makes carries a
  :data:`MARK` file, and eviction (:func:`evict`) looks at nothing else, so ``kept/`` (the
  memos of :func:`kept`) and whatever else the folder holds (``CAREKG_CACHE=$HOME`` is an easy
  mistake) are left alone.
* **A store is served only if this user's carekg made it**: the folder holds a random secret
  (:data:`SECRET`, readable by its owner only), and a store's manifest carries a seal, an HMAC
  of its key under that secret (:func:`seal`).  A store planted in the cache or shipped in a
  dataset's ``build/`` with a manifest that names the right key has no valid seal, and a cached
  store's folder name is derived from the seal, so it cannot be guessed either.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     root = cache_folder(Path(tmp) / "cache")
...     same = seal(root, "k") == seal(root, "k") != seal(root, "other")
...     folders = sorted(p.name for p in root.iterdir())
>>> same, folders
(True, ['.carekg-secret'])
>>> code_digest("graph.errors") == code_digest("graph.errors")
True
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import json
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

from graph.errors import OutputError

PACKAGE = Path(__file__).resolve().parent.parent  # the graph/ folder
MARK = "CAREKG-STORE"  # in every store folder the tool made: the only folders eviction touches
SECRET = ".carekg-secret"
KEEP = 4  # cached stores kept (the most recently made)


def cache_root() -> Path:
    """Where the cache is (not checked: see :func:`cache_folder`)."""
    if os.environ.get("CAREKG_CACHE"):
        return Path(os.environ["CAREKG_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "carekg"


def cache_folder(root: Path | None = None) -> Path:
    """The cache folder (``root``, or :func:`cache_root`), made if missing; one
    :class:`~graph.errors.OutputError` if it is a file, a symlink loop or cannot be made.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile() as f:
    ...     cache_folder(Path(f.name))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    graph.errors.OutputError: the cache folder ... is a regular file, not a folder: point CAREKG_CACHE at a folder
    """
    root = root or cache_root()
    try:
        st = os.stat(root)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(f"the cache folder {root} is a symlink loop: point CAREKG_CACHE at a folder") from None
        if exc.errno != errno.ENOENT or os.path.islink(root):
            raise OutputError(f"cannot use the cache folder {root}: {_reason(exc)}") from None
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(f"cannot make the cache folder {root}: {_reason(err)}") from None
        return root
    if not stat.S_ISDIR(st.st_mode):
        from graph.rdf.paths import file_kind

        kind = "a regular file" if stat.S_ISREG(st.st_mode) else file_kind(st.st_mode)
        raise OutputError(f"the cache folder {root} is {kind}, not a folder: point CAREKG_CACHE at a folder")
    return root


def _reason(exc: OSError) -> str:
    from graph.rdf.paths import os_reason

    return os_reason(exc)


def secret(root: Path) -> bytes:
    """The cache's secret: made once (random, readable by its owner only), then read.  A secret
    that another user owns or could read is refused: whoever knows it could seal a store."""
    path = root / SECRET
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        pass
    except OSError as exc:
        raise OutputError(f"cannot write the cache folder {root}: {_reason(exc)}") from None
    else:
        with os.fdopen(fd, "wb") as f:
            f.write(os.urandom(32).hex().encode())
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise OutputError(f"cannot read the cache's secret {path}: {_reason(exc)}") from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
            raise OutputError(f"the cache's secret {path} is not this user's own (owner {st.st_uid}, mode "
                              f"{stat.filemode(st.st_mode)}): refusing a cache another user may have filled; "
                              "point CAREKG_CACHE at a folder of your own")
        value = f.read(256)
    if len(value) < 32:
        raise OutputError(f"the cache's secret {path} is damaged: remove it, and carekg makes a new one")
    return value


def seal(root: Path, key: str) -> str:
    """The seal of a store made from inputs with ``key``: an HMAC of the key under the cache's
    :func:`secret` (hex)."""
    return hmac.new(secret(root), key.encode(), hashlib.sha256).hexdigest()


def store_folders(root: Path) -> list[Path]:
    """The store folders the tool made in ``root`` (those holding :data:`MARK`), newest first."""
    try:
        found = [p for p in root.iterdir() if not p.is_symlink() and p.is_dir() and (p / MARK).is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def mark(folder: Path) -> None:
    """Mark a folder the tool made as one of its stores (before it is renamed into the cache)."""
    (folder / MARK).write_text("a store made by carekg; removed when newer ones replace it\n", encoding="utf-8")


def evict(root: Path, keep: Path) -> None:
    """Remove the tool's own stores beyond the :data:`KEEP` newest (``keep`` always stays)."""
    for old in [p for p in store_folders(root) if p != keep][KEEP - 1:]:
        shutil.rmtree(old, ignore_errors=True)


def kept(name: str, key, compute, cache: Path | None = None, keep=None):
    """``compute()``, kept as JSON in the cache under a hash of ``name`` and ``key`` (any JSON
    value), so work that depends only on its inputs (a map layout, say) is done once.  The key
    must name the code that computes too (:func:`code_digest`).  ``keep(value)``, if given, says
    whether a value may be kept (an answer that failed for a passing reason may not).

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     first = kept("demo", [1, 2], lambda: [3], cache=Path(tmp))
    ...     second = kept("demo", [1, 2], lambda: [4], cache=Path(tmp))
    >>> first, second
    ([3], [3])
    """
    digest = hashlib.sha256(json.dumps([name, key], sort_keys=True).encode()).hexdigest()[:32]
    path = cache_folder(cache) / "kept" / f"{name}-{digest}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    value = compute()
    if keep is not None and not keep(value):
        return value
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".kept.")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(value, f)
        os.replace(tmp, path)
    except OSError:  # a cache that cannot be written is only slower
        pass
    return value


# --- the code a result depends on ---------------------------------------------------------------

_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+(graph(?:\.\w+)*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)|import[ \t]+(graph(?:\.\w+)*))", re.M)
_HASHES: dict = {}


def code_files(module: str, package: Path = PACKAGE) -> list[Path]:
    """The files of the ``graph`` package (found under ``package``) that ``module`` runs: its own
    file, every ``graph`` module it imports (at any depth, inside functions too), the
    ``__init__.py`` of each package on the way, and the data files (SQL, YAML, JSON, the map's
    static files) that sit in those packages.

    >>> sorted(p.name for p in code_files("graph.errors"))
    ['__init__.py', 'errors.py']
    """
    seen: set[Path] = set()
    todo, scanned = [module], set()
    while todo:
        name = todo.pop()
        parts = name.split(".")[1:]
        path = package.joinpath(*parts).with_suffix(".py") if parts else package / "__init__.py"
        if not path.is_file():
            path = package.joinpath(*parts, "__init__.py")
        if not path.is_file() or path in scanned:
            continue
        scanned.add(path)
        seen.add(path)
        # the packages on the way run their __init__ first
        todo += [".".join(["graph", *parts[:depth]]) for depth in range(len(parts))]
        for base, names, plain in _IMPORT.findall(path.read_text(encoding="utf-8")):
            base = base or plain
            todo.append(base)
            todo += [f"{base}.{n}" for n in re.findall(r"\w+", names) if n != "as"]
    data = set()
    for folder in {p.parent for p in seen}:
        data |= {f for f in folder.rglob("*") if f.is_file() and f.suffix not in (".py", ".pyc")
                 and "__pycache__" not in f.parts and not _in_subpackage(f, folder)}
    return sorted(seen | data)


def _in_subpackage(path: Path, folder: Path) -> bool:
    return any((parent / "__init__.py").is_file() for parent in path.parents if parent != folder and folder in parent.parents)


def code_digest(module: str, package: Path = PACKAGE) -> str:
    """A hash of every file :func:`code_files` finds for ``module``: a key part that changes
    whenever the code behind a cached result does."""
    digest = hashlib.sha256(f"carekg-code {module}\n".encode())
    for path in code_files(module, package):
        digest.update(f"{path.relative_to(package).as_posix()}\0{file_hash(path)}\n".encode())
    return digest.hexdigest()


def file_hash(path: Path) -> str:
    """The SHA-256 of a file's bytes ("missing" if it cannot be read), remembered while its size
    and modification time stay the same."""
    try:
        st = path.stat()
    except OSError:
        return "missing"
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _HASHES:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        _HASHES[key] = h.hexdigest()
    return _HASHES[key]


__all__ = ["PACKAGE", "MARK", "SECRET", "KEEP", "cache_root", "cache_folder", "secret", "seal", "store_folders", "mark",
           "evict", "kept", "code_files", "code_digest", "file_hash"]
