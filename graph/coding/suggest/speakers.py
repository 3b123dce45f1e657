"""Who speaks where: quotes and reported speech attributed to their speakers, pronouns and
descriptions ("he", "the think tank", "its chief executive") to the actor they stand for.

:func:`voices` reads an article's sentences in order and gives, for each, the stretches whose
words an actor speaks:

- a quote is its speaker's: the name or pronoun beside a verb of saying just after it
  ("…,” she said", "…,” said Jane Roe") or just before it ("Jane Roe told LGC: “…"); a quote
  with no such verb is the speaker of the quote before it in its paragraph, else the article's
  last quoted speaker (an interview's answers);
- reported speech is its speaker's from the verb on ("Jane Roe said the plan was wrong"), or up
  to it when the verb comes last ("The plan, Jane Roe said, was wrong");
- "I" and "we" outside quotes are the narrator's, in a piece that has one (a comment piece,
  :mod:`graph.coding.suggest.layout`).

A pronoun or a description stands for the actor last spoken of as a subject or speaker: "he"
and "she" for a person (one already called "he" is not "she"), "it" and "they" for a body, "the
trust", "the society" for the last actor whose name or class has that word.  Authors are never
speakers of what the article reports.

Examples
--------
>>> from graph.text.spans import sentences
>>> text = "Jane Roe runs Borsetshire Council. “Pooling works,” she said. The council agreed."
>>> people = [Mention(0, 8, "jane roe", "Person", True), Mention(14, 33, "borsetshire council", "LocalAuthority", True)]
>>> [(text[a:b], who, how) for s in voices(text, sentences(text), people) for a, b, who, how in s]
[('Pooling works,', 'jane roe', 'quote')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from graph.text.fuzzy import fold

SAY = (r"said|says|say|told|tells|tell|added|adds|argued|argues|warned|warns|explained|explains|claimed|claims"
       r"|concluded|concludes|determined|found that|finds that|saying"
       r"|insisted|insists|stressed|stresses|noted|notes|replied|recalled|recalls|admitted|admits|wrote|writes"
       r"|maintained|maintains|acknowledged|conceded|commented|believes|believed|thinks|according to")
SAY_VERB = re.compile(rf"(?<![\w’'])(?:{SAY})(?![\w’'])")
PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m", "it": "o", "its": "o", "they": "o", "their": "o"}
FIRST_PERSON = re.compile(r"(?<![\w’'])(?:I|I’m|I'm|I’d|I'd|I’ve|I've|I’ll|I'll|we|We|my|My|our|Our)(?![\w’'])")
DESCRIPTION = re.compile(r"(?<![\w’'])(?:the|a|an|its|our|this|that|his|her|their)\s+((?:[a-z-]+\s+){0,2}?)"
                         r"(think ?tank|thinktank|trust|council|society|institute|department|report|paper|network"
                         r"|alliance|body|board|fund|party|regulator|committee|authority|group|association"
                         r"|confederation)(?![\w’'])", re.I)
PREPOSITIONS = {"as", "with", "to", "from", "for", "of", "by", "at", "in", "on", "about", "between", "than", "into", "after",
                "before", "against", "over", "under", "among", "like", "including", "via", "across", "behind"}
CLAIM = re.compile(r"(?:(?<![\w’'])(his|her|their|its)|[’']s)\s+(?:declaration|call|view|claim|statement|warning|argument|insistence|promise)"
                   r"\s+(?:that|for)\s+[“\"‘]$", re.I)
DOCUMENT_SUBJECT = re.compile(r"\W*(?:and\s+)?(?:the|this|its|their)\s+(?:\w+\s+)?(?:report|paper|study|survey|review|document)\b", re.I)
DOCUMENTS = {"report", "paper", "study", "letter", "survey", "statement", "review", "submission", "analysis"}
TITLE = re.compile(r"[’']?s?\s+(?:former\s+)?(?:chief executive|chief officer|accountable officer|chair|chairman|chairwoman"
                   r"|director|leader|president|secretary|minister|head)\b", re.I)
GENDER = {"Mr": "m", "Sir": "m", "Lord": "m", "Mrs": "f", "Ms": "f", "Miss": "f", "Dame": "f", "Lady": "f", "Baroness": "f"}


class Mention(NamedTuple):
    """A thing named in the text: where, its key in the draft, its class, whether it acts."""

    start: int
    end: int
    key: str
    cls: str
    actor: bool
    label: str = ""  # folded


def quotes(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The quoted stretches of ``text[start:end]`` (inside the marks): “…”, "…", and ‘…’ where
    the marks stand at word edges (a ’ inside a word is an apostrophe).  A quote left open ends
    with its paragraph."""
    end = len(text) if end is None else end
    out, open_at, mark = [], None, ""
    for i in range(start, end):
        ch = text[i]
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if ch == "\n" and after == "\n" and open_at is not None:
            out.append((open_at, i))
            open_at = None
        elif open_at is None and (ch == "“" or (ch == '"' and not before.isalnum())
                                  or (ch == "‘" and not before.isalnum() and after.isalnum())):
            open_at, mark = i + 1, ch
        elif open_at is not None and ((ch == "”" and mark == "“") or (ch == '"' and mark == '"')
                                      or (ch == "’" and mark == "‘" and not after.isalnum())):
            out.append((open_at, i))
            open_at = None
    if open_at is not None:
        out.append((open_at, end))
    return out


