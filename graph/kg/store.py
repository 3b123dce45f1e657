"""The cached build: an on-disk Oxigraph store, keyed by a hash of everything it is made from.

``carekg build`` writes ``build/`` as one set: ``carekg.ttl``, ``carekg.nt``, ``carekg.jsonld``,
``store/`` (an Oxigraph store directory, which ``oxigraph serve-read-only --location
build/store`` can serve as it is: everything is in the default graph) and ``manifest.json``
(the key and the counts).  The set is written into a new directory beside ``build/`` and then
swapped in with interrupts held off, so a failure or Ctrl-C never leaves new Turtle beside old
JSON-LD, and no temporary files stay behind.

Every other command opens a store read-only (:func:`open_graph`) instead of parsing and
deriving again: ``build/store`` when its key matches the inputs, else a store in the cache
(``$CAREKG_CACHE``, else ``$XDG_CACHE_HOME/carekg`` or ``~/.cache/carekg``) made on the spot,
with a one-line note on stderr when ``build/`` is out of date.  The key hashes the ontology, the shapes, the data, the rule and QC queries,
the article texts, the pyoxigraph version and the code that builds the store, so a store is
never used for inputs it was not made from.

Examples
--------
>>> import tempfile
>>> from graph.rdf.paths import Paths
>>> with tempfile.TemporaryDirectory() as tmp:
...     paths, cache = Paths(build=Path(tmp) / "build"), Path(tmp) / "cache"
...     kg, note = open_graph(paths, cache)
...     again, note2 = open_graph(paths, cache)
...     same = kg.engine.location == again.engine.location
...     del kg, again
>>> note, note2, same
('', '', True)
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
import signal
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from graph.errors import OutputError
from graph.kg.load import KnowledgeGraph, load, write_build
from graph.rdf.namespaces import PREFIXES
from graph.rdf.outputs import output_folder
from graph.rdf.paths import Paths
from graph.sparql.engine import OxigraphEngine
from graph.text.articles import seed_files

MANIFEST = "manifest.json"
STORE = "store"
KEEP = 4  # cached stores kept (the most recently made)
_CODE = [Path(__file__), Path(__file__).with_name("load.py"), Path(__file__).parent.parent / "sparql" / "engine.py"]


def cache_root() -> Path:
    """Where stores made on the spot live (shared by every checkout: they are keyed)."""
    if os.environ.get("CAREKG_CACHE"):
        return Path(os.environ["CAREKG_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "carekg"


def inputs(paths: Paths) -> list[Path]:
    """Every file a build is made from, in a stable order."""
    found = [paths.ontology, paths.shapes, *paths.data_files()]
    for kind in ("rules", "qc"):
        found += sorted((paths.queries / kind).glob("*.rq"))
    found += seed_files(paths.seeds)
    return found


def fingerprint(paths: Paths) -> str:
    """A hash of the inputs (names and contents), the pyoxigraph version and the builder's code."""
    digest = hashlib.sha256(f"carekg-store 1 pyoxigraph {ox.__version__}\n".encode())
    for path in _CODE + inputs(paths):
        digest.update(f"{path.name}\0{_file_hash(path)}\n".encode())
    return digest.hexdigest()


_HASHES: dict = {}


def _file_hash(path: Path) -> str:
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


def read_manifest(folder: Path) -> dict | None:
    """The manifest of a build or cache folder, or None if it has none (or a broken one)."""
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def open_graph(paths: Paths, cache: Path | None = None) -> tuple[KnowledgeGraph, str]:
    """The dataset's graph on a store that matches its inputs, and a note ("" if none).

    The note says why a store had to be made when a build exists but its inputs changed since;
    a dataset's first use makes its store quietly.  ``cache`` is the cache folder
    (:func:`cache_root` by default).
    """
    folder, manifest, note = locate(paths, cache)
    return open_store(folder, paths, manifest), note


def open_store(folder: Path, paths: Paths, manifest: dict) -> KnowledgeGraph:
    """The graph on the store in ``folder`` (found by :func:`locate`), opened read-only."""
    engine = OxigraphEngine.open(folder / STORE, PREFIXES, read_only=True)
    return KnowledgeGraph(engine, paths, manifest["counts"])


def locate(paths: Paths, cache: Path | None = None) -> tuple[Path, dict, str]:
    """The folder of a store that matches the inputs (made now if there is none), its manifest,
    and a note for the user ("" if there is nothing to say)."""
    root = cache or cache_root()
    key = fingerprint(paths)
    built = read_manifest(paths.build)
    if built and built.get("key") == key and (paths.build / STORE).is_dir():
        return paths.build, built, ""
    cached = root / key[:24]
    manifest = read_manifest(cached)
    if manifest and manifest.get("key") == key:
        return cached, manifest, ""
    start = time.perf_counter()
    manifest = make_store(paths, cached, key)
    _evict(root, keep=cached)
    note = ""
    # A build of this dataset that no longer matches its inputs is worth a word; a first use is
    # not, nor is a build of another dataset (``carekg --data DIR`` beside the curated build/).
    if built and built.get("data") == _dataset_id(paths):
        note = (f"{paths.build} is out of date (its inputs changed); made a store in {cached} "
                f"({manifest['triples']:,} triples, {time.perf_counter() - start:.1f} s)")
    return cached, manifest, note


