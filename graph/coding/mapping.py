"""Coding sheets to RDF and back.

:func:`sheet_to_graph` turns a sheet's accepted rows into triples, noting the line each node
came from and every problem found on the way (unknown keys, classes, relations, entities).
:func:`graph_to_sheet` writes the triples of one article's file as a sheet.  Both follow
:class:`~graph.coding.model.SheetModel`, so the two directions cannot drift apart, and export
checks each value it writes by reading it back.

Examples
--------
>>> from graph.coding.model import SheetModel
>>> from graph.coding.yamlio import parse_sheet
>>> model, names = SheetModel.load(), Names()
>>> sheet = parse_sheet('''
... article: article-009
... entities:
...   - {class: Person, label: Jane Smith, mentions: [Jane Smith said]}
... stances:
...   - {actor: Jane Smith, proposal: pool-it, position: Support, evidence: she backed it}
... ''', "s.yaml")
>>> out = sheet_to_graph(sheet, model, names, KG["article-009"])
>>> out.problems
[(6, "unknown entity 'pool-it' (declare it in entities, or check the slug)")]
>>> sorted(curie(p) for p in out.graph.predicates(KG["stance-009-01"]))[:3]
['carekg:actor', 'carekg:evidence', 'carekg:position']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from graph.coding.model import SLUG, SheetModel, expand
from graph.errors import suggest
from graph.rdf.dates import DATE_TYPES, parse_date
from graph.rdf.literals import typed
from graph.rdf.namespaces import CAREKG, KG, curie

ROW_KEYS = {"id", "status", "note", "at", "mentions"}


def normal(text: str) -> str:
    """Fold a name for matching: case, accents, apostrophes and punctuation do not count.

    >>> normal("The King’s Fund") == normal("the kings fund")
    True
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’‘`´]", "", text)
    text = re.sub(r"\W+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def slugify(label: str) -> str:
    """A slug for a new entity's IRI: ``"King's Fund"`` -> ``kings-fund``."""
    return re.sub(r"\s+", "-", normal(label)) or "entity"


class Names:
    """The entities a sheet may refer to, by IRI and by label."""

    def __init__(self, graph: Graph | None = None):
        self.known: set = set()
        self.labels: dict = {}
        self.display: set = set()
        if graph is not None:
            for s in graph.subjects():
                if isinstance(s, URIRef):
                    self.known.add(s)
            for s, label in graph.subject_objects(RDFS.label):
                self.add(s, str(label))

    def add(self, iri, label: str | None = None) -> None:
        self.known.add(iri)
        if label:
            self.display.add(label)
            self.labels.setdefault(label, set()).add(iri)
            self.labels.setdefault(normal(label), set()).add(iri)

    def by_label(self, text: str) -> set:
        return self.labels.get(text) or self.labels.get(normal(text)) or set()

    def near(self, text: str) -> list[str]:
        import difflib

        if SLUG.fullmatch(text):
            pool = {str(i).split("/")[-1]: str(i).split("/")[-1] for i in self.known if str(i).startswith(str(KG))}
        else:
            pool = {normal(label): label for label in self.display}
        # Near spellings first (a typo is the usual mistake), then names containing the text.
        close = difflib.get_close_matches(normal(text) if not SLUG.fullmatch(text) else text, sorted(pool), n=4, cutoff=0.75)
        found = [pool[c] for c in close]
        found += [pool[k] for k in sorted(pool) if normal(text) in k and pool[k] not in found]
        return found[:4]


@dataclass
class Converted:
    """The triples of a sheet, with where each node came from."""

    graph: Graph = field(default_factory=Graph)
    lines: dict = field(default_factory=dict)        # node -> sheet line
    notes: dict = field(default_factory=dict)        # node -> comment lines
    problems: list = field(default_factory=list)     # (line, message)
    evidence: list = field(default_factory=list)     # (node, phrase, line, "at" given or None)
    entities: list = field(default_factory=list)     # entity IRIs, in sheet order
    claims: list = field(default_factory=list)       # (section, node), in sheet order
    mentions: dict = field(default_factory=dict)     # entity -> its mention nodes


def _active(row) -> bool:
    return isinstance(row, dict) and row.get("status", "accepted") == "accepted"


def _notes(row) -> list[str]:
    note = row.get("note") if isinstance(row, dict) else None
    return [note] if isinstance(note, str) else list(note or [])


def sheet_to_graph(sheet, model: SheetModel, names: Names, article: URIRef) -> Converted:
    """The accepted rows of ``sheet`` as triples, and the problems found."""
    out = Converted()
    data = sheet.data
    candidates = {}
    # First pass: the entities the sheet declares, so rows may refer to them by slug or label.
    for i, row in enumerate(data.get("entities") or []):
        iri = _entity_iri(row, names, model)
        if iri is None:
            continue
        if _active(row):
            names.add(iri, row.get("label") if isinstance(row.get("label"), str) else None)
        else:
            candidates[iri] = sheet.line(("entities", i))
    for name, rows in data.items():
        if name in model.sections or name == "claims":
            for row in rows or []:
                if _active(row) and isinstance(row.get("id"), str):
                    names.add(model.token_iri(row["id"]) or KG[row["id"]])
    ctx = RowReader(sheet, model, names, out, candidates)
    for i, row in enumerate(data.get("entities") or []):
        if _active(row):
            ctx.entity(row, ("entities", i), article)
    for name in list(model.sections) + ["claims"]:
        used = {r.get("id") for r in data.get(name) or [] if isinstance(r, dict)}
        n = 0
        for i, row in enumerate(data.get(name) or []):
            if not _active(row):
                continue
            node = None
            if row.get("id") is not None:
                node = ctx.ref(str(row["id"]), (name, i, "id"), new=True)
            elif name != "claims":
                n += 1
                while (ident := _claim_id(model.sections[name]["id"], article, n)) in used:
                    n += 1
                node = KG[ident]
            node = node if node is not None else BNode()
            ctx.claim(node, row, (name, i), name, article)
    return out


def _claim_id(pattern: str, article: URIRef, n: int) -> str:
    local = str(article).split("/")[-1]
    return pattern.format(article=local.removeprefix("article-"), n=n)


def _entity_iri(row, names: Names, model: SheetModel) -> URIRef | None:
    if not isinstance(row, dict):
        return None
    ident = row.get("id")
    if isinstance(ident, str):
        iri = model.token_iri(ident)
        if iri is None:  # a label
            found = names.by_label(ident)
            return next(iter(found)) if len(found) == 1 else None
        return iri
    label = row.get("label")
    return KG[slugify(label)] if isinstance(label, str) else None


class RowReader:
    def __init__(self, sheet, model, names, out, candidates):
        self.sheet, self.model, self.names, self.out, self.candidates = sheet, model, names, out, candidates

    def problem(self, where, message):
        self.out.problems.append((self.sheet.line(where), message))

    def entity(self, row, where, article):
        iri = _entity_iri(row, self.names, self.model)
        if iri is None:
            ident = row.get("id")
            self.problem(where + ("id",), f"unknown entity {ident!r}" + _did_you_mean(self.names.near(str(ident))))
            return
        self.out.lines[iri] = self.sheet.line(where)
        self.out.notes[iri] = _notes(row)
        self.out.entities.append(iri)
        if "class" not in row and "label" not in row and iri not in self.names.known:
            self.problem(where, f"unknown entity {row.get('id')!r}: give a class and label to declare it")
        self.properties(iri, row, where)
        for j, mention in enumerate(row.get("mentions") or []):
            node = BNode()
            mrow = {"evidence": mention} if isinstance(mention, str) else mention
            self.out.graph.add((node, RDF.type, self.model.mention))
            self.out.graph.add((node, CAREKG.about, iri))
            self.out.mentions.setdefault(iri, []).append(node)
            self.claim(node, mrow, where + ("mentions", j), None, article, typed_already=True)

    def claim(self, node, row, where, section, article, typed_already=False):
        g = self.out.graph
        self.out.lines[node] = self.sheet.line(where)
        self.out.notes[node] = _notes(row)
        if section is not None:
            self.out.claims.append((section, node))
        if section in self.model.sections and not typed_already:
            g.add((node, RDF.type, self.model.sections[section]["cls"]))
        if "source" not in row:
            g.add((node, CAREKG.source, article))
        self.properties(node, row, where)
        if isinstance(row.get("evidence"), str):
            at = row.get("at") if isinstance(row.get("at"), list) else None
            self.out.evidence.append((node, row["evidence"], self.sheet.line(where + ("evidence",)), at))

    def properties(self, node, row, where):
        for key, value in row.items():
            if key in ROW_KEYS:
                continue
            pred = self.model.predicate_iri(key)
            if pred is None or (str(pred).startswith(str(CAREKG)) and pred not in self.model.terms):
                near = suggest(key, self.model.known_keys(), n=3)
                self.problem(where + (key,), f"unknown property {key!r}" + _did_you_mean(near))
                continue
            for term in self.values(pred, value, where + (key,)):
                self.out.graph.add((node, pred, term))

    def values(self, pred, value, where):
        items = value if isinstance(value, list) else [value]
        out = []
        for j, item in enumerate(items):
            at = where + (j,) if isinstance(value, list) else where
            try:
                term = self.value(pred, item, at)
            except ValueError as exc:
                self.problem(at, f"{self.model.key(pred)}: {exc}")
                continue
            if term is not None:
                out.append(term)
        return out

    def value(self, pred, item, where):
        kind = self.model.kind(pred)
        if item is None:
            return None
        if isinstance(item, dict):
            if "@id" in item:
                return self.ref(str(item["@id"]), where, pred=pred)
            if "@value" in item:
                if "@language" in item:
                    return Literal(str(item["@value"]), lang=str(item["@language"]))
                datatype = expand(str(item.get("@type", "xsd:string")))
                if datatype is None:
                    raise ValueError(f"unknown datatype {item['@type']!r}")
                return typed(str(item["@value"]), datatype)
            node = BNode()
            self.properties(node, item, where)
            return node
        if kind in ("ref", "term"):
            if isinstance(item, bool):
                raise ValueError(f"expected a reference, not {str(item).lower()}")
            return self.ref(str(item), where, pred=pred)
        if isinstance(item, bool):
            return Literal(item)
        if kind == "date":
            return parse_date(item)
        if kind == "text":
            return Literal(item)
        return typed(item, expand(kind))

    def ref(self, token, where, pred=None, new=False):
        """The IRI a reference names; a problem (and the best guess) when it names nothing."""
        model = self.model
        iri = model.token_iri(token)
        choices = self._choices(pred)
        if choices is not None and iri not in choices:
            what = {RDF.type: "class", CAREKG.relation: "relation"}.get(pred, model.key(pred) if pred else "term")
            tokens = sorted(t for t in (model.term_token(c) for c in choices) if ":" not in t or ":" in token)
            near = suggest(token, tokens, n=3)
            listing = ("; expected one of: " + ", ".join(sorted(model.term_token(c) for c in choices))
                       if len(choices) <= 6 else _did_you_mean(near))
            self.problem(where, f"unknown {what} {token!r}" + listing)
            return iri
        if iri is None:
            found = self.names.by_label(token)
            if len(found) == 1:
                return next(iter(found))
            if found:
                self.problem(where, f"{token!r} is the label of several things: "
                                    + ", ".join(sorted(curie(f) for f in found)) + "; use a slug")
            else:
                self.problem(where, f"unknown entity {token!r}" + _did_you_mean(self.names.near(token)))
            return None
        if str(iri).startswith(str(KG)) and not new and iri not in self.names.known:
            if iri in self.candidates:
                self.problem(where, f"{token!r} is still a candidate (line {self.candidates[iri]}): accept it first")
            else:
                self.problem(where, f"unknown entity {token!r} (declare it in entities, or check the slug)"
                             + _did_you_mean(self.names.near(token)))
        elif str(iri).startswith(str(CAREKG)) and iri not in model.terms:
            self.problem(where, f"{token!r} is not a term of the ontology")
        return iri

    def _choices(self, pred):
        """The terms a property must take, where the ontology fixes them: classes for ``class``,
        relation properties for ``relation``, the declared members of its range otherwise."""
        if pred is None:
            return None
        if pred == RDF.type:
            return self.model.classes
        if pred == CAREKG.relation:
            return self.model.relations
        rng = self.model.ontology.value(pred, RDFS.range)
        members = set(self.model.ontology.subjects(RDF.type, rng)) if rng is not None else set()
        return members or None


def _did_you_mean(near: list[str]) -> str:
    return "; did you mean: " + ", ".join(near) + "?" if near else ""


__all__ = ["Names", "Converted", "sheet_to_graph", "normal", "slugify", "ROW_KEYS", "DATE_TYPES", "XSD", "SLUG"]