def within(mentions: list[Mention], starts: list[int], a: int, b: int) -> list[Mention]:
    """The mentions (sorted, ``starts`` their starts) that start in ``[a, b)``."""
    return mentions[bisect_left(starts, a):bisect_left(starts, b)]


class Salience:
    """The actors spoken of so far, latest last, with what the pronouns said of them."""

    def __init__(self, mentions: list[Mention], authors: set):
        self.mentions = sorted(mentions)
        self.starts = [m.start for m in self.mentions]
        self.authors = authors
        self.recent: list[Mention] = []
        self.gender: dict = {}
        self.document = False  # whether the last subject was a document ("The report suggested …"): "it" is that

    def note(self, m: Mention | None) -> None:
        if m is not None and m.actor and m.key not in self.authors:
            self.recent = [r for r in self.recent if r.key != m.key] + [m]

    def resolve(self, word: str, at: int | None = None) -> Mention | None:
        """The actor a pronoun or description (folded, e.g. "she", "think tank") stands for; a
        description may name any body named before ``at``, spoken of lately or not."""
        kind = PRONOUNS.get(word, "p" if word == "he/she" else None)
        if kind is None and at is not None:
            near = self.mentions[max(0, bisect_left(self.starts, at) - 200):bisect_left(self.starts, at)]
            earlier = [m for m in near if m.end <= at and m.actor and m.key not in self.authors]
            hit = next((m for m in reversed(earlier) if m.cls != "Person" and (
                word in (m.label or fold(m.key)).split() or word.replace(" ", "") in m.cls.lower()
                or word in _class_words(m.cls))), None)
            if hit is not None:
                return hit
        for m in reversed(self.recent):
            person = m.cls == "Person"
            if kind == "p":
                if person:
                    return m
            elif kind in ("m", "f"):
                if person and self.gender.get(m.key, kind) == kind:
                    self.gender[m.key] = kind
                    return m
            elif kind == "o":
                if word in ("it", "its") and self.document:
                    return None
                if not person and not (word in ("it", "its") and m.cls == "CollectiveActor"):
                    return m
            elif not person and (word in (m.label or fold(m.key)).split() or word.replace(" ", "") in m.cls.lower()
                                 or word in _class_words(m.cls)):
                return m
        return None


def _class_words(cls: str) -> set:
    return {w.lower() for w in re.findall(r"[A-Z][a-z]+", cls)} | ({"trust"} if cls == "NHSTrust" else set())


