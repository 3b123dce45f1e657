"""What a suggest test reads of a draft."""

from __future__ import annotations

from graph.coding.suggest.draft import suggest_sheet


def drafted_stances(text, index) -> list[tuple]:
    """The (actor, proposal, position) of each stance ``suggest`` drafts from ``text``."""
    return [(s["actor"], s["proposal"], s["position"]) for s in suggest_sheet(text, index).get("stances", [])]
