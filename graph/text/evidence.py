"""Find evidence phrases in article texts: character offsets, on word boundaries.

An evidence phrase is quoted with single spaces, while the article may break a line or use a
no-break space at the same place.  :func:`locate` therefore matches any run of white space in
the text against a space in the phrase, and nothing else: quotes, dashes and case must be exactly
as written.  A phrase must also start and end on word boundaries, so ``"ed the idea"`` does not
match inside ``"backed the idea"``.

Offsets are Python string indices (Unicode code points) into the text exactly as read, with
``end`` exclusive: ``text[span.start:span.end]`` is the quoted passage.  These are the ``start``
and ``end`` of a W3C Web Annotation ``oa:TextPositionSelector`` and DNA's ``Start``/``Stop``
(DNA counts UTF-16 code units, which agree for every character outside the astral planes).

Examples
--------
>>> text = "Lamb backed the idea\\nof a mandate; others opposed the idea."
>>> locate(text, "backed the idea of a mandate")
Span(start=5, end=33, exact='backed the idea\\nof a mandate')
>>> locate(text, "ed the idea") is None
True
>>> [s.start for s in occurrences(text, "the idea")]
[12, 50]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from graph.errors import SeedError
from graph.text.articles import read_seed


@dataclass(frozen=True)
class Span:
    """Where a phrase stands in a text: ``text[start:end] == exact``."""

    start: int
    end: int
    exact: str


def collapse_whitespace(text: str) -> str:
    """Collapse every run of white space to one space and strip the ends.

    >>> collapse_whitespace(" a\\u00a0 b\\n c ")
    'a b c'
    """
    return re.sub(r"\s+", " ", text).strip()


_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w")


class TextIndex:
    """One article text, folded once, in which any number of phrases are then found.

    The text is folded as :func:`collapse_whitespace` collapses a phrase (every run of white space one space), so a
    phrase is a plain substring search in C rather than a regular expression compiled per phrase;
    a table of where the folded text shifts against the original turns a match back into the
    text's own offsets.  Phrases already looked up are remembered, so anchoring the claims at
    load time and checking them in ``validate`` search each phrase once.

    >>> index = TextIndex("Lamb backed  the idea\\n of it")
    >>> index.occurrences("the idea of")
    [Span(start=13, end=25, exact='the idea\\n of')]
    >>> index.occurrences("idea of it") == occurrences(index.text, "idea of it")
    True
    """

    def __init__(self, text: str):
        self.text = text
        self.folded = _SPACE.sub(" ", text)
        # (first folded offset after a run of two or more white space characters, how far the
        # text is ahead of the folded text from there on)
        self._breaks: list[int] = [0]
        self._shifts: list[int] = [0]
        shift = 0
        for m in _SPACE.finditer(text):
            if m.end() - m.start() > 1:
                shift += m.end() - m.start() - 1
                self._breaks.append(m.end() - shift)
                self._shifts.append(shift)
        self._found: dict[str, list[Span]] = {}

    def _original(self, at: int) -> int:
        return at + self._shifts[bisect_right(self._breaks, at) - 1]

    def occurrences(self, phrase: str) -> list[Span]:
        """Every place ``phrase`` stands in the text (non-overlapping, in order): as
        :func:`occurrences`."""
        found = self._found.get(phrase)
        if found is None:
            found = self._found[phrase] = self._search(collapse_whitespace(phrase))
        return found

    def locate(self, phrase: str, occurrence: int = 1) -> Span | None:
        """The ``occurrence``-th place (1-based) of ``phrase``, or ``None``: as :func:`locate`."""
        found = self.occurrences(phrase)
        return found[occurrence - 1] if 0 < occurrence <= len(found) else None

    def _search(self, phrase: str) -> list[Span]:
        if not phrase:
            return []
        # Word boundaries only where the phrase itself starts or ends with a word character: a
        # phrase that opens with a quote mark may follow anything.  Next to a match, the folded
        # text holds the text's own character or a space for white space, never a word character.
        head, tail = bool(_WORD.match(phrase[0])), bool(_WORD.match(phrase[-1]))
        folded, size, out, at = self.folded, len(phrase), [], 0
        while (at := folded.find(phrase, at)) >= 0:
            end = at + size
            if (head and at > 0 and _WORD.match(folded[at - 1])) or (tail and end < len(folded) and _WORD.match(folded[end])):
                at += 1
                continue
            start, stop = self._original(at), self._original(end - 1) + 1
            out.append(Span(start, stop, self.text[start:stop]))
            at = end
        return out


@lru_cache(maxsize=64)
def text_index(text: str) -> TextIndex:
    """The :class:`TextIndex` of ``text``, made once per text for the callers that pass texts
    around as strings (the index of each of the last 64 texts is kept)."""
    return TextIndex(text)


class Texts:
    """The article texts of one sources folder, or of several (a dataset's and those of the dataset
    it builds on, :meth:`graph.rdf.paths.Paths.text_folders`), each read once (safely, with
    :func:`graph.text.articles.read_seed`: inside its folder, which must itself resolve inside
    ``within`` if given) and indexed once: what anchoring at load time and the
    evidence check of ``validate`` share, so each text is read, folded and searched for a phrase
    once in a build.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Lamb tells Confed", encoding="utf-8")
    >>> texts = Texts(folder)
    >>> texts.index("a.txt").locate("tells Confed").start, texts.index("../b.txt")
    (5, None)
    >>> str(texts.error("../b.txt")).endswith("refusing to read it")
    True
    """

    def __init__(self, folder, within=None):
        self.folder, self.within = folder, within  # the dataset folder the texts' folder must stay in
        self._indexes: dict[str, TextIndex | None] = {}
        self._errors: dict = {}

    def index(self, name: str) -> TextIndex | None:
        """The index of the text ``name`` (a ``carekg:seedFile``), or ``None`` if it cannot be
        read (:meth:`error` says why)."""
        if name not in self._indexes:
            try:
                self._indexes[name] = TextIndex(read_seed(self.folder, name, within=self.within))
            except SeedError as exc:
                self._indexes[name], self._errors[name] = None, exc
        return self._indexes[name]

    def error(self, name: str) -> SeedError | None:
        """Why the text ``name`` could not be read, or ``None``."""
        self.index(name)
        return self._errors.get(name)


def occurrences(text: str, phrase: str) -> list[Span]:
    """Every place ``phrase`` stands in ``text`` (non-overlapping, in order)."""
    return text_index(text).occurrences(phrase)


def locate(text: str, phrase: str, occurrence: int = 1) -> Span | None:
    """The ``occurrence``-th place (1-based) of ``phrase`` in ``text``, or ``None``.

    >>> locate("a b a b", "a b", occurrence=2).start
    4
    """
    return text_index(text).locate(phrase, occurrence)


def context(text: str, span: Span, width: int = 32) -> tuple[str, str]:
    """The text just before and after ``span`` (the ``prefix`` and ``suffix`` of an
    ``oa:TextQuoteSelector``), each at most ``width`` characters, white space collapsed.

    >>> context("one two three four", Span(4, 7, "two"), width=6)
    ('one', 'three')
    """
    before = collapse_whitespace(text[max(0, span.start - width):span.start])
    after = collapse_whitespace(text[span.end:span.end + width])
    return before, after


_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+|\n\s*")


def sentence_of(text: str, phrase: str) -> Span | None:
    """The sentence (or sentences) of ``text`` in which ``phrase`` first stands, or ``None``.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets)
    followed by white space, or at a line break; so two stances whose evidence lies in one
    sentence share one span, however different their phrases.

    >>> text = "Lamb backed it. Care staff, councils and charities want it.\\nNobody else."
    >>> sentence_of(text, "councils and charities") == sentence_of(text, "Care staff")
    True
    >>> sentence_of(text, "councils and charities").exact
    'Care staff, councils and charities want it.'
    >>> sentence_of(text, "missing") is None
    True
    """
    span = locate(text, phrase)
    if span is None:
        return None
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, span.start)), default=0)
    after = _SENTENCE_END.search(text, span.end)
    end = after.start() + len(after.group(0).rstrip()) if after else len(text)
    return Span(start, end, text[start:end])


__all__ = ["Span", "TextIndex", "Texts", "text_index", "collapse_whitespace", "locate", "occurrences", "context", "sentence_of"]