def subject(text: str, a: int, b: int, mentions: list[Mention], salience: Salience) -> Mention | None:
    """The actor that ``text[a:b]`` (the words before a verb, within a clause) is about: its
    first actor not in a prepositional phrase ("the leaders of seven councils" is not about the
    councils; "a report from the institute" is the institute's), else a pronoun or description
    standing for one ("he", "the think tank", "its chief executive")."""
    words = [(m.start() + a, m.end() + a, m.group(0)) for m in re.finditer(r"[\w’'-]+", text[a:b])]
    inside = [m for m in mentions if a <= m.start < b and m.actor and m.key not in salience.authors]
    for m in inside:
        before = [w[2].lower() for w in words if w[1] <= m.start and w[2].lower() not in ("the", "a", "an")][-3:]
        if any(w in PREPOSITIONS for w in before[-2:]) and not (len(before) >= 2 and before[-2] in DOCUMENTS):
            continue
        if before and before[-1].capitalize() in GENDER:  # "Mr Smith": a person of that gender
            salience.gender.setdefault(m.key, GENDER[before[-1].capitalize()])
        title = TITLE.match(text, m.end)
        if title and m.cls != "Person":  # "the NHS England chief executive": the person who holds it
            named = next((n for n in inside if n.cls == "Person" and 0 <= n.start - title.end() <= 12), None)
            return named or salience.resolve("he/she") or m
        return m
    for n, (_, e, w) in enumerate(words):
        low = w.lower()
        if low in ("it", "they") and n + 1 < len(words) and words[n + 1][2].lower() in ("is", "was", "has", "had", "would", "will"):
            if low == "it":
                continue  # "It was the first time …": no one
        if low in PRONOUNS and low not in ("him", "his", "her", "its", "their"):
            return salience.resolve(low)
        if low in ("its", "their", "his", "her") and TITLE.match(text, e):
            return salience.resolve("it" if low in ("its", "their") else low)  # "its chief executive": the body
        if low == "the" and TITLE.match(text, e):
            return salience.resolve("he/she")
    found = DESCRIPTION.search(text, a, b)
    if found:
        return salience.resolve(found.group(2).lower(), found.start())
    return None


def relative(text: str, a: int, b: int, mentions: list[Mention]) -> Mention | None:
    """The actor a "which" or "who" just before ``b`` stands for: the one named just before it."""
    rel = re.search(r"(?<![\w’'])(?:which|who)\s+(?:\w+\s+){0,2}$", text[a:b])
    if rel is None:
        return None
    at = a + rel.start()
    return next((m for m in reversed(mentions) if m.actor and m.end <= at and at - m.end <= 3), None)


class Voices:
    """Reads an article's sentences in order (:meth:`sentence`), keeping who was spoken of."""

    def __init__(self, text: str, spans: list, mentions: list[Mention], narrator: str | None = None,
                 authors: set | None = None):
        self.text, self.mentions = text, sorted(mentions)
        self.starts = [m.start for m in self.mentions]
        self.by_key: dict = {}
        for m in self.mentions:
            self.by_key.setdefault(m.key, m)
        self.narrator = narrator
        self.salience = Salience(self.mentions, authors or set())
        self.quoted = quotes(text, spans[0].start if spans else 0, spans[-1].end if spans else 0)
        self.last_quote: str | None = None  # the speaker of the last attributed quote
        self.next_document = False

    def within(self, a: int, b: int) -> list[Mention]:
        """The mentions that start in ``[a, b)``."""
        return within(self.mentions, self.starts, a, b)

    def sentence(self, s) -> list[tuple[int, int, str, str]]:
        """The stretches (start, end, actor key, how) of sentence ``s`` that an actor speaks,
        ``how`` being quote, report or narrator."""
        text = self.text
        self.salience.document, self.next_document = self.next_document, False
        here: list[tuple[int, int, str, str]] = []
        sentence_mentions = self.within(s.start, s.end)
        inside = [(max(a, s.start), min(b, s.end)) for a, b in self.quoted if a < s.end and s.start < b]
        outside = _outside(s.start, s.end, inside)
        for verb in SAY_VERB.finditer(text, s.start, s.end):
            if any(a <= verb.start() < b for a, b in inside):
                continue
            who, scope = _speaker(text, s, verb, inside, sentence_mentions, self.salience)
            if who is not None:
                here.append((*scope, who.key, "quote" if scope in inside else "report"))
                self.salience.note(who)
        for a, b in inside:
            owner = next((k for x, y, k, _ in here if x <= a and b <= y), None)
            claim = CLAIM.search(text, s.start, a)
            if owner is None and claim is not None:  # "his declaration that “…”", "the council's call for “…”"
                who = self.salience.resolve(claim.group(1).lower()) if claim.group(1) else next(
                    (m for m in sentence_mentions if m.actor and m.end <= claim.start() + 2 and claim.start() - m.end <= 2), None)
                if who is not None:
                    owner = who.key
                    here.append((a, b, owner, "quote"))
            if owner is None and self.last_quote is not None:
                owner = self.last_quote
                here.append((a, b, owner, "quote"))
            if owner is not None and len(text[a:b].split()) >= 6:  # a phrase quoted in a report answers nothing
                self.last_quote = owner
        if self.narrator and any(FIRST_PERSON.search(text, a, b) for a, b in outside):
            here += [(a, b, self.narrator, "narrator") for a, b in outside]
        first = None if here else subject(text, s.start, s.end, sentence_mentions, self.salience)
        opening = sentence_mentions[0] if sentence_mentions else None
        self.next_document = bool(DOCUMENT_SUBJECT.match(text, s.start)) or (
            opening is not None and not opening.actor and (first is None or opening.start < first.start)
            and text[s.start:opening.start].strip().lower() in ("", "the", "a", "an", "this"))
        for m in sentence_mentions:  # anyone named may be "he" next; the subject or speaker most
            if m.cls == "Person":
                self.salience.note(m)
        for who in [first] + [self.by_key.get(k) for _, _, k, _ in here]:
            self.salience.note(who)
        return here


