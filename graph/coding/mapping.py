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
>>> model, names = SheetModel.load(), SheetNames()
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
>>> from graph.rdf.namespaces import curie
>>> sorted(curie(p) for p in out.graph.predicates(KG["stance-009-01"]))[:3]
['carekg:actor', 'carekg:evidence', 'carekg:position']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from graph.coding.model import SLUG, SheetModel
from graph.errors import AmbiguousNameError, UnknownNameError
from graph.kg.names import Entry, Names, instance_names
from graph.rdf.dates import DATE_TYPES, parse_date
from graph.rdf.literals import typed
from graph.rdf.namespaces import CAREKG, KG, expand, iri_problem
from graph.rdf.paths import Paths
from graph.text.fuzzy import suggest
from graph.text.slugs import slug

ROW_KEYS = {"id", "status", "note", "at", "mentions"}
# The article-level date a sheet may give once in its header, and the keys that date a row: a
# claim row with none of DATING takes the header's date, its words and its estimate flag.
HEADER_DATES = ("date", "dateText", "dateIsEstimate")
DATING = ("date", "earliest", "latest")


class SheetNames:
    """The entities a sheet may refer to: the dataset's and those the sheet declares.

    ``known`` holds every IRI a slug may name.  A name is resolved by the one resolver,
    :class:`graph.kg.names.Names`, over the named ones: the same tiers, ranking and "did you mean"
    as the command line and the map.

    >>> names = SheetNames([Entry(str(KG["kings-fund"]), "King's Fund", "Think tank")])
    >>> names.resolve("kings fund"), names.near("kings-fnd")
    (rdflib.term.URIRef('https://w3id.org/carekg/id/kings-fund'), ["King's Fund (Think tank, kg:kings-fund)"])
    """

    def __init__(self, entries: Iterable[Entry] = (), known: Iterable = ()):
        self.entries = {e.iri: e for e in entries}
        self.known = set(known) | {URIRef(iri) for iri in self.entries}
        self._names: Names | None = None

    @classmethod
    def of(cls, graph: Graph, paths: Paths | None = None) -> SheetNames:
        """The things of a dataset ``graph``, named and typed as :func:`graph.kg.names.instance_names` does."""
        return cls(instance_names(graph, paths), (s for s in graph.subjects() if isinstance(s, URIRef)))

    def add(self, iri, label: str | None = None, type_label: str | None = None, aliases: Iterable[str] = ()) -> None:
        """A thing the sheet declares (with a label, also by name and its aliases) or names by slug."""
        self.known.add(iri)
        if label:
            before = self.entries.get(str(iri))
            aliases = sorted(set(aliases) | set(before.aliases if before else ()))
            self.entries[str(iri)] = Entry(str(iri), label, type_label or (before.type if before else "Thing"),
                                           tuple(a for a in aliases if a != label))
            self._names = None

    @property
    def names(self) -> Names:
        if self._names is None:
            self._names = Names(self.entries.values())
        return self._names

    def resolve(self, text: str) -> URIRef:
        """The entity ``text`` names; :class:`~graph.errors.AmbiguousNameError` or
        :class:`~graph.errors.UnknownNameError` as the resolver raises them."""
        return URIRef(self.names.resolve(text))

    def near(self, token: str) -> list[str]:
        """What a mistyped slug or name may mean, best first, as the resolver describes candidates:
        things named like it, and (for a slug) things whose slug is spelled like it."""
        found = {m.iri: m for m in self.names.matches(token)}
        if SLUG.fullmatch(token):
            for m in self.names.matches(f"kg:{token}"):
                if m.iri not in found or m.rank < found[m.iri].rank:
                    found[m.iri] = m
        return [m.describe() for m in sorted(found.values(), key=lambda m: m.rank)[:5]]


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


def sheet_to_graph(sheet, model: SheetModel, names: SheetNames, article: URIRef) -> Converted:
    """The accepted rows of ``sheet`` as triples, and the problems found."""
    out = Converted()
    data = sheet.data
    candidates = {}
    # First pass: the entities the sheet declares, so rows may refer to them by slug or label.
    for i, row in enumerate(data.get("entities") or []):
        try:
            iri = _entity_iri(row, names, model)
        except (AmbiguousNameError, UnknownNameError):
            continue  # reported with the row, below
        if iri is None:
            continue
        if _active(row):
            alt = row.get("altLabel")
            aliases = [a for a in (alt if isinstance(alt, list) else [alt]) if isinstance(a, str)]
            names.add(iri, row.get("label") if isinstance(row.get("label"), str) else None, _type_label(row, model), aliases)
        else:
            candidates[iri] = sheet.line(("entities", i))
    for name, rows in data.items():
        if name in model.sections or name == "claims":
            for row in rows or []:
                if _active(row) and isinstance(row.get("id"), str) and (iri := model.token_iri(row["id"])) is not None:
                    names.add(iri)
    ctx = RowReader(sheet, model, names, out, candidates)
    defaults = header_dates(sheet, out)
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
            ctx.claim(node, dated(row, defaults), (name, i), name, article)
    return out


