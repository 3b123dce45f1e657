"""Coded stances as records, their dates, and the filters of discourse network analysis.

A stance record says that an actor takes a position on a proposal, on a date, in a source.  The
positions, their codes and their scores come from the ontology (:mod:`graph.rdf.schemes`): support
scores 1, opposition 0, and conditional support and support in words only ("paid lip service")
0.5 on the qualifier scale, unless ``conditional="support"`` scores conditional support 1 or
``conditional="exclude"`` drops it.

Dates: each stance has an interval, the first and last day its text allows (``earliest`` and
``latest``; see :mod:`graph.rdf.dates`), or else its date as written, where "2015" covers the whole
year and "2015-06" the whole month.  ``start``/``end`` (ISO strings, inclusive, any of the three
precisions) keep a stance when its interval *overlaps* [start, end] (``dates="overlap"``, the
default: it may fall in the period), so "2015" passes ``start="2015-06-01"`` and a policy
recalled as a former minister's (no start, ending 2015) passes any period up to 2015; or only
when it lies *within* them (``dates="within"``: it certainly falls in the period), which a
recalled stance with an open start never does.  A start bound is read as the first day of its
interval, an end bound as the last.  Undated stances pass only when no range is given.

Examples
--------
>>> recs = [dict(actor="ex:a", proposal="ex:p", position="supports", date="2015"),
...         dict(actor="ex:b", proposal="ex:p", position="oppose", date="2016-03")]
>>> [r.actor for r in filter_stances(recs, start="2016")]
['ex:b']
>>> qualifier_scale()
{'support': 1.0, 'conditional': 0.5, 'nominal': 0.5, 'oppose': 0.0}
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from graph.analysis.selection import SELECTION, check_selection, select_actors
from graph.analysis.views import build_view, source_metadata
from graph.errors import ParameterError, SeedError, UnknownNameError
from graph.kg.load import KnowledgeGraph
from graph.rdf.dates import When, date_interval
from graph.rdf.schemes import project_schemes
from graph.text.articles import read_seed
from graph.text.evidence import sentence_of
from graph.text.fuzzy import suggest

DUPLICATES = ("include", "document", "year", "acrossrange")
CONDITIONAL = ("half", "support", "exclude")
DATES = ("overlap", "within")
AGREEMENT = ("level", "subtract", "distance")
CONSENSUS = ("keep", "exclude", "unopposed")
FILTERS = ("start", "end", "dates", "exclude_actors", "exclude_proposals", "exclude_sources", "include_implicit",
           "duplicates", "conditional", "agreement", "consensus") + SELECTION


def positions() -> tuple[str, ...]:
    """The positions' codes (``skos:notation`` in the ontology), most supportive first.

    >>> positions()
    ('support', 'conditional', 'nominal', 'oppose')
    """
    return project_schemes().notations


def check_option(name, value, allowed):
    """Return ``value`` if it is one of ``allowed``, else raise :class:`ParameterError`.

    >>> check_option("qualifier", "sum", ("ignore", "subtract"))
    Traceback (most recent call last):
    graph.errors.ParameterError: qualifier='sum' is not allowed; choose one of: 'ignore', 'subtract'
    """
    if value not in allowed:
        raise ParameterError(f"{name}={value!r} is not allowed; choose one of: "
                             + ", ".join(repr(a) for a in allowed))
    return value


@dataclass(frozen=True)
class StanceRecord:
    """One coded stance: ``actor`` takes ``position`` on ``proposal`` (IRIs as strings).

    Examples
    --------
    >>> r = StanceRecord.from_mapping({"actor": "ex:a", "proposal": "ex:p",
    ...                                "position": "conditionally supports", "implicit": "true"})
    >>> r.position, r.implicit, r.date
    ('conditional', True, None)
    """

    actor: str
    proposal: str
    position: str
    date: str | None = None
    actor_label: str = ""
    actor_type: str = ""
    proposal_label: str = ""
    source: str = ""
    evidence: str = ""
    implicit: bool = False
    stance: str = ""
    earliest: str | None = None
    latest: str | None = None
    date_text: str = ""
    recalled: bool = False
    actor_classes: tuple[str, ...] = ()
    actor_unnamed: bool = False
    sentence: str = ""

    @property
    def when(self) -> When:
        """The stance's date as written and its interval (see :mod:`graph.rdf.dates`)."""
        return When(self.date, self.earliest, self.latest, self.date_text)

    @classmethod
    def from_mapping(cls, mapping) -> StanceRecord:
        """Build a record from a dict; unknown keys are ignored, values are turned into str."""
        missing = [k for k in ("actor", "proposal", "position") if not mapping.get(k)]
        if missing:
            raise ParameterError(f"stance record lacks {', '.join(missing)}: {dict(mapping)!r}")
        kw: dict[str, Any] = {f.name: str(mapping[f.name]) for f in fields(cls) if mapping.get(f.name) is not None}
        kw["position"] = project_schemes().position(kw["position"]).notation
        for flag in ("implicit", "recalled", "actor_unnamed"):
            value = mapping.get(flag, False)
            kw[flag] = value if isinstance(value, bool) else str(value).strip().lower() in ("true", "1")
        classes = mapping.get("actor_classes") or ()
        kw["actor_classes"] = (classes,) if isinstance(classes, str) else tuple(str(c) for c in classes)
        return cls(**kw)


