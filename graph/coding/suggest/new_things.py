"""Rules that find things an article names which the graph does not know yet.

Each rule reads the words of one sentence and yields :class:`Candidate` things with the span
that names them: people (with a title or post in apposition), organisations and bodies
(capitalised names with an organisational head word, and acronyms the text defines), groups of
actors spoken of together ("many delegates", "senior NHS figures"), documents and events ("the
Oldham report", "November's spending review"), places, and posts.  The word lists are general
English of public administration, not phrases of any one article.

Examples
--------
>>> text = "Graham Burgess, chief executive of Wirral MBC, told LGC he would be disappointed."
>>> sorted((c.cls, c.label) for c in find_candidates(text, words(text)))
[('LocalAuthority', 'Wirral MBC'), ('Organisation', 'LGC'), ('Person', 'Graham Burgess'), ('Post', 'Chief executive, Wirral MBC')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.text.spans import HONORIFICS, STOP, Word, phrase, words

ORG_HEADS = {
    "fund": "Organisation", "trust": "NHSTrust", "trusts": "NHSTrust", "council": "LocalAuthority",
    "mbc": "LocalAuthority", "authority": "LocalAuthority", "department": "GovernmentDepartment",
    "group": "Organisation", "ccg": "ClinicalCommissioningGroup", "board": "Organisation",
    "commission": "Organisation", "office": "Organisation", "association": "MembershipBody",
    "confederation": "Organisation", "improvement": "Regulator", "england": "NHSNationalBody",
    "partnership": "Partnership", "party": "PoliticalParty", "institute": "ThinkTank",
    "foundation": "Organisation", "service": "Organisation", "committee": "Organisation",
    "agency": "Organisation", "government": "NationalGovernment", "parliament": "Organisation",
    "university": "Organisation", "hospitals": "NHSTrust", "commissioners": "Organisation",
    "corporation": "Organisation", "college": "MembershipBody", "journal": "MediaOrganisation",
    "network": "Organisation", "alliance": "Organisation", "federation": "MembershipBody",
}
TITLES = ("chief executive", "executive director", "accountable officer", "chief officer", "director",
          "co-chair", "chair", "chairman", "chairwoman", "president", "secretary", "minister", "editor",
          "officer", "leader", "councillor", "commissioner", "chancellor", "manager", "head", "spokesman",
          "spokeswoman", "adviser", "founder", "governor", "mayor", "professor", "chief")
MINISTERIAL = ("minister", "secretary", "chancellor")
GROUP_HEADS = {"delegates", "members", "commentators", "politicians", "leaders", "figures", "professionals",
               "groups", "organisations", "organizations", "suppliers", "directors", "boards", "providers",
               "trusts", "councils", "commissioners", "clinicians", "officials", "executives", "chiefs",
               "bodies", "authorities", "partners", "ccgs", "consultants", "managers", "campaigners",
               "charities", "experts", "critics", "ministers", "mps", "councillors", "staff"}
DOC_HEADS = {"report": "Report", "statement": "PublicStatement", "survey": "Survey", "piece": "CommentPiece",
             "tweet": "SocialMediaPost", "manifesto": "PublicStatement", "guidance": "Guidance",
             "declaration": "PublicStatement", "charter": "PublicStatement", "document": "Document",
             "paper": "Report", "review": "FiscalEvent", "act": "Legislation", "regulations": "Legislation",
             "legislation": "Legislation", "bill": "Legislation", "view": "Document", "plan": "Budget",
             "conference": "Conference", "speech": "Speech", "panel": "Event", "election": "Election",
             "reforms": "Reorganisation", "reorganisation": "Reorganisation", "meeting": "Meeting",
             "tender": "Procurement", "programme": "Programme", "budget": "Budget", "deficit": "Budget",
             "reserve": "Budget", "total": "Budget", "sites": "Programme", "initiatives": "Programme",
             "service": "Service", "centre": "Facility", "department": "OrganisationalUnit",
             "discussions": "Event", "admission": "PublicStatement", "strategy": "Document",
             "consultation": "Event", "fund": "Fund", "board": "Partnership", "transfer": "Reorganisation"}
COMPOUND_HEADS = [("clinical commissioning group", "ClinicalCommissioningGroup"),
                  ("health and wellbeing board", "HealthAndWellbeingBoard"), ("county council", "LocalAuthority"),
                  ("foundation trust", "NHSTrust"), ("nhs trust", "NHSTrust"), ("think tank", "ThinkTank")]
PLACE_PREPS = {"in", "across", "from", "for", "of"}
INSTITUTIONS = {"government": "NationalGovernment", "chancellor": "Person", "treasury": "GovernmentDepartment",
                "regulator": "Regulator", "opposition": "PoliticalParty", "prime minister": "Person"}
VERBS_AFTER = {"have", "has", "had", "are", "were", "said", "say", "says", "told", "warned", "called", "will",
               "would", "could", "should", "must", "may", "argued", "believe", "believed", "want", "wanted"}
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


def _cap_runs(ws: list[Word]) -> list[tuple[int, int]]:
    """Runs of capitalised words (joined by of/and/for/& inside a run), leaving out a sentence's
    opening word when it is a common word, and days, months and sentence adverbs."""
    runs, i = [], 0
    while i < len(ws):
        low = re.sub(r"[’']s$", "", ws[i].text.lower())
        skip = low in CALENDAR or (_opening(ws, i) and (low in STOP or (
            not ws[i].text.isupper() and not (i + 1 < len(ws) and ws[i + 1].capital))))
        if ws[i].is_word and (ws[i].capital or ws[i].text.isupper()) and ws[i].text not in HONORIFICS and not skip:
            j = i + 1
            while j < len(ws):
                if ws[j].is_word and (ws[j].capital or ws[j].text.isupper()):
                    j += 1
                elif ws[j].text in ("of", "and", "for", "&") and j + 1 < len(ws) and ws[j + 1].capital:
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


def _title_at(text: str, ws: list[Word], i: int) -> tuple[int, str] | None:
    """A title (lower case, e.g. 'chief executive') starting at word i: (end index, title)."""
    for title in TITLES:
        parts = title.split(" ")
        got = [w.text.lower() for w in ws[i:i + len(parts)]]
        if got == parts and (i + len(parts) == len(ws) or ws[i + len(parts)].text not in ("-",)):
            return i + len(parts), title
    return None


def _post_label(title: str, org: str) -> str:
    return f"{title[:1].upper()}{title[1:]}, {org}"


def find_candidates(text: str, ws: list[Word]) -> list[Candidate]:
    """Every candidate thing named in the words ``ws`` of one sentence of ``text``."""
    out: list[Candidate] = []
    runs = _cap_runs(ws)
    people = set()
    for i, j in runs:
        name = phrase(text, ws, i, j)
        lower = [w.text.lower() for w in ws[i:j]]
        head = lower[-1].rstrip("s") if lower[-1] not in ORG_HEADS else lower[-1]
        hon = i > 0 and ws[i - 1].text in HONORIFICS
        after = ws[j].text.lower() if j < len(ws) else ""
        before = ws[i - 1].text.lower() if i > 0 else ""
        org_kind = (next((kind for words_, kind in COMPOUND_HEADS if words_ in " ".join(lower)), None)
                    or ORG_HEADS.get(lower[-1]) or ORG_HEADS.get(head) or ("Organisation" if lower[0] == "nhs" else None)
                    or (ORG_HEADS.get(lower[0]) if j - i > 2 and lower[1] == "of" else None))
        doc_kind = DOC_HEADS.get(lower[-1]) if j - i > 1 else None
        acronym = any(w.text.isupper() and len(w.text) > 1 for w in ws[i:j]) or any(
            c.isupper() for w in ws[i:j] for c in w.text[1:] if not w.text.isupper())
        if doc_kind and not org_kind:
            out.append(Candidate(doc_kind, name, ws[i].start, ws[j - 1].end))
        elif org_kind and not (j - i == 1 and lower[0] in ("england", "government", "parliament")):
            out.append(Candidate(org_kind, name, ws[i].start, ws[j - 1].end))
        elif 2 <= j - i <= 3 and all(w.text[:1].isupper() and not w.text.isupper() for w in ws[i:j]) and (
                hon or after in (",", "-", "–", "said", "says", "told", "has", "had", "added", "admitted", "wrote", "who")
                or _title_before(ws, i)):
            start = ws[i - 1].start if hon else ws[i].start
            out.append(Candidate("Person", name, start, ws[j - 1].end, {"honorific": ws[i - 1].text} if hon else {}))
            people.add((i, j))
        elif before in PLACE_PREPS and j - i <= 2 and i > 1 and not hon and not acronym:
            out.append(Candidate("Place", name, ws[i].start, ws[j - 1].end))
        elif acronym and j - i <= 3 and (i > 0 or j - i > 1):
            out.append(Candidate("Organisation", name, ws[i].start, ws[j - 1].end))
        elif 2 <= j - i <= 3 and not hon and (before == "by" or _possessive(ws[j - 1])):
            out.append(Candidate("Person", re.sub(r"[’']s?$", "", name), ws[i].start, ws[j - 1].end))
        elif j - i == 1 and _possessive(ws[i]) and not _opening(ws, i):
            out.append(Candidate("Place", re.sub(r"[’']s$", "", name), ws[i].start, ws[i].end))
        # An acronym the text defines: "Long Name (LN)".
        if j + 2 < len(ws) and ws[j].text == "(" and ws[j + 1].text.isupper() and ws[j + 2].text == ")":
            if out and out[-1].label == name:
                out[-1].extra["altLabel"] = ws[j + 1].text
    out += _posts(text, ws, runs, people)
    out += _posts_without_holder(text, ws, runs)
    out += _institutions(text, ws)
    out += _groups(text, ws)
    out += _documents(text, ws)
    return out


def _possessive(w: Word) -> bool:
    return w.text.endswith(("’s", "'s", "s’", "s'"))


def _institutions(text, ws) -> list[Candidate]:
    """'the government', 'the chancellor': an institution or office named by its kind."""
    out = []
    for k, w in enumerate(ws[:-1]):
        if w.text.lower() == "the":
            for noun, cls in INSTITUTIONS.items():
                parts = noun.split(" ")
                if [x.text.lower() for x in ws[k + 1:k + 1 + len(parts)]] == parts and not (
                        k + 1 + len(parts) < len(ws) and ws[k + 1 + len(parts)].text == "of"):
                    out.append(Candidate(cls, "The " + noun, w.start, ws[k + len(parts)].end))
    return out


def _title_before(ws, i) -> bool:
    return i > 0 and any(ws[i - 1].text.lower() == t.split(" ")[-1] for t in TITLES)


def _posts(text, ws, runs, people) -> list[Candidate]:
    """Posts named beside a person: 'X, chief executive of Y', 'X, the Y chief executive',
    'Y title X', 'Y's editor X', 'former Y director X'."""
    out = []
    org_runs = {i: j for i, j in runs}
    for i, j in people:
        name = phrase(text, ws, i, j)
        # after the name: ", (the )?(former )?TITLE (of|at) ORG" or ", (the )?ORG TITLE"
        k = j + 1 if j < len(ws) and ws[j].text == "," else None
        if k is not None:
            k += 1 if k < len(ws) and ws[k].text.lower() == "the" else 0
            former = k < len(ws) and ws[k].text.lower() == "former"
            k += 1 if former else 0
            title = _title_at(text, ws, k) if k < len(ws) else None
            if title and title[0] + 1 < len(ws) and ws[title[0]].text in ("of", "at") and title[0] + 1 in org_runs:
                o = title[0] + 1
                org = phrase(text, ws, o, org_runs[o])
                out.append(_post(title[1], org, name, former, ws[k].start, ws[org_runs[o] - 1].end))
            elif k in org_runs:
                o_end = org_runs[k]
                title = _title_at(text, ws, o_end) if o_end < len(ws) else None
                if title:
                    out.append(_post(title[1], phrase(text, ws, k, o_end), name, former, ws[k].start, ws[title[0] - 1].end))
                elif o_end < len(ws) and ws[o_end].text == ",":  # "X, Executive Director, Y"
                    nxt = o_end + 1
                    if nxt in org_runs and any(t in phrase(text, ws, k, o_end).lower() for t in TITLES):
                        out.append(_post(phrase(text, ws, k, o_end).lower(), phrase(text, ws, nxt, org_runs[nxt]),
                                         name, former, ws[k].start, ws[org_runs[nxt] - 1].end))
        # before the name: "(former )?ORG('s)? TITLE [Hon] X" or "Health secretary X"
        b = i - 1 if i > 0 and ws[i - 1].text in HONORIFICS else i
        for length in (2, 1):
            t0 = b - length
            if t0 >= 0 and " ".join(w.text.lower() for w in ws[t0:b]) in TITLES:
                words_title = " ".join(w.text.lower() for w in ws[t0:b])
                org_start = next((s for s, e in runs if e == t0), None)
                is_org = org_start is not None and (
                    any(w.text.lower() in ORG_HEADS or w.text.isupper() for w in ws[org_start:t0])
                    or ws[t0 - 1].text.endswith(("’s", "'s")))
                former = t0 > 0 and ws[(org_start or t0) - 1].text.lower() == "former"
                if is_org and org_start is not None:
                    org = re.sub(r"[’']s$", "", phrase(text, ws, org_start, t0))
                    out.append(_post(words_title, org, name, former, ws[org_start].start, ws[b - 1].end))
                elif ws[t0].capital and words_title in MINISTERIAL:
                    pass
                elif t0 > 0 and ws[t0 - 1].capital and ws[t0 - 1].is_word:  # "Health secretary Jeremy Hunt"
                    label = f"{ws[t0 - 1].text} {words_title}"
                    out.append(Candidate("MinisterialPost" if words_title in MINISTERIAL else "Post", label,
                                         ws[t0 - 1].start, ws[b - 1].end, {"holder": name, "former": former}))
                break
    return out


