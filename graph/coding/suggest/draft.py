"""`carekg suggest ARTICLE.txt -o SHEET`: a draft coding sheet, every row a candidate.

Offline rules only (no model is downloaded or loaded), precision before recall:

1. **The article's parts** (:mod:`graph.coding.suggest.layout`): headings, bylines and datelines
   apart from the body; a heading drafts no groups, posts or documents, and other names only
   when the body names them too; authors are people, never actors.
2. **Known things.**  Every label and ``skos:altLabel`` of a thing the dataset already names is
   looked for in the text, folded the way the shared resolver folds names and tolerating near
   spellings (:mod:`graph.coding.suggest.dataset_names`); a person's surname counts once the
   full name has appeared; a post the dataset knows is linked where it is named beside its holder.
3. **New candidates** (:mod:`graph.coding.suggest.new_things`, :mod:`~graph.coding.suggest.posts`,
   :mod:`~graph.coding.suggest.common_nouns`): people, bodies, parties, places, posts with their
   holders, groups of actors, documents, events and budgets.
4. **Stances** (:mod:`graph.coding.suggest.stances`): who speaks
   (:mod:`~graph.coding.suggest.speakers`), which known proposal the words name
   (:mod:`~graph.coding.suggest.concepts`) and which way the cue points; a stance only when
   all three are read.  Each gets a quote of at most 15 words, verbatim, and its offsets.
5. **Amounts** of money (£, $, €; "m", "bn", thousands), with what they are of (the thing
   named just before "of £…", just after "£… for", else the nearest thing that is not an
   actor) and the words that follow as the measure.

Nothing enters the data until a curator changes ``status: candidate`` to ``accepted``.

Examples
--------
>>> from graph.rdf.parse import parse_turtle
>>> from graph.rdf.paths import Paths
>>> index = KnownIndex(Graph(), parse_turtle(Paths().ontology))  # nothing known yet
>>> sheet = suggest_sheet("Jane Roe, chief executive of Borsetshire Council, called for a single pooled budget.", index)
>>> [(r["class"], r["label"]) for r in sheet["entities"]][:2]
[('Person', 'Jane Roe'), ('Post', 'Chief executive, Borsetshire Council')]
>>> sheet["stances"][0]["actor"], sheet["stances"][0]["evidence"]
('jane-roe', 'Jane Roe, chief executive of Borsetshire Council, called for a single pooled budget')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from graph.coding.suggest.amounts import money_rows
from graph.coding.suggest.dataset_names import KnownIndex, known_mentions
from graph.coding.suggest.layout import authors, parts
from graph.coding.suggest.new_things import Candidate, find_candidates
from graph.coding.suggest.posts import label as post_label
from graph.coding.suggest.speakers import Mention
from graph.coding.suggest.stances import find_stances
from graph.rdf.namespaces import CAREKG, KG
from graph.text.evidence import collapse_whitespace
from graph.text.fuzzy import fold, without_article
from graph.text.slugs import slug
from graph.text.spans import body_end, phrase, sentences, window, words

WORDS_OF_PROPOSALS = {"Reorganisation", "Budget", "Fund", "Document", "Report", "Legislation", "Programme"}


@dataclass
class Found:
    """A thing the text names, known (``iri``) or new (``candidate``), with its spans."""

    key: str
    iri: URIRef | None = None
    candidate: Candidate | None = None
    spans: list = field(default_factory=list)
    sentence: tuple = (0, 0)  # the sentence of the first span: quotes stay inside it



def suggest_sheet(text: str, index: KnownIndex, article: str | None = None, date: str | None = None) -> dict:
    """The draft sheet (data for :func:`graph.coding.yamlio.dump_yaml`) for an article's text."""
    end = body_end(text)
    lines = parts(text, end)
    spans = sentences(text, end)
    writers = authors(text, lines)
    things, mentions = _names(text, spans, lines, writers, index)
    author_keys = {m.key for w in writers for m in mentions if m.start < w.end and w.start < m.end}
    narrator = next((m.key for w in writers if w.narrator for m in mentions if m.start < w.end and w.start < m.end), None)
    stances, named = find_stances(text, spans, mentions, index, lines, narrator, author_keys - {narrator})
    for st in stances:  # a new proposal a stance is about is a candidate where it is named
        p, (a, b), s = st["proposal"], st["named"], st["sentence"]
        if str(p).startswith("new:"):
            things.setdefault(p, Found(p, candidate=Candidate("Proposal", p[4:], a, b), sentence=(s.start, s.end))).spans.append((a, b))
    for a, b, p, s in named:  # a known proposal is attested where it is named
        things.setdefault(str(p), Found(str(p), iri=p, sentence=(s.start, s.end))).spans.append((a, b))
        for key, found in list(things.items()):  # "another reorganisation" is the proposal, not an event
            c = found.candidate
            if c is not None and c.cls in WORDS_OF_PROPOSALS and all(a <= x and y <= b + 1 for x, y in found.spans):
                del things[key]
    sheet = _sheet(text, things, stances, index, article, date)
    amounts = money_rows(text, spans, [(m.start, m.end, m.key, m.actor) for m in mentions], sheet, date)
    if amounts:
        sheet["amounts"] = amounts
    return sheet


