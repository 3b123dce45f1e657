"""The findings of the coalition, broker and polarisation analyses, as :mod:`graph.analysis.robustness` checks them.

Each ``*_run`` function is a *producer*: ``produce(records, **filters) -> Run``, the findings an
analysis reports on the data under those filters, each with what it rests on and a test that
says whether another run (under a robustness check) still makes it:

- :func:`coalition_run`: each coalition of two or more holds together; each member stands with
  the others of its coalition; each actor with no tie agrees with nobody;
- :func:`broker_run` (give it the view graph first: ``partial(broker_run, G)``): the most between
  actors are among the most between; an actor links members of two or more coalitions;
- :func:`polarisation_run`: a proposal divides its actors (some for, some against); the
  coalitions split the debate more than not.

:func:`claims_under` cuts a view graph down to the claims a set of stance filters keeps, so the
broker findings are rerun on the same data as the stances.

Examples
--------
>>> from graph.analysis.robustness import robust
>>> recs = [dict(actor=a, actor_label=a[3:], proposal=p, position=pos, source=s, date="2014")
...         for a, pos in [("ex:ann", "support"), ("ex:bob", "support"), ("ex:cat", "oppose")]
...         for p, s in [("ex:p", "ex:s1"), ("ex:q", "ex:s2")]]
>>> [(v.finding.claim, v.robust) for v in robust(coalition_run, recs)]  # doctest: +NORMALIZE_WHITESPACE
[('coalition 1 holds together: ann; bob', True), ('ann stands with bob (coalition 1)', True),
 ('bob stands with ann (coalition 1)', True), ('cat agrees with nobody', True)]
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from graph.analysis.brokers import bridges, centrality, is_actor
from graph.analysis.coalitions import LONE, actor_membership, coalition_filters, detect_coalitions, group_of
from graph.analysis.polarisation import polarisation, proposal_polarisation
from graph.analysis.robustness import Finding, Run
from graph.analysis.selection import SELECTION
from graph.analysis.stances import as_records, filter_stances
from graph.rdf.dates import When


def _labels(recs) -> dict:
    return {r.actor: r.actor_label or r.actor for r in recs} | {r.proposal: r.proposal_label or r.proposal for r in recs}


def _rests(records, proposals=None) -> dict:
    """What a finding resting on these stance records rests on (its ``proposals``, if given)."""
    records = list(records)
    return {"stances": tuple(sorted({r.stance for r in records if r.stance})),
            "articles": tuple(sorted({r.source for r in records if r.source})),
            "proposals": tuple(proposals) if proposals is not None else tuple(sorted({r.proposal for r in records})),
            "implicit": tuple(sorted({r.stance for r in records if r.stance and r.implicit}))}


def _names(labels, iris) -> str:
    return "; ".join(labels.get(x, x) for x in iris)


# ---- coalitions --------------------------------------------------------------------------------

def coalition_run(records, method: str = "louvain", seed: int = 0, **filters) -> Run:
    """The coalition findings of :func:`graph.analysis.coalitions.detect_coalitions` (its defaults:
    Louvain, seed 0, consensus proposals left out), with the partition as the run's context."""
    recs = as_records(records)
    found = detect_coalitions(recs, method=method, seed=seed, **filters)
    labels = _labels(recs)
    kept = filter_stances(recs, **coalition_filters(filters))
    by_iri = {r.stance: r for r in kept if r.stance}
    out: list[Finding] = []
    for c in found.coalitions:
        members = tuple(c["members"])
        if len(members) == 1:
            out.append(Finding(("alone", members[0]), f"{labels.get(members[0], members[0])} {LONE}",
                               about=members, test=_alone_holds, absence_breaks=False))
            continue
        ties = c["ties"]
        out.append(Finding(("coalition",) + members, f"coalition {c['id']} holds together: {_names(labels, members)}",
                           about=members, value=members, test=_coalition_holds, **_tie_rests(ties, by_iri)))
        for m in members:
            others = tuple(x for x in members if x != m)
            own = [t for t in ties if m in (t["a"], t["b"])]
            # a member rests on its own stances in its ties (the others' are theirs to rest on)
            out.append(Finding(("member", m), f"{labels.get(m, m)} stands with {_names(labels, others)} (coalition {c['id']})",
                               about=(m,), value=others, test=_member_holds,
                               **_rests([by_iri[s] for t in own for s in t["stances"] if s in by_iri and by_iri[s].actor == m],
                                        sorted({p for t in own for p in t["proposals"]}))))
    return Run(out, present={r.actor for r in kept} | {r.proposal for r in kept},
               context={"groups": actor_membership(found), "labels": labels, "partition": found})


def _tie_rests(ties, by_iri) -> dict:
    stances = {s for t in ties for s in t["stances"]}
    return {"stances": tuple(sorted(stances)), "articles": tuple(sorted({a for t in ties for a in t["articles"]})),
            "proposals": tuple(sorted({p for t in ties for p in t["proposals"]})),
            "implicit": tuple(sorted(s for s in stances if s in by_iri and by_iri[s].implicit))}


