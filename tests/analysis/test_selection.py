"""Actor selection (graph.analysis.selection): by type with subclasses, by number of stances, named only;
on hand-made records and on the curated data, and stated by every output."""

from __future__ import annotations

import json

import pytest

from graph.analysis.discourse import one_mode, two_mode
from graph.analysis.selection import describe_filters, select_actors
from graph.analysis.stances import filter_stances
from graph.errors import ParameterError, UnknownNameError


def rec(actor, classes, position="support", proposal="p", date="2015", unnamed=False):
    return dict(actor=f"ex:{actor}", actor_label=actor, actor_type=classes[0], actor_classes=tuple(classes) + ("Actor",),
                actor_unnamed=unnamed, proposal=f"ex:{proposal}", position=position, date=date, stance=f"ex:s-{actor}-{proposal}-{date}")


RECS = [rec("lamb", ["Person"]), rec("lamb", ["Person"], proposal="q", date="2014"),
        rec("kf", ["ThinkTank", "Organisation"]), rec("dh", ["GovernmentDepartment", "GovernmentBody", "Organisation"]),
        rec("delegates", ["CollectiveActor", "UnnamedActor"], position="oppose", unnamed=True),
        rec("chancellor", ["Person", "UnnamedActor"], unnamed=True)]


@pytest.mark.parametrize("types, expected", [
    (["Person"], ["ex:chancellor", "ex:lamb"]),
    (["organisation"], ["ex:dh", "ex:kf"]),                # subclasses count
    (["Government body", "think tank"], ["ex:dh", "ex:kf"]),  # labels, any case
    (["CollectiveActor"], ["ex:delegates"]),
])
def test_by_type_includes_subclasses(types, expected):
    assert sorted({r["actor"] for r in select_actors(RECS, actor_types=types)}) == expected


def test_named_only_and_min_stances():
    assert sorted({r.actor for r in filter_stances(RECS, named_only=True)}) == ["ex:dh", "ex:kf", "ex:lamb"]
    assert {r.actor for r in filter_stances(RECS, min_stances=2)} == {"ex:lamb"}
    # min_stances counts after the other filters: in 2015 Lamb has one stance left
    assert filter_stances(RECS, min_stances=2, start="2015") == []


def test_networks_leave_unselected_actors_out_even_as_isolates():
    g = one_mode(RECS, named_only=True)
    assert sorted(g) == ["ex:dh", "ex:kf", "ex:lamb"]
    assert g.graph["filters"] == "actors: named only; stances: all"
    t = two_mode(RECS, actor_types=["Person"])
    assert sorted(n for n, k in t.nodes(data="kind") if k == "actor") == ["ex:chancellor", "ex:lamb"]


def test_bad_selection_is_a_clear_error():
    with pytest.raises(UnknownNameError, match="unknown actor type 'Thinktanks'; did you mean: ThinkTank"):
        filter_stances(RECS, actor_types=["Thinktanks"])
    with pytest.raises(ParameterError, match="min_stances=0"):
        filter_stances(RECS, min_stances=0)


def test_description_says_every_filter():
    assert describe_filters({"actor_types": ["Person"], "named_only": True, "min_stances": 3,
                             "exclude_proposals": ["ex:p"], "duplicates": "document", "conditional": "support"},
                            label=lambda iri: iri.upper()) == (
        "actors: Person, named only, at least 3 stances each; stances: repeats counted once per article, "
        "conditional support counted as support, leaving out EX:P")


def test_unnamed_actors_are_marked_in_the_data(records):
    """carekg:UnnamedActor: every collective, and the chancellor the article does not name."""
    unnamed = sorted({r["actor_label"] for r in records if r["actor_unnamed"]})
    assert unnamed == ["Care professionals", "Frontline clinical information leaders across the NHS", "Government bodies",
                       "Local authority care directors", "Many delegates at the NHS Confederation annual conference 2014",
                       "Senior NHS figures in the region", "Some in local government", "Special interest groups",
                       "The chancellor (unnamed)"]
    orgs = {r["actor_label"] for r in select_actors(records, actor_types=["Organisation"])}
    assert {"King's Fund", "Department of Health", "Labour", "The government"} <= orgs and "Norman Lamb" not in orgs


def test_cli_states_the_filters(cli):
    code, out, _ = cli("coalitions", "--named-only", "--min-stances", "2", "--runs", "0")
    assert code == 0
    assert out.splitlines()[0] == "filters: actors: named only, at least 2 stances each; stances: consensus proposals left out"
    assert "chancellor" not in out and "Many delegates" not in out
    data = json.loads(cli("discourse", "one-mode", "--actor-type", "Person", "-f", "json")[1])
    assert data["graph"]["filters"] == "actors: Person; stances: all"
    assert {n["type"] for n in data["nodes"]} == {"Person"}


def test_the_map_colours_coalitions_by_the_same_selection(cli, tmp_path):
    import re

    out = tmp_path / "map.html"
    code, _, err = cli("map", "--named-only", "-o", out)
    assert code == 0, err
    data = json.loads(re.search(r'<script type="application/json" id="carekg-data">(.*?)</script>', out.read_text(encoding="utf-8"), re.S).group(1))
    assert data["coalitions"]["filters"] == "actors: named only; stances: consensus proposals left out"
    assert not any("chancellor" in m for m in data["coalitions"]["members"])
    assert {s["supported"] for s in data["coalitions"]["summaries"]} == {True, False}
