"""Agreement and disagreement per proposal or per actor (DNA's ``dna_barplot``), with the stances.

For one variable (``proposal``, DNA's concept, or ``actor``) :func:`barplot` counts the kept
stances per entity and per position, under the same filters and duplicate handling as the
networks (:mod:`graph.analysis.stances`).  The positions are the ontology's, most supportive
first: support, conditional support, support in words only, opposition.  A diverging bar chart
draws the supportive positions up and opposition down (the notebook
``notebooks/discourse-dynamics.ipynb`` does).  Entities with fewer than ``exclude_min``
stances are left out (DNA's ``exclude.min``).  Unlike DNA's counts, every count comes with the
stance IRIs it counts and the articles they come from.

Examples
--------
>>> recs = [dict(actor=a, proposal="ex:p", proposal_label="P", position=pos, stance=f"ex:s-{a[3:]}")
...         for a, pos in [("ex:a", "support"), ("ex:b", "support"), ("ex:c", "oppose")]]
>>> row, = barplot(recs)
>>> row["label"], row["counts"], row["agree"], row["disagree"]
('P', {'support': 2, 'conditional': 0, 'nominal': 0, 'oppose': 1}, 2, 1)
"""

from __future__ import annotations

from graph.analysis.stances import as_records, check_option, filter_stances, positions

VARIABLES = ("proposal", "actor")


def barplot(records, variable: str = "proposal", exclude_min: int = 1, **filters) -> list[dict]:
    """One row per entity with a kept stance, most stances first (then by label).

    Each row: ``entity`` (IRI), ``label``, ``counts`` (position -> stances), ``agree`` (support
    of any kind: support, conditional, in words only), ``disagree`` (opposition), ``total``,
    ``stances`` (position -> the stance IRIs counted) and ``articles`` (the sources).

    >>> recs = [dict(actor="ex:a", actor_label="A", proposal=p, position="support") for p in ("ex:p", "ex:q")]
    >>> [(r["label"], r["total"]) for r in barplot(recs, "actor")]
    [('A', 2)]
    >>> barplot(recs, "actor", exclude_min=3)
    []
    """
    check_option("variable", variable, VARIABLES)
    if isinstance(exclude_min, bool) or not isinstance(exclude_min, int) or exclude_min < 1:
        from graph.errors import ParameterError

        raise ParameterError(f"exclude_min={exclude_min!r} is not allowed; give a whole number of at least 1")
    order = positions()
    rows: dict = {}
    for r in filter_stances(as_records(records), **filters):
        key = getattr(r, variable)
        label = (r.proposal_label if variable == "proposal" else r.actor_label) or key
        row = rows.setdefault(key, {"entity": key, "label": label, "counts": dict.fromkeys(order, 0),
                                    "stances": {p: [] for p in order}, "articles": set()})
        row["counts"][r.position] += 1
        row["stances"][r.position] += [r.stance] if r.stance else []
        row["articles"].update([r.source] if r.source else [])
    out = []
    for row in rows.values():
        row["agree"] = sum(n for p, n in row["counts"].items() if p != "oppose")
        row["disagree"] = row["counts"]["oppose"]
        row["total"] = row["agree"] + row["disagree"]
        row["stances"] = {p: sorted(v) for p, v in row["stances"].items()}
        row["articles"] = sorted(row["articles"])
        if row["total"] >= exclude_min:
            out.append(row)
    return sorted(out, key=lambda r: (-r["total"], -r["agree"], r["label"]))


__all__ = ["VARIABLES", "barplot"]