def as_records(records) -> list[StanceRecord]:
    """Turn an iterable of dicts and/or :class:`StanceRecord` into a list of records."""
    return [r if isinstance(r, StanceRecord) else StanceRecord.from_mapping(r) for r in records]


def first_day(text) -> date | None:
    """The first day of an ISO date at any precision, or None when there is no date.

    >>> first_day("2015"), last_day("2016-02"), last_day(None)
    (datetime.date(2015, 1, 1), datetime.date(2016, 2, 29), None)
    """
    span = date_interval(text)
    return span[0] if span else None


def last_day(text) -> date | None:
    """The last day of an ISO date at any precision, or None when there is no date."""
    span = date_interval(text)
    return span[1] if span else None


def qualifier_scale(conditional: str = "half") -> dict[str, float]:
    """Score of each position on the declared scale [0, 1] (range 1): the ontology's
    ``carekg:qualifierScore``, except that ``conditional="support"`` scores conditional support
    as support.

    >>> qualifier_scale("support")["conditional"]
    1.0
    """
    check_option("conditional", conditional, CONDITIONAL)
    scale = {p.notation: p.score for p in project_schemes().positions}
    if conditional == "support":
        scale["conditional"] = scale["support"]
    return scale


def level(position: str, conditional: str = "half") -> str:
    """The level of the ordinal qualifier a position stands at: its own code, except that
    ``conditional="support"`` puts conditional support at the level of support.

    >>> level("conditional"), level("conditional", "support"), level("nominal")
    ('conditional', 'support', 'nominal')
    """
    return "support" if conditional == "support" and position == "conditional" else position