def voices(text: str, spans: list, mentions: list[Mention], narrator: str | None = None,
           authors: set | None = None) -> list[list[tuple[int, int, str, str]]]:
    """For each sentence span, the stretches (start, end, actor key, how) that an actor speaks."""
    reader = Voices(text, spans, mentions, narrator, authors)
    return [reader.sentence(s) for s in spans]


def _outside(start: int, end: int, inside: list) -> list[tuple[int, int]]:
    out, at = [], start
    for a, b in sorted(inside):
        if a > at:
            out.append((at, a))
        at = max(at, b)
    if at < end:
        out.append((at, end))
    return out


def _speaker(text, s, verb, inside, mentions, salience) -> tuple[Mention | None, tuple[int, int]]:
    """Who says what a verb of saying reports, and the stretch they say."""
    v0, v1 = verb.start(), verb.end()
    closed = next(((a, b) for a, b in inside if 0 <= v0 - b <= 60
                   and re.fullmatch(r"[\s,.!?’”\"'—–-]*(?:[\w’'.-]+\s+){0,4}", text[b:v0])), None)
    after = re.match(r"\s+((?:Dr|Mr|Mrs|Ms|Prof|Professor|Sir|Cllr|Councillor)\s+)?", text[v1:])
    at = v1 + (after.end() if after else 0)
    follower = next((m for m in mentions if m.start == at and m.actor), None)
    if follower is None:
        pronoun = re.match(r"(he|she|they|it)(?![\w’'])", text[at:])
        follower = salience.resolve(pronoun.group(1)) if pronoun and closed is not None else None
    # "…,” said Jane Roe" / "…,” she said": the quote just before.
    if closed is not None:
        if follower is not None:
            return follower, closed
        lead = subject(text, closed[1], v0, mentions, salience)
        return lead, closed
    # "…, said Jane Roe." / "…, it said." / "The plan, Jane Roe said, was wrong": the words around.
    if follower is not None and re.search(r",\s*$", text[s.start:v0]) and text[v0:v1] in ("said", "says", "added"):
        return follower, (s.start, v0)
    tail = re.search(r",\s*((?:[\w’'-]+\s+){0,3}?)$", text[s.start:v0])
    if tail and re.fullmatch(r"\s*[.!?”\"’]*\s*", text[v1:s.end]) and text[v0:v1] in ("said", "says", "added", "argued", "warned"):
        lead = subject(text, s.start + tail.start(1), v0, mentions, salience)
        return lead, (s.start, s.start + tail.start())
    clause = max(text.rfind(x, s.start, v0) for x in (";", ":", " but ", " while ", " whereas "))
    lead = relative(text, s.start, v0, mentions) or subject(text, max(s.start, clause + 1), v0, mentions, salience)
    if lead is None:
        return None, (v0, s.end)
    middle = re.search(r",[^,]*$", text[s.start:v0])
    if middle and text[s.start:v0].count(",") >= 1 and re.match(r"\s*,", text[v1:]):
        return lead, (s.start, s.end)  # "Too often, Lamb said, staff …"
    return lead, (v1, s.end)


__all__ = ["Mention", "Salience", "Voices", "quotes", "relative", "subject", "within", "voices", "SAY_VERB", "PRONOUNS"]
