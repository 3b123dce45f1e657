"""A synthetic dataset with the shape of the curated one, at any size, for benchmarks and tests.

:func:`synthesise` writes a dataset folder (Turtle files plus ``sources/`` with article texts)
that every command reads with ``--data DIR``, that conforms to the shapes and passes the QC and
evidence checks.  Like the curated data it has people holding posts in organisations of every
kind the ontology has, funds with amounts, proposals (thousands, at a million triples) filed
under the ontology's SKOS proposal kinds, stances over the years 2013-2017 with positions,
sources, verbatim evidence and dates at mixed precision (day, month, year), date intervals
(``carekg:earliest``/``carekg:latest``) where the ontology declares them, including recalled
stances with an open start, relationships of every relation kind, and mentions as blank nodes
(each one distinct).

The text is invented and says so (every article starts "Synthetic article"): it is made of
sentences whose words are the claims' evidence phrases, so the evidence check finds each phrase.
One seed gives one dataset, byte for byte.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     report = synthesise(Path(tmp) / "ds", triples=3000, seed=1)
...     files = sorted(p.name for p in (Path(tmp) / "ds").iterdir())
>>> files[:3], report["triples"] >= 3000
(['articles-0000.ttl', 'registry.ttl', 'sources'], True)
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import ParameterError
from graph.rdf.namespaces import CAREKG
from graph.rdf.outputs import new_dataset_folder
from graph.rdf.paths import Paths
from graph.rdf.progress import stage as progress_stage
from graph.rdf.serialise import turtle_string

ARTICLES_PER_FILE = 250
MAX_TRIPLES = 10_000_000  # ten times the largest benchmark: enough to measure, bounded on disk
MAX_WORDS = 15  # the dataset's evidence limit (carekg:maxEvidenceWords)
ORG_KINDS = {  # class -> how its names are made
    "LocalAuthority": "{place} Council", "HealthAndWellbeingBoard": "{place} Health and Wellbeing Board",
    "ClinicalCommissioningGroup": "NHS {place} CCG", "NHSTrust": "{place} NHS Foundation Trust",
    "NHSNationalBody": "NHS {topic} Agency", "GovernmentDepartment": "Department for {topic}",
    "Regulator": "{topic} Quality Commission", "ThinkTank": "{topic} Policy Institute",
    "MembershipBody": "Association of {topic} Leaders", "Company": "{place} {topic} Partners Ltd",
    "PoliticalParty": "{topic} Party", "MediaOrganisation": "{topic} Journal",
    "Partnership": "{place} Care Partnership", "OrganisationalUnit": "{topic} Committee",
    "Organisation": "{place} {topic} Forum", "HealthService": "{place} {topic} Service Network",
    "NationalGovernment": "Government of {place}",
}
DOC_KINDS = ["Report", "Guidance", "PublicStatement", "Survey", "Legislation", "CommentPiece", "SocialMediaPost"]
EVENT_KINDS = ["Conference", "Meeting", "Speech", "FiscalEvent", "Reorganisation", "Procurement", "Election"]
FIRST = ("Alex Sam Jo Chris Pat Robin Morgan Jamie Taylor Casey Drew Avery Rowan Quinn Ellis Harper Blake "
         "Reese Sage Kit Dana Lee Noor Amir Priya Ravi Mei Ola Tomasz Ines Femi Kwame Aisha Omar Lena Hugo").split()
LAST = ("Ashby Barnes Carter Dale Ellison Fraser Grant Hale Irving Judd Keane Lowe Marsh Nash Osei Patel Quayle "
        "Rahman Shaw Thorne Upton Vance Walsh Yates Zhou Brennan Okafor Kowalski Haddad Lindqvist Moreau").split()
PLACES = ("Ashford Bramley Calder Dunmore Elmstead Fairholt Glenbury Harrowgate Islington Kelmscott Lydney "
          "Marlow Northam Oakridge Penrith Quarry Redhill Stowe Thornbury Uxbridge Wexcombe Yardley").split()
TOPICS = ("Health Care Social Integration Commissioning Ageing Housing Wellbeing Public Finance Community "
          "Primary Workforce Prevention Disability Hospital Mental Digital Quality Rural Urban").split()
ACTIONS = ("pool {x} budgets", "merge {x} commissioning", "give {x} boards the money",
           "mandate pooling for {x} services", "let {x} areas choose pooling",
           "fund {x} care from one budget", "share {x} data between sectors",
           "regulate {x} pooled funds", "create a {x} integration fund", "move {x} spending to councils")
SUPPORT_VERBS = {"Support": ["backed", "called for", "welcomed"], "Opposition": ["opposed", "rejected", "warned against"],
                 "ConditionalSupport": ["conditionally backed", "cautiously supported"]}
RELATIONS = [  # (subject pool, relation, object pool)
    ("person", "memberOf", "org"), ("org", "memberOf", "org"), ("unit", "unitOf", "org"),
    ("org", "holdsFunds", "fund"), ("org", "funds", "org"), ("org", "commissioned", "doc"),
    ("person", "authorOf", "doc"), ("org", "publisherOf", "doc"), ("org", "regulates", "org"),
    ("org", "reportsTo", "org"), ("event", "locatedIn", "place"), ("person", "spokeAt", "event"),
    ("org", "organised", "event"), ("doc", "concerns", "proposal"), ("org", "proposed", "proposal"),
    ("doc", "reportedOn", "event"), ("org", "respondedTo", "doc"), ("person", "participatedIn", "event"),
    ("org", "operates", "service"), ("org", "provides", "service"), ("org", "sets", "fund"),
    ("person", "considered", "proposal"), ("org", "instigated", "event"), ("doc", "linkedTo", "doc"),
    ("org", "contributesTo", "proposal"), ("event", "transferredFrom", "org"), ("event", "transferredTo", "org"),
]


@dataclass
class Entity:
    slug: str
    kind: str
    label: str
    pool: str
    extra: list = field(default_factory=list)


class Synth:
    """The generator's state: the pools of things, the triple count, the output buffers."""

    def __init__(self, seed: int, kinds: list[str], intervals: bool):
        self.rng = random.Random(seed)
        self.seed, self.kinds, self.intervals = seed, kinds, intervals
        self.labels: set = set()
        self.pools: dict = {k: [] for k in ("person", "org", "unit", "fund", "doc", "event", "place", "proposal", "service", "post")}
        self.entities: list[Entity] = []
        self.triples = 0
        self.mentioned: set = set()  # slugs with a mention somewhere
        self.pending: dict = {}  # slug -> triples of a thing no article names yet (left out if none does)

    def unique(self, label: str) -> str:
        out, n = label, 2
        while out in self.labels:
            out, n = f"{label} {n}", n + 1
        self.labels.add(out)
        return out

    def new(self, pool: str, kind: str, label: str, extra=()) -> Entity:
        e = Entity(f"{pool}-{len(self.pools[pool]):06d}", kind, self.unique(label), pool, list(extra))
        self.pools[pool].append(e)
        self.entities.append(e)
        cost = 2 + sum(o.count(", ") + 1 for _, o in e.extra)
        self.triples += cost
        self.pending[e.slug] = cost
        return e

    def mention(self, slug: str) -> None:
        self.mentioned.add(slug)
        self.pending.pop(slug, None)

    @property
    def kept_triples(self) -> int:
        """Triples the dataset has so far, without the things no article names."""
        return self.triples - sum(self.pending.values())

    # --- the pools ----------------------------------------------------------------------------

    def place(self) -> Entity:
        return self.new("place", "Place", self.rng.choice(PLACES))

    def grow(self, n_orgs: int) -> None:
        r = self.rng
        while len(self.pools["org"]) < n_orgs:
            kind = list(ORG_KINDS)[len(self.pools["org"]) % len(ORG_KINDS)]  # every kind, in turn
            label = ORG_KINDS[kind].format(place=r.choice(PLACES), topic=r.choice(TOPICS))
            pool = "unit" if kind == "OrganisationalUnit" else "org"
            self.new(pool, kind, label)
            if pool == "unit":
                self.new("org", "Organisation", f"{r.choice(PLACES)} {r.choice(TOPICS)} Trust Board")
            for _ in range(3):
                self.new("person", "Person", f"{r.choice(FIRST)} {r.choice(LAST)}")
            if r.random() < 0.3:
                self.new("fund", "Fund", f"{r.choice(PLACES)} {r.choice(TOPICS)} Fund")
            if r.random() < 0.4:
                self.new("doc", r.choice(DOC_KINDS), f"{r.choice(TOPICS)} review of {r.choice(PLACES)}")
            if r.random() < 0.3:
                self.new("event", r.choice(EVENT_KINDS), f"{r.choice(PLACES)} {r.choice(TOPICS)} summit")
            if r.random() < 0.2:
                self.new("service", "Service", f"{r.choice(PLACES)} {r.choice(TOPICS)} service")
            if r.random() < 0.2:
                self.place()
            for _ in range(1 + (r.random() < 0.3)):
                kinds = [f"carekg:{k}" for k in r.sample(self.kinds, 1 + (r.random() < 0.3))]
                action = r.choice(ACTIONS).format(x=r.choice(TOPICS).lower())
                self.new("proposal", "Proposal", f"{action[0].upper()}{action[1:]} in {r.choice(PLACES)}",
                         [("carekg:proposalKind", ", ".join(kinds)),
                          ("dcterms:description", turtle_string(f"A synthetic proposal: {action}."))])

    # --- dates --------------------------------------------------------------------------------

    def date(self, before: tuple) -> tuple:
        """(literal, first day, last day) of a date no later than ``before`` (y, m, d), at a random precision."""
        r = self.rng
        y = r.randint(2013, before[0])
        m = r.randint(1, before[1] if y == before[0] else 12)
        d = r.randint(1, min(28, before[2]) if (y, m) == before[:2] else 28)
        p = r.random()
        if p < 0.6:
            s = f"{y}-{m:02d}-{d:02d}"
            return f'"{s}"^^xsd:date', s, s
        if p < 0.85:
            last = 29 if m == 2 and y % 4 == 0 else 28 if m == 2 else 30 if m in (4, 6, 9, 11) else 31
            if (y, m) == before[:2]:
                return f'"{y}-{m:02d}-{d:02d}"^^xsd:date', f"{y}-{m:02d}-{d:02d}", f"{y}-{m:02d}-{d:02d}"
            return f'"{y}-{m:02d}"^^xsd:gYearMonth', f"{y}-{m:02d}-01", f"{y}-{m:02d}-{last}"
        if y == before[0]:
            return f'"{y}-{m:02d}-{d:02d}"^^xsd:date', f"{y}-{m:02d}-{d:02d}", f"{y}-{m:02d}-{d:02d}"
        return f'"{y}"^^xsd:gYear', f"{y}-01-01", f"{y}-12-31"