def _where(actor, run: Run) -> str:
    """Where ``actor`` stands in ``run``, in words."""
    labels, groups = run.context["labels"], run.context["groups"]
    with_ = sorted((m for m, g in groups.items() if g == groups.get(actor) and m != actor), key=lambda m: labels.get(m, m))
    name = labels.get(actor, actor)
    return f"{name} stands with {_names(labels, with_)}" if with_ else f"{name} {LONE}"


def _member_holds(f: Finding, run: Run) -> tuple[bool | None, str]:
    a = f.about[0]
    labels = run.context["labels"]
    if a not in run.present:
        return None, f"{labels.get(a, a)} is left with no stance on a contested proposal"
    others = [m for m in f.value if m in run.present]
    if not others:
        return None, "none of the others of its coalition is left with a stance"
    groups = run.context["groups"]
    together = [m for m in others if groups.get(m) == groups.get(a)]
    return (True, "") if 2 * len(together) >= len(others) else (False, _where(a, run))


def _coalition_holds(f: Finding, run: Run) -> tuple[bool | None, str]:
    labels, groups = run.context["labels"], run.context["groups"]
    present = [m for m in f.value if m in run.present]
    if len(present) < 2:
        return None, "fewer than two of its members are left with a stance"
    sizes = Counter(groups.get(m) for m in present)
    if 2 * max(sizes.values()) > len(present) and max(sizes.values()) >= 2:
        return True, ""
    parts: dict = {}
    for m in present:
        parts.setdefault(groups.get(m), []).append(labels.get(m, m))
    return False, "its members split: " + " | ".join("; ".join(sorted(p)) for p in parts.values())


def _alone_holds(f: Finding, run: Run) -> tuple[bool | None, str]:
    a = f.about[0]
    if a not in run.present:
        return None, f"{run.context['labels'].get(a, a)} is left with no stance on a contested proposal"
    groups = run.context["groups"]
    alone = sum(g == groups.get(a) for g in groups.values()) == 1
    return (True, "") if alone else (False, _where(a, run))


# ---- brokers -----------------------------------------------------------------------------------

