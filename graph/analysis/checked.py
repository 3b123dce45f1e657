"""The analyses as the commands and the notebooks report them: each result with its findings
checked (:mod:`graph.analysis.robustness`) and what they rest on.

- :func:`checked_coalitions`: the coalitions of each period (the whole range, or each year), found
  and judged as :func:`graph.analysis.stability.defend` does, each coalition and member with its
  robustness;
- :func:`checked_polarisation`: polarisation per period, each divided proposal and the debate's
  split with its robustness;
- :func:`checked_brokers`: the most central actors of a view, the actors bridging coalitions, and
  the robustness of each;
- :func:`for_map`: the checked coalitions as the map colours them, kept in the cache.

``checks`` names the checks to run (all of :data:`graph.analysis.robustness.CHECKS` by default;
an empty list runs none).  A checked result carries ``robust`` (True, False, or None when not
checked), ``robustness`` (the :class:`~graph.analysis.robustness.Verdict` as a dict: the claim,
what it rests on, each check's status and notes) and, for a coalition, ``members_robust`` (actor
-> True or False).

Examples
--------
>>> recs = [dict(actor=a, actor_label=a[3:], proposal=p, position=pos, source=s, date="2014", evidence=f"{a} {p} {s}")
...         for a, pos in [("ex:ann", "support"), ("ex:bob", "support"), ("ex:cat", "oppose")]
...         for p, s in [("ex:p", "ex:s1"), ("ex:q", "ex:s2")]]
>>> period, = checked_coalitions(recs, runs=0)
>>> [(c["labels"], c["robust"]) for c in period["coalitions"]]
[(['ann', 'bob'], True), (['cat'], True)]
"""

from __future__ import annotations

import hashlib
import json
from functools import partial
from pathlib import Path

from graph.analysis.brokers import bridging, centrality, selected
from graph.analysis.coalitions import coalitions_over_time
from graph.analysis.findings import broker_run, coalition_run, polarisation_run
from graph.analysis.polarisation import polarisation_over_time
from graph.analysis.robustness import CHECKS, Verdict, robust
from graph.analysis.stability import RUNS, defend
from graph.analysis.stances import as_records


def namer(records, titles: dict | None = None):
    """IRI -> words for the notes: an actor's or proposal's label, an article as "article 001"
    (or its title from ``titles``), anything else as the IRI.

    >>> namer([dict(actor="ex:a", actor_label="Ann", proposal="ex:p", position="support")])("https://w3id.org/carekg/id/article-001")
    'article 001'
    """
    recs = as_records(records)
    labels = {r.actor: r.actor_label for r in recs if r.actor_label} | {r.proposal: r.proposal_label for r in recs if r.proposal_label}

    def name(iri: str) -> str:
        if iri in labels:
            return labels[iri]
        if titles and iri in titles:
            return titles[iri]
        local = str(iri).rsplit("/", 1)[-1]
        return local.replace("-", " ", 1) if local.startswith("article-") else str(iri)
    return name


def _by_key(verdicts: list[Verdict], names) -> dict:
    return {v.finding.key: v.as_dict(names) for v in verdicts}


def checked_coalitions(records, window: str | None = None, method: str = "louvain", seed: int = 0, runs: int = RUNS,
                       checks=None, names=None, **filters) -> list[dict]:
    """The coalitions per period (``window=None``: one period, "all"; "year": each calendar year,
    as :func:`graph.analysis.coalitions.coalitions_over_time`), found and judged by
    :func:`graph.analysis.stability.defend`, each period with ``consensus`` (the proposals left
    out and why) and ``robustness`` (every verdict), each coalition with ``robust`` (the coalition
    and all its members robust), ``robustness`` (the verdict on the coalition holding together,
    or for an actor alone on its agreeing with nobody) and ``members_robust``."""
    recs = as_records(records)
    name = names or namer(recs)
    want = None if checks is None else list(checks)

    def detect(rs, **f):
        found = defend(rs, method=method, seed=seed, runs=runs, **f)
        verdicts = _by_key(robust(partial(coalition_run, method=method, seed=seed), rs, checks=want, names=name, **f), name) \
            if want != [] else {}
        for c in found.coalitions:
            members = tuple(c["members"])
            key = ("alone", members[0]) if len(members) == 1 else ("coalition",) + members
            c["robustness"] = verdicts.get(key)
            c["members_robust"] = {m: verdicts[("member", m)]["robust"] for m in members if ("member", m) in verdicts}
            c["robust"] = None if not verdicts else bool(c["robustness"] and c["robustness"]["robust"]) and all(c["members_robust"].values())
        found.robustness = list(verdicts.values())
        return found

    if window is None:
        return [dict(detect(recs, **filters).as_dict(), period="all")]
    return coalitions_over_time(recs, window=window, detect=detect, **filters)


