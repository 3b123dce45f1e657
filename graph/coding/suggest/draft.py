"""`carekg suggest ARTICLE.txt -o SHEET`: a draft coding sheet, every row a candidate.

Three steps, all offline rules (no model is downloaded or loaded):

1. **Known things.**  Every label and ``skos:altLabel`` of a thing the dataset already names is
   looked for in the text, folded the way the shared resolver folds names (case, accents,
   apostrophes and punctuation do not count) and tolerating near spellings
   (:mod:`graph.coding.suggest.dataset_names`); a person's surname counts once the full name has appeared.
2. **New candidates** (:mod:`graph.coding.suggest.new_things`): people with the posts given beside them,
   organisations and acronyms, groups of actors, documents and events, places; amounts of
   money with what they are of.
3. **Stances.**  A sentence with a cue of support or opposition ("called for", "backed",
   "rejected", "warned against", "should", "not convinced", …) ties the nearest actor (or the
   one the previous sentences were about) to the proposal whose key phrases it uses, a known one
   or, failing that, the words after the cue as a new one.  Each gets a quote of at most 15
   words, verbatim, and its offsets.
4. **Amounts** of money (£, $, €; "m", "bn", thousands), with what they are of (the thing
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
from graph.coding.suggest.dataset_names import KnownIndex, content_stems, known_mentions, stem
from graph.coding.suggest.new_things import Candidate, find_candidates
from graph.rdf.namespaces import CAREKG, KG
from graph.text.evidence import collapse_whitespace
from graph.text.fuzzy import fold, without_article
from graph.text.slugs import slug
from graph.text.spans import STOP, body_end, phrase, sentences, window, words

SUPPORT = [r"call(?:s|ed|ing)? for", r"back(?:s|ed|ing)?", r"endorse[sd]?", r"support(?:s|ed|ive|ing)?",
           r"champion(?:s|ed)?", r"welcome[sd]?", r"urge[sd]?", r"recommend(?:s|ed)?", r"propos(?:e|es|ed)",
           r"suggest(?:s|ed)?", r"should", r"must", r"needs? to", r"would like", r"in favour of", r"advocat(?:e|es|ed)",
           r"(?:is|are) key", r"essential", r"crucial", r"pro-\w+", r"keen", r"argument for", r"promise[sd]?"]
OPPOSE = [r"reject(?:s|ed)?", r"oppos(?:e|es|ed)", r"against", r"not convinced", r"not fit", r"criticis(?:e|es|ed)",
          r"resistance to", r"concerns? (?:about|over)", r"wrong", r"scrap(?:s|ped)?", r"not amenable",
          r"firm “?no", r"disappointed", r"hindrance", r"barrier", r"keen to avoid", r"risk", r"worr(?:y|ies|ied)",
          r"cautioned", r"warn(?:s|ed)?", r"abolish(?:ed)?"]
CONDITIONAL = [r"may be appropriate", r"only\b[^.]{0,60}\bwhere", r"provided that", r"as long as", r"in some areas"]
PRONOUN = re.compile(r"^[“\"]?(he|she|it|they|the report|the paper|the (?:think ?tank|thinktank)|this|these)\b", re.I)


def _cue(pattern: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + pattern + r"(?!\w)", re.I)


CUES = [(_cue(p), "Support") for p in SUPPORT] + [(_cue(p), "Opposition") for p in OPPOSE]
CONDITIONS = [_cue(p) for p in CONDITIONAL]
NEGATION = re.compile(r"(?<!\w)(not|n’t|n't|never|no)\s+(\w+\s+){0,2}$", re.I)


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
    things: dict[str, Found] = {}
    mentions: list = []  # (start, end, key, is_actor)
    surnames = {}
    for known in index.things.values():
        if known.cls == "Person" and fold(known.label) in fold(text[:end]):
            surnames[fold(known.label).split()[-1]] = known.iri
    spans = sentences(text, end)
    for s in spans:
        ws = words(text, s.start, s.end)
        candidates = find_candidates(text, ws)
        # A known name inside a longer new name ("NHS" in "NHS Improvement") is part of it.
        names = [(c.start, c.end) for c in candidates if c.cls not in ("Post", "MinisterialPost", "CollectiveActor")
                 and c.label[:1].isupper() and not c.label.startswith("The ")]
        taken = []
        for iri, a, b in known_mentions(text, ws, index, surnames):
            if any(x <= a and b <= y and (y - x) > (b - a) for x, y in names):
                continue
            key = str(iri)
            things.setdefault(key, Found(key, iri=iri, sentence=(s.start, s.end))).spans.append((a, b))
            mentions.append((a, b, key, index.things[iri].actor))
            taken.append((a, b))
        defined = {fold(c.extra["altLabel"]) for c in candidates if c.extra.get("altLabel")}
        for c in candidates:
            if any(a <= c.start and c.end <= b for a, b in taken) or fold(c.label) in defined:
                continue  # the known name covers it, or it is an acronym defined with its name
            key = fold(c.label)
            if not key or key in index.keys:
                continue
            found = things.setdefault(key, Found(key, candidate=c, sentence=(s.start, s.end)))
            found.spans.append((c.start, c.end))
            mentions.append((c.start, c.end, key, CAREKG[c.cls] in index.actor_classes))
    stances = _stances(text, spans, things, mentions, index)
    sheet = _sheet(text, things, stances, index, article, date)
    amounts = money_rows(text, spans, mentions, sheet, date)
    if amounts:
        sheet["amounts"] = amounts
    return sheet


def _stances(text, spans, things, mentions, index) -> list[dict]:
    out, last_actor = [], None
    persons = {k for k, f in things.items() if (f.candidate is not None and f.candidate.cls == "Person")
               or (f.iri is not None and index.things[f.iri].cls == "Person")}
    for s in spans:
        sentence = text[s.start:s.end]
        actors = sorted((a, b, key) for a, b, key, is_actor in mentions if is_actor and s.start <= a < s.end)
        conditional = any(c.search(sentence) for c in CONDITIONS)
        content = content_stems(sentence)
        grams = {" ".join(content[i:i + n]) for n in (1, 2, 3) for i in range(len(content) - n + 1)}
        scores = {p: sum(w for g, w in ph.items() if g in grams) for p, ph in index.phrases.items()}
        best = max(scores.values(), default=0)
        proposals = [p for p, v in scores.items() if v > 0 and v >= best * 0.75] if best >= 0.34 else []
        for p in proposals:  # a known proposal the sentence speaks of is attested by it
            a, b = _gram_span(text, s, index.phrases[p], grams)
            things.setdefault(str(p), Found(str(p), iri=p, sentence=(s.start, s.end))).spans.append((a, b))
        seen = set()
        for pattern, position in CUES:
            for m in pattern.finditer(sentence):
                at = s.start + m.start()
                before = [x for x in actors if x[1] <= at]
                # People speak: a person before the cue wins over the bodies named beside them
                # ("Jane Roe, chief executive of Borsetshire Council, called for …").
                people = [x for x in before if x[2] in persons]
                pool = people or before or actors
                near = (pool[-1] if (people or before) else pool[0]) if pool else None
                actor = near[2] if near else None
                if actor is None and (PRONOUN.match(sentence) or last_actor):
                    actor = last_actor
                if actor is None:
                    continue
                pos = position
                if position == "Support" and NEGATION.search(sentence[:m.start()]):
                    pos = "Opposition"
                if conditional and pos == "Support":
                    pos = "ConditionalSupport"
                new = _new_proposal(sentence, m.end())
                if not proposals and new is not None:
                    things.setdefault(new, Found(new, candidate=Candidate("Proposal", new[4:], at, s.end),
                                                 sentence=(s.start, s.end)))
                    things[new].spans.append((at, min(s.end, at + 120)))
                for proposal in proposals or [new]:
                    if proposal is None or (actor, proposal) in seen:
                        continue
                    seen.add((actor, proposal))
                    quote = _quote(text, s, at, at + len(m.group(0)), near[0] if near else None)
                    out.append({"actor": actor, "proposal": proposal, "position": pos, "at": quote, "cue": m.group(0)})
        if actors:
            last_actor = actors[-1][2]
    return out


def _gram_span(text, s, phrases, grams) -> tuple[int, int]:
    """Where in the sentence the best key phrase of a proposal stands (roughly: its words)."""
    best = max((g for g in phrases if g in grams), key=lambda g: (phrases[g], len(g)))
    first, last = best.split()[0], best.split()[-1]
    ws = [w for w in words(text, s.start, s.end) if w.is_word]
    i = next((k for k, w in enumerate(ws) if stem(w.text) == first), 0)
    j = next((k for k in range(i, len(ws)) if stem(ws[k].text) == last), i)
    return ws[i].start, ws[min(j, i + 14)].end


def _new_proposal(sentence: str, after: int) -> str | None:
    """A new proposal named by the words after a cue, up to the clause's end: "called for a
    single pooled budget for health and social care" gives "Single pooled budget for health and
    social care"."""
    rest = re.split(r"[.,;:”\"(]| and (?=\w+ed\b)| but | which | that | while | because ", sentence[after:],
                    maxsplit=1)[0].split()
    while rest and rest[0].lower().strip("“‘'\"") in STOP:
        rest = rest[1:]
    rest = rest[:10]
    while rest and rest[-1].lower() in STOP:
        rest = rest[:-1]
    if sum(1 for w in rest if w.lower() not in STOP) < 2:
        return None
    label = " ".join(rest).strip("“‘'\" ")
    return "new:" + label[:1].upper() + label[1:]


