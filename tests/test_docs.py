"""The documentation is true to the code it describes.

- Every transcript (a ``console`` block: ``$ command`` lines, each followed by its output) runs,
  in a fresh folder beside the article texts as a checkout is, and prints exactly what the page
  shows; a last output line ``...`` means the rest is left out, and only the lines above it count.
  A command that ends with a here-document (``$ cat > story.txt <<'EOF'``) takes the lines up to
  ``EOF`` as its input: that is how a page writes a file the next commands read.
- Every ``carekg`` command line in a code block parses with the real parser (the command and its
  options exist), and every ``carekg COMMAND`` in running text names a real command.
- Every link to a file, every repository path and every ``graph.`` name in code resolves.
- The pages made from the code (the query reference, the package map) are what it makes now;
  ``python -m graph.cli.reference`` writes them.

``CAREKG_WRITE_DOCS=1 python -m pytest tests/test_docs.py`` rewrites the transcripts' outputs
from what the commands print instead of checking them (then read the diff).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.cli.parser import parser, subcommands
from graph.cli.reference import pages
from graph.rdf.paths import Paths

from .helpers import ROOT

WRITE = os.environ.get("CAREKG_WRITE_DOCS") == "1"
# The CLI reference is the parser written out, with a test of its own (tests/cli/test_reference.py).
OWN_TEST = {"docs/cli.md"}
DOCS = [ROOT / "README.md", ROOT / "SECURITY.md", ROOT / "data" / "CURATION.md",
        *sorted(p for p in (ROOT / "docs").glob("*.md") if f"docs/{p.name}" not in OWN_TEST)]
COMMANDS = sorted(subcommands(parser()))
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
SPAN = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
REPO_PATH = re.compile(r"(?<![\w./-])((?:graph|queries|data|tests|benchmarks|scripts|notebooks|ontology|docs)/[\w./*-]*)")
SHELL = {"bash", "sh", "console", ""}
HEREDOC = re.compile(r"<<-?\s*'?(\w+)'?\s*$")


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# --- reading a page ---------------------------------------------------------------------------

@dataclass
class Step:
    """One ``$ command`` of a transcript and the output shown under it."""

    command: str
    shown: list[str]

    @property
    def cut(self) -> bool:
        return bool(self.shown) and self.shown[-1] == "..."


def transcripts(text: str) -> list[list[Step]]:
    """The ``console`` blocks of a page, each as its steps."""
    out = []
    for m in FENCE.finditer(text):
        if m.group(1) != "console":
            continue
        steps: list[Step] = []
        heredoc = None  # the word that ends the here-document being read, if one is
        for line in m.group(2).splitlines():
            if heredoc is not None:
                steps[-1].command += "\n" + line
                heredoc = None if line == heredoc else heredoc
            elif line.startswith("$ "):
                steps.append(Step(line[2:], []))
                if (here := HEREDOC.search(line)):
                    heredoc = here.group(1)
            elif steps:
                steps[-1].shown.append(line)
            elif line.strip():
                raise AssertionError(f"output before any command in a console block: {line!r}")
        out.append(steps)
    return out


def prose(text: str) -> str:
    """The page without its fenced blocks."""
    return FENCE.sub("", text)


def command_lines(text: str) -> list[str]:
    """Every ``carekg`` command line in the page's shell blocks (continuations joined)."""
    found = []
    for m in FENCE.finditer(text):
        if m.group(1) not in SHELL:
            continue
        body = m.group(2).replace("\\\n", " ")
        for line in body.splitlines():
            line = line.strip()
            if m.group(1) == "console":
                if not line.startswith("$ "):
                    continue
                line = line[2:]
            if line.startswith("carekg "):
                found.append(line)
    return found


def argv(line: str) -> list[str]:
    """The arguments of one ``carekg`` command line, up to the first shell operator or comment."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|<>")
    lexer.whitespace_split, lexer.commenters = True, "#"
    args = []
    for token in lexer:
        if token and set(token) <= set(";&|<>"):
            break
        args.append(token)
    return args[1:]


def parse_problem(args: list[str]) -> str:
    """'' when the parser accepts ``args`` without a word, else its message (an error, or the note
    that an old spelling of an option is deprecated)."""
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            parser().parse_args(args)
    except SystemExit as exc:
        if exc.code:
            return err.getvalue().strip().splitlines()[-1] if err.getvalue().strip() else f"exit {exc.code}"
    return err.getvalue().strip()


def named_commands(text: str) -> list[str]:
    """The command names after ``carekg`` (and its global options) in the page's inline code."""
    found = []
    for span in SPAN.findall(prose(text)):
        words = span.split()
        while words and words[0] == "carekg" and len(words) > 1:
            rest = words[1:]
            if rest[0] == "--data":
                rest = rest[2:]
            if rest and re.fullmatch(r"[a-z][a-z-]*", rest[0]):  # not an option, a COMMAND or "carekg iri:"
                found.append(rest[0])
            break
    return found


