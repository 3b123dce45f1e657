"""Reports for people of DNA's analyses: backbone, barplot, polarisation over time, phases, multiclust.

Each report starts with the filters in words and ends with what the result rests on (stances
and articles), so a reader can go from a number to the statements behind it
(``carekg describe STANCE`` shows one).  The JSON of each command carries every stance IRI.

Examples
--------
>>> print(barplot_text([{"label": "Pool budgets", "counts": {"support": 2, "oppose": 1}, "agree": 2, "disagree": 1,
...                      "total": 3, "articles": ["ex:a1"]}], "proposal", "actors: all; stances: all"), end="")
filters: actors: all; stances: all
stances per proposal, most first: agree (support, conditional, in words only) | disagree
    +2 |  -1  Pool budgets  (support 2, oppose 1; 1 article)
"""

from __future__ import annotations


def _n(n: int, word: str) -> str:
    """``1 stance``, ``2 stances``."""
    return f"{n} {word}" + ("" if n == 1 else "s")


def _articles(n: int) -> str:
    return _n(n, "article")


def backbone_text(result: dict, filters: str) -> str:
    """The backbone, nested ordering or evaluation of :mod:`graph.analysis.backbone`."""
    lines = [f"filters: {filters}",
             f"actor network: {result['actors']} actors, {result['ties']} positive ties (subtract, average normalisation)"]
    if result["method"] == "nested":
        lines += ["proposals by importance (nested backbone: removed last = most important); loss of the backbone "
                  "left once it goes | of those removed so far",
                  f"{'rank':>4} {'backbone':>8} {'removed':>8} {'stances':>7}  proposal"]
        lines += [f"{r['rank']:>4} {r['backbone_loss']:8.3f} {r['redundant_loss']:8.3f} {r['statements']:>7}  {r['label']}"
                  f"  ({_n(r['actors'], 'actor')}; {_articles(len(r['articles']))})" for r in result["proposals"]]
    else:
        head = {"fixed": f"backbone of {len(result['backbone'])} by simulated annealing (seed {result.get('seed')})",
                "penalty": f"backbone by simulated annealing with penalty {result.get('penalty')} (seed {result.get('seed')})",
                "evaluate": "the proposals given, as a backbone"}[result["method"]]
        lines += [f"{head}: loss {result['backbone_loss']:.3f}; the rest alone: loss {result['redundant_loss']:.3f} "
                  "(0 = rebuilds the network's spectrum, 1 = no tie left)", "backbone:"]
        lines += [f"  {r['label']}  ({_n(r['statements'], 'stance')}, {_n(r['actors'], 'actor')}; {_articles(len(r['articles']))})"
                  for r in result["backbone"]]
        lines += ["redundant:"] + [f"  {r['label']}  ({_n(r['statements'], 'stance')})" for r in result["redundant"]]
    return "\n".join(lines) + "\n"


def barplot_text(rows: list[dict], variable: str, filters: str) -> str:
    """The counts of :func:`graph.analysis.barplot.barplot`."""
    lines = [f"filters: {filters}", f"stances per {variable}, most first: agree (support, conditional, in words only) | disagree"]
    for r in rows:
        counts = ", ".join(f"{p} {n}" for p, n in r["counts"].items() if n)
        lines.append(f"{'+' + str(r['agree']):>6} | {'-' + str(r['disagree']):>3}  {r['label']}  ({counts}; {_articles(len(r['articles']))})")
    if not rows:
        lines.append("no stances under these filters")
    return "\n".join(lines) + "\n"


def polarisation_slices_text(periods: list[dict], filters: str) -> str:
    """Polarisation per time slice (:func:`graph.analysis.polarisation_time.polarisation_over_time`)."""
    lines = [f"filters: {filters}"]
    if periods:
        p = periods[0]
        lines.append(f"best split into camps per slice ({p['optimiser']} search, seed {p['seed']}); score 1 = all agreement inside "
                     f"camps and all conflict between them; {p['unplaced']} stance(s) with an open start are in no slice")
        # a finding is a claim: these splits are DNA's exploration, not the checked coalitions
        lines.append("not checked for robustness (implicit stances and concepts nobody opposes are counted; no article or year "
                     "is left out): for checked findings, carekg polarisation without --kernel, or carekg coalitions")
    lines.append(f"{'mid-point':<10} {'score':>5} {'stances':>7} {'actors':>6}  camps")
    for p in periods:
        score = "  n/a" if p["score"] is None else f"{p['score']:5.2f}"
        camps = " | ".join("; ".join(c) for c in p["labels"]) or "(fewer than two actors with a tie)"
        lines.append(f"{p['slice'].mid:<10} {score} {len(p['stances']):>7} {p['actors']:>6}  {camps}")
    return "\n".join(lines) + "\n"


def phases_text(result: dict, filters: str) -> str:
    """The states and transitions of :func:`graph.analysis.phases.phases`."""
    lines = [f"filters: {filters}",
             f"{len(result['slices'])} slices in {result['k']} states ({result['method']}, modularity {result['modularity']:.3f}, "
             f"{result['distance']} distances); {result['unplaced']} stance(s) with an open start are in no slice"]
    for s in result["states"]:
        lines.append(f"  state {s['state']}: {len(s['slices'])} slices, {s['first']} to {s['last']} ({_n(len(s['stances']), 'stance')} weigh in them)")
    lines.append("transitions: " + ("; ".join(f"{t['mid']} state {t['from']} -> {t['to']}" for t in result["transitions"]) or "none"))
    lines.append("other methods: " + ", ".join(f"{s['method']} {s['modularity']:.3f} (k={s['k']})" for s in result["solutions"][1:]))
    return "\n".join(lines) + "\n"


def multiclust_text(result: dict, filters: str) -> str:
    """Every method's best solution, and the best of all (:func:`graph.analysis.multiclust.multiclust`)."""
    lines = [f"filters: {filters}", f"{result['actors']} actors; modularity on the positive subtract network (average normalisation)",
             f"{'modularity':>10} {'k':>3}  method"]
    lines += [f"{r['modularity']:10.3f} {r['k']:>3}  {r['method']}" for r in result["methods"]]
    lines += [f"skipped: {m} ({why})" for m, why in result["skipped"].items()]
    best = result["best"]
    if best:
        lines.append(f"best: {best['method']}, {best['k']} clusters")
        for i, (names, ev) in enumerate(zip(best["labels"], best["evidence"]), 1):
            lines.append(f"  cluster {i}: {'; '.join(names)}  ({_n(len(ev['stances']), 'stance')} in {_articles(len(ev['articles']))} tie it together)")
    return "\n".join(lines) + "\n"


__all__ = ["backbone_text", "barplot_text", "polarisation_slices_text", "phases_text", "multiclust_text"]
