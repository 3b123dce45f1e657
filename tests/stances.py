"""Hand-worked stance records shared by the analysis tests (coalitions, stability, polarisation).

A record has the fields of :func:`graph.analysis.stances.stance_records`; ``rec("a1", "p1",
"support")`` is actor ``ex:a1`` (labelled ``A1``) supporting proposal ``ex:p1``.
"""

from __future__ import annotations


def rec(actor, proposal, position, date="2014-06-05", source="ex:s1"):
    """One stance record of ``ex:ACTOR`` on ``ex:PROPOSAL`` at ``date``, from ``source``."""
    return dict(actor=f"ex:{actor}", actor_label=actor.upper(), actor_type="Person",
                proposal=f"ex:{proposal}", proposal_label=proposal, position=position, date=date,
                source=source, evidence=f"{actor} {position}s {proposal}",
                stance=f"ex:st-{actor}-{proposal}-{position}-{date}")


A, B = ["a1", "a2", "a3"], ["b1", "b2", "b3"]
CAMP_A, CAMP_B = [f"ex:{a}" for a in A], [f"ex:{b}" for b in B]
# Two clean camps: the a's support p1..p3, the b's oppose them.
CLEAN = [rec(a, p, "support") for a in A for p in ("p1", "p2", "p3")] + \
        [rec(b, p, "oppose") for b in B for p in ("p1", "p2", "p3")]