class Article:
    """One synthetic article: its Turtle (claims and mentions) and its text, built together."""

    def __init__(self, synth: Synth, number: int):
        self.s, self.n = synth, number
        r = synth.rng
        self.day = (r.randint(2014, 2017), r.randint(1, 12), r.randint(1, 28))
        self.iri = f"kg:article-{number:06d}"
        digest = hashlib.sha256(f"{synth.seed}:{number}".encode()).hexdigest()[:16]
        self.seed_file = f"{number:06d}_{digest}.txt"
        self.title = synth.unique(f"Synthetic article {number}: {r.choice(TOPICS)} and {r.choice(TOPICS)} in {r.choice(PLACES)}")
        self.ttl: list[str] = []
        self.sentences: list[str] = [self.title + "."]
        self.used: dict = {}  # slug -> the phrase naming it in the text
        self.claims = 0

    def t(self, text: str, triples: int) -> None:
        self.ttl.append(text)
        self.s.triples += triples

    def say(self, phrase: str) -> str:
        self.sentences.append(phrase + ".")
        return phrase

    def use(self, e: Entity) -> str:
        self.used.setdefault(e.slug, e.label)
        return e.label

    def claim(self, kind: str, body: list, evidence: str, date=None) -> None:
        self.claims += 1
        iri = f"kg:{kind.lower()}-{self.n:06d}-{self.claims:02d}"
        lines = [f"{iri} a carekg:{kind}"] + [f"{p} {o}" for p, o in body]
        if date is not None:
            lines.append(f"carekg:date {date[0]}")
            if self.s.intervals:
                lines.append(f'carekg:earliest "{date[1]}"^^xsd:date ; carekg:latest "{date[2]}"^^xsd:date')
        lines += [f"carekg:source {self.iri}", f"carekg:evidence {turtle_string(self.say(evidence))}"]
        extra = 1 if date is not None and self.s.intervals else 0  # earliest and latest share a line
        self.t(" ;\n    ".join(lines) + " .\n", len(lines) + extra)

    def write(self) -> None:
        s, r = self.s, self.s.rng
        pick = lambda pool: r.choice(s.pools[pool])
        for _ in range(r.randint(3, 7)):  # stances
            actor = pick("person") if r.random() < 0.4 else pick("org")
            proposal, position = pick("proposal"), r.choice(["Support", "Support", "Opposition", "ConditionalSupport"])
            evidence = f"{actor.label} {r.choice(SUPPORT_VERBS[position])} {proposal.label}"
            if len(evidence.split()) > MAX_WORDS:
                continue
            self.use(actor), self.use(proposal)
            body = [("carekg:actor", f"kg:{actor.slug}"), ("carekg:proposal", f"kg:{proposal.slug}"),
                    ("carekg:position", f"carekg:{position}"), ("carekg:implicit", "false" if r.random() < 0.85 else "true")]
            if s.intervals and r.random() < 0.05:  # recalled without a date: only the last possible day
                body.append(("carekg:latest", f'"{self.day[0] - 1}-12-31"^^xsd:date'))
                self.claim("Stance", body, evidence)
            else:
                self.claim("Stance", body, evidence, s.date(self.day))
        for _ in range(r.randint(1, 2)):  # tenures, each with a post of its own
            person, org = pick("person"), pick("org")
            title = r.choice(["Chair", "Chief executive", "Director of finance", "Leader", "Head of commissioning"])
            post = s.new("post", "Post", f"{title}, {org.label}", [("carekg:postIn", f"kg:{org.slug}")])
            former = r.random() < 0.2
            evidence = f"{'former ' if former else ''}{title.lower()} {self.use(person)} of {self.use(org)}"
            self.use(post)
            self.ttl.append(f"[] a carekg:Mention ; carekg:about kg:{post.slug} ; carekg:source {self.iri} ; "
                            f"carekg:evidence {turtle_string(evidence)} .\n")
            s.triples += 4
            s.mention(post.slug)
            self.claim("Tenure", [("carekg:holder", f"kg:{person.slug}"), ("carekg:post", f"kg:{post.slug}"),
                                  ("carekg:former", "true" if former else "false")], evidence, s.date(self.day))
        for _ in range(r.randint(2, 5)):  # relationships
            sub_pool, relation, obj_pool = r.choice(RELATIONS)
            if not s.pools[sub_pool] or not s.pools[obj_pool]:
                continue
            a, b = pick(sub_pool), pick(obj_pool)
            if a is b:
                continue
            evidence = f"{a.label} {relation_words(relation)} {b.label}"
            if len(evidence.split()) > MAX_WORDS:  # two long names: a shorter claim another time
                continue
            self.use(a), self.use(b)
            self.claim("Relationship", [("carekg:subject", f"kg:{a.slug}"), ("carekg:relation", f"carekg:{relation}"),
                                        ("carekg:object", f"kg:{b.slug}")], evidence, s.date(self.day) if r.random() < 0.7 else None)
        if s.pools["fund"] and r.random() < 0.5:  # an amount
            fund = pick("fund")
            value = r.randint(1, 900) * 10 ** r.randint(5, 8)
            evidence = f"£{value:,} for the {self.use(fund)}"
            self.claim("Amount", [("schema:value", f'"{value}"^^xsd:decimal'), ("schema:currency", '"GBP"'),
                                  ("carekg:amountOf", f"kg:{fund.slug}"), ("carekg:measure", turtle_string("money set aside"))],
                       evidence, s.date(self.day))
        for slug, label in self.used.items():  # every thing a claim uses is named in this article
            if slug.startswith("post-"):
                continue
            self.ttl.append(f"[] a carekg:Mention ; carekg:about kg:{slug} ; carekg:source {self.iri} ; carekg:evidence {turtle_string(label)} .\n")
            s.triples += 4
            s.mention(slug)
        day = f"{self.day[0]}-{self.day[1]:02d}-{self.day[2]:02d}"
        self.ttl.insert(0, f"{self.iri} a carekg:SourceArticle ; rdfs:label {turtle_string(self.title)} ; dcterms:title {turtle_string(self.title)} ;\n"
                           f'    carekg:seedFile "{self.seed_file}" ; carekg:date "{day}"^^xsd:date .\n'
                           f"[] a carekg:Mention ; carekg:about {self.iri} ; carekg:source {self.iri} ; carekg:evidence {turtle_string(self.title)} .\n")
        s.triples += 9


