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

from graph.analysis.coalitions import LONE


def _pct(x) -> str:
    return "n/a" if x is None else f"{x:.0%}"


def _names(items, n: int = 6) -> str:
    shown = [f"{i['label']} ({i['members']})" for i in items[:n]]
    return "; ".join(shown) + (f"; and {len(items) - n} more" if len(items) > n else "")


CHECKS_LINE = ("robustness (each finding rerun without implicit stances, without concepts nobody opposes, "
               "leaving out each article in turn, and year by year; robust when no check breaks it):")


def robustness_lines(verdict: dict | None, name: str, indent: str = "      ") -> list[str]:
    """One finding's robustness: "NAME: robust" or "NAME: NOT ROBUST", then each check that
    breaks it with what the rerun shows instead, and what the finding rests on.

    >>> v = {"robust": False, "rests_on": "2 stances in 1 article, on p", "broken_by": ["without implicit stances: X agrees with nobody"]}
    >>> for line in robustness_lines(v, "X"): print(line)
          X: NOT ROBUST (rests on 2 stances in 1 article, on p)
            breaks without implicit stances: X agrees with nobody
    """
    if verdict is None:
        return []
    head = f"{indent}{name}: {'robust' if verdict['robust'] else 'NOT ROBUST'} (rests on {verdict['rests_on']})"
    return [head] + [f"{indent}  breaks {b}" for b in verdict["broken_by"]]


def coalition_text(periods: list[dict], labels: dict | None = None) -> str:
    """Coalitions per period: the verdict, the filters, the proposals left out as consensus, then
    each grouping with its support, stability, positions, loose members, single-sentence ties, the
    reasons it is too thin, and the robustness of the grouping and of each member; then the actors
    that agree with nobody."""
    lab = labels or {}
    lines = [f"filters: {periods[0]['filters']}"] if periods else ["no dated stances under these filters"]
    for p in periods:
        lines += ["", f"{p['period']}: {p['verdict']}"]
        checked = [c for c in p["coalitions"] if c.get("robust") is not None]
        if checked:
            groups = [c for c in checked if c["size"] > 1]
            lines.append(f"  robust under every check: {sum(bool(c['robust']) for c in groups)} of {len(groups)} "
                         f"grouping{'' if len(groups) == 1 else 's'} (with all their members)")
        if p.get("consensus"):
            lines.append("  left out as consensus (cannot tell camps apart): "
                         + "; ".join(f"{c['label']} ({c['why']})" for c in p["consensus"]))
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
            if c.get("robust") is not None:
                head += ", robust" if c["robust"] else ", NOT ROBUST"
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
            if c.get("robustness"):
                verdicts = {tuple(v["key"]): v for v in p.get("robustness") or ()}
                lines.append("    " + CHECKS_LINE)
                lines += robustness_lines(c["robustness"], "the grouping")
                for m, label in zip(c["members"], c["labels"]):
                    lines += robustness_lines(verdicts.get(("member", m)), label)
        alone = [c for c in p["coalitions"] if c["size"] == 1]
        if alone:
            lines.append(f"  {LONE}: {'; '.join(lbl for c in alone for lbl in c['labels'])}")
            for c in alone:
                v = c.get("robustness")
                if v and not v["robust"]:
                    lines += robustness_lines(v, c["labels"][0], indent="    ")
    return "\n".join(lines) + "\n"


def polarisation_text(periods: list[dict]) -> str:
    """Polarisation per period: the debate's, and each contested proposal's, with its robustness
    where it was checked."""
    lines = [f"filters: {periods[0]['filters']}"] if periods else ["no dated stances under these filters"]
    if any(p.get("robustness") for p in periods):
        lines.append("polarisation per proposal: 4 x (actors for) x (actors against) / (actors)^2, "
                     "1 = two equal opposed camps and nobody in between, 0 = nobody against anybody")
    for p in periods:
        debate = "n/a (fewer than two groupings)" if p["debate"] is None else f"{p['debate']:.2f}"
        if p.get("debate_robust") is not None:
            debate += " (robust)" if p["debate_robust"] else " (NOT ROBUST)"
        lines += ["", f"{p['period']}: {p['stances']} stance{'' if p['stances'] == 1 else 's'}; polarisation of the debate {debate}; "
                      f"mean over the proposals with two or more actors {'n/a' if p['mean_proposal'] is None else format(p['mean_proposal'], '.2f')}"]
        verdicts = {tuple(v["key"]): v for v in p.get("robustness") or ()}
        for r in p["proposals"]:
            mark = "" if r.get("robust") is None else ("  robust" if r["robust"] else "  NOT ROBUST")
            lines.append(f"  {r['polarisation']:.2f}  {r['label']}  ({r['actors']} actors: {r['support']} for, "
                         f"{r['conditional']} in between, {r['oppose']} against){mark}")
            v = verdicts.get(("divides", r["proposal"]))
            if v and not v["robust"]:
                lines += [f"        breaks {b}" for b in v["broken_by"]]
        debate_v = verdicts.get(("debate",))
        if debate_v and not debate_v["robust"]:
            lines.append(f"  the debate's split: {debate_v['claim']}")
            lines += [f"        breaks {b}" for b in debate_v["broken_by"]]
        if not p["proposals"]:
            lines.append("  no proposal has stances from two or more actors")
    return "\n".join(lines) + "\n"


def brokers_text(report: dict, all_nodes: bool = False) -> str:
    """The central actors (or nodes) of a view, the coalitions, the actors linking two or more of
    them, and the robustness of the most central and of each link."""
    rows, grouped, links = report["central"], report["coalitions"], report["bridges"]
    verdicts = {tuple(v["key"]): v for v in report.get("robustness") or ()}
    names = {c["id"]: f"coalition {c['id']}" + ("" if c["supported"] else " (too thin)") for c in grouped}
    mark = lambda r: "" if r.get("robust") is None else ("  robust" if r["robust"] else "  NOT ROBUST")
    lines = [f"{'nodes' if all_nodes else 'actors'} of the {report['view']} view, most between first "
             "(betweenness: on shortest paths between others; PageRank: claims pointing at it; reach: reverse PageRank)",
             f"{'betweenness':>11} {'pagerank':>8} {'reach':>7} {'degree':>6}  name (type)"]
    lines += [f"{r['betweenness']:11.3f} {r['pagerank']:8.4f} {r['reach']:7.4f} {r['degree']:6}  {r['label']} ({r['type']}){mark(r)}" for r in rows]
    lines += ["", f"coalitions ({report['filters']}):"] + [f"  coalition {c['id']}: " + "; ".join(c["labels"])
                                                          + ("" if c["supported"] else " (too thin)") for c in grouped]
    lines += ["", "actors linked to members of two or more coalitions:" if links else "no actor links members of two coalitions"]
    lines += [f"  {b['label']} (participation {b['participation']:.2f}): "
              + "; ".join(f"{names.get(c, c)}: {', '.join(who)}" for c, who in b["coalitions"].items()) + mark(b) for b in links]
    checked = [v for v in verdicts.values()]
    if checked:
        lines += ["", CHECKS_LINE]
        for v in checked:
            lines += robustness_lines(v, v["claim"], indent="  ")
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


__all__ = ["CHECKS_LINE", "robustness_lines", "coalition_text", "polarisation_text", "brokers_text", "paths_text"]