def _names(text, spans, lines, writers, index: KnownIndex) -> tuple[dict, list[Mention]]:
    """The things the text names, known and new, and every place an actor is named."""
    body = fold(" ".join(text[p.start:p.end] for p in lines if p.kind == "body"))
    things: dict[str, Found] = {}
    mentions: list[Mention] = []
    surnames = {}
    for known in index.things.values():
        if known.cls == "Person" and fold(known.label) in fold(text[:end_of(spans)]):
            surnames[fold(known.label).split()[-1]] = known.iri
    new_surnames: dict = {}
    before = ""  # the sentence before
    for s in spans:
        ws = words(text, s.start, s.end)
        line = next((p for p in lines if p.start <= s.start < p.end), None)
        headline = line is not None and line.kind != "body" and len(text[line.start:line.end].split()) < 10
        candidates = [c for c in find_candidates(text, ws) if not headline or _in_body(c, body, index)]
        candidates += [Candidate("Person", w.name, w.start, w.end) for w in writers if s.start <= w.start < s.end
                       and not any(c.start <= w.start < c.end and c.cls == "Person" for c in candidates)]
        if line is not None and line.kind != "body":  # a heading names no groups or documents
            candidates = [c for c in candidates if c.cls in ("Person", "Place", "Post", "MinisterialPost")
                          or (CAREKG[c.cls] in index.actor_classes and c.cls != "CollectiveActor")]
        # A known name inside a longer new name ("NHS" in "NHS Improvement") is part of it.
        names = [(c.start, c.end) for c in candidates if c.cls not in ("Post", "MinisterialPost", "CollectiveActor")
                 and c.label[:1].isupper() and not c.label.startswith("The ")]
        taken = []
        for iri, a, b in known_mentions(text, ws, index, surnames):
            if any(x <= a and b <= y and (y - x) > (b - a) for x, y in names):
                continue
            key = str(iri)
            known = index.things[iri]
            things.setdefault(key, Found(key, iri=iri, sentence=(s.start, s.end))).spans.append((a, b))
            mentions.append(Mention(a, b, key, known.cls, known.actor, fold(known.label)))
            taken.append((a, b))
        defined = {fold(c.extra["altLabel"]) for c in candidates if c.extra.get("altLabel")}
        for c in candidates:
            if any(a <= c.start and c.end <= b for a, b in taken) or fold(c.label) in defined:
                continue  # the known name covers it, or it is an acronym defined with its name
            if c.extra.get("ref") and not _resolve_post(c, mentions, things, index, before):
                continue
            key = fold(c.label)
            if key in index.posts:  # a post the dataset knows, named beside its holder
                iri = index.posts[key]
                found = things.setdefault(str(iri), Found(str(iri), iri=iri, sentence=(s.start, s.end)))
                found.spans.append((c.start, c.end))
                found.candidate = found.candidate or c  # for its holder's tenure
                continue
            if not key or without_article(key) in index.keys:
                continue
            found = things.setdefault(key, Found(key, candidate=c, sentence=(s.start, s.end)))
            found.spans.append((c.start, c.end))
            mentions.append(Mention(c.start, c.end, key, c.cls, CAREKG[c.cls] in index.actor_classes, key))
            taken.append((c.start, c.end))
            if c.cls == "Person":
                new_surnames[key.split()[-1]] = key
        for w in ws:  # "Hale says …" once "Kathryn Hale" has been named
            low = fold(re.sub(r"[’']s$", "", w.text))
            if w.capital and low in new_surnames and not any(a <= w.start < b for a, b in taken):
                mentions.append(Mention(w.start, w.end, new_surnames[low], "Person", True, new_surnames[low]))
        before = text[s.start:s.end]
    return things, sorted(mentions)


def _in_body(c: Candidate, body: str, index: KnownIndex) -> bool:
    """Whether a thing a headline names is a person, body or place the body names too (a
    headline's words summarise the body's: "Think tank backs boards" is no group)."""
    named = c.cls in ("Person", "Place") or (CAREKG[c.cls] in index.actor_classes and c.cls != "CollectiveActor")
    return named and re.search(r"(?<!\w)" + re.escape(fold(c.label)) + r"(?!\w)", body) is not None