def relation_words(relation: str) -> str:
    """``holdsFunds`` -> ``holds funds``: the relation as the words of a sentence."""
    return "".join(" " + c.lower() if c.isupper() else c for c in relation).strip()


PROLOGUE = """@prefix carekg: <https://w3id.org/carekg/ontology#> .
@prefix kg: <https://w3id.org/carekg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .

"""


def ontology_terms(paths: Paths) -> tuple[list[str], bool]:
    """The proposal kinds to file proposals under, and whether the ontology declares intervals."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(paths.ontology), format=ox.RdfFormat.TURTLE)
    ns = str(CAREKG)
    rows = store.query(f"SELECT ?k WHERE {{ ?k a <{ns}ProposalKind> FILTER(?k != <{ns}UnclassifiedKind>) }}")
    assert isinstance(rows, ox.QuerySolutions)
    kinds = sorted(str(row[0].value)[len(ns):] for row in rows)
    intervals = bool(store.query(f"ASK {{ <{ns}earliest> ?p ?o }}"))
    return kinds, intervals


def synthesise(out: Path | str, triples: int, seed: int = 0, paths: Paths | None = None) -> dict:
    """Write a dataset of about ``triples`` curated triples (at least that many) into ``out``.

    ``out`` must not exist or be empty; the folder appears whole or not at all.  Returns a
    report: triples, articles, things by pool.
    """
    if triples < 100:
        raise ParameterError("--triples: give at least 100")
    if triples > MAX_TRIPLES:  # 10^12 would write until the disk is full, days later
        raise ParameterError(f"--triples: give at most {MAX_TRIPLES:,}")
    kinds, intervals = ontology_terms(paths or Paths())
    s = Synth(seed, kinds, intervals)
    with new_dataset_folder(out) as stage, progress_stage("articles (triples written)", total=triples) as shown:
        batch: list[str] = []
        number = done = 0
        while s.kept_triples + 3 < triples or number == 0:
            shown.advance(min(s.kept_triples, triples) - done)
            done = min(s.kept_triples, triples)
            s.grow(max(8, int(s.triples / 220) + 8))
            article = Article(s, number)
            article.write()
            (stage / "sources" / article.seed_file).write_text("\n".join(article.sentences) + "\n", encoding="utf-8")
            batch.append("".join(article.ttl))
            number += 1
            if len(batch) == ARTICLES_PER_FILE:
                _write(stage / f"articles-{number // ARTICLES_PER_FILE - 1:04d}.ttl", batch)
                batch = []
        if batch:
            _write(stage / f"articles-{number // ARTICLES_PER_FILE:04d}.ttl", batch)
        registry = [f'<https://w3id.org/carekg/dataset/synthetic-{seed}> a dcat:Dataset ;\n'
                    f'    dcterms:title "carekg synthetic dataset, seed {seed}" ;\n'
                    f'    carekg:maxEvidenceWords "{MAX_WORDS}"^^xsd:positiveInteger .\n']
        s.triples += 3
        kept = [e for e in s.entities if e.slug in s.mentioned]  # a thing no article names is left out
        s.triples = s.kept_triples
        for e in kept:
            extra = "".join(f" ; {p} {o}" for p, o in e.extra)
            registry.append(f"kg:{e.slug} a carekg:{e.kind} ; rdfs:label {turtle_string(e.label)}{extra} .\n")
        _write(stage / "registry.ttl", registry)
    pools = {k: sum(1 for e in kept if e.pool == k) for k in s.pools}
    return {"triples": s.triples, "articles": number, "things": pools, "intervals": intervals}


def _write(path: Path, chunks: list[str]) -> None:
    path.write_text(PROLOGUE + "".join(chunks), encoding="utf-8")


__all__ = ["synthesise", "relation_words"]