def code_text(text: str) -> str:
    """What the page shows as code: inline spans, shell commands and non-transcript blocks."""
    parts = SPAN.findall(prose(text))
    for m in FENCE.finditer(text):
        lines = m.group(2).splitlines()
        if m.group(1) == "console":
            lines = [line for line in lines if line.startswith("$ ")]
        if m.group(1) in SHELL:
            parts += lines
    return "\n".join(parts)


def broken_links(path: Path, text: str) -> list[str]:
    """Links to files (and headings) that do not exist, relative to the page."""
    bad = []
    for target in LINK.findall(text):
        if re.match(r"^[a-z]+:", target):
            continue  # http(s), mailto: the network is not checked
        file, _, anchor = target.partition("#")
        dest = (path.parent / file).resolve() if file else path
        shown = rel(dest) if dest.is_relative_to(ROOT) else str(dest)
        if not dest.exists():
            bad.append(f"{target}: no such file")
        elif anchor and dest.suffix == ".md" and anchor not in anchors(read(dest)):
            bad.append(f"{target}: no heading #{anchor} in {shown}")
    return bad


def anchors(text: str) -> set[str]:
    """The anchors GitHub makes for a page's headings."""
    out = set()
    for line in prose(text).splitlines():
        if line.startswith("#"):
            heading = line.lstrip("#").strip().lower()
            out.add(re.sub(r"[^\w\- ]", "", heading).replace(" ", "-"))
    return out


def missing_paths(text: str) -> list[str]:
    """Repository paths shown as code that name no file or folder (globs must match one)."""
    bad = []
    for found in REPO_PATH.findall(code_text(text)):
        found = found.rstrip(".")
        if "*" in found:
            if not list(ROOT.glob(found)):
                bad.append(found)
        elif not (ROOT / found).exists():
            bad.append(found)
    return bad


def missing_names(text: str) -> list[str]:
    """``graph.x.y`` names shown as code that no module or attribute answers to."""
    bad = []
    for name in re.findall(r"(?<![\w.])(graph(?:\.\w+)+)", "\n".join(SPAN.findall(prose(text)))):
        parts = name.split(".")
        for cut in range(len(parts), 0, -1):
            try:
                obj = importlib.import_module(".".join(parts[:cut]))
            except ImportError:
                continue
            try:
                for attr in parts[cut:]:
                    obj = getattr(obj, attr)
            except AttributeError:
                bad.append(name)
            break
    return bad


# --- running a transcript -----------------------------------------------------------------------

@pytest.fixture
def checkout(tmp_path):
    """A fresh working folder with the article texts at ``../shared/seeds`` (as beside a checkout)
    and ``carekg`` on the PATH, running this checkout's code."""
    work, shared, bin_ = tmp_path / "work", tmp_path / "shared", tmp_path / "bin"
    for folder in (work, shared, bin_):
        folder.mkdir()
    (shared / "seeds").symlink_to(Paths().seeds.resolve())
    shim = bin_ / "carekg"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m graph "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_}{os.pathsep}{os.environ['PATH']}", PYTHONUNBUFFERED="1",
               PYTHONPATH=os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
    return work, env


def run_step(step: Step, cwd: Path, env: dict) -> list[str]:
    """What the step's command prints (stdout and stderr as a terminal shows them), line by line."""
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", step.command], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=600)
    assert proc.returncode == 0, f"$ {step.command}\nexit {proc.returncode}:\n{proc.stdout}"
    return [line.rstrip() for line in proc.stdout.splitlines()]


def mismatch(step: Step, got: list[str]) -> str:
    """'' when the output is what the page shows, else a readable difference."""
    want = [line.rstrip() for line in (step.shown[:-1] if step.cut else step.shown)]
    have = got[:len(want)] if step.cut else got
    if have == want:
        return ""
    first = next((i for i, (a, b) in enumerate(zip(have, want)) if a != b), min(len(have), len(want)))
    return (f"$ {step.command}: line {first + 1} differs\n  shown: {want[first] if first < len(want) else '(nothing)'}\n"
            f"  got:   {have[first] if first < len(have) else '(nothing)'}")


def rewritten(step: Step, got: list[str]) -> list[str]:
    """The lines the page should show for a step (keeping a cut where the page has one)."""
    return got[:len(step.shown) - 1] + ["..."] if step.cut else got


JAVA = re.compile(r"\bcarekg\b.*\b(validate|build)\b.*--owl\b")  # the commands that run HermiT on the data (Java);
# on the ontology it runs once per change of it, kept in the session's cache from the start
TRANSCRIPTS = [pytest.param(path, i, marks=[pytest.mark.java] if any(JAVA.search(s.command) for s in steps) else [],
                            id=f"{rel(path)}:{i}")
               for path in DOCS for i, steps in enumerate(transcripts(read(path)))]