def header_dates(sheet, out: Converted) -> dict:
    """The sheet header's article-level date (``date``, ``dateText``, ``dateIsEstimate``), given
    once for the rows that give none; a date that does not parse is a problem at its line."""
    given = {k: sheet.data[k] for k in HEADER_DATES if sheet.data.get(k) is not None}
    if "date" in given:
        try:
            parse_date(given["date"])
        except ValueError as exc:
            out.problems.append((sheet.line(("date",)), f"date: {exc}"))
            return {}
    elif given:
        out.problems.append((sheet.line((next(iter(given)),)), "the header gives no date: add date, or move "
                             + ", ".join(given) + " to the rows"))
        return {}
    return given


def dated(row: dict, defaults: dict) -> dict:
    """``row`` with the header's date where it gives none of date, earliest and latest (a key
    given as null counts as given: ``date: null`` keeps a row undated).

    >>> dated({"actor": "x"}, {"date": "2015", "dateIsEstimate": True})
    {'date': '2015', 'dateIsEstimate': True, 'actor': 'x'}
    >>> dated({"latest": "2015-12-31"}, {"date": "2015"})
    {'latest': '2015-12-31'}
    """
    if not defaults or any(k in row for k in DATING):
        return row
    return {k: v for k, v in defaults.items() if k not in row} | row


def _claim_id(pattern: str, article: URIRef, n: int) -> str:
    local = str(article).split("/")[-1]
    return pattern.format(article=local.removeprefix("article-"), n=n)


def _entity_iri(row, names: SheetNames, model: SheetModel) -> URIRef | None:
    """What an entities row is about: its ``id`` (a slug, a CURIE, or a name the resolver
    knows, else its error), or a new thing named by the slug of its label."""
    if not isinstance(row, dict):
        return None
    ident = row.get("id")
    if isinstance(ident, str):
        return model.token_iri(ident) or names.resolve(ident)
    label = row.get("label")
    return KG[slug(label, _class_name(row, model)) or "entity"] if isinstance(label, str) else None


def _class_of(row, model: SheetModel) -> URIRef | None:
    cls = row.get("class")
    return model.token_iri(cls) if isinstance(cls, str) else None


def _class_name(row, model: SheetModel) -> str | None:
    """The local name of an entities row's ``carekg:`` class (``Proposal``), for its slug."""
    cls = _class_of(row, model)
    return str(cls)[len(str(CAREKG)):] if cls is not None and str(cls).startswith(str(CAREKG)) else None


def _type_label(row, model: SheetModel) -> str | None:
    """The ontology's label of an entities row's class, as the resolver lists candidates."""
    cls = _class_of(row, model)
    label = model.ontology.value(cls, RDFS.label) if cls is not None else None
    return str(label) if label is not None else None


class RowReader:
    def __init__(self, sheet, model, names, out, candidates):
        self.sheet, self.model, self.names, self.out, self.candidates = sheet, model, names, out, candidates

    def problem(self, where, message):
        self.out.problems.append((self.sheet.line(where), message))

    def entity(self, row, where, article):
        try:
            iri = _entity_iri(row, self.names, self.model)
        except (AmbiguousNameError, UnknownNameError) as exc:
            self.problem(where + ("id",), str(exc))
            return
        if iri is None:
            self.problem(where + ("id",), f"unknown entity {row.get('id')!r}")
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
        written = token[1:-1] if token.startswith("<") and token.endswith(">") else token
        if (written != token or re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", token)) and (bad := iri_problem(written)):
            self.problem(where, f"{token!r} is not a valid IRI: {bad}")  # never written, never a name
            return None
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
        if iri is None:  # a name
            try:
                return self.names.resolve(token)
            except (AmbiguousNameError, UnknownNameError) as exc:
                self.problem(where, str(exc))
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


__all__ = ["SheetNames", "Converted", "sheet_to_graph", "header_dates", "dated", "HEADER_DATES", "DATING", "ROW_KEYS", "DATE_TYPES", "XSD", "SLUG"]
