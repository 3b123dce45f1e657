"""Agreement and disagreement counts (graph.analysis.barplot), with the stances counted."""

from __future__ import annotations

import pytest

from graph.analysis.barplot import barplot
from graph.errors import ParameterError

from ..stances import rec

RECS = [rec("a", "p", "support"), rec("a", "p", "support", date="2014-07-01"), rec("b", "p", "conditional"),
        rec("c", "p", "oppose", source="ex:s2"), rec("a", "q", "nominal"), rec("c", "q", "support")]


def test_counts_per_proposal_per_position():
    p, q = barplot(RECS)
    assert (p["entity"], p["counts"], p["agree"], p["disagree"], p["total"]) == \
        ("ex:p", {"support": 2, "conditional": 1, "nominal": 0, "oppose": 1}, 3, 1, 4)
    assert (q["counts"]["nominal"], q["counts"]["support"], q["agree"], q["disagree"]) == (1, 1, 2, 0)
    assert p["stances"]["oppose"] == [RECS[3]["stance"]] and p["articles"] == ["ex:s1", "ex:s2"]


def test_counts_per_actor_and_the_minimum():
    rows = barplot(RECS, "actor", exclude_min=2)
    assert [(r["label"], r["total"]) for r in rows] == [("A", 3), ("C", 2)]


def test_the_same_filters_and_duplicates_as_the_networks():
    # a's two supports of p are one under acrossrange; conditional support left out on request
    rows = {r["entity"]: r for r in barplot(RECS, duplicates="acrossrange", conditional="exclude")}
    assert rows["ex:p"]["counts"] == {"support": 1, "conditional": 0, "nominal": 0, "oppose": 1}


@pytest.mark.parametrize("kw", [{"variable": "concept"}, {"exclude_min": 0}])
def test_bad_options(kw):
    with pytest.raises(ParameterError):
        barplot(RECS, **kw)
