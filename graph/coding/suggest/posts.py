"""Posts an article names: a title with its organisation, and who holds it.

Read from one sentence's words: "Jane Roe, chief executive of Borsetshire Council", "Jane Roe,
the Borsetshire CCG chair", "Jane Roe, Executive Director, Health & Care", "Borsetshire
Council's chief executive Jane Roe", "Health secretary Jeremy Hunt", "Dr Jane Roe, a GP who
chairs Borsetshire CCG", "Roe has been chief executive of Borsetshire Council since 2012", "the
chief executive of Borsetshire Council" (no holder), and, with the organisation left for the
caller to find in the sentences before, "its chief executive, Jane Roe" and "the council's
leader, Cllr Jane Roe" (``ref``: "its", or the word naming the body).
A post is labelled "Title, Organisation", as the curated posts are.

Each rule gives ``(class, label, start, end, extra)``; ``extra`` holds ``org``, ``holder``,
``former`` or ``ref``.

Examples
--------
>>> from graph.text.spans import words
>>> text = "Jane Roe, chief executive of Borsetshire Council, said so."
>>> [(p[1], p[4]["holder"]) for p in posts(text, words(text), [(0, 2), (6, 8)], {(0, 2)}, lambda i, j: True)]
[('Chief executive, Borsetshire Council', 'Jane Roe')]
"""

from __future__ import annotations

import re

from graph.text.spans import HONORIFICS, STOP, Word, phrase

TITLES = tuple(sorted((
    "chief executive", "executive director", "accountable officer", "chief officer", "director", "co-chair", "chair",
    "chairman", "chairwoman", "president", "secretary", "minister", "editor", "officer", "leader", "councillor",
    "commissioner", "chancellor", "manager", "head", "spokesman", "spokeswoman", "adviser", "founder", "governor",
    "mayor", "professor", "chief", "cabinet member for adult care", "director of adult services",
    "director of public health", "deputy chief executive", "medical director", "senior fellow", "fellow",
    "clinical chair", "vice-chair", "deputy leader", "deputy director", "director of policy", "policy director",
    "director of finance", "finance director", "chief finance officer", "chief operating officer",
    "director of adult social services", "director of adult social care", "director of social services",
    "programme director", "clinical lead", "economist", "trustee", "spokesperson"), key=lambda t: (-len(t.split()), t)))
MINISTERIAL = ("minister", "secretary", "chancellor")
CHAIRS = re.compile(r"(?:chairs|chaired|leads|led|runs|ran|heads|headed)$")
Post = tuple  # (class, label, start, end, extra)


def title_at(ws: list[Word], i: int) -> tuple[int, str] | None:
    """A title (lower case, e.g. 'chief executive') starting at word i: (end index, title)."""
    for title in TITLES:
        parts = title.split(" ")
        got = [w.text.lower() for w in ws[i:i + len(parts)]]
        if got == parts and (i + len(parts) == len(ws) or ws[i + len(parts)].text not in ("-",)):
            return i + len(parts), title
    return None


def title_before(ws: list[Word], i: int) -> bool:
    """Whether word i follows a title ("chair Jane Roe")."""
    return i > 0 and any(ws[i - 1].text.lower() == t.split(" ")[-1] for t in TITLES)


def label(title: str, org: str) -> str:
    return f"{title[:1].upper()}{title[1:]}, {org}"


def _post(title, org, holder, former, start, end) -> Post:
    return ("Post", label(title, org), start, end, {"org": org, "holder": holder, "former": former})


def _org_after(ws, k, starts) -> int | None:
    """The index of an organisation's name at word k, after an optional "the"."""
    k += 1 if k < len(ws) and ws[k].text.lower() == "the" else 0
    return k if k in starts else None


