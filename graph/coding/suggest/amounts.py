"""Sums of money in an article, as draft rows of a coding sheet (see :mod:`graph.coding.suggest.draft`).

Examples
--------
>>> MONEY.search("an extra £1.2m of funding").group(0)
'£1.2m'
"""

from __future__ import annotations

import re
from bisect import bisect_left

from graph.rdf.namespaces import KG
from graph.text.fuzzy import fold
from graph.text.spans import phrase, window, words

MONEY = re.compile(r"([£$€])\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(bn|billion|m|million|k|thousand)?(?!\w)", re.I)
CURRENCY = {"£": "GBP", "$": "USD", "€": "EUR"}
SCALE = {"bn": 9, "billion": 9, "m": 6, "million": 6, "k": 3, "thousand": 3}


def money_value(number: str, scale: str | None) -> str:
    """A sum in whole units, as an ``xsd:decimal`` lexical form.

    >>> money_value("1.2", "m"), money_value("90,000", None), money_value("3.8", "bn")
    ('1200000.0', '90000.0', '3800000000.0')
    """
    from decimal import Decimal

    value = Decimal(number.replace(",", "")).scaleb(SCALE.get((scale or "").lower(), 0))
    return f"{value:f}".split(".")[0] + ".0"


def money_rows(text, spans, mentions, sheet, date) -> list[dict]:
    """Each sum of money, with what it is an amount of: the thing named just before "of £…",
    just after "£… for", else the nearest thing in its sentence that is not an actor."""
    ids = {r["id"] for r in sheet.get("entities", [])}
    ordered = sorted(mentions)
    starts = [a for a, _, _, _ in ordered]
    slug = {k: _row_id(k, sheet) for _, _, k, _ in ordered}
    out = []
    for s in spans:
        # Each sentence's words and names once (a sentence is at most graph.text.spans.LONGEST long).
        inside = [(a, b, k, actor) for a, b, k, actor in ordered[bisect_left(starts, s.start):bisect_left(starts, s.end)]]
        ws = words(text, s.start, s.end)
        word_starts = [w.start for w in ws]
        for m in MONEY.finditer(text, s.start, s.end):
            before = [x for x in inside if x[1] <= m.start() and re.fullmatch(r"\s+(?:of|at)\s+", text[x[1]:m.start()])]
            after = [x for x in inside if x[0] >= m.end() and re.fullmatch(r"\s+for\s+(?:the\s+)?", text[m.end():x[0]])]
            others = sorted((x for x in inside if not x[3]), key=lambda x: min(abs(x[0] - m.start()), abs(x[1] - m.end())))
            pick = (before or after or others)[0] if (before or after or others) else None
            measure = re.split(r"[.,;:–(“\"]", text[m.end():s.end], maxsplit=1)[0].split()[:6]
            while measure and measure[0].lower() in ("of", "for", "to", "a", "the"):
                measure = measure[1:]
            i = max(0, bisect_left(word_starts, m.start() + 1) - 1)
            i = i if ws[i].end > m.start() else i + 1
            j = bisect_left(word_starts, m.end())
            lo, hi = window(text, ws, i, j, before=5, after=8)
            row: dict = {"status": "candidate", "value": money_value(m.group(2), m.group(3)), "currency": CURRENCY[m.group(1)]}
            if pick is not None and slug.get(pick[2]) in ids:
                row["amountOf"] = slug[pick[2]]
            row["measure"] = " ".join(measure) or "?"
            if date:
                row["date"] = date
            row.update({"evidence": phrase(text, ws, lo, hi),
                        "at": [str(ws[lo].start), str(ws[hi - 1].end)]})
            out.append(row)
    return out


def _row_id(key, sheet) -> str | None:
    """The sheet id of a thing found under ``key`` (an IRI, or a folded label)."""
    if key.startswith(str(KG)):
        return key.removeprefix(str(KG))
    return next((r["id"] for r in sheet.get("entities", []) if "label" in r and fold(r["label"]) == key), None)


__all__ = ["MONEY", "money_value", "money_rows"]
