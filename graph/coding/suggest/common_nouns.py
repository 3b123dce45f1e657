"""Things an article names with common nouns: groups of actors ("many delegates", "senior NHS
figures", "leaders in the West Midlands"), documents and events ("the Oldham report",
"November's spending review"), budgets that come with a sum ("a £40m budget"), and institutions
named by their kind ("the government", "the Treasury"); and a place's or a body's own pooled
budget ("Borsetshire's pooled fund").

Each rule reads the words of one sentence and gives ``(class, label, start, end)``.  The word
lists are general English of public administration, not phrases of any one article.

Examples
--------
>>> from graph.text.spans import words
>>> text = "Many delegates doubted the Oldham report, and a £46m budget was shared."
>>> [(c, l) for c, l, _, _ in groups(text, words(text)) + documents(text, words(text))]
[('CollectiveActor', 'Many delegates'), ('Report', 'Oldham report'), ('Budget', '£46m budget')]
"""

from __future__ import annotations

import re

from graph.text.spans import STOP, Word, phrase

GROUP_HEADS = {"delegates", "members", "commentators", "politicians", "leaders", "figures", "professionals",
               "groups", "organisations", "organizations", "suppliers", "directors", "boards", "providers",
               "trusts", "councils", "commissioners", "clinicians", "officials", "executives", "chiefs",
               "bodies", "authorities", "partners", "ccgs", "consultants", "managers", "campaigners",
               "charities", "experts", "critics", "ministers", "mps", "councillors", "staff"}
DOC_HEADS = {"report": "Report", "statement": "PublicStatement", "survey": "Survey", "piece": "CommentPiece",
             "tweet": "SocialMediaPost", "manifesto": "PublicStatement", "guidance": "Guidance",
             "declaration": "PublicStatement", "charter": "PublicStatement", "document": "Document",
             "paper": "Report", "review": "FiscalEvent", "act": "Legislation", "regulations": "Legislation",
             "legislation": "Legislation", "bill": "Legislation", "conference": "Conference", "speech": "Speech",
             "panel": "Event", "election": "Election", "reforms": "Reorganisation", "meeting": "Meeting",
             "tender": "Procurement", "programme": "Programme", "sites": "Programme",
             "initiatives": "Programme", "service": "Service", "centre": "Facility", "department": "OrganisationalUnit",
             "discussions": "Event", "admission": "PublicStatement", "strategy": "Document", "consultation": "Event",
             "letter": "PublicStatement", "transfer": "Reorganisation"}
MONEY_HEADS = {"budget", "budgets", "fund", "funds", "deficit", "reserve", "total"}  # a Budget, with a sum
INSTITUTIONS = {"government": "NationalGovernment", "chancellor": "Person", "treasury": "GovernmentDepartment",
                "regulator": "Regulator", "opposition": "PoliticalParty", "prime minister": "Person"}
VERBS_AFTER = {"have", "has", "had", "are", "were", "said", "say", "says", "told", "warned", "called", "will",
               "would", "could", "should", "must", "may", "argued", "believe", "believed", "want", "wanted"}
