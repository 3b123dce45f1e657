"""Plain-text analysis for suggestions: the article body, sentences, words, noun phrases.

Own rules, no model: an article is short and its language is formal English, so sentence
splitting, capitalised-name chunks and noun phrases headed by a known kind of word do most of
the work, run offline and are easy to read and test.  Every span keeps its character offsets
into the text exactly as given.

Examples
--------
>>> text = "Dr Jane Roe, chief executive of Borsetshire Council, backed it. Many delegates were not convinced."
>>> [text[s.start:s.end] for s in sentences(text)][1]
'Many delegates were not convinced.'
>>> [w.text for w in words(text)][:4]
['Dr', 'Jane', 'Roe', ',']
>>> body_end("Story.\\n\\nTell us what you think\\nComments") == len("Story.\\n\\n")
True
>>> max(s.end - s.start for s in sentences("word " * 1000)) <= LONGEST
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.text.evidence import collapse_whitespace

# Lines that open the page furniture after an article (comment boxes, "related" lists, share
# and sign-up prompts).  Generic web furniture, not tuned to any one article.
FURNITURE = re.compile(
    r"^[ \t]*(tell us what you think|comments?\s*$|add your comment|leave a (comment|reply)|related (articles|stories|content)"
    r"|more from\b|share this|follow us|sign up|subscribe|most (read|popular)|featured articles|you may also like"
    r"|click here to read|read more\s*$|advertisement\s*$)", re.I | re.M)

STOP = set("""a an the of and or to in on at by for from with as is are was were be been being has have had do does
did that this these those it its their his her he she they we you i our your who whom which what when where while not
no nor but if then than so such also into over under about after before between during up down out off very more most
only own same other some any each few many much all both can could should would will shall may might must said says
say told tell added just there here how why against towards within without via through among around despite
unless until upon per whether because although though since yet already still even however""".split())

HONORIFICS = {"Dr", "Sir", "Dame", "Professor", "Prof", "Mr", "Mrs", "Ms", "Miss", "Lord", "Lady", "Baroness",
              "Cllr", "Councillor", "Rt", "Hon"}


@dataclass(frozen=True)
class Word:
    """A word or punctuation mark and where it stands."""

    text: str
    start: int
    end: int

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


def body_end(text: str) -> int:
    """Where the article body ends: at the first furniture line, else the end of the text."""
    found = FURNITURE.search(text)
    return found.start() if found else len(text)


_BREAK = re.compile(r"(?<=[.!?…])[”\"’']?\s+(?=[“\"‘'(]?[A-Z0-9£])|\n\s*\n|\n(?=[A-Z“\"])")


def sentences(text: str, end: int | None = None) -> list[Sentence]:
    """Sentences (and headline lines) of ``text[:end]``, trimmed, as spans."""
    end = len(text) if end is None else end
    out: list[Sentence] = []
    start = 0
    for found in _BREAK.finditer(text, 0, end):
        match = found.group(0)
        closing = len(match) - len(match.lstrip("”\"’'"))  # a closing quote ends the sentence
        _add(out, text, start, found.start() + closing)
        start = found.end()
    _add(out, text, start, end)
    return out


LONGEST = 1000  # characters: a longer "sentence" (a list, a table, text with no full stops) is cut


def _add(out, text, start, end):
    """Add ``text[start:end]``, trimmed, cut at a space into pieces of at most
    :data:`LONGEST` characters: the sentence rules read one sentence at a time, so no run of
    text without full stops makes them slow."""
    while end - start > LONGEST:
        cut = text.rfind(" ", start + LONGEST // 2, start + LONGEST)
        cut = cut if cut > start else start + LONGEST
        _add(out, text, start, cut)
        start = cut
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    if piece.strip():
        out.append(Sentence(start + lead, end - trail))


_WORD = re.compile(r"[A-Za-z0-9£$€%][\w’'&.%-]*[\w%]|[A-Za-z0-9£$€%]|[^\w\s]")


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """Words (letters, digits, inner apostrophes, hyphens and dots) and punctuation marks."""
    end = len(text) if end is None else end
    out = []
    for m in _WORD.finditer(text, start, end):
        token = m.group(0)
        if token.endswith(".") and token.count(".") == 1 and len(token) > 1:  # sentence full stop
            out.append(Word(token[:-1], m.start(), m.end() - 1))
            out.append(Word(".", m.end() - 1, m.end()))
        else:
            out.append(Word(token, m.start(), m.end()))
    return out


def phrase(text: str, ws: list[Word], i: int, j: int) -> str:
    """The text of words ``ws[i:j]``, white space collapsed (an evidence quote)."""
    return collapse_whitespace(text[ws[i].start:ws[j - 1].end])


def window(text: str, ws: list[Word], i: int, j: int, limit: int = 15, before: int = 3, after: int = 4) -> tuple[int, int]:
    """Word indices around ``ws[i:j]`` (at most ``limit`` words, within ``ws``), for a quote."""
    lo, hi = max(0, i - before), min(len(ws), j + after)
    while sum(1 for w in ws[lo:hi] if w.is_word) > limit and hi > j:
        hi -= 1
    while sum(1 for w in ws[lo:hi] if w.is_word) > limit and lo < i:
        lo += 1
    while lo < i and not ws[lo].is_word:
        lo += 1
    while hi > j and not ws[hi - 1].is_word:
        hi -= 1
    return lo, hi


__all__ = ["Word", "Sentence", "body_end", "sentences", "words", "phrase", "window", "STOP", "HONORIFICS", "LONGEST"]