@pytest.mark.parametrize("path,index", TRANSCRIPTS)
def test_every_transcript_prints_what_the_page_shows(path, index, checkout):
    work, env = checkout
    steps = transcripts(read(path))[index]
    problems, outputs = [], []
    for step in steps:
        got = run_step(step, work, env)
        outputs.append(got)
        problems.append(mismatch(step, got))
    if WRITE and any(problems):
        text = read(path)
        block = [m for m in FENCE.finditer(text) if m.group(1) == "console"][index]
        body = "".join(f"$ {s.command}\n" + "".join(f"{line}\n" for line in rewritten(s, got)) for s, got in zip(steps, outputs))
        path.write_text(text[:block.start(2)] + body + text[block.end(2):], encoding="utf-8")
        return
    assert [p for p in problems if p] == []


# --- the rest of the checks, page by page -------------------------------------------------------

@pytest.mark.parametrize("path", DOCS, ids=rel)
def test_every_carekg_command_line_parses(path):
    text = read(path)
    bad = [f"{line}: {problem}" for line in command_lines(text) if (problem := parse_problem(argv(line)))]
    assert bad == []


@pytest.mark.parametrize("path", DOCS, ids=rel)
def test_every_command_named_in_running_text_exists(path):
    assert sorted(set(named_commands(read(path))) - set(COMMANDS)) == []


@pytest.mark.parametrize("path", DOCS, ids=rel)
def test_every_link_path_and_name_resolves(path):
    text = read(path)
    assert (broken_links(path, text), missing_paths(text), missing_names(text)) == ([], [], [])


def test_every_command_is_shown_in_the_guide():
    shown = {c for path in DOCS for line in command_lines(read(path)) for c in argv(line)[:3]}
    shown |= {c for path in DOCS for c in named_commands(read(path))}
    assert sorted(set(COMMANDS) - shown) == []


def test_every_page_is_reachable_from_the_readme():
    seen, todo = set(), [ROOT / "README.md"]
    while todo:
        page = todo.pop()
        if page in seen or not page.exists():
            continue
        seen.add(page)
        todo += [(page.parent / t.partition("#")[0]).resolve() for t in LINK.findall(read(page))
                 if not re.match(r"^[a-z]+:", t) and t.partition("#")[0].endswith(".md")]
    assert sorted(rel(p) for p in DOCS if p not in seen) == []


def test_no_page_cites_commit_hashes_or_issue_numbers():
    for path in DOCS:
        text = read(path)
        assert not re.findall(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,40}\b", prose(text)), rel(path)
        assert not re.findall(r"\bissues? \d+|#\d+\b|\bPR \d+", text, re.I), rel(path)


# --- pages made from the code ------------------------------------------------------------------

MADE = {rel(path): text for path, text in pages().items() if rel(path) not in OWN_TEST}


@pytest.mark.parametrize("page", sorted(MADE))
def test_pages_made_from_the_code_are_current(page):
    assert read(ROOT / page) == MADE[page], f"{page} is out of date: `python -m graph.cli.reference` writes it"


# --- the checkers catch what they are for -------------------------------------------------------

MADE_UP = """# A page with one of each mistake

See [the guide](no-such-page.md), [a heading](#nowhere) and [the map](#a-page-with-one-of-each-mistake).
Run `carekg frobnicate` or `carekg --data my-data query`; the code is in `graph/nowhere.py` and `graph.kg.names.no_such`.

```bash
carekg query posts-of-person --no-such-option
carekg paths "Norman Lamb" "John Oldham" --limit 3
carekg map --top 5 -o map.html   # fine
```

```console
$ printf 'one\\ntwo\\n'
one
three
$ printf 'a\\nb\\nc\\n'
a
...
```

```console
$ cat > story.txt <<'EOF'
A text the page writes
$ not a command: the text goes on
EOF
$ wc -l < story.txt
2
```
"""


def test_the_checkers_catch_a_made_up_page(tmp_path, checkout):
    page = tmp_path / "page.md"
    page.write_text(MADE_UP, encoding="utf-8")
    assert broken_links(page, MADE_UP) == ["no-such-page.md: no such file", "#nowhere: no heading #nowhere in " + str(page)]
    assert set(named_commands(MADE_UP)) - set(COMMANDS) == {"frobnicate"}
    assert missing_paths(MADE_UP) == ["graph/nowhere.py"] and missing_names(MADE_UP) == ["graph.kg.names.no_such"]
    lines = command_lines(MADE_UP)
    assert [parse_problem(argv(line)) for line in lines] == [
        "carekg: error: unrecognized arguments: --no-such-option", "carekg: note: --limit is deprecated; use --top", ""]
    work, env = checkout
    wrong, cut = transcripts(MADE_UP)[0]
    assert mismatch(wrong, run_step(wrong, work, env)) == "$ printf 'one\\ntwo\\n': line 2 differs\n  shown: three\n  got:   two"
    assert cut.cut and mismatch(cut, run_step(cut, work, env)) == ""
    write, read_back = transcripts(MADE_UP)[1]
    assert (write.command.splitlines()[1:], write.shown) == (["A text the page writes", "$ not a command: the text goes on",
                                                             "EOF"], [])
    assert mismatch(write, run_step(write, work, env)) == "" and mismatch(read_back, run_step(read_back, work, env)) == ""
