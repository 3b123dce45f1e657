"""Rules that find things an article names which the graph does not know yet.

Each rule reads the words of one sentence and yields :class:`Candidate` things with the span
that names them: people (with an honorific, a title or post beside them, or a verb of saying
after them), organisations and bodies (capitalised names with an organisational head word, such
as "Borsetshire Council", "the Association of Care Directors", "the Kirkdale joint commissioning
board", and acronyms the text defines), parties ("the Liberal Democrats"), places (after "in",
"across", "visited"), posts (:mod:`graph.coding.suggest.posts`), and things named by common
nouns (:mod:`graph.coding.suggest.common_nouns`).  The word lists are general English of public
administration, not phrases of any one article.

Examples
--------
>>> text = "Graham Burgess, chief executive of Wirral MBC, told LGC he would be disappointed."
>>> sorted((c.cls, c.label) for c in find_candidates(text, words(text)))
[('LocalAuthority', 'Wirral MBC'), ('Organisation', 'LGC'), ('Person', 'Graham Burgess'), ('Post', 'Chief executive, Wirral MBC')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.coding.suggest.common_nouns import DOC_HEADS, documents, groups, institutions
from graph.coding.suggest.posts import posts, posts_without_holder, title_before
from graph.text.spans import HONORIFICS, STOP, Word, phrase, words

ORG_HEADS = {
    "trust": "NHSTrust", "trusts": "NHSTrust", "council": "LocalAuthority", "mbc": "LocalAuthority",
    "authority": "LocalAuthority", "department": "GovernmentDepartment", "group": "Organisation",
    "ccg": "ClinicalCommissioningGroup", "board": "Organisation", "commission": "Organisation", "office": "Organisation",
    "association": "MembershipBody", "confederation": "Organisation", "improvement": "Regulator",
    "england": "NHSNationalBody", "partnership": "Partnership", "party": "PoliticalParty", "institute": "ThinkTank",
    "foundation": "Organisation", "service": "Organisation", "committee": "Organisation", "agency": "Organisation",
    "government": "NationalGovernment", "parliament": "Organisation", "university": "Organisation",
    "hospitals": "NHSTrust", "commissioners": "Organisation", "corporation": "Organisation", "college": "MembershipBody",
    "journal": "MediaOrganisation", "network": "Organisation", "alliance": "Organisation", "federation": "MembershipBody",
    "democrats": "PoliticalParty", "conservatives": "PoliticalParty", "liberals": "PoliticalParty",
    "greens": "PoliticalParty", "tories": "PoliticalParty", "fund": "Organisation",
    "forum": "Organisation", "society": "Organisation", "centre": "Organisation", "center": "Organisation",
    "unit": "Organisation", "collaborative": "Organisation", "consortium": "Organisation",
}
# Heads of a body named partly in lower case: "the Commons health committee", "the Kirkdale joint
# commissioning board".
LOWER_HEADS = {"committee": "Organisation", "board": "Organisation", "partnership": "Partnership",
               "network": "Organisation", "group": "Organisation", "cabinet": "OrganisationalUnit"}
COMPOUND_HEADS = [("clinical commissioning group", "ClinicalCommissioningGroup"),
                  ("health and wellbeing board", "HealthAndWellbeingBoard"), ("county council", "LocalAuthority"),
                  ("foundation trust", "NHSTrust"), ("nhs trust", "NHSTrust"), ("think tank", "ThinkTank")]
PLACE_PREPS = {"in", "across", "from", "for", "of", "visit", "visited", "visits", "visiting"}
SAYS_AFTER = {",", "-", "–", "said", "says", "told", "tells", "has", "had", "added", "admitted", "wrote", "who", "is",
              "was", "does", "did", "runs", "ran", "thinks", "believes", "wants", "argues", "argued", "insists",
              "recalls", "laughs", "joined", "became", "leads", "chairs"}
SAID = {"said", "says", "added", "adds", "told", "according"}  # "…,” said Jane Roe."
NOT_NAMES = {"I", "MP", "MPs", "GP", "GPs", "CEO", "CEOs", "A&E", "OK"}  # capitals that name no one
POSTNOMINALS = {"MP", "MPs", "MEP", "MSP", "AM", "QC", "KC", "OBE", "CBE", "MBE"}
CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
            "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "today", "yesterday", "however", "meanwhile", "indeed", "but"}


@dataclass
class Candidate:
    """A thing the text names: its guessed class, a label, and the span that names it."""

    cls: str
    label: str
    start: int
    end: int
    extra: dict = field(default_factory=dict)  # e.g. a post's organisation, former


def _opening(ws: list[Word], i: int) -> bool:
    """Whether word i opens the sentence (its capital says nothing about it being a name)."""
    return all(not w.is_word for w in ws[:i])


def _base(word: str) -> str:
    return re.sub(r"[’']s$", "", word.lower())


def _cap_runs(ws: list[Word]) -> list[tuple[int, int]]:
    """Runs of capitalised words (joined by of/and/for/& inside a run, but not "and" after a
    body's name: "Borsetshire Council and NHS Borsetshire CCG" are two), leaving out a
    sentence's opening word when it is a common word, and days, months and sentence adverbs."""
    runs, i = [], 0
    while i < len(ws):
        low = _base(ws[i].text)
        skip = low in CALENDAR or ws[i].text in NOT_NAMES or (_opening(ws, i) and (low in STOP or (
            not ws[i].text.isupper() and not (i + 1 < len(ws) and ws[i + 1].capital))))
        if ws[i].is_word and (ws[i].capital or ws[i].text.isupper()) and ws[i].text not in HONORIFICS and not skip:
            j = i + 1
            while j < len(ws):
                if ws[j].is_word and (ws[j].capital or ws[j].text.isupper()) and ws[j].text not in NOT_NAMES - POSTNOMINALS:
                    j += 1
                elif ws[j].text in ("of", "and", "for", "&") and j + 1 < len(ws) and ws[j + 1].capital and not (
                        ws[j].text == "and" and (_base(ws[j - 1].text) in ORG_HEADS or ws[j - 1].text.isupper())):
                    j += 1
                else:
                    break
            while j < len(ws) and ws[j].text.lower() in ("county", "borough", "city", "district", "council", "trust"):
                j += 1  # "Lancashire county council": a name whose kind is written in lower case
            end = j
            while end - i > 2 and ws[end - 1].text in POSTNOMINALS:
                end -= 1  # "Norman Lamb MP": the name, then letters after it
            runs.append((i, end))
            i = j
        else:
            i += 1
    return runs


def _org_kind(ws: list[Word], i: int, j: int) -> str | None:
    lower = [_base(w.text) for w in ws[i:j]]
    joined = " ".join(lower)
    for k in range(len(lower) - 1):  # "Association of Care Directors", "Institute for Health Policy"
        if lower[k + 1] in ("of", "for") and lower[k] in ORG_HEADS and k + 2 < len(lower):
            return ORG_HEADS[lower[k]]
    return (next((kind for words_, kind in COMPOUND_HEADS if words_ in joined), None) or ORG_HEADS.get(lower[-1])
            or ORG_HEADS.get(lower[-1].rstrip("s")) or ("Organisation" if lower[0] == "nhs" else None))


def _lower_head(ws: list[Word], j: int) -> int | None:
    """The end of a body's name that goes on in lower case after its capitals ("Kirkdale joint
    commissioning board"): the index after its head word, or None."""
    k = j
    while k < len(ws) and k - j < 4 and ws[k].is_word and ws[k].text.islower() and (ws[k].text not in STOP or ws[k].text == "and"):
        if ws[k].text in LOWER_HEADS or " ".join(w.text for w in ws[j:k + 1]).endswith("health and wellbeing board"):
            return k + 1
        k += 1
    return None


def find_candidates(text: str, ws: list[Word]) -> list[Candidate]:
    """Every candidate thing named in the words ``ws`` of one sentence of ``text``."""
    out: list[Candidate] = []
    runs = _cap_runs(ws)
    people = set()
    for i, j in runs:
        longer = _lower_head(ws, j) if j - i <= 3 else None
        if longer is not None:
            name = phrase(text, ws, i, longer)
            kind = _org_kind(ws, i, longer) or LOWER_HEADS.get(ws[longer - 1].text, "Organisation")
            out.append(Candidate(kind, name, ws[i].start, ws[longer - 1].end))
            continue
        name = phrase(text, ws, i, j)
        hon = i > 0 and ws[i - 1].text in HONORIFICS
        after = ws[j].text.lower() if j < len(ws) else ""
        before = ws[i - 1].text.lower() if i > 0 else ""
        before2 = ws[i - 2].text.lower() if i > 1 else ""
        org_kind = _org_kind(ws, i, j)
        doc_kind = _doc_kind(ws, i, j)
        acronym = any(w.text.isupper() and len(w.text) > 1 for w in ws[i:j]) or any(
            c.isupper() for w in ws[i:j] for c in w.text[1:] if not w.text.isupper())
        if doc_kind and not org_kind:
            out.append(Candidate(doc_kind, name, ws[i].start, ws[j - 1].end))
        elif org_kind and j - i == 1 and _base(ws[i].text) in ORG_HEADS.keys() - {"england", "government", "parliament"}:
            pass  # "the CCG", "the Trust": a kind's word alone names no one body (the one meant is named elsewhere)
        elif org_kind and not (j - i == 1 and _base(ws[i].text) in ("england", "government", "parliament")):
            out.append(Candidate(org_kind, re.sub(r"[’']s$", "", name), ws[i].start, ws[j - 1].end))
        elif 2 <= j - i <= 3 and all(w.text[:1].isupper() and not w.text.isupper() for w in ws[i:j]) and (
                hon or after in SAYS_AFTER or title_before(ws, i) or before in SAID) and not _possessive(ws[j - 1]):
            start = ws[i - 1].start if hon else ws[i].start
            out.append(Candidate("Person", name, start, ws[j - 1].end, {"honorific": ws[i - 1].text} if hon else {}))
            people.add((i, j))
        elif (before in PLACE_PREPS or (before == "the" and before2 in PLACE_PREPS)) and j - i <= 2 and i > 1 \
                and not hon and not acronym:
            out.append(Candidate("Place", name, ws[i].start, ws[j - 1].end))
        elif acronym and j - i <= 3 and (i > 0 or j - i > 1) and not (j - i == 1 and _base(ws[i].text) in ORG_HEADS):
            out.append(Candidate("Organisation", name, ws[i].start, ws[j - 1].end))
        elif 2 <= j - i <= 3 and not hon and (before == "by" or _possessive(ws[j - 1])):
            out.append(Candidate("Person", re.sub(r"[’']s?$", "", name), ws[i].start, ws[j - 1].end))
            people.add((i, j))
        elif j - i == 1 and _possessive(ws[i]) and not _opening(ws, i) and not hon:  # "Cllr Ellison’s": a person
            out.append(Candidate("Place", re.sub(r"[’']s$", "", name), ws[i].start, ws[i].end))
        # An acronym the text defines: "Long Name (LN)".
        if j + 2 < len(ws) and ws[j].text == "(" and ws[j + 1].text.isupper() and ws[j + 2].text == ")":
            if out and out[-1].label == name:
                out[-1].extra["altLabel"] = ws[j + 1].text
    def is_org(a: int, b: int) -> bool:
        return _org_kind(ws, a, b) is not None or any(w.text.isupper() for w in ws[a:b])

    out += [Candidate(*p) for p in posts(text, ws, runs, people, is_org)]
    out += [Candidate(*p) for p in posts_without_holder(text, ws, runs, is_org)]
    named = [(c.start, c.end) for c in out]
    for cls, label, start, end in institutions(text, ws) + groups(text, ws) + documents(text, ws):
        if not any(a <= start and end <= b for a, b in named):  # "Community Providers" in "Community Providers Network"
            out.append(Candidate(cls, label, start, end))
    return out


def _doc_kind(ws: list[Word], i: int, j: int) -> str | None:
    return DOC_HEADS.get(ws[j - 1].text.lower()) if j - i > 1 else None


def _possessive(w: Word) -> bool:
    return w.text.endswith(("’s", "'s", "s’", "s'"))


__all__ = ["Candidate", "find_candidates", "words", "ORG_HEADS"]
