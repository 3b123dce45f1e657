"""Plain-text reports of the analyses, as the command line prints them.

Each function takes what the library returns (coalitions per period from
:func:`graph.analysis.coalitions.coalitions_over_time` or one :class:`~graph.analysis.coalitions.Partition`,
rows of :func:`graph.analysis.polarisation.proposal_polarisation`, paths of
:func:`graph.analysis.brokers.influence_paths`) and returns text that states the filters it used and
says plainly when the evidence is thin.

Examples
--------
>>> print(paths_text([{"length": 1, "labels": ["Ann", "Org"], "hops": [{"from_label": "Ann", "to_label": "Org",
...     "claims": [{"forward": True, "relation": "holds post in", "date": "2015", "article_title": "An article",
...                 "evidence": "Ann of Org", "implicit": False}]}]}], "Ann", "Org"), end="")
1 path from Ann to Org
<BLANKLINE>
path 1 (1 hop): Ann → Org
  Ann —holds post in→ Org  (2015; An article)
      “Ann of Org”
"""

from __future__ import annotations


def _pct(x) -> str:
    return "n/a" if x is None else f"{x:.0%}"


def _names(items, n: int = 6) -> str:
    shown = [f"{i['label']} ({i['members']})" for i in items[:n]]
    return "; ".join(shown) + (f"; and {len(items) - n} more" if len(items) > n else "")


def coalition_text(periods: list[dict], labels: dict | None = None) -> str:
    """Coalitions per period: the verdict, the filters, then each grouping with its support,
    stability, positions, loose members, single-sentence ties and the reasons it is too thin."""
    lab = labels or {}
    lines = [f"filters: {periods[0]['filters']}"] if periods else ["no dated stances under these filters"]
    for p in periods:
        lines += ["", f"{p['period']}: {p['verdict']}"]
        st = p.get("stability")
        detail = f"  modularity {p['modularity']:.3f}"
        if st:
            methods = ", ".join(f"{m} {v:.2f}" for m, v in st["methods"].items())
            res = st["resampling"]
            detail += (f"; agreement with the same method under {st['runs']} other seeds (adjusted Rand) "
                       f"{st['seeds']['mean']:.2f}, with each method: {methods}; "
                       f"with {_pct(st['fraction'])} of the stances resampled {st['runs']} times: "
                       + ("n/a" if res["mean"] is None else f"mean {res['mean']:.2f}, lowest {res['min']:.2f}"))
        lines.append(detail)
        for c in p["coalitions"]:
            if c["size"] == 1:
                continue
            head = "SUPPORTED" if c["supported"] else "too thin"
            lines.append(f"  coalition {c['id']} ({c['size']} actors) {head}: " + "; ".join(c["labels"]))
            s = c["support"]
            lines.append(f"    support: {s['stances']} stances in {s['sentences']} sentences of {s['articles']} article(s), "
                         f"agreeing on {s['proposals']} proposal(s); {s['ties']} of "
                         f"{c['size'] * (c['size'] - 1) // 2} member pairs agree directly"
                         + (f"; together in {_pct(c['stability'])} of resampled runs" if c.get("stability") is not None else ""))
            if c["supports"]:
                lines.append(f"    supports: {_names(c['supports'])}")
            if c["opposes"]:
                lines.append(f"    opposes: {_names(c['opposes'])}")
            if c["loose"] and c["core"]:
                lines.append("    loose (agree with the others in one sentence only): "
                             + "; ".join(lab.get(m, c["labels"][c["members"].index(m)]) for m in c["loose"]))
            single = [f"{t['a_label']} — {t['b_label']}" for t in c["ties"] if t["single_sentence"]]
            if single:
                lines.append(f"    ties resting on a single sentence: {'; '.join(single)}")
            lines += [f"    - {r}" for r in c["reasons"]]
        alone = [lbl for c in p["coalitions"] if c["size"] == 1 for lbl in c["labels"]]
        if alone:
            lines.append(f"  agreeing with nobody: {'; '.join(alone)}")
    return "\n".join(lines) + "\n"


def polarisation_text(periods: list[dict]) -> str:
    """Polarisation per period: the debate's, and each contested proposal's."""
    lines = [f"filters: {periods[0]['filters']}"] if periods else ["no dated stances under these filters"]
    for p in periods:
        debate = "n/a (fewer than two groupings)" if p["debate"] is None else f"{p['debate']:.2f}"
        lines += ["", f"{p['period']}: {p['stances']} stance{'' if p['stances'] == 1 else 's'}; polarisation of the debate {debate}; "
                      f"mean over contested proposals {'n/a' if p['mean_proposal'] is None else format(p['mean_proposal'], '.2f')}"]
        for r in p["proposals"]:
            lines.append(f"  {r['polarisation']:.2f}  {r['label']}  ({r['actors']} actors: {r['support']} support, "
                         f"{r['conditional']} conditional or in between, {r['oppose']} oppose)")
        if not p["proposals"]:
            lines.append("  no proposal has stances from two or more actors")
    return "\n".join(lines) + "\n"


def paths_text(paths: list[dict], source: str, target: str) -> str:
    """Each path, then each hop with the claims that make it, as stated (subject, relation,
    object), with date, article and evidence."""
    if not paths:
        return f"no path from {source} to {target} within the length asked\n"
    lines = [f"{len(paths)} path{'s' if len(paths) > 1 else ''} from {paths[0]['labels'][0]} to {paths[0]['labels'][-1]}"]
    for i, p in enumerate(paths, start=1):
        lines += ["", f"path {i} ({p['length']} hop{'s' if p['length'] > 1 else ''}): " + " → ".join(p["labels"])]
        for h in p["hops"]:
            for c in h["claims"]:
                subj, obj = (h["from_label"], h["to_label"]) if c["forward"] else (h["to_label"], h["from_label"])
                when = "; ".join(x for x in (c.get("when") or c["date"], c["article_title"]) if x)
                lines.append(f"  {subj} —{c['relation']}→ {obj}  ({when})" + (" [implicit]" if c["implicit"] else ""))
                if c["evidence"]:
                    lines.append(f"      “{c['evidence']}”")
    return "\n".join(lines) + "\n"


__all__ = ["coalition_text", "polarisation_text", "paths_text"]
