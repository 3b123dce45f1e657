"""Discourse coalitions that can be defended: who stands with whom, on what evidence.

Coalitions are communities of the positive part of the one-mode ``subtract`` network with
``average`` normalisation (the network DNA's ``dna_multiclust`` scores), found by Louvain or
label propagation (seeded, so repeatable) or greedy modularity.  Every function takes the stance
records and filters of :mod:`graph.analysis.stances`, actor selection included (:mod:`graph.analysis.selection`).
Coalitions are numbered from 1, largest first.

**Consensus.**  A proposal on which everyone who takes a stance stands at one level ("all 8
actors with a stance on it support it") ties every speaker to every other, so it cannot be what
holds one coalition apart from another.  Of the ways the DNA literature handles such concepts
(the backbone, which keeps only the concepts that structure the network; normalisation, which
only scales them down; exclusion), this module *excludes* them before the network is built
(``consensus="exclude"``, the default here; ``consensus="keep"`` keeps them, as DNA's raw
networks do), and every partition lists what it left out and why (``Partition.consensus``).
Exclusion is the one that states its effect in words a reader can check against the articles,
and it is exact where normalisation only dilutes.

A grouping is only reported as a *supported* coalition when its evidence carries it
(:data:`SUPPORT`); otherwise it is listed with the reasons it is too thin:

- its members agree on at least ``proposals`` (2) proposals, in at least ``articles`` (2)
  articles;
- not every tie between its members rests on one sentence of one article (a list such as "care
  professionals, government bodies and special interest groups" is one sentence, not three
  voices);
- at least ``core`` (2) members each agree with the others in two or more sentences: a member
  attached by one sentence is *loose*, and a coalition whose members are mostly loose is a
  chain of one-off agreements, not a camp.

:mod:`graph.analysis.stability` adds how often each coalition survives other seeds, other methods and
resampled stances, and withdraws support from one that does not.

Examples
--------
>>> recs = [dict(actor=a, proposal=p, position=pos, source=s, evidence=f"{a} {p} {s}")
...         for a, pos in [("ex:a1", "support"), ("ex:a2", "support"), ("ex:b1", "oppose"), ("ex:b2", "oppose")]
...         for p in ("ex:p", "ex:q") for s in ("ex:s1", "ex:s2")]
>>> found = detect_coalitions(recs)
>>> [(c["members"], c["supported"]) for c in found.coalitions]
[(['ex:a1', 'ex:a2'], True), (['ex:b1', 'ex:b2'], True)]
>>> found.verdict
'2 of 2 groupings are supported by the evidence (16 stances, 4 actors).'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from itertools import combinations

import networkx as nx
from networkx.algorithms.community import asyn_lpa_communities, greedy_modularity_communities, louvain_communities, modularity

from graph.analysis.discourse import one_mode
from graph.analysis.selection import describe_filters
from graph.analysis.stances import agreement, as_records, check_option, consensus_proposals, filter_stances, first_day, last_day
from graph.errors import ParameterError
from graph.kg.names import Entry, Names

METHODS = ("louvain", "greedy", "label-propagation")
SUPPORT = {"proposals": 2, "articles": 2, "core": 2}
CONSENSUS_DEFAULT = "exclude"  # a proposal every speaker takes one position on cannot tell camps apart
LONE = "agrees with nobody"   # the words for an actor with no tie, everywhere (CLI, notebooks, map)


def coalition_name(coalition: dict) -> str:
    """How a grouping is named everywhere: "Coalition N" (numbered from 1, largest first), or, for
    an actor with no tie, "Agrees with nobody".

    >>> coalition_name({"id": 2, "size": 3}), coalition_name({"id": 7, "size": 1})
    ('Coalition 2', 'Agrees with nobody')
    """
    return f"Coalition {coalition['id']}" if coalition["size"] > 1 else LONE[0].upper() + LONE[1:]


@dataclass
class Partition:
    """Actors split into coalitions, with the evidence for each and a verdict on the whole.

    Attributes
    ----------
    coalitions : list of dict
        Largest first (see :func:`detect_coalitions` for the keys).
    modularity : float
        Weighted modularity of the split on the positive network (0.0 without ties).
    method : str
        One of :data:`METHODS`.
    seed : int
        The seed given to Louvain or label propagation.
    filters : str
        The actor selection and stance filters used, in words.
    stances, actors : int
        How many stances were kept, and how many actors took them.
    verdict : str
        One sentence: how many groupings the evidence supports, or that it is too thin.
    stability : dict or None
        Filled in by :func:`graph.analysis.stability.defend`.
    consensus : list of dict
        The proposals left out because they cannot tell camps apart (``proposal``, ``label``,
        ``why``), under the ``consensus`` filter (by default every proposal on which all who
        take a stance stand at one level).
    robustness : list of dict
        Filled in by :func:`graph.analysis.checked.checked_coalitions`: the verdict of each
        robustness check on each finding.
    """

    coalitions: list[dict] = field(default_factory=list)
    modularity: float = 0.0
    method: str = "louvain"
    seed: int = 0
    filters: str = ""
    stances: int = 0
    actors: int = 0
    verdict: str = ""
    stability: dict | None = None
    consensus: list[dict] = field(default_factory=list)
    robustness: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        """Plain data, for JSON."""
        return asdict(self)

    @property
    def supported(self) -> list[dict]:
        """The coalitions the evidence supports."""
        return [c for c in self.coalitions if c["supported"]]


def coalition_filters(filters: dict) -> dict:
    """The filters with the coalition analysis's own default: consensus proposals left out
    (``consensus="exclude"``, see the module docstring), unless the caller says otherwise.

    >>> coalition_filters({}), coalition_filters({"consensus": "keep"})
    ({'consensus': 'exclude'}, {'consensus': 'keep'})
    """
    return {"consensus": CONSENSUS_DEFAULT, **filters}


def positive_network(recs, filters) -> nx.Graph:
    """Active actors (a kept stance) linked by the positive subtract/average ties."""
    full = one_mode(recs, qualifier="subtract", normalization="average", **coalition_filters(filters))
    g = nx.Graph()
    g.add_nodes_from((n, d) for n, d in full.nodes(data=True) if d["statements"] > 0)
    g.add_edges_from((u, v, {"weight": w}) for u, v, w in full.edges(data="weight") if w > 0)
    return g


def communities(g: nx.Graph, method: str = "louvain", seed: int = 0, resolution: float = 1.0) -> list[set]:
    """The communities of a weighted graph by one of :data:`METHODS` (singletons without edges).

    >>> communities(nx.Graph([(1, 2), (3, 4)]), "label-propagation") == [{1, 2}, {3, 4}]
    True
    """
    check_option("method", method, METHODS)
    if g.number_of_edges() == 0:
        return [{n} for n in g]
    if method == "louvain":
        found = louvain_communities(g, weight="weight", resolution=resolution, seed=seed)
    elif method == "greedy":
        found = greedy_modularity_communities(g, weight="weight", resolution=resolution)
    else:
        found = asyn_lpa_communities(g, weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: sorted(map(str, c)))


def _sentence(r) -> str:
    """The sentence a stance was coded from: its key, else its article and phrase."""
    return r.sentence or f"{r.source}#{r.evidence}"


def congruence_conflict(ra, rb, rule: str = "level", conditional: str = "half") -> tuple[float, float]:
    """Two actors' congruence and conflict on one proposal, from their stances on it (``ra``,
    ``rb``): the sums, over every pair of stances, of :func:`graph.analysis.stances.agreement`
    (the sums of :func:`graph.analysis.discourse.one_mode` for one proposal).

    >>> a, b1, b2, b3 = as_records([dict(actor=x, proposal="ex:p", position=pos) for x, pos in
    ...                              [("ex:a", "support"), ("ex:b", "support"), ("ex:b", "oppose"), ("ex:b", "conditional")]])
    >>> congruence_conflict([a], [b1, b2]), congruence_conflict([a], [b3]), congruence_conflict([a], [b3], "distance")
    ((1.0, 1.0), (0.0, 0.5), (0.5, 0.5))
    """
    pairs = [agreement(x.position, y.position, rule, conditional) for x in ra for y in rb]
    return sum(c for c, _ in pairs), sum(f for _, f in pairs)


def _tie(a, b, held, rule) -> dict | None:
    """What two actors agree on (congruence above conflict) and the stances that say so."""
    agree, stances = [], []
    for p in sorted(held[a].keys() & held[b].keys()):
        ra, rb = held[a][p], held[b][p]
        congruence, conflict = congruence_conflict(ra, rb, *rule)
        if congruence > conflict:
            agree.append(p)
            stances += ra + rb
    if not agree:
        return None
    return {"a": a, "b": b, "proposals": agree, "stances": sorted({r.stance for r in stances if r.stance}),
            "articles": sorted({r.source for r in stances}), "sentences": len({_sentence(r) for r in stances}),
            "single_sentence": len({_sentence(r) for r in stances}) == 1, "records": stances}


def _describe(members, g, held, rule, labels) -> dict:
    """One coalition: positions, ties, support and the reasons it may be too thin."""
    votes = Counter((p, r.position) for a in members for p, rs in held[a].items() for r in {x.position: x for x in rs}.values())
    shared = sorted(pp for pp, n in votes.items() if 2 * n > len(members))
    side = lambda pos: sorted(({"proposal": p, "label": labels.get(p, p), "members": votes[(p, pos)]} for p, q in shared if q == pos),
                              key=lambda x: (-x["members"], x["label"]))
    ties = [t for a, b in combinations(members, 2) if (t := _tie(a, b, held, rule))]
    records = [r for t in ties for r in t.pop("records")]
    said = {m: {_sentence(r) for r in records if r.actor == m} for m in members}
    core = [m for m in members if len(said[m]) >= 2]
    support = {"stances": len({r.stance or id(r) for r in records}), "articles": len({r.source for r in records}),
               "sentences": len({_sentence(r) for r in records}), "proposals": len({p for t in ties for p in t["proposals"]}),
               "ties": len(ties), "single_sentence_ties": sum(t["single_sentence"] for t in ties)}
    pairs = len(members) * (len(members) - 1) // 2
    reasons: list[str] = []
    if len(members) > 1:
        if support["proposals"] < SUPPORT["proposals"]:
            reasons.append(f"its members agree on {support['proposals']} proposal(s), fewer than {SUPPORT['proposals']}")
        if support["articles"] < SUPPORT["articles"]:
            reasons.append(f"its agreement comes from {support['articles']} article(s), fewer than {SUPPORT['articles']}")
        if ties and support["single_sentence_ties"] == len(ties):
            reasons.append("every tie between its members rests on a single sentence")
        if len(core) < SUPPORT["core"]:
            reasons.append(f"only {len(core)} member(s) agree with the others in two or more sentences"
                           + (f" ({', '.join(labels.get(m, m) for m in core)})" if core else ""))
    for t in ties:
        t.update(a_label=labels.get(t["a"], t["a"]), b_label=labels.get(t["b"], t["b"]),
                 weight=g.edges[t["a"], t["b"]]["weight"] if g.has_edge(t["a"], t["b"]) else 0.0)
    return {"members": members, "labels": [labels.get(m, m) for m in members], "size": len(members),
            "shared_positions": shared, "supports": side("support"), "opposes": side("oppose"),
            "support": support, "ties": ties, "cohesion": len(ties) / pairs if pairs else 1.0,
            "core": core, "loose": [m for m in members if m not in core], "reasons": reasons,
            "supported": len(members) > 1 and not reasons}


def verdict(partition: Partition) -> str:
    """One sentence on the whole partition (used again after :mod:`graph.analysis.stability` judges it).

    >>> verdict(Partition(coalitions=[{"size": 2, "supported": False}], stances=3, actors=2))
    'The data is too thin to support any coalition: 1 grouping of 2 actors (3 stances), none carried by enough evidence.'
    """
    groups = [c for c in partition.coalitions if c["size"] > 1]
    n_ok = sum(c["supported"] for c in groups)
    counts = f"{partition.stances} stances, {partition.actors} actors"
    if not partition.stances:
        return "No stances under these filters."
    if not groups:
        return f"No two actors agree on anything under these filters ({counts})."
    if not n_ok:
        return (f"The data is too thin to support any coalition: {len(groups)} grouping{'s' if len(groups) > 1 else ''} "
                f"of {partition.actors} actors ({partition.stances} stances), none carried by enough evidence.")
    return f"{n_ok} of {len(groups)} groupings are supported by the evidence ({counts})."


def _labels(recs) -> dict:
    """IRI -> label of the actors and proposals in the records."""
    return {r.actor: r.actor_label or r.actor for r in recs} | {r.proposal: r.proposal_label or r.proposal for r in recs}


def _labeller(recs):
    """IRI -> its label, or the IRI (for stating filters)."""
    labels = _labels(recs)
    return lambda iri: labels.get(iri, iri)


def detect_coalitions(records, method="louvain", seed=0, resolution=1.0, **filters) -> Partition:
    """Partition the actors into discourse coalitions, each with its evidence.

    Each coalition (largest first) is a dict with ``id``, ``members`` (sorted IRIs),
    ``labels``, ``size``, ``shared_positions`` (the sorted (proposal, position) pairs a strict
    majority of members stated), ``supports`` and ``opposes`` (those proposals, with labels and
    how many members), ``ties`` (each pair of members that agree: the proposals, stance IRIs,
    articles, number of sentences, ``single_sentence`` and the network ``weight``), ``support``
    (counts of stances, articles, sentences, proposals, ties and single-sentence ties tying it
    together), ``cohesion`` (the share of member pairs that agree directly), ``core`` and
    ``loose`` members, ``reasons`` it is too thin and ``supported`` (see the module docstring).
    An actor with no positive tie is a coalition of one, never supported.

    >>> recs = [dict(actor="ex:a", proposal="ex:p", position="support"),
    ...         dict(actor="ex:b", proposal="ex:p", position="oppose")]
    >>> cs = detect_coalitions(recs, method="greedy")
    >>> [c["shared_positions"] for c in cs.coalitions], cs.modularity
    ([[('ex:p', 'support')], [('ex:p', 'oppose')]], 0.0)
    """
    check_option("method", method, METHODS)
    filters = coalition_filters(filters)
    recs = as_records(records)
    g = positive_network(recs, filters)
    groups = communities(g, method, seed, resolution)
    q = modularity(g, groups, weight="weight") if g.number_of_edges() else 0.0
    kept = filter_stances(recs, **filters)
    rule = (filters.get("agreement", "level"), filters.get("conditional", "half"))
    held: dict = {a: {} for a in g}
    for r in kept:
        held.setdefault(r.actor, {}).setdefault(r.proposal, []).append(r)
    labels = _labels(recs)
    left_out = consensus_proposals(filter_stances(recs, **dict(filters, consensus="keep")),
                                   filters["consensus"], rule[1])
    out = Partition(modularity=q, method=method, seed=seed, stances=len(kept), actors=g.number_of_nodes(),
                    filters=describe_filters(filters, label=_labeller(recs)),
                    consensus=sorted(({"proposal": p, "label": labels.get(p, p), "why": why} for p, why in left_out.items()),
                                     key=lambda c: (c["label"], c["proposal"])))
    for cid, members in enumerate(sorted((sorted(c) for c in groups), key=lambda m: (-len(m), m)), start=1):
        out.coalitions.append({"id": cid, **_describe(members, g, held, rule, labels)})
    out.verdict = verdict(out)
    return out


def year_windows(records, window="year", start=None, end=None) -> list[tuple[str, str, str]]:
    """The periods of a yearly analysis: ``(period, first day, last day)`` per calendar year, or
    per sliding window of ``window`` years (step one year), over the years of the dated stances,
    clipped to ``start``/``end`` if given (windows lie inside that span unless it is shorter
    than one window).

    >>> year_windows([dict(actor="ex:a", proposal="ex:p", position="support", date="2014-05"),
    ...               dict(actor="ex:a", proposal="ex:p", position="support", latest="2016-12-31")], window=2)
    [('2014/2015', '2014-01-01', '2015-12-31'), ('2015/2016', '2015-01-01', '2016-12-31')]
    """
    if window == "year":
        window = 1
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise ParameterError(f"window={window!r} is not allowed; choose 'year' or a positive "
                             "whole number of years")
    lo, hi = first_day(start), last_day(end)
    spans = [r.when.span for r in as_records(records) if r.when.span]
    if not spans:
        return []
    first = max(min((s[0] or s[1]).year for s in spans), lo.year if lo else 0)
    last = min(max(s[1].year for s in spans), hi.year if hi else 9999)
    out = []
    for y in range(first, max(first, last - window + 1) + 1) if first <= last else ():
        ws = max(date(y, 1, 1), lo or date.min)
        we = min(date(y + window - 1, 12, 31), hi or date.max)
        out.append((str(y) if window == 1 else f"{y}/{y + window - 1}", ws.isoformat(), we.isoformat()))
    return out


def coalitions_over_time(records, window="year", detect=None, **kw) -> list[dict]:
    """Coalitions per period of :func:`year_windows` (calendar years by default).

    Each item is ``{"period", "start", "end", "coalitions", "modularity", "stances",
    "verdict", "filters", "stability", "consensus", "robustness"}``; ``period`` is "2015" or "2014/2016".  A stance counts
    in a window only when its interval lies *within* it (``dates="within"``, see
    :mod:`graph.analysis.stances`): a stance dated "2015" counts in 2015, but a policy the text recalls as
    a former minister's (no start, ending 2015) counts in no single year, so a backward look is
    never taken for a restatement.  Undated stances are left out.  ``detect`` finds each
    period's coalitions (default :func:`detect_coalitions`; give :func:`graph.analysis.stability.defend`
    to check their stability too), with the other keywords.

    >>> recs = [dict(actor=a, proposal="ex:p", position=pos, date=d) for a, pos, d in
    ...         [("ex:a", "support", "2014"), ("ex:b", "support", "2014-05"), ("ex:d", "oppose", "2014"),
    ...          ("ex:a", "support", "2016-01-02")]]
    >>> recs.append(dict(actor="ex:c", proposal="ex:p", position="oppose", latest="2016-12-31"))
    >>> [(p["period"], [c["members"] for c in p["coalitions"]]) for p in coalitions_over_time(recs)]
    [('2014', [['ex:a', 'ex:b'], ['ex:d']]), ('2015', []), ('2016', [['ex:a']])]
    """
    recs = as_records(records)
    kw.setdefault("dates", "within")
    start, end = kw.pop("start", None), kw.pop("end", None)
    words = describe_filters(coalition_filters(dict(kw, start=start, end=end)), label=_labeller(recs))  # the user's filters, not the windows
    out = []
    for period, ws, we in year_windows(recs, window, start, end):
        cs = (detect or detect_coalitions)(recs, start=ws, end=we, **kw)
        out.append({"period": period, "start": ws, "end": we, "coalitions": cs.coalitions, "modularity": cs.modularity,
                    "stances": cs.stances, "verdict": cs.verdict, "filters": words, "stability": cs.stability,
                    "consensus": cs.consensus, "robustness": cs.robustness})
    return out


def group_of(partition) -> dict:
    """Actor -> group key from a dict, a list of member lists, coalition dicts or a Partition.

    >>> group_of([["ex:a", "ex:b"], {"members": ["ex:c"]}])
    {'ex:a': 0, 'ex:b': 0, 'ex:c': 1}
    """
    if isinstance(partition, Partition):
        partition = partition.coalitions
    if isinstance(partition, dict):
        return dict(partition)
    out: dict = {}
    for k, group in enumerate(partition):
        members = group["members"] if isinstance(group, dict) else group
        if isinstance(members, str):
            raise ParameterError(f"partition group {k} is a string ({members!r}); give a list of "
                                 "actor IRIs per group, a dict actor -> group, or coalitions")
        out.update((a, k) for a in members)
    return out


def _resolve(recs, name) -> str:
    """The actor IRI that ``name`` means, by the shared ranking of :class:`graph.kg.names.Names`."""
    actors = {r.actor: Entry(r.actor, r.actor_label or r.actor, r.actor_type or "actor") for r in recs}
    return Names(actors.values()).resolve(str(name), kind="actor")


def _evidence(recs) -> list[dict]:
    return [{k: getattr(r, k) for k in ("position", "date", "source", "evidence", "stance")}
            for r in recs]


def agreement_table(records, a, b, **filters) -> list[dict]:
    """Proposals both actors took a stance on, with the evidence from each side.

    ``a`` and ``b`` are actor IRIs or unambiguous labels.  One row per shared proposal, sorted by
    IRI: proposal, proposal_label, relation ("agree" when there is congruence and no conflict,
    "disagree" when there is conflict and no congruence, "mixed" when there are both, "neither"
    when there is none: two levels with one score, such as conditional support and support in
    words only), congruence and conflict (the raw one-mode sums for
    that proposal), and ``a``/``b``: lists of {position, date, source, evidence, stance}.

    >>> recs = [dict(actor="ex:a", proposal="ex:p", position="support", evidence="yes"),
    ...         dict(actor="ex:b", proposal="ex:p", position="oppose", evidence="no")]
    >>> row, = agreement_table(recs, "ex:a", "ex:b")
    >>> row["relation"], row["b"][0]["evidence"]
    ('disagree', 'no')
    """
    recs = as_records(records)
    a, b = _resolve(recs, a), _resolve(recs, b)
    rule = (filters.get("agreement", "level"), filters.get("conditional", "half"))
    side: dict = {a: {}, b: {}}
    for r in filter_stances(recs, **filters):
        if r.actor in side:
            side[r.actor].setdefault(r.proposal, []).append(r)
    rows = []
    for p in sorted(side[a].keys() & side[b].keys()):
        ra, rb = side[a][p], side[b][p]
        cong, conf = congruence_conflict(ra, rb, *rule)
        rows.append({"proposal": p, "proposal_label": ra[0].proposal_label or p,
                     "relation": ("mixed" if cong and conf else "agree" if cong else "disagree" if conf else "neither"),
                     "congruence": cong, "conflict": conf, "a": _evidence(ra), "b": _evidence(rb)})
    return rows


def actor_membership(coalitions) -> dict[str, int]:
    """Actor IRI -> coalition id, e.g. for colouring a map, from a :class:`Partition` or a list
    of coalition dicts.

    >>> actor_membership([{"id": 0, "members": ["ex:a", "ex:b"]}, {"id": 1, "members": ["ex:c"]}])
    {'ex:a': 0, 'ex:b': 0, 'ex:c': 1}
    """
    if isinstance(coalitions, Partition):
        coalitions = coalitions.coalitions
    return {m: c["id"] for c in coalitions for m in c["members"]}


__all__ = ["LONE", "coalition_name", "Partition", "METHODS", "SUPPORT", "CONSENSUS_DEFAULT", "coalition_filters", "positive_network",
           "communities", "detect_coalitions", "verdict", "year_windows", "coalitions_over_time", "group_of", "agreement_table",
           "actor_membership", "congruence_conflict"]
