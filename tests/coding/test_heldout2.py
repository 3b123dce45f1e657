"""The second held-out set of the suggestion benchmark (``benchmarks/heldout2/``) loads, says it
is invented, and stays out of the data.

Each gold coding is read with the benchmark's own loader (``benchmarks/suggest_gold.py``), which
checks it whole: every phrase is in its text, every curated id is curated, every stance's actor and
proposal is one of its entities.  Nothing here runs ``suggest`` or scores it: how good the drafts
are is measured by ``benchmarks/bench_suggest.py --set heldout2``.
"""

from __future__ import annotations

import importlib.util
import re
import sys

import pytest
from rdflib import Graph

from graph.rdf.parse import parse_turtle
from graph.rdf.paths import Paths
from graph.text.evidence import collapse_whitespace
from graph.text.spans import body_end, sentences

from ..helpers import ROOT

FOLDER = ROOT / "benchmarks" / "heldout2"
GOLDS = sorted(FOLDER.glob("*.yaml"))
TEXTS = sorted(FOLDER.glob("*.txt"))
POSITIONS = {"Support", "Opposition", "ConditionalSupport", "NominalSupport"}


def _loader():
    """``benchmarks/suggest_gold.py`` (benchmarks/ is not a package), as bench_suggest.py imports it."""
    if "suggest_gold" not in sys.modules:
        spec = importlib.util.spec_from_file_location("suggest_gold", ROOT / "benchmarks" / "suggest_gold.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["suggest_gold"] = module  # its dataclasses look their module up while being made
        spec.loader.exec_module(module)
    return sys.modules["suggest_gold"]


@pytest.fixture(scope="module")
def curated() -> Graph:
    data = Graph()
    for f in Paths().data_files():
        data += parse_turtle(f)
    return data


@pytest.fixture(scope="module")
def gold_module():
    return _loader()


def test_the_set_is_five_texts_each_with_its_gold():
    assert len(TEXTS) == 5 and [t.stem for t in TEXTS] == [g.stem for g in GOLDS]


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: p.stem)
def test_each_gold_loads_with_the_benchmark_loader(path, curated, gold_module):
    gold = gold_module.from_yaml(path, curated)
    assert gold.name == path.stem and gold.date is not None
    assert 350 <= len(gold.text.split()) <= 800, "an article of 350 to 800 words"
    posts = [t for t in gold.things.values() if t.cls in gold_module.POSTS]
    assert len(gold.things) >= 20 and len(gold.stances) >= 10 and posts
    for post in posts:
        assert post.post_in and post.holders, post.id
    for actor, proposal, position, sentence in gold.stances:
        assert position in POSITIONS, (actor, proposal, position)
        assert gold.things[proposal].cls == "Proposal", proposal
        # The phrase stands in the article body, so the stance has a sentence to be matched in.
        assert sentence is not None, (actor, proposal)


def test_every_position_of_the_ontology_occurs(curated, gold_module):
    found = {s[2] for path in GOLDS for s in gold_module.from_yaml(path, curated).stances}
    assert found == POSITIONS


@pytest.mark.parametrize("path", TEXTS + GOLDS, ids=lambda p: p.name)
def test_every_file_says_it_is_invented(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# Invented test article" if path.suffix == ".txt" else "# Invented test material"), path
    assert "data/" in first, "the header says it never enters data/"


def _phrases(path) -> list[str]:
    """The sentences of a text's body, white space collapsed, those long enough to be its own."""
    text = re.sub(r"\A(?:#[^\n]*\n)+\s*", "", path.read_text(encoding="utf-8"))
    found = (collapse_whitespace(text[s.start:s.end]) for s in sentences(text, body_end(text)))
    return [s for s in found if len(s.split()) >= 6]


def test_no_text_of_the_set_is_in_the_data(curated, gold_module):
    files = [p for p in (ROOT / "data").rglob("*") if p.is_file()]
    data = {p: collapse_whitespace(p.read_text(encoding="utf-8")) for p in files}
    invented = {t.label for path in GOLDS for t in gold_module.from_yaml(path, curated).things.values()
                if not t.known and t.cls in {"Person", "Organisation", "LocalAuthority", "ClinicalCommissioningGroup",
                                             "ThinkTank", "MembershipBody", "HealthAndWellbeingBoard", "NHSTrust"}}
    assert len(invented) >= 25
    for path, text in data.items():
        assert "heldout2" not in text and "Invented test" not in text, path
        for name in invented:
            assert name not in text, (path, name)
        for text_path in TEXTS:
            for sentence in _phrases(text_path):
                assert sentence not in text, (path, text_path.name, sentence)
