"""What a dataset already knows, as a suggester needs it: names to look for in a text, and the
key phrases of each proposal.

Names are folded as the shared resolver folds them (:func:`graph.text.fuzzy.fold`: case, accents,
apostrophes and punctuation do not count; nor does a leading "the"), a trailing parenthesis also
counts on its own ("Councils (local authorities)"), and a name of three or more words also by its
initials ("Clinical commissioning groups" -> "CCGs").  A near spelling counts too, on names that
start alike, with the one matcher's stricter cut-off for linking without asking
(:data:`graph.text.fuzzy.AUTOLINK`).  A proposal is recognised by the word pairs and
triples of its label and of the evidence phrases that attest it, weighted by how few other
proposals use them.

Examples
--------
>>> _acronyms(["Clinical commissioning groups", "Department of Health"])
['CCGs']
>>> stem("integrated") == stem("integration") == stem("integrating")
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from graph.rdf.namespaces import CAREKG
from graph.rdf.schemes import subclasses
from graph.text.fuzzy import AUTOLINK, fold, is_near, without_article
from graph.text.spans import STOP

CALENDAR_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                  "november", "december", "spring", "summer", "autumn", "winter"}


def stem(word: str) -> str:
    """A crude stem: no plural or verb ending, at most six letters ("integration",
    "integrated" and "integrating" all give "integr")."""
    word = re.sub(r"[’']s$", "", word.lower())
    for suffix in ("ing", "ion", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:6]


def content_stems(text: str) -> list[str]:
    return [stem(w) for w in re.findall(r"[\w’'-]+", text) if w.lower() not in STOP and len(w) > 2]


@dataclass
class Known:
    iri: URIRef
    label: str
    cls: str
    actor: bool


@dataclass
class KnownIndex:
    """The things a dataset names: labels and aliases to look for, and proposals' key phrases.

    ``exclude`` leaves out what only one article attests (for leave-one-out measurement):
    a thing counts as known when a mention from another article attests it.
    """

    data: Graph
    ontology: Graph
    exclude: URIRef | None = None
    things: dict = field(default_factory=dict)
    keys: dict = field(default_factory=dict)
    phrases: dict = field(default_factory=dict)
    strong: dict = field(default_factory=dict)  # proposal -> word pairs and triples that name it
    kinds: dict = field(default_factory=dict)  # proposal -> the local names of its kinds
    attested: dict = field(default_factory=dict)  # proposal -> how many claims attest it
    posts: dict = field(default_factory=dict)  # a post's folded label ("chair nhs bassetlaw ccg") -> the post

    def __post_init__(self):
        self.actor_classes = actor_classes = subclasses(self.ontology, CAREKG.Actor)
        initials: dict = {}
        attested = {self.data.value(m, CAREKG.about) for m in self.data.subjects(RDF.type, CAREKG.Mention)
                    if self.data.value(m, CAREKG.source) != self.exclude}
        for iri in attested:
            types = set(self.data.objects(iri, RDF.type))
            label = self.data.value(iri, RDFS.label)
            if label is None or CAREKG.SourceArticle in types:
                continue
            cls = next((str(t).split("#")[-1] for t in sorted(types, key=str)), "Thing")
            self.things[iri] = Known(URIRef(str(iri)), str(label), cls, bool(types & actor_classes))
            names = [str(label)] + [str(a) for a in self.data.objects(iri, SKOS.altLabel)]
            if CAREKG.Post in types or CAREKG.MinisterialPost in types:
                # "Chair, NHS Bassetlaw CCG" is never written so: such posts are found beside
                # their holders.  A bare title ("Health minister") is looked for as it is.
                self.posts.update({fold(n): iri for n in names if "," in n})
                names = [n for n in names if "," not in n]
            if CAREKG.Proposal in types:
                self._phrases(iri, names)
                continue  # proposals are found by their words (graph.coding.suggest.concepts), not as names
            # A trailing parenthesis is a name too ("Councils (local authorities)"), unless it dates
            # or counts ("(2014)", "(June 2014)", "(April)").
            extra = [m.group(1) for n in names if (m := re.search(r"\(([^)]*)\)\s*$", n))
                     and not re.search(r"\d", m.group(1)) and not set(fold(m.group(1)).split()) & CALENDAR_WORDS]
            for name in names + extra:
                key = without_article(fold(re.sub(r"\s*\([^)]*\)\s*$", "", name)))
                if key:
                    self.keys.setdefault(key, set()).add(iri)
            for name in _acronyms(names):
                initials.setdefault(without_article(fold(name)), set()).add(iri)
        # Initials ("HSJ" for "Health Service Journal") only where no thing has them as its name.
        for key, iris in initials.items():
            self.keys.setdefault(key, iris)
        self._alike: dict = {}
        for key in self.keys:
            self._alike.setdefault((key[:1], len(key.split())), []).append(key)
        # A name shared by several things stays with all of them: the curator chooses.
        df: dict = {}
        for grams in self.phrases.values():
            for g in grams:
                df[g] = df.get(g, 0) + 1
        # A key phrase weighs 1/df (df: how many proposals use it); a single word only when it
        # is long (six letters of stem) and no other proposal uses it, and at half weight.
        self.phrases = {iri: {g: (1.0 if " " in g else 0.5) / df[g] for g in grams
                              if df[g] <= 3 and (" " in g or (df[g] == 1 and len(g) >= 6))}
                        for iri, grams in self.phrases.items()}

    def alike(self, key: str) -> list[str]:
        """The names that start with the same letter and have as many words as ``key``."""
        return self._alike.get((key[:1], len(key.split())), [])

    def _phrases(self, iri, names):
        texts = list(names)
        self.kinds[iri] = {str(k).split("#")[-1] for k in self.data.objects(iri, CAREKG.proposalKind)}
        claims = [c for c in set(self.data.subjects(CAREKG.about, iri)) | set(self.data.subjects(CAREKG.proposal, iri))
                  if self.data.value(c, CAREKG.source) != self.exclude]
        self.attested[iri] = len(claims)
        for claim in claims:
            texts += [str(e) for e in self.data.objects(claim, CAREKG.evidence)]
        grams: set = set()
        seen: dict = {}
        for n, text in enumerate(texts):
            words_ = content_stems(text)
            these = {" ".join(words_[i:i + k]) for k in (1, 2, 3) for i in range(len(words_) - k + 1)}
            grams |= these
            for g in these:
                seen[g] = seen.get(g, 0) + (len(texts) if n < len(names) else 1)
        self.phrases[iri] = grams
        # What names a proposal: the words of its label, or words two of its evidence phrases share.
        self.strong[iri] = {g for g, count in seen.items() if " " in g and count >= 2}


def _acronyms(names: list[str]) -> list[str]:
    """Initials of a name of three or more words ("Clinical commissioning groups" -> "CCGs")."""
    out = []
    for name in names:
        parts = [w for w in re.findall(r"[A-Za-z]+", re.sub(r"\([^)]*\)", "", name)) if w.lower() not in STOP]
        if len(parts) >= 3:
            initials = "".join(w[0].upper() for w in parts)
            out.append(initials + ("s" if parts[-1].endswith("s") else ""))
    return out


def known_mentions(text, ws, index: KnownIndex, found_people: dict) -> list[tuple[URIRef, int, int]]:
    """Where the words ``ws`` name things the dataset knows: (IRI, start, end), longest names
    first.  A name matches folded, or with a possessive "'s" off its last word ("the King's
    Fund's view"), or spelled out where the known name abbreviates
    each word ("Liberal Democrats" for "Lib Dem"), or spelled near it; a person's surname once
    the full name has appeared.  A name written in lower case after a word that qualifies it
    names something else ("local government" is not the government)."""
    out, i = [], 0
    folded = [fold(w.text) for w in ws]
    bare = [fold(re.sub(r"[’']s$", "", w.text)) for w in ws]
    while i < len(ws):
        hit = None
        for n in range(min(8, len(ws) - i), 0, -1):
            if not ws[i].is_word or not ws[i + n - 1].is_word:
                continue
            # A possessive "'s" ends the name ("the council's leader" is not "councils").
            key = " ".join(f for f in folded[i:i + n - 1] + bare[i + n - 1:i + n] if f)
            iris: set | None = index.keys.get(key)
            capital = ws[i].capital
            if iris is None and capital and n >= 2 and all(w.capital for w in ws[i:i + n]):
                iris = _spelled_out(bare[i:i + n], index)
            if iris is None and capital and len(key) >= 6:
                iris = next((index.keys[k] for k in index.alike(key) if is_near(k, key, AUTOLINK)), None)
            if iris is None and n == 1 and capital and bare[i] in found_people:
                iris = {found_people[bare[i]]}
            if iris and not capital and i > 0 and ws[i - 1].is_word and ws[i - 1].text.lower() not in STOP \
                    and not ws[i - 1].text[:1].isdigit():
                iris = None  # "local government", "county councils": another thing
            if iris:
                hit = (iris, ws[i].start, ws[i + n - 1].end, n)
                break
        if hit:
            out += [(iri, hit[1], hit[2]) for iri in sorted(hit[0])]
            i += hit[3]
        else:
            i += 1
    return out


def _spelled_out(words: list[str], index: KnownIndex) -> set | None:
    """The things whose name abbreviates each of ``words`` ("lib dem" for "liberal democrats")."""
    for k, v in index.keys.items():
        parts = k.split()
        if len(parts) == len(words) and all(len(p) >= 3 and w.startswith(p) for p, w in zip(parts, words)) \
                and any(len(p) < len(w) for p, w in zip(parts, words)):
            return v
    return None


__all__ = ["Known", "KnownIndex", "known_mentions", "content_stems", "stem"]