def claims_under(G: nx.MultiDiGraph, records, **filters) -> nx.MultiDiGraph:
    """The claims of the view ``G`` that the stance filters keep: a stance edge when
    :func:`graph.analysis.stances.filter_stances` keeps its stance (the actor selection aside:
    it says whose rows are shown, not which claims exist), any other claim when it passes the same
    filters of implicit readings, articles and dates.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("ex:a", "ex:o", key="ex:c1", kind="post", source="ex:s1", implicit=False, date="2014")
    >>> _ = G.add_edge("ex:a", "ex:p", key="ex:st", kind="stance", source="ex:s2", implicit=True, date="2015")
    >>> recs = [dict(actor="ex:a", proposal="ex:p", position="support", source="ex:s2", implicit=True, date="2015", stance="ex:st")]
    >>> [list(claims_under(G, recs, **f).edges(keys=True)) for f in ({}, {"include_implicit": False}, {"start": "2015"})]
    [[('ex:a', 'ex:o', 'ex:c1'), ('ex:a', 'ex:p', 'ex:st')], [('ex:a', 'ex:o', 'ex:c1')], [('ex:a', 'ex:p', 'ex:st')]]
    """
    stance_filters = {k: v for k, v in filters.items() if k not in SELECTION}
    kept = {r.stance for r in filter_stances(records, **stance_filters)}
    start, end, mode = filters.get("start"), filters.get("end"), filters.get("dates", "overlap")
    sources = set(filters.get("exclude_sources") or ())
    implicit = filters.get("include_implicit", True)

    def keep(key, d) -> bool:
        if d.get("kind") == "stance":
            return key in kept
        if d.get("source") in sources or (d.get("implicit") and not implicit):
            return False
        when = When(d.get("date"), d.get("earliest"), d.get("latest"))
        return when.overlaps(start, end) if mode == "overlap" else when.within(start, end)

    H = G.edge_subgraph([(u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if keep(k, d)])
    out = nx.MultiDiGraph(H)
    out.graph.update(G.graph)
    return out


def broker_run(G: nx.MultiDiGraph, records, top: int = 5, **filters) -> Run:
    """The broker findings on the view ``G`` (give it first: ``functools.partial(broker_run, G)``):
    each of the ``top`` actors with the highest betweenness (among the selected actors) is among
    the ``top``; each actor linked to members of two or more coalitions (found as
    :func:`graph.analysis.brokers.bridging` finds them, without the stability runs) links them."""
    recs = as_records(records)
    H = claims_under(G, recs, **filters)
    from graph.analysis.brokers import selected

    keep = selected(H, **filters) if filters.get("actor_types") or filters.get("named_only") else None
    rows = centrality(H, actors_only=True, keep=keep) if H.number_of_nodes() else []
    rows = [r for r in rows if H.degree(r["node"]) > 0]
    found = detect_coalitions(recs, **filters)
    links = bridges(H, actor_membership([c for c in found.coalitions if c["size"] > 1]))
    label = lambda n: str(H.nodes[n].get("label") or n) if n in H else str(G.nodes[n].get("label") or n) if n in G else n
    out: list[Finding] = []
    for rank, r in enumerate(rows[:top], start=1):
        claims = [(k, d) for u, v, k, d in H.edges(r["node"], keys=True, data=True)] + \
                 [(k, d) for u, v, k, d in H.in_edges(r["node"], keys=True, data=True)]
        out.append(Finding(("central", r["node"]), f"{r['label']} is among the {top} actors with the highest betweenness "
                           f"(ranked {rank}, {r['betweenness']:.3f})", about=(r["node"],), value=top, test=_central_holds,
                           stances=tuple(sorted({k for k, _ in claims})), articles=tuple(sorted({d["source"] for _, d in claims})),
                           implicit=tuple(sorted({k for k, d in claims if d.get("implicit")})), unit="claim"))
    for b in links:
        names = "; ".join(f"coalition {c}: {', '.join(who)}" for c, who in b["coalitions"].items())
        claims = [(k, d) for u, v, k, d in H.edges(b["node"], keys=True, data=True)] + \
                 [(k, d) for u, v, k, d in H.in_edges(b["node"], keys=True, data=True)]
        out.append(Finding(("bridge", b["node"]), f"{b['label']} links members of {len(b['coalitions'])} coalitions ({names})",
                           about=(b["node"],), test=_bridge_holds,
                           stances=tuple(sorted({k for k, _ in claims})), articles=tuple(sorted({d["source"] for _, d in claims})),
                           implicit=tuple(sorted({k for k, d in claims if d.get("implicit")})), unit="claim"))
    ranks = {r["node"]: (i, r["betweenness"]) for i, r in enumerate(rows, start=1)}
    present = {n for n in H if H.degree(n) > 0 and is_actor(H, n)}
    return Run(out, present=present, context={"ranks": ranks, "bridges": {b["node"] for b in links}, "label": label})


def _central_holds(f: Finding, run: Run) -> tuple[bool | None, str]:
    n = f.about[0]
    name = run.context["label"](n)
    if n not in run.present:
        return None, f"{name} has no claim left"
    rank, b = run.context["ranks"].get(n, (None, 0.0))
    if rank is not None and rank <= f.value:
        return True, ""
    return False, f"{name} ranks {rank} ({b:.3f})" if rank else f"{name} is not ranked"


def _bridge_holds(f: Finding, run: Run) -> tuple[bool | None, str]:
    n = f.about[0]
    name = run.context["label"](n)
    if n not in run.present:
        return None, f"{name} has no claim left"
    return (True, "") if n in run.context["bridges"] else (False, f"{name} links members of one coalition at most")


# ---- polarisation ------------------------------------------------------------------------------

def polarisation_run(records, **filters) -> Run:
    """The polarisation findings: each proposal with actors on both sides divides them; and, when
    there are two groupings or more, whether the coalitions split the debate more than not
    (:func:`graph.analysis.polarisation.polarisation` of them at least 0.5) or not."""
    recs = as_records(records)
    rows = proposal_polarisation(recs, **filters)
    kept = filter_stances(recs, **filters)
    out: list[Finding] = []
    for r in rows:
        if r["support"] and r["oppose"]:
            on = [s for s in kept if s.proposal == r["proposal"]]
            out.append(Finding(("divides", r["proposal"]), f"{r['label']} divides its actors: {r['support']} for, {r['oppose']} against, "
                               f"{r['conditional']} in between (polarisation {r['polarisation']:.2f})",
                               about=(r["proposal"],), test=_divides_holds, **_rests(on)))
    found = detect_coalitions(recs, **filters)
    debate = polarisation(recs, found, **coalition_filters(filters)) if len(found.coalitions) > 1 else None
    if debate is not None:
        more = debate >= 0.5
        out.append(Finding(("debate",), f"the debate is {'' if more else 'not '}split into opposed camps "
                           f"(its coalitions' polarisation {debate:.2f}, {'at least' if more else 'below'} 0.50)", value=more,
                           test=_debate_holds, **_rests(filter_stances(recs, **coalition_filters(filters)))))
    return Run(out, present={s.proposal for s in kept} | {s.actor for s in kept},
               context={"rows": {r["proposal"]: r for r in rows}, "debate": debate})


def _divides_holds(f: Finding, run: Run) -> tuple[bool | None, str]:
    r = run.context["rows"].get(f.about[0])
    if r is None or r["actors"] < 2:
        return None, "fewer than two actors are left with a stance on it"
    return (True, "") if r["support"] and r["oppose"] else (False, f"{r['support']} for, {r['oppose']} against")


def _debate_holds(f: Finding, run: Run) -> tuple[bool | None, str]:
    d = run.context["debate"]
    if d is None:
        return None, "fewer than two groupings"
    return (True, "") if (d >= 0.5) == f.value else (False, f"polarisation {d:.2f}")


def membership_groups(run: Run) -> dict:
    """Actor -> coalition id of a coalition run (for drawing)."""
    return group_of(run.context["partition"])


__all__ = ["LONE", "coalition_run", "broker_run", "polarisation_run", "claims_under", "membership_groups"]
