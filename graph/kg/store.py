"""The cached build: an on-disk Oxigraph store, keyed by a hash of everything it is made from.

``carekg build`` writes ``build/`` as one set: ``carekg.ttl``, ``carekg.nt``, ``carekg.jsonld``,
``store/`` (an Oxigraph store directory, which ``oxigraph serve-read-only --location
build/store`` can serve as it is: everything is in the default graph) and ``manifest.json``
(the key and the counts).  The set is written into a new directory beside ``build/`` and then
swapped in with interrupts held off, so a failure or Ctrl-C never leaves new Turtle beside old
JSON-LD, and no temporary files stay behind.

Every other command opens a store read-only (:func:`open_graph`) instead of parsing and
deriving again: the dataset's ``build/store`` when its key matches the inputs, else a store in
the cache (:mod:`graph.kg.cache`) made on the spot, with a one-line note on stderr when
``build/`` is out of date.  The key hashes the ontology, the shapes, the data, the rule and QC
queries, the article texts, the pyoxigraph version and every file of the code that builds the
store (:func:`graph.kg.cache.code_digest`), so a store is never used for inputs or code it was
not made from; and a store is used only with the seal of this user's cache
(:func:`graph.kg.cache.seal`), so one planted in ``build/`` or the cache is not.

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
from graph.kg.cache import PACKAGE, cache_folder, code_digest, evict, file_hash, mark, seal
from graph.kg.load import KnowledgeGraph, load, write_build
from graph.rdf.namespaces import PREFIX_IRIS
from graph.rdf.outputs import output_folder
from graph.rdf.paths import Paths
from graph.rdf.progress import stage
from graph.sparql.engine import OxigraphEngine
from graph.text.articles import seed_files

MANIFEST = "manifest.json"
STORE = "store"


def inputs(paths: Paths) -> list[Path]:
    """Every file a build is made from, in a stable order."""
    found = [paths.ontology, paths.shapes, *paths.data_files()]
    for kind in ("rules", "qc"):
        found += sorted((paths.queries / kind).glob("*.rq"))
    for texts in paths.text_folders():  # a dataset's own texts, and those of the dataset it builds on
        found += seed_files(texts.folder, texts.within)
    return found


def fingerprint(paths: Paths, package: Path = PACKAGE) -> str:
    """A hash of the inputs (names and contents), the pyoxigraph version and every file of the
    code that builds the store (this module and all it imports, found under ``package``)."""
    digest = hashlib.sha256(f"carekg-store 2 pyoxigraph {ox.__version__}\n".encode())
    digest.update(f"code\0{code_digest(__name__, package)}\n".encode())
    for path in inputs(paths):
        digest.update(f"{path.name}\0{file_hash(path)}\n".encode())
    return digest.hexdigest()


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
    (:func:`graph.kg.cache.cache_root` by default).
    """
    folder, manifest, note = locate(paths, cache)
    return open_store(folder, paths, manifest), note


def open_store(folder: Path, paths: Paths, manifest: dict) -> KnowledgeGraph:
    """The graph on the store in ``folder`` (found by :func:`locate`), opened read-only."""
    engine = OxigraphEngine.open(folder / STORE, PREFIX_IRIS, read_only=True)
    return KnowledgeGraph(engine, paths, manifest["counts"])


def in_memory(kg: KnowledgeGraph) -> KnowledgeGraph:
    """The same graph copied into an in-memory store: the checks of ``validate`` run two to
    three times faster there than on the on-disk store (RocksDB's reads), for the cost of one
    dump and one bulk load (benchmarks)."""
    with stage("copy the store into memory"):
        engine = OxigraphEngine.memory(PREFIX_IRIS)
        engine.store.bulk_load(input=kg.engine.dump("nt"), format=ox.RdfFormat.N_TRIPLES)
    return KnowledgeGraph(engine, kg.paths, kg.counts)


