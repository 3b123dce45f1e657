"""Near names: one way to fold a name, one similarity, one cut-off.

Every "did you mean" in carekg, the resolver of :mod:`graph.kg.names` (and the map's search box,
which ranks with the same rules in ``map.js``), and the suggester's linking of known names all
compare names here:

- :func:`fold` makes case, accents, apostrophes and punctuation not count;
- :func:`similarity` is 1 minus the Levenshtein distance over the longer length;
- :data:`FUZZY` (0.75) is the cut-off for a near spelling: one wrong, missing or extra letter
  in four.  It is the default of every function here.
- :data:`AUTOLINK` (0.88) is the stricter cut-off for linking without asking: the suggester
  (:mod:`graph.coding.suggest.dataset_names`) ties words of a text to a known thing with no one
  to confirm, so a near miss must be closer than one that is merely offered as a suggestion.

Examples
--------
>>> fold("King\u2019s  Fund"), round(similarity("norman lmb", "norman lamb"), 3)
('kings fund', 0.909)
>>> nearest("kings fnd", ["kings fund", "kings", "lamb"])
['kings fund']
>>> suggest("stances-on", ["stances-on-proposal", "stance-history", "coalitions"])
['stances-on-proposal']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

FUZZY = 0.75
AUTOLINK = 0.88
APOSTROPHES = "'\u2019\u2018`\u00b4\u02bc"


def fold(text: str) -> str:
    """A name as compared: no accents, case, apostrophes or punctuation.

    ``map.js`` folds the same way (NFKD, marks (``\\p{M}``) dropped, lower case, apostrophes
    dropped, every other run of non-letters and non-digits one space).

    >>> fold("  King\u2019s Fund "), fold("Sant\u00e9 & care"), fold("NHS-England")
    ('kings fund', 'sante care', 'nhs england')
    """
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("M")).lower()
    text = "".join("" if ch in APOSTROPHES else ch if ch.isalnum() else " " for ch in text)
    return " ".join(text.split())


def without_article(folded: str) -> str:
    """A folded name without a leading "the": how "The King's Fund" is written in a slug or
    looked for in a text.

    >>> without_article("the kings fund"), without_article("the"), without_article("theatre")
    ('kings fund', 'the', 'theatre')
    """
    return folded[4:] if folded.startswith("the ") else folded


def similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """1 minus the Levenshtein distance over the longer length (1.0 for equal strings).

    With ``at_least``, the answer is exact whenever it is at least that, and some value below it
    otherwise, found sooner: only the distances that could still reach it are computed.

    >>> round(similarity("norman lmb", "norman lamb"), 3), similarity("abc", "xyz", at_least=0.75)
    (0.909, 0.0)
    """
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    longest = max(len(a), len(b))
    most = int((1 - at_least) * longest + 1e-9)  # the largest distance that still reaches at_least
    if abs(len(a) - len(b)) > most:
        return 0.0
    over = most + 1  # stands for any distance too large to matter
    prev = [j if j <= most else over for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        lo, hi = max(1, i - most), min(len(b), i + most)
        cur = [over] * (len(b) + 1)
        cur[0] = i if i <= most else over
        for j in range(lo, hi + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != b[j - 1]), over)
        if min(cur[lo - 1:hi + 1]) > most:
            return 0.0
        prev = cur
    return 1 - prev[-1] / longest if prev[-1] <= most else 0.0


def is_near(a: str, b: str, cutoff: float = FUZZY) -> bool:
    """Whether ``a`` and ``b`` are spelled alike: :func:`similarity` of at least ``cutoff``.

    >>> is_near("kings fund", "kings fnd"), is_near("kings fund", "kings fnd", cutoff=AUTOLINK)
    (True, True)
    """
    return similarity(a, b, cutoff) >= cutoff


def nearest(text: str, candidates: Iterable[str], n: int = 5, cutoff: float = FUZZY) -> list[str]:
    """The candidates spelled like ``text`` (:func:`is_near`), most similar first, at most ``n``."""
    scored = [(score, c) for c in set(candidates) if (score := similarity(text, c, cutoff)) >= cutoff]
    return [c for _, c in sorted(scored, key=lambda sc: (-sc[0], sc[1]))[:n]]


def suggest(name: str, candidates: Iterable[str], n: int = 5) -> list[str]:
    """The known names closest to ``name``, best first: for "did you mean" in error messages.

    Names are compared folded.  Those that contain the name, or a word starting with each word
    of it, come first (a user who types ``lamb`` means ``norman-lamb``, ``stance-on`` means
    ``stances-on-proposal``), then near spellings (:func:`nearest`).

    >>> suggest("lamb", ["norman-lamb", "kings-fund", "labour"]), suggest("Thinktanks", ["ThinkTank", "Person"])
    (['norman-lamb'], ['ThinkTank'])
    >>> suggest("stance-on", ["stances-on-proposal", "stance-history"])
    ['stances-on-proposal']
    """
    folded = {c: fold(c) for c in set(candidates)}
    key = fold(name)
    words = key.split()
    hits = sorted(c for c, f in folded.items()
                  if key in f or (words and all(any(t.startswith(w) for t in f.split()) for w in words)))
    scored = [(score, c) for c, f in folded.items() if c not in hits and (score := similarity(key, f, FUZZY)) >= FUZZY]
    return (hits + [c for _, c in sorted(scored, key=lambda sc: (-sc[0], sc[1]))])[:n]


__all__ = ["FUZZY", "AUTOLINK", "APOSTROPHES", "fold", "without_article", "similarity", "is_near", "nearest", "suggest"]
