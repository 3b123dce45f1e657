"""Findings that survive their own checks: rerun an analysis under small changes of its data.

A *finding* is one claim an analysis makes ("Labour stands with Norman Lamb", "the government
links two coalitions", "pooling divides its actors"), with what it rests on: the stances, the
articles and the concepts that carry it.  :func:`robust` takes any function that produces
findings (a *producer*), runs it on the data as given, then again under each check of
:data:`CHECKS`, and marks a finding **robust** only when no check breaks it:

- ``implicit``: without the stances (and claims) the curators read from the text rather than
  found stated (``include_implicit=False``);
- ``unopposed``: without the proposals nobody opposes (``consensus="unopposed"``): agreement on
  what nobody disputes says nothing about camps;
- ``articles``: leaving out each article in turn (``exclude_sources``);
- ``years``: in each calendar year on its own (stances dated wholly within it).

Each check reruns the producer with changed *filters* (those of :mod:`graph.analysis.stances`),
so a producer is any callable ``produce(records, **filters) -> Run``.  A finding can break in two
ways: what it says no longer holds (Labour now stands with John Oldham), or what it is about
disappears.  Disappearing breaks a finding under the first two checks (it rested only on
implicit readings, or only on concepts nobody opposes) but not under the last two: an actor that
speaks in one article only cannot be tested without it, nor in a year it is silent.  Such a check
is "n/a" for that finding, and it says why.

Examples
--------
A producer of one finding per actor with a kept stance: "ACTOR takes a stance".

>>> from graph.analysis.stances import filter_stances
>>> def produce(records, **filters):
...     kept = filter_stances(records, **filters)
...     return Run([Finding(("speaks", r.actor), f"{r.actor} takes a stance", about=(r.actor,))
...                 for r in kept], present={r.actor for r in kept} | {r.proposal for r in kept})
>>> recs = [dict(actor="ex:a", proposal="ex:p", position="support", source="ex:s1", date="2014"),
...         dict(actor="ex:b", proposal="ex:p", position="oppose", source="ex:s2", date="2014", implicit=True)]
>>> [(v.finding.claim, v.robust, v.broken_by) for v in robust(produce, recs)]
[('ex:a takes a stance', True, []), ('ex:b takes a stance', False, ['without implicit stances: ex:b is left with no stance'])]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.analysis.stances import as_records, filter_stances
from graph.errors import UnknownNameError
from graph.text.fuzzy import suggest


@dataclass(frozen=True)
class Finding:
    """One claim of an analysis, with what it rests on and how to test it in another run.

    Attributes
    ----------
    key : tuple
        What the finding is, the same in every run that makes it ("member", actor IRI).
    claim : str
        The finding in words.
    about : tuple of str
        The IRIs (actors, proposals, nodes) it is about: it cannot be tested in a run that
        lacks them (:attr:`Run.present`).
    value : object
        What the default test compares (see :func:`same_value`).
    stances, articles, proposals : tuple of str
        What it rests on: stance or claim IRIs, article IRIs, proposal IRIs.
    implicit : tuple of str
        Those of ``stances`` that are implicit readings.
    unit : str
        What ``stances`` are, in words: "stance" (the default) or "claim" (any sourced claim).
    test : callable, optional
        ``test(finding, run) -> (holds, note)``, where ``holds`` is True, False, or None when
        the run cannot tell, and ``note`` says what the run shows instead.  Default
        :func:`same_value`.
    absence_breaks : bool
        Whether a check that breaks a finding whose subject disappears (:attr:`Check.absence_breaks`)
        breaks this one: True for a claim that something holds, False for one that something is
        absent ("agrees with nobody"), which a run without its subject cannot contradict.
    """

    key: tuple
    claim: str
    about: tuple = ()
    value: Any = True
    stances: tuple = ()
    articles: tuple = ()
    proposals: tuple = ()
    implicit: tuple = ()
    unit: str = "stance"
    test: Callable | None = field(default=None, compare=False, repr=False)
    absence_breaks: bool = True

    def rests_on(self, names: Callable[[str], str] = str) -> str:
        """What the finding rests on, in words (``names`` turns an IRI into its label).

        >>> Finding(("x",), "x", stances=("ex:s1", "ex:s2"), articles=("ex:a1",), proposals=("ex:p",), implicit=("ex:s2",)).rests_on()
        '2 stances (1 implicit) in 1 article, on ex:p'
        """
        n, a = len(self.stances), len(self.articles)
        words = f"{n} {self.unit}{'' if n == 1 else 's'}" + (f" ({len(self.implicit)} implicit)" if self.implicit else "") \
            + f" in {a} article{'' if a == 1 else 's'}"
        return words + (", on " + "; ".join(names(p) for p in self.proposals) if self.proposals else "")


@dataclass
class Run:
    """What a producer found in one run: its findings, the IRIs it could speak of, and whatever
    the findings' tests read (a partition, a ranking...)."""

    findings: list[Finding]
    present: set = field(default_factory=set)
    context: Any = None

    def get(self, key: tuple) -> Finding | None:
        return next((f for f in self.findings if f.key == key), None)