def locate(paths: Paths, cache: Path | None = None) -> tuple[Path, dict, str]:
    """The folder of a store that matches the inputs (made now if there is none), its manifest,
    and a note for the user ("" if there is nothing to say)."""
    root = cache_folder(cache)
    key = fingerprint(paths)
    sealed = seal(root, key)
    built = read_manifest(paths.build)
    if built and built.get("key") == key and built.get("seal") == sealed and (paths.build / STORE).is_dir():
        return paths.build, built, ""
    cached = root / sealed[:24]  # named by the seal: a folder planted for a key cannot guess it
    manifest = read_manifest(cached)
    if manifest and manifest.get("key") == key and manifest.get("seal") == sealed:
        return cached, manifest, ""
    start = time.perf_counter()
    with stage("make the dataset's store (once per change of its inputs)"):
        manifest = make_store(paths, cached, key, sealed)
    evict(root, keep=cached)
    note = ""
    # A build of this dataset that no longer matches its inputs is worth a word; a first use is
    # not, nor is a build of another dataset (``carekg --data DIR`` beside the curated build/).
    made = f"made a store in {cached} ({manifest['triples']:,} triples, {time.perf_counter() - start:.1f} s)"
    if built and built.get("key") == key:
        note = f"{paths.build} was not built by this user's carekg (its seal does not match {root}): not used; {made}"
    elif built and built.get("data") == _dataset_id(paths):
        note = f"{paths.build} is out of date (its inputs or carekg's code changed); {made}"
    return cached, manifest, note


def _disk_store(nt: Path, folder: Path) -> None:
    """The on-disk store at ``folder``, made in one bulk load of the N-Triples file ``nt``.  The
    graph is loaded and derived in memory (fast to query and to write out: about half the time of
    deriving on disk, benchmarks), and that store is dropped before this runs: RocksDB's bulk
    loader needs as much memory again (1.5 GB for a million triples)."""
    with stage("store: write it to disk"):
        disk = ox.Store(str(folder))
        disk.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        del disk  # closes the store: RocksDB keeps a lock while it is open


def _manifest(kg: KnowledgeGraph, key: str, sealed: str) -> dict:
    return {"key": key, "seal": sealed, "data": _dataset_id(kg.paths), "pyoxigraph": ox.__version__,
            "triples": len(kg.engine), "counts": kg.counts}


def _dataset_id(paths: Paths) -> str:
    """Which dataset a build is of: its data folder, resolved."""
    return str(paths.data.resolve())


def make_store(paths: Paths, folder: Path, key: str, sealed: str) -> dict:
    """Load the inputs into a new store at ``folder`` in the cache (made beside it, marked as the
    tool's own, then renamed into place)."""
    with _staging(folder) as stage:
        kg = load(paths)
        nt = stage / "carekg.nt"  # written to a file, never held in memory whole
        kg.engine.dump("nt", output=nt)
        manifest = _manifest(kg, key, sealed)
        del kg  # the in-memory store goes before the bulk load needs its memory
        _disk_store(nt, stage / STORE)
        nt.unlink()  # a cached store needs no N-Triples
        mark(stage)
        (stage / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        with _held_signals():
            if folder.exists():  # another process made the same store meanwhile: keep theirs
                return manifest
            os.rename(stage, folder)
    return manifest


def build(paths: Paths, out: Path | None = None, check=None, cache: Path | None = None) -> list[Path]:
    """Load, check and write the whole build set into ``out`` (the dataset's ``build/`` by
    default), sealed with the cache's secret (``cache``: see :mod:`graph.kg.cache`).

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
    sealed = seal(cache_folder(cache), key)
    with _staging(out) as stage:
        kg = load(paths)
        if check is not None:
            check(kg)
        written = [p.name for p in write_build(kg, stage)]
        manifest = _manifest(kg, key, sealed)
        del kg  # the in-memory store goes before the bulk load needs its memory
        _disk_store(stage / "carekg.nt", stage / STORE)
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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


__all__ = ["open_graph", "open_store", "in_memory", "locate", "build", "make_store", "fingerprint", "inputs", "read_manifest"]