def agreement(a: str, b: str, rule: str = "level", conditional: str = "half") -> tuple[float, float]:
    """Congruence and conflict between two statements on one proposal, at positions ``a`` and
    ``b``: never both above 0 under ``"level"`` (the default) and ``"subtract"``.

    The positions are the levels of an ordinal qualifier (:func:`level`), each with its score on
    the declared scale (:func:`qualifier_scale`: support 1, opposition 0, conditional support and
    support in words only 0.5).  With d = |k - k'| the distance of the two scores:

    - ``level``: the statements agree (congruence 1) when they stand at the same level, and
      conflict by d when they do not: support against opposition 1, support against conditional
      support 0.5, conditional support against support in words only 0 (two levels with the
      same score are neither agreement nor conflict).
    - ``subtract``: one signed value per pair, 1 - 2d, as congruence when positive and as
      conflict when negative: support against conditional support is 0, and two levels with the
      same score agree fully.
    - ``distance``: DNA's integer qualifier as its code computes it, 1 - d congruence *and* d
      conflict at once, so support meets conditional support as 0.5 agreement and 0.5 conflict.

    Worked example (the articles): Amanda Doyle is "really supportive of the principle of
    aligning health and social care commissioning" (support) and Jeremy Hunt "has paid lip
    service to the importance of commissioner integration" (support in words only), both on
    joint commissioning; John Oldham's report supports it on the condition that commissioners
    "demonstrate readiness" (conditional support).

    >>> agreement("support", "nominal"), agreement("nominal", "conditional")
    ((0.0, 0.5), (0.0, 0.0))
    >>> agreement("support", "nominal", "distance"), agreement("nominal", "conditional", "distance")
    ((0.5, 0.5), (1.0, 0.0))
    >>> agreement("support", "conditional", "subtract"), agreement("support", "oppose", "subtract")
    ((0.0, 0.0), (0.0, 1.0))
    >>> agreement("support", "conditional", conditional="support")
    (1.0, 0.0)
    """
    check_option("agreement", rule, AGREEMENT)
    scale = qualifier_scale(conditional)
    d = abs(scale[a] - scale[b])
    if rule == "level":
        return (1.0, 0.0) if level(a, conditional) == level(b, conditional) else (0.0, d)
    if rule == "subtract":
        net = 1 - 2 * d
        return (max(net, 0.0), max(-net, 0.0) + 0.0)  # + 0.0: no negative zero
    return (1 - d, d)


def consensus_proposals(records, rule: str = "exclude", conditional: str = "half") -> dict[str, str]:
    """The proposals that cannot tell one camp from another, among the records given (pass
    records already filtered): proposal IRI -> why.

    - ``exclude``: every actor with a stance on it (two or more) stands at one level of the
      qualifier, and none at another (a consensus, "all 8 support it");
    - ``unopposed``: no stance opposes it, or it is a consensus as above (the robustness check
      "without concepts nobody opposes");
    - ``keep``: none.

    >>> recs = [dict(actor=a, proposal=p, position=pos, proposal_label=p[3:])
    ...         for a, p, pos in [("ex:a", "ex:p", "support"), ("ex:b", "ex:p", "support"),
    ...                           ("ex:a", "ex:q", "support"), ("ex:b", "ex:q", "conditional")]]
    >>> consensus_proposals(recs)
    {'ex:p': 'all 2 actors with a stance on it support it'}
    >>> sorted(consensus_proposals(recs, "unopposed"))
    ['ex:p', 'ex:q']
    """
    check_option("consensus", rule, CONSENSUS)
    if rule == "keep":
        return {}
    held: dict = {}
    for r in as_records(records):
        held.setdefault(r.proposal, {}).setdefault(r.actor, set()).add(level(r.position, conditional))
    out = {}
    for p, by_actor in sorted(held.items()):
        levels = set().union(*by_actor.values())
        if rule == "unopposed" and "oppose" not in levels:
            out[p] = f"no stance opposes it ({len(by_actor)} actor{'s' if len(by_actor) != 1 else ''})"
        elif len(by_actor) >= 2 and len(levels) == 1:
            word = project_schemes().position(next(iter(levels))).label
            out[p] = f"all {len(by_actor)} actors with a stance on it {_verb(word)} it"
    return out


def _verb(label: str) -> str:
    """A position's label as a verb after a plural subject: its first word ending in "s" loses it.

    >>> _verb("supports"), _verb("conditionally supports"), _verb("supports in words only")
    ('support', 'conditionally support', 'support in words only')
    """
    words = label.split()
    at = next((i for i, w in enumerate(words) if w.endswith("s")), None)
    if at is not None:
        words[at] = words[at][:-1]
    return " ".join(words)