def end_of(spans) -> int:
    return spans[-1].end if spans else 0


def _resolve_post(c: Candidate, mentions: list[Mention], things: dict, index: KnownIndex, before: str) -> bool:
    """Give a post named as "its chief executive" or "the council's leader" the body meant: the
    last one named before it (with that word in its name or kind); False when there is none."""
    ref = c.extra.pop("ref")
    bodies = [m for m in mentions[-200:] if m.end <= c.start and m.actor and m.cls not in ("Person", "CollectiveActor")]
    if ref not in ("its", "their"):
        bodies = [m for m in bodies if ref in (m.label or "").split() or ref in m.cls.lower()
                  or (ref == "trust" and m.cls == "NHSTrust")]
    else:  # "its": the body the sentence before is about, named or described first in it
        opening = re.match(r"\W*(?:The\s+)?(\w+)", before)
        word = opening.group(1).lower() if opening else ""
        bodies = [m for m in bodies if word in (m.label or "").split() or word in m.cls.lower()] or bodies
    if not bodies:
        return False
    body = bodies[-1]
    found = things.get(body.key)
    org = index.things[found.iri].label if found is not None and found.iri is not None else (
        found.candidate.label if found is not None and found.candidate is not None else body.label)
    c.extra["org"] = org
    c.label = post_label(c.label, org)
    return True


def _quote(text, s, a, b, actor=None) -> tuple[int, int]:
    """At most 15 words of sentence ``s`` that hold ``text[a:b]`` (the cue and the proposal's
    words): from the actor's name when it is near enough, else with a few words either side."""
    ws = words(text, s.start, s.end)
    i = next((k for k, w in enumerate(ws) if w.end > a), 0)
    j = next((k for k, w in enumerate(ws) if w.start >= b), len(ws))
    if actor is not None and actor <= a:
        k = next(k for k, w in enumerate(ws) if w.end > actor)
        if sum(1 for w in ws[k:j] if w.is_word) <= 15:
            lo, hi = window(text, ws, k, max(j, k + 1), before=0, after=12)
            return ws[lo].start, ws[hi - 1].end
    while sum(1 for w in ws[i:j] if w.is_word) > 15:
        j -= 1
    lo, hi = window(text, ws, i, max(j, i + 1), before=4, after=4)
    return ws[lo].start, ws[hi - 1].end


def _sheet(text, things: dict, stances: list, index, article, date) -> dict:
    ids: dict = {}
    rows = []
    for key, found in sorted(things.items(), key=lambda kv: kv[1].spans[0][0]):
        a, b = found.spans[0]
        ws = words(text, max(found.sentence[0], a - 80), min(found.sentence[1], b + 80))
        i = next(k for k, w in enumerate(ws) if w.end > a)
        j = next((k for k, w in enumerate(ws) if w.start >= b), len(ws))
        lo, hi = window(text, ws, i, j, before=3, after=3)
        quote = phrase(text, ws, lo, hi)
        row: dict = {"status": "candidate"}
        if found.iri is not None:
            ident = str(found.iri).removeprefix(str(KG))
            row = {"id": ident, **row}
        else:
            c = found.candidate
            ident = slug(c.label, c.cls) or "entity"
            row = {"id": ident, **row, "class": c.cls, "label": c.label}
            if c.extra.get("altLabel"):
                row["altLabel"] = c.extra["altLabel"]
            if c.extra.get("honorific"):
                row["honorific"] = c.extra["honorific"]
        ids[key] = ident
        row["mentions"] = [quote]
        row["at"] = [str(ws[lo].start), str(ws[hi - 1].end)]
        rows.append(row)
    tenures = _tenures(text, things, ids, index, date)
    for row, found in zip(rows, sorted(things.values(), key=lambda f: f.spans[0][0])):
        row.update(getattr(found, "extra_rows", {}))
    sheet: dict = {"sheet": "1", "article": article or "article-NNN"}
    if rows:
        sheet["entities"] = rows
    stance_rows = []
    for st in stances:
        (n0, n1), (c0, c1), s = st["named"], st["cue"], st["sentence"]
        a, b = _quote(text, s, min(n0, c0), max(n1, c1), st["actor_at"])
        row = {"status": "candidate", "actor": ids.get(st["actor"], st["actor"]),
               "proposal": ids.get(str(st["proposal"]), str(st["proposal"]).removeprefix(str(KG))),
               "position": st["position"]}
        if date:
            row["date"] = date
        row.update({"implicit": False, "evidence": collapse_whitespace(text[a:b]), "at": [str(a), str(b)],
                    "note": f"cue: {collapse_whitespace(text[c0:c1])}"})
        stance_rows.append(row)
    if stance_rows:
        sheet["stances"] = stance_rows
    if tenures:
        sheet["tenures"] = tenures
    return sheet


