"""The limits a user's query runs under (graph.sparql.limits), called directly with small Python
tasks in place of a query: rows, time, memory, output relayed as written, exit codes.  (The
end-to-end attacks, through the carekg command, are in test_limits.py.)"""

from __future__ import annotations

import io
import sys
import time

import pytest

from graph.errors import CareKGError
from graph.sparql.limits import cap_memory, limited, supervised


def test_limited_passes_rows_up_to_the_limit_then_stops_loudly():
    assert list(limited(iter(range(3)), 3)) == [0, 1, 2]
    assert list(limited(iter(range(5)), 0)) == [0, 1, 2, 3, 4]   # 0: no limit
    rows = limited(iter(range(5)), 2)
    assert [next(rows), next(rows)] == [0, 1]
    with pytest.raises(CareKGError, match=r"stopped after 2 rows \(--max-rows\); the output is incomplete") as stopped:
        next(rows)
    assert stopped.value.exit_code == 3


def test_output_comes_back_as_written_and_so_does_the_exit_code(capsys):
    out = io.StringIO()

    def task():
        print("caf\u00e9 \u2014 \U0001F600", flush=True)   # multi-byte characters, however the pipe splits them
        sys.stdout.write("x" * 100_000)
        print("a warning", file=sys.stderr)
        return 4

    assert supervised(task, timeout=30, out=out) == 4
    assert out.getvalue() == "caf\u00e9 \u2014 \U0001F600\n" + "x" * 100_000
    assert capsys.readouterr().err == "a warning\n"


def test_a_task_that_never_ends_stops_at_the_timeout():
    started = time.monotonic()
    with pytest.raises(CareKGError, match=r"stopped after 0.5 s \(--timeout\); the query may never finish"):
        supervised(lambda: time.sleep(60) or 0, timeout=0.5, out=io.StringIO())
    assert time.monotonic() - started < 10


def test_a_task_over_its_memory_cap_is_stopped_with_one_line(capsys):
    def task():
        cap_memory(64)
        hog = [bytearray(1024 * 1024) for _ in range(1024)]   # a gigabyte, far over the cap
        return len(hog)

    with pytest.raises(CareKGError, match=r"needed more than 64 MB of memory \(--max-memory\)"):
        supervised(task, timeout=30, max_memory=64, out=io.StringIO())
    assert "Traceback" not in capsys.readouterr().err


def test_exit_and_failure_in_the_task(capsys):
    assert supervised(lambda: sys.exit(2), timeout=30, out=io.StringIO()) == 2
    assert supervised(lambda: 1 / 0, timeout=30, out=io.StringIO()) == 1
    assert "ZeroDivisionError" in capsys.readouterr().err   # a bug keeps its traceback visible


def test_the_allocators_last_words_are_not_relayed(capsys):
    def task():
        print("memory allocation of 1048576 bytes failed", file=sys.stderr)
        print("a line the user should see", file=sys.stderr)
        return 0

    assert supervised(task, timeout=30, out=io.StringIO()) == 0
    assert capsys.readouterr().err == "a line the user should see\n"