def filter_stances(records, **filters) -> list[StanceRecord]:
    """Apply DNA-style filters; return the kept records sorted by date, source, stance IRI.

    Parameters
    ----------
    records : iterable of dict or StanceRecord
    start, end : str, optional
        Inclusive ISO bounds at any precision.
    dates : {"overlap", "within"}, default "overlap"
        Keep a stance whose interval overlaps [start, end] (it may fall in it), or only one whose
        interval lies within it (it certainly does).
    exclude_actors, exclude_proposals, exclude_sources : iterable of str, optional
        IRIs to drop: stances of these actors, on these proposals, from these articles (DNA's
        document filters; the robustness check "leave one article out" uses the last).
    include_implicit : bool, default True
        Keep stances coded as implicit.
    duplicates : {"include", "document", "year", "acrossrange"}, default "include"
        Count once: the same (actor, proposal, position) per source ("document"), per calendar
        year ("year") or overall ("acrossrange"); the earliest stance is the one kept.
    conditional : {"half", "support", "exclude"}, default "half"
        "exclude" drops conditional stances; the others only change their score.
    agreement : {"level", "subtract", "distance"}, default "level"
        How two stances agree (:func:`agreement`); checked here, used by the networks.
    consensus : {"keep", "exclude", "unopposed"}, default "keep"
        Drop the stances on the proposals :func:`consensus_proposals` names, after every other
        filter (the actor selection's ``min_stances`` counts what is left).
    actor_types, min_stances, named_only
        The actor selection of :mod:`graph.analysis.selection`; ``min_stances`` counts the stances left
        after every other filter.

    Examples
    --------
    >>> recs = [dict(actor="ex:a", proposal="ex:p", position="support", date=d, source=s)
    ...         for d, s in [("2014-01", "ex:s1"), ("2014-05", "ex:s1"), ("2015", "ex:s2")]]
    >>> [len(filter_stances(recs, duplicates=d)) for d in DUPLICATES]
    [3, 2, 2, 1]
    """
    for name in filters:
        if name not in FILTERS:
            raise UnknownNameError("filter", name, suggest(name, FILTERS))
    duplicates = check_option("duplicates", filters.get("duplicates", "include"), DUPLICATES)
    conditional = check_option("conditional", filters.get("conditional", "half"), CONDITIONAL)
    check_option("agreement", filters.get("agreement", "level"), AGREEMENT)
    consensus = check_option("consensus", filters.get("consensus", "keep"), CONSENSUS)
    start, end = filters.get("start"), filters.get("end")
    mode = check_option("dates", filters.get("dates", "overlap"), DATES)
    lo, hi = first_day(start), last_day(end)
    if lo and hi and lo > hi:
        raise ParameterError(f"start={start!r} is after end={end!r}")
    ex_a, ex_p, ex_s = (as_set(filters.get(k)) for k in ("exclude_actors", "exclude_proposals", "exclude_sources"))
    implicit = filters.get("include_implicit", True)
    recs = as_records(records)
    selection = {k: filters[k] for k in SELECTION if filters.get(k) is not None}
    types, least, named = check_selection(recs, **selection)
    if types or named:
        recs = select_actors(recs, actor_types=selection.get("actor_types", ()), named_only=named)
    kept = []
    for r in recs:
        when = r.when
        if not (when.overlaps(start, end) if mode == "overlap" else when.within(start, end)):
            continue
        span = when.span
        if (r.actor in ex_a or r.proposal in ex_p or r.source in ex_s or (r.implicit and not implicit)
                or (r.position == "conditional" and conditional == "exclude")):
            continue
        kept.append((span, r))
    # In time order; a stance with an open start sorts at its last possible day.
    kept.sort(key=lambda t: (t[0] is None, (t[0][0] or t[0][1], t[0][1]) if t[0] else (), t[1].source, t[1].stance))
    seen: set[tuple] = set()
    out = []
    for span, r in kept:
        same = (r.actor, r.proposal, r.position)
        key = {"include": None, "document": (*same, r.source), "acrossrange": same,
               "year": (*same, (span[0] or span[1]).year if span else None)}[duplicates]
        if key is None:
            out.append(r)
        elif key not in seen:
            seen.add(key)
            out.append(r)
    if consensus != "keep":
        dropped = consensus_proposals(out, consensus, conditional)
        out = [r for r in out if r.proposal not in dropped]
    return select_actors(out, min_stances=least) if least > 1 else out