def posts(text: str, ws: list[Word], runs: list, people: set, is_org) -> list[Post]:
    """Posts named beside a person of ``people`` (word index ranges) in one sentence's words;
    ``runs`` are its capitalised names, ``is_org(i, j)`` whether ``ws[i:j]`` names a body."""
    out: list[Post] = []
    starts = dict(runs)
    # "Roe has been chief executive of …": a surname alone may hold a post
    alone = {(i, i + 1) for i, w in enumerate(ws) if w.capital and w.is_word and w.text.lower() not in STOP
             and re.match(r"\s+(?:has been|is|was|became|is now)\s", text[w.end:])}
    for i, j in sorted(people | alone):
        if (i, j) in alone - people:
            m = re.match(r"\s+(?:has been|is|was|became|is now)\s+(?:the\s+|an?\s+)?", text[ws[i].end:])
            k = next((n for n in range(j, len(ws)) if m and ws[n].start >= ws[i].end + m.end()), len(ws))
            title = title_at(ws, k) if k < len(ws) else None
            o = _org_after(ws, title[0] + 1, starts) if title and title[0] < len(ws) and ws[title[0]].text in ("of", "at") else None
            if title and o is not None:
                out.append(_post(title[1], phrase(text, ws, o, starts[o]), ws[i].text, False, ws[k].start, ws[starts[o] - 1].end))
            continue
        name = phrase(text, ws, i, j)
        after: int | None = j + 1 if j < len(ws) and ws[j].text == "," else None
        if after is not None:
            k = after
            if k < len(ws) and ws[k].text.lower() in ("a", "an") and k + 2 < len(ws) and ws[k + 2].text.lower() == "who":
                k += 3  # ", a GP who chairs …"
            elif k < len(ws) and ws[k].text.lower() in ("a", "an") and title_at(ws, k + 1):
                k += 1  # ", a senior fellow at …"
            elif k + 3 < len(ws) and ws[k].text.lower() in ("a", "an") and ws[k + 2].text == "and" and title_at(ws, k + 3):
                k += 3  # ", a GP and chair of …"
            elif k < len(ws) and ws[k].text.lower() == "who":
                k += 1
                k += 1 if k < len(ws) and ws[k].text.lower() in ("is", "was") else 0
            k += 1 if k < len(ws) and ws[k].text.lower() == "the" else 0
            owner = ws[k].text if k < len(ws) and re.fullmatch(r"[a-z]+[’']s", ws[k].text) else None
            k += 1 if owner else 0  # ", the council's leader"
            former = k < len(ws) and ws[k].text.lower() == "former"
            k += 1 if former else 0
            if k < len(ws) and CHAIRS.match(ws[k].text) and (o := _org_after(ws, k + 1, starts)) is not None:
                out.append(_post("chair", phrase(text, ws, o, starts[o]), name, former, ws[k].start, ws[starts[o] - 1].end))
                continue
            title = title_at(ws, k) if k < len(ws) else None
            o = _org_after(ws, title[0] + 1, starts) if title and title[0] < len(ws) and ws[title[0]].text in ("of", "at") else None
            if title and owner:
                out.append(("Post", title[1], ws[k].start, ws[title[0] - 1].end,
                            {"ref": re.sub(r"[’']s$", "", owner), "holder": name, "former": former}))
            elif title and o is not None:
                out.append(_post(title[1], phrase(text, ws, o, starts[o]), name, former, ws[k].start, ws[starts[o] - 1].end))
            elif k in starts:
                o_end = starts[k]
                title = title_at(ws, o_end) if o_end < len(ws) else None
                if title:
                    out.append(_post(title[1], phrase(text, ws, k, o_end), name, former, ws[k].start, ws[title[0] - 1].end))
                elif o_end < len(ws) and ws[o_end].text == ",":  # "X, Executive Director, Y"
                    nxt = o_end + 1
                    if nxt in starts and any(t in phrase(text, ws, k, o_end).lower() for t in TITLES):
                        out.append(_post(phrase(text, ws, k, o_end).lower(), phrase(text, ws, nxt, starts[nxt]),
                                         name, former, ws[k].start, ws[starts[nxt] - 1].end))
        # "Roe has been chief executive of Borsetshire Council"
        m = re.match(r"\s+(?:has been|is|was|became|is now)\s+(?:the\s+|an?\s+)?", text[ws[j - 1].end:])
        if m:
            k = next((n for n in range(j, len(ws)) if ws[n].start >= ws[j - 1].end + m.end()), len(ws))
            title = title_at(ws, k) if k < len(ws) else None
            o = _org_after(ws, title[0] + 1, starts) if title and title[0] < len(ws) and ws[title[0]].text in ("of", "at") else None
            if title and o is not None:
                out.append(_post(title[1], phrase(text, ws, o, starts[o]), name, False, ws[k].start, ws[starts[o] - 1].end))
        out += _before(text, ws, i, name, runs, is_org)
    return out


