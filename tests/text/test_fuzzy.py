"""One fuzzy matcher (graph.text.fuzzy): one fold, one similarity, one cut-off for every "did you
mean", and the stricter one the suggester links with; no other matcher in graph/."""

from __future__ import annotations

import ast
import random

import pytest

from graph.coding.mapping import SheetNames
from graph.kg.names import Entry, Names
from graph.text import evidence
from graph.text.fuzzy import AUTOLINK, FUZZY, fold, is_near, nearest, similarity, suggest

from ..helpers import ROOT


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def test_similarity_is_levenshtein_over_the_longer_length_and_at_least_only_saves_work():
    rng = random.Random(7)
    for _ in range(3000):
        a, b = ("".join(rng.choice("ab c") for _ in range(rng.randint(0, 10))) for _ in range(2))
        exact = 1.0 if a == b else 0.0 if not a or not b else 1 - levenshtein(a, b) / max(len(a), len(b))
        assert similarity(a, b) == exact
        for cut in (FUZZY, AUTOLINK, 0.5):
            fast = similarity(a, b, at_least=cut)
            assert fast == exact if exact >= cut else fast < cut


# "kings fund" against names one to four letters off: 0.9, 0.8, 0.7, 0.6 similar.
NEAR = {"kings fnd": 0.9, "kngs fnd": 0.8, "kngs fn": 0.7, "kng fn": 0.6}


def test_one_cut_off_for_every_did_you_mean():
    assert {k: round(similarity("kings fund", k), 6) for k in NEAR} == NEAR
    offered = {k for k, s in NEAR.items() if s >= FUZZY}
    assert offered == {"kings fnd", "kngs fnd"}
    # the resolver (the command line, the sheets and, through the same data, the map)
    names = Names([Entry("ex:kf", "kings fund", "Think tank")])
    assert {k for k in NEAR if names.matches(k)} == offered
    sheet = SheetNames([Entry("ex:kf", "kings fund", "Think tank")])
    assert {k for k in NEAR if sheet.near(k)} == offered
    # error messages' names, and the nearest passage of an evidence phrase
    assert {k for k in NEAR if suggest(k, ["kings fund"])} == offered
    assert {k for k in NEAR if nearest(k, ["kings fund"])} == offered


def test_linking_without_asking_needs_the_stricter_cut_off():
    assert FUZZY < AUTOLINK
    assert is_near("kings fund", "kngs fnd") and not is_near("kings fund", "kngs fnd", cutoff=AUTOLINK)
    assert is_near("kings fund", "kings fnd", cutoff=AUTOLINK)


def test_suggest_puts_names_that_contain_the_text_first():
    assert suggest("lamb", ["norman-lamb", "kings-fund", "labour", "lamb-kell-panel"]) == ["lamb-kell-panel", "norman-lamb"]
    assert suggest("csv", ["csv", "tsv", "json"]) == ["csv"]
    assert suggest("jsn", ["csv", "tsv", "json"]) == ["json"]
    # each word typed starts a word of the name, as in the resolver's "words" tier
    assert suggest("stance-on", ["stances-on-proposal", "stance-history"]) == ["stances-on-proposal"]
    assert Names([Entry("ex:q", "stances-on-proposal", "query")]).matches("stance-on")[0].how == "words"


def test_fold_is_one_function_and_the_white_space_rule_says_what_it_does():
    from graph.kg import names

    assert names.fold is fold and names.similarity is similarity and names.FUZZY == FUZZY
    assert not hasattr(evidence, "fold")
    assert evidence.collapse_whitespace(" The\u00a0King’s\n Fund ") == "The King’s Fund"
    assert fold(" The\u00a0King’s\n Fund ") == "the kings fund"


MATCHERS = {"difflib", "get_close_matches", "SequenceMatcher"}


@pytest.mark.parametrize("path", sorted((ROOT / "graph").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_other_fuzzy_matcher_in_graph(path):
    """difflib's ratio and cut-offs are not how carekg measures near names: graph.text.fuzzy is."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {a.attr for a in ast.walk(tree) if isinstance(a, ast.Attribute)}
    imports = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom) for a in n.names}
    imports |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert not (names | imports) & MATCHERS
    defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    owned = {"graph/text/fuzzy.py": {"similarity", "fold", "suggest"}, "graph/text/slugs.py": {"slug"}}
    others = {"similarity", "fold", "suggest", "slug", "_slug", "slugify", "normal"} - owned.get(path.relative_to(ROOT).as_posix(), set())
    assert not defined & others