# Words that say how good or how many, not which: "the good boards", "seven councils" name no one.
VAGUE = {"good", "bad", "weak", "strong", "best", "worst", "big", "small", "new", "old", "few", "local", "such",
         "these", "those", "all", "any", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
SUM = re.compile(r"[£$€]\s?\d")


def _modifiers(ws: list[Word], j: int, limit: int = 3) -> int:
    """The first index of up to ``limit`` modifier words before index ``j`` (no verbs: not
    "forcing trusts" or "asked ministers")."""
    i = j
    while i > 0 and j - i < limit and ws[i - 1].is_word and (ws[i - 1].text.lower() not in STOP or ws[i - 1].text.isupper()) \
            and not ws[i - 1].text[:1].isdigit() and not (ws[i - 1].text[1:].islower() and ws[i - 1].text.lower().endswith(("ing", "ed"))):
        i -= 1
    return i


def institutions(text: str, ws: list[Word]) -> list[tuple]:
    """'the government', 'the chancellor': an institution or office named by its kind."""
    out = []
    for k, w in enumerate(ws[:-1]):
        if w.text.lower() == "the":
            for noun, cls in INSTITUTIONS.items():
                parts = noun.split(" ")
                if [x.text.lower() for x in ws[k + 1:k + 1 + len(parts)]] == parts and not (
                        k + 1 + len(parts) < len(ws) and ws[k + 1 + len(parts)].text == "of"):
                    out.append((cls, "The " + noun, w.start, ws[k + len(parts)].end))
    return out


def groups(text: str, ws: list[Word]) -> list[tuple]:
    """Actors spoken of together: 'many delegates', 'senior NHS figures', 'some in local
    government', 'leaders in the West Midlands'."""
    out = []
    for j, w in enumerate(ws):
        low = w.text.lower()
        if low in GROUP_HEADS and not (w.capital and j > 0 and ws[j - 1].capital):
            i = _modifiers(ws, j)
            while i < j and ws[i].text.lower() in VAGUE:
                i += 1
            if i > 0 and ws[i - 1].text.lower() in ("many", "some", "most", "other", "several", "senior"):
                i -= 1
            after = ws[j + 1].text.lower() if j + 1 < len(ws) else ""
            agent = j > 0 and ws[j - 1].text.lower() == "by"
            if i == j and not w.capital and after not in VERBS_AFTER and not agent:
                continue  # a bare plural ("members") names no one in particular, unless it acts
            end = j + 1
            place = re.match(r"\s+(?:in|across) the ([A-Z]\w+(?: [A-Z]\w+)?)\b", text[w.end:])
            if place:  # "leaders in the West Midlands"
                end = next(k for k in range(j, len(ws)) if ws[k].end >= w.end + place.end()) + 1
            out.append(("CollectiveActor", _cap(phrase(text, ws, i, end)), ws[i].start, ws[end - 1].end))
        elif low == "some" and j + 2 < len(ws) and ws[j + 1].text == "in":
            end = min(len(ws), j + 5)
            while end > j + 2 and not ws[end - 1].is_word:
                end -= 1
            out.append(("CollectiveActor", _cap(phrase(text, ws, j, end)), w.start, ws[end - 1].end))
    return out


def documents(text: str, ws: list[Word]) -> list[tuple]:
    """Documents, events, budgets and programmes named by a head word with a modifier; a budget
    only with its sum ("a £40m budget", "£30m into a single fund")."""
    out = []
    for j, w in enumerate(ws):
        low = w.text.lower()
        cls = "Budget" if low in MONEY_HEADS else DOC_HEADS.get(low)
        if cls is None or (w.capital and not all(not x.is_word for x in ws[:j])):
            continue  # a capitalised head belongs to a name, found as one
        i = start = _modifiers(ws, j)
        if cls == "Budget":
            sums = [k for k in range(max(0, j - 6), j) if SUM.match(ws[k].text)]
            owned = j > 1 and ws[j - 1].text.lower() in ("pooled", "joint", "shared") and ws[j - 2].capital \
                and ws[j - 2].text.endswith(("’s", "'s"))
            if owned:  # "Borsetshire’s pooled fund": a body's or a place's own budget, sum or not
                out.append((cls, _cap(phrase(text, ws, j - 2, j + 1)), ws[j - 2].start, w.end))
                continue
            if not sums:
                continue
            start = min(i, sums[-1])
            i = min(i, sums[-1]) if sums[-1] >= i - 1 else i
        elif i == j and not (j > 0 and ws[j - 1].text.endswith(("’s", "'s"))):
            continue  # "the report" alone: which report is for the curator to say
        if i == j:
            i = start = j - 1
        out.append((cls, _cap(phrase(text, ws, i, j + 1)), ws[start].start, w.end))
    return out


def _cap(label: str) -> str:
    return label[:1].upper() + label[1:]


__all__ = ["groups", "documents", "institutions", "GROUP_HEADS", "DOC_HEADS"]