def _quote(text, s, a, b, actor=None) -> tuple[int, int]:
    """At most 15 words around a cue: from the actor's name when it is near enough, else a few
    words before the cue, and on to what the cue is about."""
    ws = words(text, s.start, s.end)
    i = next(k for k, w in enumerate(ws) if w.end > a)
    j = next((k for k, w in enumerate(ws) if w.start >= b), len(ws))
    if actor is not None and actor <= a:
        k = next(k for k, w in enumerate(ws) if w.end > actor)
        if sum(1 for w in ws[k:j] if w.is_word) <= 12:
            lo, hi = window(text, ws, k, max(j, k + 1), before=0, after=12)
            return ws[lo].start, ws[hi - 1].end
    lo, hi = window(text, ws, i, max(j, i + 1), before=6, after=10)
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
        a, b = st["at"]
        row = {"status": "candidate", "actor": ids.get(st["actor"], st["actor"]),
               "proposal": ids.get(str(st["proposal"]), str(st["proposal"]).removeprefix(str(KG))),
               "position": st["position"]}
        if date:
            row["date"] = date
        row.update({"implicit": False, "evidence": collapse_whitespace(text[a:b]), "at": [str(a), str(b)],
                    "note": f"cue: {st['cue']}"})
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
                       and fold(f.candidate.label) == fold(c.extra["holder"])), None)
        if holder is None:
            holder = next((k for k, f in things.items() if f.iri is not None
                           and fold(index.things[f.iri].label) == fold(c.extra["holder"])), None)
        org = c.extra.get("org") or ("The government" if c.cls == "MinisterialPost" else None)
        org_key = without_article(fold(org)) if org else None
        org_id = (str(index.keys[org_key]).removeprefix(str(KG)) if org_key in index.keys
                  else ids.get(org_key, slug(org)) if org else None)
        found.extra_rows = {"postIn": org_id} if org_id else {}
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




def suggest_file(paths, text_file) -> str:
    """The draft sheet, as YAML text, for the article text in ``text_file``, against the
    dataset at ``paths``.  A registered text (same SHA-256) gets its article and date."""
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
    article = date = None
    if source is not None:
        article = str(source.article).removeprefix(str(KG))
        when = graph.value(source.article, CAREKG.date)
        date = str(when) if when is not None else None
    sheet = suggest_sheet(text, KnownIndex(graph, parse_turtle(paths.ontology)), article, date)
    head = [f"Draft coding sheet for {text_file.name}, written by `carekg suggest`.",
            "Every row is a candidate: change `status: candidate` to `accepted` to keep a row, to",
            "`rejected` to drop it, and fix what is wrong (labels, classes, the proposal a stance",
            "is about); `at` gives where each quote stands.  Then `carekg code check` and `code apply`."]
    if source is None:
        head.append("This text is not registered yet: run `carekg source add` first and set `article`.")
    # The file name is the user's text: one comment line whatever it holds (no key of its own).
    return "".join(comment_line(line) + "\n" for line in head) + dump_yaml(sheet)


__all__ = ["KnownIndex", "suggest_sheet", "suggest_file"]