def selectable(records, **filters) -> list[StanceRecord]:
    """The records whose actor passes the type and named filters of :mod:`graph.analysis.selection`
    (not the dates or counts): the actors a network may show as isolates.

    >>> recs = [dict(actor="ex:a", proposal="ex:p", position="support", actor_unnamed=True),
    ...         dict(actor="ex:b", proposal="ex:p", position="support")]
    >>> [r.actor for r in selectable(recs, named_only=True, start="2020")]
    ['ex:b']
    """
    recs = as_records(records)
    types, named = filters.get("actor_types") or (), bool(filters.get("named_only"))
    return select_actors(recs, actor_types=types, named_only=named) if types or named else recs


def as_set(value) -> set:
    return {value} if isinstance(value, str) else set(value or ())


def stance_records(kg: KnowledgeGraph) -> list[dict]:
    """The stance view as plain records, the input of :mod:`graph.analysis.discourse`.

    Examples
    --------
    >>> from graph.kg.load import load_kg
    >>> recs = stance_records(load_kg())
    >>> sorted(recs[0])[:5]
    ['actor', 'actor_classes', 'actor_label', 'actor_type', 'actor_unnamed']
    """
    G = build_view(kg, "stances", facts=False)
    sentence = _sentence_keys(kg)
    out = []
    for s, t, key, d in G.edges(keys=True, data=True):
        a = G.nodes[s]
        out.append({
            "stance": key, "actor": s, "actor_label": a["label"], "actor_type": a["type"],
            "actor_classes": tuple(a.get("classes") or ()), "actor_unnamed": bool(a.get("unnamed")),
            "proposal": t, "proposal_label": G.nodes[t]["label"], "position": d["position"],
            "date": d["date"], "earliest": d["earliest"], "latest": d["latest"], "date_text": d["date_text"] or "",
            "recalled": d["recalled"], "estimate": d["estimate"], "when": d["when"] or "",
            "scope": d["scope"] or "", "reading": d["reading"] or "",
            "source": d["source"], "evidence": d["evidence"], "implicit": d["implicit"],
            "sentence": sentence(d["source"], d["evidence"]),
        })
    return sorted(out, key=lambda r: (r["latest"] or r["date"] or "", r["earliest"] or "", r["stance"]))


def _sentence_keys(kg: KnowledgeGraph):
    """(article, evidence) -> "article#offset" of the sentence the evidence stands in
    (:func:`graph.text.evidence.sentence_of`); the article and the phrase itself when the text is
    missing or does not hold the phrase (validation reports that)."""
    texts: dict = {}

    def key(article: str, evidence: str) -> str:
        if article not in texts:
            seed = (source_metadata(kg).get(article) or {}).get("seed_file")
            try:  # read as validation reads them: only inside the sources folder (graph.text.articles)
                texts[article] = read_seed(kg.paths.text_folders(), seed) if seed else None
            except SeedError:
                texts[article] = None
        span = sentence_of(texts[article], evidence) if texts[article] else None
        return f"{article}#{span.start}" if span else f"{article}#{evidence}"
    return key


__all__ = ["StanceRecord", "as_records", "selectable", "date_interval", "filter_stances", "qualifier_scale",
           "check_option", "as_set", "positions", "first_day", "last_day", "level", "agreement", "consensus_proposals",
           "DUPLICATES", "CONDITIONAL", "DATES", "AGREEMENT", "CONSENSUS", "FILTERS", "stance_records"]