def _posts_without_holder(text, ws, runs) -> list[Candidate]:
    """'the chief executive of Nottingham University Hospitals Trust': a post named on its own."""
    out, starts = [], {i: j for i, j in runs}
    for k in range(len(ws)):
        title = _title_at(text, ws, k)
        if title and title[0] + 1 < len(ws) and ws[title[0]].text == "of" and title[0] + 1 in starts:
            o = title[0] + 1
            org = phrase(text, ws, o, starts[o])
            if k > 0 and ws[k - 1].text.lower() in ("the", "a", "former"):
                out.append(Candidate("Post", _post_label(title[1], org), ws[k].start, ws[starts[o] - 1].end,
                                     {"org": org}))
    return out


def _post(title, org, holder, former, start, end) -> Candidate:
    return Candidate("Post", _post_label(title, org), start, end, {"org": org, "holder": holder, "former": former})


def _modifiers(ws, j, limit=3) -> int:
    """The first index of up to ``limit`` modifier words before index ``j``."""
    i = j
    while i > 0 and j - i < limit and ws[i - 1].is_word and (ws[i - 1].text.lower() not in STOP
                                                             or ws[i - 1].text.isupper()) \
            and not ws[i - 1].text[:1].isdigit() and not (ws[i - 1].text.endswith("ing") and ws[i - 1].text.islower()):
        i -= 1
    return i


