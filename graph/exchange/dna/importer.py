"""Import a DNA 3 file as a carekg dataset folder: Turtle files plus ``sources/`` with the texts.

The mapping is in :mod:`graph.exchange.dna.exporter`.  What the import cannot map it reports, one line per kind
of thing left out (other statement types, extra variables, unknown attributes), and it never
invents an entity for DNA's empty string, which means "not coded".  The folder appears whole
or not at all: it is written beside the target and renamed into place.

Examples
--------
>>> import tempfile, os
>>> from graph.exchange.dna.sqlite import DnaFile, Document, Statement, default_types, write_dna
>>> tmp = tempfile.mkdtemp(); dna = os.path.join(tmp, "x.dna")
>>> doc = Document(1, "Pooling", "Councils back pooling budgets.", datetime(2015, 6, 1))
>>> st = Statement(1, "DNA Statement", 1, 9, 29, {"organization": "Councils",
...                "concept": "pooling budgets", "agreement": True})
>>> _ = write_dna(dna, DnaFile(default_types(), [doc], [st]))
>>> import_dna(dna, os.path.join(tmp, "ds"))[:2]
['1 document -> source article (text in sources/)', "1 statement of type 'DNA Statement' -> stance: 0 people, 1 organisation, 1 proposal"]
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from graph.exchange.dna.exporter import EXTRA_VARIABLES, POSITIONS, parse_notes
from graph.exchange.dna.sqlite import read_dna
from graph.rdf.dates import parse_date
from graph.rdf.namespaces import CAREKG, DCAT, KG, OA, SCHEMA, bind_prefixes, iri_problem
from graph.rdf.outputs import check_new_folder, new_dataset_folder
from graph.rdf.parse import parse_turtle
from graph.rdf.paths import Paths
from graph.rdf.schemes import read_schemes, subclasses
from graph.rdf.serialise import comment_line
from graph.text.evidence import collapse_whitespace
from graph.text.slugs import slug

KNOWN = {"person", "organization", "concept", "agreement"} | {v.name for v in EXTRA_VARIABLES}
KINDS = {"person": "person", "organization": "organisation", "concept": "concept"}


def _iri(text: str | None) -> bool:
    """Whether a DNA file's own IRI for a thing can be kept: http(s), and nothing an IRI cannot
    hold (a trailing newline included: it would end the line the IRI is written on)."""
    return bool(text) and str(text).startswith(("http://", "https://")) and iri_problem(str(text)) is None


def import_dna(path, out_dir) -> list[str]:
    """Read the DNA 3 file ``path`` and write it as a dataset folder ``out_dir`` (which must be
    new or empty); return the report, one line per kind of thing imported or left out."""
    out = check_new_folder(out_dir, "import")  # before any work
    data = read_dna(path)
    job = _Import(data, Path(path).name)
    _write_folder(out, job.files(), job.texts)
    return job.report


def _date(text: str | None) -> Literal | None:
    """An ISO date at year, month or day precision as a typed literal, or ``None``.

    >>> _date("2016-02"), _date("2015-02-29")
    (rdflib.term.Literal('2016-02', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYearMonth')), None)
    """
    try:
        return parse_date(text or "")
    except ValueError:
        return None


def _n(n: int, one: str, many: str | None = None) -> str:
    """``3 statements``, ``1 statement``, ``2 people``."""
    return f"{n} {one if n == 1 else many or one + 's'}"


class _Import:
    """One import: builds three graphs (sources, things, stances) and the report."""

    def __init__(self, data, name: str):
        self.data, self.name = data, name
        self.report: list[str] = []
        self.graphs = {k: bind_prefixes(Graph()) for k in ("sources", "things", "stances")}
        self.texts: dict = {}
        self.used: set = set()
        self.labels: dict = {}  # node -> (label, kind, disambiguating suffix)
        onto = parse_turtle(Paths().ontology)
        self.classes = self._labels(onto, subclasses(onto, CAREKG.Actor) - {CAREKG.Actor})
        self.kinds = self._labels(onto, set(onto.subjects(RDF.type, CAREKG.ProposalKind)))
        self.schemes = read_schemes(onto)
        self._documents()
        self._statements()

    @staticmethod
    def _labels(onto, terms) -> dict:
        return {str(label).lower(): t for t in terms for p in (RDFS.label, SKOS.prefLabel)
                for label in onto.objects(t, p)}

    def _mint(self, wanted: str | None, base: str) -> URIRef:
        """The IRI a DNA file gives (``wanted``), else ``kg:`` + ``base`` numbered to be unique."""
        if wanted and _iri(wanted) and URIRef(wanted) not in self.used:
            iri = URIRef(wanted)
        else:
            iri, n = KG[base], 1
            while iri in self.used:
                n += 1
                iri = KG[f"{base}-{n}"]
        self.used.add(iri)
        return iri

    # --- documents -------------------------------------------------------------------------

    def _documents(self) -> None:
        g, self.docs, empty = self.graphs["sources"], {}, 0
        for d in self.data.documents:
            if not d.text.strip():
                empty += 1
                continue
            meta, comment = parse_notes(d.notes)
            iri = self._mint(meta.get("iri"), f"dna-document-{d.id}")
            seed = f"{d.id:03d}_{hashlib.sha256(d.text.encode('utf-8')).hexdigest()[:16]}.txt"
            self.texts[seed] = d.text
            # The document's Date, unless carekg's note gives the date at its own precision.
            noted = _date(meta.get("date", "").removesuffix(" (estimate)"))
            date = noted or _date(d.date.date().isoformat())
            label = meta.get("label") or d.title.strip() or f"DNA document {d.id}"
            self.labels[iri] = (label, "document", f" (DNA document {d.id})")
            g.add((iri, RDF.type, CAREKG.SourceArticle))
            g.add((iri, DCTERMS.title, Literal(d.title.strip() or label)))
            g.add((iri, CAREKG.seedFile, Literal(seed)))
            if date is not None:  # always: the document's own date is a valid day
                g.add((iri, CAREKG.date, date))
            if noted is not None and meta["date"].endswith(" (estimate)"):
                g.add((iri, CAREKG.dateIsEstimate, Literal(True)))
            for prop, value in ((SCHEMA.author, d.author), (SCHEMA.publisher, d.source),
                                (SCHEMA.articleSection, d.section), (SCHEMA.genre, d.type), (RDFS.comment, comment)):
                if value.strip():
                    g.add((iri, prop, Literal(value.strip())))
            # The article attests itself by its opening words, as a curated article by its headline.
            words = list(itertools.islice(re.finditer(r"\S+", d.text), 12))  # never a list of every word
            self._mention(iri, iri, words[0].start(), words[-1].end(), d.text, graph="sources")
            self.docs[d.id] = {"iri": iri, "text": d.text, "date": date}
        self.report.append(f"{_n(len(self.docs), 'document')} -> source "
                           f"{'article' if len(self.docs) == 1 else 'articles'} (text in sources/)")
        if empty:
            self.report.append(f"skipped: {_n(empty, 'document')} with no text")

    def _mention(self, thing, doc, start, end, text, graph="things") -> None:
        m = BNode()
        g = self.graphs[graph]
        g.add((m, RDF.type, CAREKG.Mention))
        g.add((m, CAREKG.about, thing))
        self._evidence(g, m, doc, text, start, end)

    def _evidence(self, g, claim, doc, text, start, end) -> None:
        g.add((claim, CAREKG.source, doc))
        g.add((claim, CAREKG.evidence, Literal(collapse_whitespace(text[start:end]))))
        sel = BNode()
        g.add((claim, OA.hasSelector, sel))
        g.add((sel, RDF.type, OA.TextPositionSelector))
        g.add((sel, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
        g.add((sel, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))

    # --- statements ------------------------------------------------------------------------

    def _statements(self) -> None:
        skipped: Counter = Counter()
        unmapped: Counter = Counter()
        coded: list = []
        for st in self.data.statements:
            if st.type != "DNA Statement":
                skipped[f"of type '{st.type}' (carekg imports 'DNA Statement' only)"] += 1
                continue
            v = st.values
            doc = self.docs.get(st.document)
            for name, value in v.items():
                if name not in KNOWN and value not in (None, ""):
                    unmapped[name] += 1
            raw = doc["text"][st.start:st.stop] if doc and 0 <= st.start < st.stop <= len(doc["text"]) else ""
            if not raw.strip():
                skipped["of type 'DNA Statement' whose span holds no text"] += 1
            elif not (v.get("organization") or v.get("person")):
                skipped["of type 'DNA Statement' with no person or organisation coded"] += 1
            elif not v.get("concept"):
                skipped["of type 'DNA Statement' with no concept coded"] += 1
            elif v.get("agreement") is None:
                skipped["of type 'DNA Statement' with no agreement coded"] += 1
            else:
                start = st.start + len(raw) - len(raw.lstrip())
                coded.append((st, doc, start, start + len(raw.strip())))
        notes = self._things(coded)
        self._stances(coded)
        for what, n in skipped.items():
            self.report.append(f"skipped: {_n(n, 'statement')} {what}")
        types = {v.name: v.datatype for t in self.data.types if t.label == "DNA Statement" for v in t.variables}
        for name, n in sorted(unmapped.items()):
            self.report.append(f"not imported: variable '{name}' ({types.get(name, '?')}) of 'DNA Statement', "
                               f"{_n(n, 'coded value')}")
        self.report += notes

    def _things(self, coded) -> list[str]:
        """One node per coded person, organisation and concept, with its DNA attributes; return
        report lines on the attributes left out."""
        self.things: dict = {}
        unmapped: Counter = Counter()
        no_class: dict = {}
        report: list[str] = []
        wanted = [(var, value) for var in ("person", "organization", "concept") for value in sorted(
            {st.values.get(var) for st, *_ in coded} - {None})]
        # Entities that name their IRI claim it first, so minted IRIs never take it.
        wanted.sort(key=lambda k: not _iri(self._attrs(*k).get("IRI", "")))
        g = self.graphs["things"]
        for var, value in wanted:
            attrs = self._attrs(var, value)
            cls = "Proposal" if var == "concept" else None
            iri = self._mint(attrs.get("IRI"), slug(value, cls) or slug(KINDS[var], cls))
            self.things[(var, value)] = iri
            self.labels[iri] = (value, KINDS[var], f" ({KINDS[var]})")
            kind_text = attrs.get("Type", "").strip()
            if var == "concept":
                kinds = [self.kinds.get(k.strip().lower()) for k in kind_text.split(";") if k.strip()]
                if None in kinds:
                    no_class.setdefault(var, set()).add(kind_text)
                g.add((iri, RDF.type, CAREKG.Proposal))
                for k in [k for k in kinds if k] or [CAREKG.UnclassifiedKind]:
                    g.add((iri, CAREKG.proposalKind, k))
                notes = attrs.get("Notes", "").strip() or f"Coded in DNA as the concept '{value}'."
                g.add((iri, DCTERMS.description, Literal(notes)))
            else:
                # "Person; Unnamed actor": the first part is the kind, the others further classes
                first, *more = [k.strip() for k in kind_text.split(";")] or [""]
                cls = CAREKG.Person if var == "person" else self.classes.get(first.lower())
                if var == "person" and first and first.lower() != "person":
                    unmapped[(var, "Type")] += 1  # a person's Type (a party, a role) has no carekg class
                elif cls is None and first:
                    no_class.setdefault(var, set()).add(kind_text)
                g.add((iri, RDF.type, cls or CAREKG.Organisation))
                for extra in [k for k in more if k]:
                    if self.classes.get(extra.lower()) is not None:
                        g.add((iri, RDF.type, self.classes[extra.lower()]))
                    else:
                        unmapped[(var, "Type")] += 1
                if attrs.get("Notes", "").strip():
                    g.add((iri, RDFS.comment, Literal(attrs["Notes"].strip())))
            for alias in attrs.get("Alias", "").split(";"):
                if alias.strip():
                    g.add((iri, SKOS.altLabel, Literal(alias.strip())))
            for name, text in attrs.items():
                if name not in ("Type", "Alias", "Notes", "IRI") and text.strip():
                    unmapped[(var, name)] += 1
        for var, texts in sorted(no_class.items()):
            fallback = "carekg:UnclassifiedKind" if var == "concept" else "plain carekg:Organisation"
            report.append(f"attribute 'Type' of {var}: {_n(len(texts), 'value names', 'values name')} no carekg "
                          f"{'proposal kind' if var == 'concept' else 'class'} (kept as {fallback}): "
                          + ", ".join(repr(t) for t in sorted(texts)))
        for (var, name), n in sorted(unmapped.items()):
            report.append(f"not imported: attribute '{name}' of {var}, {_n(n, 'value')}")
        return report

    def _attrs(self, var: str, value: str) -> dict:
        return self.data.attributes.get(("DNA Statement", var), {}).get(value, {})

    def _stances(self, coded) -> None:
        g, seen, bad_dates = self.graphs["stances"], set(), 0
        members: dict = {}
        for st, doc, start, end in coded:
            v = st.values
            org, person = (self.things.get((k, v.get(k))) for k in ("organization", "person"))
            actor, proposal = org or person, self.things[("concept", v["concept"])]
            assert actor is not None, f"statement {st.id} has no actor"  # _statements keeps only those with one
            stance = KG[f"stance-dna-{st.id}"]
            g.add((stance, RDF.type, CAREKG.Stance))
            g.add((stance, CAREKG.actor, actor))
            g.add((stance, CAREKG.proposal, proposal))
            coding = (bool(v["agreement"]), int(v.get("conditional") or 0) if v["agreement"] else 0)
            code = next((code for code, value in POSITIONS.items() if value == coding), None)
            if code is None:  # an integer carekg does not use: read it as conditional support
                code = "conditional"
            g.add((stance, CAREKG.position, URIRef(self.schemes.position(code).iri)))
            # A past recalled without a date comes with a last possible day and no date.
            latest = _date(v.get("latest")) if (v.get("latest") or "").strip() else None
            date = _date(v.get("date")) or (None if latest is not None else doc["date"])
            bad_dates += bool(v.get("date")) and date is doc["date"]
            if date is not None:
                g.add((stance, CAREKG.date, date))
            for prop, key in ((CAREKG.earliest, "earliest"), (CAREKG.latest, "latest")):
                day = _date(v.get(key)) if (v.get(key) or "").strip() else None
                if day is not None and day.datatype == XSD.date:
                    g.add((stance, prop, day))
            if v.get("date estimate"):
                g.add((stance, CAREKG.dateIsEstimate, Literal(True)))
            if (v.get("scope") or "").strip():
                g.add((stance, CAREKG.scopeText, Literal(v["scope"].strip())))
            g.add((stance, CAREKG.implicit, Literal(bool(v.get("implicit")))))
            for prop, key in ((CAREKG.dateText, "date text"), (RDFS.comment, "note")):
                if (v.get(key) or "").strip():
                    g.add((stance, prop, Literal(v[key].strip())))
            self._evidence(g, stance, doc["iri"], doc["text"], start, end)
            if org and person:
                g.add((stance, CAREKG.speaker, person))
                members.setdefault((person, org), (st, doc, start, end, date))
            for thing in (actor, proposal, person if org else None):
                if thing is not None and (thing, doc["iri"]) not in seen:
                    seen.add((thing, doc["iri"]))
                    self._mention(thing, doc["iri"], start, end, doc["text"])
        for (person, org), (st, doc, start, end, date) in members.items():
            rel = KG[f"rel-dna-{st.id}"]
            for p, o in ((RDF.type, CAREKG.Relationship), (CAREKG.subject, person), (CAREKG.relation, CAREKG.memberOf),
                         (CAREKG.object, org), (CAREKG.date, date), (CAREKG.implicit, Literal(True)),
                         (RDFS.comment, Literal("Read from a DNA statement that codes this person beside this organisation."))):
                g.add((rel, p, o))
            self._evidence(g, rel, doc["iri"], doc["text"], start, end)
        n = Counter(self.labels[t][1] for t in self.things.values())
        self.report.append(f"{_n(len(coded), 'statement')} of type 'DNA Statement' -> "
                           f"{'stance' if len(coded) == 1 else 'stances'}: {_n(n['person'], 'person', 'people')}, "
                           f"{_n(n['organisation'], 'organisation')}, {_n(n['concept'], 'proposal')}")
        if members:
            self.report.append(f"{_n(len(members), 'person', 'people')} linked to an organisation "
                               "(carekg:speaker of the stance, and a memberOf relationship)")
        if bad_dates:
            self.report.append(f"{_n(bad_dates, 'statement')} with a 'date' that is not an ISO date: "
                               "the document's date is used")

    # --- output ----------------------------------------------------------------------------

    def files(self) -> dict:
        """File name -> Turtle text.  Labels shared by two nodes get a suffix saying which."""
        count = Counter(label for label, *_ in self.labels.values())
        for node, (label, kind, suffix) in self.labels.items():
            graph = self.graphs["sources" if kind == "document" else "things"]
            graph.add((node, RDFS.label, Literal(label + (suffix if count[label] > 1 else ""))))
        dataset = URIRef(f"https://w3id.org/carekg/dataset/{slug(Path(self.name).stem) or 'dna-import'}")
        g = self.graphs["sources"]
        g.add((dataset, RDF.type, DCAT.Dataset))
        g.add((dataset, DCTERMS.title, Literal(f"Imported from the DNA file {self.name}")))
        g.add((dataset, DCTERMS.source, Literal(self.name)))
        # The version and the file name are the DNA file's text: each comment stays one line.
        head = "".join(comment_line(line) + "\n" for line in (
            f"Imported by carekg from the DNA {self.data.version} file {self.name} on {datetime.now().date().isoformat()}.",
            "No evidence-length limit: DNA codes spans of any length."))
        return {f"{name}.ttl": head + graph.serialize(format="turtle") for name, graph in self.graphs.items()}


def _write_folder(out: Path, files: dict, texts: dict) -> None:
    """Write the dataset into a temporary folder beside ``out``, then rename it into place."""
    with new_dataset_folder(out) as tmp:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8")
        for name, text in texts.items():
            (tmp / "sources" / name).write_text(text, encoding="utf-8", newline="")


__all__ = ["import_dna"]
