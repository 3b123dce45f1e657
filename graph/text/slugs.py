"""The one rule that turns a label into the local name of a new thing's IRI (``kg:kings-fund``).

A coding sheet's entity without an ``id``, a draft sheet's candidate, a DNA import's actor or
concept: each mints its IRI with :func:`slug`, so "The King's Fund" is ``kg:kings-fund`` whichever
way it enters, as the curated data names it.  The label is folded as names are compared
(:func:`graph.text.fuzzy.fold`: no case, accents, apostrophes or punctuation), a leading "the"
is dropped (the curated ``kg:government`` is "The government"), what is left is written in
ASCII letters and digits joined by hyphens, at most :data:`LONGEST` characters; a proposal's
slug starts ``proposal-``, as every curated proposal's does.

Examples
--------
>>> slug("The King's Fund"), slug("King\u2019s Fund"), slug("\u00c9lus locaux")
('kings-fund', 'kings-fund', 'elus-locaux')
>>> slug("Pooled budgets", "Proposal"), slug("!!!")
('proposal-pooled-budgets', '')
"""

from __future__ import annotations

import re

from graph.text.fuzzy import fold, without_article

LONGEST = 60
PREFIXES = {"Proposal": "proposal-"}  # class (local name) -> what its things' slugs start with


def slug(label: str, cls: str | None = None) -> str:
    """The local name for a new thing labelled ``label`` (of class ``cls``, a local name such
    as ``Proposal``), or "" when the label has no letter or digit to make one of."""
    ascii_words = fold(label).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_words).split()
    text = "-".join(without_article(" ".join(words)).split())[:LONGEST].strip("-")
    return PREFIXES.get(cls or "", "") + text if text else ""


__all__ = ["LONGEST", "slug"]
