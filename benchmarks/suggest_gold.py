"""Gold codings for the suggestion benchmark, and how a drafted sheet is scored against one.

A gold coding is what a careful curator records for one article: its entities (the curated
IRI where the graph already names the thing, else a class and a label, with the spans that
name it), its stances (actor, proposal, position, and the sentence that takes it) and its posts
(a post's organisation and holders).  :func:`from_graph` reads one from the curated data (for
leave-one-article-out); :func:`from_yaml` reads one written by hand (``benchmarks/dev/`` and
``benchmarks/heldout/``).  :func:`score` compares a sheet drafted by ``carekg suggest`` with it.

Entities
    A suggested known thing (a row with only an ``id``) is right when the gold names it.  A
    suggested new thing is right when it names a gold thing the suggester could not know: its
    label's content words are a subset or superset of the gold label's (Jaccard at least 0.5),
    or its span overlaps a gold mention of that thing and its head word is in the gold label;
    and its class is the gold class, or above or below it (``Organisation`` for a
    ``LocalAuthority`` is right, ``Person`` for a ``PoliticalParty`` is not).  Each gold thing is
    matched at most once; a second suggestion of it counts as wrong.
Stances
    *Exact*: the suggested actor and proposal are the gold ones (through the entity matching),
    so is the position, and the suggestion's quote starts in the sentence that takes the gold
    stance; each gold stance is matched at most once.  *Sentence*: a suggested
    stance is right when its quote starts in a sentence that takes a gold stance; a gold stance
    is found when a suggested stance starts in its sentence.
Posts
    A suggested post is right when it is a gold post (as an entity) and what the sheet says of
    it agrees with the gold: its ``postIn`` and the holders its tenure rows give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from graph.kg.names import fold
from graph.rdf.namespaces import CAREKG, KG
from graph.text.evidence import locate
from graph.text.spans import STOP, body_end, sentences

POSTS = {"Post", "MinisterialPost"}
HEADER = re.compile(r"\A(?:#[^\n]*\n)+\s*")  # the invented articles' header lines


@dataclass
class Thing:
    id: str
    cls: str
    label: str
    known: bool
    spans: list = field(default_factory=list)
    post_in: str | None = None
    holders: set = field(default_factory=set)


@dataclass
class Gold:
    name: str
    text: str
    date: str | None
    things: dict  # id -> Thing
    stances: list  # (actor, proposal, position, sentence index)
    spans: list = field(default_factory=list)

    def __post_init__(self):
        self.spans = sentences(self.text, body_end(self.text))

    def sentence(self, pos: int | None) -> int | None:
        """The index of the sentence that holds ``pos``."""
        return next((i for i, s in enumerate(self.spans) if s.start <= pos < s.end), None) if pos is not None else None


def local(iri) -> str:
    return str(iri).removeprefix(str(KG)).split("#")[-1]


def from_graph(graph: Graph, article: URIRef, text: str, known: set) -> Gold:
    """The curated coding of ``article``; ``known`` holds the IRIs the suggester knows."""
    things: dict = {}
    for m in graph.subjects(RDF.type, CAREKG.Mention):
        thing = graph.value(m, CAREKG.about)
        if graph.value(m, CAREKG.source) != article or (thing, RDF.type, CAREKG.SourceArticle) in graph:
            continue
        if local(thing) not in things:
            cls = sorted(local(t) for t in graph.objects(thing, RDF.type))[0]
            post_in = graph.value(thing, CAREKG.postIn)
            things[local(thing)] = Thing(local(thing), cls, str(graph.value(thing, RDFS.label)), thing in known,
                                         post_in=local(post_in) if post_in is not None else None)
        span = locate(text, str(graph.value(m, CAREKG.evidence)))
        if span is not None:
            things[local(thing)].spans.append((span.start, span.end))
    gold = Gold(local(article), text, None, things, [])
    for t in graph.subjects(RDF.type, CAREKG.Tenure):
        post = local(graph.value(t, CAREKG.post))
        if graph.value(t, CAREKG.source) == article and post in things:
            things[post].holders.add(local(graph.value(t, CAREKG.holder)))
    for st in graph.subjects(RDF.type, CAREKG.Stance):
        if graph.value(st, CAREKG.source) == article:
            span = locate(text, str(graph.value(st, CAREKG.evidence)))
            gold.stances.append((*(local(graph.value(st, p)) for p in (CAREKG.actor, CAREKG.proposal, CAREKG.position)),
                                 gold.sentence(span.start if span else None)))
    return gold


def from_yaml(path: Path, graph: Graph) -> Gold:
    """A gold coding written by hand, checked whole: every phrase is in the text, every curated
    id is in ``graph``, every stance's actor and proposal and every post's organisation and
    holder is one of its entities (or a curated thing)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = HEADER.sub("", (path.parent / data["text"]).read_text(encoding="utf-8"))
    things: dict = {}

    def where(phrase: str) -> tuple[int, int]:
        span = locate(text, phrase)
        if span is None:
            raise ValueError(f"{path.name}: not in the text: {phrase!r}")
        return span.start, span.end

    for e in data["entities"]:
        if e["id"] in things:
            raise ValueError(f"{path.name}: {e['id']} twice")
        if e.get("curated"):
            iri = KG[e["id"]]
            if (iri, RDFS.label, None) not in graph:
                raise ValueError(f"{path.name}: {e['id']} is not curated")
            cls, label = sorted(local(t) for t in graph.objects(iri, RDF.type))[0], str(graph.value(iri, RDFS.label))
        else:
            cls, label = e["class"], e["label"]
        holders = e.get("holder") or []
        things[e["id"]] = Thing(e["id"], cls, label, bool(e.get("curated")), [where(e["mention"])], e.get("postIn"),
                                set([holders] if isinstance(holders, str) else holders))
    for t in things.values():
        for ref in ([t.post_in] if t.post_in else []) + sorted(t.holders):
            if ref not in things and (KG[ref], RDFS.label, None) not in graph:
                raise ValueError(f"{path.name}: {t.id} refers to unknown {ref}")
    gold = Gold(path.stem, text, str(data.get("date")) if data.get("date") else None, things, [])
    for s in data["stances"]:
        if s["actor"] not in things or s["proposal"] not in things:
            raise ValueError(f"{path.name}: a stance's actor or proposal is not an entity: {s}")
        gold.stances.append((s["actor"], s["proposal"], s["position"], gold.sentence(where(s["evidence"])[0])))
    return gold