def _load_into(paths: Paths, folder: Path) -> KnowledgeGraph:
    """Load and derive in memory (fast to query and to write out), then write the on-disk store
    in one bulk load of its N-Triples: about half the time of deriving on disk (benchmarks)."""
    kg = load(paths)
    nt = kg.engine.dump("nt")
    disk = ox.Store(str(folder / STORE))
    disk.bulk_load(input=nt, format=ox.RdfFormat.N_TRIPLES)
    del disk  # closes the store: RocksDB keeps a lock while it is open
    kg.derived["dump:nt"] = nt  # the build writes these bytes as carekg.nt
    return kg


def _manifest(kg: KnowledgeGraph, key: str) -> dict:
    return {"key": key, "data": _dataset_id(kg.paths), "pyoxigraph": ox.__version__,
            "triples": len(kg.engine), "counts": kg.counts}


def _dataset_id(paths: Paths) -> str:
    """Which dataset a build is of: its data folder, resolved."""
    return str(paths.data.resolve())


def make_store(paths: Paths, folder: Path, key: str | None = None) -> dict:
    """Load the inputs into a new store at ``folder`` (made beside it, then renamed into place)."""
    key = key or fingerprint(paths)
    folder.parent.mkdir(parents=True, exist_ok=True)
    with _staging(folder) as stage:
        kg = _load_into(paths, stage)
        manifest = _manifest(kg, key)
        del kg  # closes the store: RocksDB keeps a lock while it is open
        (stage / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        with _held_signals():
            if folder.exists():  # another process made the same store meanwhile: keep theirs
                return manifest
            os.rename(stage, folder)
    return manifest


def build(paths: Paths, out: Path | None = None, check=None) -> list[Path]:
    """Load, check and write the whole build set into ``out`` (``build/`` by default).

    ``check(kg)`` runs before anything is written (it raises to stop the build).  Returns the
    paths written.  A folder ``out`` is made if its parent exists (see
    :func:`graph.rdf.outputs.output_folder`); only the default ``build/`` gets its parents.
    """
    if out:  # a folder the user named: made if its parent exists, never its parents
        out = output_folder(out, create=False)
    else:  # the tool's own build/ may be made, parents and all
        out = paths.build
        out.parent.mkdir(parents=True, exist_ok=True)
    key = fingerprint(paths)
    with _staging(out) as stage:
        kg = _load_into(paths, stage)
        if check is not None:
            check(kg)
        written = [p.name for p in write_build(kg, stage)]
        manifest = _manifest(kg, key)
        del kg
        (stage / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        names = written + [STORE, MANIFEST]
        with _held_signals():
            if not out.exists():
                os.rename(stage, out)
            else:
                for name in names:  # the manifest last: a reader trusts the set once it matches
                    _swap(stage / name, out / name)
    return [out / name for name in names]


def _swap(new: Path, target: Path) -> None:
    if new.is_dir() and target.is_dir() and not target.is_symlink():
        if _exchange(new, target):
            return  # the old directory is now at ``new`` and goes with the staging folder
        os.rename(target, new.with_name(new.name + ".old"))
    os.replace(new, target)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories atomically (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


@contextlib.contextmanager
def _staging(target: Path):
    """A new folder beside ``target``, removed afterwards whatever happens."""
    try:
        stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent))
        os.chmod(stage, 0o777 & ~_umask())  # a finished folder is readable like any other
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}") from None
    try:
        yield stage
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)


@contextlib.contextmanager
def _held_signals():
    """Hold off Ctrl-C and termination while a set of renames runs (they take microseconds)."""
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def kept(name: str, key, compute, cache: Path | None = None):
    """``compute()``, kept as JSON in the cache under a hash of ``name`` and ``key`` (any JSON
    value), so work that depends only on its inputs (a map layout, say) is done once.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     first = kept("demo", [1, 2], lambda: [3], cache=Path(tmp))
    ...     second = kept("demo", [1, 2], lambda: [4], cache=Path(tmp))
    >>> first, second
    ([3], [3])
    """
    digest = hashlib.sha256(json.dumps([name, key], sort_keys=True).encode()).hexdigest()[:32]
    path = (cache or cache_root()) / "kept" / f"{name}-{digest}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    value = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".kept.")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(value, f)
        os.replace(tmp, path)
    except OSError:  # a cache that cannot be written is only slower
        pass
    return value


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _evict(root: Path, keep: Path) -> None:
    stores = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".") and p != keep),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for old in stores[KEEP - 1:]:
        shutil.rmtree(old, ignore_errors=True)


__all__ = ["open_graph", "open_store", "locate", "build", "kept", "make_store", "fingerprint", "inputs", "cache_root", "read_manifest"]
