"""Finding evidence in article texts (graph.text.evidence) and cutting a text into sentences and
words (graph.text.spans), by hand and on the five articles."""

from __future__ import annotations

import random
import re

import pytest

from graph.rdf.paths import Paths
from graph.text.evidence import Span, TextIndex, collapse_whitespace, context, locate, occurrences, sentence_of
from graph.text.spans import body_end, phrase, sentences, window, words

from ..articles import STANCES


def _article(number: str) -> str:
    return next(Paths().seeds.glob(f"{number}_*.txt")).read_text(encoding="utf-8")


# --- evidence ---------------------------------------------------------------------------------

def test_a_space_in_a_phrase_matches_any_white_space_and_nothing_else():
    text = "Lamb backed\u00a0the idea\nof a  mandate."
    assert locate(text, "backed the idea of a mandate") == Span(5, 34, "backed\u00a0the idea\nof a  mandate")
    assert locate(text, "backed the idea of a mandate.") == Span(5, 35, "backed\u00a0the idea\nof a  mandate.")
    assert locate(text, "Backed the idea") is None          # case is as written
    assert locate(text, "backedthe idea") is None           # no space is not a space


@pytest.mark.parametrize("phrase, found", [
    ("ed the idea", False), ("backed the ide", False),      # not inside a word, at either end
    ("backed the idea", True), ("“pooled”", True), ("pooled”", True),   # a quote mark may touch anything
])
def test_a_phrase_starts_and_ends_on_word_boundaries(phrase, found):
    assert (locate("Lamb backed the idea: the budget “pooled” now", phrase) is not None) is found


def test_occurrences_and_the_nth():
    text = "a b, a b; a  b"
    assert [s.start for s in occurrences(text, "a b")] == [0, 5, 10]
    assert locate(text, "a b", occurrence=3) == Span(10, 14, "a  b")
    assert locate(text, "a b", occurrence=4) is None and locate(text, "a b", occurrence=0) is None
    assert occurrences(text, "") == [] and occurrences(text, "   ") == []


def test_context_is_the_quote_selectors_prefix_and_suffix():
    text = "one  two\nthree four five"
    span = locate(text, "three")
    assert context(text, span, width=6) == ("two", "four")
    assert context(text, Span(0, 3, "one"), width=100) == ("", "two three four five")


def test_sentence_of():
    text = "He said: “Pool it.” Then he left! Did he? Yes…  Next line\nNew line."
    assert sentence_of(text, "Then he").exact == "Then he left!"
    assert sentence_of(text, "Pool it").exact == "He said: “Pool it.”"
    assert sentence_of(text, "Next line").exact == "Next line"
    assert sentence_of(text, "New line").exact == "New line."


def test_every_curated_stance_stands_in_its_article_once_found_where_its_words_are():
    for s in STANCES:
        text = _article(s.article)
        span = locate(text, s.evidence)
        assert span is not None, s
        assert " ".join(span.exact.split()) == s.evidence
        whole = sentence_of(text, s.evidence)
        assert whole.start <= span.start and span.end <= whole.end, s


def test_two_stances_in_one_sentence_share_it():
    # 003: "broadly shared by care professionals, government bodies and special interest groups":
    # three actors, one sentence, so one span (DNA's statement).
    text = _article("003")
    found = {sentence_of(text, s.evidence) for s in STANCES if s.article == "003" and s.proposal == "Integrate health and social care"
             and s.actor in ("Care professionals", "Government bodies", "Special interest groups")}
    assert len(found) == 1 and next(iter(found)).exact.startswith("The desire to see integrated heathcare and social care services")


# --- sentences and words ----------------------------------------------------------------------

def test_sentences_split_at_full_stops_quotes_and_headlines():
    text = "Headline here\nHe said “it works.” She agreed. £10bn was found.\n\nDr. no break? 3 more."
    got = [text[s.start:s.end] for s in sentences(text)]
    assert got == ["Headline here", "He said “it works.”", "She agreed.", "£10bn was found.", "Dr. no break?", "3 more."]


def test_the_body_ends_at_the_page_furniture():
    text = _article("001")
    end = body_end(text)
    assert text[:end].rstrip().endswith("would make it easier to do so.")
    assert text[end:].startswith("Tell us what you think")
    assert body_end("No furniture here.") == len("No furniture here.")


def test_words_keep_inner_marks_and_split_off_a_full_stop():
    text = "Sir John’s £10bn, NHS-wide 4% plan e.g. works."
    assert [(w.text, text[w.start:w.end] == w.text) for w in words(text)] == [
        ("Sir", True), ("John’s", True), ("£10bn", True), (",", True), ("NHS-wide", True), ("4%", True), ("plan", True),
        ("e.g", True), (".", True), ("works", True), (".", True)]
    assert [w.is_word for w in words("A , b")] == [True, False, True] and words("A b")[0].capital and not words("a")[0].capital


def test_phrase_and_window_make_a_quote_of_at_most_fifteen_words():
    text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen"
    ws = words(text)
    assert phrase(text, ws, 2, 5) == "three four five"
    lo, hi = window(text, ws, 5, 8)                  # three words, three before and four after
    assert (lo, hi) == (2, 12) and phrase(text, ws, lo, hi).split()[0] == "three"
    lo, hi = window(text, ws, 0, 14, limit=15)       # long already: one more word at most
    assert hi - lo == 15 and (lo, hi) == (0, 15)
    punct = "Yes, “pooled budgets” , now."
    pw = words(punct)
    i = next(k for k, w in enumerate(pw) if w.text == "pooled")
    lo, hi = window(punct, pw, i, i + 2, before=1, after=1)
    assert pw[lo].is_word and pw[hi - 1].is_word      # a quote never starts or ends on a mark


# --- the text index against the regular expressions it replaced ------------------------------
def _by_regex(text: str, phrase: str) -> list[Span]:
    """The matcher the index replaced, kept here as the reference."""
    words = collapse_whitespace(phrase).split(" ")
    if words == [""]:
        return []
    head = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    tail = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    pattern = re.compile(head + r"\s+".join(re.escape(w) for w in words) + tail)
    return [Span(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


def test_the_index_finds_what_the_regular_expressions_found():
    rng = random.Random(5)
    pieces = ["a", "b", "ab", " ", "  ", "\n", "\u00a0", "\t \n", "'", "\u201c", ".", "_", "é", "1", "-"]
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        index = TextIndex(text)
        for _ in range(5):
            if text and rng.random() < 0.6:
                a = rng.randint(0, len(text))
                phrase = text[a:rng.randint(a, len(text))]
            else:
                phrase = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
            assert index.occurrences(phrase) == _by_regex(text, phrase), (text, phrase)


def test_the_curated_evidence_is_found_where_the_regular_expressions_found_it(kg):
    from graph.checks.validate import article_texts

    texts, problems = article_texts(kg)
    assert problems == [] and texts
    rows = kg.engine.values("SELECT ?e ?a WHERE { ?c carekg:evidence ?e ; carekg:source ?a }")
    assert len(rows) > 450
    for evidence, article in rows:
        text = texts[article.value].text
        assert occurrences(text, evidence.value) == _by_regex(text, evidence.value)