def _before(text, ws, i, name, runs, is_org) -> list[Post]:
    """Posts named before a person: "(former) ORG('s) TITLE [Hon] X", "Health secretary X",
    "its TITLE, X", "the council's TITLE, X"."""
    b = i - 1 if i > 0 and ws[i - 1].text in HONORIFICS else i
    b -= 1 if b > 0 and ws[b - 1].text == "," else 0
    for title in TITLES:
        n = len(title.split())
        t0 = b - n
        if t0 < 0 or " ".join(w.text.lower() for w in ws[t0:b]) != title:
            continue
        org_start = next((s for s, e in runs if e == t0), None)
        former = t0 > 0 and ws[(org_start or t0) - 1].text.lower() == "former"
        owner = ws[t0 - 1].text if t0 > 0 else ""
        if org_start is not None and (is_org(org_start, t0) or owner.endswith(("’s", "'s"))):
            org = re.sub(r"[’']s$", "", phrase(text, ws, org_start, t0))
            return [_post(title, org, name, former, ws[org_start].start, ws[b - 1].end)]
        if owner.lower() in ("its", "their") or re.fullmatch(r"[a-z]+[’']s", owner):
            ref = owner.lower() if owner.lower() in ("its", "their") else re.sub(r"[’']s$", "", owner.lower())
            return [("Post", title, ws[t0].start, ws[b - 1].end, {"ref": ref, "holder": name, "former": former})]
        if ws[t0].capital and title in MINISTERIAL:
            return []
        if t0 > 0 and ws[t0 - 1].capital and ws[t0 - 1].is_word:  # "Health secretary Jeremy Hunt"
            return [("MinisterialPost" if title in MINISTERIAL else "Post", f"{ws[t0 - 1].text} {title}",
                     ws[t0 - 1].start, ws[b - 1].end, {"holder": name, "former": former})]
        return []
    return []


def posts_without_holder(text: str, ws: list[Word], runs: list, is_org=None) -> list[Post]:
    """'the chief executive of Nottingham University Hospitals Trust', 'the NHS England chief
    executive', 'its chief executive': a post named on its own."""
    out, starts = [], dict(runs)
    for i, j in runs:  # "the NHS England chief executive"
        title = title_at(ws, j) if j < len(ws) else None
        if title and i > 0 and ws[i - 1].text.lower() in ("the", "former") and is_org is not None and is_org(i, j) \
                and not (title[0] < len(ws) and ws[title[0]].text == ","):
            org = phrase(text, ws, i, j)
            out.append(("Post", label(title[1], org), ws[i].start, ws[title[0] - 1].end, {"org": org}))
    for k in range(len(ws)):  # "Its chief executive said"
        if ws[k].text.lower() in ("its", "their") and (title := title_at(ws, k + 1)) and not (
                title[0] < len(ws) and ws[title[0]].text == ","):
            out.append(("Post", title[1], ws[k + 1].start, ws[title[0] - 1].end, {"ref": ws[k].text.lower()}))
    for k in range(1, len(ws)):
        title = title_at(ws, k)
        if title and ws[k - 1].text.lower() in ("the", "a", "former") and title[0] < len(ws) and ws[title[0]].text == "of":
            o = _org_after(ws, title[0] + 1, starts)
            if o is not None:
                org = phrase(text, ws, o, starts[o])
                out.append(("Post", label(title[1], org), ws[k].start, ws[starts[o] - 1].end, {"org": org}))
    return out


__all__ = ["posts", "posts_without_holder", "title_at", "title_before", "label", "TITLES", "MINISTERIAL"]
