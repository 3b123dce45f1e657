"""Attacks on the cache and the build: each reproduces what an attacker or an easy mistake did
(issue 17) and checks the defence (SECURITY.md)."""

from __future__ import annotations

import json
import os

import pyoxigraph as ox
import pytest

from ..helpers import dataset_copy, run_carekg

PLANTED = "ASK { <https://w3id.org/carekg/id/planted> ?p ?o }"


def test_a_cache_folder_holding_other_things_loses_none_of_them(tmp_path):
    """CAREKG_CACHE=$HOME is an easy mistake: eviction used to keep the three newest folders and
    remove every other one (Documents/ and Photos/ went)."""
    home = tmp_path / "home"
    mine = {}
    for n, name in enumerate(("Documents", "Photos", "Music", "Videos", "Projects", "notes")):
        (home / name).mkdir(parents=True)
        (home / name / "precious.txt").write_text(name, encoding="utf-8")
        os.utime(home / name, (n, n))  # older than anything the tool makes
        mine[name] = name
    (home / ".hidden").mkdir()
    env = {"CAREKG_CACHE": str(home)}
    for n in range(2):  # two datasets, two stores made on the spot
        ds = dataset_copy(tmp_path / f"ds{n}")
        proc = run_carekg("--data", ds, "query", "documents", "-f", "csv", env=env)
        assert proc.returncode == 0, proc.stderr
    for name, text in mine.items():
        assert (home / name / "precious.txt").read_text(encoding="utf-8") == text, f"{name} was removed"
    assert (home / ".hidden").is_dir()


def test_cache_that_is_a_file_or_a_symlink_loop_is_one_error(tmp_path):
    afile = tmp_path / "cache-file"
    afile.write_text("not a folder", encoding="utf-8")
    loop = tmp_path / "loop"
    os.symlink(loop, loop)
    for where, says in ((afile, "is a regular file, not a folder"), (loop, "is a symlink loop")):
        proc = run_carekg("query", "documents", "-f", "csv", env={"CAREKG_CACHE": str(where)})
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr == f"carekg: error: the cache folder {where} {says}: point CAREKG_CACHE at a folder\n"
    assert afile.read_text(encoding="utf-8") == "not a folder"


def _plant(store_folder):
    store = ox.Store(str(store_folder))
    store.add(ox.Quad(ox.NamedNode("https://w3id.org/carekg/id/planted"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                      ox.Literal("served from a planted store")))
    del store


@pytest.mark.java
def test_a_planted_build_whose_manifest_names_the_right_key_is_not_served(tmp_path):
    """A dataset that arrives with its own build/ (made, and then altered, elsewhere): its manifest
    names the right key, but not this user's seal, so a store is made from the inputs instead."""
    ds = dataset_copy(tmp_path / "ds")
    theirs, ours = {"CAREKG_CACHE": str(tmp_path / "their-cache")}, {"CAREKG_CACHE": str(tmp_path / "our-cache")}
    assert run_carekg("--data", ds, "build", env=theirs).returncode == 0
    _plant(ds / "build" / "store")
    assert run_carekg("--data", ds, "query", "-e", PLANTED, env=theirs).stdout == "true\n"  # where it was made
    proc = run_carekg("--data", ds, "query", "-e", PLANTED, env=ours)
    assert (proc.returncode, proc.stdout) == (0, "false\n"), proc.stderr
    assert "was not built by this user's carekg" in proc.stderr and len(proc.stderr.splitlines()) == 1
    valid = run_carekg("--data", ds, "validate", "--check", "shacl", env=ours)
    assert valid.returncode == 0, valid.stdout


def test_a_store_planted_in_the_cache_is_not_served(tmp_path):
    """Write access to the cache is not enough: a store's folder is named by its seal, which needs
    the cache's private secret, and its manifest must carry the seal."""
    from graph.kg.store import fingerprint
    from graph.rdf.paths import Paths

    ds = dataset_copy(tmp_path / "ds")
    env = {"CAREKG_CACHE": str(tmp_path / "cache")}
    assert run_carekg("--data", ds, "query", "-e", PLANTED, env=env).stdout == "false\n"
    made = [p for p in (tmp_path / "cache").iterdir() if (p / "manifest.json").exists()]
    assert len(made) == 1
    manifest = json.loads((made[0] / "manifest.json").read_text(encoding="utf-8"))
    key = fingerprint(Paths.for_dataset(ds))
    assert manifest["key"] == key
    # the planter copies the store under the old name (the key's start) with a forged seal,
    # and tampers the real one's content after rewriting its seal
    import shutil

    forged = tmp_path / "cache" / key[:24]
    shutil.copytree(made[0], forged)
    _plant(forged / "store")
    (forged / "manifest.json").write_text(json.dumps(dict(manifest, seal="0" * 64)), encoding="utf-8")
    assert run_carekg("--data", ds, "query", "-e", PLANTED, env=env).stdout == "false\n"


def test_a_cache_whose_secret_another_user_owns_is_refused(tmp_path):
    """A shared folder (CAREKG_CACHE=/tmp/cache): whoever made the secret there could seal stores."""
    root = tmp_path / "shared-cache"
    root.mkdir()
    secret = root / ".carekg-secret"
    secret.write_text("0" * 64, encoding="utf-8")
    os.chmod(secret, 0o644)
    proc = run_carekg("query", "documents", env={"CAREKG_CACHE": str(root)})
    assert proc.returncode == 2 and "is not this user's own" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) == 1