def same_value(finding: Finding, run: Run) -> tuple[bool | None, str]:
    """The default test: None when something the finding is about is missing from ``run``,
    else whether ``run`` makes the same finding with the same value.

    >>> f = Finding(("rank", "ex:a"), "ex:a ranks first", about=("ex:a",), value=1)
    >>> same_value(f, Run([f], {"ex:a"})), same_value(f, Run([], {"ex:a"})), same_value(f, Run([], set()))
    ((True, ''), (False, 'not found'), (None, 'ex:a is left with no stance'))
    """
    missing = [x for x in finding.about if x not in run.present]
    if missing:
        return None, f"{', '.join(missing)} is left with no stance"
    other = run.get(finding.key)
    if other is None:
        return False, "not found"
    return (True, "") if other.value == finding.value else (False, other.claim)


@dataclass(frozen=True)
class Check:
    """A robustness check: a name, the words for it, the variants of the filters it runs, and
    whether a finding whose subject disappears under it breaks (else it is not testable)."""

    name: str
    words: str
    variants: Callable[[list, dict], list[tuple[str, dict]]]
    absence_breaks: bool


def _without_implicit(records, filters) -> list[tuple[str, dict]]:
    return [("", dict(filters, include_implicit=False))]


def _without_unopposed(records, filters) -> list[tuple[str, dict]]:
    return [("", dict(filters, consensus="unopposed"))]


def _each_article(records, filters) -> list[tuple[str, dict]]:
    arts = sorted({r.source for r in filter_stances(records, **filters) if r.source})
    return [(a, dict(filters, exclude_sources=sorted(set(filters.get("exclude_sources") or ()) | {a}))) for a in arts]


def _each_year(records, filters) -> list[tuple[str, dict]]:
    from graph.analysis.coalitions import year_windows

    windows = year_windows(filter_stances(records, **filters), "year", filters.get("start"), filters.get("end"))
    if len(windows) < 2:   # the run is already one year (or none): nothing to split
        return []
    return [(period, dict(filters, start=ws, end=we, dates="within")) for period, ws, we in windows]


CHECKS = (
    Check("implicit", "without implicit stances", _without_implicit, True),
    Check("unopposed", "without concepts nobody opposes", _without_unopposed, True),
    Check("articles", "leaving out each article in turn", _each_article, False),
    Check("years", "year by year", _each_year, False),
)


def check_names(names: Iterable[str] | None) -> tuple[Check, ...]:
    """The checks named (all of :data:`CHECKS` for None).

    >>> [c.name for c in check_names(["years", "implicit"])]
    ['implicit', 'years']
    """
    if names is None:
        return CHECKS
    wanted = list(names)
    known = [c.name for c in CHECKS]
    for n in wanted:
        if n not in known:
            raise UnknownNameError("robustness check", n, suggest(n, known) or known)
    return tuple(c for c in CHECKS if c.name in wanted)


