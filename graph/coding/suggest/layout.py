"""The parts of an article: headings (headline, standfirst, section heads), bylines, datelines
and the body, and who wrote it.

A heading names things but is not where an actor is found: its words are a summary of the
body, so a new thing is drafted from a heading only when the body names it too, and no group or
document is drafted from one (:mod:`graph.coding.suggest.draft`).  A byline names an author,
who is never the actor of a stance the text reports; the author is its narrator, the "I" of a
comment piece.

Rules, generic to news and comment pages: a line that is a date is a dateline; a line that
starts "By", "Compiled by", "Written by" or "Author:" is a byline; any other line without a
sentence's closing full stop, question or exclamation mark (closing quotes aside) is a heading,
as is a question of a few words (a roundup's section head).  A heading line whose last words are
"writes/says NAME", or that starts "NAME, TITLE of ORG, says/writes", names the
narrator; "talks to NAME" and "tells NAME" name the interviewer, an author.

Examples
--------
>>> text = "Pooling plan stalls\\n\\nBy Jo Bloggs\\n\\n9 January 2017\\n\\nThe plan stalled. It was late."
>>> [(p.kind, text[p.start:p.end]) for p in parts(text)][:3]
[('heading', 'Pooling plan stalls'), ('byline', 'By Jo Bloggs'), ('dateline', '9 January 2017')]
>>> [(a.name, a.narrator) for a in authors(text, parts(text))]
[('Jo Bloggs', False)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
DATE = re.compile(rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\s+\d{{4}}"
                  rf"|(?:{MONTHS})\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}})", re.I)
BYLINE = re.compile(r"(?:by|compiled by|written by|words by|author:)\s+", re.I)
NAME = r"((?:(?:Dr|Prof|Professor|Sir|Dame|Cllr|Lord|Lady)\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})"
NARRATOR = [re.compile(r",?\s+(?:writes|says)\s+" + NAME + r"\s*$"),
            re.compile(r"^" + NAME + r"(?:,[^,]{3,80},)?\s+(?:writes|says)\b")]
INTERVIEWER = re.compile(r"\b(?:talks|speaks) to\s+" + NAME + r"|\btells\s+" + NAME)
END = re.compile(r"[.!?…][”\"’')\]]*\s*$")


@dataclass(frozen=True)
class Part:
    """A line of the article: ``kind`` is heading, byline, dateline or body."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Author:
    """Someone who wrote the article (a byline, an interviewer) or speaks as its narrator."""

    name: str
    start: int
    end: int
    narrator: bool


def parts(text: str, end: int | None = None) -> list[Part]:
    """The non-blank lines of ``text[:end]``, each with its kind."""
    end = len(text) if end is None else end
    out = []
    for m in re.finditer(r"[^\n]+", text[:end]):
        line = m.group(0).strip()
        if not line:
            continue
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        span = (start, start + len(line))
        words = line.split()
        if DATE.fullmatch(line):
            kind = "dateline"
        elif BYLINE.match(line) and len(words) <= 12:
            kind = "byline"
        elif (not END.search(line) and len(words) <= 40) or (line.endswith("?") and len(words) <= 6):
            kind = "heading"
        else:
            kind = "body"
        out.append(Part(*span, kind))
    return out


def authors(text: str, lines: list[Part]) -> list[Author]:
    """The authors the bylines and headings name; ``narrator`` marks one who speaks as "I", or
    who signs the piece off (a name, alone or with a title, in the lines after the body)."""
    out = []
    last_body = max((n for n, p in enumerate(lines) if p.kind == "body"), default=len(lines))
    for p in lines[last_body + 1:]:
        m = re.fullmatch(NAME + r"(?:,[^,]{2,60}(?:,[^,]{2,60})?)?", text[p.start:p.end])
        if p.kind == "heading" and m:
            out.append(Author(m.group(1), p.start + m.start(1), p.start + m.end(1), True))
    for p in lines:
        line = text[p.start:p.end]
        if p.kind == "byline":
            m = re.match(BYLINE.pattern + NAME, line, re.I)
            if m:
                out.append(Author(m.group(1), p.start + m.start(1), p.start + m.end(1), False))
        elif p.kind == "heading":
            for pattern in NARRATOR:
                m = pattern.search(line)
                if m:
                    out.append(Author(m.group(1), p.start + m.start(1), p.start + m.end(1), True))
                    break
            m = INTERVIEWER.search(line)
            if m:
                g = 1 if m.group(1) else 2
                out.append(Author(m.group(g), p.start + m.start(g), p.start + m.end(g), False))
    return out


def kind_at(lines: list[Part], pos: int) -> str:
    """The kind of the line that holds ``pos`` (body when none does)."""
    return next((p.kind for p in lines if p.start <= pos < p.end), "body")


__all__ = ["Part", "Author", "parts", "authors", "kind_at", "DATE"]
