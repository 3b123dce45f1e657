"""Where a sentence speaks of a proposal the dataset knows: by the words of the proposal's own
label and evidence, or by the general words for its *kind*.

The kinds are the ontology's (``carekg:ProposalKinds``); the words for each are the ordinary
vocabulary of the policy debate ("a legal duty to pool", "compulsory", "decided locally",
"reorganisation"), not phrases of any one article.  A kind's words point to the dataset's
proposal of that kind whose own phrases the sentence uses most, or, when it uses none, to the
kind's proposal that has no other kind and is far the most attested (the general one:
"pooling" is pooling budgets, not the single budget for one city); when the kind has no such
proposal ("who holds the budget": councils, boards or the department), none.

Examples
--------
>>> [kind for kind, pattern in KIND_WORDS if pattern.search("a legal duty to pool their budgets")]
['NationalMandateKind', 'PoolingKind']
>>> [kind for kind, pattern in KIND_WORDS if pattern.search("areas should choose their own route")]
['LocalChoiceKind']
"""

from __future__ import annotations

import re

from graph.coding.suggest.dataset_names import KnownIndex, content_stems

_POOL = r"pool(?:s|ed|ing)?"
_MONEY = r"(?:budgets?|funds?|money|resources|spending)"
KIND_WORDS = [(kind, re.compile(pattern, re.I)) for kind, pattern in [
    ("NationalMandateKind", r"\bmandat(?:e|es|ed|ing|ory)\b|\blegal (?:duty|obligation|requirement)\b"
                            r"|\bforc(?:e|es|ed|ing)\b(?:\W+\w+){0,3}\W+(?:to pool|into pool)|\bdiktat\b|\bedict\b"
                            r"|\brequire (?:it|every area|areas|them)\b|\bmake every area\b|\bchange the law\b"
                            r"|\bby decree\b|\bimposed (?:from|by) (?:above|the centre|Whitehall|Westminster)\b"),
    ("NationalMandateKind!", r"\boptional\b"),  # "!": the words say the opposite ("should not be optional")
    ("LocalChoiceKind", r"\blocal(?:ly)? (?:decision|choice)s?\b|\bdecided locally\b|\bown (?:decisions?|route|choice)\b"
                        r"|\bwhere both\b|\bvoluntar(?:y|ily) pooling\b|\bbottom up\b|\b(?:determined|decided) by local\b"),
    ("PoolingKind", rf"\b{_POOL}\b(?:\W+\w+){{0,4}}?\W+{_MONEY}\b|\bpooling\b|\bpooled (?:budget|fund|pot)s?\b|\bbe pooled\b"
                    rf"|\bsingle (?:pooled |ring-fenced |care |health and (?:social )?care )?(?:budget|fund)\b"
                    rf"|\bshared? (?:a |their |its )?(?:budget|fund|money)s?\b|\bone budget\b"),
    ("StructureKind", r"\breorganis(?:e|ed|ation|ations|ing)\b|\brestructur(?:e|ed|ing)\b|\bstructural (?:change|reform|upheaval)\b"),
    ("BudgetHolderKind", r"\b(?:health and wellbeing boards?|HWBs?|boards?)\b(?:\W+\w+){0,6}?\W+(?:hold|control|run)\w*"
                         r"(?:\W+\w+){0,3}?\W+(?:pooled )?budgets?\b"
                         r"|\b(?:councils?|local government|local authorit(?:y|ies))\b(?:\W+\w+){0,6}\W+(?:hold|control|run|(?:take|taking|took) over)\b"
                         r"|\b(?:held|controlled|run) by (?:councils|local government|local authorities)\b"
                         r"|\b(?:hand|transfer|transferring)\b(?:\W+\w+){0,6}\W+(?:to|into) "
                         r"(?:councils|local government|local authority control)\b"),
    ("CommissioningKind", r"\bjoint(?:ly)? commission\w*|\bintegrated commissioning\b|\balign\w*(?:\W+\w+){0,5}\W+commissioning\b"
                          r"|\bcommission\w* together\b"),
    ("GovernanceKind", r"\b(?:health and wellbeing boards?|HWBs?)\b(?:\W+\w+){0,8}\W+(?:lead|charge|commission\w*|run)\b"),
    ("InformationKind", r"\binformation sharing\b|\bshar(?:e|ed|ing) (?:data|information|records?)\b|\bshared care records?\b"
                        r"|\binteroperab\w+"),
    ("IntegrationKind", r"\bintegrat(?:e|ed|ion|ing)\b|\bjoin(?:ed|ing)? up\b"),
    ("BetterCareFundKind", r"\bbetter care fund\b|\bBCF\b"),
]]


def kind_mentions(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Where ``text[start:end]`` uses a kind's words: (start, end, kind); a kind ending "!"
    marks words that say its opposite ("optional" for a mandate)."""
    return [(m.start(), m.end(), kind) for kind, pattern in KIND_WORDS for m in pattern.finditer(text, start, end)]


def proposal_of_kind(kind: str, sentence: str, index: KnownIndex):
    """The dataset's proposal of ``kind`` that ``sentence`` speaks of, or None."""
    ofkind = [p for p, kinds in index.kinds.items() if kind in kinds]
    if not ofkind:
        return None
    grams = _grams(sentence)
    scores = {p: sum(w for g, w in index.phrases.get(p, {}).items() if g in grams and " " in g) for p in ofkind}
    best = max(ofkind, key=lambda p: (scores[p], index.attested.get(p, 0), str(p)))
    if scores[best] >= 1.0:
        return best
    # The general proposal of the kind: the one of that kind alone that is far the most attested.
    pure = sorted((p for p in ofkind if index.kinds[p] == {kind}), key=lambda p: (-index.attested.get(p, 0), str(p)))
    if pure and (len(pure) == 1 or index.attested.get(pure[0], 0) >= 1.5 * index.attested.get(pure[1], 0)):
        return pure[0]
    return None


def phrase_mentions(text: str, start: int, end: int, index: KnownIndex, names: list | None = None) -> list[tuple[int, int, object]]:
    """Known proposals whose own phrases ``text[start:end]`` uses strongly: a pair or triple of
    words that few other proposals use, or several of their words; (start, end, proposal).
    Words inside a name (``names``: spans) do not count: "health and wellbeing boards" names
    the boards, not a proposal about them."""
    words = [(m.start(), m.end(), s) for m in re.finditer(r"[\w’'-]+", text[start:end])
             if (s := content_stems(m.group(0)))]
    stems = [w[2][0] for w in words]
    out = []
    for p, phrases in index.phrases.items():
        hits: list = []
        for n in (3, 2):
            for i in range(len(stems) - n + 1):
                g = " ".join(stems[i:i + n])
                inside = any(a <= start + words[i][0] and start + words[i + n - 1][1] <= b for a, b in names or [])
                if phrases.get(g, 0) >= 0.5 and g in index.strong.get(p, ()) and not inside \
                        and not any(i < y and x < i + n for x, y, _ in hits):
                    hits.append((i, i + n, n))
        if any(h[2] == 3 for h in hits) or len(hits) >= 2:
            i, j = min(h[0] for h in hits), max(h[1] for h in hits)
            out.append((start + words[i][0], start + words[j - 1][1], p))
    return out


def _grams(sentence: str) -> set:
    stems = content_stems(sentence)
    return {" ".join(stems[i:i + n]) for n in (1, 2, 3) for i in range(len(stems) - n + 1)}


__all__ = ["KIND_WORDS", "kind_mentions", "proposal_of_kind", "phrase_mentions"]