def content(label: str) -> set:
    return {re.sub(r"s$", "", w) for w in fold(label).split() if w not in STOP and len(w) > 1}


def compatible(a: str, b: str, ontology: Graph) -> bool:
    """Whether class ``a`` is ``b``, or above or below it."""
    up = lambda c: {local(x) for x in ontology.transitive_objects(CAREKG[c], RDFS.subClassOf)}
    return a == b or a in up(b) or b in up(a)


def match_entities(rows: list, gold: Gold, ontology: Graph) -> dict:
    """Row index -> the gold thing it is (only rows that are right)."""
    pairs = []  # (score, row index, gold id): every plausible match, best first
    for n, row in enumerate(rows):
        if "label" not in row:
            if row["id"] in gold.things and gold.things[row["id"]].known:
                pairs.append((3.0, n, row["id"]))
            continue
        words = content(row["label"])
        head = (fold(row["label"]).split() or [""])[-1].rstrip("s")
        a, b = int(row["at"][0]), int(row["at"][1])
        for t in gold.things.values():
            if t.known or not compatible(row["class"], t.cls, ontology):
                continue
            theirs = content(t.label)
            jaccard = len(words & theirs) / len(words | theirs) if words | theirs else 0
            if words and (words <= theirs or theirs <= words) and jaccard >= 0.5:
                pairs.append((1.0 + jaccard, n, t.id))
            elif head in {w.rstrip("s") for w in theirs} and any(x < b and a < y for x, y in t.spans):
                pairs.append((jaccard, n, t.id))
    matched: dict = {}
    for _, n, thing in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if n not in matched and thing not in matched.values():
            matched[n] = thing
    return matched


def score(sheet: dict, gold: Gold, ontology: Graph) -> dict:
    """Counts for one article: gold, suggested and right, for entities, stances and posts."""
    rows = sheet.get("entities", [])
    matched = match_entities(rows, gold, ontology)
    as_gold = {rows[n]["id"]: thing for n, thing in matched.items()}
    candidates = []
    for r in sheet.get("stances", []):
        key = tuple(as_gold.get(r[k], "?" + str(r[k])) for k in ("actor", "proposal")) + (r["position"],)
        candidates.append((key, gold.sentence(int(r["at"][0]))))
    open_gold = list(range(len(gold.stances)))
    exact = 0
    for key, sentence in candidates:
        hit = next((i for i in open_gold if gold.stances[i] == (*key, sentence)), None)
        if hit is not None:
            open_gold.remove(hit)
            exact += 1
    gold_sentences = {s[3] for s in gold.stances}
    found = {s for _, s in candidates}
    tenures: dict = {}
    for t in sheet.get("tenures", []):
        tenures.setdefault(t["post"], set()).add(as_gold.get(t["holder"], "?"))
    gold_posts = {t.id for t in gold.things.values() if t.cls in POSTS}
    right_posts = suggested_posts = 0
    for n, row in enumerate(rows):
        is_post = row.get("class") in POSTS or ("label" not in row and gold.things.get(row["id"], Thing("", "", "", False)).cls in POSTS)
        if not is_post:
            continue
        suggested_posts += 1
        thing = gold.things.get(matched.get(n, ""))
        if thing is None or thing.cls not in POSTS:
            continue
        org_right = "postIn" not in row or as_gold.get(row["postIn"], row["postIn"]) == thing.post_in
        holders_right = tenures.get(row["id"], set()) <= thing.holders
        right_posts += org_right and holders_right
    return {"article": gold.name,
            "gold_entities": len(gold.things), "suggested_entities": len(rows), "right_entities": len(matched),
            "gold_stances": len(gold.stances), "candidate_stances": len(candidates), "exact": exact,
            "right_sentences": sum(1 for _, s in candidates if s is not None and s in gold_sentences),
            "found_sentences": sum(1 for s in gold.stances if s[3] in found),
            "gold_posts": len(gold_posts), "suggested_posts": suggested_posts, "right_posts": right_posts}


__all__ = ["Gold", "Thing", "from_graph", "from_yaml", "score", "match_entities", "HEADER"]
