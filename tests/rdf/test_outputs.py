"""Output paths never destroy what is there (issue 10, item 1 and `map -o <directory>`).

Each test reproduces one attack on ``-o``: a device, a FIFO, a symlink, a hard link, a private
file, a missing folder, a folder, standard output.  The library writer is tested directly and
through the command line, in-process (fast) and, where the shell's own handles matter, in a
real process.
"""

from __future__ import annotations

import os
import stat
import threading

import pytest

from graph.errors import OutputError
from graph.rdf.outputs import output_folder, output_target, write_text

from ..helpers import run_carekg


def test_dev_null_stays_a_character_device():
    # The attack ran as root: `export stances -o /dev/null` made /dev/null a regular file.
    assert output_target("/dev/null").how == "stream"
    write_text("/dev/null", "actor,position\r\n")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_cli_export_to_dev_null_keeps_the_device(cli):
    code, out, err = cli("export", "stances", "-o", "/dev/null")
    assert (code, out) == (0, "") and err == "wrote /dev/null\n"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("args", [
    ("map", "--no-coalitions"),
    ("discourse", "two-mode"),
    ("query", "actors-by-type", "-f", "csv"),
    ("export", "network", "-f", "gexf"),
    ("coalitions",),
])
def test_every_command_writing_to_dev_null_keeps_the_device(cli, args):
    # The same attack through every other command that takes -o.
    code, out, err = cli(*args, "-o", "/dev/null")
    assert (code, out) == (0, ""), err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_fifo_is_written_into_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    write_text(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert got == ["through the pipe\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temporary file left


def test_symlink_target_is_replaced_and_the_link_stays(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "out.csv"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    write_text(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real"]
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["out.csv"]


def test_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "made.csv")
    write_text(link, "new")
    assert link.is_symlink() and (tmp_path / "made.csv").read_text(encoding="utf-8") == "new"


def test_symlink_loop_is_one_clear_error(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(OutputError) as err:
        write_text(tmp_path / "a", "x")
    assert str(err.value) == f"cannot write {tmp_path / 'a'}: Too many levels of symbolic links"


def test_hard_links_keep_sharing_the_new_content(tmp_path):
    first = tmp_path / "first.csv"
    first.write_text("old", encoding="utf-8")
    os.link(first, tmp_path / "second.csv")
    inode = os.stat(first).st_ino
    write_text(first, "new")
    assert os.stat(first).st_ino == inode and os.stat(first).st_nlink == 2
    assert (tmp_path / "second.csv").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.csv", "second.csv"]


def test_private_file_keeps_its_permissions(tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("old", encoding="utf-8")
    os.chmod(secret, 0o600)
    write_text(secret, "new")
    assert stat.S_IMODE(os.stat(secret).st_mode) == 0o600
    assert secret.read_text(encoding="utf-8") == "new"


def test_new_file_gets_the_usual_permissions(tmp_path):
    mask = os.umask(0o022)
    try:
        write_text(tmp_path / "new.csv", "x")
    finally:
        os.umask(mask)
    assert stat.S_IMODE(os.stat(tmp_path / "new.csv").st_mode) == 0o644


def test_missing_folder_is_not_created(tmp_path):
    with pytest.raises(OutputError) as err:
        write_text(tmp_path / "nope" / "x.csv", "x")
    assert str(err.value) == (f"cannot write {tmp_path / 'nope' / 'x.csv'}: folder {tmp_path / 'nope'} "
                              "does not exist (create it first)")
    assert list(tmp_path.iterdir()) == []


def test_the_tools_own_default_folder_may_be_made(tmp_path):
    write_text(tmp_path / "build" / "map.html", "x", create_parent=True)
    assert (tmp_path / "build" / "map.html").read_text(encoding="utf-8") == "x"


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(OutputError, match="it is a folder; give a file name"):
        output_target(tmp_path)


def test_build_out_makes_only_the_folder_it_names(cli, tmp_path):
    code, out, err = cli("build", "--out", tmp_path / "a" / "b")
    assert code == 2 and err == (f"carekg: error: cannot write into {tmp_path / 'a' / 'b'}: folder "
                                 f"{tmp_path / 'a'} does not exist (create it first)\n")
    assert list(tmp_path.iterdir()) == []
    assert output_folder(tmp_path / "a") == tmp_path / "a" and (tmp_path / "a").is_dir()


def test_map_into_a_folder_fails_before_drawing(tmp_path):
    # It used to draw for 40 s and then fail; now the path is checked before the graph loads.
    # CAREKG_HOME points at an empty folder: had anything been loaded, the error would be
    # the missing ontology instead.
    (tmp_path / "empty").mkdir()
    proc = run_carekg("map", "-o", tmp_path, env={"CAREKG_HOME": str(tmp_path / "empty")})
    assert proc.returncode == 2
    assert proc.stderr == f"carekg: error: cannot write {tmp_path}: it is a folder; give a file name\n"


def test_dash_writes_to_standard_output(cli):
    code, out, err = cli("export", "stances", "-o", "-")
    assert code == 0 and out.startswith("actor,actor_type,") and err == ""


def test_dev_stdout_in_a_real_process_keeps_working(tmp_path):
    proc = run_carekg("query", "-e", "ASK { kg:kings-fund a carekg:ThinkTank }", "-o", "/dev/stdout")
    assert (proc.returncode, proc.stdout) == (0, "true\n")


def test_failed_output_leaves_the_old_file(tmp_path, monkeypatch):
    out = tmp_path / "x.csv"
    out.write_text("old", encoding="utf-8")

    def broken(tmp):
        raise OSError(28, "No space left on device")

    from graph.rdf.outputs import write_atomic

    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(out, broken)
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv"]