def _groups(text, ws) -> list[Candidate]:
    """Actors spoken of together: 'many delegates', 'senior NHS figures', 'some in local government'."""
    out = []
    for j, w in enumerate(ws):
        low = w.text.lower()
        if low in GROUP_HEADS:
            i = _modifiers(ws, j)
            if i > 0 and ws[i - 1].text.lower() in ("many", "some", "most", "other", "several", "senior"):
                i -= 1
            after = ws[j + 1].text.lower() if j + 1 < len(ws) else ""
            agent = j > 0 and ws[j - 1].text.lower() == "by"
            if i == j and not w.capital and after not in VERBS_AFTER and not agent:
                continue  # a bare plural ("members") names no one in particular, unless it acts
            out.append(Candidate("CollectiveActor", phrase(text, ws, i, j + 1), ws[i].start, w.end))
        elif low == "some" and j + 2 < len(ws) and ws[j + 1].text == "in":
            end = min(len(ws), j + 5)
            while end > j + 2 and not ws[end - 1].is_word:
                end -= 1
            out.append(Candidate("CollectiveActor", phrase(text, ws, j, end), w.start, ws[end - 1].end))
    return out


def _documents(text, ws) -> list[Candidate]:
    """Documents, events, budgets and programmes named by a head word with a modifier."""
    out = []
    for j, w in enumerate(ws):
        cls = DOC_HEADS.get(w.text.lower())
        if cls is None or (w.capital and not _opening(ws, j)):
            continue  # a capitalised head belongs to a name, found as one
        i = _modifiers(ws, j)
        if i == j and not (j > 0 and ws[j - 1].text.endswith(("’s", "'s"))):
            continue  # "the report" alone: which report is for the curator to say
        if i == j:
            i = j - 1
        label = phrase(text, ws, i, j + 1)
        out.append(Candidate(cls, label[:1].upper() + label[1:], ws[i].start, w.end))
    return out


__all__ = ["Candidate", "find_candidates", "words", "ORG_HEADS", "GROUP_HEADS", "DOC_HEADS", "TITLES"]