def checked_polarisation(records, window: str | None = None, checks=None, names=None, **filters) -> list[dict]:
    """Polarisation per period (:func:`graph.analysis.polarisation.polarisation_over_time`), each
    period with ``robustness``: the verdicts on each divided proposal (some for, some against) and
    on the debate's split; each proposal row gains ``robust`` (None for one nobody opposes)."""
    recs = as_records(records)
    name = names or namer(recs)
    want = None if checks is None else list(checks)
    periods = polarisation_over_time(recs, window=window, **filters)
    for p in periods:
        f = dict(filters, **{k: p[k] for k in ("start", "end") if p.get(k)})
        if window is not None:
            f.setdefault("dates", "within")
        verdicts = _by_key(robust(polarisation_run, recs, checks=want, names=name, **f), name) if want != [] else {}
        p["robustness"] = list(verdicts.values())
        for r in p["proposals"]:
            v = verdicts.get(("divides", r["proposal"]))
            r["robust"] = v["robust"] if v else None
        debate = verdicts.get(("debate",))
        p["debate_robust"] = debate["robust"] if debate else None
    return periods


def checked_brokers(G, records, top: int = 20, all_nodes: bool = False, runs: int = RUNS, checks=None, names=None,
                    **filters) -> dict:
    """The brokers of the view ``G``: ``central`` (the rows of
    :func:`graph.analysis.brokers.centrality`, the first ``top``, 0 for all), ``coalitions`` (those of
    two or more actors, found as :func:`graph.analysis.brokers.bridging` finds them), ``bridges``,
    ``filters`` and ``robustness``; the five most between actors and each bridge gain ``robust``
    (the others None: not checked)."""
    recs = as_records(records)
    name = names or namer(recs)
    keep = selected(G, **filters) if filters.get("actor_types") or filters.get("named_only") else None
    rows = centrality(G, actors_only=not all_nodes, keep=keep)
    rows = rows[:top] if top else rows
    found, links = bridging(G, recs, runs=runs, **filters)
    want = None if checks is None else list(checks)
    verdicts = _by_key(robust(partial(broker_run, G, top=5), recs, checks=want, names=name, **filters), name) if want != [] else {}
    for r in rows:
        v = verdicts.get(("central", r["node"]))
        r["robust"] = v["robust"] if v else None
    for b in links:
        v = verdicts.get(("bridge", b["node"]))
        b["robust"] = v["robust"] if v else None
    return {"view": G.graph.get("view"), "central": rows, "filters": found.filters, "bridges": links,
            "coalitions": [{k: c[k] for k in ("id", "members", "labels", "supported")} for c in found.coalitions if c["size"] > 1],
            "robustness": list(verdicts.values())}


#: the most articles the map leaves out one by one in its robustness checks (the curated data has 5)
MAP_ARTICLES = 40


def for_map(records, seed: int = 0, cache: Path | None = None, **filters) -> dict:
    """What the map shows of :func:`checked_coalitions`: each actor's coalition, the coalitions'
    summaries (with their robustness: ``robust``, ``broken_by`` in words, and ``not_robust``, the
    members whose place a check breaks) and the filters, as plain data.  With more than
    :data:`MAP_ARTICLES` articles the check that leaves out each article is not run (the filters
    say so).  The checks rerun the detection about a hundred times, so the answer is kept in
    the cache (:func:`graph.kg.cache.kept`) under the stance records, the filters, the seed and
    the code that computes it (this module and every module it imports,
    :func:`graph.kg.cache.code_digest`): a second map of the same data does not pay for them again.

    >>> import tempfile
    >>> recs = [dict(actor=a, proposal="ex:p", position=pos, source="ex:s", evidence="one sentence")
    ...         for a, pos in (("ex:a", "support"), ("ex:b", "support"), ("ex:c", "oppose"))]
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     shown = for_map(recs, cache=Path(tmp))
    ...     again = for_map(recs, cache=Path(tmp))
    >>> shown == again, shown["membership"], shown["summaries"][0]["supported"], shown["summaries"][0]["robust"]
    (True, {'ex:a': 1, 'ex:b': 1, 'ex:c': 2}, False, True)
    """
    from graph.analysis.coalitions import actor_membership, coalition_name
    from graph.kg.cache import code_digest, kept

    def compute() -> dict:
        # the coalitions as `carekg coalitions` finds and checks them: each with its robustness.
        # Leaving out each article reruns the detection once per article: beyond MAP_ARTICLES
        # (a synthetic or imported corpus) the map skips that check, and its filters say so.
        recs = as_records(records)
        articles = len({r.source for r in recs if r.source})
        skip = articles > MAP_ARTICLES
        found, = checked_coalitions(recs, seed=seed, checks=[c.name for c in CHECKS if c.name != "articles"] if skip else None, **filters)
        said = found["filters"] + (f"; robustness checked without leaving out each of the {articles} articles "
                                   f"(carekg coalitions runs that check)" if skip else "")
        return {"membership": actor_membership(found["coalitions"]), "filters": said,
                "summaries": [{"name": coalition_name(c), **{k: c[k] for k in ("id", "members", "labels", "size", "supported", "reasons", "robust")},
                               "broken_by": (c.get("robustness") or {}).get("broken_by", []),
                               "not_robust": [m for m, ok in c.get("members_robust", {}).items() if ok is False]}
                              for c in found["coalitions"]]}

    key = hashlib.sha256(json.dumps([list(records), filters, seed, code_digest(__name__)], sort_keys=True,
                                    default=str).encode()).hexdigest()
    return kept("map-coalitions", key, compute, cache=cache)


__all__ = ["namer", "checked_coalitions", "checked_polarisation", "checked_brokers", "MAP_ARTICLES", "for_map"]