def _tenures(text, things: dict, ids: dict, index: KnownIndex, date) -> list[dict]:
    """A tenure for each post found beside its holder, and the post's organisation."""
    out = []
    for key, found in things.items():
        c = found.candidate
        if c is None or c.cls not in ("Post", "MinisterialPost") or "holder" not in c.extra:
            continue
        holder = next((k for k, f in things.items() if f.candidate is not None and f.candidate.cls == "Person"
                       and fold(f.candidate.label) == fold(c.extra["holder"])), None) or next(
            (k for k, f in things.items() if f.candidate is not None and f.candidate.cls == "Person"
             and fold(f.candidate.label).split()[-1] == fold(c.extra["holder"])), None)
        if holder is None:
            holder = next((k for k, f in things.items() if f.iri is not None
                           and fold(index.things[f.iri].label) == fold(c.extra["holder"])), None)
        org = c.extra.get("org") or ("The government" if c.cls == "MinisterialPost" else None)
        org_key = without_article(fold(org)) if org else None
        org_id = (_known_id(index.keys[org_key], index) if org_key in index.keys
                  else ids.get(org_key, slug(org)) if org else None)
        found.extra_rows = {"postIn": org_id} if org_id and found.iri is None else {}
        if holder is None:
            continue
        a, b = found.spans[0]
        h = things[holder].spans[0]
        lo, hi = min(a, h[0]), max(b, h[1])
        ws = words(text, lo, hi)
        if sum(1 for w in ws if w.is_word) > 15:
            continue
        row = {"status": "candidate", "holder": ids[holder], "post": ids[key]}
        if date:
            row["date"] = date
        row["former"] = bool(c.extra.get("former"))
        out.append(row | {"evidence": collapse_whitespace(text[lo:hi]), "at": [str(lo), str(hi)]})
    return out




def _known_id(iris: set, index: KnownIndex) -> str:
    """The sheet id of a known thing a name may stand for (a body first: a post is in one)."""
    iri = sorted(iris, key=lambda i: (not index.things[i].actor, str(i)))[0]
    return str(iri).removeprefix(str(KG))


def suggest_file(paths, text_file) -> str:
    """The draft sheet, as YAML text, for the article text in ``text_file``, against the
    dataset at ``paths``.  A registered text (same SHA-256) gets its article, and its date (with
    the words and the estimate flag recorded by ``source add``) once, in the sheet's header, for
    every row (graph.coding.mapping.dated)."""
    from pathlib import Path

    from graph.coding.yamlio import dump_yaml
    from graph.rdf.parse import parse_turtle
    from graph.rdf.serialise import comment_line
    from graph.text.articles import read_seed
    from graph.text.sources import find_by_text, sha256_hex

    text_file = Path(text_file)
    text = read_seed(text_file.parent, text_file.name)
    data = text.encode("utf-8")
    graph = Graph()
    for path in paths.data_files():
        graph += parse_turtle(path)
    source = find_by_text(graph, sha256_hex(data))
    article, dates = None, {}
    if source is not None:
        article = str(source.article).removeprefix(str(KG))
        for key, prop in (("date", CAREKG.date), ("dateText", CAREKG.dateText), ("dateIsEstimate", CAREKG.dateIsEstimate)):
            if (value := graph.value(source.article, prop)) is not None:
                dates[key] = str(value) == "true" if key == "dateIsEstimate" else str(value)
    sheet = suggest_sheet(text, KnownIndex(graph, parse_turtle(paths.ontology)), article)
    if dates.get("date"):  # said once, after the article: the rows give none
        sheet = {k: sheet[k] for k in ("sheet", "article")} | dates | sheet
    head = [f"Draft coding sheet for {text_file.name}, written by `carekg suggest`.",
            "Every row is a candidate: change `status: candidate` to `accepted` to keep a row, to",
            "`rejected` to drop it, and fix what is wrong (labels, classes, the proposal a stance",
            "is about); `at` gives where each quote stands.  Then `carekg code check` and `code apply`."]
    if source is None:
        head.append("This text is not registered yet: run `carekg source add` first and set `article`.")
    # The file name is the user's text: one comment line whatever it holds (no key of its own).
    return "".join(comment_line(line) + "\n" for line in head) + dump_yaml(sheet)


__all__ = ["KnownIndex", "suggest_sheet", "suggest_file"]
