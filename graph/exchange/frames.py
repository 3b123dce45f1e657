"""pandas DataFrames of the graph's answers, for the notebooks.

pandas comes with the ``notebook`` extra (``pip install -e '.[notebook]'``) and is imported
only when a function here is called, so the rest of the package never needs it.

- :func:`query_frame`: a named query's rows, IRIs shown by their labels, literals as Python
  values (numbers, decimals as floats, booleans; dates as written).
- :func:`stance_frame`: the stance records, one row per stance, with its score on the qualifier
  scale and its interval as dates.
- :func:`coalition_frame`: one row per grouping of a :class:`graph.analysis.coalitions.Partition`, with
  its support, stability and verdict.

Examples
--------
>>> from graph.kg.load import load_kg
>>> kg = load_kg()
>>> df = query_frame(kg, "posts-of-person", person="Norman Lamb")
>>> "Health minister" in set(df["post"])
True
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef

from graph.analysis.stances import as_records, qualifier_scale
from graph.kg.load import KnowledgeGraph
from graph.kg.names import label_of, labels_of
from graph.kg.query import run
from graph.sparql.catalog import find_query


def _pandas():
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - the notebook extra brings it
        raise ImportError("graph.exchange.frames needs pandas: pip install -e '.[notebook]'") from None
    return pd


def query_frame(kg: KnowledgeGraph, name: str, labels: bool = True, **params):
    """The rows of the named query ``name`` (parameters as keywords) as a DataFrame."""
    pd = _pandas()
    result = run(kg, find_query(name, kg.paths), {k: str(v) for k, v in params.items()})
    if labels:
        labels_of(kg, [t for row in result.rows for t in row if isinstance(t, URIRef)])  # one query

    def cell(t):
        if t is None:
            return None
        if isinstance(t, URIRef):
            return label_of(kg, t) if labels else str(t)
        if isinstance(t, Literal):
            value = t.toPython()
            if isinstance(value, Decimal):
                return float(value)
            return value if isinstance(value, (bool, int, float)) else str(t)
        return str(t)
    return pd.DataFrame([[cell(t) for t in row] for row in result.rows], columns=list(result.vars))


def stance_frame(records, conditional: str = "half"):
    """One row per stance: actor and proposal (labels and IRIs), position, score, implicit,
    unnamed, date as written, ``earliest``/``latest`` as timestamps (``earliest`` missing for a
    stance recalled with no start), source and evidence."""
    pd = _pandas()
    scale = qualifier_scale(conditional)
    rows = [{"actor": r.actor_label or r.actor, "actor_iri": r.actor, "actor_type": r.actor_type,
             "unnamed": r.actor_unnamed, "proposal": r.proposal_label or r.proposal, "proposal_iri": r.proposal,
             "position": r.position, "score": scale[r.position], "implicit": r.implicit, "recalled": r.recalled,
             "date": r.date, "earliest": r.when.span[0] if r.when.span else None,
             "latest": r.when.span[1] if r.when.span else None, "source": r.source, "evidence": r.evidence,
             "stance": r.stance} for r in as_records(records)]
    df = pd.DataFrame(rows)
    for col in ("earliest", "latest"):
        if col in df:
            df[col] = pd.to_datetime(df[col])
    return df


def coalition_frame(partition):
    """One row per grouping of two or more actors: id, size, members, supported, robust (under
    every check, with all its members; None when not checked), the support counts, stability (share
    of resampled runs together, if checked), loose members and the reasons it is too thin.
    ``partition``: a :class:`~graph.analysis.coalitions.Partition` or a period of
    :func:`graph.analysis.checked.checked_coalitions`."""
    pd = _pandas()
    rows = []
    for c in partition.coalitions if hasattr(partition, "coalitions") else partition["coalitions"]:
        if c["size"] < 2:
            continue
        labels = dict(zip(c["members"], c["labels"]))
        rows.append({"id": c["id"], "size": c["size"], "members": "; ".join(c["labels"]), "supported": c["supported"],
                     "robust": c.get("robust"),
                     **{k: c["support"][k] for k in ("stances", "sentences", "articles", "proposals")},
                     "pairs agreeing": f"{c['support']['ties']} of {c['size'] * (c['size'] - 1) // 2}",
                     "stability": c.get("stability"), "loose": "; ".join(labels[m] for m in c["loose"]),
                     "reasons": "; ".join(c["reasons"])})
    return pd.DataFrame(rows)


__all__ = ["query_frame", "stance_frame", "coalition_frame"]