@dataclass
class Verdict:
    """A finding, and what each check made of it.

    ``checks`` maps a check's name to ``{"words", "status", "notes"}``: status "holds", "breaks"
    or "n/a" (it cannot tell: what the finding is about is missing from every variant), and the
    notes of the variants that broke it or could not tell.  ``broken_by`` says, in words, each
    check that breaks it; ``robust`` is True when there is none.
    """

    finding: Finding
    checks: dict = field(default_factory=dict)

    @property
    def broken_by(self) -> list[str]:
        return [f"{c['words']}: {'; '.join(c['notes'])}" for c in self.checks.values() if c["status"] == "breaks"]

    @property
    def robust(self) -> bool:
        return not self.broken_by

    def as_dict(self, names: Callable[[str], str] = str) -> dict:
        f = self.finding
        return {"key": [str(k) for k in f.key], "claim": f.claim, "robust": self.robust, "broken_by": self.broken_by,
                "rests_on": f.rests_on(names), "stances": list(f.stances), "articles": list(f.articles),
                "proposals": list(f.proposals), "implicit": list(f.implicit), "checks": self.checks}


def robust(produce: Callable[..., Run], records, checks: Iterable[str] | None = None,
           names: Callable[[str], str] | None = None, **filters) -> list[Verdict]:
    """Run ``produce(records, **filters)`` and every check of ``checks`` (names from
    :data:`CHECKS`; all by default) on it; one :class:`Verdict` per finding of the first run, in
    its order.

    Parameters
    ----------
    produce : callable
        ``produce(records, **filters) -> Run``: any analysis that states its findings
        (:mod:`graph.analysis.findings` has those of the coalitions, brokers and polarisation).
    records : stance records
    checks : iterable of str, optional
        The names of the checks to run.
    names : callable, optional
        IRI -> label, for the words of the notes (a variant leaving out an article says which).
    filters
        The stance filters and actor selection, kept in every variant.
    """
    recs = as_records(records)
    name = names or str
    base = produce(recs, **filters)
    verdicts = [Verdict(f) for f in base.findings]
    for check in check_names(checks):
        results: list[list[tuple[bool | None, str]]] = [[] for _ in verdicts]
        labels: list[str] = []
        for label, variant in check.variants(recs, dict(filters)):
            run = produce(recs, **variant)
            labels.append(label)
            for i, v in enumerate(verdicts):
                results[i].append((v.finding.test or same_value)(v.finding, run))
        for v, res in zip(verdicts, results):
            v.checks[check.name] = _judge(check, labels, res, name, v.finding.absence_breaks)
    return verdicts


def _judge(check: Check, labels: list[str], results: list[tuple[bool | None, str]], name, absence_breaks: bool = True) -> dict:
    """One check's verdict on one finding from its variants' results."""
    if not results:
        return {"words": check.words, "status": "n/a", "notes": ["nothing to vary"]}
    where = lambda label: f"{'without ' if check.name == 'articles' else 'in '}{name(label)}: " if label else ""
    absent = check.absence_breaks and absence_breaks
    broke = [where(lbl) + note for lbl, (ok, note) in zip(labels, results) if ok is False or (ok is None and absent)]
    if broke:
        return {"words": check.words, "status": "breaks", "notes": broke}
    if all(ok is None for ok, _ in results):
        return {"words": check.words, "status": "n/a", "notes": [f"cannot tell ({results[0][1]} in every variant)"
                                                                 if len(results) > 1 else results[0][1]]}
    return {"words": check.words, "status": "holds", "notes": []}


def summary(verdicts: list[Verdict]) -> str:
    """How many findings are robust, in one sentence.

    >>> summary([Verdict(Finding(("a",), "a")), Verdict(Finding(("b",), "b"), {"implicit": {"words": "w", "status": "breaks", "notes": ["x"]}})])
    '1 of 2 findings robust under every check.'
    """
    n = sum(v.robust for v in verdicts)
    return f"{n} of {len(verdicts)} finding{'' if len(verdicts) == 1 else 's'} robust under every check."


__all__ = ["Finding", "Run", "Check", "CHECKS", "Verdict", "robust", "same_value", "check_names", "summary"]
