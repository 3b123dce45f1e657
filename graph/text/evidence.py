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
from dataclasses import dataclass
from functools import lru_cache


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


@lru_cache(maxsize=4096)
def _pattern(phrase: str) -> re.Pattern | None:
    words = collapse_whitespace(phrase).split(" ")
    if not words or words == [""]:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    # Word boundaries only where the phrase itself starts or ends with a word character:
    # a phrase that opens with a quote mark may follow anything.
    head = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    tail = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return re.compile(head + body + tail)


def occurrences(text: str, phrase: str) -> list[Span]:
    """Every place ``phrase`` stands in ``text`` (non-overlapping, in order)."""
    pattern = _pattern(phrase)
    if pattern is None:
        return []
    return [Span(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


def locate(text: str, phrase: str, occurrence: int = 1) -> Span | None:
    """The ``occurrence``-th place (1-based) of ``phrase`` in ``text``, or ``None``.

    >>> locate("a b a b", "a b", occurrence=2).start
    4
    """
    found = occurrences(text, phrase)
    return found[occurrence - 1] if 0 < occurrence <= len(found) else None


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


__all__ = ["Span", "collapse_whitespace", "locate", "occurrences", "context", "sentence_of"]
